// Lowering of parameter lists (def and lambda): every kind, defaults and annotations.
import type { Node } from 'web-tree-sitter';
import type { Expr, Param, ParamKind } from '../../../engine/interp/ir';
import { lowerExpr } from './lowerExpr';
import { namedKids, rangeOf, textOf, type LowerContext } from './syntax';

interface MutableParam {
  name: string;
  kind: ParamKind;
  default?: Expr;
  annotation?: Expr;
  range: Param['range'];
}

export function lowerParams(list: Node | null, cx: LowerContext): Param[] {
  if (list === null) return [];
  const out: MutableParam[] = [];
  // After `*` or `*args`, plain parameters are keyword-only.
  let keywordOnly = false;
  const plainKind = (): ParamKind => (keywordOnly ? 'keyword-only' : 'positional-or-keyword');

  for (const p of namedKids(list)) {
    switch (p.type) {
      case 'identifier':
        out.push({ name: textOf(p, cx), kind: plainKind(), range: rangeOf(p) });
        break;
      case 'default_parameter':
      case 'typed_default_parameter': {
        const name = p.childForFieldName('name');
        if (name === null || name.type !== 'identifier') break; // Python 2 tuple parameters
        const param: MutableParam = { name: textOf(name, cx), kind: plainKind(), range: rangeOf(p) };
        const type = p.childForFieldName('type');
        if (type !== null) param.annotation = lowerExpr(type, cx);
        const value = p.childForFieldName('value');
        if (value !== null) param.default = lowerExpr(value, cx);
        out.push(param);
        break;
      }
      case 'typed_parameter': {
        // The name part is an identifier, `*args` or `**kwargs`; the annotation is the `type` field.
        const inner = namedKids(p).find((c) => c.type !== 'type');
        const type = p.childForFieldName('type');
        if (inner === undefined) break;
        const param = splatOrPlain(inner, cx, plainKind());
        if (param === undefined) break;
        if (param.kind === 'var-positional') keywordOnly = true;
        out.push({ ...param, range: rangeOf(p), ...(type !== null ? { annotation: lowerExpr(type, cx) } : {}) });
        break;
      }
      case 'list_splat_pattern':
      case 'dictionary_splat_pattern': {
        const param = splatOrPlain(p, cx, plainKind());
        if (param === undefined) break;
        if (param.kind === 'var-positional') keywordOnly = true;
        out.push(param);
        break;
      }
      case 'keyword_separator':
        keywordOnly = true;
        break;
      case 'positional_separator':
        for (const q of out) if (q.kind === 'positional-or-keyword') q.kind = 'positional-only';
        break;
      default:
        break; // tuple_pattern (Python 2) and ERROR: no parameter we can name
    }
  }
  return out;
}

function splatOrPlain(n: Node, cx: LowerContext, plain: ParamKind): MutableParam | undefined {
  if (n.type === 'identifier') return { name: textOf(n, cx), kind: plain, range: rangeOf(n) };
  const name = namedKids(n)[0];
  if (name === undefined || name.type !== 'identifier') return undefined;
  const kind: ParamKind = n.type === 'list_splat_pattern' ? 'var-positional' : 'var-keyword';
  return { name: textOf(name, cx), kind, range: rangeOf(n) };
}
