// One open text document (a source file or a notebook cell): its text and version, updated by
// incremental didChange events. Standalone files also keep their frontend's SourceDocument so an
// edit re-parses only what changed.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import type { Frontend, SourceDocument } from '../frontends';
import { LineIndex } from '../lineIndex';
import { offsetAt } from './positions';

export class TextDocumentState {
  private currentText: string;
  private index: LineIndex | undefined;
  private source: SourceDocument | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    text: string,
    /** The frontend that keeps a syntax tree for incremental re-parsing (standalone files; not notebook cells). */
    private readonly frontend: Frontend | undefined,
    private readonly fileName?: string,
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

  /** The parsed document, created on first use (the parser must be initialised by then). */
  get sourceDocument(): SourceDocument | undefined {
    if (!this.frontend) return undefined;
    this.source ??= this.frontend.openDocument(this.currentText, this.fileName);
    return this.source;
  }

  /** Applies LSP content changes in order (each range refers to the text after the previous one). */
  applyChanges(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change) {
        const index = this.lineIndex;
        const start = offsetAt(index, change.range.start);
        const end = Math.max(start, offsetAt(index, change.range.end));
        this.currentText = this.currentText.slice(0, start) + change.text + this.currentText.slice(end);
        this.source?.applyEdit({ start, end, text: change.text });
      } else {
        this.currentText = change.text;
        this.source?.setText(change.text);
      }
      this.index = undefined;
    }
    this.version = version;
  }

  dispose(): void {
    this.source?.dispose();
    this.source = undefined;
  }
}
