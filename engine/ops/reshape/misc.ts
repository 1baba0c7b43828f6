// Shape-preserving ops (roll, flip, copies, dtype casts) and size queries (size, dim, numel).
import { castLowering, identityLowering, noTensorLowering, reshapeTo } from '../common/onnx';
import type { OnnxGraph } from '../lowering';
import { numel, type Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { constIntArg, constIntsArg, intArg, intValue, isNone, tensorArg, tuple, varIntsArg, wrapDim, type TensorArg } from '../args';
import type { FunctionOp } from '../op';
import type { DType } from '../dtype';
import { defineFunction, fail, giveUp } from '../op';
import { dtypeFromLegacyName, legacyTypeName, tensor } from './helpers';

/** [3, 4] -> roll(1, 0) -> [3, 4] */
export const roll = defineFunction({
  names: ['torch.roll', 'torch.Tensor.roll'],
  signature: 'input, shifts, dims=None',
  onnx(g, { args }) {
    const shape = g.shape(args.input);
    const shifts = constIntsArg(args.shifts);
    const dims = isNone(args.dims) ? [] : constIntsArg(args.dims);
    let x = g.input(args.input);
    if (dims.length === 0) {
      // No dims: roll the flattened tensor.
      const flat = reshapeTo(g, x, [shape.reduce((a, b) => a * b, 1)]);
      return reshapeTo(g, rollAxis(g, flat, 0, shape.reduce((a, b) => a * b, 1), shifts[0]), shape);
    }
    dims.forEach((d, i) => {
      const axis = wrapDim(d, shape.length);
      x = rollAxis(g, x, axis, shape[axis], shifts[i]);
    });
    return x;
  },
  rule(args) {
    const x = tensorArg(args.input);
    const shifts = constIntsArg(args.shifts);
    const dims = isNone(args.dims) ? [] : constIntsArg(args.dims);
    if (shifts.length === 0) fail('roll-shifts', 'RuntimeError', '`shifts` required');
    if (dims.length === 0 && shifts.length === 1) return tensor(x.shape, x.dtype);
    if (shifts.length !== dims.length) {
      fail('roll-shifts', 'RuntimeError', `shifts and dimensions must align. shifts: ${shifts.length}, dims:${dims.length}`);
    }
    dims.forEach((d) => wrapDim(d, x.shape.length));
    return tensor(x.shape, x.dtype);
  },
});

function flipRule(x: TensorArg, dims: number[]): Value {
  const seen = new Set<number>();
  for (const d of dims) {
    const w = wrapDim(d, x.shape.length);
    if (seen.has(w)) fail('flip-dims', 'RuntimeError', `dim ${w} appears multiple times in the list of dims`);
    seen.add(w);
  }
  return tensor(x.shape, x.dtype);
}

/** torch.roll along one axis: the last `shift` elements move to the front. */
function rollAxis(g: OnnxGraph, x: string, axis: number, size: number, shift: number): string {
  const s = ((shift % size) + size) % size;
  if (s === 0) return x;
  const tail = g.op('Slice', [x, g.ints([size - s]), g.ints([size]), g.ints([axis])]);
  const head = g.op('Slice', [x, g.ints([0]), g.ints([size - s]), g.ints([axis])]);
  return g.op('Concat', [tail, head], { axis });
}

function lowerFlip(g: OnnxGraph, input: Value, dims: number[]): string {
  const rank = g.shape(input).length;
  const axes = dims.map((d) => wrapDim(d, rank));
  const x = g.input(input);
  if (axes.length === 0) return g.op('Identity', [x]);
  const big = Number.MAX_SAFE_INTEGER;
  return g.op('Slice', [x, g.ints(axes.map(() => -1)), g.ints(axes.map(() => -big)), g.ints(axes), g.ints(axes.map(() => -1))]);
}

/** [3, 4] -> flip((0,)) -> [3, 4] */
export const flip = defineFunction({
  names: ['torch.flip'],
  signature: 'input, dims',
  onnx: (g, { args }) => lowerFlip(g, args.input, constIntsArg(args.dims)),
  rule: (args) => flipRule(tensorArg(args.input), constIntsArg(args.dims)),
});

/** x.flip(*dims): [3, 4] -> [3, 4] */
export const flipMethod = defineFunction({
  names: ['torch.Tensor.flip'],
  signature: 'input, *dims:keyword',
  onnx: (g, { args }) => lowerFlip(g, args.input, varIntsArg(args.dims).map((d) => d.value ?? giveUp())),
  rule: (args) => flipRule(tensorArg(args.input), varIntsArg(args.dims).map((d) => d.value ?? giveUp())),
});

/** tril/triu keep the shape; they act on the last two dimensions, so they need two. */
function triangle(name: 'tril' | 'triu', method: boolean): FunctionOp {
  return defineFunction({
    names: [method ? `torch.Tensor.${name}` : `torch.${name}`],
    signature: method ? 'input, diagonal=0' : 'input, diagonal=0, *, out=None',
    onnx: (g, { args }) => g.op('Trilu', [g.input(args.input), g.constant([BigInt(constIntArg(args.diagonal))], [], 'int64')], { upper: name === 'triu' ? 1 : 0 }),
    rule: (args) => {
      const x = tensorArg(args.input);
      if (x.shape.length === 0) fail('dim-out-of-range', 'IndexError', 'Dimension specified as -2 but tensor has no dimensions');
      wrapDim(-2, x.shape.length);
      // The diagonal moves the triangle, never the shape: `triu(diagonal=start_pos + 1)` of a
      // KV cache's mask is as good as a number.
      intArg(args.diagonal);
      return tensor(x.shape, x.dtype);
    },
  });
}

/** [*, M, N] -> tril(k) / triu(k) -> [*, M, N] */
export const tril = triangle('tril', false);
export const triu = triangle('triu', false);
export const trilMethod = triangle('tril', true);
export const triuMethod = triangle('triu', true);

/** Same shape and dtype: [2, 3] -> [2, 3] */
export const contiguous = defineFunction({
  names: ['torch.Tensor.contiguous'],
  signature: 'input, memory_format=None',
  unknownRankOk: true,
  onnx: identityLowering,
  rule: (args) => same(args.input),
});

/** [2, 3] -> clone() -> [2, 3] */
export const clone = defineFunction({
  names: ['torch.clone', 'torch.Tensor.clone'],
  signature: 'input, *, memory_format=None',
  unknownRankOk: true,
  onnx: identityLowering,
  rule: (args) => same(args.input),
});

/** [2, 3] -> detach() -> [2, 3] */
export const detach = defineFunction({
  names: ['torch.detach', 'torch.Tensor.detach'],
  signature: 'input',
  unknownRankOk: true,
  onnx: identityLowering,
  rule: (args) => same(args.input),
});

/** The input's shape, even when its rank is unknown (copies and casts keep whatever is known). */
function shapeOf(v: Value): Shape | undefined {
  return v.kind === 'tensor' ? v.shape : giveUp('expected a tensor');
}

function same(v: Value): Value {
  return retyped(v, v.kind === 'tensor' ? v.dtype : undefined);
}

function retyped(v: Value, dtype: DType | undefined): Value {
  return { kind: 'tensor', shape: shapeOf(v), dtype };
}

function cast(to: DType) {
  return (args: Readonly<Record<string, Value>>): Value => retyped(args.input, to);
}

const castSig = 'input, memory_format=None';
/** x.float(): [2, 3] int64 -> [2, 3] float32 (likewise long, int, half, double, bool). */
export const toFloat = defineFunction({ names: ['torch.Tensor.float'], signature: castSig, unknownRankOk: true, onnx: castLowering, rule: cast('float32') });
export const toLong = defineFunction({ names: ['torch.Tensor.long'], signature: castSig, unknownRankOk: true, onnx: castLowering, rule: cast('int64') });
export const toInt = defineFunction({ names: ['torch.Tensor.int'], signature: castSig, unknownRankOk: true, onnx: castLowering, rule: cast('int32') });
export const toHalf = defineFunction({ names: ['torch.Tensor.half'], signature: castSig, unknownRankOk: true, onnx: castLowering, rule: cast('float16') });
export const toDouble = defineFunction({ names: ['torch.Tensor.double'], signature: castSig, unknownRankOk: true, onnx: castLowering, rule: cast('float64') });
export const toBool = defineFunction({ names: ['torch.Tensor.bool'], signature: castSig, unknownRankOk: true, onnx: castLowering, rule: cast('bool') });

/** x.to(dtype) / x.to(device, dtype) / x.to(other): shape kept, dtype from the arguments. */
export const to = defineFunction({
  names: ['torch.Tensor.to'],
  signature: 'input, *args, **kwargs',
  unknownRankOk: true,
  onnx: castLowering,
  rule(args) {
    const x = args.input;
    if (x.kind !== 'tensor') return giveUp('expected a tensor');
    let dtype = x.dtype;
    const positional = args.args.kind === 'tuple' ? args.args.items : [];
    // `device=` and `non_blocking=`/`copy=`/`memory_format=` never change the dtype, whatever their value.
    const keywords = args.kwargs.kind === 'dict' ? args.kwargs.entries.filter(([k]) => k.kind !== 'str' || k.value === 'dtype').map(([, v]) => v) : [];
    for (const v of [...positional, ...keywords]) {
      if (v.kind === 'dtype') dtype = v.dtype;
      else if (v.kind === 'tensor') dtype = v.dtype;
      // A device the analysis cannot name (interp's DeviceObj): never a dtype.
      else if (v.kind === 'object' && (v.ref as { isDevice?: unknown }).isDevice === true) continue;
      // An opaque argument is usually a device, but could be a dtype: keep the shape only.
      else if (v.kind === 'unknown' || v.kind === 'object') dtype = undefined;
    }
    return retyped(x, dtype);
  },
});

/** x.type_as(y): x cast to y's dtype, [2, 3] float32 + y int64 -> [2, 3] int64 (y's shape does not matter). */
export const typeAs = defineFunction({
  names: ['torch.Tensor.type_as'],
  signature: 'input, other',
  unknownRankOk: true,
  onnx: castLowering,
  rule(args) {
    const other = args.other;
    if (other.kind !== 'tensor') return giveUp('expected a tensor');
    return retyped(args.input, other.dtype);
  },
});

/** x.type() -> 'torch.FloatTensor'; x.type(torch.int64) -> int64 tensor of the same shape. */
export const type = defineFunction({
  names: ['torch.Tensor.type'],
  signature: 'input, dtype=None, non_blocking=False, **kwargs',
  unknownRankOk: true,
  onnx: (g, call) => (call.output.kind === 'tensor' && call.output.dtype !== undefined ? castLowering(g, call) : undefined),
  rule(args) {
    const x = args.input;
    if (x.kind !== 'tensor') return giveUp('expected a tensor');
    const d = args.dtype;
    // `x.type(self.inner_dtype)` with a dtype we cannot read: a dtype or a type name, the same shape
    // either way (only `x.type()` with nothing gives a string).
    if (d.kind === 'unknown') return retyped(x, undefined);
    if (isNone(d)) return x.dtype === undefined ? giveUp() : { kind: 'str', value: legacyTypeName(x.dtype) };
    if (d.kind === 'dtype') return retyped(x, d.dtype);
    if (d.kind === 'str') return retyped(x, dtypeFromLegacyName(d.value) ?? giveUp('unknown type name'));
    return giveUp();
  },
});

/** x.size() -> torch.Size([2, 3]); x.size(1) -> 3 */
export const size = defineFunction({
  names: ['torch.Tensor.size'],
  signature: 'input, dim=None',
  onnx: noTensorLowering,
  rule(args) {
    const x = tensorArg(args.input);
    if (isNone(args.dim)) return tuple(x.shape.map(intValue));
    const d = constIntArg(args.dim);
    if (x.shape.length === 0) fail('dim-out-of-range', 'IndexError', `Dimension specified as ${d} but tensor has no dimensions`);
    return intValue(x.shape[wrapDim(d, x.shape.length)]);
  },
});

/** x.dim() -> 2 */
export const dim = defineFunction({
  names: ['torch.Tensor.dim'],
  signature: 'input',
  onnx: noTensorLowering,
  rule: (args) => intValue(tensorArg(args.input).shape.length),
});

/** x.numel() -> 6 for [2, 3] */
export const numelOp = defineFunction({
  names: ['torch.numel', 'torch.Tensor.numel'],
  signature: 'input',
  onnx: noTensorLowering,
  rule: (args) => intValue(numel(tensorArg(args.input).shape)),
});
