// Error isolation for broken code. tree-sitter's own recovery can swallow the rest of a file into
// one ERROR node (an unclosed `(` inside a method eats every following method and class), so we
// patch the offending line and re-parse incrementally until the tree is clean or we give up.
// A patched line keeps its length (first a `pass` placeholder at its indentation, so the enclosing
// block stays non-empty, then blanks), so every offset stays valid for the original text.
import type { Node, Parser, Tree } from 'web-tree-sitter';
import { Edit } from 'web-tree-sitter';
import type { Range } from '../../../engine/interp/ir';
import { isExtra, STATEMENT_TYPES } from './syntax';

export interface RepairedTree {
  /** The tree to lower: the input tree itself when it had no ERROR node. */
  readonly tree: Tree;
  /** The text `tree` was parsed from: the input text with some lines patched. */
  readonly text: string;
  /** Patched rows and the original content range of each (what lowering reports as unknown). */
  readonly patchedRows: ReadonlyMap<number, Range>;
}

/** Enough for realistic damage; pathological input keeps its remaining ERROR nodes. */
const MAX_ROUNDS = 64;

/** Nodes whose children are statements or statement parts: the walk up from an error stops here. */
const STATEMENT_CONTAINERS: ReadonlySet<string> = new Set([
  'module',
  'block',
  'ERROR',
  'function_definition',
  'class_definition',
  'decorated_definition',
  'if_statement',
  'elif_clause',
  'else_clause',
  'for_statement',
  'while_statement',
  'try_statement',
  'except_clause',
  'finally_clause',
  'with_statement',
  'match_statement',
  'case_clause',
]);

export function repairTree(parser: Parser, text: string, tree: Tree): RepairedTree {
  const patchedRows = new Map<number, Range>();
  if (!tree.rootNode.hasError) return { tree, text, patchedRows };
  const lineStarts = computeLineStarts(text);
  const level = new Map<number, number>(); // 1: placeholder, 2: blank
  let curTree = tree;
  let curText = text;

  for (let round = 0; round < MAX_ROUNDS; round++) {
    // Only ERROR nodes trigger patching: a MISSING token already leaves a well-shaped tree.
    const error = curTree.rootNode.descendantsOfType('ERROR')[0];
    if (error === undefined) break;
    const row = chooseRow(error, text, lineStarts, level);
    if (row === undefined) break;
    const nextLevel = (level.get(row) ?? 0) + 1;
    // An unclosed bracket: its continuation lines would parse as nonsense on their own.
    const rows = nextLevel === 1 ? [row, ...continuationRows(text, lineStarts, row)] : [row];
    let nextText = curText;
    const edited = curTree.copy();
    for (const r of rows) {
      const content = lineContent(text, lineStarts, r);
      const length = content.end - content.start;
      const replacement = r === row && nextLevel === 1 ? placeholder(length) : ' '.repeat(length);
      nextText = nextText.slice(0, content.start) + replacement + nextText.slice(content.end);
      const start = { row: r, column: content.start - lineStarts[r]! };
      const end = { row: r, column: content.end - lineStarts[r]! };
      edited.edit(
        new Edit({
          startIndex: content.start,
          oldEndIndex: content.end,
          newEndIndex: content.end,
          startPosition: start,
          oldEndPosition: end,
          newEndPosition: end,
        }),
      );
    }
    const next = parser.parse(nextText, edited);
    edited.delete();
    if (next === null) break;
    if (curTree !== tree) curTree.delete();
    curTree = next;
    curText = nextText;
    for (const r of rows) {
      level.set(r, r === row ? nextLevel : 2);
      patchedRows.set(r, lineContent(text, lineStarts, r));
    }
  }
  return { tree: curTree, text: curText, patchedRows };
}

/**
 * The row to patch for an ERROR. Inside an expression, where the statement containing it starts
 * (for `x = self.` the ERROR may sit on the next line, but the statement that broke starts here).
 * At statement level, tree-sitter often wraps complete statements, even whole classes, into the
 * ERROR: the culprit is its first child that is not a complete statement. A row already blanked
 * cannot help any more, so then the nearest patchable row at or after the error is used.
 */
function chooseRow(error: Node, text: string, lineStarts: readonly number[], level: ReadonlyMap<number, number>): number | undefined {
  const patchable = (row: number): boolean => {
    if ((level.get(row) ?? 0) >= 2) return false;
    const c = lineContent(text, lineStarts, row);
    return c.end > c.start;
  };
  const preferred = culprit(error).startPosition.row;
  if (patchable(preferred)) return preferred;
  for (let row = error.startPosition.row; row < lineStarts.length; row++) if (patchable(row)) return row;
  for (let row = preferred - 1; row >= 0; row--) if (patchable(row)) return row;
  return undefined;
}

function culprit(error: Node): Node {
  const parent = error.parent;
  if (parent !== null && !STATEMENT_CONTAINERS.has(parent.type)) {
    let stmt = error;
    for (let p: Node | null = parent; p !== null && !STATEMENT_CONTAINERS.has(p.type); p = p.parent) stmt = p;
    return stmt;
  }
  for (const c of error.children) {
    if (isExtra(c)) continue;
    if (c.isError) return culprit(c);
    if (c.hasError) {
      const inner = c.descendantsOfType('ERROR')[0];
      if (inner !== undefined) return culprit(inner);
      continue; // only MISSING tokens inside: well-shaped enough
    }
    if (c.type === 'block' || STATEMENT_TYPES.has(c.type)) continue;
    return c;
  }
  return error;
}

const HEADER = /^(?:def|class|if|elif|else|for|while|with|try|except|finally|async|match|case)\b|^@/;

/**
 * The indented lines after `row` when it opens a bracket it does not close (or ends with a
 * backslash), e.g. the arguments of an unclosed call. Compound statement headers are left
 * alone: their indented lines are a body worth keeping.
 */
function continuationRows(text: string, lineStarts: readonly number[], row: number): number[] {
  const content = lineContent(text, lineStarts, row);
  const line = text.slice(content.start, content.end);
  if (!(openBrackets(line) > 0 || line.endsWith('\\'))) return [];
  // A header whose brackets close on a later row (`def prepare_{{name}}(` then one parameter a
  // row, then `):`, a cookiecutter template): those rows, not the body after them, which the
  // header's placeholder keeps.
  if (HEADER.test(line)) return headerContinuation(text, lineStarts, row, netBrackets(line));
  const indent = content.start - lineStarts[row]!;
  const rows: number[] = [];
  for (let r = row + 1; r < lineStarts.length; r++) {
    const c = lineContent(text, lineStarts, r);
    if (c.end === c.start) continue;
    if (c.start - lineStarts[r]! <= indent) break;
    rows.push(r);
  }
  return rows;
}

/** The rows after a header's `row` until its brackets (`depth` open at its end) close. */
function headerContinuation(text: string, lineStarts: readonly number[], row: number, depth: number): number[] {
  const rows: number[] = [];
  for (let r = row + 1; r < lineStarts.length && depth > 0 && rows.length < 64; r++) {
    const c = lineContent(text, lineStarts, r);
    if (c.end === c.start) continue;
    depth += netBrackets(text.slice(c.start, c.end));
    rows.push(r);
  }
  return depth > 0 ? [] : rows;
}

/** Brackets opened minus those closed on one line, ignoring strings and the comment (roughly). */
function netBrackets(line: string): number {
  const code = line.replace(/(['"])(?:\\.|(?!\1).)*\1/g, '""').replace(/#.*/, '');
  let net = 0;
  for (const ch of code) {
    if (ch === '(' || ch === '[' || ch === '{') net++;
    else if (ch === ')' || ch === ']' || ch === '}') net--;
  }
  return net;
}

/** Brackets opened and not closed on one line, ignoring strings and the comment (roughly). */
function openBrackets(line: string): number {
  const code = line.replace(/(['"])(?:\\.|(?!\1).)*\1/g, '""').replace(/#.*/, '');
  let depth = 0;
  for (const ch of code) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if ((ch === ')' || ch === ']' || ch === '}') && depth > 0) depth--;
  }
  return depth;
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The row's text from its first non-blank character to its end (without the line break). */
function lineContent(text: string, lineStarts: readonly number[], row: number): Range {
  let start = lineStarts[row]!;
  let end = row + 1 < lineStarts.length ? lineStarts[row + 1]! - 1 : text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--; // \r of \r\n
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 12 || code === 13;
}

/** A statement of exactly `length` characters (at least 1). */
function placeholder(length: number): string {
  return (length >= 4 ? 'pass' : '0').padEnd(length, ' ');
}
