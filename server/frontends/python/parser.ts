// Loading web-tree-sitter and the Python grammar once, and PythonDocument: a source text with its
// syntax tree, re-parsed incrementally on edits and lowered to the core IR on demand.
import { Language, Parser, type Tree } from 'web-tree-sitter';
import type { ModuleIR } from '../../../engine/interp/ir';
import { initTreeSitterRuntime, locateWasm } from '../treeSitter';
import { treeEdit, type TextEdit } from './edits';
import { lowerTree } from './lower';

export type { TextEdit } from './edits';

export interface PythonParserOptions {
  /**
   * Directory holding web-tree-sitter.wasm and tree-sitter-python.wasm (the esbuild bundle copies
   * both beside itself). Default: resolve them from node_modules.
   */
  readonly wasmDir?: string;
}

let loading: Promise<Parser> | undefined;
let ready: Parser | undefined;

/**
 * Initialises web-tree-sitter (once per process, shared with the other grammars) and loads the
 * Python grammar; later calls share the first one's result.
 */
export function initPythonParser(options: PythonParserOptions = {}): Promise<Parser> {
  loading ??= load(options).then(
    (parser) => (ready = parser),
    (err: unknown) => {
      loading = undefined; // let a later call retry, e.g. with a corrected wasmDir
      throw err;
    },
  );
  return loading;
}

async function load(options: PythonParserOptions): Promise<Parser> {
  await initTreeSitterRuntime(options.wasmDir);
  const language = await Language.load(locateWasm(options.wasmDir, 'tree-sitter-python.wasm', 'tree-sitter-python/tree-sitter-python.wasm'));
  return new Parser().setLanguage(language);
}

/** The loaded parser; throws if initPythonParser has not completed. */
export function pythonParser(): Parser {
  if (ready === undefined) throw new Error('initPythonParser() must complete before Python documents are parsed');
  return ready;
}

/** One Python source file and its syntax tree. Call dispose() to free the tree's wasm memory. */
export class PythonDocument {
  private currentText: string;
  private currentTree: Tree;
  private lowered: ModuleIR | undefined;

  constructor(text: string) {
    this.currentText = text;
    this.currentTree = parseOrThrow(text);
  }

  get text(): string {
    return this.currentText;
  }

  get tree(): Tree {
    return this.currentTree;
  }

  /** Applies one change incrementally: the old tree is edited, then reused by the parser. */
  applyEdit(edit: TextEdit): void {
    const { start, end, text } = edit;
    const old = this.currentText;
    if (!(0 <= start && start <= end && end <= old.length)) {
      throw new RangeError(`edit [${start}, ${end}) outside a text of length ${old.length}`);
    }
    const newText = old.slice(0, start) + text + old.slice(end);
    this.currentTree.edit(treeEdit(old, start, end, text));
    this.replaceTree(newText, parseOrThrow(newText, this.currentTree));
  }

  /** Replaces the whole text (a fresh parse). */
  setText(text: string): void {
    this.replaceTree(text, parseOrThrow(text));
  }

  /** The module lowered to the core IR (cached until the next edit). */
  lower(): ModuleIR {
    this.lowered ??= lowerTree(pythonParser(), this.currentText, this.currentTree);
    return this.lowered;
  }

  dispose(): void {
    this.currentTree.delete();
  }

  private replaceTree(text: string, tree: Tree): void {
    this.currentTree.delete();
    this.currentText = text;
    this.currentTree = tree;
    this.lowered = undefined;
  }
}

function parseOrThrow(text: string, oldTree?: Tree): Tree {
  const tree = pythonParser().parse(text, oldTree);
  // parse() returns null only without a language or after a cancelling callback; neither is used.
  if (tree === null) throw new Error('tree-sitter returned no tree');
  return tree;
}

/** Parses and lowers a whole text in one go (tests, the CLI). */
export function lowerPython(text: string): ModuleIR {
  const doc = new PythonDocument(text);
  try {
    return doc.lower();
  } finally {
    doc.dispose();
  }
}
