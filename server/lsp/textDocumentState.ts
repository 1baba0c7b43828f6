// One open text document (a .py file or a notebook cell): its text and version, updated by
// incremental didChange events. Python files also keep a PythonDocument so an edit re-parses
// only what changed.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { PythonDocument } from '../frontends/python/parser';
import { LineIndex } from '../lineIndex';
import { offsetAt } from './positions';

export class TextDocumentState {
  private currentText: string;
  private index: LineIndex | undefined;
  private python: PythonDocument | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    text: string,
    /** Keep a syntax tree for incremental re-parsing (standalone Python files; not notebook cells). */
    private readonly keepTree: boolean,
  ) {
    this.currentText = text;
  }

  get text(): string {
    return this.currentText;
  }

  get lineIndex(): LineIndex {
    this.index ??= new LineIndex(this.currentText);
    return this.index;
  }

  /** The syntax tree, created on first use (the parser must be initialised by then). */
  get pythonDocument(): PythonDocument | undefined {
    if (!this.keepTree) return undefined;
    this.python ??= new PythonDocument(this.currentText);
    return this.python;
  }

  /** Applies LSP content changes in order (each range refers to the text after the previous one). */
  applyChanges(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change) {
        const index = this.lineIndex;
        const start = offsetAt(index, change.range.start);
        const end = Math.max(start, offsetAt(index, change.range.end));
        this.currentText = this.currentText.slice(0, start) + change.text + this.currentText.slice(end);
        this.python?.applyEdit({ start, end, text: change.text });
      } else {
        this.currentText = change.text;
        this.python?.setText(change.text);
      }
      this.index = undefined;
    }
    this.version = version;
  }

  dispose(): void {
    this.python?.dispose();
    this.python = undefined;
  }
}
