// Module resolution hooks that load TF.js from the ES module builds its packages ship
// (dist/**/*.js, written with extensionless imports for bundlers), so that tfjs-core, its
// gradients and chained ops, tfjs-backend-cpu and tfjs-layers are one module graph — the one the
// `@tensorflow/tfjs` bundle composes. Only module locations are rewritten; no code is changed.
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const req = createRequire(fileURLToPath(import.meta.url));
const PACKAGES = ['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers', '@tensorflow/tfjs-backend-cpu'];

function packageDir(name) {
  return req.resolve(`${name}/package.json`).replace(/package\.json$/, '');
}

export async function resolve(specifier, context, next) {
  // seedrandom is CommonJS; the ES builds read its named export `alea`.
  if (specifier === 'seedrandom') return { url: new URL('./seedrandom.mjs', import.meta.url).href, format: 'module', shortCircuit: true };
  for (const name of PACKAGES) {
    if (specifier === name) return { url: pathToFileURL(`${packageDir(name)}dist/index.js`).href, format: 'module', shortCircuit: true };
    if (specifier.startsWith(`${name}/dist/`)) {
      let file = packageDir(name) + specifier.slice(name.length + 1);
      if (!file.endsWith('.js')) file += '.js';
      return { url: pathToFileURL(file).href, format: 'module', shortCircuit: true };
    }
  }
  if ((specifier.startsWith('./') || specifier.startsWith('../')) && context.parentURL?.includes('/@tensorflow/')) {
    const url = new URL(specifier, context.parentURL);
    const file = fileURLToPath(url);
    if (existsSync(`${file}.js`)) return { url: `${url.href}.js`, format: 'module', shortCircuit: true };
    if (existsSync(file) && statSync(file).isDirectory()) return { url: `${url.href}/index.js`, format: 'module', shortCircuit: true };
  }
  return next(specifier, context);
}
