// nn.MaxUnpool1d/2d/3d and F.max_unpool{1,2,3}d: the inverse window arithmetic.
// [N, C, L] -> [N, C, (L - 1)*s + k - 2p], or the given output_size.
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { constIntsArg, intArg, isNone, sequenceArg, tensor, tensorArg } from '../args';
import { defineFunction, defineModule, fail, giveUp, requireEqual, type OpContext } from '../op';
import { isZero, pyRepr, sizesText } from './poolShape';
import type { OnnxCall, OnnxGraph } from '../lowering';
import { outShape, reshapeTo } from '../common/onnx';

/** `_ntuple(n)(v)`: an int repeated, a sequence as given (it must then have n entries here). */
function ntuple(v: Value, n: number): number[] {
  const list = constIntsArg(v, n);
  return list.length === n ? list : giveUp('wrong-length tuple');
}

/** F._unpool_output_size, with its ValueErrors. */
function unpoolOutputSize(x: Shape, k: number[], s: number[], p: number[], outputSize: Value): Dim[] {
  const n = k.length;
  if (x.length < n) giveUp('input of too low rank');
  const defaults = k.map((kd, d) => x[x.length - n + d].sub(1).mul(s[d]).add(kd - 2 * p[d]));
  if (isNone(outputSize)) return defaults;
  let given = outputSize;
  let items = sequenceArg(given);
  if (items.length === n + 2) {
    items = items.slice(2);
    given = { kind: given.kind === 'list' ? 'list' : 'tuple', items };
  }
  if (items.length !== n) {
    fail('unpool-output-size', 'ValueError', `output_size should be a sequence containing ${n} or ${n + 2} elements, but it has a length of '${items.length}'`);
  }
  const sizes = items.map(intArg);
  sizes.forEach((o, d) => {
    const lo = defaults[d].sub(s[d]);
    const hi = defaults[d].add(s[d]);
    const [ov, lv, hv] = [o.value, lo.value, hi.value];
    if (ov !== undefined && lv !== undefined && hv !== undefined && !(lv < ov && ov < hv)) {
      fail('unpool-output-size', 'ValueError', `invalid output_size "${pyRepr(given)}" (dim ${d} must be between ${lv} and ${hv})`);
    }
  });
  return sizes;
}

/** torch._C._nn.max_unpool{2,3}d's checks and output. */
function unpoolKernel(ctx: OpContext, n: 2 | 3, x: Shape, idx: Shape, out: Dim[], stride: number[]): Shape {
  const rank = x.length;
  if (rank !== n + 1 && rank !== n + 2) {
    fail('unpool-rank', 'RuntimeError', `Input to max_unpooling${n}d should be a ${n + 1}d or ${n + 2}d Tensor, but got a tensor with ${rank} dimensions.`);
  }
  const mismatch = () => ({
    code: 'unpool-indices', exception: 'RuntimeError',
    message: `Expected shape of indices to be same as that of the input tensor (${sizesText(x)}) but got indices tensor with shape: ${sizesText(idx)}`,
  });
  if (idx.length !== rank) fail(mismatch().code, mismatch().exception, mismatch().message);
  x.forEach((d, i) => requireEqual(ctx, d, idx[i], mismatch));
  for (let i = 1; i < rank; i++) {
    if (isZero(x[i])) {
      fail('unpool-empty', 'RuntimeError', `max_unpooling${n}d_forward_out_cpu(): Expected input to have non-zero size for non-batch dimensions, but got ${sizesText(x)} with dimension ${i} being empty.`);
    }
  }
  if (n === 3 && stride.some((v) => v <= 0)) fail('unpool-stride', 'RuntimeError', `strides should be greater than zero, but got stride: ${sizesText(stride.map(Dim.of))}`);
  return [...x.slice(0, rank - n), ...out];
}

function unpoolShape(ctx: OpContext, n: 1 | 2 | 3, input: Value, indices: Value, kernel: Value, stride: Value, padding: Value, outputSize: Value): Value {
  const x = tensorArg(input);
  const idx = tensorArg(indices);
  if (idx.dtype !== 'int64') giveUp('indices of another dtype');
  const k = ntuple(kernel, n);
  const s = isNone(stride) ? k : ntuple(stride, n);
  const p = ntuple(padding, n);
  const out = unpoolOutputSize(x.shape, k, s, p, outputSize);
  if (n === 1) {
    // max_unpool2d on x.unsqueeze(-1) with output_size + [1], then squeeze(-1).
    const y = unpoolKernel(ctx, 2, [...x.shape, Dim.of(1)], [...idx.shape, Dim.of(1)], [...out, Dim.of(1)], s);
    return tensor(y.slice(0, -1), x.dtype);
  }
  return tensor(unpoolKernel(ctx, n, x.shape, idx.shape, out, s), x.dtype);
}

/**
 * Indices are flat positions within each output plane: scatter every plane's values into a
 * zero plane (ScatterElements on [planes, H*W]); duplicates keep the last, as PyTorch's loop.
 */
function lowerUnpool(g: OnnxGraph, call: OnnxCall, n: number, input: Value, indices: Value): string {
  const inShape = g.shape(input);
  const out = outShape(g, call);
  const lead = out.slice(0, out.length - n);
  const planes = lead.reduce((a, b) => a * b, 1);
  const inPlane = inShape.slice(lead.length).reduce((a, b) => a * b, 1);
  const outPlane = out.slice(lead.length).reduce((a, b) => a * b, 1);
  const dtype = g.dtype(input);
  const x = reshapeTo(g, g.input(input), [planes, inPlane]);
  const idx = reshapeTo(g, g.inputAs(indices, 'int64'), [planes, inPlane]);
  const base = g.op('Expand', [g.scalar(0, dtype), g.ints([planes, outPlane])]);
  const y = g.op('ScatterElements', [base, idx, x], { axis: 1 });
  return reshapeTo(g, y, out);
}

function family(n: 1 | 2 | 3) {
  return [
    defineModule({
      names: [`torch.nn.MaxUnpool${n}d`],
      init: 'kernel_size, stride=None, padding=0',
      forward: 'input, indices, output_size=None',
      params: () => [],
      onnx: (g, call) => lowerUnpool(g, call, n, call.args.input, call.args.indices),
      rule: (self, a, ctx) => unpoolShape(ctx, n, a.input, a.indices, self.kernel_size, self.stride, self.padding, a.output_size),
    }),
    defineFunction({
      names: [`torch.nn.functional.max_unpool${n}d`],
      signature: 'input, indices, kernel_size, stride=None, padding=0, output_size=None',
      onnx: (g, call) => lowerUnpool(g, call, n, call.args.input, call.args.indices),
      rule: (a, ctx) => unpoolShape(ctx, n, a.input, a.indices, a.kernel_size, a.stride, a.padding, a.output_size),
    }),
  ];
}

export const unpoolOps = [...family(1), ...family(2), ...family(3)];
