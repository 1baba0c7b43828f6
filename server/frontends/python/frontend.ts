// The Python frontend: web-tree-sitter with tree-sitter-python, lowered to the core IR; open
// documents keep their tree (incremental re-parse) and re-lower only the top-level statements an
// edit touched.
import * as path from 'node:path';
import type { Frontend, SourceDocument } from '../frontend';
import { registerFrontend } from '../frontend';
import type { ModuleIR } from '../../../engine/interp/ir';
import { ChunkedLowering } from './chunkedLowering';
import { initPythonParser, lowerPython, PythonDocument, type TextEdit } from './parser';

class PythonSourceDocument implements SourceDocument {
  private readonly doc: PythonDocument;
  private readonly lowering = new ChunkedLowering();
  constructor(text: string) {
    this.doc = new PythonDocument(text);
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
    return this.lowering.lower(this.doc.text, this.doc.tree);
  }
  dispose(): void {
    this.doc.dispose();
  }
}

/**
 * The files an import may name, in Python's order: `a/b.py` then `a/b/__init__.py` in each base
 * (the importer's package for relative imports; its folder then the search path otherwise).
 */
export function pythonImportCandidates(module: string, level: number, importer: string | undefined, searchPath: readonly string[]): string[] {
  const bases: string[] = [];
  if (level > 0) {
    if (importer === undefined) return [];
    let dir = path.dirname(importer);
    for (let i = 1; i < level; i++) dir = path.dirname(dir);
    bases.push(dir);
  } else {
    if (importer !== undefined) bases.push(path.dirname(importer));
    bases.push(...searchPath);
  }
  const rel = module ? module.split('.') : [];
  return bases.flatMap((base) => [path.join(base, ...rel) + '.py', path.join(base, ...rel, '__init__.py')]);
}

export const pythonFrontend: Frontend = {
  language: 'python',
  languageIds: ['python'],
  extensions: ['.py', '.pyi'],
  async init(options) {
    await initPythonParser({ wasmDir: options.wasmDir });
  },
  lower: (text) => lowerPython(text),
  openDocument: (text) => new PythonSourceDocument(text),
  importCandidates: pythonImportCandidates,
};

registerFrontend(pythonFrontend);
