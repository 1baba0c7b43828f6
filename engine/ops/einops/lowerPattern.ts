// ONNX lowering of an einops pattern: einops's own program (Reshape, Transpose, Reduce*,
// Unsqueeze + Expand, Reshape) with the sizes of the traced run. Shared by the functions and
// the Rearrange / Reduce / EinMix layers.
import { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import { strArg } from '../args';
import type { DType } from '../dtype';
import { castTo, outTensor, reshapeTo } from '../common/onnx';
import type { OnnxCall, OnnxGraph } from '../lowering';
import { newContext } from '../op';
import { prepareRecipe, reconstruct } from './recipe';

/** Keyword lengths with the run's values. */
export function runLengths(g: OnnxGraph, v: Value): [string, Dim][] {
  if (v.kind !== 'dict') return g.noKernel('einops axes lengths');
  return v.entries.map(([k, length]) => [strArg(k), Dim.of(g.int(length))]);
}

/** Reduce `axes` (dropped) of `x` the way einops's torch backend does. */
function reduceAxes(g: OnnxGraph, x: string, axes: readonly number[], operation: string, inDtype: DType, outDtype: DType): string {
  const attrs = { keepdims: 0 };
  switch (operation) {
    case 'sum': return g.op('ReduceSum', [castTo(g, x, outDtype), g.ints(axes)], attrs);
    case 'mean': return g.op('ReduceMean', [x], { axes, ...attrs });
    case 'prod': return g.op('ReduceProd', [castTo(g, x, outDtype)], { axes, ...attrs });
    case 'max': case 'min': case 'any': case 'all': {
      // Bools reduce as int32 (ReduceMax/Min have no bool kernel at opset 17): any = max, all = min.
      const op = operation === 'max' || operation === 'any' ? 'ReduceMax' : 'ReduceMin';
      const logical = operation === 'any' || operation === 'all';
      if (!logical && inDtype !== 'bool') return g.op(op, [x], { axes, ...attrs });
      const asInt = castTo(g, logical ? castTo(g, x, 'bool') : x, 'int32');
      return castTo(g, g.op(op, [asInt], { axes, ...attrs }), outDtype);
    }
    default: return g.noKernel(`einops reduction ${operation}`);
  }
}

/** The pattern's program on ONNX value `x` of concrete shape `shape`; returns the output and its shape. */
export function lowerPlan(
  g: OnnxGraph, x: string, shape: readonly number[], pattern: string, operation: string, lengths: readonly (readonly [string, Dim])[],
  inDtype: DType, outDtype: DType,
): { name: string; shape: number[] } {
  const plan = reconstruct(newContext(), prepareRecipe(pattern, operation, lengths.map(([k]) => k), shape.length), shape.map((d) => Dim.of(d)), lengths, (message) => ({ code: 'einops-shape', exception: 'EinopsError', message }));
  const ints = (ds: readonly Dim[]): number[] => ds.map((d) => d.value ?? g.noKernel('symbolic size'));
  let y = x;
  if (plan.initShape) y = reshapeTo(g, y, ints(plan.initShape));
  if (plan.permutation) y = g.op('Transpose', [y], { perm: [...plan.permutation] });
  if (plan.reduced.length > 0) {
    g.flops(shape.reduce((p, q) => p * q, 1));
    y = reduceAxes(g, y, plan.reduced, operation, inDtype, outDtype);
  }
  if (plan.added.length > 0) {
    // Unsqueeze at the new positions, then Expand (broadcasting: 1 keeps a size).
    y = g.op('Unsqueeze', [y, g.ints(plan.added.map(([pos]) => pos))]);
    const target = new Array<number>(plan.addedRank).fill(1);
    for (const [pos, length] of plan.added) target[pos] = length.value ?? g.noKernel('symbolic size');
    y = g.op('Expand', [y, g.ints(target)]);
  }
  if (plan.finalShape) y = reshapeTo(g, y, ints(plan.finalShape));
  return { name: y === x ? g.op('Identity', [x]) : y, shape: ints(plan.output) };
}

/** einops.rearrange / reduce / repeat: the input may be a list, stacked on a new first axis. */
export function lowerPattern(g: OnnxGraph, call: OnnxCall, operation: string): string {
  const input = call.args.tensor;
  const outDtype = g.dtype(outTensor(call));
  let x: string;
  let shape: number[];
  let inDtype: DType;
  if (input.kind === 'list') {
    inDtype = g.dtype(input.items[0]);
    x = g.op('Concat', input.items.map((t) => g.op('Unsqueeze', [g.inputAs(t, inDtype), g.ints([0])])), { axis: 0 });
    shape = [input.items.length, ...g.shape(input.items[0])];
  } else {
    inDtype = g.dtype(input);
    x = g.input(input);
    shape = g.shape(input);
  }
  return lowerPlan(g, x, shape, strArg(call.args.pattern), operation, runLengths(g, call.args.axes_lengths), inDtype, outDtype).name;
}
