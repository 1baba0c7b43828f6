// Julia parameter lists lowered to IR params: positional parameters (typed or not, with
// defaults), `xs...`, and after `;` keyword parameters and `kw...`. A destructuring parameter
// (`(in, out)::Pair`) gets a fresh name and a prologue statement unpacking it. Type annotations
// are kept as IR expressions: method dispatch reads them.
import type { Node } from 'web-tree-sitter';
import type { Expr, Param, ParamKind, Stmt } from '../../../engine/interp/ir';
import { lowerExpr, lowerTarget } from './lowerExpr';
import { callOf, kids, name, rangeOf, textOf, type JuliaContext } from './syntax';

export interface LoweredParams {
  readonly params: Param[];
  /** Statements to run first in the body (destructuring parameters). */
  readonly prologue: Stmt[];
}

/** `Int`, `AbstractArray{T,4}` (kept as a subscript so its rank can be read), `Type{T}`. */
export function lowerType(n: Node, cx: JuliaContext): Expr {
  if (n.type === 'parametrized_type_expression') {
    const [head, curly] = kids(n);
    if (head && curly) return { k: 'subscript', obj: lowerType(head, cx), index: { k: 'tuple', items: kids(curly).map((c) => lowerType(c, cx)), range: rangeOf(curly) }, range: rangeOf(n) };
  }
  return lowerExpr(n, cx);
}

export function lowerParamList(list: Node, cx: JuliaContext, single = false): LoweredParams {
  const params: Param[] = [];
  const prologue: Stmt[] = [];
  const items = single ? [list] : list.children;
  let keywords = false;
  for (const c of items) {
    if (c.type === ';') {
      keywords = true;
      continue;
    }
    if (!c.isNamed || c.type === 'line_comment' || c.type === 'block_comment') continue;
    const kind: ParamKind = keywords ? 'keyword-only' : 'positional-only';
    if (c.type === 'splat_expression') {
      const inner = kids(c)[0];
      const id = inner?.type === 'typed_expression' ? kids(inner)[0] : inner;
      params.push({ name: id ? textOf(id, cx) : `#${cx.counter.n++}`, kind: keywords ? 'var-keyword' : 'var-positional', range: rangeOf(c) });
      continue;
    }
    if (c.type === 'named_argument' || c.type === 'assignment') {
      const [k, v] = kids(c).filter((x) => x.type !== 'operator');
      if (!k) continue;
      const p = oneParam(k, kind, cx, prologue);
      if (p) params.push(v ? { ...p, default: lowerExpr(v, cx) } : p);
      continue;
    }
    const p = oneParam(c, kind, cx, prologue);
    if (p) params.push(p);
  }
  return { params, prologue };
}

function oneParam(n: Node, kind: ParamKind, cx: JuliaContext, prologue: Stmt[]): Param | undefined {
  const range = rangeOf(n);
  switch (n.type) {
    case 'identifier':
      return { name: textOf(n, cx), kind, range };
    case 'typed_expression': {
      const [v, t] = kids(n);
      if (!v) return undefined;
      const annotation = t ? lowerType(t, cx) : undefined;
      if (v.type === 'identifier') return { name: textOf(v, cx), kind, annotation, range };
      return destructured(v, kind, annotation, cx, prologue);
    }
    case 'unary_typed_expression': {
      const t = kids(n)[0];
      return { name: `#${cx.counter.n++}`, kind, annotation: t ? lowerType(t, cx) : undefined, range };
    }
    case 'tuple_expression':
    case 'parenthesized_expression':
      return destructured(n, kind, undefined, cx, prologue);
    default:
      return undefined;
  }
}

/** `(in, out)::Pair` -> a fresh parameter, and `(in, out) = #unpack(param)` first in the body. */
function destructured(n: Node, kind: ParamKind, annotation: Expr | undefined, cx: JuliaContext, prologue: Stmt[]): Param {
  const range = rangeOf(n);
  const fresh = `#${cx.counter.n++}`;
  prologue.push({ k: 'assign', targets: [lowerTarget(n, cx)], value: callOf(name('#unpack', range), [name(fresh, range)], range), range });
  return { name: fresh, kind, annotation, range };
}
