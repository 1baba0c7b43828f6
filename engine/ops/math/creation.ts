// Tensor creation: zeros/ones/empty/randn/rand/full/randint from a size, arange/linspace/
// logspace/eye from their bounds, the *_like forms, and torch.tensor from nested lists.
// torch.zeros(B, 3) -> [B, 3]
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { dtypeArg, floatArg, intArg, isNone, tensor, tensorArg } from '../args';
import { DEFAULT_FLOAT, dtypeCategory, type DType } from '../dtype';
import { defineFunction, fail, giveUp, type FunctionOp } from '../op';
import { dtypeOf, notImplemented } from './promote';
import type { OnnxCall, OnnxGraph } from '../lowering';

/** Creation ops become constants of the traced shape; random ones draw from the run's seeded generator. */
function lowerConstant(kind: 'zeros' | 'ones' | 'normal' | 'uniform' | 'fill', fill?: (g: OnnxGraph, call: OnnxCall) => number) {
  return (g: OnnxGraph, call: OnnxCall): string => {
    const shape = g.shape(call.output);
    const dtype = g.dtype(call.output);
    const n = shape.reduce((a, b) => a * b, 1);
    let values: Float32Array;
    if (kind === 'normal') values = g.random.normal(n, 0, 1);
    else if (kind === 'uniform') values = g.random.uniform(n, 0, 1);
    else values = new Float32Array(n).fill(kind === 'ones' ? 1 : kind === 'fill' ? fill!(g, call) : 0);
    const elem = dtype === 'float64' || dtype === 'int64' || dtype === 'int32' || dtype === 'bool' || dtype === 'uint8' ? dtype : 'float32';
    if (elem === 'float32' && dtype !== 'float32') return g.noKernel(`${dtype} constants`);
    return g.constant(elem === 'float32' ? values : Array.from(values), shape, elem);
  };
}

/** A constant whose values the lowering computes (eye, linspace, randint). */
function lowerValues(values: (g: OnnxGraph, call: OnnxCall, n: number) => ArrayLike<number>) {
  return (g: OnnxGraph, call: OnnxCall): string => {
    const shape = g.shape(call.output);
    const dtype = g.dtype(call.output);
    const data = values(g, call, shape.reduce((a, b) => a * b, 1));
    const elem = dtype === 'float64' || dtype === 'int64' || dtype === 'int32' || dtype === 'bool' || dtype === 'uint8' ? dtype : 'float32';
    if (elem === 'float32' && dtype !== 'float32') return g.noKernel(`${dtype} constants`);
    return g.constant(elem === 'float32' ? Float32Array.from(data) : Array.from(data), shape, elem);
  };
}

/** A Python number argument (a tensor bound is not a constant). */
function numberArg(g: OnnxGraph, v: Value): number {
  if (v.kind === 'float') return v.value;
  if (v.kind === 'int' || v.kind === 'bool') return g.int(v);
  return g.noKernel('a tensor bound');
}

/** Integers in [low, high) from the run's seeded generator (PyTorch's own stream differs). */
function randomInts(g: OnnxGraph, n: number, low: number, high: number): number[] {
  return Array.from(g.random.uniform(n, 0, 1), (u) => Math.min(high - 1, low + Math.floor(u * (high - low))));
}

const fillValue = (g: OnnxGraph, call: OnnxCall): number => {
  const v = call.args.fill_value;
  return v.kind === 'bool' ? (v.value ? 1 : 0) : v.kind === 'float' ? v.value : g.int(v);
};

/** Nested Python lists of numbers, flattened (torch.tensor's data). */
function flatNumbers(g: OnnxGraph, v: Value, out: number[] = []): number[] {
  if (v.kind === 'list' || v.kind === 'tuple') v.items.forEach((x) => flatNumbers(g, x, out));
  else if (v.kind === 'float') out.push(v.value);
  else if (v.kind === 'bool') out.push(v.value ? 1 : 0);
  else if (v.kind === 'int') out.push(g.int(v));
  else g.noKernel('torch.tensor of non-literal data');
  return out;
}

const FACTORY_KW = 'out=None, dtype=None, layout=None, device=None, pin_memory=False, requires_grad=False';

/** A size given as varargs, one tuple/list/torch.Size, or the `size=` keyword. */
function sizeArg(varargs: Value, kwargs: Value | undefined): Shape {
  let items = varargs.kind === 'tuple' ? varargs.items : giveUp('bad size');
  if (items.length === 0 && kwargs?.kind === 'dict') {
    const kw = kwargs.entries.find(([k]) => k.kind === 'str' && k.value === 'size');
    if (kw) items = [kw[1]];
  }
  const listed = items.length === 1 && (items[0].kind === 'tuple' || items[0].kind === 'list');
  // A size the analysis does not know (`torch.empty(len(self.memory_layers), b, 0, d)`, the layers
  // a list of a depth nobody gave): that many, how many is not known. Only among several sizes or
  // in a written tuple: a lone unknown argument may be the whole shape (`torch.zeros(shape)`).
  // (Not in a list of a length not known: its one item stands for any number of them.)
  const many = listed ? items[0].kind !== 'list' || !items[0].open : items.length > 1;
  const dims = (listed ? (items[0] as Extract<Value, { kind: 'tuple' | 'list' }>).items : items).map((v) => (many && v.kind === 'unknown' ? Dim.unknown() : intArg(v)));
  return checkSize(dims);
}

function checkSize(dims: Dim[]): Shape {
  const neg = dims.find((d) => d.value !== undefined && d.value < 0);
  if (neg) {
    fail('negative-dimension', 'RuntimeError', `Trying to create tensor with negative dimension ${neg.value}: [${dims.join(', ')}]`);
  }
  return dims;
}

/** Random kernels exist for floating types only. */
function randomDtype(kind: 'normal' | 'uniform', d: DType): DType {
  if (dtypeCategory(d) < 2) notImplemented(kind === 'normal' ? 'normal_kernel_cpu' : 'check_uniform_bounds', d);
  return d;
}

function sized(name: string, random?: 'normal' | 'uniform'): FunctionOp {
  return defineFunction({
    names: [`torch.${name}`],
    signature: `*size, ${FACTORY_KW}, **kwargs`,
    onnx: lowerConstant(name === 'ones' ? 'ones' : random ?? 'zeros'),
    rule(args) {
      const shape = sizeArg(args.size, args.kwargs);
      const d = dtypeArg(args.dtype) ?? DEFAULT_FLOAT;
      return tensor(shape, random ? randomDtype(random, d) : d);
    },
  });
}

/** The dtype a fill value implies in 1.13: bool, int64 or the default float. */
function fillDtype(v: Value): DType {
  if (v.kind === 'bool') return 'bool';
  if (v.kind === 'int') return 'int64';
  if (v.kind === 'float') return DEFAULT_FLOAT;
  return giveUp('fill value');
}

export const full = defineFunction({
  names: ['torch.full'],
  onnx: lowerConstant('fill', fillValue),
  signature: `size, fill_value, *, ${FACTORY_KW}`,
  rule(args) {
    const size = args.size;
    const dims = size.kind === 'tuple' || size.kind === 'list' ? size.items.map(intArg) : giveUp('size');
    return tensor(checkSize(dims), dtypeArg(args.dtype) ?? fillDtype(args.fill_value));
  },
});

/** randint(high, size) or randint(low, high, size). */
export const randint = defineFunction({
  names: ['torch.randint'],
  signature: `*args, generator=None, ${FACTORY_KW}`,
  onnx: lowerValues((g, call, n) => {
    const items = (call.args.args as Extract<Value, { kind: 'tuple' }>).items;
    const [low, high] = items.length === 3 ? [g.int(items[0]), g.int(items[1])] : [0, g.int(items[0])];
    return randomInts(g, n, low, high);
  }),
  rule(args) {
    const items = (args.args as Extract<Value, { kind: 'tuple' }>).items;
    if (items.length < 2 || items.length > 3) giveUp('randint arguments');
    const size = items[items.length - 1];
    const dims = size.kind === 'tuple' || size.kind === 'list' ? size.items.map(intArg) : giveUp('size');
    if (items.length === 3) {
      const low = intArg(items[0]).value;
      const high = intArg(items[1]).value;
      if (low !== undefined && high !== undefined && low >= high) {
        fail('randint-range', 'RuntimeError', `random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
      }
    }
    return tensor(checkSize(dims), dtypeArg(args.dtype) ?? 'int64');
  },
});

/** arange: ceil((end - start) / step) values; float bounds give the default float type. */
export const arange = defineFunction({
  names: ['torch.arange'],
  signature: `*args, ${FACTORY_KW}, **kwargs`,
  onnx(g, call) {
    const pos = call.args.args.kind === 'tuple' ? call.args.args.items : [];
    const kw = new Map<string, Value>();
    if (call.args.kwargs.kind === 'dict') for (const [k, v] of call.args.kwargs.entries) if (k.kind === 'str') kw.set(k.value, v);
    const num = (v: Value | undefined, d: number): number => (v === undefined ? d : v.kind === 'float' ? v.value : g.int(v));
    const start = pos.length >= 2 ? num(pos[0], 0) : num(kw.get('start'), 0);
    const step = pos.length === 3 ? num(pos[2], 1) : num(kw.get('step'), 1);
    const shape = g.shape(call.output);
    const dtype = g.dtype(call.output);
    const values = Array.from({ length: shape[0] }, (_, i) => start + i * step);
    if (dtype !== 'float32' && dtype !== 'int64' && dtype !== 'float64') return g.noKernel(`${dtype} arange`);
    return g.constant(dtype === 'float32' ? Float32Array.from(values) : values, shape, dtype);
  },
  rule(args) {
    const pos = [...(args.args as Extract<Value, { kind: 'tuple' }>).items];
    const kw = new Map<string, Value>();
    if (args.kwargs.kind === 'dict') for (const [k, v] of args.kwargs.entries) if (k.kind === 'str') kw.set(k.value, v);
    let start: Value = { kind: 'int', dim: Dim.of(0) };
    let end: Value;
    let step: Value = kw.get('step') ?? { kind: 'int', dim: Dim.of(1) };
    if (pos.length === 1) end = pos[0];
    else if (pos.length >= 2) {
      [start, end] = pos;
      if (pos.length === 3) step = pos[2];
    } else {
      start = kw.get('start') ?? start;
      end = kw.get('end') ?? giveUp('arange end');
    }
    if (kw.has('end') && pos.length > 0) giveUp('arange arguments');
    const anyFloat = [start, end, step].some((v) => v.kind === 'float');
    const dtype = dtypeArg(args.dtype) ?? (anyFloat ? DEFAULT_FLOAT : 'int64');
    let length: Dim;
    if (anyFloat) {
      const [s, e, st] = [floatArg(start), floatArg(end), floatArg(step)];
      length = Dim.of(checkRange(s, e, st));
    } else {
      const s = intArg(start);
      const e = intArg(end);
      const st = intArg(step).value ?? giveUp('symbolic step');
      const span = e.sub(s);
      if (span.value !== undefined) length = Dim.of(checkRange(0, span.value, st));
      else {
        // Symbolic bounds: the usual forward range; a reversed one would be an error. A backward
        // range (`arange(dim - 1, -1, -1)`, the bit weights of a code) where its span is a size.
        if (st === 0) giveUp('symbolic range with zero step');
        if (st < 0 && !span.neg().provablyAtLeast(0)) giveUp('symbolic range with negative step');
        length = st > 0 ? span.ceildiv(st)! : span.neg().ceildiv(-st)!;
      }
    }
    return tensor([length], dtype);
  },
});

function checkRange(start: number, end: number, step: number): number {
  if (step === 0) fail('arange-step', 'RuntimeError', 'step must be nonzero');
  if ((step > 0 && end < start) || (step < 0 && end > start)) {
    fail('arange-step', 'RuntimeError', 'upper bound and larger bound inconsistent with step sign');
  }
  return Math.ceil((end - start) / step);
}

function spaced(name: string, extra: string): FunctionOp {
  return defineFunction({
    names: [`torch.${name}`],
    signature: `start, end, steps${extra}, *, ${FACTORY_KW}`,
    onnx: lowerValues((g, call, n) => {
      const a = call.args;
      const [start, end] = [numberArg(g, a.start), numberArg(g, a.end)];
      const step = n > 1 ? (end - start) / (n - 1) : 0;
      // PyTorch fills the second half backwards from `end`.
      const lin = Array.from({ length: n }, (_, i) => (i < n / 2 ? start + i * step : end - (n - 1 - i) * step));
      if (name === 'linspace') return lin;
      const base = numberArg(g, a.base);
      return lin.map((x) => base ** x);
    }),
    rule(args) {
      const steps = intArg(args.steps);
      if (steps.value !== undefined && steps.value < 0) fail('linspace-steps', 'RuntimeError', 'number of steps must be non-negative');
      return tensor([steps], dtypeArg(args.dtype) ?? DEFAULT_FLOAT);
    },
  });
}

export const eye = defineFunction({
  names: ['torch.eye'],
  signature: `n, m=None, *, ${FACTORY_KW}`,
  onnx: lowerValues((g, call, count) => {
    const [, m] = g.shape(call.output);
    return Array.from({ length: count }, (_, k) => (k % m === Math.floor(k / m) ? 1 : 0));
  }),
  rule(args) {
    const n = intArg(args.n);
    const m = isNone(args.m) ? n : intArg(args.m);
    if (n.value !== undefined && n.value < 0) fail('eye-size', 'RuntimeError', `n must be greater or equal to 0, got ${n.value}`);
    if (m.value !== undefined && m.value < 0) fail('eye-size', 'RuntimeError', `m must be greater or equal to 0, got ${m.value}`);
    return tensor([n, m], dtypeArg(args.dtype) ?? DEFAULT_FLOAT);
  },
});

const LIKE_KW = 'dtype=None, layout=None, device=None, requires_grad=False, memory_format=None';

function like(name: string, random?: 'normal' | 'uniform'): FunctionOp {
  return defineFunction({
    names: [`torch.${name}`],
    signature: `input, *, ${LIKE_KW}`,
    onnx: lowerConstant(name === 'ones_like' ? 'ones' : random ?? 'zeros'),
    rule(args) {
      const x = tensorArg(args.input);
      const d = dtypeArg(args.dtype) ?? dtypeOf(x);
      return tensor(x.shape, random ? randomDtype(random, d) : d);
    },
  });
}

export const fullLike = defineFunction({
  names: ['torch.full_like'],
  onnx: lowerConstant('fill', fillValue),
  signature: `input, fill_value, *, ${LIKE_KW}`,
  rule(args) {
    const x = tensorArg(args.input);
    return tensor(x.shape, dtypeArg(args.dtype) ?? dtypeOf(x));
  },
});

export const randintLike = defineFunction({
  names: ['torch.randint_like'],
  signature: `input, low=0, high=None, *, ${LIKE_KW}`,
  onnx: lowerValues((g, call, n) => {
    // randint_like(x, high) binds high to `low`.
    const a = call.args;
    const [low, high] = isNone(a.high) ? [0, g.int(a.low)] : [g.int(a.low), g.int(a.high)];
    return randomInts(g, n, low, high);
  }),
  rule(args) {
    const x = tensorArg(args.input);
    return tensor(x.shape, dtypeArg(args.dtype) ?? dtypeOf(x));
  },
});

/** Shape and element kinds of nested Python lists, with PyTorch's ragged-list ValueError. */
function inferData(v: Value): { shape: Dim[]; dtype: DType } {
  const shape: Dim[] = [];
  let probe = v;
  while (probe.kind === 'list' || probe.kind === 'tuple') {
    shape.push(Dim.of(probe.items.length));
    if (probe.items.length === 0) break;
    probe = probe.items[0];
  }
  let sawFloat = false;
  let sawInt = false;
  let sawBool = false;
  const visit = (x: Value, depth: number): void => {
    if (depth < shape.length) {
      if (x.kind !== 'list' && x.kind !== 'tuple') giveUp('scalar where a sequence was expected');
      const want = shape[depth].value!;
      if (x.items.length !== want) {
        fail('tensor-ragged', 'ValueError', `expected sequence of length ${want} at dim ${depth} (got ${x.items.length})`);
      }
      x.items.forEach((item) => visit(item, depth + 1));
      return;
    }
    if (x.kind === 'float') sawFloat = true;
    else if (x.kind === 'int') sawInt = true;
    else if (x.kind === 'bool') sawBool = true;
    else giveUp('element is not a Python number');
  };
  visit(v, 0);
  const dtype: DType = sawFloat ? DEFAULT_FLOAT : sawInt ? 'int64' : sawBool ? 'bool' : DEFAULT_FLOAT;
  return { shape, dtype };
}

function fromData(name: string, signature: string): FunctionOp {
  return defineFunction({
    names: [`torch.${name}`],
    signature,
    onnx(g, call) {
      const shape = g.shape(call.output);
      const dtype = g.dtype(call.output);
      if (call.args.data.kind === 'tensor') return g.op('Identity', [g.inputAs(call.args.data, dtype)]);
      const values = flatNumbers(g, call.args.data);
      if (dtype !== 'float32' && dtype !== 'int64' && dtype !== 'float64' && dtype !== 'bool') return g.noKernel(`${dtype} tensors`);
      return g.constant(dtype === 'float32' ? Float32Array.from(values) : values, shape, dtype);
    },
    rule(args) {
      const forced = dtypeArg(args.dtype);
      if (args.data.kind === 'tensor') {
        const x = tensorArg(args.data);
        return tensor(x.shape, forced ?? dtypeOf(x));
      }
      const { shape, dtype } = inferData(args.data);
      return tensor(shape, forced ?? dtype);
    },
  });
}

/**
 * torch.from_numpy(a): a tensor over the array's memory, of its shape and dtype (a NumPy-built
 * mask). No lowering: NumPy's arrays are not in the op trace a forward pass runs.
 */
const fromNumpy = defineFunction({
  names: ['torch.from_numpy'],
  signature: 'data',
  rule(args) {
    const a = args.data;
    if (a.kind !== 'tensor' || a.framework !== 'numpy') giveUp('not a NumPy array');
    const x = tensorArg(a);
    return tensor(x.shape, dtypeOf(x));
  },
});

/** `x.new_zeros(size)` and friends: a new tensor of self's dtype unless `dtype=` says otherwise. */
const NEW_KW = 'dtype=None, device=None, requires_grad=False, layout=None, pin_memory=False';

function newSized(name: 'zeros' | 'ones' | 'empty'): FunctionOp {
  return defineFunction({
    names: [`torch.Tensor.new_${name}`],
    signature: `self, *size, ${NEW_KW}`,
    onnx: lowerConstant(name === 'ones' ? 'ones' : 'zeros'),
    rule(args) {
      const self = tensorArg(args.self);
      return tensor(sizeArg(args.size, undefined), dtypeArg(args.dtype) ?? dtypeOf(self));
    },
  });
}

const newFull = defineFunction({
  names: ['torch.Tensor.new_full'],
  onnx: lowerConstant('fill', fillValue),
  signature: `self, size, fill_value, *, ${NEW_KW}`,
  rule(args) {
    const self = tensorArg(args.self);
    const size = args.size;
    const dims = size.kind === 'tuple' || size.kind === 'list' ? size.items.map(intArg) : giveUp('size');
    return tensor(checkSize(dims), dtypeArg(args.dtype) ?? dtypeOf(self));
  },
});

export const creationOps: readonly FunctionOp[] = [
  newSized('zeros'), newSized('ones'), newSized('empty'), newFull,
  sized('zeros'), sized('ones'), sized('empty'), sized('randn', 'normal'), sized('rand', 'uniform'),
  full, randint, arange, spaced('linspace', ''), spaced('logspace', ', base=10.0'), eye,
  like('zeros_like'), like('ones_like'), like('empty_like'), like('randn_like', 'normal'), like('rand_like', 'uniform'),
  fullLike, randintLike,
  fromData('tensor', 'data, *, dtype=None, device=None, requires_grad=False, pin_memory=False'),
  fromData('as_tensor', 'data, dtype=None, device=None'), fromNumpy,
];
