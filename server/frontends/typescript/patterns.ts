// Destructuring: `const {units, activation = 'relu'} = config`, `const [a, , b, ...rest] = xs`,
// `[a, b] = [b, a]` and destructured parameters. A pattern becomes one tuple assignment from a
// hidden helper that picks the values with JavaScript's rules (missing -> undefined, defaults,
// rest), so the names get hints where they are written; nested patterns go through temporaries.
import ts from 'typescript';
import type { Expr, Range, Stmt } from '../../../engine/interp/ir';
import { freshTemp, helperCall, nameExpr, rangeOf, staticPropertyName, strExpr, unknownAt, type LowerContext } from './context';
import { lowerExpr, skipTransparent } from './lowerExpr';

/** Where one value of a pattern goes. */
type Target =
  | { readonly kind: 'name'; readonly expr: Expr }
  | { readonly kind: 'pattern'; readonly pattern: Pattern }
  | { readonly kind: 'member'; readonly node: ts.Expression }
  | { readonly kind: 'skip'; readonly range: Range };

interface Entry {
  /** The property read (object patterns); absent in array patterns. */
  readonly key?: Expr;
  readonly target: Target;
  readonly default?: ts.Expression;
  readonly rest: boolean;
}

interface Pattern {
  readonly kind: 'object' | 'array';
  readonly entries: readonly Entry[];
  readonly range: Range;
}

/** `const <name> = value` for a name or a binding pattern. */
export function bindName(name: ts.BindingName, value: Expr, range: Range, cx: LowerContext): Stmt[] {
  if (ts.isIdentifier(name)) return [{ k: 'assign', targets: [lowerExpr(name, cx)], value, range }];
  return assignPattern(bindingPattern(name, cx), value, range, cx);
}

/** `[a, b] = value` / `({a} = value)` written as an assignment expression. */
export function assignLiteralPattern(target: ts.ArrayLiteralExpression | ts.ObjectLiteralExpression, value: Expr, range: Range, cx: LowerContext): Stmt[] {
  return assignPattern(literalPattern(target, cx), value, range, cx);
}

function bindingPattern(p: ts.BindingPattern, cx: LowerContext): Pattern {
  const entries: Entry[] = [];
  for (const el of p.elements) {
    if (ts.isOmittedExpression(el)) {
      entries.push({ target: { kind: 'skip', range: rangeOf(el, cx) }, rest: false });
      continue;
    }
    let key: Expr | undefined;
    if (ts.isObjectBindingPattern(p)) {
      const keyName = el.propertyName ?? (ts.isIdentifier(el.name) ? el.name : undefined);
      const text = keyName && staticPropertyName(keyName);
      key = text !== undefined ? strExpr(text, rangeOf(keyName!, cx)) : keyName && ts.isComputedPropertyName(keyName) ? lowerExpr(keyName.expression, cx) : unknownAt(el, cx);
    }
    const target: Target = ts.isIdentifier(el.name) ? { kind: 'name', expr: lowerExpr(el.name, cx) } : { kind: 'pattern', pattern: bindingPattern(el.name, cx) };
    entries.push({ key, target, default: el.initializer, rest: el.dotDotDotToken !== undefined });
  }
  return { kind: ts.isObjectBindingPattern(p) ? 'object' : 'array', entries, range: rangeOf(p, cx) };
}

function literalTarget(e: ts.Expression, cx: LowerContext): Target {
  const t = skipTransparent(e);
  if (ts.isIdentifier(t)) return { kind: 'name', expr: lowerExpr(t, cx) };
  if (ts.isArrayLiteralExpression(t) || ts.isObjectLiteralExpression(t)) return { kind: 'pattern', pattern: literalPattern(t, cx) };
  if (ts.isPropertyAccessExpression(t) || ts.isElementAccessExpression(t)) return { kind: 'member', node: t };
  return { kind: 'skip', range: rangeOf(t, cx) };
}

/** A target with an optional `= default` (`[a = 1] = xs`, `({a = 1} = o)`). */
function withDefault(e: ts.Expression): { target: ts.Expression; default?: ts.Expression } {
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) return { target: e.left, default: e.right };
  return { target: e };
}

function literalPattern(p: ts.ArrayLiteralExpression | ts.ObjectLiteralExpression, cx: LowerContext): Pattern {
  const entries: Entry[] = [];
  if (ts.isArrayLiteralExpression(p)) {
    for (const el of p.elements) {
      if (ts.isOmittedExpression(el)) entries.push({ target: { kind: 'skip', range: rangeOf(el, cx) }, rest: false });
      else if (ts.isSpreadElement(el)) entries.push({ target: literalTarget(el.expression, cx), rest: true });
      else {
        const d = withDefault(el);
        entries.push({ target: literalTarget(d.target, cx), default: d.default, rest: false });
      }
    }
  } else {
    for (const prop of p.properties) {
      if (ts.isSpreadAssignment(prop)) entries.push({ target: literalTarget(prop.expression, cx), rest: true });
      else if (ts.isShorthandPropertyAssignment(prop)) {
        entries.push({ key: strExpr(prop.name.text, rangeOf(prop.name, cx)), target: { kind: 'name', expr: lowerExpr(prop.name, cx) }, default: prop.objectAssignmentInitializer, rest: false });
      } else if (ts.isPropertyAssignment(prop)) {
        const text = staticPropertyName(prop.name);
        const key = text !== undefined ? strExpr(text, rangeOf(prop.name, cx)) : unknownAt(prop.name, cx);
        const d = withDefault(prop.initializer);
        entries.push({ key, target: literalTarget(d.target, cx), default: d.default, rest: false });
      } else entries.push({ target: { kind: 'skip', range: rangeOf(prop, cx) }, rest: false });
    }
  }
  return { kind: ts.isArrayLiteralExpression(p) ? 'array' : 'object', entries, range: rangeOf(p, cx) };
}

/**
 * `(t1, t2, ...) = __js_pick__(value, [keys], [defaults], rest)` (or `__js_items__(value, n, ...)`),
 * then the nested patterns and member targets from their temporaries.
 */
function assignPattern(p: Pattern, value: Expr, range: Range, cx: LowerContext): Stmt[] {
  const fixed = p.entries.filter((e) => !e.rest);
  const rest = p.entries.find((e) => e.rest);
  const ordered = rest ? [...fixed, rest] : fixed;
  const after: Stmt[] = [];
  const targets = ordered.map((e): Expr => {
    const t = e.target;
    if (t.kind === 'name') return t.expr;
    if (t.kind === 'skip') return { k: 'unknown', range: t.range };
    const temp = nameExpr(freshTemp(cx), t.kind === 'pattern' ? t.pattern.range : rangeOf(t.node, cx));
    if (t.kind === 'pattern') after.push(...assignPattern(t.pattern, temp, range, cx));
    else after.push(...assignMember(t.node as ts.PropertyAccessExpression | ts.ElementAccessExpression, temp, range, cx));
    return temp;
  });
  const defaults: Expr = { k: 'list', items: fixed.map((e) => (e.default ? lowerExpr(e.default, cx) : { k: 'none', range: p.range })), range: p.range };
  const hasRest: Expr = { k: 'bool', value: rest !== undefined, range: p.range };
  const picked = p.kind === 'object'
    ? helperCall('pick', [value, { k: 'list', items: fixed.map((e) => e.key ?? { k: 'unknown', range: p.range }), range: p.range }, defaults, hasRest], range)
    : helperCall('items', [value, { k: 'num', value: fixed.length, isFloat: false, range: p.range }, defaults, hasRest], range);
  return [{ k: 'assign', targets: [{ k: 'tuple', items: targets, range: p.range }], value: picked, range }, ...after];
}

/** `obj.key = value` / `obj[key] = value`. */
export function assignMember(target: ts.PropertyAccessExpression | ts.ElementAccessExpression, value: Expr, range: Range, cx: LowerContext): Stmt[] {
  const obj = lowerExpr(target.expression, cx);
  const key = ts.isPropertyAccessExpression(target) ? strExpr(target.name.text, rangeOf(target.name, cx)) : lowerExpr(target.argumentExpression, cx);
  return [{ k: 'expr', value: helperCall('set', [obj, key, value], range), range }];
}
