// `node --import ./register.mjs`: installs hooks.mjs. TF.js's ES build still calls `require` for
// Node's own modules (platform_node.js), which an ES module scope lacks: it gets one.
import { createRequire, register } from 'node:module';

globalThis.require ??= createRequire(import.meta.url);
register('./hooks.mjs', import.meta.url);
