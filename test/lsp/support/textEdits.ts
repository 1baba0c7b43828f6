// Client-side text bookkeeping for protocol tests: applying LSP edits and finding positions.
import type { Position, Range, TextEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../../server/lineIndex';

export function offsetOf(text: string, p: Position): number {
  return new LineIndex(text).offset(p);
}

export function positionOf(text: string, offset: number): Position {
  return new LineIndex(text).position(offset);
}

/** Applies edits given against the same text (as a WorkspaceEdit's are), last first. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetOf(out, e.range.start)) + e.newText + out.slice(offsetOf(out, e.range.end));
  return out;
}

/** The range of the `nth` occurrence (0-based) of `needle` in `text`. */
export function rangeOfText(text: string, needle: string, nth = 0): Range {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' (#${nth}) not in text`);
  }
  return { start: positionOf(text, at), end: positionOf(text, at + needle.length) };
}

/** Lines `from` to `to` (0-based, inclusive) as a range. */
export function linesRange(from: number, to: number): Range {
  return { start: { line: from, character: 0 }, end: { line: to + 1, character: 0 } };
}
