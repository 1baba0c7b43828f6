// web-tree-sitter's runtime, shared by every grammar the server loads (Python, Julia): Parser.init
// replaces the wasm module globally, so it runs once per process and each grammar waits for it.
import { Parser } from 'web-tree-sitter';
import { createRequire } from 'node:module';
import { join } from 'node:path';

let runtime: Promise<void> | undefined;

/**
 * Initialises web-tree-sitter once; later calls share the first one's promise. `wasmDir` is where
 * the bundle keeps web-tree-sitter.wasm (default: node_modules).
 */
export function initTreeSitterRuntime(wasmDir?: string): Promise<void> {
  runtime ??= Parser.init({ locateFile: () => locateWasm(wasmDir, 'web-tree-sitter.wasm', 'web-tree-sitter/web-tree-sitter.wasm') }).catch(
    (err: unknown) => {
      runtime = undefined; // let a later call retry, e.g. with a corrected wasmDir
      throw err;
    },
  );
  return runtime;
}

/** A wasm file: in `wasmDir` when given (the bundle copies them beside itself), else from node_modules. */
export function locateWasm(wasmDir: string | undefined, file: string, specifier: string): string {
  if (wasmDir !== undefined) return join(wasmDir, file);
  // `require` exists under tsx and in the CommonJS bundle; plain ESM falls back to the cwd.
  const req = typeof require === 'function' ? require : createRequire(join(process.cwd(), 'index.js'));
  return req.resolve(specifier);
}
