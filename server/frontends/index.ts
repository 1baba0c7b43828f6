// Every frontend, registered on import: importing this module is how the CLI and the server
// learn the languages they can analyse.
import './python/frontend';
import './julia/frontend';
import './typescript/frontend';

export { allFrontends, frontendForLanguage, frontendForLanguageId, frontendForPath, initFrontends, type Frontend, type SourceDocument } from './frontend';
