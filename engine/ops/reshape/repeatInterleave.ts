// repeat_interleave: each element (or slice along `dim`) repeated in place.
// [2, 3] -> repeat_interleave(2, dim=0) -> [4, 3]; no dim flattens first: [2, 3] -> [12].
// Tensor repeats give a size that depends on their values, unless output_size states it.
import { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import { constIntArg, intArg, isNone, optIntArg, tensorArg, wrapDim, type TensorArg } from '../args';
import { reshapeTo } from '../common/onnx';
import type { OnnxCall, OnnxGraph } from '../lowering';
import { defineFunction, fail, giveUp, requireEqual, type OpContext, type OpError } from '../op';
import { notImplemented } from '../math/promote';
import { numel } from '../../shape/shape';
import { tensor } from './helpers';

const mismatch = (): OpError => ({ code: 'repeat-interleave-size', exception: 'RuntimeError', message: 'allocated size does not match required size' });

/** The input as ATen sees it: flattened when no dim is given. */
function along(x: TensorArg, dimArg: Value): { shape: Dim[]; dim: number } {
  if (isNone(dimArg)) return { shape: [numel(x.shape)], dim: 0 };
  return { shape: [...x.shape], dim: wrapDim(constIntArg(dimArg), x.shape.length) };
}

/** The repeats-only kernel's checks on a repeats tensor: 1-D, integer. */
function checkRepeatsTensor(r: TensorArg, rankMessage: string): void {
  if (r.shape.length !== 1) fail('repeat-interleave-repeats', 'RuntimeError', rankMessage);
  if (r.dtype !== undefined && r.dtype !== 'int64' && r.dtype !== 'int32') notImplemented('repeat_interleave_cpu', r.dtype);
}

function rule(args: Readonly<Record<string, Value>>, ctx: OpContext): Value {
  const outputSize = optIntArg(args.output_size);
  // torch.repeat_interleave(repeats): indices 0, 1, ... each repeated repeats[i] times.
  if (isNone(args.repeats)) {
    const r = tensorArg(args.input);
    checkRepeatsTensor(r, 'repeat_interleave only accept 1D vector as repeat');
    return tensor([outputSize ?? Dim.unknown()], r.dtype);
  }
  const x = tensorArg(args.input);
  const { shape, dim } = along(x, args.dim);
  const size = shape[dim];
  let out: Dim;
  if (args.repeats.kind === 'tensor') {
    const r = tensorArg(args.repeats);
    if (r.shape.length > 1) fail('repeat-interleave-repeats', 'RuntimeError', 'repeats must be 0-dim or 1-dim tensor');
    const n = r.shape.length === 0 ? Dim.of(1) : r.shape[0];
    if (n.value !== 1) {
      if (n.equals(size) === 'no') fail('repeat-interleave-repeats', 'RuntimeError', 'repeats must have the same size as input along dim');
      // A symbolic length could still be 1 (one repeat count for every element): no hint.
      if (n.equals(size) !== 'yes') giveUp('repeats of unknown length');
    }
    checkRepeatsTensor({ shape: [n], dtype: r.dtype }, '');
    out = outputSize ?? Dim.unknown();
  } else {
    const reps = intArg(args.repeats);
    if (reps.value !== undefined && reps.value < 0) fail('repeat-interleave-negative', 'RuntimeError', 'repeats can not be negative');
    out = size.mul(reps);
    if (outputSize !== undefined) requireEqual(ctx, outputSize, out, mismatch);
  }
  shape[dim] = out;
  return tensor(shape, x.dtype);
}

/** Int repeats: a new axis after `dim`, expanded to the repeat count, merged back. */
function lower(g: OnnxGraph, call: OnnxCall): string {
  const a = call.args;
  if (isNone(a.repeats) || a.repeats.kind === 'tensor') return g.noKernel('repeat_interleave with tensor repeats (its size depends on their values)');
  const inShape = g.shape(a.input);
  const outShape = g.shape(call.output);
  const reps = g.int(a.repeats);
  const flat = isNone(a.dim);
  const shape = flat ? [inShape.reduce((p, q) => p * q, 1)] : inShape;
  const dim = flat ? 0 : wrapDim(g.int(a.dim), inShape.length);
  let x = g.input(a.input);
  if (flat) x = reshapeTo(g, x, shape);
  const withAxis = [...shape.slice(0, dim + 1), 1, ...shape.slice(dim + 1)];
  const expanded = g.op('Expand', [reshapeTo(g, x, withAxis), g.ints([...shape.slice(0, dim + 1), reps, ...shape.slice(dim + 1)])]);
  return reshapeTo(g, expanded, outShape);
}

/** torch.repeat_interleave(input, repeats, dim=None, *, output_size=None), or (repeats) alone. */
export const repeatInterleave = defineFunction({
  names: ['torch.repeat_interleave'],
  signature: 'input, repeats=None, dim=None, *, output_size=None',
  onnx: lower,
  rule,
});

/** x.repeat_interleave(repeats, dim=None, *, output_size=None) */
export const repeatInterleaveMethod = defineFunction({
  names: ['torch.Tensor.repeat_interleave'],
  signature: 'input, repeats, dim=None, *, output_size=None',
  onnx: lower,
  rule,
});
