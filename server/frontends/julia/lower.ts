// Lowering of a Julia syntax tree to the core IR (statements here, expressions in lowerExpr.ts).
// Julia's value-returning blocks become statements: a function returns its last expression, and
// `x = if ... end` assigns in each branch. A `struct` is a class whose generated `__init__` takes
// the fields in order; `Flux.@layer S` anywhere in the file makes `S` a layer (its base is the
// macro, a module base); `(m::S)(x) = ...` becomes `S`'s `__call__`. A second method of a name
// (an outer constructor beside its struct, or `f(x)` beside `f(x, y)`) joins the first through
// the `#method` builtin, which dispatches on arity and type annotations.
import type { Node, Parser, Tree } from 'web-tree-sitter';
import type { Comment, Expr, ImportName, ModuleIR, Param, Range, Stmt } from '../../../engine/interp/ir';
import { forBinding, lowerArgs, lowerExpr, lowerTarget, PASS_THROUGH_MACROS } from './lowerExpr';
import { lowerParamList, lowerType } from './params';
import { repairJulia } from './repair';
import { callOf, isComment, kids, macroArgs, macroName, name, operatorNode, rangeOf, textOf, type JuliaContext } from './syntax';

/** Names a block has defined as functions or structs (a later definition adds a method). */
type Definitions = Map<string, number>;

export function lowerJuliaTree(parser: Parser, text: string, tree: Tree): ModuleIR {
  const root = tree.rootNode;
  const comments = collectComments(root, text);
  const syntaxErrors = root.hasError ? collectErrors(root) : [];
  // Broken statements are blanked so that the rest of the file parses (repair.ts).
  const repaired = repairJulia(parser, text, tree);
  try {
    const r = repaired.tree.rootNode;
    const cx: JuliaContext = {
      src: repaired.text, layerStructs: layerMacros(r, repaired.text), indexing: [], dotted: false, autosize: false, underscore: undefined, counter: { n: 0 },
    };
    const body = lowerBlock(kids(r), cx, new Map());
    const unknown: Stmt[] = repaired.patched.map((range) => ({ k: 'unknown', range }));
    return { language: 'julia', body: unknown.length > 0 ? [...body, ...unknown].sort((a, b) => a.range.start - b.range.start) : body, comments, syntaxErrors };
  } finally {
    if (repaired.tree !== tree) repaired.tree.delete();
  }
}

function collectComments(root: Node, text: string): Comment[] {
  return [...root.descendantsOfType('line_comment'), ...root.descendantsOfType('block_comment')]
    .map((c) => ({ text: text.slice(c.startIndex, c.endIndex).replace(/\r$/, ''), range: rangeOf(c) }))
    .sort((a, b) => a.range.start - b.range.start);
}

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

/** `Flux.@layer S`, `@layer :expand S`, `@functor S`: struct name -> the macro as an expression. */
function layerMacros(root: Node, src: string): Map<string, Expr> {
  const out = new Map<string, Expr>();
  for (const m of root.descendantsOfType('macrocall_expression')) {
    const macro = macroName(m, { src });
    if (macro !== 'layer' && macro !== 'functor') continue;
    const target = macroArgs(m).find((a) => a.type === 'identifier' || a.type === 'parametrized_type_expression');
    const id = target?.type === 'parametrized_type_expression' ? kids(target)[0] : target;
    if (!id) continue;
    const prefix = kids(m).find((c) => c.type === 'identifier' || c.type === 'field_expression');
    const range = rangeOf(m);
    const cx = { src, layerStructs: new Map(), indexing: [], dotted: false, autosize: false, underscore: undefined, counter: { n: 0 } };
    const base: Expr = prefix && prefix.endIndex <= (m.namedChildren.find((c) => c.type === 'macro_identifier')?.startIndex ?? 0)
      ? { k: 'attr', obj: lowerExpr(prefix, cx), name: `@${macro}`, nameRange: range, range }
      : name(`@${macro}`, range);
    out.set(textOf(id, { src }), base);
  }
  return out;
}

export function lowerBlock(nodes: readonly Node[], cx: JuliaContext, defs: Definitions): Stmt[] {
  const out: Stmt[] = [];
  for (const n of nodes) lowerStatementInto(n, cx, defs, out);
  return out;
}

/** A function's statements: its prologue, then its body with the last expression returned. */
export function lowerFunctionBody(nodes: readonly Node[], prologue: readonly Stmt[], cx: JuliaContext): Stmt[] {
  const ret = (value: Expr, range: Range): Stmt => ({ k: 'return', value, range });
  return [...prologue, ...lowerTail(nodes, ret, cx, new Map())];
}

type Tail = (value: Expr, range: Range) => Stmt;

/** Statements whose last value goes to `tail` (a return, or an assignment of a block's value). */
function lowerTail(nodes: readonly Node[], tail: Tail, cx: JuliaContext, defs: Definitions): Stmt[] {
  const body = nodes.filter((n) => !isComment(n));
  if (body.length === 0) return [];
  const out = lowerBlock(body.slice(0, -1), cx, defs);
  const last = body[body.length - 1];
  const range = rangeOf(last);
  switch (last.type) {
    case 'if_statement':
      out.push(lowerIf(last, cx, defs, tail));
      return out;
    case 'compound_statement':
      out.push(...lowerTail(kids(last), tail, cx, defs));
      return out;
    case 'let_statement':
      out.push(...lowerLet(last, cx, defs, tail));
      return out;
    case 'assignment': {
      const before = out.length;
      lowerStatementInto(last, cx, defs, out);
      const stmt = out[before];
      if (out.length === before + 1 && stmt.k === 'assign' && stmt.targets.length >= 1 && stmt.targets[0].k === 'name') out.push(tail(stmt.targets[0], range));
      return out;
    }
    case 'macrocall_expression': {
      const macro = macroName(last, cx);
      const args = macroArgs(last);
      if (PASS_THROUGH_MACROS.has(macro) && args.length > 0 && isValueNode(args[args.length - 1])) {
        out.push(tail(lowerExpr(args[args.length - 1], cx), range));
        return out;
      }
      if (macro === 'autosize' || macro === '.') {
        out.push(tail(lowerExpr(last, cx), range));
        return out;
      }
      lowerStatementInto(last, cx, defs, out);
      return out;
    }
    default:
      if (isValueNode(last) && !isControlExpression(last, cx)) out.push(tail(lowerExpr(last, cx), range));
      else lowerStatementInto(last, cx, defs, out);
      return out;
  }
}

const STATEMENT_NODES: ReadonlySet<string> = new Set([
  'assignment', 'compound_assignment_expression', 'function_definition', 'struct_definition', 'macro_definition', 'abstract_definition',
  'primitive_definition', 'module_definition', 'for_statement', 'while_statement', 'try_statement', 'return_statement', 'break_statement',
  'continue_statement', 'const_statement', 'global_statement', 'local_statement', 'using_statement', 'import_statement', 'export_statement',
  'public_statement', 'quote_statement', 'if_statement', 'let_statement', 'compound_statement',
]);

function isValueNode(n: Node): boolean {
  return !STATEMENT_NODES.has(n.type);
}

/** `cond && return x`, `cond || throw(...)`, `throw(...)`: control flow written as expressions. */
function isControlExpression(n: Node, cx: JuliaContext): boolean {
  if (n.type === 'binary_expression') {
    const op = operatorNode(n);
    const text = op ? textOf(op, cx) : '';
    if (text === '&&' || text === '||') {
      const r = kids(n)[kids(n).length - 1];
      return r !== undefined && (!isValueNode(r) || isControlExpression(r, cx));
    }
    return false;
  }
  if (n.type === 'call_expression') {
    const fn = kids(n)[0];
    return fn?.type === 'identifier' && (textOf(fn, cx) === 'throw' || textOf(fn, cx) === 'error' || textOf(fn, cx) === 'include');
  }
  return false;
}

function lowerStatementInto(n: Node, cx: JuliaContext, defs: Definitions, out: Stmt[]): void {
  if (isComment(n)) return;
  const range = rangeOf(n);
  switch (n.type) {
    case 'assignment':
      lowerAssignment(n, cx, defs, out);
      return;
    case 'compound_assignment_expression':
      out.push(lowerCompoundAssignment(n, cx));
      return;
    case 'function_definition':
      lowerFunctionDefinition(n, cx, defs, out);
      return;
    case 'struct_definition':
      lowerStruct(n, cx, defs, out, false);
      return;
    case 'macrocall_expression':
      lowerMacroStatement(n, cx, defs, out);
      return;
    case 'if_statement':
      out.push(lowerIf(n, cx, defs, undefined));
      return;
    case 'for_statement':
      out.push(lowerFor(n, cx, defs));
      return;
    case 'while_statement': {
      const [cond, ...body] = kids(n);
      out.push({ k: 'while', test: cond ? lowerExpr(cond, cx) : { k: 'unknown', range }, body: lowerBlock(body, cx, defs), orelse: [], range });
      return;
    }
    case 'try_statement':
      out.push(lowerTry(n, cx, defs));
      return;
    case 'let_statement':
      out.push(...lowerLet(n, cx, defs, undefined));
      return;
    case 'compound_statement':
      out.push(...lowerBlock(kids(n), cx, defs));
      return;
    case 'module_definition': {
      // A module's names land where it is defined (qualified `M.f` access is not modelled).
      const nameNode = n.childForFieldName('name');
      out.push(...lowerBlock(kids(n).filter((c) => c !== nameNode && c.startIndex !== nameNode?.startIndex), cx, defs));
      return;
    }
    case 'return_statement': {
      const v = kids(n)[0];
      out.push(v ? { k: 'return', value: lowerExpr(v, cx), range } : { k: 'return', range });
      return;
    }
    case 'break_statement':
      out.push({ k: 'break', range });
      return;
    case 'continue_statement':
      out.push({ k: 'continue', range });
      return;
    case 'const_statement':
    case 'global_statement':
    case 'local_statement':
      for (const c of kids(n)) if (c.type !== 'identifier') lowerStatementInto(c, cx, defs, out);
      return;
    case 'using_statement':
    case 'import_statement':
      out.push(...lowerImport(n, cx, n.type === 'using_statement'));
      return;
    case 'export_statement':
    case 'public_statement':
    case 'macro_definition':
    case 'abstract_definition':
    case 'primitive_definition':
    case 'quote_statement':
      out.push({ k: 'pass', range });
      return;
    case 'binary_expression': {
      if (isControlExpression(n, cx)) {
        const [l, r] = kids(n).filter((c) => c.type !== 'operator');
        const op = textOf(operatorNode(n)!, cx);
        const test = lowerExpr(l, cx);
        const body: Stmt[] = [];
        lowerStatementInto(r, cx, defs, body);
        out.push(op === '&&' ? { k: 'if', test, body, orelse: [], range } : { k: 'if', test, body: [], orelse: body, range });
        return;
      }
      break;
    }
    case 'call_expression': {
      const fn = kids(n)[0];
      const fname = fn?.type === 'identifier' ? textOf(fn, cx) : '';
      if (fname === 'throw' || fname === 'error') {
        const list = kids(n).find((c) => c.type === 'argument_list');
        for (const a of list ? lowerArgs(list, cx) : []) out.push({ k: 'expr', value: a.value, range: a.range });
        out.push({ k: 'raise', range });
        return;
      }
      if (fname === 'include') {
        const list = kids(n).find((c) => c.type === 'argument_list');
        const arg = list ? lowerArgs(list, cx)[0] : undefined;
        if (arg && arg.value.k === 'str') {
          out.push({ k: 'importfrom', module: arg.value.value, level: 1, names: [{ name: '*', range }], range });
          return;
        }
      }
      break;
    }
    case 'ERROR':
      out.push({ k: 'unknown', range });
      // Keep what tree-sitter still recognised inside the damaged region.
      for (const c of kids(n)) if (!isValueNode(c) || c.type === 'call_expression') lowerStatementInto(c, cx, defs, out);
      return;
    default:
      break;
  }
  out.push({ k: 'expr', value: lowerExpr(n, cx), range });
}

// ---- assignments ----------------------------------------------------------------------------

function lowerAssignment(n: Node, cx: JuliaContext, defs: Definitions, out: Stmt[]): void {
  const range = rangeOf(n);
  const parts = kids(n).filter((c) => !(c.type === 'operator'));
  const [lhs] = parts;
  let rhs = parts[parts.length - 1];
  if (!lhs || !rhs || parts.length < 2) {
    out.push({ k: 'unknown', range });
    return;
  }
  if (isSignature(lhs)) {
    lowerMethod(lhs, [rhs], range, cx, defs, out, true);
    return;
  }
  // `a = b = value`
  const targets: Expr[] = [lowerTarget(lhs, cx)];
  while (rhs.type === 'assignment') {
    const inner = kids(rhs).filter((c) => c.type !== 'operator');
    if (inner.length < 2) break;
    targets.push(lowerTarget(inner[0], cx));
    rhs = inner[inner.length - 1];
  }
  if (lhs.type === 'index_expression') {
    // `x[i] = v` mutates an array in place: its shape does not change.
    out.push({ k: 'expr', value: lowerExpr(rhs, cx), range });
    return;
  }
  const destructure = targets.some((t) => t.k === 'tuple');
  const wrap = (v: Expr): Expr => (destructure ? callOf(name('#unpack', v.range), [v], v.range) : v);
  if (rhs.type === 'if_statement' || rhs.type === 'compound_statement' || rhs.type === 'let_statement' || rhs.type === 'try_statement') {
    const tail: Tail = (value, r) => ({ k: 'assign', targets, value: wrap(value), range: r });
    if (rhs.type === 'try_statement') out.push(lowerTry(rhs, cx, defs, tail));
    else out.push(...lowerTail([rhs], tail, cx, defs));
    return;
  }
  if (rhs.type === 'function_definition') {
    // `f = function (x) ... end`
    const sig = kids(rhs).find((c) => c.type === 'signature');
    const list = sig ? kids(sig)[0] : undefined;
    const lowered = list && list.type === 'argument_list' ? lowerParamList(list, cx) : { params: [], prologue: [] };
    const body = kids(rhs).filter((c) => c !== sig);
    out.push({ k: 'assign', targets, value: { k: 'lambda', params: lowered.params, body: lowerFunctionBody(body, lowered.prologue, cx), range: rangeOf(rhs) }, range });
    return;
  }
  out.push({ k: 'assign', targets, value: wrap(lowerExpr(rhs, cx)), range });
}

function lowerCompoundAssignment(n: Node, cx: JuliaContext): Stmt {
  const range = rangeOf(n);
  const op = operatorNode(n);
  const [lhs, rhs] = kids(n).filter((c) => c !== op && c.type !== 'operator');
  if (!op || !lhs || !rhs) return { k: 'unknown', range };
  const text = textOf(op, cx);
  if (text === '.=' || lhs.type === 'index_expression') return { k: 'expr', value: lowerExpr(rhs, cx), range };
  const dotted = text.startsWith('.');
  const base = text.slice(dotted ? 1 : 0, -1);
  const target = lowerTarget(lhs, cx);
  const operands = [lowerExpr(lhs, cx), lowerExpr(rhs, cx)];
  const value = dotted || cx.dotted ? callOf(name('broadcast', rangeOf(op)), [name(base, rangeOf(op)), ...operands], range) : callOf(name(base, rangeOf(op)), operands, range);
  return { k: 'assign', targets: [target], value, range };
}

// ---- control flow ---------------------------------------------------------------------------

function lowerIf(n: Node, cx: JuliaContext, defs: Definitions, tail: Tail | undefined): Stmt {
  const range = rangeOf(n);
  const clauses = kids(n);
  const cond = n.childForFieldName('condition');
  const bodyNodes = clauses.filter((c) => c !== cond && c.startIndex !== cond?.startIndex && c.type !== 'elseif_clause' && c.type !== 'else_clause');
  const branches = clauses.filter((c) => c.type === 'elseif_clause' || c.type === 'else_clause');
  const block = (nodes: readonly Node[]): Stmt[] => (tail ? lowerTail(nodes, tail, cx, defs) : lowerBlock(nodes, cx, defs));
  const orelse = (i: number): Stmt[] => {
    const b = branches[i];
    if (!b) return [];
    if (b.type === 'else_clause') return block(kids(b));
    const c = b.childForFieldName('condition');
    const body = kids(b).filter((k) => k.startIndex !== c?.startIndex);
    return [{ k: 'if', test: c ? lowerExpr(c, cx) : { k: 'unknown', range: rangeOf(b) }, body: block(body), orelse: orelse(i + 1), range: rangeOf(b) }];
  };
  return { k: 'if', test: cond ? lowerExpr(cond, cx) : { k: 'unknown', range }, body: block(bodyNodes), orelse: orelse(0), range };
}

function lowerFor(n: Node, cx: JuliaContext, defs: Definitions): Stmt {
  const range = rangeOf(n);
  const bindings = kids(n).filter((c) => c.type === 'for_binding');
  const body = kids(n).filter((c) => c.type !== 'for_binding');
  let stmts = lowerBlock(body, cx, defs);
  // `for i in a, j in b` nests the loops.
  for (let i = bindings.length - 1; i >= 0; i--) {
    const b = forBinding(bindings[i], cx);
    stmts = [b ? { k: 'for', target: b.target, iter: b.iter, body: stmts, orelse: [], range } : { k: 'unknown', range }];
  }
  return stmts[0] ?? { k: 'unknown', range };
}

function lowerTry(n: Node, cx: JuliaContext, defs: Definitions, tail?: Tail): Stmt {
  const range = rangeOf(n);
  const parts = kids(n);
  const body = parts.filter((c) => c.type !== 'catch_clause' && c.type !== 'finally_clause' && c.type !== 'else_clause');
  const block = (nodes: readonly Node[]): Stmt[] => (tail ? lowerTail(nodes, tail, cx, defs) : lowerBlock(nodes, cx, defs));
  const catchClause = parts.find((c) => c.type === 'catch_clause');
  const finallyClause = parts.find((c) => c.type === 'finally_clause');
  const handlers = catchClause ? [catchHandler(catchClause, cx, defs, block)] : [];
  return { k: 'try', body: block(body), handlers, orelse: [], finalbody: finallyClause ? lowerBlock(kids(finallyClause), cx, defs) : [], range };
}

function catchHandler(c: Node, cx: JuliaContext, _defs: Definitions, block: (nodes: readonly Node[]) => Stmt[]): { name?: string; body: readonly Stmt[] } {
  const parts = kids(c);
  // `catch e` names the exception when the identifier is on the `catch` line.
  const first = parts[0];
  const named = first && first.type === 'identifier' && first.startPosition.row === c.startPosition.row;
  return named ? { name: textOf(first, cx), body: block(parts.slice(1)) } : { body: block(parts) };
}

function lowerLet(n: Node, cx: JuliaContext, defs: Definitions, tail: Tail | undefined): Stmt[] {
  const out: Stmt[] = [];
  const parts = kids(n);
  const bindings = parts.filter((c) => c.type === 'let_binding');
  for (const b of bindings) {
    const [t, v] = kids(b).filter((c) => c.type !== 'operator');
    if (t && v) out.push({ k: 'assign', targets: [lowerTarget(t, cx)], value: lowerExpr(v, cx), range: rangeOf(b) });
  }
  const body = parts.filter((c) => c.type !== 'let_binding' && !(c.type === 'identifier' && c.startPosition.row === n.startPosition.row));
  out.push(...(tail ? lowerTail(body, tail, cx, defs) : lowerBlock(body, cx, defs)));
  return out;
}

// ---- definitions ----------------------------------------------------------------------------

function isSignature(n: Node): boolean {
  if (n.type === 'call_expression') return true;
  if (n.type === 'where_expression' || n.type === 'typed_expression') return kids(n)[0] !== undefined && isSignature(kids(n)[0]);
  return false;
}

/** The call inside `f(x)::T where T`. */
function signatureCall(n: Node): Node | undefined {
  if (n.type === 'call_expression') return n;
  if (n.type === 'where_expression' || n.type === 'typed_expression') return kids(n)[0] ? signatureCall(kids(n)[0]) : undefined;
  return undefined;
}

function lowerFunctionDefinition(n: Node, cx: JuliaContext, defs: Definitions, out: Stmt[]): void {
  const range = rangeOf(n);
  const sig = kids(n).find((c) => c.type === 'signature');
  const body = kids(n).filter((c) => c !== sig);
  const head = sig ? kids(sig)[0] : undefined;
  if (!head) {
    out.push({ k: 'pass', range }); // `function f end` declares a generic function
    return;
  }
  if (head.type === 'argument_list') {
    // An anonymous `function (x) ... end` as a statement does nothing.
    out.push({ k: 'pass', range });
    return;
  }
  lowerMethod(head, body, range, cx, defs, out, false);
}

/** A method: `f(x) = ...`, `function f(x) ... end`, a functor `(m::S)(x)`, or a library method (skipped). */
function lowerMethod(sigNode: Node, body: readonly Node[], range: Range, cx: JuliaContext, defs: Definitions, out: Stmt[], short: boolean): void {
  const call = signatureCall(sigNode);
  const list = call ? kids(call).find((c) => c.type === 'argument_list') : undefined;
  const callee = call ? kids(call)[0] : undefined;
  if (!call || !list || !callee) {
    out.push({ k: 'unknown', range });
    return;
  }
  const { params, prologue } = lowerParamList(list, cx);
  const stmts = short && body.length === 1 && body[0].type === 'compound_statement' ? kids(body[0]) : body;
  const fnBody = lowerFunctionBody(stmts, prologue, cx);
  if (callee.type === 'parenthesized_expression') {
    // `(m::Model)(x) = ...`: the struct's __call__, with `m` as its first parameter.
    const typed = kids(callee)[0];
    const parts = typed?.type === 'typed_expression' ? kids(typed) : typed?.type === 'unary_typed_expression' ? [undefined, kids(typed)[0]] : [];
    const [self, type] = parts;
    if (!type) {
      out.push({ k: 'unknown', range });
      return;
    }
    const selfParam: Param = { name: self ? textOf(self, cx) : '#self', kind: 'positional-only', range: self ? rangeOf(self) : rangeOf(type) };
    const fn: Expr = { k: 'lambda', params: [selfParam, ...params], body: fnBody, range };
    out.push({ k: 'expr', value: callOf(name('#functor', rangeOf(callee)), [typeName(type, cx), fn], range), range });
    return;
  }
  const nameNode = callee.type === 'parametrized_type_expression' ? kids(callee)[0] : callee;
  if (!nameNode || nameNode.type !== 'identifier') {
    // `Base.show(io, m::S)`, `Flux.trainable(m::S)`: methods of library functions change no shape.
    out.push({ k: 'pass', range });
    return;
  }
  pushDef(textOf(nameNode, cx), rangeOf(nameNode), params, fnBody, range, cx, defs, out);
}

/** A def, or (for a name the block already defined) a def under a fresh name joined to the first. */
function pushDef(fname: string, nameRange: Range, params: readonly Param[], body: readonly Stmt[], range: Range, cx: JuliaContext, defs: Definitions, out: Stmt[]): void {
  const seen = defs.get(fname);
  defs.set(fname, (seen ?? 0) + 1);
  if (seen === undefined) {
    out.push({ k: 'def', name: fname, nameRange, params, body, decorators: [], isAsync: false, range });
    return;
  }
  const method = `${fname}#${seen + 1}`;
  out.push({ k: 'def', name: method, nameRange, params, body, decorators: [], isAsync: false, range });
  out.push({ k: 'assign', targets: [name(fname, nameRange)], value: callOf(name('#method', nameRange), [name(fname, nameRange), name(method, nameRange)], range), range });
}

function typeName(n: Node, cx: JuliaContext): Expr {
  if (n.type === 'parametrized_type_expression' && kids(n)[0]) return typeName(kids(n)[0], cx);
  return lowerExpr(n, cx);
}

/**
 * `struct S; a::A; b; end` -> `class S(base): def __init__(self, a::A, b): self.a = a; self.b = b`.
 * With `@kwdef`, fields with defaults are keyword parameters (Julia makes both constructors).
 */
function lowerStruct(n: Node, cx: JuliaContext, defs: Definitions, out: Stmt[], kwdef: boolean): void {
  const range = rangeOf(n);
  const parts = kids(n);
  const head = parts.find((c) => c.type === 'type_head');
  let id = head ? kids(head)[0] : undefined;
  while (id && id.type !== 'identifier') id = kids(id)[0];
  if (!id) {
    out.push({ k: 'unknown', range });
    return;
  }
  const sname = textOf(id, cx);
  const params: Param[] = [{ name: '#self', kind: 'positional-only', range: rangeOf(id) }];
  const sets: Stmt[] = [];
  for (const f of parts) {
    if (f === head) continue;
    let field: Node | undefined = f;
    let dflt: Expr | undefined;
    if (f.type === 'assignment') {
      if (isSignature(kids(f)[0] ?? f)) continue; // an inner constructor
      const [t, v] = kids(f).filter((c) => c.type !== 'operator');
      field = t;
      dflt = v ? lowerExpr(v, cx) : undefined;
    }
    if (!field) continue;
    const fid = field.type === 'typed_expression' ? kids(field)[0] : field;
    if (!fid || fid.type !== 'identifier') continue;
    const t = field.type === 'typed_expression' ? kids(field)[1] : undefined;
    const fname = textOf(fid, cx);
    params.push({ name: fname, kind: kwdef && dflt ? 'keyword-only' : 'positional-only', default: dflt, annotation: t ? lowerType(t, cx) : undefined, range: rangeOf(fid) });
    const r = rangeOf(fid);
    // `#field` keeps a collection of layers as the struct's children (Functors walks into it).
    sets.push({ k: 'assign', targets: [{ k: 'attr', obj: name('#self', r), name: fname, nameRange: r, range: r }], value: callOf(name('#field', r), [name(fname, r)], r), range: r });
  }
  const init: Stmt = { k: 'def', name: '__init__', nameRange: rangeOf(id), params, body: sets, decorators: [], isAsync: false, range };
  const base = cx.layerStructs.get(sname);
  defs.set(sname, (defs.get(sname) ?? 0) + 1);
  out.push({ k: 'class', name: sname, nameRange: rangeOf(id), bases: base ? [{ value: base, range: base.range }] : [], body: [init], decorators: [], range });
}

function lowerMacroStatement(n: Node, cx: JuliaContext, defs: Definitions, out: Stmt[]): void {
  const range = rangeOf(n);
  const macro = macroName(n, cx);
  const args = macroArgs(n);
  const last = args[args.length - 1];
  switch (macro) {
    case 'layer':
    case 'functor':
    case 'info':
    case 'warn':
    case 'debug':
    case 'printf':
    case 'error':
    case 'doc':
    case 'compat':
    case 'non_differentiable':
    case 'adjoint':
      out.push({ k: 'pass', range });
      return;
    case 'kwdef':
      if (last?.type === 'struct_definition') {
        lowerStruct(last, cx, defs, out, true);
        return;
      }
      break;
    case 'assert':
      if (args[0]) {
        out.push({ k: 'assert', test: lowerExpr(args[0], cx), range });
        return;
      }
      break;
    case '.':
    case '__dot__': {
      if (!last) break;
      const saved = cx.dotted;
      cx.dotted = true;
      try {
        lowerStatementInto(last, cx, defs, out);
      } finally {
        cx.dotted = saved;
      }
      return;
    }
    case 'testset':
      if (last) {
        lowerStatementInto(last, cx, defs, out);
        return;
      }
      break;
    default:
      break;
  }
  if (macro !== 'autosize' && last && (!isValueNode(last) || PASS_THROUGH_MACROS.has(macro))) {
    // `@inbounds for ...`, `@time y = m(x)`, `@views x = a[1:2]`: the statement itself runs.
    lowerStatementInto(last, cx, defs, out);
    return;
  }
  out.push({ k: 'expr', value: lowerExpr(n, cx), range });
}

// ---- imports --------------------------------------------------------------------------------

/**
 * `using Flux` binds `Flux` and everything it exports; `using Flux: Dense, Chain` and
 * `import Flux: Dense as D` bind those names; `using .Layers` looks beside the file.
 */
function lowerImport(n: Node, cx: JuliaContext, using: boolean): Stmt[] {
  const range = rangeOf(n);
  const out: Stmt[] = [];
  for (const item of kids(n)) {
    if (item.type === 'selected_import') {
      const [modNode, ...names] = kids(item);
      if (!modNode) continue;
      const { module, level } = modulePath(modNode, cx);
      const last = module.split('.').pop();
      const imported: ImportName[] = [];
      for (const nm of names) {
        if (nm.type === 'import_alias') {
          const [a, b] = kids(nm);
          if (a && b) imported.push({ name: textOf(a, cx), asname: textOf(b, cx), range: rangeOf(nm) });
        } else if (textOf(nm, cx) === last && level === 0) {
          out.push({ k: 'import', names: [{ name: module, asname: last, range: rangeOf(nm) }], range });
        } else imported.push({ name: textOf(nm, cx).replace(/^@/, '@'), range: rangeOf(nm) });
      }
      if (imported.length > 0) out.push({ k: 'importfrom', module, level, names: imported, range });
      continue;
    }
    if (item.type === 'import_alias') {
      const [a, b] = kids(item);
      if (a && b) out.push({ k: 'import', names: [{ name: modulePath(a, cx).module, asname: textOf(b, cx), range: rangeOf(item) }], range });
      continue;
    }
    const { module, level } = modulePath(item, cx);
    if (!module) continue;
    const last = module.split('.').pop()!;
    if (level === 0) out.push({ k: 'import', names: [{ name: module, asname: last, range: rangeOf(item) }], range });
    if (using) out.push({ k: 'importfrom', module, level, names: [{ name: '*', range: rangeOf(item) }], range });
  }
  return out;
}

/** `Flux`, `Flux.Losses`, `.Layers` (level 1), `..Shared` (level 2). */
function modulePath(n: Node, cx: JuliaContext): { module: string; level: number } {
  const text = textOf(n, cx).replace(/\s+/g, '');
  const level = /^\.*/.exec(text)![0].length;
  return { module: text.slice(level), level };
}
