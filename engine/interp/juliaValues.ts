// Julia's values and scalar semantics for the interpreter: types as callable values (`Float32`,
// `Int`), generic functions with several methods (dispatch on arity and type annotations), ranges,
// and arithmetic with Julia's rules (`/` of integers is a float, `÷` truncates, `^` is a power).
import { Dim } from '../shape/dim';
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import type { DType } from '../ops/dtype';
import { JuliaPair } from '../ops/flux/julia';
import type { Expr, Param, Range } from './ir';
import type { Host } from './host';
import { BuiltinObj, ClassObj, DictObj, FrameworkModuleObj, FunctionObj, InstanceObj, LayerObj, OpRefObj, obj, refOf, type CallArgs } from './objects';
import { int, listOf, numberOf, str, truthy, tupleOf } from './pyvalues';
import { scalarBinary, scalarCompare } from './pyOperators';

/** A Julia type used as a value: `Float32(x)` converts, `rand(Float32, 3)` names an element type, `Float32[1, 2]` builds an array. */
export class JuliaType extends BuiltinObj {
  constructor(name: string, readonly dtype: DType | undefined, call: (args: CallArgs, site: Range, host: Host) => Value) {
    super(name, call);
  }
}

export function juliaTypeOf(v: Value | undefined): JuliaType | undefined {
  return v && v.kind === 'object' && v.ref instanceof JuliaType ? v.ref : undefined;
}

/** Scalar conversion `Float32(x)`, `Int(x)`. */
export function convertScalar(dtype: DType | undefined, v: Value | undefined): Value {
  if (!v) return UNKNOWN;
  const n = numberOf(v);
  if (dtype === undefined) return v;
  if (dtype.startsWith('float')) return n === undefined ? (v.kind === 'int' ? UNKNOWN : UNKNOWN) : { kind: 'float', value: n };
  if (dtype === 'bool') return n === undefined ? UNKNOWN : { kind: 'bool', value: n !== 0 };
  if (v.kind === 'int') return v;
  // Int(2.0) is 2; Int(2.5) raises InexactError (no value).
  return n !== undefined && Number.isInteger(n) ? int(n) : UNKNOWN;
}

/** One method of a generic function: a user function, or a struct's default constructor. */
interface Method {
  readonly fn: Value;
  readonly params: readonly Param[];
}

/**
 * A Julia generic function with several methods (an outer constructor beside its struct,
 * `f(x)` beside `f(x, y)`): a call runs the most specific method whose arity and annotated
 * parameter types match the arguments.
 */
export class JuliaFunction extends BuiltinObj {
  readonly methods: Method[] = [];
  constructor(name: string) {
    super(name, (args, site, host) => {
      const m = this.select(args);
      return m ? host.call(m.fn, args, site) : UNKNOWN;
    });
  }

  /** The struct among the methods (its class), when one is a default constructor. */
  get cls(): ClassObj | undefined {
    for (const m of this.methods) {
      const c = refOf(m.fn, ClassObj);
      if (c) return c;
    }
    return undefined;
  }

  add(fn: Value): void {
    const f = refOf(fn, FunctionObj);
    const c = refOf(fn, ClassObj);
    if (f) this.methods.push({ fn, params: f.params });
    else if (c) {
      const init = c.lookup('__init__');
      const initFn = init && refOf(init.value, FunctionObj);
      this.methods.push({ fn, params: initFn ? initFn.params.slice(1) : [] });
    } else if (fn.kind === 'object' && fn.ref instanceof JuliaFunction) this.methods.push(...fn.ref.methods);
  }

  private select(args: CallArgs): Method | undefined {
    let best: Method | undefined;
    let bestScore = -1;
    for (const m of this.methods) {
      const score = matchScore(m.params, args);
      if (score > bestScore) {
        best = m;
        bestScore = score;
      }
    }
    return best;
  }
}

/** How specifically a method's parameters accept the arguments: -1 when they do not. */
function matchScore(params: readonly Param[], { args, kwargs }: CallArgs): number {
  const positional = params.filter((p) => p.kind === 'positional-only' || p.kind === 'positional-or-keyword');
  const required = positional.filter((p) => !p.default).length;
  const varargs = params.some((p) => p.kind === 'var-positional');
  if (args.length < required || (!varargs && args.length > positional.length)) return -1;
  const keywords = params.filter((p) => p.kind === 'keyword-only');
  const anyKeyword = params.some((p) => p.kind === 'var-keyword');
  for (const k of Object.keys(kwargs)) if (!anyKeyword && !keywords.some((p) => p.name === k)) return -1;
  if (keywords.some((p) => !p.default && !(p.name in kwargs))) return -1;
  let score = 0;
  for (let i = 0; i < Math.min(args.length, positional.length); i++) {
    const a = positional[i].annotation;
    if (!a) continue;
    const t = typeMatches(a, args[i]);
    if (t === false) return -1;
    if (t === true) score++;
  }
  return score;
}

/** Does the value have the annotated type? undefined when the annotation says nothing we model. */
export function typeMatches(annotation: Expr, v: Value): boolean | undefined {
  const head = annotation.k === 'subscript' ? annotation.obj : annotation;
  const params = annotation.k === 'subscript' && annotation.index.k === 'tuple' ? annotation.index.items : [];
  const name = head.k === 'name' ? head.id : head.k === 'attr' ? head.name : undefined;
  if (!name) return undefined;
  if (v.kind === 'unknown') return undefined;
  const rank = (want: number | undefined): boolean | undefined => {
    if (v.kind === 'list') return want === undefined || want === 1;
    if (v.kind !== 'tensor') return false;
    if (want === undefined || !v.shape) return true;
    return v.shape.length === want;
  };
  switch (name) {
    case 'Int': case 'Int64': case 'Int32': case 'Integer': case 'Signed': case 'Unsigned': case 'UInt8': case 'UInt': return v.kind === 'int' || v.kind === 'bool';
    case 'Bool': return v.kind === 'bool';
    case 'AbstractFloat': case 'Float32': case 'Float64': case 'Float16': return v.kind === 'float';
    case 'Real': case 'Number': return v.kind === 'int' || v.kind === 'float' || v.kind === 'bool';
    case 'AbstractArray': case 'Array': case 'DenseArray': case 'AbstractArray{T}': {
      const n = params[1];
      return rank(n && n.k === 'num' ? n.value : undefined);
    }
    case 'AbstractVector': case 'Vector': return rank(1);
    case 'AbstractMatrix': case 'Matrix': return rank(2);
    case 'AbstractVecOrMat': case 'VecOrMat': return v.kind === 'list' || (v.kind === 'tensor' && (!v.shape || v.shape.length <= 2));
    case 'Tuple': case 'NTuple': return v.kind === 'tuple';
    case 'Pair': return v.kind === 'object' && v.ref instanceof JuliaPair;
    case 'Symbol': case 'String': case 'AbstractString': return v.kind === 'str';
    case 'Nothing': return v.kind === 'none';
    case 'Function': return v.kind === 'object' && (v.ref instanceof FunctionObj || v.ref instanceof BuiltinObj);
    case 'NamedTuple': case 'Dict': case 'AbstractDict': return v.kind === 'object' && v.ref instanceof DictObj;
    default: {
      if (v.kind !== 'object') return /^[A-Z]/.test(name) && isKnownTypeName(name) ? false : undefined;
      const r = v.ref;
      if (r instanceof InstanceObj) return r.cls.mro().some((c) => c.name === name) ? true : undefined;
      if (r instanceof LayerObj) return r.instance.op.names.some((n) => n.endsWith(`.${name}`)) ? true : undefined;
      if (r instanceof FrameworkModuleObj) return r.typeName === name ? true : undefined;
      return undefined;
    }
  }
}

/** Type names whose instances are never plain numbers, strings or tuples (a user struct, a layer). */
function isKnownTypeName(name: string): boolean {
  return name !== 'Any' && name !== 'T' && name.length > 1;
}

/** `a:b` / `a:s:b`: a list of the integers when known and not too long, else a symbolic range. */
export function makeRange(args: readonly Value[]): Value {
  const [a, b, c] = args;
  if (!a || !b) return UNKNOWN;
  const [start, step, stop] = c ? [a, b, c] : [a, int(1), b];
  if (start.kind !== 'int' || stop.kind !== 'int' || step.kind !== 'int') {
    const fs = numberOf(start);
    const ft = numberOf(stop);
    const fp = numberOf(step);
    if (fs === undefined || ft === undefined || !fp) return UNKNOWN;
    const items: Value[] = [];
    for (let x = fs; fp > 0 ? x <= ft + 1e-12 : x >= ft - 1e-12; x += fp) {
      items.push({ kind: 'float', value: x });
      if (items.length > 10_000) return UNKNOWN;
    }
    return listOf(items);
  }
  const s = start.dim.value;
  const e = stop.dim.value;
  const p = step.dim.value;
  if (s !== undefined && e !== undefined && p !== undefined && p !== 0 && Math.abs((e - s) / p) <= 100_000) {
    const items: Value[] = [];
    for (let x = s; p > 0 ? x <= e : x >= e; x += p) items.push(int(x));
    return listOf(items);
  }
  return { kind: 'slice', start, stop, step };
}

/** Julia arithmetic on scalars (and tuples for `==`). undefined when an operand is not a scalar. */
export function juliaScalar(op: string, a: Value, b: Value): Value | undefined {
  const isNum = (v: Value): boolean => v.kind === 'int' || v.kind === 'float' || v.kind === 'bool';
  if (!isNum(a) || !isNum(b)) {
    if (op === '*' && a.kind === 'str' && b.kind === 'str') return str(a.value + b.value);
    return undefined;
  }
  const fa = numberOf(a);
  const fb = numberOf(b);
  switch (op) {
    case '+': case '-': case '*': case '%':
      return scalarBinary(op === '%' ? '%' : (op as '+' | '-' | '*'), a, b);
    case '/':
      return fa !== undefined && fb !== undefined && fb !== 0 ? { kind: 'float', value: fa / fb } : UNKNOWN;
    case '÷': case 'div': {
      if (a.kind === 'int' && b.kind === 'int') {
        const x = a.dim.value;
        const y = b.dim.value;
        if (x !== undefined && y !== undefined) return y === 0 ? UNKNOWN : int(Math.trunc(x / y));
        // Sizes are not negative, so truncation and floor agree.
        const q = a.dim.floordiv(b.dim);
        return q ? int(q) : UNKNOWN;
      }
      return fa !== undefined && fb !== undefined && fb !== 0 ? { kind: 'float', value: Math.trunc(fa / fb) } : UNKNOWN;
    }
    case '^':
      if (a.kind === 'int' && b.kind === 'int') return scalarBinary('**', a, b);
      return fa !== undefined && fb !== undefined ? { kind: 'float', value: fa ** fb } : UNKNOWN;
    default:
      return undefined;
  }
}

/** `==`, `<`, `in`, `===`... on non-array values. */
export function juliaCompare(op: string, a: Value, b: Value): Value {
  const map: Record<string, string> = { '===': 'is', '!==': 'is not', '!in': 'not in' };
  const pyOp = (map[op] ?? op) as Parameters<typeof scalarCompare>[0];
  const r = scalarCompare(pyOp, a, b);
  return r === undefined ? UNKNOWN : { kind: 'bool', value: r };
}

export function notValue(v: Value): Value {
  const t = truthy(v);
  return v.kind === 'bool' && t !== undefined ? { kind: 'bool', value: !t } : UNKNOWN;
}

/** `(a = 1, b = 2)`: a NamedTuple, kept as a dict keyed by field name. */
export function namedTuple(kwargs: Readonly<Record<string, Value>>): Value {
  const d = new DictObj();
  for (const [k, v] of Object.entries(kwargs)) d.entries.set(`s:${k}`, [str(k), v]);
  return obj(d);
}

/** The values of a NamedTuple in order. */
export function namedTupleItems(d: DictObj): [string, Value][] {
  return [...d.entries.values()].map(([k, v]) => [k.kind === 'str' ? k.value : '?', v]);
}

export const tuple = tupleOf;
export { Dim, OpRefObj };
