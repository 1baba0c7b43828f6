// Julia's array builtins on abstract Flux arrays: size/length/ndims (1-based), creation
// (`rand(Float32, 28, 28, 1, 64)`, `zeros(Float32, (3, 4))`, `rand(1:26, 10)`), `reshape` with
// `:`, `permutedims`, `cat/vcat/hcat`, indexing, reductions with `dims`, and broadcasting. Shape
// arithmetic goes through the op registry (engine/ops/flux/arrays.ts) so every step is traced.
import { Dim } from '../shape/dim';
import type { Value } from '../value';
import { NONE, UNKNOWN } from '../value';
import type { DType } from '../ops/dtype';
import { COLON, fluxTensor } from '../ops/flux/julia';
import { ACTIVATION_NAMES } from '../ops/flux/nnlib';
import type { Range } from './ir';
import type { Host } from './host';
import { BuiltinObj, FunctionObj, OpRefObj, obj, type CallArgs } from './objects';
import { int, listOf, numberOf, str, tupleOf } from './pyvalues';
import { juliaTypeOf } from './juliaValues';

/** The `:` builtin doubles as the Colon in `x[:, 1]` and `reshape(x, :, n)`. */
export const isColonFn = (v: Value | undefined): boolean => v !== undefined && v.kind === 'object' && v.ref instanceof BuiltinObj && v.ref.name === ':';

/** A vector literal of numbers (`[1, 2, 3]`) is an array too. */
export function asArray(v: Value | undefined): Extract<Value, { kind: 'tensor' }> | undefined {
  if (!v) return undefined;
  if (v.kind === 'tensor') return v;
  if (v.kind === 'list' && v.items.length > 0 && v.items.every((x) => x.kind === 'int' || x.kind === 'float' || x.kind === 'bool')) {
    const dtype: DType = v.items.some((x) => x.kind === 'float') ? 'float64' : v.items.every((x) => x.kind === 'bool') ? 'bool' : 'int64';
    return fluxTensor([v.items.length], dtype);
  }
  return undefined;
}

/** A scalar's element type: Int64, Float64 (Julia's literal types) or Bool. */
function scalarType(v: Value): DType | undefined {
  if (v.kind === 'int') return 'int64';
  if (v.kind === 'float') return 'float64';
  if (v.kind === 'bool') return 'bool';
  return undefined;
}

const RANK: Readonly<Record<string, number>> = { bool: 0, uint8: 1, int8: 1, int16: 2, int32: 3, int64: 4, float16: 5, bfloat16: 5, float32: 6, float64: 7 };

/** Julia's promote_type over element types (Float32 with an Int stays Float32; with a Float64 it widens). */
export function promote(types: readonly (DType | undefined)[]): DType | undefined {
  let best: DType | undefined;
  for (const t of types) {
    if (t === undefined) return undefined;
    if (best === undefined || (RANK[t] ?? 99) > (RANK[best] ?? 99)) best = t;
  }
  return best;
}

const floatOf = (t: DType | undefined): DType | undefined => (t === undefined ? undefined : t.startsWith('float') || t === 'bfloat16' ? t : 'float64');

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=', 'isequal', 'isless', '!', 'isnan', 'isinf', 'iszero', 'isone', 'isfinite']);
const ARITHMETIC = new Set(['+', '-', '*', '^', '÷', '%', 'min', 'max', 'abs', 'abs2', 'identity', 'div', 'rem', 'mod', 'sign', 'clamp', 'ifelse']);
const FLOATING = new Set(['/', 'exp', 'log', 'log1p', 'expm1', 'sqrt', 'sin', 'cos', 'tan', 'tanh', 'sinh', 'cosh', 'atan', 'inv', 'sigmoid', 'softmax', 'logsoftmax', ...ACTIVATION_NAMES]);

function functionName(f: Value): string | undefined {
  if (f.kind !== 'object') return undefined;
  const r = f.ref;
  if (r instanceof BuiltinObj || r instanceof FunctionObj || r instanceof OpRefObj) return r.name;
  return undefined;
}

/** The element type of `f.(args...)` when `f` is one whose result type Julia fixes. */
function broadcastEltype(f: Value, args: readonly Value[]): DType | undefined {
  const t = juliaTypeOf(f);
  if (t) return t.dtype;
  const name = functionName(f);
  const types = args.map((a) => (a.kind === 'tensor' ? a.dtype : scalarType(a)));
  if (name === undefined) return undefined;
  if (COMPARISONS.has(name)) return 'bool';
  if (ARITHMETIC.has(name)) return promote(types);
  if (FLOATING.has(name)) return floatOf(promote(types));
  return undefined;
}

/** `f.(args...)`: arrays broadcast from their first axes; scalars call `f` directly; vectors of arrays map. */
export function broadcastCall(host: Host, f: Value, args: readonly Value[], kwargs: Readonly<Record<string, Value>>, site: Range): Value {
  const converted = args.map((a) => asArray(a) ?? a);
  if (converted.some((a) => a.kind === 'tensor')) {
    if (converted.some((a) => a.kind === 'list' || a.kind === 'tuple' || a.kind === 'unknown' || a.kind === 'object')) return UNKNOWN;
    const name = functionName(f) ?? 'f';
    const eltype = broadcastEltype(f, converted);
    const out = host.callOp('julia.broadcast', { args: [str(name), ...converted], kwargs: eltype ? { eltype: str(eltype) } : {} }, site);
    return out;
  }
  // Over vectors or tuples of non-numbers (e.g. arrays): one call per element.
  const seqs = converted.filter((a) => a.kind === 'list' || a.kind === 'tuple');
  if (seqs.length > 0) {
    const n = (seqs[0] as { items: readonly Value[] }).items.length;
    if (seqs.some((s) => (s as { items: readonly Value[] }).items.length !== n && (s as { items: readonly Value[] }).items.length !== 1)) return UNKNOWN;
    const items: Value[] = [];
    for (let i = 0; i < n; i++) {
      const callArgs = converted.map((a) => (a.kind === 'list' || a.kind === 'tuple' ? a.items[a.items.length === 1 ? 0 : i] : a));
      items.push(host.call(f, { args: callArgs, kwargs }, site));
    }
    return seqs.every((s) => s.kind === 'tuple') ? tupleOf(items) : listOf(items);
  }
  return host.call(f, { args: converted, kwargs }, site);
}

/** `size(x)` and `size(x, d)` (1-based; a dimension past the last is 1). */
export function sizeOf(v: Value | undefined, d?: Value): Value {
  const t = asArray(v);
  if (!t || !t.shape) return UNKNOWN;
  if (d === undefined) return tupleOf(t.shape.map((x) => int(x)));
  const i = d.kind === 'int' ? d.dim.value : undefined;
  if (i === undefined || i < 1) return UNKNOWN;
  return int(t.shape[i - 1] ?? Dim.of(1));
}

/** `length(x)`: elements of an array, items of a tuple or vector. */
export function lengthOf(host: Host, v: Value | undefined): Value {
  if (!v) return UNKNOWN;
  if (v.kind === 'tensor') return v.shape ? int(v.shape.reduce((a, d) => a.mul(d), Dim.of(1))) : UNKNOWN;
  if (v.kind === 'str') return int(v.value.length);
  if (v.kind === 'slice') return UNKNOWN;
  const items = host.iterate(v);
  return items ? int(items.length) : UNKNOWN;
}

/** Dimensions given as integers or as one tuple: `zeros(3, 4)`, `zeros((3, 4))`. */
function dimsOf(args: readonly Value[]): Dim[] | undefined {
  const flat = args.length === 1 && args[0].kind === 'tuple' ? args[0].items : args;
  const out: Dim[] = [];
  for (const a of flat) {
    if (a.kind !== 'int') return undefined;
    out.push(a.dim);
  }
  return out;
}

/**
 * `rand(Float32, 28, 28)`, `randn(2, 3)` (Float64), `zeros32(3)`, `rand(1:26, 10, 4)` (Int),
 * `rand(Bool, 3)`, `fill(0.5, 2, 2)`, `trues(3)`.
 */
export function creation(name: string, args: readonly Value[], defaultType: DType): Value {
  let dtype: DType | undefined = defaultType;
  let rest = args;
  if (name === 'fill') {
    const v = args[0];
    if (!v) return UNKNOWN;
    dtype = v.kind === 'int' ? 'int64' : v.kind === 'float' ? 'float64' : v.kind === 'bool' ? 'bool' : undefined;
    rest = args.slice(1);
  } else {
    const first = args[0];
    const t = juliaTypeOf(first);
    if (t) {
      dtype = t.dtype;
      rest = args.slice(1);
    } else if (first && (first.kind === 'list' || first.kind === 'slice' || first.kind === 'tuple') && name === 'rand') {
      // rand(collection, dims...) samples the collection's elements.
      const items = first.kind === 'slice' ? undefined : first.items;
      dtype = first.kind === 'slice' || (items && items.every((x) => x.kind === 'int')) ? 'int64' : items?.every((x) => x.kind === 'float') ? 'float64' : undefined;
      rest = args.slice(1);
    }
  }
  if (rest.length === 0) return name === 'rand' || name === 'randn' ? { kind: 'float', value: NaN } : UNKNOWN;
  const dims = dimsOf(rest);
  return dims ? fluxTensor(dims, dtype) : UNKNOWN;
}

/** Indices for the getindex op: `:` as the Colon, ranges and integers as they are. */
export function indexValue(v: Value): Value {
  if (isColonFn(v)) return obj(COLON);
  return v;
}

/** `reshape(x, 3, :)` / `reshape(x, (3, :))`. */
export function reshapeCall(host: Host, args: readonly Value[], site: Range): Value {
  const [x, ...rest] = args;
  const t = asArray(x);
  if (!t) return UNKNOWN;
  const dims = rest.length === 1 && rest[0].kind === 'tuple' ? rest[0].items : rest;
  if (dims.length === 0) return UNKNOWN;
  return host.callOp('julia.reshape', { args: [t, tupleOf(dims.map(indexValue))], kwargs: {} }, site);
}

/** `eachslice(x; dims)`: the slices along `dims`, when there are few enough to list. */
export function eachslice(x: Value | undefined, dims: Value | undefined): Value {
  const t = asArray(x);
  const d = dims?.kind === 'int' ? dims.dim.value : undefined;
  if (!t || !t.shape || d === undefined || d < 1 || d > t.shape.length) return UNKNOWN;
  const n = t.shape[d - 1].value;
  if (n === undefined || n > 2000) return UNKNOWN;
  const slice = fluxTensor(t.shape.filter((_, i) => i !== d - 1), t.dtype);
  return listOf(Array.from({ length: n }, () => slice));
}

/** A scalar `rand()` or reduction: a number we do not know. */
export function someNumber(dtype: DType | undefined): Value {
  return dtype && dtype.startsWith('int') ? { kind: 'int', dim: Dim.unknown() } : UNKNOWN;
}

export { NONE, numberOf };
export type { CallArgs };
