// Small helpers over tree-sitter-julia nodes and the context the Julia lowering passes share.
import type { Node } from 'web-tree-sitter';
import type { Expr, Range } from '../../../engine/interp/ir';

export interface JuliaContext {
  readonly src: string;
  /** Structs marked `@layer` / `@functor` anywhere in the file, with the macro as written (their base). */
  readonly layerStructs: ReadonlyMap<string, Expr>;
  /** Collections being indexed (innermost last): `end` inside `x[...]` is `lastindex(x, dim, n)`. */
  readonly indexing: { readonly obj: Expr; readonly dim: number; readonly count: number }[];
  /** Inside `@.`: every call and operator broadcasts. */
  dotted: boolean;
  /** Inside `@autosize`: constructor calls with `_` become lazy layers. */
  autosize: boolean;
  /** While lowering one lazy layer: what `_` stands for. */
  underscore: Expr | undefined;
  /** Fresh-name counter (method definitions, destructured parameters). */
  counter: { n: number };
}

export function rangeOf(n: Node): Range {
  return { start: n.startIndex, end: n.endIndex };
}

export function textOf(n: Node, cx: { readonly src: string }): string {
  return cx.src.slice(n.startIndex, n.endIndex);
}

export function isComment(n: Node): boolean {
  return n.type === 'line_comment' || n.type === 'block_comment';
}

/** Named children without comments. */
export function kids(n: Node): Node[] {
  const out: Node[] = [];
  for (const c of n.namedChildren) if (!isComment(c)) out.push(c);
  return out;
}

/** The `op` text of an `operator` child (`=>`, `.+`, `+=`...), or undefined. */
export function operatorOf(n: Node, cx: { readonly src: string }): string | undefined {
  for (const c of n.children) if (c.type === 'operator') return textOf(c, cx);
  return undefined;
}

export function operatorNode(n: Node): Node | undefined {
  for (const c of n.children) if (c.type === 'operator') return c;
  return undefined;
}

/** The macro's name without `@` and module prefix (`Flux.@layer` -> `layer`, `@.` -> `.`). */
export function macroName(n: Node, cx: { readonly src: string }): string {
  const id = n.namedChildren.find((c) => c.type === 'macro_identifier');
  return id ? textOf(id, cx).replace(/^@/, '') : '';
}

/** The arguments of a macro call (the `macro_argument_list`'s children, or a parenthesised call's). */
export function macroArgs(n: Node): Node[] {
  const list = n.namedChildren.find((c) => c.type === 'macro_argument_list' || c.type === 'argument_list');
  return list ? kids(list) : [];
}

/** Statement children of a block-like node: everything named except the given header children. */
export function blockKids(n: Node, skip: (c: Node) => boolean = () => false): Node[] {
  return kids(n).filter((c) => !skip(c));
}

export const name = (id: string, range: Range): Expr => ({ k: 'name', id, range });
export const num = (value: number, range: Range): Expr => ({ k: 'num', value, isFloat: false, range });
export const callOf = (fn: Expr, args: readonly Expr[], range: Range): Expr => ({
  k: 'call', fn, args: args.map((value) => ({ value, range: value.range })), range,
});
