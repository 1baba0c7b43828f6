// Text edits in UTF-16 offsets and their translation to tree-sitter edits (web-tree-sitter 0.27
// parses the JS string as UTF-16, so its indices and columns are UTF-16 code units too).
import { Edit, type Point } from 'web-tree-sitter';

/** A text change: replace [start, end) of the old text (UTF-16 offsets) with `text`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Row and UTF-16 column of `offset` (web-tree-sitter 0.27 counts both in UTF-16 code units). */
export function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The point reached after writing `inserted` starting at `from`. */
function advance(from: Point, inserted: string): Point {
  const lastNewline = inserted.lastIndexOf('\n');
  if (lastNewline === -1) return { row: from.row, column: from.column + inserted.length };
  let rows = 0;
  for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) rows++;
  return { row: from.row + rows, column: inserted.length - lastNewline - 1 };
}

/** Builds the tree-sitter edit for replacing [start, end) of `oldText` with `inserted`. */
export function treeEdit(oldText: string, start: number, end: number, inserted: string): Edit {
  const startPosition = pointAt(oldText, start);
  const oldEndPosition = advance(startPosition, oldText.slice(start, end));
  return new Edit({
    startIndex: start,
    oldEndIndex: end,
    newEndIndex: start + inserted.length,
    startPosition,
    oldEndPosition,
    newEndPosition: advance(startPosition, inserted),
  });
}

