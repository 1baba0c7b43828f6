// The TypeScript/JavaScript frontend: the TypeScript compiler API parses (.ts, .tsx, .js, .jsx,
// .mjs, .cjs) and lower.ts turns the tree into the core IR; open documents re-parse incrementally
// and re-lower only the statements an edit touched (document.ts). Imports name files relative to
// the importer; packages are never read (`@tensorflow/*` is a module the interpreter knows).
import * as path from 'node:path';
import type { Frontend } from '../frontend';
import { registerFrontend } from '../frontend';
import '../../../engine/interp/javascript';
import { lowerTypeScript } from './lower';
import { isRelativeSpecifier } from './modules';
import { TypeScriptDocument } from './document';

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/**
 * `./model` from `src/train.ts`: `src/model` as written, then with each extension, then as a
 * folder's index file, as Node and TypeScript's bundler resolution look. A `.js` written in a TS
 * import also finds the `.ts` source. Package specifiers give nothing.
 */
export function typescriptImportCandidates(module: string, level: number, importer: string | undefined, _searchPath: readonly string[]): string[] {
  if (level === 0 || !isRelativeSpecifier(module) || importer === undefined) return [];
  const base = path.resolve(path.dirname(importer), module);
  const out: string[] = [];
  const ext = path.extname(base);
  if (EXTENSIONS.includes(ext)) {
    out.push(base);
    const stem = base.slice(0, -ext.length);
    if (ext === '.js' || ext === '.jsx' || ext === '.mjs' || ext === '.cjs') out.push(`${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${stem}.cts`);
  }
  out.push(...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, `index${e}`)));
  return out;
}

export const typescriptFrontend: Frontend = {
  language: 'javascript',
  languageIds: ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'],
  extensions: EXTENSIONS,
  async init() {
    // The compiler API is plain JavaScript: nothing to load.
  },
  lower: (text, fileName) => lowerTypeScript(text, fileName),
  openDocument: (text, fileName) => new TypeScriptDocument(text, fileName),
  importCandidates: typescriptImportCandidates,
};

registerFrontend(typescriptFrontend);
