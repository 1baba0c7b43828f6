// C-style `for` loops. `for (let i = a; i < n; i++)` with a counter the body leaves alone is a
// loop over `range(a, n)` (the interpreter then knows every value of `i`); any other form is
// `init; while (cond) { body; update }` with the update also run before each `continue`.
import ts from 'typescript';
import type { Expr, Range, Stmt } from '../../../engine/interp/ir';
import { helperCall, rangeOf, strExpr, type LowerContext } from './context';
import { lowerExpr, skipTransparent } from './lowerExpr';
import { lowerBody, lowerDeclarations, lowerExpressionStatement } from './lowerStmt';

export function lowerFor(s: ts.ForStatement, cx: LowerContext): Stmt[] {
  const range = rangeOf(s, cx);
  const simple = countingLoop(s, cx.sf);
  if (simple) {
    const { counter, start, bound, step, inclusive } = simple;
    const at = rangeOf(bound, cx);
    let stop = lowerExpr(bound, cx);
    if (inclusive) stop = helperCall('op', [strExpr(step > 0 ? '+' : '-', at), stop, num(1, at)], at);
    const iter = helperCall('range', [lowerExpr(start, cx), stop, num(step, at)], rangeOf(s.initializer!, cx));
    return [{ k: 'for', target: lowerExpr(counter, cx), iter, body: lowerBody(s.statement, cx), orelse: [], range }];
  }
  const init: Stmt[] = [];
  if (s.initializer) {
    if (ts.isVariableDeclarationList(s.initializer)) init.push(...lowerDeclarations(s.initializer, cx));
    else init.push(...lowerExpressionStatement(s.initializer, rangeOf(s.initializer, cx), cx));
  }
  const update = s.incrementor ? lowerExpressionStatement(s.incrementor, rangeOf(s.incrementor, cx), cx) : [];
  const test: Expr = s.condition ? lowerExpr(s.condition, cx) : { k: 'bool', value: true, range };
  const body = [...updateBeforeContinue(lowerBody(s.statement, cx), update), ...update];
  return [...init, { k: 'while', test, body, orelse: [], range }];
}

function num(value: number, range: Range): Expr {
  return { k: 'num', value, isFloat: false, range };
}

interface CountingLoop {
  readonly counter: ts.Identifier;
  readonly start: ts.Expression;
  readonly bound: ts.Expression;
  readonly step: number;
  readonly inclusive: boolean;
}

/** `for (let i = a; i < n; i++)` (or `<=`, `>`, `>=`, `i += k`, `i--`...), when the body keeps `i` and `n`. */
function countingLoop(s: ts.ForStatement, sf: ts.SourceFile): CountingLoop | undefined {
  const init = s.initializer;
  if (!init || !ts.isVariableDeclarationList(init) || init.declarations.length !== 1) return undefined;
  const decl = init.declarations[0];
  if (!ts.isIdentifier(decl.name) || !decl.initializer) return undefined;
  const counter = decl.name;
  const i = counter.text;
  const cond = s.condition && skipTransparent(s.condition);
  if (!cond || !ts.isBinaryExpression(cond) || !isName(cond.left, i)) return undefined;
  const step = stepOf(s.incrementor, i);
  if (step === undefined || step === 0) return undefined;
  const op = cond.operatorToken.kind;
  const up = op === ts.SyntaxKind.LessThanToken || op === ts.SyntaxKind.LessThanEqualsToken;
  const down = op === ts.SyntaxKind.GreaterThanToken || op === ts.SyntaxKind.GreaterThanEqualsToken;
  if ((up && step < 0) || (down && step > 0) || (!up && !down)) return undefined;
  const bound = cond.right;
  if (assigns(s.statement, i) || namesIn(bound).some((n) => assigns(s.statement, n))) return undefined;
  // `i < xs.length` while the body grows or shrinks some array: the bound moves.
  if (/\.length\b/.test(bound.getText(sf)) && mutatesArrays(s.statement)) return undefined;
  return { counter, start: decl.initializer, bound, step, inclusive: op === ts.SyntaxKind.LessThanEqualsToken || op === ts.SyntaxKind.GreaterThanEqualsToken };
}

function isName(e: ts.Expression, name: string): boolean {
  const t = skipTransparent(e);
  return ts.isIdentifier(t) && t.text === name;
}

function stepOf(inc: ts.Expression | undefined, i: string): number | undefined {
  if (!inc) return undefined;
  const e = skipTransparent(inc);
  if ((ts.isPostfixUnaryExpression(e) || ts.isPrefixUnaryExpression(e)) && isName(e.operand, i)) {
    if (e.operator === ts.SyntaxKind.PlusPlusToken) return 1;
    if (e.operator === ts.SyntaxKind.MinusMinusToken) return -1;
  }
  if (ts.isBinaryExpression(e) && isName(e.left, i)) {
    const k = skipTransparent(e.right);
    if (!ts.isNumericLiteral(k) || !Number.isInteger(Number(k.text))) return undefined;
    if (e.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken) return Number(k.text);
    if (e.operatorToken.kind === ts.SyntaxKind.MinusEqualsToken) return -Number(k.text);
  }
  return undefined;
}

const ASSIGNING = new Set([
  ts.SyntaxKind.EqualsToken, ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.MinusEqualsToken, ts.SyntaxKind.AsteriskEqualsToken,
  ts.SyntaxKind.SlashEqualsToken, ts.SyntaxKind.PercentEqualsToken, ts.SyntaxKind.AsteriskAsteriskEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.AmpersandAmpersandEqualsToken,
  ts.SyntaxKind.LessThanLessThanEqualsToken, ts.SyntaxKind.GreaterThanGreaterThanEqualsToken, ts.SyntaxKind.BarEqualsToken,
  ts.SyntaxKind.AmpersandEqualsToken, ts.SyntaxKind.CaretEqualsToken,
]);

/** Does any code under `n` assign the variable `name`? */
function assigns(n: ts.Node, name: string): boolean {
  const visit = (m: ts.Node): boolean => {
    if (ts.isBinaryExpression(m) && ASSIGNING.has(m.operatorToken.kind) && isName(m.left, name)) return true;
    if ((ts.isPostfixUnaryExpression(m) || ts.isPrefixUnaryExpression(m)) && (m.operator === ts.SyntaxKind.PlusPlusToken || m.operator === ts.SyntaxKind.MinusMinusToken) && isName(m.operand, name)) return true;
    return ts.forEachChild(m, visit) === true;
  };
  return visit(n);
}

function namesIn(e: ts.Expression): string[] {
  const out: string[] = [];
  const visit = (m: ts.Node): void => {
    if (ts.isIdentifier(m)) out.push(m.text);
    // `a.b`: only the object is a variable.
    if (ts.isPropertyAccessExpression(m)) visit(m.expression);
    else ts.forEachChild(m, visit);
  };
  visit(e);
  return out;
}

function mutatesArrays(n: ts.Node): boolean {
  const visit = (m: ts.Node): boolean => {
    if (ts.isCallExpression(m) && ts.isPropertyAccessExpression(m.expression) && /^(push|pop|shift|unshift|splice)$/.test(m.expression.name.text)) return true;
    return ts.forEachChild(m, visit) === true;
  };
  return visit(n);
}

/** `continue` -> `update; continue` in this loop's body (not in loops or functions nested in it). */
function updateBeforeContinue(body: readonly Stmt[], update: readonly Stmt[]): Stmt[] {
  if (update.length === 0) return [...body];
  const out: Stmt[] = [];
  for (const s of body) {
    switch (s.k) {
      case 'continue':
        out.push(...update, s);
        break;
      case 'if':
        out.push({ ...s, body: updateBeforeContinue(s.body, update), orelse: updateBeforeContinue(s.orelse, update) });
        break;
      case 'try':
        out.push({
          ...s,
          body: updateBeforeContinue(s.body, update),
          handlers: s.handlers.map((h) => ({ ...h, body: updateBeforeContinue(h.body, update) })),
          orelse: updateBeforeContinue(s.orelse, update),
          finalbody: updateBeforeContinue(s.finalbody, update),
        });
        break;
      case 'with':
        out.push({ ...s, body: updateBeforeContinue(s.body, update) });
        break;
      default:
        out.push(s);
    }
  }
  return out;
}
