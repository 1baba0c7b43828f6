// A program is what one analysis run covers: a Python file, or a notebook's code cells run in
// order as one module. It maps the analysis' offsets back to the documents the editor shows.
import type { Position, Range } from 'vscode-languageserver-protocol';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ModuleIR } from '../../engine/interp/ir';
import type { TextDocumentState } from './textDocumentState';
import { offsetAt, positionAt } from './positions';
import type { LineIndex } from '../lineIndex';

/** A location inside one of a program's documents. */
export interface DocumentLocation {
  readonly uri: string;
  readonly position: Position;
}

export interface Program {
  /** The file's URI, or the notebook's. Settings are read for this resource. */
  readonly uri: string;
  /** File system path (relative imports are resolved from it), when the URI is a file. */
  readonly path: string | undefined;
  /** Changes whenever the program's text changes. */
  readonly stamp: number;
  readonly text: string;
  lower(): ModuleIR;
  /** The documents making up the program, in order. */
  memberUris(): readonly string[];
  /** Which document and position a program offset falls in. */
  locate(offset: number): DocumentLocation | undefined;
  /** The program offset of a position in one of its documents (undefined for other URIs). */
  offsetOf(uri: string, position: Position): number | undefined;
  /** The line index of a member document. */
  lineIndexOf(uri: string): LineIndex | undefined;
}

let nextStamp = 1;
/** Stamps are unique across programs, so a stamp alone identifies one text of one program. */
export function newStamp(): number {
  return nextStamp++;
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/** A standalone source file: offsets are the document's own. */
export class FileProgram implements Program {
  readonly path: string | undefined;
  stamp = newStamp();

  constructor(readonly document: TextDocumentState) {
    this.path = uriToPath(document.uri);
  }

  get uri(): string {
    return this.document.uri;
  }

  get text(): string {
    return this.document.text;
  }

  /** Call after each change of the document. */
  touch(): void {
    this.stamp = newStamp();
  }

  lower(): ModuleIR {
    return this.document.sourceDocument!.lower();
  }

  memberUris(): readonly string[] {
    return [this.document.uri];
  }

  locate(offset: number): DocumentLocation {
    return { uri: this.document.uri, position: positionAt(this.document.lineIndex, offset) };
  }

  offsetOf(uri: string, position: Position): number | undefined {
    return uri === this.document.uri ? offsetAt(this.document.lineIndex, position) : undefined;
  }

  lineIndexOf(uri: string): LineIndex | undefined {
    return uri === this.document.uri ? this.document.lineIndex : undefined;
  }
}

/** A program range as an LSP range in `uri`, if both ends fall in that document. */
export function rangeIn(program: Program, uri: string, start: number, end: number): Range | undefined {
  const a = program.locate(start);
  const b = program.locate(end);
  if (!a || !b || a.uri !== uri) return undefined;
  // A range running past the end of its cell is cut at the cell's end.
  return { start: a.position, end: b.uri === uri ? b.position : endOf(program, uri) };
}

/** A program range as a location: the document of its start, the range clipped to it. */
export function locationOf(program: Program, start: number, end: number): { uri: string; range: Range } | undefined {
  const a = program.locate(start);
  if (!a) return undefined;
  const range = rangeIn(program, a.uri, start, end);
  return range ? { uri: a.uri, range } : undefined;
}

function endOf(program: Program, uri: string): Position {
  const index = program.lineIndexOf(uri)!;
  return positionAt(index, index.text.length);
}
