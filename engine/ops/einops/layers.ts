// einops.layers.torch.Rearrange and Reduce: nn.Modules without parameters that apply one pattern.
// Patterns are checked when the layer is built (" Error while preparing Rearrange(...)"); a call
// raises the recipe's errors without einops.rearrange's wrapper, and a rank the layer has no
// recipe for is a KeyError. Citations point into arogozhnikov/einops 0.9.0dev
// (/work/corpus/arogozhnikov+einops): einops/layers/__init__.py, einops/layers/torch.py.
import type { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import { strArg, tensorArg, type TensorArg } from '../args';
import type { OnnxCall, OnnxGraph } from '../lowering';
import type { BoundArgs } from '../signature';
import { defineModule, fail, giveUp, OpFailure, type OpContext } from '../op';
import { outTensor } from '../common/onnx';
import { tensor } from '../reshape/helpers';
import { EinopsFailure, parseExpression } from './parsing';
import { pyRepr } from './pyRepr';
import { prepareRecipe, splitArrow } from './recipe';
import { axesLengthsArg, planPattern, reducedDtype } from './transform';
import { lowerPlan, runLengths } from './lowerPattern';

/** The ranks a layer has recipes for (_prepare_recipes_for_all_dims, einops.py:458-470): an ellipsis covers 0 to 7 dims. */
export function layerRanks(pattern: string): number[] {
  const left = parseExpression(splitArrow(pattern)[0]);
  const n = left.composition.length;
  return left.hasEllipsis ? Array.from({ length: 8 }, (_, i) => n - 1 + i) : [n];
}

/** `Rearrange('b c -> c b', c=3)`: the layer's repr in its errors (layers/__init__.py:30-34, 84-88). */
export function layerRepr(cls: string, params: readonly string[], lengths: readonly (readonly [string, Dim])[]): string {
  return `${cls}(${[...params.map(pyRepr), ...lengths.map(([k, v]) => `${k}=${v}`)].join(', ')})`;
}

/** Build-time check: every rank's recipe, errors wrapped as the layers wrap them (layers/__init__.py:37-42, 91-96). */
export function checkLayerPattern(repr: string, pattern: string, operation: string, lengths: readonly (readonly [string, Dim])[]): void {
  try {
    for (const ndim of layerRanks(pattern)) prepareRecipe(pattern, operation, lengths.map(([k]) => k), ndim);
  } catch (e) {
    if (e instanceof EinopsFailure) throw new OpFailure({ code: 'einops-pattern', exception: 'EinopsError', message: ` Error while preparing ${repr}\n ${e.message}` });
    throw e;
  }
}

/** A layer's forward: `self._multirecipe[input.ndim]` (layers/torch.py:15), then the recipe's raw errors. */
export function applyLayerPattern(ctx: OpContext, x: TensorArg, pattern: string, operation: string, lengths: readonly (readonly [string, Dim])[]): Dim[] {
  const rank = x.shape.length;
  if (!layerRanks(pattern).includes(rank)) fail('einops-rank', 'KeyError', String(rank));
  return planPattern(ctx, pattern, operation, x, lengths, (message) => message).output;
}

function lowerLayer(g: OnnxGraph, call: OnnxCall, operation: string): string {
  const self = call.self ?? g.noKernel('layer arguments');
  const input = call.args.input;
  const x = g.inputAs(input, g.dtype(input));
  return lowerPlan(g, x, g.shape(input), strArg(self.pattern), operation, runLengths(g, self.axes_lengths), g.dtype(input), g.dtype(outTensor(call))).name;
}

const reductionOf = (self: BoundArgs): string => strArg(self.reduction);

/** Rearrange(pattern, **axes_lengths): [B, 3, 224, 224] 'b c (h p1) (w p2) -> b (h w) (p1 p2 c)', p1=p2=16 -> [B, 196, 768] */
export const Rearrange = defineModule({
  names: ['einops.layers.torch.Rearrange'],
  init: 'pattern, **axes_lengths',
  forward: 'input',
  check(self) {
    const lengths = axesLengthsArg(self.axes_lengths);
    const pattern = strArg(self.pattern);
    checkLayerPattern(layerRepr('Rearrange', [pattern], lengths), pattern, 'rearrange', lengths);
  },
  params: () => [],
  onnx: (g, call) => lowerLayer(g, call, 'rearrange'),
  rule(self, inputs, ctx) {
    const x = tensorArg(inputs.input);
    return tensor(applyLayerPattern(ctx, x, strArg(self.pattern), 'rearrange', axesLengthsArg(self.axes_lengths)), x.dtype);
  },
});

/** Reduce(pattern, reduction, **axes_lengths): [B, C, H, W] 'b c h w -> b c', 'mean' -> [B, C] */
export const Reduce = defineModule({
  names: ['einops.layers.torch.Reduce'],
  init: 'pattern, reduction, **axes_lengths',
  forward: 'input',
  check(self) {
    const lengths = axesLengthsArg(self.axes_lengths);
    const pattern = strArg(self.pattern);
    const reduction: Value = self.reduction;
    // A callable reduction is not followed; its repr (a function's address) is not ours to print.
    if (reduction.kind !== 'str') giveUp('callable reduction');
    checkLayerPattern(layerRepr('Reduce', [pattern, reduction.value], lengths), pattern, reduction.value, lengths);
  },
  params: () => [],
  onnx: (g, call) => lowerLayer(g, call, reductionOf(call.self ?? g.noKernel('layer arguments'))),
  rule(self, inputs, ctx) {
    const x = tensorArg(inputs.input);
    const pattern = strArg(self.pattern);
    const operation = reductionOf(self);
    const lengths = axesLengthsArg(self.axes_lengths);
    const rank = x.shape.length;
    if (!layerRanks(pattern).includes(rank)) fail('einops-rank', 'KeyError', String(rank));
    const plan = planPattern(ctx, pattern, operation, x, lengths, (message) => message);
    return tensor(plan.output, reducedDtype(operation, plan, x.dtype, true));
  },
});

