// The JavaScript/TypeScript language profile: its global names (jsBuiltins.ts, with the hidden
// helpers the TypeScript frontend lowers into) and the properties and methods of its plain values
// (jsMethods.ts). Importing this module registers the profile.
import { registerLanguage, type LanguageProfile } from './languages';
import { javascriptBuiltins } from './jsBuiltins';
import { javascriptValueAttr } from './jsMethods';

export const javascriptProfile: LanguageProfile = {
  language: 'javascript',
  builtins: javascriptBuiltins,
  valueAttr: javascriptValueAttr,
};

registerLanguage(javascriptProfile);
