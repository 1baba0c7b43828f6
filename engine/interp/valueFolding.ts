// The values of small tensors the code computes from known numbers, for the code that turns them
// back into sizes: torchvision's RegNet computes its stage widths with
// `torch.arange(depth) * w_a + w_0`, log, round, pow and `.int().tolist()`. Only a few
// elementwise ops are followed, on tensors of at most MAX_ELEMENTS numbers, in the result's
// precision (float32 arithmetic is rounded to float32 after each op, as PyTorch computes it);
// any other op leaves the values unknown, so a size computed from them stays unknown.
import type { Value, TensorValue } from '../value';
import type { BoundArgs } from '../ops/signature';
import { dtypeCategory, type DType } from '../ops/dtype';

const MAX_ELEMENTS = 256;

type Numbers = readonly number[];

/** The numbers a tensor or Python number holds, broadcast to `n` when it is a scalar. */
function numbersOf(v: Value | undefined, n: number): Numbers | undefined {
  if (!v) return undefined;
  if (v.kind === 'int') return v.dim.value === undefined ? undefined : Array(n).fill(v.dim.value);
  if (v.kind === 'float') return v.unknown ? undefined : Array(n).fill(v.value);
  if (v.kind === 'bool') return Array(n).fill(v.value ? 1 : 0);
  if (v.kind === 'tensor' && v.values) {
    if (v.values.length === n) return v.values;
    if (v.values.length === 1) return Array(n).fill(v.values[0]);
  }
  return undefined;
}

/** Python literal data (nested lists of numbers), flattened. */
function literal(v: Value, out: number[] = []): number[] | undefined {
  if (v.kind === 'list' || v.kind === 'tuple') {
    for (const x of v.items) if (!literal(x, out)) return undefined;
    return out;
  }
  const n = numbersOf(v, 1);
  if (!n) return undefined;
  out.push(n[0]);
  return out;
}

/** Rounded to the dtype as PyTorch stores it. */
function stored(x: number, dtype: DType): number {
  if (dtype === 'float32') return Math.fround(x);
  if (dtypeCategory(dtype) === 1) return Math.trunc(x);
  if (dtype === 'bool') return x !== 0 ? 1 : 0;
  return x;
}

/** Round half to even, as torch.round does. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const BINARY: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  truediv: (a, b) => a / b,
  pow: (a, b) => a ** b,
};

const UNARY: Record<string, (a: number) => number> = {
  log: Math.log,
  exp: Math.exp,
  sqrt: Math.sqrt,
  round: roundHalfEven,
  floor: Math.floor,
  ceil: Math.ceil,
  neg: (a) => -a,
  abs: Math.abs,
};

/** The binary op a function name is (`torch.Tensor.__rsub__` is sub, reflected). */
function binaryOf(name: string): { op: string; reflected: boolean } | undefined {
  const m = /^torch\.(?:Tensor\.)?(?:__(r?)(add|sub|mul|truediv|div|pow)__|(add|sub|mul|multiply|div|divide|true_divide|pow))$/.exec(name);
  if (!m) return undefined;
  const raw = m[2] ?? m[3];
  const op = raw === 'multiply' ? 'mul' : raw === 'div' || raw === 'divide' || raw === 'true_divide' ? 'truediv' : raw;
  return { op, reflected: m[1] === 'r' };
}

/**
 * The values of an op's result, when its inputs' values are known and the op is one followed;
 * undefined otherwise. `name` is the name it was called by, `args` its bound arguments.
 */
export function foldedValues(name: string, args: BoundArgs, out: TensorValue): Numbers | undefined {
  const shape = out.shape?.map((d) => d.value);
  if (!shape || shape.some((d) => d === undefined) || !out.dtype) return undefined;
  const n = (shape as number[]).reduce((a, b) => a * b, 1);
  if (n > MAX_ELEMENTS) return undefined;
  const dtype = out.dtype;
  const done = (xs: Numbers | undefined): Numbers | undefined => (xs && xs.length === n && xs.every(Number.isFinite) ? xs.map((x) => stored(x, dtype)) : undefined);
  if (name === 'torch.tensor' || name === 'torch.as_tensor') return args.data ? done(literal(args.data)) : undefined;
  if (name === 'torch.arange') {
    const pos = args.args?.kind === 'tuple' ? args.args.items : [];
    const nums = pos.map((p) => numbersOf(p, 1)?.[0]);
    if (nums.some((x) => x === undefined)) return undefined;
    const [start, step] = nums.length === 1 ? [0, 1] : [nums[0]!, nums[2] ?? 1];
    return done(Array.from({ length: n }, (_, i) => start + i * step));
  }
  const bin = binaryOf(name);
  if (bin) {
    const f = BINARY[bin.op];
    const a = numbersOf(args.input, n);
    const b = numbersOf(args.other ?? args.exponent, n);
    if (!a || !b || (args.rounding_mode && args.rounding_mode.kind !== 'none')) return undefined;
    return done(a.map((x, i) => (bin.reflected ? f(b[i], x) : f(x, b[i]))));
  }
  const unary = /^torch\.(?:Tensor\.)?(log|exp|sqrt|round|floor|ceil|neg|abs)$/.exec(name);
  if (unary) {
    if (args.decimals && numbersOf(args.decimals, 1)?.[0] !== 0) return undefined;
    const a = numbersOf(args.input, n);
    return a && done(a.map(UNARY[unary[1]]));
  }
  // Casts: the values, stored in the new dtype.
  if (/^torch\.Tensor\.(int|long|float|double|short)$/.test(name)) return done(numbersOf(args.input, n));
  // Moves and copies (`lengths.to('cpu')` before pack_padded_sequence), a cast by `.to(dtype)` too.
  if (/^torch\.Tensor\.(to|cpu|cuda|detach|clone|contiguous)$/.test(name)) return done(numbersOf(args.input, n));
  if (name === 'torch.diff' || name === 'torch.Tensor.diff') {
    const x = args.input;
    if (x?.kind !== 'tensor' || !x.values || x.shape?.length !== 1 || (args.n && numbersOf(args.n, 1)?.[0] !== 1)) return undefined;
    if (args.prepend && args.prepend.kind !== 'none') return undefined;
    if (args.append && args.append.kind !== 'none') return undefined;
    return done(x.values.slice(1).map((v, i) => v - x.values![i]));
  }
  return undefined;
}
