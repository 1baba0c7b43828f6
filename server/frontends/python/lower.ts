// Lowering of a Python syntax tree to the core IR ModuleIR: statements here, expressions in
// lowerExpr.ts. Broken code is first isolated by repair.ts; whatever is still damaged becomes
// `unknown` statements while the statements tree-sitter recognised around it are kept.
import type { Node, Parser, Tree } from 'web-tree-sitter';
import type { Comment, ExceptHandler, Expr, ImportName, ModuleIR, Range, Stmt } from '../../../engine/interp/ir';
import { lowerArgs, lowerExpr, lowerField, unknownAt } from './lowerExpr';
import { lowerParams } from './params';
import { repairTree } from './repair';
import { dottedName, isExtra, namedKids, rangeOf, STATEMENT_TYPES, textOf, type LowerContext } from './syntax';

interface StmtContext extends LowerContext {
  /** Rows repair.ts patched: the statement found there is reported as unknown. */
  readonly patchedRows: ReadonlyMap<number, Range>;
}

/** Lowers `tree` (parsed from `text`); never throws on damaged input. */
export function lowerTree(parser: Parser, text: string, tree: Tree): ModuleIR {
  const root = tree.rootNode;
  const comments = collectComments(root, text);
  const syntaxErrors = root.hasError ? collectErrors(root) : [];
  const repaired = repairTree(parser, text, tree);
  try {
    const cx: StmtContext = { src: repaired.text, patchedRows: repaired.patchedRows };
    return { body: lowerStatements(repaired.tree.rootNode, cx), comments, syntaxErrors };
  } finally {
    if (repaired.tree !== tree) repaired.tree.delete();
  }
}

function collectComments(root: Node, text: string): Comment[] {
  return root.descendantsOfType('comment').map((c) => {
    // The grammar's comment token swallows the \r of a CRLF line ending.
    let end = c.endIndex;
    while (end > c.startIndex && text.charCodeAt(end - 1) === 13) end--;
    return { text: text.slice(c.startIndex, end), range: { start: c.startIndex, end } };
  });
}

/** Outermost ERROR nodes and MISSING tokens, in document order. */
function collectErrors(root: Node): Range[] {
  const out: Range[] = [];
  const visit = (n: Node): void => {
    if (n.isError || n.isMissing) {
      out.push(rangeOf(n));
      return;
    }
    for (const c of n.children) if (c.hasError || c.isMissing) visit(c);
  };
  visit(root);
  return out;
}

/** The statements of a module or block. */
function lowerStatements(parent: Node | null, cx: StmtContext): Stmt[] {
  const out: Stmt[] = [];
  if (parent !== null) for (const c of parent.namedChildren) lowerStatementInto(c, cx, out);
  return out;
}

function lowerStatementInto(n: Node, cx: StmtContext, out: Stmt[]): void {
  if (isExtra(n)) return;
  if (cx.patchedRows.size > 0) {
    const patched = cx.patchedRows.get(n.startPosition.row);
    if (patched !== undefined) {
      const last = out[out.length - 1];
      if (last === undefined || last.k !== 'unknown' || last.range.start !== patched.start) out.push({ k: 'unknown', range: patched });
      return;
    }
  }
  if (n.type === 'ERROR') {
    // Keep what tree-sitter still recognised inside the damaged region.
    out.push({ k: 'unknown', range: rangeOf(n) });
    for (const c of n.namedChildren) if (c.type === 'ERROR' || STATEMENT_TYPES.has(c.type)) lowerStatementInto(c, cx, out);
    return;
  }
  out.push(lowerStatement(n, cx));
}

function lowerStatement(n: Node, cx: StmtContext): Stmt {
  const range = rangeOf(n);
  switch (n.type) {
    case 'expression_statement':
      return lowerExpressionStatement(n, cx);
    case 'return_statement': {
      const value = namedKids(n)[0];
      return value === undefined ? { k: 'return', range } : { k: 'return', value: lowerExpr(value, cx), range };
    }
    case 'pass_statement':
      return { k: 'pass', range };
    case 'break_statement':
      return { k: 'break', range };
    case 'continue_statement':
      return { k: 'continue', range };
    case 'if_statement':
      return lowerIf(n, cx);
    case 'for_statement':
      return {
        k: 'for',
        target: lowerField(n, 'left', cx),
        iter: lowerField(n, 'right', cx),
        body: lowerStatements(n.childForFieldName('body'), cx),
        orelse: lowerElse(n.childForFieldName('alternative'), cx),
        range,
      };
    case 'while_statement':
      return {
        k: 'while',
        test: lowerField(n, 'condition', cx),
        body: lowerStatements(n.childForFieldName('body'), cx),
        orelse: lowerElse(n.childForFieldName('alternative'), cx),
        range,
      };
    case 'try_statement':
      return lowerTry(n, cx);
    case 'with_statement':
      return lowerWith(n, cx);
    case 'function_definition':
    case 'class_definition':
      return lowerDefinition(n, [], range, cx);
    case 'decorated_definition': {
      // The statement's range covers its decorators too.
      const decorators: Expr[] = [];
      for (const c of n.namedChildren) {
        if (c.type !== 'decorator') continue;
        const e = namedKids(c)[0];
        decorators.push(e === undefined ? unknownAt(c) : lowerExpr(e, cx));
      }
      const def = n.childForFieldName('definition');
      return def === null ? { k: 'unknown', range } : lowerDefinition(def, decorators, range, cx);
    }
    case 'import_statement':
      return { k: 'import', names: lowerImportNames(n, cx), range };
    case 'import_from_statement':
      return lowerImportFrom(n, cx);
    case 'future_import_statement':
      return { k: 'importfrom', module: '__future__', level: 0, names: lowerImportNames(n, cx), range };
    case 'raise_statement': {
      const cause = n.childForFieldName('cause');
      const exc = namedKids(n).find((c) => cause === null || c.startIndex !== cause.startIndex);
      return exc === undefined ? { k: 'raise', range } : { k: 'raise', exc: lowerExpr(exc, cx), range };
    }
    case 'assert_statement': {
      const [test, msg] = namedKids(n);
      if (test === undefined) return { k: 'unknown', range };
      return msg === undefined ? { k: 'assert', test: lowerExpr(test, cx), range } : { k: 'assert', test: lowerExpr(test, cx), msg: lowerExpr(msg, cx), range };
    }
    case 'delete_statement': {
      // `del a, b` deletes two targets; `del (a, b)` one tuple, as in Python's AST.
      const target = namedKids(n)[0];
      const targets = target === undefined ? [] : target.type === 'expression_list' ? namedKids(target) : [target];
      return { k: 'del', targets: targets.map((t) => lowerExpr(t, cx)), range };
    }
    case 'global_statement':
    case 'nonlocal_statement':
      return {
        k: n.type === 'global_statement' ? 'global' : 'nonlocal',
        names: namedKids(n)
          .filter((c) => c.type === 'identifier')
          .map((c) => textOf(c, cx)),
        range,
      };
    default:
      // match, type aliases, Python 2 print/exec: skipped by the interpreter.
      return { k: 'unknown', range };
  }
}

function lowerExpressionStatement(n: Node, cx: StmtContext): Stmt {
  const range = rangeOf(n);
  const kids = namedKids(n);
  const first = kids[0];
  if (first === undefined) return { k: 'unknown', range };
  if (kids.length > 1) {
    // A bare `a, b` statement.
    return { k: 'expr', value: { k: 'tuple', items: kids.map((c) => lowerExpr(c, cx)), range }, range };
  }
  if (first.type === 'assignment') return lowerAssignment(first, range, cx);
  if (first.type === 'augmented_assignment') {
    const op = first.childForFieldName('operator')?.type.slice(0, -1);
    const value = first.childForFieldName('right');
    if (op === undefined || value === null || value.type === 'assignment' || value.type === 'augmented_assignment') return { k: 'unknown', range };
    const target = lowerField(first, 'left', cx);
    // The operator token's type is the operator itself (`+=`); the grammar admits only binary ops.
    return { k: 'augassign', target, op: op as Extract<Stmt, { k: 'augassign' }>['op'], value: lowerExpr(value, cx), range };
  }
  return { k: 'expr', value: lowerExpr(first, cx), range };
}

/** `a = b = value` nests as assignment(a, assignment(b, value)); `x: T = v` carries a type. */
function lowerAssignment(first: Node, range: Range, cx: StmtContext): Stmt {
  const targets: Expr[] = [];
  let annotation: Expr | undefined;
  let node = first;
  let right = node.childForFieldName('right');
  for (;;) {
    targets.push(lowerField(node, 'left', cx));
    const type = node.childForFieldName('type');
    if (type !== null) annotation = lowerExpr(type, cx);
    if (right === null || right.type !== 'assignment') break;
    node = right;
    right = node.childForFieldName('right');
  }
  const stmt: { k: 'assign'; targets: Expr[]; value?: Expr; annotation?: Expr; range: Range } = { k: 'assign', targets, range };
  if (right !== null) stmt.value = right.type === 'augmented_assignment' ? unknownAt(right) : lowerExpr(right, cx);
  if (annotation !== undefined) stmt.annotation = annotation;
  return stmt;
}

function lowerIf(n: Node, cx: StmtContext): Stmt {
  const alternatives = n.childrenForFieldName('alternative').filter((c) => c.isNamed);
  const end = n.endIndex;
  // elif chains become nested ifs in orelse, each reaching to the end of the whole statement.
  const orelseFrom = (i: number): Stmt[] => {
    const alt = alternatives[i];
    if (alt === undefined) return [];
    if (alt.type === 'else_clause') return lowerStatements(alt.childForFieldName('body'), cx);
    return [
      {
        k: 'if',
        test: lowerField(alt, 'condition', cx),
        body: lowerStatements(alt.childForFieldName('consequence'), cx),
        orelse: orelseFrom(i + 1),
        range: { start: alt.startIndex, end },
      },
    ];
  };
  return {
    k: 'if',
    test: lowerField(n, 'condition', cx),
    body: lowerStatements(n.childForFieldName('consequence'), cx),
    orelse: orelseFrom(0),
    range: rangeOf(n),
  };
}

function lowerElse(clause: Node | null, cx: StmtContext): Stmt[] {
  return clause === null ? [] : lowerStatements(clause.childForFieldName('body'), cx);
}

function lowerTry(n: Node, cx: StmtContext): Stmt {
  const handlers: ExceptHandler[] = [];
  let orelse: Stmt[] = [];
  let finalbody: Stmt[] = [];
  for (const c of n.namedChildren) {
    switch (c.type) {
      case 'except_clause':
        handlers.push(lowerHandler(c, cx));
        break;
      case 'else_clause':
        orelse = lowerElse(c, cx);
        break;
      case 'finally_clause':
        finalbody = lowerStatements(childOfType(c, 'block'), cx);
        break;
    }
  }
  return { k: 'try', body: lowerStatements(n.childForFieldName('body'), cx), handlers, orelse, finalbody, range: rangeOf(n) };
}

/** `except T as e:` (T may be a tuple; `except*` lowers the same way). */
function lowerHandler(c: Node, cx: StmtContext): ExceptHandler {
  const body = lowerStatements(childOfType(c, 'block'), cx);
  const values = c.childrenForFieldName('value').filter((v) => v.isNamed);
  let name: string | undefined;
  let type: Expr | undefined;
  const alias = c.childForFieldName('alias');
  if (alias !== null) name = textOf(alias, cx);
  const only = values.length === 1 ? values[0]! : undefined;
  if (only !== undefined && only.type === 'as_pattern') {
    const [t] = namedKids(only);
    const target = only.childForFieldName('alias');
    type = t === undefined ? unknownAt(only) : lowerExpr(t, cx);
    if (target !== null) name = textOf(target, cx);
  } else if (only !== undefined) {
    type = lowerExpr(only, cx);
  } else if (values.length > 1) {
    // `except A, B:` (Python 3.14 without parentheses).
    type = { k: 'tuple', items: values.map((v) => lowerExpr(v, cx)), range: { start: values[0]!.startIndex, end: values[values.length - 1]!.endIndex } };
  }
  return { ...(type !== undefined ? { type } : {}), ...(name !== undefined ? { name } : {}), body };
}

function lowerWith(n: Node, cx: StmtContext): Stmt {
  const items: { ctx: Expr; target?: Expr }[] = [];
  const clause = childOfType(n, 'with_clause');
  for (const item of clause === null ? [] : namedKids(clause)) {
    if (item.type !== 'with_item') continue;
    const value = item.childForFieldName('value');
    if (value === null) continue;
    if (value.type === 'as_pattern') {
      const [ctx] = namedKids(value);
      const target = value.childForFieldName('alias');
      items.push({ ctx: ctx === undefined ? unknownAt(value) : lowerExpr(ctx, cx), ...(target !== null ? { target: lowerExpr(target, cx) } : {}) });
    } else items.push({ ctx: lowerExpr(value, cx) });
  }
  return { k: 'with', items, body: lowerStatements(n.childForFieldName('body'), cx), range: rangeOf(n) };
}

function lowerDefinition(n: Node, decorators: Expr[], range: Range, cx: StmtContext): Stmt {
  const nameNode = n.childForFieldName('name');
  if (nameNode === null || nameNode.startIndex === nameNode.endIndex) return { k: 'unknown', range };
  const name = textOf(nameNode, cx);
  const nameRange = rangeOf(nameNode);
  const body = lowerStatements(n.childForFieldName('body'), cx);
  if (n.type === 'class_definition') {
    const bases = n.childForFieldName('superclasses');
    return { k: 'class', name, nameRange, bases: bases === null ? [] : lowerArgs(bases, cx), body, decorators, range };
  }
  if (n.type !== 'function_definition') return { k: 'unknown', range };
  const returnType = n.childForFieldName('return_type');
  return {
    k: 'def',
    name,
    nameRange,
    params: lowerParams(n.childForFieldName('parameters'), cx),
    body,
    decorators,
    ...(returnType !== null ? { returns: lowerExpr(returnType, cx) } : {}),
    isAsync: n.firstChild?.type === 'async',
    range,
  };
}

function lowerImportNames(n: Node, cx: StmtContext): ImportName[] {
  const out: ImportName[] = [];
  for (const c of n.childrenForFieldName('name')) {
    if (c.type === 'dotted_name') out.push({ name: dottedName(c, cx), range: rangeOf(c) });
    else if (c.type === 'aliased_import') {
      const name = c.childForFieldName('name');
      const alias = c.childForFieldName('alias');
      if (name === null) continue;
      out.push({ name: dottedName(name, cx), ...(alias !== null ? { asname: textOf(alias, cx) } : {}), range: rangeOf(c) });
    }
  }
  return out;
}

function lowerImportFrom(n: Node, cx: StmtContext): Stmt {
  const range = rangeOf(n);
  const moduleNode = n.childForFieldName('module_name');
  let module = '';
  let level = 0;
  if (moduleNode !== null && moduleNode.type === 'relative_import') {
    // `from ..a import b`: import_prefix holds the dots.
    for (const c of moduleNode.namedChildren) {
      if (c.type === 'import_prefix') level = textOf(c, cx).replace(/[^.]/g, '').length;
      else if (c.type === 'dotted_name') module = dottedName(c, cx);
    }
  } else if (moduleNode !== null) module = dottedName(moduleNode, cx);
  const star = childOfType(n, 'wildcard_import');
  const names = star !== null ? [{ name: '*', range: rangeOf(star) }] : lowerImportNames(n, cx);
  return { k: 'importfrom', module, level, names, range };
}

function childOfType(n: Node, type: string): Node | null {
  for (const c of n.namedChildren) if (c.type === type) return c;
  return null;
}
