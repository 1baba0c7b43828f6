// Broadcasting views and copies: expand, expand_as, repeat, tile.
import type { OnnxCall, OnnxGraph } from '../lowering';
import { outShape, reshapeTo } from '../common/onnx';
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import { intsArg, tensorArg, varIntsArg, type TensorArg } from '../args';
import { DEFAULT_FLOAT } from '../dtype';
import { defineFunction, fail, giveUp, requireEqual, type OpContext } from '../op';
import type { Value } from '../../value';
import { legacyTypeName, listText, tensor } from './helpers';

/** PyTorch's infer_expand_geometry: -1 keeps a size, 1 stretches, new dims lead. */
function expandRule(ctx: OpContext, x: TensorArg, sizes: readonly Dim[]): Value {
  const rank = x.shape.length;
  if (sizes.length < rank) {
    fail('expand-rank', 'RuntimeError', `expand(${legacyTypeName(x.dtype ?? DEFAULT_FLOAT)}{${listText(x.shape)}}, size=${listText(sizes)}): the number of sizes provided (${sizes.length}) must be greater or equal to the number of dimensions in the tensor (${rank})`);
  }
  // A 0-dim tensor takes a -1 literally, and its element count then overflows.
  if (rank === 0 && sizes.some((s) => s.value === -1)) fail('expand-size', 'RuntimeError', 'numel: integer multiplication overflow');
  const out: Dim[] = [];
  const lead = sizes.length - rank;
  // PyTorch walks from the last dimension, so the rightmost problem is the one reported.
  for (let i = sizes.length - 1; i >= 0; i--) {
    const target = sizes[i];
    if (i < lead) {
      if (target.value === -1) fail('expand-size', 'RuntimeError', `The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension ${i}`);
      out.unshift(target);
      continue;
    }
    const have = x.shape[i - lead];
    if (target.value === -1) out.unshift(have);
    else if (have.value === 1) out.unshift(target);
    else {
      requireEqual(ctx, have, target, () => ({
        code: 'expand-size', exception: 'RuntimeError',
        message: `The expanded size of the tensor (${target}) must match the existing size (${have}) at non-singleton dimension ${i}.  Target sizes: ${listText(sizes)}.  Tensor sizes: ${listText(x.shape)}`,
      }));
      out.unshift(target);
    }
  }
  return tensor(out, x.dtype);
}

function lowerExpand(g: OnnxGraph, call: OnnxCall): string {
  return g.op('Expand', [g.input(call.args.input), g.ints(outShape(g, call))]);
}

/** repeat/tile: pad the input's shape with leading 1s to the output rank, then Tile. */
function lowerTile(g: OnnxGraph, call: OnnxCall): string {
  const out = outShape(g, call);
  const inShape = g.shape(call.args.input);
  if (out.length === 0) return g.op('Identity', [g.input(call.args.input)]);
  const padded = [...new Array<number>(out.length - inShape.length).fill(1), ...inShape];
  let x = g.input(call.args.input);
  if (padded.length !== inShape.length) x = reshapeTo(g, x, padded);
  const reps = out.map((o, i) => (padded[i] === 0 ? 0 : o / padded[i]));
  return g.op('Tile', [x, g.ints(reps)]);
}

/** [1, 3] -> expand(4, -1) -> [4, 3] */
export const expand = defineFunction({
  names: ['torch.Tensor.expand'],
  signature: 'input, *sizes',
  onnx: lowerExpand,
  rule: (args, ctx) => expandRule(ctx, tensorArg(args.input), varIntsArg(args.sizes)),
});

/** [1, 3] -> expand_as(y [4, 3]) -> [4, 3] */
export const expandAs = defineFunction({
  names: ['torch.Tensor.expand_as'],
  signature: 'input, other',
  onnx: lowerExpand,
  rule: (args, ctx) => expandRule(ctx, tensorArg(args.input), tensorArg(args.other).shape),
});

/** Sizes times repeats, the tensor padded with leading 1s to the repeats' length. */
function repeatShape(shape: Shape, reps: readonly Dim[]): Dim[] {
  const padded = [...Array(reps.length - shape.length).fill(Dim.of(1)), ...shape] as Dim[];
  return padded.map((d, i) => d.mul(reps[i]));
}

/** [2, 3] -> repeat(2, 1, 2) -> [2, 2, 6] */
export const repeat = defineFunction({
  names: ['torch.Tensor.repeat'],
  signature: 'input, *repeats',
  onnx: lowerTile,
  rule(args) {
    const x = tensorArg(args.input);
    const reps = varIntsArg(args.repeats);
    if (reps.length < x.shape.length) {
      fail('repeat-dims', 'RuntimeError', 'Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
    }
    // A negative count (`repeat(-1)`) makes a negative size, which PyTorch refuses ("Trying to
    // create tensor with negative dimension"): never a shape.
    if (reps.some((d) => d.value !== undefined && d.value < 0)) giveUp('negative repeat');
    return tensor(repeatShape(x.shape, reps), x.dtype);
  },
});

function tileRule(x: TensorArg, reps: Dim[]): Value {
  // Fewer repeats than dims: tile pads the repeats with leading 1s, then repeats.
  const padded = [...Array(Math.max(0, x.shape.length - reps.length)).fill(Dim.of(1)), ...reps] as Dim[];
  return tensor(repeatShape(x.shape, padded), x.dtype);
}

/** torch.tile(x, dims): [2, 3] -> (2,) -> [2, 6] */
export const tile = defineFunction({
  names: ['torch.tile'],
  signature: 'input, dims',
  onnx: lowerTile,
  rule: (args) => tileRule(tensorArg(args.input), intsArg(args.dims)),
});

/** x.tile(*dims): [2, 3] -> tile(2, 1, 1) -> [2, 2, 3] */
export const tileMethod = defineFunction({
  names: ['torch.Tensor.tile'],
  signature: 'input, *dims:keyword',
  onnx: lowerTile,
  rule: (args) => tileRule(tensorArg(args.input), varIntsArg(args.dims)),
});
