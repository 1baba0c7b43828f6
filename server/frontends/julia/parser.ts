// Loading the Julia grammar (tree-sitter-julia's wasm, on the shared web-tree-sitter runtime) and
// JuliaDocument: a source text with its syntax tree, re-parsed incrementally on edits.
import { Language, Parser, type Tree } from 'web-tree-sitter';
import type { ModuleIR } from '../../../engine/interp/ir';
import { treeEdit, type TextEdit } from '../python/edits';
import { initTreeSitterRuntime, locateWasm } from '../treeSitter';
import { lowerJuliaTree } from './lower';

let loading: Promise<Parser> | undefined;
let ready: Parser | undefined;

/** Loads the Julia grammar once (after the shared runtime); later calls share the first result. */
export function initJuliaParser(options: { readonly wasmDir?: string } = {}): Promise<Parser> {
  loading ??= load(options.wasmDir).then(
    (parser) => (ready = parser),
    (err: unknown) => {
      loading = undefined;
      throw err;
    },
  );
  return loading;
}

async function load(wasmDir: string | undefined): Promise<Parser> {
  await initTreeSitterRuntime(wasmDir);
  const language = await Language.load(locateWasm(wasmDir, 'tree-sitter-julia.wasm', 'tree-sitter-julia/tree-sitter-julia.wasm'));
  return new Parser().setLanguage(language);
}

export function juliaParser(): Parser {
  if (ready === undefined) throw new Error('initJuliaParser() must complete before Julia documents are parsed');
  return ready;
}

function parse(text: string, old?: Tree): Tree {
  const tree = juliaParser().parse(text, old);
  if (tree === null) throw new Error('tree-sitter returned no tree');
  return tree;
}

/** One Julia source file and its syntax tree. Call dispose() to free the tree's wasm memory. */
export class JuliaDocument {
  private currentText: string;
  private currentTree: Tree;
  private lowered: ModuleIR | undefined;

  constructor(text: string) {
    this.currentText = text;
    this.currentTree = parse(text);
  }

  get text(): string {
    return this.currentText;
  }

  applyEdit(edit: TextEdit): void {
    const { start, end, text } = edit;
    const old = this.currentText;
    if (!(0 <= start && start <= end && end <= old.length)) throw new RangeError(`edit [${start}, ${end}) outside a text of length ${old.length}`);
    const next = old.slice(0, start) + text + old.slice(end);
    this.currentTree.edit(treeEdit(old, start, end, text));
    this.replace(next, parse(next, this.currentTree));
  }

  setText(text: string): void {
    this.replace(text, parse(text));
  }

  lower(): ModuleIR {
    this.lowered ??= lowerJuliaTree(juliaParser(), this.currentText, this.currentTree);
    return this.lowered;
  }

  dispose(): void {
    this.currentTree.delete();
  }

  private replace(text: string, tree: Tree): void {
    this.currentTree.delete();
    this.currentText = text;
    this.currentTree = tree;
    this.lowered = undefined;
  }
}

/** Parses and lowers a whole text in one go (the CLI, imports, tests). */
export function lowerJulia(text: string): ModuleIR {
  const doc = new JuliaDocument(text);
  try {
    return doc.lower();
  } finally {
    doc.dispose();
  }
}
