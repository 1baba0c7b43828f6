// Lowering of TypeScript/JavaScript statements to IR Stmts. Declarations of types only
// (interfaces, type aliases, `declare`) vanish; function declarations are hoisted to the top of
// their block as JavaScript does; a simple counting `for` becomes a loop over a range, any other
// `for` a `while` that runs the update before each `continue`; `switch` becomes an if chain.
import ts from 'typescript';
import type { Expr, Range, Stmt } from '../../../engine/interp/ir';
import { helperCall, nameExpr, rangeOf, strExpr, type LowerContext } from './context';
import { COMPOUND, lowerExpr, skipTransparent } from './lowerExpr';
import { assignLiteralPattern, assignMember, bindName } from './patterns';
import { lowerFunctionLike } from './functions';
import { lowerClass } from './classes';
import { lowerImport, lowerExport } from './modules';
import { lowerFor } from './loops';

/** A statement list, function declarations first (they are hoisted). */
export function lowerBlock(stmts: readonly ts.Statement[], cx: LowerContext): Stmt[] {
  const hoisted: Stmt[] = [];
  const rest: Stmt[] = [];
  for (const s of stmts) {
    const out = ts.isFunctionDeclaration(s) && s.body ? hoisted : rest;
    out.push(...lowerStatement(s, cx));
  }
  return hoisted.length === 0 ? rest : [...hoisted, ...rest];
}

/** One statement as zero or more IR statements. */
export function lowerStatement(s: ts.Statement, cx: LowerContext): Stmt[] {
  const range = rangeOf(s, cx);
  // `declare const x: T`, `declare function f()`: types only.
  if (hasModifier(s, ts.SyntaxKind.DeclareKeyword)) return [];
  switch (s.kind) {
    case ts.SyntaxKind.VariableStatement:
      return lowerDeclarations((s as ts.VariableStatement).declarationList, cx);
    case ts.SyntaxKind.ExpressionStatement:
      return lowerExpressionStatement((s as ts.ExpressionStatement).expression, range, cx);
    case ts.SyntaxKind.ReturnStatement: {
      const e = (s as ts.ReturnStatement).expression;
      return [e ? { k: 'return', value: lowerExpr(e, cx), range } : { k: 'return', range }];
    }
    case ts.SyntaxKind.IfStatement: {
      const i = s as ts.IfStatement;
      return [{ k: 'if', test: lowerExpr(i.expression, cx), body: lowerBody(i.thenStatement, cx), orelse: i.elseStatement ? lowerBody(i.elseStatement, cx) : [], range }];
    }
    case ts.SyntaxKind.Block:
      return lowerBlock((s as ts.Block).statements, cx);
    case ts.SyntaxKind.ForOfStatement:
    case ts.SyntaxKind.ForInStatement: {
      const f = s as ts.ForOfStatement | ts.ForInStatement;
      const iter = ts.isForOfStatement(f) ? lowerExpr(f.expression, cx) : helperCall('keys', [lowerExpr(f.expression, cx)], rangeOf(f.expression, cx));
      return [forEachOf(f.initializer, iter, lowerBody(f.statement, cx), range, cx)];
    }
    case ts.SyntaxKind.ForStatement:
      return lowerFor(s as ts.ForStatement, cx);
    case ts.SyntaxKind.WhileStatement: {
      const w = s as ts.WhileStatement;
      return [{ k: 'while', test: lowerExpr(w.expression, cx), body: lowerBody(w.statement, cx), orelse: [], range }];
    }
    case ts.SyntaxKind.DoStatement: {
      // `do body while (c)` runs the body once before the first test.
      const d = s as ts.DoStatement;
      const test: Expr = { k: 'unary', op: 'not', operand: lowerExpr(d.expression, cx), range: rangeOf(d.expression, cx) };
      return [{ k: 'while', test: { k: 'bool', value: true, range }, body: [...lowerBody(d.statement, cx), { k: 'if', test, body: [{ k: 'break', range }], orelse: [], range }], orelse: [], range }];
    }
    case ts.SyntaxKind.BreakStatement:
      return [{ k: 'break', range }];
    case ts.SyntaxKind.ContinueStatement:
      return [{ k: 'continue', range }];
    case ts.SyntaxKind.LabeledStatement:
      return lowerStatement((s as ts.LabeledStatement).statement, cx);
    case ts.SyntaxKind.FunctionDeclaration: {
      const f = s as ts.FunctionDeclaration;
      if (!f.body || !f.name) return [];
      const out: Stmt[] = [lowerDef(f, f.name.text, rangeOf(f.name, cx), cx)];
      if (hasModifier(f, ts.SyntaxKind.DefaultKeyword)) out.push(assignName('default', nameExpr(f.name.text, rangeOf(f.name, cx)), range));
      return out;
    }
    case ts.SyntaxKind.ClassDeclaration: {
      const c = s as ts.ClassDeclaration;
      const out = lowerClass(c, cx);
      if (hasModifier(c, ts.SyntaxKind.DefaultKeyword) && c.name) out.push(assignName('default', nameExpr(c.name.text, rangeOf(c.name, cx)), range));
      return out;
    }
    case ts.SyntaxKind.ImportDeclaration:
    case ts.SyntaxKind.ImportEqualsDeclaration:
      return lowerImport(s as ts.ImportDeclaration | ts.ImportEqualsDeclaration, cx);
    case ts.SyntaxKind.ExportAssignment:
    case ts.SyntaxKind.ExportDeclaration:
      return lowerExport(s as ts.ExportAssignment | ts.ExportDeclaration, cx);
    case ts.SyntaxKind.TryStatement:
      return [lowerTry(s as ts.TryStatement, range, cx)];
    case ts.SyntaxKind.ThrowStatement:
      return [{ k: 'raise', exc: lowerExpr((s as ts.ThrowStatement).expression, cx), range }];
    case ts.SyntaxKind.SwitchStatement:
      return lowerSwitch(s as ts.SwitchStatement, range, cx);
    case ts.SyntaxKind.EmptyStatement:
    case ts.SyntaxKind.DebuggerStatement:
    case ts.SyntaxKind.InterfaceDeclaration:
    case ts.SyntaxKind.TypeAliasDeclaration:
    case ts.SyntaxKind.ModuleDeclaration:
    case ts.SyntaxKind.EnumDeclaration:
    case ts.SyntaxKind.MissingDeclaration:
      return [];
    default:
      return [{ k: 'unknown', range }];
  }
}

/** A nested statement (`if (c) x = 1;` or a block). */
export function lowerBody(s: ts.Statement, cx: LowerContext): Stmt[] {
  return ts.isBlock(s) ? lowerBlock(s.statements, cx) : lowerStatement(s, cx);
}

export function hasModifier(n: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === kind);
}

function assignName(id: string, value: Expr, range: Range): Stmt {
  return { k: 'assign', targets: [nameExpr(id, range)], value, range };
}

export function lowerDef(f: ts.FunctionDeclaration | ts.MethodDeclaration, name: string, nameRange: Range, cx: LowerContext, options: { withThis?: boolean; decorators?: Expr[] } = {}): Stmt {
  const fn = lowerFunctionLike(f, cx, options.withThis ?? false);
  const isAsync = hasModifier(f, ts.SyntaxKind.AsyncKeyword);
  return { k: 'def', name, nameRange, params: fn.params, body: fn.body as Stmt[], decorators: options.decorators ?? [], isAsync, range: rangeOf(f, cx) };
}

/** `let a = 1, {b} = c;` (a declaration without a value binds undefined). */
export function lowerDeclarations(list: ts.VariableDeclarationList, cx: LowerContext): Stmt[] {
  const out: Stmt[] = [];
  for (const d of list.declarations) {
    const range = rangeOf(d, cx);
    const value: Expr = d.initializer ? lowerExpr(d.initializer, cx) : { k: 'none', range };
    // `declare const x: T` and `let x!: T` say nothing about the value.
    if (!d.initializer && d.exclamationToken) continue;
    out.push(...bindName(d.name, value, range, cx));
  }
  return out;
}

/** What a `for (... of xs)` head binds each item to. */
function forEachOf(init: ts.ForInitializer, iter: Expr, body: Stmt[], range: Range, cx: LowerContext): Stmt {
  if (ts.isVariableDeclarationList(init)) {
    const d = init.declarations[0];
    if (d && ts.isIdentifier(d.name)) return { k: 'for', target: lowerExpr(d.name, cx), iter, body, orelse: [], range };
    if (d) {
      // A destructuring head: bind a temporary, then unpack it at the start of each iteration.
      const temp = nameExpr(`__js_item${++cx.nextTemp}`, rangeOf(d.name, cx));
      return { k: 'for', target: temp, iter, body: [...bindName(d.name, temp, rangeOf(d, cx), cx), ...body], orelse: [], range };
    }
    return { k: 'for', target: { k: 'unknown', range }, iter, body, orelse: [], range };
  }
  const target = skipTransparent(init);
  if (ts.isIdentifier(target)) return { k: 'for', target: lowerExpr(target, cx), iter, body, orelse: [], range };
  const temp = nameExpr(`__js_item${++cx.nextTemp}`, rangeOf(init, cx));
  return { k: 'for', target: temp, iter, body: [...assignTo(target, temp, range, cx), ...body], orelse: [], range };
}

/** `target = value` for any assignable expression. */
export function assignTo(target: ts.Expression, value: Expr, range: Range, cx: LowerContext): Stmt[] {
  const t = skipTransparent(target);
  if (ts.isIdentifier(t)) return [{ k: 'assign', targets: [lowerExpr(t, cx)], value, range }];
  if (ts.isPropertyAccessExpression(t) || ts.isElementAccessExpression(t)) return assignMember(t, value, range, cx);
  if (ts.isArrayLiteralExpression(t) || ts.isObjectLiteralExpression(t)) return assignLiteralPattern(t, value, range, cx);
  return [{ k: 'expr', value, range }];
}

/** Statement-level expressions: assignments, `x++`, comma lists; anything else is evaluated. */
export function lowerExpressionStatement(e: ts.Expression, range: Range, cx: LowerContext): Stmt[] {
  const n = skipTransparent(e);
  if (ts.isBinaryExpression(n)) {
    const kind = n.operatorToken.kind;
    if (kind === ts.SyntaxKind.CommaToken) return [...lowerExpressionStatement(n.left, range, cx), ...lowerExpressionStatement(n.right, range, cx)];
    if (kind === ts.SyntaxKind.EqualsToken) {
      // `a = b = c` binds both names to the one value.
      const names: ts.Identifier[] = [];
      let cur: ts.Expression = n;
      while (ts.isBinaryExpression(cur) && cur.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(skipTransparent(cur.left))) {
        names.push(skipTransparent(cur.left) as ts.Identifier);
        cur = skipTransparent(cur.right);
      }
      if (names.length > 1) return [{ k: 'assign', targets: names.map((id) => lowerExpr(id, cx)), value: lowerExpr(cur, cx), range }];
      return assignTo(n.left, lowerExpr(n.right, cx), range, cx);
    }
    const op = COMPOUND.get(kind);
    if (op !== undefined) return assignTo(n.left, helperCall('op', [strExpr(op, range), lowerExpr(n.left, cx), lowerExpr(n.right, cx)], range), range, cx);
    if (kind === ts.SyntaxKind.QuestionQuestionEqualsToken) return assignTo(n.left, helperCall('nullish', [lowerExpr(n.left, cx), lowerExpr(n.right, cx)], range), range, cx);
    if (kind === ts.SyntaxKind.BarBarEqualsToken || kind === ts.SyntaxKind.AmpersandAmpersandEqualsToken) {
      const value: Expr = { k: 'boolop', op: kind === ts.SyntaxKind.BarBarEqualsToken ? 'or' : 'and', values: [lowerExpr(n.left, cx), lowerExpr(n.right, cx)], range };
      return assignTo(n.left, value, range, cx);
    }
  }
  if ((ts.isPostfixUnaryExpression(n) || ts.isPrefixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) {
    const op = n.operator === ts.SyntaxKind.PlusPlusToken ? '+' : '-';
    return assignTo(n.operand, helperCall('op', [strExpr(op, range), lowerExpr(n.operand, cx), { k: 'num', value: 1, isFloat: false, range }], range), range, cx);
  }
  return [{ k: 'expr', value: lowerExpr(e, cx), range }];
}

function lowerTry(t: ts.TryStatement, range: Range, cx: LowerContext): Stmt {
  const handlers = [];
  if (t.catchClause) {
    const v = t.catchClause.variableDeclaration;
    const name = v && ts.isIdentifier(v.name) ? v.name.text : undefined;
    handlers.push({ name, body: lowerBlock(t.catchClause.block.statements, cx) });
  }
  return { k: 'try', body: lowerBlock(t.tryBlock.statements, cx), handlers, orelse: [], finalbody: t.finallyBlock ? lowerBlock(t.finallyBlock.statements, cx) : [], range };
}

/**
 * `switch (d) { case a: case b: ...; break; default: ... }` as `if d == a or d == b: ... else: ...`.
 * A case that does not end in break/return/throw/continue falls through: the following cases'
 * statements are appended until one does.
 */
function lowerSwitch(s: ts.SwitchStatement, range: Range, cx: LowerContext): Stmt[] {
  const clauses = s.caseBlock.clauses;
  const disc = lowerExpr(s.expression, cx);
  const ends = (stmts: readonly ts.Statement[]): boolean => {
    const last = stmts[stmts.length - 1];
    return last !== undefined && (ts.isBreakStatement(last) || ts.isReturnStatement(last) || ts.isThrowStatement(last) || ts.isContinueStatement(last));
  };
  const bodyFrom = (i: number): Stmt[] => {
    const out: Stmt[] = [];
    for (let j = i; j < clauses.length; j++) {
      const stmts = clauses[j].statements;
      const last = stmts[stmts.length - 1];
      const own = last && ts.isBreakStatement(last) && !last.label ? stmts.slice(0, -1) : stmts;
      // A `break` nested inside the case would leave an enclosing loop once lowered: give up on the case.
      if (own.some(containsBreak)) return [{ k: 'unknown', range: rangeOf(clauses[j], cx) }];
      out.push(...lowerBlock(own, cx));
      if (ends(stmts)) break;
    }
    return out;
  };
  let orelse: Stmt[] = [];
  const defaultIndex = clauses.findIndex((c) => ts.isDefaultClause(c));
  if (defaultIndex >= 0) orelse = bodyFrom(defaultIndex);
  // Build the chain from the last case backwards; empty cases share the next one's body.
  let pending: Expr[] = [];
  const chain: { tests: Expr[]; body: Stmt[] }[] = [];
  clauses.forEach((c, i) => {
    if (ts.isDefaultClause(c)) return;
    pending.push(helperCall('op', [strExpr('==', range), disc, lowerExpr(c.expression, cx)], rangeOf(c, cx)));
    if (c.statements.length === 0 && i < clauses.length - 1) return;
    chain.push({ tests: pending, body: bodyFrom(i) });
    pending = [];
  });
  for (let i = chain.length - 1; i >= 0; i--) {
    const { tests, body } = chain[i];
    const test: Expr = tests.length === 1 ? tests[0] : { k: 'boolop', op: 'or', values: tests, range };
    orelse = [{ k: 'if', test, body, orelse, range }];
  }
  return orelse;
}

function containsBreak(n: ts.Node): boolean {
  if (ts.isBreakStatement(n)) return true;
  if (ts.isIterationStatement(n, false) || ts.isSwitchStatement(n) || ts.isFunctionLike(n) || ts.isClassLike(n)) return false;
  return ts.forEachChild(n, containsBreak) === true;
}

