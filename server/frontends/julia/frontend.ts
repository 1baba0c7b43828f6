// The Julia frontend (Flux code): tree-sitter-julia on the shared web-tree-sitter runtime, lowered
// to the core IR with language 'julia' (the interpreter then uses the Julia profile's builtins).
import * as path from 'node:path';
import type { Frontend, SourceDocument, TextEdit } from '../frontend';
import { registerFrontend } from '../frontend';
import type { ModuleIR } from '../../../engine/interp/ir';
import '../../../engine/interp/julia';
import { initJuliaParser, JuliaDocument, lowerJulia } from './parser';

class JuliaSourceDocument implements SourceDocument {
  private readonly doc: JuliaDocument;
  constructor(text: string) {
    this.doc = new JuliaDocument(text);
  }
  get text(): string {
    return this.doc.text;
  }
  applyEdit(edit: TextEdit): void {
    this.doc.applyEdit(edit);
  }
  setText(text: string): void {
    this.doc.setText(text);
  }
  lower(): ModuleIR {
    return this.doc.lower();
  }
  dispose(): void {
    this.doc.dispose();
  }
}

/**
 * The files a Julia import may name: `include("path.jl")` relative to the including file;
 * `using .M` as `M.jl` (or `src/M.jl`, `M/src/M.jl`) beside it; `using M` in the importing
 * file's folder, then the search path.
 */
export function juliaImportCandidates(module: string, level: number, importer: string | undefined, searchPath: readonly string[]): string[] {
  const here = importer !== undefined ? path.dirname(importer) : undefined;
  if (module.endsWith('.jl')) return here !== undefined || path.isAbsolute(module) ? [path.resolve(here ?? '/', module)] : [];
  const bases: string[] = [];
  if (level > 0) {
    if (here === undefined) return [];
    let dir = here;
    for (let i = 1; i < level; i++) dir = path.dirname(dir);
    bases.push(dir);
  } else {
    if (here !== undefined) bases.push(here);
    bases.push(...searchPath);
  }
  const last = module.split('.').pop()!;
  return bases.flatMap((b) => [path.join(b, `${last}.jl`), path.join(b, 'src', `${last}.jl`), path.join(b, last, 'src', `${last}.jl`)]);
}

export const juliaFrontend: Frontend = {
  language: 'julia',
  languageIds: ['julia'],
  extensions: ['.jl'],
  async init(options) {
    await initJuliaParser({ wasmDir: options.wasmDir });
  },
  lower: (text) => lowerJulia(text),
  openDocument: (text) => new JuliaSourceDocument(text),
  importCandidates: juliaImportCandidates,
};

registerFrontend(juliaFrontend);
