// Classes: the constructor becomes `__init__(this, ...)`, methods take `this` first, static
// methods and getters carry the decorators the interpreter knows (staticmethod, property).
// Field initializers and constructor parameter properties run in `__init__` right after the
// `super(...)` call (at its start in a base class), as JavaScript runs them; a class without a
// constructor gets one that forwards its arguments to the base class.
import ts from 'typescript';
import type { Arg, Expr, Range, Stmt } from '../../../engine/interp/ir';
import { JS_THIS } from '../../../engine/interp/jsNames';
import { helperCall, nameExpr, rangeOf, staticPropertyName, strExpr, type LowerContext } from './context';
import { lowerExpr } from './lowerExpr';
import { lowerFunctionLike } from './functions';
import { hasModifier, lowerDef } from './lowerStmt';

export function lowerClass(c: ts.ClassDeclaration, cx: LowerContext): Stmt[] {
  const range = rangeOf(c, cx);
  const name = c.name?.text ?? 'default';
  const nameRange = c.name ? rangeOf(c.name, cx) : range;
  const base = c.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
  const bases: Arg[] = base ? [{ value: lowerExpr(base.expression, cx), range: rangeOf(base, cx) }] : [];
  const body: Stmt[] = [];
  const fields: Stmt[] = [];
  let ctor: ts.ConstructorDeclaration | undefined;
  for (const m of c.members) {
    if (ts.isConstructorDeclaration(m)) {
      if (m.body) ctor ??= m;
      continue;
    }
    const key = staticPropertyName(m.name);
    if (key === undefined) continue;
    const isStatic = hasModifier(m, ts.SyntaxKind.StaticKeyword);
    const at = rangeOf(m.name!, cx);
    if (ts.isPropertyDeclaration(m)) {
      if (!m.initializer) continue;
      const value = lowerExpr(m.initializer, cx);
      if (isStatic) body.push({ k: 'assign', targets: [nameExpr(key, at)], value, range: rangeOf(m, cx) });
      else fields.push(setThis(key, value, rangeOf(m, cx)));
    } else if (ts.isMethodDeclaration(m) && m.body) {
      const decorators: Expr[] = isStatic ? [nameExpr('staticmethod', at)] : [];
      body.push(lowerDef(m, key, at, cx, { withThis: !isStatic, decorators }));
    } else if (ts.isGetAccessorDeclaration(m) && m.body && !isStatic) {
      const fn = lowerFunctionLike(m, cx, true);
      body.push({ k: 'def', name: key, nameRange: at, params: fn.params, body: fn.body as Stmt[], decorators: [nameExpr('property', at)], isAsync: false, range: rangeOf(m, cx) });
    }
  }
  const init = lowerConstructor(ctor, base !== undefined, fields, nameRange, cx);
  if (init) body.unshift(init);
  return [{ k: 'class', name, nameRange, bases, body, decorators: [], range }];
}

function setThis(key: string, value: Expr, range: Range): Stmt {
  return { k: 'expr', value: helperCall('set', [nameExpr(JS_THIS, range), strExpr(key, range), value], range), range };
}

function lowerConstructor(ctor: ts.ConstructorDeclaration | undefined, derived: boolean, fields: Stmt[], at: Range, cx: LowerContext): Stmt | undefined {
  if (!ctor) {
    if (!derived && fields.length === 0) return undefined;
    // The implicit constructor: `constructor(...args) { super(...args); <fields> }`.
    const args = nameExpr('args', at);
    const sup: Stmt[] = derived ? [{ k: 'expr', value: superInit([{ star: '*', value: args, range: at }], at), range: at }] : [];
    return {
      k: 'def', name: '__init__', nameRange: at,
      params: [{ name: JS_THIS, kind: 'positional-or-keyword', range: at }, { name: 'args', kind: 'var-positional', range: at }],
      body: [...sup, ...fields], decorators: [], isAsync: false, range: at,
    };
  }
  // `constructor(private units: number)` also stores the argument on the instance.
  const props = ctor.parameters
    .filter((p) => ts.isIdentifier(p.name) && (ts.getModifiers(p) ?? []).length > 0)
    .map((p) => setThis((p.name as ts.Identifier).text, lowerExpr(p.name as ts.Identifier, cx), rangeOf(p, cx)));
  const fn = lowerFunctionLike(ctor, cx, true);
  const stmts = fn.body as Stmt[];
  const afterSuper = stmts.findIndex(isSuperInit) + 1;
  const body = [...stmts.slice(0, afterSuper), ...props, ...fields, ...stmts.slice(afterSuper)];
  const ctorRange = rangeOf(ctor, cx);
  const keyword = { start: ctorRange.start, end: ctorRange.start + 'constructor'.length };
  return { k: 'def', name: '__init__', nameRange: keyword, params: fn.params, body, decorators: [], isAsync: false, range: ctorRange };
}

function superInit(args: Arg[], range: Range): Expr {
  const sup: Expr = { k: 'call', fn: nameExpr('super', range), args: [], range };
  return { k: 'call', fn: { k: 'attr', obj: sup, name: '__init__', nameRange: range, range }, args, range };
}

function isSuperInit(s: Stmt): boolean {
  if (s.k !== 'expr' || s.value.k !== 'call') return false;
  const fn = s.value.fn;
  return fn.k === 'attr' && fn.name === '__init__' && fn.obj.k === 'call' && fn.obj.fn.k === 'name' && fn.obj.fn.id === 'super';
}
