// One way to build: esbuild bundles the client, the language server and the CLI into dist/,
// and copies the parser's wasm files beside them (the bundles load them at run time).
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), '..');
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

const entries = [
  { in: 'client/extension.ts', out: 'client' },
  { in: 'server/server.ts', out: 'server' },
  { in: 'server/cli.ts', out: 'cli' },
].filter((e) => existsSync(join(root, e.in)));

await build({
  entryPoints: entries.map((e) => ({ in: join(root, e.in), out: e.out })),
  outdir: dist,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['vscode', 'onnxruntime-node', 'onnxruntime-web'],
  // web-tree-sitter is an ES module that locates itself with import.meta.url; give the CJS
  // bundle the equivalent.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});

for (const file of ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-python/tree-sitter-python.wasm', 'tree-sitter-julia/tree-sitter-julia.wasm']) {
  copyFileSync(require.resolve(file), join(dist, file.split('/')[1]));
}
