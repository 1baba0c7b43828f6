// A Jupyter notebook as one program: its Python code cells joined in order, so a model class
// defined in one cell is known where a later cell calls it. Offsets map back to each cell.
import type { Position } from 'vscode-languageserver-protocol';
import type { ModuleIR } from '../../engine/interp/ir';
import { pythonParser } from '../frontends/python/parser';
import { ChunkedLowering } from '../frontends/python/chunkedLowering';
import type { LineIndex } from '../lineIndex';
import { newStamp, uriToPath, type DocumentLocation, type Program } from './program';
import { offsetAt, positionAt } from './positions';
import type { TextDocumentState } from './textDocumentState';

export interface NotebookCellEntry {
  readonly uri: string;
  /** 1 = Markup, 2 = Code (LSP NotebookCellKind). */
  kind: number;
}

export class NotebookProgram implements Program {
  readonly path: string | undefined;
  stamp = newStamp();
  cells: NotebookCellEntry[] = [];
  /** Cells not edited keep their lowered IR (most edits touch one cell). */
  private readonly lowering = new ChunkedLowering();
  private joined: { stamp: number; text: string; starts: number[]; members: TextDocumentState[]; ir?: ModuleIR } | undefined;

  constructor(
    readonly uri: string,
    public version: number,
    /** The open cell documents, shared with the server's document table. */
    private readonly cellDocument: (uri: string) => TextDocumentState | undefined,
  ) {
    this.path = uriToPath(uri);
  }

  touch(): void {
    this.stamp = newStamp();
  }

  private current(): NonNullable<NotebookProgram['joined']> {
    if (this.joined?.stamp === this.stamp) return this.joined;
    const members: TextDocumentState[] = [];
    for (const c of this.cells) {
      const doc = c.kind === 2 ? this.cellDocument(c.uri) : undefined;
      if (doc && doc.languageId === 'python') members.push(doc);
    }
    const starts: number[] = [];
    const parts: string[] = [];
    let at = 0;
    for (const doc of members) {
      starts.push(at);
      const text = blankIPythonSyntax(doc.text);
      parts.push(text, '\n');
      at += text.length + 1;
    }
    this.joined = { stamp: this.stamp, text: parts.join(''), starts, members };
    return this.joined;
  }

  get text(): string {
    return this.current().text;
  }

  lower(): ModuleIR {
    const j = this.current();
    if (!j.ir) {
      const tree = pythonParser().parse(j.text);
      if (!tree) throw new Error('tree-sitter returned no tree');
      try {
        j.ir = this.lowering.lower(j.text, tree);
      } finally {
        tree.delete();
      }
    }
    return j.ir;
  }

  memberUris(): readonly string[] {
    return this.current().members.map((d) => d.uri);
  }

  locate(offset: number): DocumentLocation | undefined {
    const { starts, members } = this.current();
    let lo = 0;
    let hi = starts.length - 1;
    if (hi < 0) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const doc = members[lo];
    const local = Math.min(Math.max(offset - starts[lo], 0), doc.text.length);
    return { uri: doc.uri, position: positionAt(doc.lineIndex, local) };
  }

  offsetOf(uri: string, position: Position): number | undefined {
    const { starts, members } = this.current();
    const i = members.findIndex((d) => d.uri === uri);
    return i < 0 ? undefined : starts[i] + offsetAt(members[i].lineIndex, position);
  }

  lineIndexOf(uri: string): LineIndex | undefined {
    return this.current().members.find((d) => d.uri === uri)?.lineIndex;
  }
}

/**
 * IPython lines (`%matplotlib inline`, `!pip install x`, `%%time`) are not Python: they become
 * comments of the same length, so offsets stay put and the rest of the cell still parses.
 */
export function blankIPythonSyntax(text: string): string {
  if (!/^[ \t]*[%!]/m.test(text)) return text;
  return text.replace(/^([ \t]*)[%!]/gm, '$1#');
}
