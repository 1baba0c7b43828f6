// Lowering of TypeScript/JavaScript expressions to IR Exprs. Type syntax (`as T`, `x!`, `<T>x`,
// `satisfies`) is transparent, `await e` is `e`. Operators that JavaScript defines differently
// from Python (arithmetic on numbers, comparisons, `obj[key]`, `??`) become calls of hidden
// helpers the JavaScript profile implements, so no Python or PyTorch rule applies to them by
// accident. Anything else unrecognised becomes `unknown`, never an exception.
import ts from 'typescript';
import type { Arg, Expr } from '../../../engine/interp/ir';
import { helperCall, nameExpr, rangeOf, staticPropertyName, strExpr, unknownAt, type LowerContext } from './context';
import { lowerFunctionLike } from './functions';

/** JavaScript binary operators handed to `__js_op__` with the name it knows them by. */
const OPERATORS: ReadonlyMap<ts.SyntaxKind, string> = new Map([
  [ts.SyntaxKind.PlusToken, '+'], [ts.SyntaxKind.MinusToken, '-'], [ts.SyntaxKind.AsteriskToken, '*'],
  [ts.SyntaxKind.SlashToken, '/'], [ts.SyntaxKind.PercentToken, '%'], [ts.SyntaxKind.AsteriskAsteriskToken, '**'],
  [ts.SyntaxKind.AmpersandToken, '&'], [ts.SyntaxKind.BarToken, '|'], [ts.SyntaxKind.CaretToken, '^'],
  [ts.SyntaxKind.LessThanLessThanToken, '<<'], [ts.SyntaxKind.GreaterThanGreaterThanToken, '>>'],
  [ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken, '>>>'],
  [ts.SyntaxKind.EqualsEqualsEqualsToken, '=='], [ts.SyntaxKind.EqualsEqualsToken, '=='],
  [ts.SyntaxKind.ExclamationEqualsEqualsToken, '!='], [ts.SyntaxKind.ExclamationEqualsToken, '!='],
  [ts.SyntaxKind.LessThanToken, '<'], [ts.SyntaxKind.LessThanEqualsToken, '<='],
  [ts.SyntaxKind.GreaterThanToken, '>'], [ts.SyntaxKind.GreaterThanEqualsToken, '>='],
  [ts.SyntaxKind.InKeyword, 'in'],
]);

/** `a op= b` -> the operator applied. */
export const COMPOUND: ReadonlyMap<ts.SyntaxKind, string> = new Map([
  [ts.SyntaxKind.PlusEqualsToken, '+'], [ts.SyntaxKind.MinusEqualsToken, '-'], [ts.SyntaxKind.AsteriskEqualsToken, '*'],
  [ts.SyntaxKind.SlashEqualsToken, '/'], [ts.SyntaxKind.PercentEqualsToken, '%'], [ts.SyntaxKind.AsteriskAsteriskEqualsToken, '**'],
  [ts.SyntaxKind.AmpersandEqualsToken, '&'], [ts.SyntaxKind.BarEqualsToken, '|'], [ts.SyntaxKind.CaretEqualsToken, '^'],
  [ts.SyntaxKind.LessThanLessThanEqualsToken, '<<'], [ts.SyntaxKind.GreaterThanGreaterThanEqualsToken, '>>'],
  [ts.SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken, '>>>'],
]);

/** Strip what only types mean: parentheses, `as`, `!`, `<T>`, `satisfies`, `await`. */
export function skipTransparent(n: ts.Expression): ts.Expression {
  for (;;) {
    if (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n) || ts.isTypeAssertionExpression(n)
      || ts.isSatisfiesExpression(n) || ts.isAwaitExpression(n) || ts.isExpressionWithTypeArguments(n)) {
      n = n.expression;
    } else return n;
  }
}

export function lowerExpr(node: ts.Expression, cx: LowerContext): Expr {
  const n = skipTransparent(node);
  const range = rangeOf(n, cx);
  switch (n.kind) {
    case ts.SyntaxKind.Identifier: {
      const id = (n as ts.Identifier).text;
      if (id === '') return { k: 'unknown', range };
      if (id === 'undefined') return { k: 'none', range };
      if (id === 'NaN' || id === 'Infinity') return { k: 'num', value: id === 'NaN' ? NaN : Infinity, isFloat: true, range };
      return { k: 'name', id, range };
    }
    case ts.SyntaxKind.ThisKeyword:
      return { k: 'name', id: 'this', range };
    case ts.SyntaxKind.NumericLiteral:
      return numberExpr(Number((n as ts.NumericLiteral).text.replace(/_/g, '')), range);
    case ts.SyntaxKind.BigIntLiteral:
      return { k: 'unknown', range };
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      return { k: 'str', value: (n as ts.StringLiteral).text, range };
    case ts.SyntaxKind.TemplateExpression:
      return { k: 'fstr', range };
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
      return { k: 'bool', value: n.kind === ts.SyntaxKind.TrueKeyword, range };
    case ts.SyntaxKind.NullKeyword:
      return { k: 'none', range };
    case ts.SyntaxKind.PropertyAccessExpression: {
      const p = n as ts.PropertyAccessExpression;
      if (p.expression.kind === ts.SyntaxKind.SuperKeyword) return attr(superCall(p.expression, cx), p.name, cx);
      if (p.name.text === '') return { k: 'unknown', range };
      return attr(lowerExpr(p.expression, cx), p.name, cx);
    }
    case ts.SyntaxKind.ElementAccessExpression: {
      const e = n as ts.ElementAccessExpression;
      return helperCall('get', [lowerExpr(e.expression, cx), lowerExpr(e.argumentExpression, cx)], range);
    }
    case ts.SyntaxKind.CallExpression:
      return lowerCall(n as ts.CallExpression, cx);
    case ts.SyntaxKind.NewExpression: {
      const e = n as ts.NewExpression;
      return { k: 'call', fn: lowerExpr(e.expression, cx), args: lowerArgs(e.arguments ?? [], cx), range };
    }
    case ts.SyntaxKind.ArrayLiteralExpression:
      return {
        k: 'list',
        items: (n as ts.ArrayLiteralExpression).elements.map((el): Expr => {
          if (ts.isSpreadElement(el)) return { k: 'starred', value: lowerExpr(el.expression, cx), range: rangeOf(el, cx) };
          if (ts.isOmittedExpression(el)) return { k: 'none', range: rangeOf(el, cx) };
          return lowerExpr(el, cx);
        }),
        range,
      };
    case ts.SyntaxKind.ObjectLiteralExpression:
      return lowerObject(n as ts.ObjectLiteralExpression, cx);
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.FunctionExpression: {
      const f = lowerFunctionLike(n as ts.ArrowFunction | ts.FunctionExpression, cx, false);
      return { k: 'lambda', params: f.params, body: f.body, range };
    }
    case ts.SyntaxKind.ConditionalExpression: {
      const c = n as ts.ConditionalExpression;
      return { k: 'ifexp', test: lowerExpr(c.condition, cx), body: lowerExpr(c.whenTrue, cx), orelse: lowerExpr(c.whenFalse, cx), range };
    }
    case ts.SyntaxKind.BinaryExpression:
      return lowerBinary(n as ts.BinaryExpression, cx);
    case ts.SyntaxKind.PrefixUnaryExpression: {
      const u = n as ts.PrefixUnaryExpression;
      if (u.operator === ts.SyntaxKind.ExclamationToken) return { k: 'unary', op: 'not', operand: lowerExpr(u.operand, cx), range };
      if (u.operator === ts.SyntaxKind.MinusToken || u.operator === ts.SyntaxKind.PlusToken) {
        const inner = skipTransparent(u.operand);
        if (ts.isNumericLiteral(inner)) {
          const v = Number(inner.text.replace(/_/g, ''));
          return numberExpr(u.operator === ts.SyntaxKind.MinusToken ? -v : v, range);
        }
        // Unary minus on a tensor is NaN in JavaScript: `0 - x` has the same meaning for numbers only.
        return helperCall('op', [strExpr(u.operator === ts.SyntaxKind.MinusToken ? '-' : '+', range), numberExpr(0, range), lowerExpr(u.operand, cx)], range);
      }
      return { k: 'unknown', range };
    }
    case ts.SyntaxKind.VoidExpression:
      return { k: 'none', range };
    default:
      return { k: 'unknown', range };
  }
}

function numberExpr(value: number, range: Expr['range']): Expr {
  // JavaScript has one number type; an integral value is an int for shape arithmetic.
  return { k: 'num', value, isFloat: !Number.isInteger(value), range };
}

function attr(obj: Expr, name: ts.MemberName, cx: LowerContext): Expr {
  return { k: 'attr', obj, name: name.text, nameRange: rangeOf(name, cx), range: { start: obj.range.start, end: name.end } };
}

/** `super` as Python's zero-argument `super()`, whose attributes are the base class's. */
function superCall(n: ts.Node, cx: LowerContext): Expr {
  const range = rangeOf(n, cx);
  return { k: 'call', fn: nameExpr('super', range), args: [], range };
}

export function lowerArgs(args: readonly ts.Expression[], cx: LowerContext): Arg[] {
  return args.map((a): Arg => {
    if (ts.isSpreadElement(a)) return { star: '*', value: lowerExpr(a.expression, cx), range: rangeOf(a, cx) };
    return { value: lowerExpr(a, cx), range: rangeOf(a, cx) };
  });
}

function lowerCall(n: ts.CallExpression, cx: LowerContext): Expr {
  const range = rangeOf(n, cx);
  const callee = skipTransparent(n.expression);
  // `super(config)` runs the base class's constructor.
  if (callee.kind === ts.SyntaxKind.SuperKeyword) {
    const sup = superCall(callee, cx);
    return { k: 'call', fn: { k: 'attr', obj: sup, name: '__init__', nameRange: sup.range, range: sup.range }, args: lowerArgs(n.arguments, cx), range };
  }
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return { k: 'unknown', range };
  return { k: 'call', fn: lowerExpr(callee, cx), args: lowerArgs(n.arguments, cx), range };
}

function lowerObject(n: ts.ObjectLiteralExpression, cx: LowerContext): Expr {
  const entries: { key?: Expr; value: Expr }[] = [];
  for (const p of n.properties) {
    if (ts.isSpreadAssignment(p)) {
      entries.push({ value: lowerExpr(p.expression, cx) });
      continue;
    }
    if (ts.isShorthandPropertyAssignment(p)) {
      entries.push({ key: strExpr(p.name.text, rangeOf(p.name, cx)), value: lowerExpr(p.name, cx) });
      continue;
    }
    const key = propertyKey(p.name, cx);
    if (ts.isPropertyAssignment(p)) entries.push({ key, value: lowerExpr(p.initializer, cx) });
    else if (ts.isMethodDeclaration(p)) {
      const f = lowerFunctionLike(p, cx, false);
      entries.push({ key, value: { k: 'lambda', params: f.params, body: f.body, range: rangeOf(p, cx) } });
    } else entries.push({ key, value: unknownAt(p, cx) });
  }
  return { k: 'dict', entries, range: rangeOf(n, cx) };
}

function propertyKey(name: ts.PropertyName, cx: LowerContext): Expr {
  const text = staticPropertyName(name);
  if (text !== undefined) return strExpr(text, rangeOf(name, cx));
  if (ts.isComputedPropertyName(name)) return lowerExpr(name.expression, cx);
  return unknownAt(name, cx);
}

function lowerBinary(n: ts.BinaryExpression, cx: LowerContext): Expr {
  const range = rangeOf(n, cx);
  const kind = n.operatorToken.kind;
  const op = OPERATORS.get(kind);
  if (op !== undefined) return helperCall('op', [strExpr(op, range), lowerExpr(n.left, cx), lowerExpr(n.right, cx)], range);
  switch (kind) {
    case ts.SyntaxKind.AmpersandAmpersandToken:
    case ts.SyntaxKind.BarBarToken:
      return { k: 'boolop', op: kind === ts.SyntaxKind.BarBarToken ? 'or' : 'and', values: [lowerExpr(n.left, cx), lowerExpr(n.right, cx)], range };
    case ts.SyntaxKind.QuestionQuestionToken:
      return helperCall('nullish', [lowerExpr(n.left, cx), lowerExpr(n.right, cx)], range);
    case ts.SyntaxKind.CommaToken:
      return lowerExpr(n.right, cx);
    case ts.SyntaxKind.EqualsToken: {
      // An assignment used as a value (`while ((x = next()))`): only a plain name is followed.
      const target = skipTransparent(n.left);
      if (ts.isIdentifier(target)) return { k: 'walrus', target: lowerExpr(target, cx), value: lowerExpr(n.right, cx), range };
      return { k: 'unknown', range };
    }
    default:
      return { k: 'unknown', range };
  }
}
