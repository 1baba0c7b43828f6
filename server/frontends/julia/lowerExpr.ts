// Lowering of Julia expressions to IR Exprs. Julia's operators are functions, so they lower to
// calls of the Julia profile's builtins (`+`, `*`, `=>`, `:`...), never to the IR's Python
// operators: `x * W` is a matrix product and `x .+ b` broadcasts from the first axis. Dotted
// calls and operators become `broadcast(f, args...)`; indexing is `getindex` with 1-based
// indices, and `end` inside `x[...]` is `lastindex(x, dim, n)`. Anything unrecognised is
// `unknown` with its range, never an exception.
import type { Node } from 'web-tree-sitter';
import type { Arg, Comprehension, Expr, Param, Range } from '../../../engine/interp/ir';
import { lowerFunctionBody } from './lower';
import { lowerParamList } from './params';
import { callOf, kids, macroArgs, macroName, name, num, operatorNode, rangeOf, textOf, type JuliaContext } from './syntax';

/** Comparison spellings Julia accepts, by the builtin that implements them. */
const OPERATOR_ALIASES: Readonly<Record<string, string>> = { '≠': '!=', '≤': '<=', '≥': '>=', '∈': 'in', '∉': '!in', '≡': '===', '≢': '!==' };

export function unknownAt(n: Node): Expr {
  return { k: 'unknown', range: rangeOf(n) };
}

export function lowerExpr(n: Node, cx: JuliaContext): Expr {
  const range = rangeOf(n);
  switch (n.type) {
    case 'identifier':
      return lowerIdentifier(n, cx);
    case 'integer_literal': {
      const v = parseJuliaInt(textOf(n, cx));
      return v === undefined ? { k: 'unknown', range } : { k: 'num', value: v, isFloat: false, range };
    }
    case 'float_literal': {
      const v = parseJuliaFloat(textOf(n, cx));
      return v === undefined ? { k: 'unknown', range } : { k: 'num', value: v, isFloat: true, range };
    }
    case 'boolean_literal':
      return { k: 'bool', value: textOf(n, cx) === 'true', range };
    case 'string_literal':
      return lowerString(n, cx);
    case 'character_literal':
      return { k: 'str', value: textOf(n, cx).slice(1, -1), range };
    case 'prefixed_string_literal':
    case 'command_literal':
    case 'prefixed_command_literal':
      return { k: 'fstr', range };
    case 'quote_expression': {
      // `:name` is a Symbol; the interpreter carries it as a string.
      const inner = kids(n)[0];
      return inner && (inner.type === 'identifier' || inner.type === 'operator') ? { k: 'str', value: textOf(inner, cx), range } : { k: 'unknown', range };
    }
    case 'parenthesized_expression': {
      const inner = kids(n);
      return inner.length === 0 ? { k: 'tuple', items: [], range } : lowerExpr(inner[inner.length - 1], cx);
    }
    case 'tuple_expression':
    case 'open_tuple':
      return lowerTuple(n, cx);
    case 'vector_expression':
      return { k: 'list', items: kids(n).map((c) => lowerItem(c, cx)), range };
    case 'matrix_expression':
      return callOf(name('#hvcat', range), kids(n).map((row) => callOf(name('#row', rangeOf(row)), kids(row).map((c) => lowerExpr(c, cx)), rangeOf(row))), range);
    case 'comprehension_expression':
      return lowerComprehension(n, cx);
    case 'binary_expression':
      return lowerBinary(n, cx);
    case 'unary_expression': {
      const op = operatorNode(n);
      const operand = kids(n).find((c) => c !== op && c.type !== 'operator') ?? kids(n)[kids(n).length - 1];
      if (!op || !operand) return { k: 'unknown', range };
      return applyOperator(textOf(op, cx), rangeOf(op), [lowerExpr(operand, cx)], range, cx);
    }
    case 'call_expression':
      return lowerCall(n, cx);
    case 'broadcast_call_expression': {
      const [fn, list] = kids(n);
      if (!fn || !list) return { k: 'unknown', range };
      return { k: 'call', fn: name('broadcast', rangeOf(fn)), args: [{ value: lowerExpr(fn, cx), range: rangeOf(fn) }, ...lowerArgs(list, cx)], range };
    }
    case 'field_expression': {
      const [obj, field] = kids(n);
      if (!obj || !field) return { k: 'unknown', range };
      if (field.type !== 'identifier') return { k: 'unknown', range };
      return { k: 'attr', obj: lowerExpr(obj, cx), name: textOf(field, cx), nameRange: rangeOf(field), range };
    }
    case 'index_expression':
      return lowerIndex(n, cx);
    case 'range_expression':
      return lowerRange(n, cx);
    case 'arrow_function_expression':
      return lowerArrow(n, cx);
    case 'ternary_expression': {
      const [test, body, orelse] = kids(n);
      if (!test || !body || !orelse) return { k: 'unknown', range };
      return { k: 'ifexp', test: lowerExpr(test, cx), body: lowerExpr(body, cx), orelse: lowerExpr(orelse, cx), range };
    }
    case 'typed_expression': {
      // `x::T` in an expression asserts the type: its value is `x`.
      const value = kids(n)[0];
      return value ? lowerExpr(value, cx) : { k: 'unknown', range };
    }
    case 'parametrized_type_expression': {
      // `Vector{Float32}`: the type's name is what calls and array literals need.
      const head = kids(n)[0];
      return head ? lowerExpr(head, cx) : { k: 'unknown', range };
    }
    case 'splat_expression': {
      const value = kids(n)[0];
      return value ? { k: 'starred', value: lowerExpr(value, cx), range } : { k: 'unknown', range };
    }
    case 'adjoint_expression': {
      const value = kids(n)[0];
      return value ? callOf(name('adjoint', range), [lowerExpr(value, cx)], range) : { k: 'unknown', range };
    }
    case 'juxtaposition_expression': {
      // `2x` is `2 * x`.
      const [a, b] = kids(n);
      return a && b ? applyOperator('*', range, [lowerExpr(a, cx), lowerExpr(b, cx)], range, cx) : { k: 'unknown', range };
    }
    case 'operator': {
      // An operator used as a value: `SkipConnection(m, +)`, `reduce(vcat, xs)`, `x[:, 1]`.
      const op = textOf(n, cx);
      return name(OPERATOR_ALIASES[op] ?? op, range);
    }
    case 'macrocall_expression':
      return lowerMacroExpr(n, cx);
    case 'compound_statement': {
      // `begin ... end` used as a value: its last expression.
      const inner = kids(n);
      return inner.length === 0 ? { k: 'none', range } : lowerExpr(inner[inner.length - 1], cx);
    }
    case 'assignment': {
      // An assignment as a value (`f(y = 2x)` is a keyword, handled by the caller): its right side.
      const value = kids(n)[kids(n).length - 1];
      return value ? lowerExpr(value, cx) : { k: 'unknown', range };
    }
    default:
      return { k: 'unknown', range };
  }
}

function lowerIdentifier(n: Node, cx: JuliaContext): Expr {
  const range = rangeOf(n);
  const id = textOf(n, cx);
  if (id === '') return { k: 'unknown', range };
  if (id === 'end' && cx.indexing.length > 0) {
    const ix = cx.indexing[cx.indexing.length - 1];
    return callOf(name('lastindex', range), [ix.obj, num(ix.dim + 1, range), num(ix.count, range)], range);
  }
  if (id === '_' && cx.underscore) return cx.underscore;
  if (id === 'nothing') return { k: 'none', range };
  return name(id, range);
}

export function parseJuliaInt(text: string): number | undefined {
  const t = text.replace(/_/g, '');
  const v = /^0[xob]/i.test(t) ? Number(t) : /^\d+$/.test(t) ? Number(t) : NaN;
  return Number.isFinite(v) ? v : undefined;
}

export function parseJuliaFloat(text: string): number | undefined {
  // Float32 literals write their exponent with `f` (`1f-5`, `0.5f0`).
  const t = text.replace(/_/g, '').replace(/f/i, 'e');
  const v = Number(t.endsWith('.') ? `${t}0` : t);
  return Number.isFinite(v) ? v : undefined;
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', $: '$', "'": "'", '0': '\0' };

function lowerString(n: Node, cx: JuliaContext): Expr {
  const range = rangeOf(n);
  let value = '';
  for (const c of n.namedChildren) {
    if (c.type === 'content') value += textOf(c, cx);
    else if (c.type === 'escape_sequence') value += ESCAPES[textOf(c, cx).slice(1)] ?? textOf(c, cx);
    else if (c.type === 'string_interpolation' || c.type === 'interpolation_expression') return { k: 'fstr', range };
  }
  return { k: 'str', value, range };
}

/** An item of a tuple, vector or argument list: `xs...` spreads. */
function lowerItem(n: Node, cx: JuliaContext): Expr {
  return lowerExpr(n, cx);
}

function lowerTuple(n: Node, cx: JuliaContext): Expr {
  const range = rangeOf(n);
  const items = kids(n);
  // `(a = 1, b = 2)` and `(; a, b)` are NamedTuples: a builtin makes them from keywords.
  const named = items.some((c) => c.type === 'named_field') || n.children.some((c) => c.type === ';');
  if (named) {
    const args: Arg[] = items.map((c) => {
      if (c.type === 'named_field') {
        const [k, v] = kids(c);
        return { name: k ? textOf(k, cx) : '', value: v ? lowerExpr(v, cx) : unknownAt(c), range: rangeOf(c) };
      }
      const id = c.type === 'field_expression' ? kids(c)[1] : c;
      return { name: id ? textOf(id, cx) : '', value: lowerExpr(c, cx), range: rangeOf(c) };
    });
    return { k: 'call', fn: name('#namedtuple', range), args, range };
  }
  return { k: 'tuple', items: items.map((c) => lowerItem(c, cx)), range };
}

function lowerBinary(n: Node, cx: JuliaContext): Expr {
  const range = rangeOf(n);
  const op = operatorNode(n);
  const operands = kids(n).filter((c) => c !== op && !(op && c.startIndex === op.startIndex && c.type === 'operator'));
  const [l, r] = operands;
  if (!op || !l || !r) return { k: 'unknown', range };
  const text = textOf(op, cx);
  if (text === '&&' || text === '||') return { k: 'boolop', op: text === '&&' ? 'and' : 'or', values: [lowerExpr(l, cx), lowerExpr(r, cx)], range };
  if (text === '|>') return { k: 'call', fn: lowerExpr(r, cx), args: [{ value: lowerExpr(l, cx), range: rangeOf(l) }], range };
  if (text === '.|>') return callOf(name('broadcast', rangeOf(op)), [lowerExpr(r, cx), lowerExpr(l, cx)], range);
  if (text === '<|') return { k: 'call', fn: lowerExpr(l, cx), args: [{ value: lowerExpr(r, cx), range: rangeOf(r) }], range };
  return applyOperator(text, rangeOf(op), [lowerExpr(l, cx), lowerExpr(r, cx)], range, cx);
}

/** `a + b` is `+(a, b)`; `a .+ b` (and any operator inside `@.`) is `broadcast(+, a, b)`. */
function applyOperator(op: string, opRange: Range, operands: readonly Expr[], range: Range, cx: JuliaContext): Expr {
  const dotted = op.length > 1 && op.startsWith('.') && op !== '...' && op !== '..';
  const base = dotted ? op.slice(1) : op;
  const fn = name(OPERATOR_ALIASES[base] ?? base, opRange);
  if ((dotted || cx.dotted) && base !== '=>' && base !== ':') return callOf(name('broadcast', opRange), [fn, ...operands], range);
  return callOf(fn, operands, range);
}

/** `a:b` and `a:s:b` (parsed as `(a:s):b`). */
function lowerRange(n: Node, cx: JuliaContext): Expr {
  const range = rangeOf(n);
  const parts = kids(n);
  const colon = n.children.find((c) => c.type === ':');
  const colonRange = colon ? rangeOf(colon) : range;
  if (parts.length === 2) {
    const [a, b] = parts;
    if (a.type === 'range_expression' && !textOf(a, cx).startsWith('(')) {
      const inner = kids(a);
      if (inner.length === 2) return callOf(name(':', colonRange), [lowerExpr(inner[0], cx), lowerExpr(inner[1], cx), lowerExpr(b, cx)], range);
    }
    return callOf(name(':', colonRange), [lowerExpr(a, cx), lowerExpr(b, cx)], range);
  }
  return { k: 'unknown', range };
}

function lowerIndex(n: Node, cx: JuliaContext): Expr {
  const range = rangeOf(n);
  const [objNode, list] = kids(n);
  if (!objNode || !list) return { k: 'unknown', range };
  const obj = lowerExpr(objNode, cx);
  const indices = list.type === 'vector_expression' ? kids(list) : [list];
  const args: Arg[] = [{ value: obj, range: rangeOf(objNode) }];
  indices.forEach((ix, dim) => {
    cx.indexing.push({ obj, dim, count: indices.length });
    try {
      const value = ix.type === 'operator' && textOf(ix, cx) === ':' ? name(':', rangeOf(ix)) : lowerExpr(ix, cx);
      args.push(value.k === 'starred' ? { star: '*', value: value.value, range: rangeOf(ix) } : { value, range: rangeOf(ix) });
    } finally {
      cx.indexing.pop();
    }
  });
  return { k: 'call', fn: name('getindex', rangeOf(list)), args, range };
}

/** Call arguments: positional, `name = value`, `xs...`, and after `;` keywords (a bare `x` is `x = x`). */
export function lowerArgs(list: Node, cx: JuliaContext): Arg[] {
  const out: Arg[] = [];
  let keywords = false;
  for (const c of list.children) {
    if (c.type === ';') {
      keywords = true;
      continue;
    }
    if (!c.isNamed || c.type === 'line_comment' || c.type === 'block_comment') continue;
    const range = rangeOf(c);
    if (c.type === 'named_argument' || (c.type === 'assignment' && keywords)) {
      const [k, v] = kids(c).filter((x) => x.type !== 'operator');
      const key = k && k.type === 'typed_expression' ? kids(k)[0] : k;
      if (!key || !v) continue;
      out.push({ name: textOf(key, cx), value: lowerExpr(v, cx), range });
    } else if (c.type === 'splat_expression') {
      const v = kids(c)[0];
      if (v) out.push({ star: keywords ? '**' : '*', value: lowerExpr(v, cx), range });
    } else if (keywords && (c.type === 'identifier' || c.type === 'field_expression')) {
      const id = c.type === 'identifier' ? c : kids(c)[1];
      out.push({ name: id ? textOf(id, cx) : '', value: lowerExpr(c, cx), range });
    } else {
      out.push({ value: lowerExpr(c, cx), range });
    }
  }
  return out;
}

function lowerCall(n: Node, cx: JuliaContext): Expr {
  const range = rangeOf(n);
  const parts = kids(n);
  const fnNode = parts[0];
  const list = parts.find((c) => c.type === 'argument_list');
  const doClause = parts.find((c) => c.type === 'do_clause');
  if (!fnNode || !list) return { k: 'unknown', range };
  if (cx.autosize && cx.underscore === undefined && hasOwnUnderscore(list, cx)) return lazyLayer(n, fnNode, cx);
  const args = lowerArgs(list, cx);
  // `map(xs) do x ... end` passes the do-block as the first argument.
  if (doClause) args.unshift({ value: lowerDoBlock(doClause, cx), range: rangeOf(doClause) });
  const fn = lowerExpr(fnNode, cx);
  if (cx.dotted && !isTypeLike(fnNode, cx)) return { k: 'call', fn: name('broadcast', rangeOf(fnNode)), args: [{ value: fn, range: rangeOf(fnNode) }, ...args], range };
  return { k: 'call', fn, args, range };
}

/** Inside `@.`, constructors and type conversions are still called once. */
function isTypeLike(fn: Node, cx: JuliaContext): boolean {
  return /^[A-Z]/.test(textOf(fn, cx).split('.').pop() ?? '');
}

function lowerDoBlock(n: Node, cx: JuliaContext): Expr {
  const parts = kids(n);
  const list = parts.find((c) => c.type === 'argument_list');
  const body = parts.filter((c) => c !== list);
  const params = list ? lowerParamList(list, cx).params : [];
  return { k: 'lambda', params, body: lowerFunctionBody(body, [], cx), range: rangeOf(n) };
}

function lowerArrow(n: Node, cx: JuliaContext): Expr {
  const range = rangeOf(n);
  const parts = kids(n);
  if (parts.length < 2) return { k: 'unknown', range };
  const head = parts[0];
  const body = parts[parts.length - 1];
  let params: Param[];
  let prologue: readonly import('../../../engine/interp/ir').Stmt[] = [];
  if (head.type === 'argument_list' || head.type === 'tuple_expression') {
    const lowered = lowerParamList(head, cx);
    params = lowered.params;
    prologue = lowered.prologue;
  } else {
    const lowered = lowerParamList(head, cx, true);
    params = lowered.params;
    prologue = lowered.prologue;
  }
  if (prologue.length === 0 && body.type !== 'compound_statement') return { k: 'lambda', params, body: lowerExpr(body, cx), range };
  const stmts = body.type === 'compound_statement' ? kids(body) : [body];
  return { k: 'lambda', params, body: lowerFunctionBody(stmts, prologue, cx), range };
}

function lowerComprehension(n: Node, cx: JuliaContext): Expr {
  const range = rangeOf(n);
  const parts = kids(n);
  const elt = parts[0];
  if (!elt) return { k: 'unknown', range };
  const generators: Comprehension[] = [];
  for (const clause of parts.slice(1)) {
    if (clause.type === 'for_clause') {
      for (const b of kids(clause)) {
        if (b.type !== 'for_binding') continue;
        const g = forBinding(b, cx);
        if (g) generators.push({ ...g, ifs: [] });
      }
    } else if (clause.type === 'if_clause' && generators.length > 0) {
      const cond = kids(clause)[0];
      const last = generators[generators.length - 1];
      if (cond) generators[generators.length - 1] = { ...last, ifs: [...last.ifs, lowerExpr(cond, cx)] };
    }
  }
  if (generators.length === 0) return { k: 'unknown', range };
  return { k: 'comp', kind: 'list', elt: lowerExpr(elt, cx), generators, range };
}

/** `i in xs`, `i = 1:3`, `(a, b) in pairs`: the target and the collection. */
export function forBinding(b: Node, cx: JuliaContext): { target: Expr; iter: Expr } | undefined {
  const op = operatorNode(b);
  const parts = kids(b).filter((c) => c !== op && !(op && c.startIndex === op.startIndex));
  const [t, it] = parts;
  if (!t || !it) return undefined;
  return { target: lowerTarget(t, cx), iter: lowerExpr(it, cx) };
}

/** An assignment or loop target: a name, a destructuring tuple, a field or an index. */
export function lowerTarget(n: Node, cx: JuliaContext): Expr {
  const range = rangeOf(n);
  switch (n.type) {
    case 'identifier':
      return name(textOf(n, cx), range);
    case 'typed_expression': {
      const v = kids(n)[0];
      return v ? lowerTarget(v, cx) : { k: 'unknown', range };
    }
    case 'tuple_expression':
    case 'open_tuple':
    case 'parenthesized_expression': {
      const items = kids(n).map((c) => (c.type === 'splat_expression' && kids(c)[0] ? { k: 'starred' as const, value: lowerTarget(kids(c)[0], cx), range: rangeOf(c) } : lowerTarget(c, cx)));
      return n.type === 'parenthesized_expression' && items.length === 1 ? items[0] : { k: 'tuple', items, range };
    }
    case 'field_expression':
      return lowerExpr(n, cx);
    default:
      return { k: 'unknown', range };
  }
}

/** Macros in expression position: `@autosize`, `@.`, and pass-through macros (`@views x[1:2]`). */
function lowerMacroExpr(n: Node, cx: JuliaContext): Expr {
  const range = rangeOf(n);
  const macro = macroName(n, cx);
  const args = macroArgs(n);
  if (macro === 'autosize' && args.length === 2) {
    const saved = cx.autosize;
    cx.autosize = true;
    try {
      return callOf(name('@autosize', range), [lowerExpr(args[0], cx), lowerExpr(args[1], cx)], range);
    } finally {
      cx.autosize = saved;
    }
  }
  if (macro === '.' || macro === '__dot__') {
    const saved = cx.dotted;
    cx.dotted = true;
    try {
      return args.length === 1 ? lowerExpr(args[0], cx) : { k: 'unknown', range };
    } finally {
      cx.dotted = saved;
    }
  }
  if (PASS_THROUGH_MACROS.has(macro) && args.length >= 1) return lowerExpr(args[args.length - 1], cx);
  return { k: 'unknown', range };
}

/** Macros whose value is their last argument's (they time, log, or change how it runs). */
export const PASS_THROUGH_MACROS: ReadonlySet<string> = new Set([
  'views', 'view', 'inbounds', 'time', 'timed', 'elapsed', 'btime', 'belapsed', 'show', 'fastmath', 'simd', 'inline', 'noinline',
  'assert', 'test', 'eval', 'code_warntype', 'allocated', 'profile', 'debug', 'nospecialize', 'specialize', 'static', 'threads',
]);

/** True when `_` appears in a call's own arguments (not inside a nested call, which is lowered on its own). */
function hasOwnUnderscore(n: Node, cx: JuliaContext): boolean {
  for (const c of n.namedChildren) {
    if (c.type === 'identifier' && textOf(c, cx) === '_') return true;
    if (c.type === 'call_expression' || c.type === 'arrow_function_expression') continue;
    if (hasOwnUnderscore(c, cx)) return true;
  }
  return false;
}

/**
 * Inside `@autosize`, a constructor call with `_` becomes Flux's LazyLayer: a function of the
 * first input that builds the layer with `_` replaced by `autosizefor(Layer, x)` (the channel
 * dimension, or the first for Dense, Embedding and LayerNorm).
 */
function lazyLayer(n: Node, fnNode: Node, cx: JuliaContext): Expr {
  const range = rangeOf(n);
  const x = name('#x', range);
  const callee = lowerExpr(fnNode, cx);
  cx.underscore = callOf(name('#autosizefor', range), [callee, x], range);
  let made: Expr;
  try {
    made = lowerCall(n, cx);
  } finally {
    cx.underscore = undefined;
  }
  const make: Expr = { k: 'lambda', params: [{ name: '#x', kind: 'positional-only', range }], body: made, range };
  return callOf(name('#lazy', range), [{ k: 'str', value: textOf(n, cx), range }, make], range);
}
