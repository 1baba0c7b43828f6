// Small helpers over web-tree-sitter nodes shared by the lowering passes.
import type { Node } from 'web-tree-sitter';
import type { Range } from '../../../engine/interp/ir';

/** What lowering needs besides the tree: the text the tree was parsed from. */
export interface LowerContext {
  readonly src: string;
}

export function rangeOf(n: Node): Range {
  return { start: n.startIndex, end: n.endIndex };
}

export function textOf(n: Node, cx: LowerContext): string {
  return cx.src.slice(n.startIndex, n.endIndex);
}

/** Comments and line continuations are extras: they may sit between any two children. */
export function isExtra(n: Node): boolean {
  const t = n.type;
  return t === 'comment' || t === 'line_continuation';
}

/** Named children without extras. */
export function namedKids(n: Node): Node[] {
  const out: Node[] = [];
  for (const c of n.namedChildren) if (!isExtra(c)) out.push(c);
  return out;
}

/** `a . b` as written, without the spaces tree-sitter allows inside dotted names. */
export function dottedName(n: Node, cx: LowerContext): string {
  if (n.type !== 'dotted_name') return textOf(n, cx);
  return namedKids(n)
    .map((c) => textOf(c, cx))
    .join('.');
}

/** Statement kinds tree-sitter may still recognise inside an ERROR node. */
export const STATEMENT_TYPES: ReadonlySet<string> = new Set([
  'expression_statement',
  'return_statement',
  'pass_statement',
  'break_statement',
  'continue_statement',
  'import_statement',
  'import_from_statement',
  'future_import_statement',
  'raise_statement',
  'assert_statement',
  'delete_statement',
  'global_statement',
  'nonlocal_statement',
  'function_definition',
  'class_definition',
  'decorated_definition',
  'if_statement',
  'for_statement',
  'while_statement',
  'try_statement',
  'with_statement',
]);
