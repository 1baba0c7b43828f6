// seedrandom (CommonJS) with the named export TF.js's ES build imports.
import { createRequire } from 'node:module';

const seedrandom = createRequire(import.meta.url)('seedrandom');
export default seedrandom;
export const alea = seedrandom.alea;
