// The TypeScript/JavaScript frontend: the TypeScript compiler API parses (.ts, .tsx, .js, .jsx,
// .mjs, .cjs) and lower.ts turns the tree into the core IR. An open document is re-parsed from its
// whole text on each edit and lowered once per text (cheap next to analysis; measured by the
// `lsp-ts-inlay-hints-p95` bench). Imports name files relative to the importer; packages are
// never read (`@tensorflow/*` is a module the interpreter knows).
import * as path from 'node:path';
import type { Frontend, SourceDocument, TextEdit } from '../frontend';
import { registerFrontend } from '../frontend';
import type { ModuleIR } from '../../../engine/interp/ir';
import '../../../engine/interp/javascript';
import { lowerTypeScript } from './lower';
import { isRelativeSpecifier } from './modules';

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

class TypeScriptDocument implements SourceDocument {
  private lowered: ModuleIR | undefined;
  constructor(private current: string, private readonly fileName: string | undefined) {}
  get text(): string {
    return this.current;
  }
  applyEdit(edit: TextEdit): void {
    this.current = this.current.slice(0, edit.start) + edit.text + this.current.slice(edit.end);
    this.lowered = undefined;
  }
  setText(text: string): void {
    this.current = text;
    this.lowered = undefined;
  }
  lower(): ModuleIR {
    return (this.lowered ??= lowerTypeScript(this.current, this.fileName));
  }
  dispose(): void {
    this.lowered = undefined;
  }
}

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
