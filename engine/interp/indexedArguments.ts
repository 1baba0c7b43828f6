// A required constructor argument named like sizes that the constructor reads only at constant
// indices (DETR's `Conv2d(fpn_dims[0], ...)` in MaskHeadSmallConv): a tuple of sizes named by
// position (`fpn_dims[0]`, `fpn_dims[1]`), as an argument annotated `Tuple[int, int]` is.
import type { Expr, Stmt } from './ir';
import type { Value } from '../value';
import { Dim } from '../shape/dim';
import { int, tupleOf } from './pyvalues';

/** Undefined unless every read of `name` in `body` is `name[i]` with i a constant int >= 0. */
export function indexedSizesArgument(body: readonly Stmt[], name: string): Value | undefined {
  let uses = 0;
  const indices: number[] = [];
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const e = node as Expr;
    if (e.k === 'subscript' && e.obj.k === 'name' && e.obj.id === name && e.index.k === 'num' && !e.index.isFloat && e.index.value >= 0) indices.push(e.index.value);
    if (e.k === 'name' && e.id === name) uses++;
    Object.values(node).forEach(visit);
  };
  visit(body);
  if (indices.length === 0 || indices.length !== uses) return undefined;
  const n = Math.max(...indices) + 1;
  return tupleOf(Array.from({ length: n }, (_, i) => int(Dim.sym(`${name}[${i}]`))));
}
