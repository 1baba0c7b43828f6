// LSP positions <-> UTF-16 offsets with LSP's clamping rules: a character past the end of its
// line means the end of that line, a line past the end of the text means the end of the text.
import type { Position, Range } from 'vscode-languageserver-protocol';
import type { LineIndex } from '../lineIndex';

export function offsetAt(index: LineIndex, pos: Position): number {
  const text = index.text;
  if (pos.line >= index.lineCount) return text.length;
  if (pos.line < 0) return 0;
  const start = index.offset({ line: pos.line, character: 0 });
  let end = pos.line + 1 < index.lineCount ? index.offset({ line: pos.line + 1, character: 0 }) - 1 : text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return start + Math.min(Math.max(pos.character, 0), end - start);
}

export function positionAt(index: LineIndex, offset: number): Position {
  const p = index.position(Math.max(0, Math.min(offset, index.text.length)));
  return { line: p.line, character: p.character };
}

export function rangeAt(index: LineIndex, start: number, end: number): Range {
  return { start: positionAt(index, start), end: positionAt(index, end) };
}

/** The offset just past the last non-newline character of `line`. */
export function lineEndOffset(index: LineIndex, line: number): number {
  return offsetAt(index, { line, character: Number.MAX_SAFE_INTEGER });
}
