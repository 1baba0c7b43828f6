// NumPy arrays as the data Keras programs feed their models: creation (zeros, ones, random.*,
// array of nested literals), reshape with -1, expand_dims, stack / concatenate, astype, .T, and
// keras.utils.to_categorical. Arrays are tensors of framework 'numpy' (printed `(60000, 28, 28)`).
// A shape that cannot be known (loaded from disk, a failing reshape) stays unknown: no hint, no error.
import { Dim } from '../shape/dim';
import { numel, type Shape } from '../shape/shape';
import type { TensorValue, Value } from '../value';
import { NONE, UNKNOWN } from '../value';
import { DTYPES, type DType } from '../ops/dtype';
import { registerTensorAttrs } from './attrSource';
import type { Host } from './host';
import { BuiltinObj, PyModuleObj, obj, type CallArgs } from './objects';
import { tensorToList } from './tensorToList';
import { SOME_FLOAT, float, ratioFloat, roundedRatio } from './pyvalues';

type Impl = (args: readonly Value[], kwargs: Readonly<Record<string, Value>>, host: Host) => Value;

function fn(name: string, impl: Impl): Value {
  return obj(new BuiltinObj(name, ({ args, kwargs }: CallArgs, _site, host) => impl(args, kwargs, host)));
}

export function array(shape: Shape, dtype: DType | undefined): TensorValue {
  return { kind: 'tensor', shape, dtype, framework: 'numpy' };
}

const int = (d: Dim | number): Value => ({ kind: 'int', dim: Dim.of(d) });

/** A size argument: an int or a tuple/list of ints (None = a scalar where NumPy allows it). */
function sizeOf(v: Value | undefined): Dim[] | undefined {
  if (!v) return undefined;
  if (v.kind === 'int') return [v.dim];
  if (v.kind === 'list' || v.kind === 'tuple') {
    const out: Dim[] = [];
    for (const d of v.items) {
      if (d.kind !== 'int') return undefined;
      out.push(d.dim);
    }
    return out;
  }
  return undefined;
}

function dtypeOf(v: Value | undefined, fallback: DType | undefined): DType | undefined {
  if (!v || v.kind === 'none') return fallback;
  if (v.kind === 'str') {
    const name = v.value === 'float' ? 'float64' : v.value === 'int' ? 'int64' : v.value;
    return (DTYPES as readonly string[]).includes(name) ? (name as DType) : undefined;
  }
  if (v.kind === 'dtype') return v.dtype;
  return undefined;
}

/** The shape of a nested list literal, when it is rectangular and all numbers. */
function literalShape(v: Value): { shape: Dim[]; float: boolean } | undefined {
  if (v.kind === 'int' || v.kind === 'bool') return { shape: [], float: false };
  if (v.kind === 'float') return { shape: [], float: true };
  if (v.kind === 'tensor') return v.shape ? { shape: [...v.shape], float: v.dtype !== undefined && v.dtype.startsWith('float') } : undefined;
  if (v.kind !== 'list' && v.kind !== 'tuple') return undefined;
  // A list of a known number of items all like one (a comprehension past the loop budget).
  if (v.kind === 'list' && v.open) {
    const each = v.count !== undefined && v.sample ? literalShape(v.sample) : undefined;
    return each && { shape: [Dim.of(v.count!), ...each.shape], float: each.float };
  }
  const inner = v.items.map(literalShape);
  if (inner.some((s) => !s)) return undefined;
  const first = inner[0];
  if (first && inner.some((s) => s!.shape.length !== first.shape.length || s!.shape.some((d, i) => d.equals(first.shape[i]) !== 'yes'))) return undefined;
  return { shape: [Dim.of(v.items.length), ...(first?.shape ?? [])], float: inner.some((s) => s!.float) };
}

/** NumPy's reshape: one -1 is inferred from the size; a wrong size is unknown here. */
export function reshaped(shape: Shape, target: readonly Dim[]): Dim[] | undefined {
  const minus = target.filter((d) => d.value === -1).length;
  if (minus > 1) return undefined;
  const total = numel(shape);
  if (minus === 0) return total.equals(numel(target)) === 'no' ? undefined : [...target];
  const known = target.filter((d) => d.value !== -1).reduce((a, d) => a.mul(d), Dim.of(1));
  const n = total.value;
  const k = known.value;
  if (n !== undefined && k !== undefined) return k === 0 || n % k !== 0 ? undefined : target.map((d) => (d.value === -1 ? Dim.of(n / k) : d));
  return undefined;
}

/** An axis in [-(rank), rank) as a non-negative index, or undefined. */
function axisIn(v: Value | undefined, rank: number, fallback?: number): number | undefined {
  if (!v || v.kind === 'none') return fallback;
  if (v.kind !== 'int' || v.dim.value === undefined) return undefined;
  const a = v.dim.value < 0 ? v.dim.value + rank : v.dim.value;
  return a >= 0 && a < rank ? a : undefined;
}

function expandDims(t: Value | undefined, axis: Value | undefined): Value {
  if (t?.kind !== 'tensor' || !t.shape) return UNKNOWN;
  const a = axisIn(axis, t.shape.length + 1);
  if (a === undefined) return UNKNOWN;
  return array([...t.shape.slice(0, a), Dim.of(1), ...t.shape.slice(a)], t.dtype);
}

/** A reduction over one axis (or all, giving a NumPy scalar: no hint); arg* give int64. */
function reduce(name: string, a: Value | undefined, axis: Value | undefined, keepdims: Value | undefined): Value {
  if (a?.kind !== 'tensor' || !a.shape || !axis || axis.kind === 'none') return UNKNOWN;
  const ax = axisIn(axis, a.shape.length);
  if (ax === undefined) return UNKNOWN;
  const keep = keepdims?.kind === 'bool' && keepdims.value;
  const shape = keep ? a.shape.map((d, i) => (i === ax ? Dim.of(1) : d)) : a.shape.filter((_, i) => i !== ax);
  return array(shape, name.startsWith('arg') ? 'int64' : a.dtype);
}

function arraysOf(v: Value | undefined): TensorValue[] | undefined {
  if (!v || (v.kind !== 'list' && v.kind !== 'tuple')) return undefined;
  return v.items.every((x) => x.kind === 'tensor' && x.shape) ? (v.items as TensorValue[]) : undefined;
}

function join(v: Value | undefined, axis: Value | undefined, stack: boolean): Value {
  const ts = arraysOf(v);
  if (!ts || ts.length === 0) return UNKNOWN;
  const first = ts[0].shape!;
  if (ts.some((t) => t.shape!.length !== first.length || t.shape!.some((d, i) => d.equals(first[i]) === 'no' && (stack || i !== axisIn(axis, first.length, 0))))) return UNKNOWN;
  if (stack) {
    const a = axisIn(axis, first.length + 1, 0);
    return a === undefined ? UNKNOWN : array([...first.slice(0, a), Dim.of(ts.length), ...first.slice(a)], ts[0].dtype);
  }
  const a = axisIn(axis, first.length, 0);
  if (a === undefined) return UNKNOWN;
  const size = ts.reduce((acc, t) => acc.add(t.shape![a]), Dim.of(0));
  return array([...first.slice(0, a), size, ...first.slice(a + 1)], ts[0].dtype);
}

/** np.random.* : the shape from `size` (or the dims of rand/randn), scalar when absent. */
function random(name: string, sizeArg: (args: readonly Value[], kwargs: Readonly<Record<string, Value>>) => Value | undefined, dtype: DType, dims = false): Value {
  return fn(`numpy.random.${name}`, (args, kwargs) => {
    if (dims) {
      const shape = args.map((a) => (a.kind === 'int' ? a.dim : undefined));
      return shape.some((d) => !d) ? UNKNOWN : shape.length === 0 ? UNKNOWN : array(shape as Dim[], dtype);
    }
    const size = sizeArg(args, kwargs);
    if (!size || size.kind === 'none') return UNKNOWN;
    const shape = sizeOf(size);
    return shape ? array(shape, dtype) : UNKNOWN;
  });
}

/**
 * An elementwise function of numbers and at most one array: that array's shape (as float64, as
 * NumPy's trigonometry and powers of floats give), or a float of unknown value for numbers alone.
 */
function elementwise(args: readonly (Value | undefined)[]): Value {
  const arrays = args.filter((a) => a?.kind === 'tensor') as TensorValue[];
  if (args.some((a) => !a || (a.kind !== 'tensor' && a.kind !== 'int' && a.kind !== 'float' && a.kind !== 'bool'))) return UNKNOWN;
  if (arrays.length === 0) return SOME_FLOAT;
  return arrays.length === 1 && arrays[0].shape ? array(arrays[0].shape, 'float64') : UNKNOWN;
}

function creation(name: string, dtype: DType): Value {
  return fn(`numpy.${name}`, (args, kwargs) => {
    const shape = sizeOf(kwargs.shape ?? args[0]);
    return shape ? array(shape, dtypeOf(kwargs.dtype ?? (name === 'full' ? args[2] : args[1]), dtype)) : UNKNOWN;
  });
}

function like(name: string): Value {
  return fn(`numpy.${name}`, ([a], kwargs) => (a?.kind === 'tensor' && a.shape ? array(a.shape, dtypeOf(kwargs.dtype, a.dtype)) : UNKNOWN));
}

/** `keras.utils.to_categorical(y, num_classes)`: (n,) or (n, 1) -> (n, num_classes) (keras/src/utils/numerical_utils.py). */
export const toCategorical = fn('keras.utils.to_categorical', (args, kwargs) => {
  const y = args[0];
  const n = kwargs.num_classes ?? args[1];
  if (y?.kind !== 'tensor' || !y.shape || n?.kind !== 'int') return UNKNOWN;
  let shape = y.shape;
  if (shape.length > 1 && shape[shape.length - 1].value === 1) shape = shape.slice(0, -1);
  return array([...shape, n.dim], 'float32');
});

function numpyMembers(base: ReadonlyMap<string, Value> | undefined): Map<string, Value> {
  const m = new Map<string, Value>(base ?? []);
  m.set('zeros', creation('zeros', 'float64'));
  m.set('ones', creation('ones', 'float64'));
  m.set('empty', creation('empty', 'float64'));
  m.set('full', creation('full', 'float64'));
  m.set('zeros_like', like('zeros_like'));
  m.set('ones_like', like('ones_like'));
  m.set('array', fn('numpy.array', ([v], kwargs) => {
    const s = v ? literalShape(v) : undefined;
    return s ? array(s.shape, dtypeOf(kwargs.dtype, s.float ? 'float64' : 'int64')) : UNKNOWN;
  }));
  m.set('asarray', m.get('array')!);
  m.set('expand_dims', fn('numpy.expand_dims', ([a, axis], kwargs) => expandDims(a, kwargs.axis ?? axis)));
  m.set('reshape', fn('numpy.reshape', ([a, s], kwargs) => {
    const target = sizeOf(kwargs.newshape ?? kwargs.shape ?? s);
    const out = a?.kind === 'tensor' && a.shape && target ? reshaped(a.shape, target) : undefined;
    return out && a?.kind === 'tensor' ? array(out, a.dtype) : UNKNOWN;
  }));
  m.set('stack', fn('numpy.stack', ([v, axis], kwargs) => join(v, kwargs.axis ?? axis, true)));
  m.set('concatenate', fn('numpy.concatenate', ([v, axis], kwargs) => join(v, kwargs.axis ?? axis, false)));
  for (const r of ['argmax', 'argmin', 'sum', 'mean', 'max', 'min', 'std', 'var', 'prod']) {
    if (r === 'prod' && m.has('prod')) continue; // np.prod of a shape is the stdlib size helper
    m.set(r, fn(`numpy.${r}`, ([a, axis], kwargs) => reduce(r, a, kwargs.axis ?? axis, kwargs.keepdims)));
  }
  // Elementwise maths (a sinusoid table's `np.power`, `np.sin`): an array keeps its shape, numbers give a float.
  for (const u of ['sin', 'cos', 'tan', 'tanh', 'exp', 'log', 'log2', 'log10', 'floor', 'ceil']) {
    m.set(u, fn(`numpy.${u}`, ([a]) => {
      // `np.ceil(H / window_size)` of sizes: a float that is exactly a size (Swin's padded height).
      if ((u === 'floor' || u === 'ceil') && a?.kind === 'float' && !a.unknown) return float(Math[u](a.value));
      if ((u === 'floor' || u === 'ceil') && a?.kind === 'int' && a.dim.value !== undefined) return float(a.dim.value);
      const rounded = (u === 'floor' || u === 'ceil') && a ? roundedRatio(a, u) : undefined;
      return rounded ? ratioFloat(rounded, 1) : elementwise([a]);
    }));
  }
  m.set('power', fn('numpy.power', (args) => elementwise(args.slice(0, 2))));
  // np.linspace(start, stop, num=50): `num` evenly spaced numbers, with their values when known
  // (DINOv2's stochastic-depth rates, `np.linspace(0, drop_path_rate, depth).tolist()`, are then
  // the zeros a `rate > 0.0` test reads).
  m.set('linspace', fn('numpy.linspace', (args, kwargs) => {
    const num = kwargs.num ?? args[2] ?? int(50);
    if (num.kind !== 'int' || kwargs.retstep) return UNKNOWN;
    const dtype = dtypeOf(kwargs.dtype, 'float64');
    const values = dtype === 'float64' ? linspaceValues(args[0] ?? kwargs.start, args[1] ?? kwargs.stop, num.dim.value, kwargs.endpoint ?? args[3]) : undefined;
    return { ...array([num.dim], dtype), ...(values ? { values } : {}) };
  }));
  // np.triu / np.tril keep the matrix's shape (a causal mask: `np.triu(np.ones((n, n)), k=1)`).
  for (const tri of ['triu', 'tril']) m.set(tri, fn(`numpy.${tri}`, ([a]) => (a?.kind === 'tensor' && a.shape && a.shape.length >= 2 ? array(a.shape, a.dtype) : UNKNOWN)));
  m.set('newaxis', NONE);
  for (const d of ['float32', 'float64', 'float16', 'int32', 'int64', 'int8', 'uint8', 'bool']) m.set(d, { kind: 'str', value: d });
  const random = new Map<string, Value>([
    ['rand', randomFn('rand', true, 'float64')],
    ['randn', randomFn('randn', true, 'float64')],
    ['random', randomFn('random', false, 'float64', (a, k) => k.size ?? a[0])],
    ['random_sample', randomFn('random_sample', false, 'float64', (a, k) => k.size ?? a[0])],
    ['uniform', randomFn('uniform', false, 'float64', (a, k) => k.size ?? a[2])],
    ['normal', randomFn('normal', false, 'float64', (a, k) => k.size ?? a[2])],
    ['randint', randomFn('randint', false, 'int64', (a, k) => k.size ?? a[2])],
    ['seed', fn('numpy.random.seed', () => NONE)],
  ]);
  m.set('random', obj(new PyModuleObj('numpy.random', random)));
  return m;
}

/** Most numbers a linspace's values are followed for. */
const MAX_SPACED = 256;

/**
 * NumPy's float64 linspace values, computed as numpy/core/function_base.py does (numpy 1.24,
 * `linspace`: `step = delta / div`, `y = arange(num) * step + start`, or `arange(num) / div *
 * delta + start` when the step is 0, and the last set to `stop` with the endpoint), so each value
 * is the double NumPy gives; `arange(num) * delta + start` for fewer than two points. Undefined
 * when an argument's value is not known.
 */
function linspaceValues(start: Value | undefined, stop: Value | undefined, num: number | undefined, endpoint: Value | undefined): number[] | undefined {
  const numberOf = (v: Value | undefined): number | undefined => (v?.kind === 'int' ? v.dim.value : v?.kind === 'float' && !v.unknown ? v.value : v?.kind === 'bool' ? Number(v.value) : undefined);
  const [a, b] = [numberOf(start), numberOf(stop)];
  const withEnd = endpoint === undefined || endpoint.kind === 'none' ? true : endpoint.kind === 'bool' ? endpoint.value : undefined;
  if (a === undefined || b === undefined || num === undefined || num < 0 || num > MAX_SPACED || withEnd === undefined) return undefined;
  const div = withEnd ? num - 1 : num;
  const delta = b - a;
  const step = div > 0 ? delta / div : Number.NaN;
  // (No step for fewer than two points: NumPy multiplies by delta.)
  const ys = Array.from({ length: num }, (_, i) => (div <= 0 ? i * delta : step !== 0 ? i * step : (i / div) * delta) + a);
  if (withEnd && num > 1) ys[num - 1] = b;
  return ys.every(Number.isFinite) ? ys : undefined;
}

function randomFn(name: string, dims: boolean, dtype: DType, size: (args: readonly Value[], kwargs: Readonly<Record<string, Value>>) => Value | undefined = () => undefined): Value {
  return random(name, size, dtype, dims);
}

// ---- array attributes ----------------------------------------------------------------------

function method(name: string, impl: (args: readonly Value[], kwargs: Readonly<Record<string, Value>>) => Value): Value {
  return fn(`ndarray.${name}`, (args, kwargs) => impl(args, kwargs));
}

function arrayAttr(_host: Host, t: TensorValue, name: string): Value | undefined {
  const shape = t.shape;
  switch (name) {
    case 'shape': return shape ? { kind: 'tuple', items: shape.map(int) } : UNKNOWN;
    case 'ndim': return shape ? int(shape.length) : UNKNOWN;
    case 'size': return shape ? { kind: 'int', dim: numel(shape) } : UNKNOWN;
    case 'dtype': return t.dtype ? { kind: 'str', value: t.dtype } : UNKNOWN;
    case 'T': return shape ? array([...shape].reverse(), t.dtype) : UNKNOWN;
    case 'astype': return method(name, ([d]) => array(shape!, dtypeOf(d, undefined)));
    case 'copy': return method(name, () => t);
    case 'tolist': return method(name, () => tensorToList(t));
    case 'argmax': case 'argmin': case 'sum': case 'mean': case 'max': case 'min': case 'std': case 'var':
      return method(name, ([axis], kwargs) => reduce(name, t, kwargs.axis ?? axis, kwargs.keepdims));
    case 'flatten': case 'ravel': return method(name, () => (shape ? array([numel(shape)], t.dtype) : UNKNOWN));
    case 'reshape': return method(name, (args, kwargs) => {
      const target = args.length === 1 ? sizeOf(args[0]) : sizeOf({ kind: 'tuple', items: args });
      const out = shape && target && !kwargs.order ? reshaped(shape, target) : undefined;
      return out ? array(out, t.dtype) : UNKNOWN;
    });
    case 'squeeze': return method(name, ([axis]) => {
      if (!shape) return UNKNOWN;
      if (!axis || axis.kind === 'none') return shape.every((d) => d.value !== undefined) ? array(shape.filter((d) => d.value !== 1), t.dtype) : UNKNOWN;
      const a = axisIn(axis, shape.length);
      return a !== undefined && shape[a].value === 1 ? array([...shape.slice(0, a), ...shape.slice(a + 1)], t.dtype) : UNKNOWN;
    });
    default: return UNKNOWN;
  }
}

registerTensorAttrs('numpy', arrayAttr);

let shared: Value | undefined;

/** The `numpy` module (extending the size helpers the standard library module has). */
export function numpyModule(base: ReadonlyMap<string, Value> | undefined): Value {
  return (shared ??= obj(new PyModuleObj('numpy', numpyMembers(base))));
}
