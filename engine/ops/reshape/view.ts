// view / reshape and their `_as` forms, flatten and unflatten: same elements, new shape.
import { reshapeLowering } from '../common/onnx';
import { Dim } from '../../shape/dim';
import { numel } from '../../shape/shape';
import { constIntArg, intsArg, tensorArg, varIntsArg, wrapDim } from '../args';
import { defineFunction, fail, giveUp, OpFailure, requireEqual, type OpContext } from '../op';
import type { Value } from '../../value';
import type { DType } from '../dtype';
import { inferViewShape, listText, tensor } from './helpers';

function viewRule(input: Value, sizes: Dim[], ctx: OpContext): Value {
  const x = tensorArg(input);
  return tensor(inferViewShape(ctx, sizes, numel(x.shape)), x.dtype);
}

/** Sizes given as varargs or one sequence. */
function shapeVarargs(v: Value): Dim[] {
  if ((v.kind === 'tuple' || v.kind === 'list') && v.items.some((i) => i.kind === 'dtype')) giveUp('dtype among sizes');
  return varIntsArg(v);
}

/**
 * x.view(dtype) reinterprets the bytes: the last dim scales by the ratio of element sizes.
 * (Inputs here are contiguous, so PyTorch's stride and offset checks always pass.)
 */
function viewAsDtype(ctx: OpContext, input: Value, to: DType): Value {
  const x = tensorArg(input);
  const from = x.dtype ?? giveUp('unknown dtype');
  const a = ITEMSIZE[from];
  const b = ITEMSIZE[to];
  if (a === b) return tensor(x.shape, to);
  const what = `to view ${SCALAR_NAME[from]} as ${SCALAR_NAME[to]} (different element sizes)`;
  if (x.shape.length === 0) fail('view-dtype', 'RuntimeError', `self.dim() cannot be 0 ${what}`);
  const last = x.shape[x.shape.length - 1];
  let size: Dim;
  if (a > b) size = last.mul(a / b);
  else {
    const ratio = b / a;
    size = last.floordiv(ratio)!;
    requireEqual(ctx, size.mul(ratio), last, () => ({
      code: 'view-dtype', exception: 'RuntimeError', message: `self.size(-1) must be divisible by ${ratio} ${what}, but got ${last}`,
    }));
  }
  return tensor([...x.shape.slice(0, -1), size], to);
}

const ITEMSIZE: Record<DType, number> = {
  bool: 1, uint8: 1, int8: 1, int16: 2, int32: 4, int64: 8, float16: 2, bfloat16: 2, float32: 4, float64: 8, complex32: 4, complex64: 8, complex128: 16,
};

/** c10's ScalarType names, as PyTorch's messages print them. */
const SCALAR_NAME: Record<DType, string> = {
  bool: 'Bool', uint8: 'Byte', int8: 'Char', int16: 'Short', int32: 'Int', int64: 'Long', float16: 'Half', bfloat16: 'BFloat16',
  float32: 'Float', float64: 'Double', complex32: 'ComplexHalf', complex64: 'ComplexFloat', complex128: 'ComplexDouble',
};

/** x.view(*shape): [2, 3, 4] -> view(-1, 4) -> [6, 4]; x.view(torch.float16): [2, 3] -> [2, 6] */
export const view = defineFunction({
  names: ['torch.Tensor.view'],
  signature: 'input, *shape',
  onnx: reshapeLowering,
  rule(args, ctx) {
    const items = args.shape.kind === 'tuple' ? args.shape.items : [];
    if (items.length === 1 && items[0].kind === 'dtype') return viewAsDtype(ctx, args.input, items[0].dtype);
    return viewRule(args.input, shapeVarargs(args.shape), ctx);
  },
});

/** torch.reshape(x, shape): [2, 3, 4] -> (4, -1) -> [4, 6] */
export const reshape = defineFunction({
  names: ['torch.reshape'],
  signature: 'input, shape',
  onnx: reshapeLowering,
  rule: (args, ctx) => viewRule(args.input, intsArg(args.shape), ctx),
});

/** x.reshape(*shape): [2, 3, 4] -> reshape(4, -1) -> [4, 6] */
export const reshapeMethod = defineFunction({
  names: ['torch.Tensor.reshape'],
  signature: 'input, *shape',
  onnx: reshapeLowering,
  rule: (args, ctx) => viewRule(args.input, shapeVarargs(args.shape), ctx),
});

/** x.view_as(y) / x.reshape_as(y): [2, 3] -> y [3, 2] -> [3, 2] */
export const viewAs = defineFunction({
  names: ['torch.Tensor.view_as', 'torch.Tensor.reshape_as'],
  signature: 'input, other',
  onnx: reshapeLowering,
  rule: (args, ctx) => viewRule(args.input, [...tensorArg(args.other).shape], ctx),
});

/** [2, 3, 4, 5] -> flatten(1, 2) -> [2, 12, 5]; a scalar becomes [1]. */
export const flatten = defineFunction({
  names: ['torch.flatten', 'torch.Tensor.flatten'],
  signature: 'input, start_dim=0, end_dim=-1',
  onnx: reshapeLowering,
  rule(args) {
    const x = tensorArg(args.input);
    const rank = x.shape.length;
    const s = wrapDim(constIntArg(args.start_dim), rank);
    const e = wrapDim(constIntArg(args.end_dim), rank);
    if (s > e) fail('flatten-dims', 'RuntimeError', 'flatten() has invalid args: start_dim cannot come after end_dim');
    if (rank === 0) return tensor([1], x.dtype);
    const merged = x.shape.slice(s, e + 1).reduce((a, d) => a.mul(d), Dim.of(1));
    return tensor([...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)], x.dtype);
  },
});

/** [2, 12] -> unflatten(1, (3, -1)) -> [2, 3, 4] */
export const unflatten = defineFunction({
  names: ['torch.unflatten', 'torch.Tensor.unflatten'],
  signature: 'input, dim, sizes',
  onnx: reshapeLowering,
  rule(args, ctx) {
    const x = tensorArg(args.input);
    const d = wrapDim(constIntArg(args.dim), x.shape.length);
    const sizes = intsArg(args.sizes);
    const size = x.shape[d];
    const mismatch = `unflatten: Provided sizes ${listText(sizes)} don't multiply up to the size of dim ${d} (${size}) in the input tensor`;
    let out: Dim[];
    if (sizes.filter((s) => s.value === -1).length > 1) {
      fail('unflatten-sizes', 'RuntimeError', 'unflatten got an unexpected error:\nonly one dimension can be inferred');
    }
    if (sizes.some((s) => s.value === -1)) {
      try {
        out = inferViewShape(ctx, sizes, size);
      } catch (e) {
        if (e instanceof OpFailure) fail('unflatten-sizes', 'RuntimeError', mismatch);
        throw e;
      }
    } else {
      const prod = sizes.reduce((a, s) => a.mul(s), Dim.of(1));
      requireEqual(ctx, prod, size, () => ({ code: 'unflatten-sizes', exception: 'RuntimeError', message: mismatch }));
      out = sizes;
    }
    return tensor([...x.shape.slice(0, d), ...out, ...x.shape.slice(d + 1)], x.dtype);
  },
});
