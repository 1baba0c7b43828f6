// Lowering of Python expressions (and assignment targets, which share their syntax) to IR Exprs.
// Anything unrecognised, damaged or without a static value (await, complex numbers)
// becomes `unknown` with its range, never an exception.
import type { Node } from 'web-tree-sitter';
import type { Arg, BinaryOp, CompareOp, Comprehension, Expr, Range } from '../../../engine/interp/ir';
import { decodeEscapes, parseNumber, stringPrefix } from './literals';
import { lowerParams } from './params';
import { namedKids, rangeOf, textOf, type LowerContext } from './syntax';

const BINARY_OPS: ReadonlySet<string> = new Set(['+', '-', '*', '/', '//', '%', '**', '@', '&', '|', '^', '<<', '>>']);
const COMPARE_OPS: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>=', 'in', 'not in', 'is', 'is not']);

export function unknownAt(n: Node): Expr {
  return { k: 'unknown', range: rangeOf(n) };
}

/** Lowers the child in `field`, or `unknown` over the parent when the parser left it out. */
export function lowerField(n: Node, field: string, cx: LowerContext): Expr {
  const child = n.childForFieldName(field);
  return child === null ? unknownAt(n) : lowerExpr(child, cx);
}

export function lowerExpr(n: Node, cx: LowerContext): Expr {
  const range = rangeOf(n);
  switch (n.type) {
    case 'identifier': {
      const id = textOf(n, cx);
      // A MISSING identifier (inserted by error recovery) is zero-width.
      return id === '' ? { k: 'unknown', range } : { k: 'name', id, range };
    }
    case 'integer':
    case 'float': {
      const value = parseNumber(textOf(n, cx));
      return value === undefined ? { k: 'unknown', range } : { k: 'num', value, isFloat: n.type === 'float', range };
    }
    case 'string':
      return lowerString(n, cx);
    case 'concatenated_string': {
      // Adjacent literals are one string; one f-string part makes the whole value unknown.
      let value = '';
      for (const part of namedKids(n)) {
        const s = lowerString(part, cx);
        if (s.k !== 'str') return { k: 'fstr', range };
        value += s.value;
      }
      return { k: 'str', value, range };
    }
    case 'true':
    case 'false':
      return { k: 'bool', value: n.type === 'true', range };
    case 'none':
      return { k: 'none', range };
    case 'ellipsis':
      return { k: 'ellipsis', range };
    case 'attribute': {
      const obj = n.childForFieldName('object');
      const name = n.childForFieldName('attribute');
      if (obj === null || name === null || name.startIndex === name.endIndex) return { k: 'unknown', range };
      return hoistStar(lowerExpr(obj, cx), (o) => ({ k: 'attr', obj: o, name: textOf(name, cx), nameRange: rangeOf(name), range }));
    }
    case 'subscript':
      return lowerSubscript(n, cx);
    case 'slice':
      return lowerSlice(n, cx);
    case 'call': {
      const args = n.childForFieldName('arguments');
      if (args === null) return { k: 'unknown', range };
      const lowered: Arg[] =
        args.type === 'generator_expression' ? [{ value: lowerExpr(args, cx), range: rangeOf(args) }] : lowerArgs(args, cx);
      return hoistStar(lowerField(n, 'function', cx), (fn) => ({ k: 'call', fn, args: lowered, range }));
    }
    case 'binary_operator': {
      const op = n.childForFieldName('operator')?.type ?? '';
      if (!BINARY_OPS.has(op)) return { k: 'unknown', range };
      if (op === '&' || op === '^') return lowerAndXor(n, cx);
      return { k: 'binop', op: op as BinaryOp, left: lowerField(n, 'left', cx), right: lowerField(n, 'right', cx), range };
    }
    case 'unary_operator': {
      const op = n.childForFieldName('operator')?.type;
      if (op !== '-' && op !== '+' && op !== '~') return { k: 'unknown', range };
      return { k: 'unary', op, operand: lowerField(n, 'argument', cx), range };
    }
    case 'not_operator':
      return { k: 'unary', op: 'not', operand: lowerField(n, 'argument', cx), range };
    case 'boolean_operator':
      return lowerBoolean(n, cx);
    case 'comparison_operator':
      return lowerComparison(n, cx);
    case 'conditional_expression': {
      // `body if test else orelse`, in source order.
      const [body, test, orelse] = namedKids(n);
      if (body === undefined || test === undefined || orelse === undefined) return { k: 'unknown', range };
      return { k: 'ifexp', test: lowerExpr(test, cx), body: lowerExpr(body, cx), orelse: lowerExpr(orelse, cx), range };
    }
    case 'tuple':
    case 'expression_list':
    case 'pattern_list':
    case 'tuple_pattern':
      return { k: 'tuple', items: lowerItems(n, cx), range };
    case 'list':
    case 'list_pattern':
      return { k: 'list', items: lowerItems(n, cx), range };
    case 'set':
      return { k: 'set', items: lowerItems(n, cx), range };
    case 'list_splat':
    case 'list_splat_pattern':
    case 'parenthesized_list_splat': {
      const inner = namedKids(n)[0];
      if (inner === undefined) return { k: 'unknown', range };
      // `(*a)` wraps a list_splat: keep a single starred node.
      if (n.type === 'parenthesized_list_splat') return lowerExpr(inner, cx);
      return { k: 'starred', value: lowerExpr(inner, cx), range };
    }
    case 'dictionary':
      return lowerDict(n, cx);
    case 'parenthesized_expression':
    case 'type':
    case 'as_pattern_target': {
      // Wrappers: the IR keeps the inner expression (with its own range).
      const inner = namedKids(n)[0];
      return inner === undefined ? { k: 'unknown', range } : lowerExpr(inner, cx);
    }
    case 'generic_type':
      return lowerGenericType(n, cx);
    case 'union_type': {
      // `int | None` in an annotation: the same binop as in an expression.
      const [left, right] = namedKids(n);
      if (left === undefined || right === undefined) return { k: 'unknown', range };
      return { k: 'binop', op: '|', left: lowerExpr(left, cx), right: lowerExpr(right, cx), range };
    }
    case 'lambda':
      return { k: 'lambda', params: lowerParams(n.childForFieldName('parameters'), cx), body: lowerField(n, 'body', cx), range };
    case 'list_comprehension':
    case 'set_comprehension':
    case 'generator_expression':
    case 'dictionary_comprehension':
      return lowerComprehension(n, cx);
    case 'named_expression':
      return { k: 'walrus', target: lowerField(n, 'name', cx), value: lowerField(n, 'value', cx), range };
    case 'yield': {
      const inner = namedKids(n)[0];
      const from = n.children.some((c) => c?.type === 'from');
      return inner === undefined ? { k: 'yield', range } : { k: 'yield', value: lowerExpr(inner, cx), ...(from ? { from } : {}), range };
    }
    default:
      // await, keyword_argument outside a call, ERROR, match patterns...
      return { k: 'unknown', range };
  }
}

/** Call arguments (also class bases): positional, `name=value`, `*value`, `**value`. */
export function lowerArgs(list: Node, cx: LowerContext): Arg[] {
  const out: Arg[] = [];
  for (const a of namedKids(list)) {
    const range = rangeOf(a);
    switch (a.type) {
      case 'keyword_argument': {
        const name = a.childForFieldName('name');
        const value = lowerField(a, 'value', cx);
        out.push(name === null ? { value, range } : { name: textOf(name, cx), value, range });
        break;
      }
      case 'list_splat':
      case 'dictionary_splat': {
        const inner = namedKids(a)[0];
        const value = inner === undefined ? unknownAt(a) : lowerExpr(inner, cx);
        out.push({ star: a.type === 'list_splat' ? '*' : '**', value, range });
        break;
      }
      default:
        out.push({ value: lowerExpr(a, cx), range });
    }
  }
  return out;
}

function lowerString(n: Node, cx: LowerContext): Expr {
  const range = rangeOf(n);
  if (n.type !== 'string') return { k: 'unknown', range };
  const open = n.firstChild;
  const close = n.lastChild;
  if (open === null || open.type !== 'string_start') return { k: 'unknown', range };
  const prefix = stringPrefix(textOf(open, cx));
  if (prefix.includes('t')) return { k: 'fstr', range };
  if (prefix.includes('f')) return lowerFString(n, prefix.includes('r'), cx);
  const bodyEnd = close !== null && close.type === 'string_end' ? close.startIndex : n.endIndex;
  const body = cx.src.slice(open.endIndex, bodyEnd);
  return { k: 'str', value: prefix.includes('r') ? body : decodeEscapes(body), range };
}

/** `f"layer{i}"`: literal pieces and the fields' expressions (a field with a format spec, or one
 *  nested f-string too deep, leaves the value unknown). */
function lowerFString(n: Node, raw: boolean, cx: LowerContext): Expr {
  const range = rangeOf(n);
  const parts: (string | { expr: Expr; conversion?: 'r' | 's' | 'a' })[] = [];
  for (const c of n.namedChildren) {
    if (!c) continue;
    if (c.type === 'string_start' || c.type === 'string_end') continue;
    if (c.type === 'string_content') {
      const text = textOf(c, cx).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      parts.push(raw ? text : decodeEscapes(text));
    } else if (c.type === 'interpolation') {
      if (c.childForFieldName('format_specifier') || c.namedChildren.some((k) => k?.type === 'format_specifier')) return { k: 'fstr', range };
      const exprNode = c.childForFieldName('expression') ?? c.namedChildren.find((k) => k && k.type !== 'type_conversion') ?? null;
      if (!exprNode) return { k: 'fstr', range };
      const conv = c.namedChildren.find((k) => k?.type === 'type_conversion');
      const letter = conv ? textOf(conv, cx).slice(1) : undefined;
      parts.push({ expr: lowerExpr(exprNode, cx), conversion: letter === 'r' || letter === 's' || letter === 'a' ? letter : undefined });
    } else return { k: 'fstr', range };
  }
  return { k: 'fstr', parts, range };
}

function lowerItems(n: Node, cx: LowerContext): Expr[] {
  return namedKids(n).map((c) => lowerExpr(c, cx));
}

function lowerSubscript(n: Node, cx: LowerContext): Expr {
  const range = rangeOf(n);
  const obj = n.childForFieldName('value');
  if (obj === null) return { k: 'unknown', range };
  const indices = n.childrenForFieldName('subscript').filter((c) => c.isNamed);
  let commas = 0;
  for (const c of n.children) if (c.type === ',') commas++;
  if (indices.length === 0) return { k: 'unknown', range };
  let index: Expr;
  if (indices.length === 1 && commas === 0) index = lowerExpr(indices[0]!, cx);
  else {
    // `x[a, b]` and `x[a,]` index with a tuple, as in Python.
    const tupleRange: Range = { start: indices[0]!.startIndex, end: indices[indices.length - 1]!.endIndex };
    index = { k: 'tuple', items: indices.map((c) => lowerExpr(c, cx)), range: tupleRange };
  }
  return hoistStar(lowerExpr(obj, cx), (o) => ({ k: 'subscript', obj: o, index, range }));
}

/**
 * tree-sitter-python parses `x = *a.b, c` as `(*a).b`: the star belongs to the whole primary
 * (`*(a.b)`), as `(*a).b` is never valid Python.
 */
function hoistStar(obj: Expr, make: (obj: Expr) => Expr): Expr {
  if (obj.k !== 'starred') return make(obj);
  const inner = make(obj.value);
  return { k: 'starred', value: inner, range: { start: obj.range.start, end: inner.range.end } };
}

function lowerSlice(n: Node, cx: LowerContext): Expr {
  // Children are expressions separated by ':' tokens; any part may be missing.
  const parts: (Expr | undefined)[] = [undefined, undefined, undefined];
  let i = 0;
  for (const c of n.children) {
    if (c.type === ':') i++;
    else if (c.isNamed && c.type !== 'comment' && i < 3) parts[i] = lowerExpr(c, cx);
  }
  const [start, stop, step] = parts;
  return {
    k: 'slice',
    ...(start !== undefined ? { start } : {}),
    ...(stop !== undefined ? { stop } : {}),
    ...(step !== undefined ? { step } : {}),
    range: rangeOf(n),
  };
}

function lowerBoolean(n: Node, cx: LowerContext): Expr {
  const op = n.childForFieldName('operator')?.type;
  if (op !== 'and' && op !== 'or') return unknownAt(n);
  // `a and b and c` nests to the left; Python's AST (and ours) keeps one flat list.
  const values: Expr[] = [];
  const collect = (e: Node): void => {
    const left = e.type === 'boolean_operator' && e.childForFieldName('operator')?.type === op ? e.childForFieldName('left') : null;
    if (left === null) {
      values.push(lowerExpr(e, cx));
      return;
    }
    collect(left);
    values.push(lowerField(e, 'right', cx));
  };
  collect(n);
  return { k: 'boolop', op, values, range: rangeOf(n) };
}

function lowerComparison(n: Node, cx: LowerContext): Expr {
  const ops: CompareOp[] = [];
  const operands: Expr[] = [];
  for (const c of n.children) {
    if (c.isNamed) {
      if (c.type !== 'comment') operands.push(lowerExpr(c, cx));
    } else {
      const op = c.type === '<>' ? '!=' : c.type;
      if (COMPARE_OPS.has(op)) ops.push(op as CompareOp);
    }
  }
  if (operands.length !== ops.length + 1 || ops.length === 0) return unknownAt(n);
  return { k: 'compare', ops, operands, range: rangeOf(n) };
}

function lowerDict(n: Node, cx: LowerContext): Expr {
  const entries: { key?: Expr; value: Expr }[] = [];
  for (const c of namedKids(n)) {
    if (c.type === 'pair') entries.push({ key: lowerField(c, 'key', cx), value: lowerField(c, 'value', cx) });
    else if (c.type === 'dictionary_splat') {
      const inner = namedKids(c)[0];
      entries.push({ value: inner === undefined ? unknownAt(c) : lowerExpr(inner, cx) });
    } else entries.push({ key: unknownAt(c), value: unknownAt(c) }); // ERROR inside the braces
  }
  return { k: 'dict', entries, range: rangeOf(n) };
}

const COMP_KIND = {
  list_comprehension: 'list',
  set_comprehension: 'set',
  generator_expression: 'gen',
  dictionary_comprehension: 'dict',
} as const;

function lowerComprehension(n: Node, cx: LowerContext): Expr {
  const kind = COMP_KIND[n.type as keyof typeof COMP_KIND];
  const body = n.childForFieldName('body');
  if (body === null) return unknownAt(n);
  const generators: { target: Expr; iter: Expr; ifs: Expr[] }[] = [];
  for (const c of namedKids(n)) {
    if (c.type === 'for_in_clause') {
      // `for x in a, b` iterates over a tuple: several `right` children.
      const rights = c.childrenForFieldName('right').filter((r) => r.isNamed);
      const iter: Expr =
        rights.length === 1
          ? lowerExpr(rights[0]!, cx)
          : rights.length === 0
            ? unknownAt(c)
            : { k: 'tuple', items: rights.map((r) => lowerExpr(r, cx)), range: { start: rights[0]!.startIndex, end: rights[rights.length - 1]!.endIndex } };
      generators.push({ target: lowerField(c, 'left', cx), iter, ifs: [] });
    } else if (c.type === 'if_clause') {
      const test = namedKids(c)[0];
      const last = generators[generators.length - 1];
      if (last !== undefined) last.ifs.push(test === undefined ? unknownAt(c) : lowerExpr(test, cx));
    }
  }
  const range = rangeOf(n);
  const comps: Comprehension[] = generators;
  if (kind === 'dict') {
    if (body.type !== 'pair') return { k: 'unknown', range };
    return { k: 'comp', kind, elt: lowerField(body, 'key', cx), value: lowerField(body, 'value', cx), generators: comps, range };
  }
  return { k: 'comp', kind, elt: lowerExpr(body, cx), generators: comps, range };
}

/** `List[int]` in an annotation parses as generic_type(identifier, type_parameter(type, ...)). */
function lowerGenericType(n: Node, cx: LowerContext): Expr {
  const [name, params] = namedKids(n);
  if (name === undefined) return unknownAt(n);
  const obj = lowerExpr(name, cx);
  if (params === undefined || params.type !== 'type_parameter') return obj;
  const items = namedKids(params);
  const index: Expr =
    items.length === 1
      ? lowerExpr(items[0]!, cx)
      : { k: 'tuple', items: items.map((c) => lowerExpr(c, cx)), range: rangeOf(params) };
  return { k: 'subscript', obj, index, range: rangeOf(n) };
}

/**
 * A chain of `&` and `^`: tree-sitter-python binds `^` tighter than `&`, Python binds `&` tighter
 * (`1 ^ 2 & 0` is `1 ^ (2 & 0)`). The unparenthesised chain is re-associated: `^` of `&`-terms,
 * each left to right.
 */
function lowerAndXor(n: Node, cx: LowerContext): Expr {
  const operands: Node[] = [];
  const ops: string[] = [];
  const walk = (m: Node): void => {
    const op = m.type === 'binary_operator' ? m.childForFieldName('operator')?.type : undefined;
    const left = m.childForFieldName('left');
    const right = m.childForFieldName('right');
    if ((op === '&' || op === '^') && left && right) {
      walk(left);
      ops.push(op);
      walk(right);
    } else operands.push(m);
  };
  walk(n);
  const join = (op: BinaryOp, a: Expr, b: Expr): Expr => ({ k: 'binop', op, left: a, right: b, range: { start: a.range.start, end: b.range.end } });
  let result: Expr | undefined;
  let term = lowerExpr(operands[0], cx);
  for (let i = 0; i < ops.length; i++) {
    const next = lowerExpr(operands[i + 1], cx);
    if (ops[i] === '&') term = join('&', term, next);
    else {
      result = result ? join('^', result, term) : term;
      term = next;
    }
  }
  return result ? join('^', result, term) : term;
}
