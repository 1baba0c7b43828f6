// Functions, arrows and methods: parameters with JavaScript's binding rules (a missing argument
// is undefined, extra arguments are ignored), destructured parameters unpacked at the start of
// the body, and methods given an explicit `this` first parameter.
import ts from 'typescript';
import type { Expr, Param, Stmt } from '../../../engine/interp/ir';
import { JS_THIS } from '../../../engine/interp/jsNames';
import { nameExpr, rangeOf, type LowerContext } from './context';
import { lowerExpr } from './lowerExpr';
import { bindName } from './patterns';
import { lowerBlock } from './lowerStmt';

/** Absorbs extra positional arguments, which JavaScript ignores. */
const REST = '__js_rest';

type FunctionLike = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration;

export interface LoweredFunction {
  readonly params: Param[];
  readonly body: Stmt[] | Expr;
}

/** `withThis`: a method, whose first parameter is the receiver. `prologue` runs before the body. */
export function lowerFunctionLike(f: FunctionLike, cx: LowerContext, withThis: boolean, prologue: readonly Stmt[] = []): LoweredFunction {
  const { params, unpack } = lowerParams(f.parameters, cx);
  if (withThis) {
    const at = f.name ? rangeOf(f.name, cx) : { start: f.getStart(cx.sf), end: f.getStart(cx.sf) };
    params.unshift({ name: JS_THIS, kind: 'positional-or-keyword', range: at });
  }
  const head = [...unpack, ...prologue];
  const body = f.body;
  if (!body) return { params, body: head };
  if (ts.isBlock(body)) return { params, body: [...head, ...lowerBlock(body.statements, cx)] };
  // An expression body is a `return`: as a statement body the parameters get their hints too.
  const value = lowerExpr(body, cx);
  return { params, body: [...head, { k: 'return', value, range: value.range }] };
}

function lowerParams(decls: readonly ts.ParameterDeclaration[], cx: LowerContext): { params: Param[]; unpack: Stmt[] } {
  const params: Param[] = [];
  const unpack: Stmt[] = [];
  let hasRest = false;
  for (const p of decls) {
    // TypeScript's `this: Foo` parameter only types the receiver.
    if (ts.isIdentifier(p.name) && p.name.text === 'this') continue;
    const range = rangeOf(p.name, cx);
    let name: string;
    if (ts.isIdentifier(p.name)) name = p.name.text;
    else {
      name = `__js_arg${++cx.nextTemp}`;
      unpack.push(...bindName(p.name, nameExpr(name, range), rangeOf(p, cx), cx));
    }
    if (p.dotDotDotToken) {
      hasRest = true;
      params.push({ name, kind: 'var-positional', range });
      continue;
    }
    const dflt: Expr = p.initializer ? lowerExpr(p.initializer, cx) : { k: 'none', range };
    params.push({ name, kind: 'positional-or-keyword', default: dflt, range });
  }
  if (!hasRest) {
    const end = decls.length > 0 ? decls[decls.length - 1].end : 0;
    params.push({ name: REST, kind: 'var-positional', range: { start: end, end } });
  }
  return { params, unpack };
}
