// einops.rearrange / reduce / repeat: one pattern applied to one tensor (or a list, stacked first),
// with einops's error wrapper. `rearrange(x, 'b n (h d) -> b h n d', h=8)`: [B, N, 8*D] -> [B, 8, N, D].
// Citations `file:line` point into arogozhnikov/einops 0.9.0dev (/work/corpus/arogozhnikov+einops).
import { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import { intArg, strArg, tensorArg, type TensorArg } from '../args';
import { dtypeCategory, isFloating, type DType } from '../dtype';
import { defineFunction, fail, giveUp, OpFailure, type OpContext } from '../op';
import { tensor } from '../reshape/helpers';
import { stack } from '../reshape/join';
import { cName } from '../math/promote';
import { EinopsFailure } from './parsing';
import { axesDictText, torchSizeText } from './pyRepr';
import { prepareRecipe, reconstruct, type MismatchError, type Plan } from './recipe';
import { lowerPattern } from './lowerPattern';

/** `h=8, w=W`: the axes_lengths keyword arguments, in call order; anything but an int gives no hint. */
export function axesLengthsArg(v: Value): [string, Dim][] {
  if (v.kind !== 'dict') return giveUp('axes lengths');
  return v.entries.map(([k, length]) => [strArg(k), intArg(length)]);
}

/** einops.reduce takes a list of tensors too, stacked on a new first axis (einops.py:534-538). */
export function patternInput(v: Value, ctx: OpContext): TensorArg {
  if (v.kind !== 'list') return tensorArg(v);
  if (v.items.length === 0) fail('einops-input', 'TypeError', "Rearrange/Reduce/Repeat can't be applied to an empty list"); // einops.py:536
  return tensorArg(stack.rule({ tensors: v, dim: { kind: 'int', dim: Dim.of(0) }, out: { kind: 'none' } }, ctx));
}

/** The plan of a pattern on a shape; EinopsErrors get `context` (the function's or a layer's). */
export function planPattern(
  ctx: OpContext, pattern: string, operation: string, x: TensorArg, lengths: readonly (readonly [string, Dim])[], context: (message: string) => string,
): Plan {
  const mismatch: MismatchError = (message) => ({ code: 'einops-shape', exception: 'EinopsError', message: context(message) });
  try {
    const recipe = prepareRecipe(pattern, operation, lengths.map(([k]) => k), x.shape.length);
    return reconstruct(ctx, recipe, x.shape, lengths, mismatch);
  } catch (e) {
    if (e instanceof EinopsFailure) throw new OpFailure({ code: 'einops-pattern', exception: 'EinopsError', message: context(e.message) });
    throw e;
  }
}

/**
 * The dtype after a reduction. einops.reduce refuses `mean` of non-float tensors itself
 * (einops.py:56-58); the Reduce layer leaves it to torch and has no any/all (_torch_specific.py:27-41).
 */
export function reducedDtype(operation: string, plan: Plan, d: DType | undefined, layer: boolean): DType | undefined {
  if (plan.reduced.length === 0 || operation === 'rearrange' || operation === 'repeat') return d;
  if (operation === 'mean') {
    if (d === undefined) return undefined;
    if (!layer && !isFloating(d)) fail('einops-dtype', 'NotImplementedError', 'reduce_mean is not available for non-floating tensors'); // einops.py:58
    if (layer && dtypeCategory(d) < 2) {
      fail('mean-dtype', 'RuntimeError', `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${cName(d)}`);
    }
    return d;
  }
  if (operation === 'any' || operation === 'all') {
    if (layer) fail('einops-reduction', 'NotImplementedError', `('Unknown reduction ', '${operation}')`); // _torch_specific.py:41
    return d === 'uint8' ? 'uint8' : 'bool';
  }
  // sum and prod accumulate integers and bools in int64; amax/amin keep the dtype.
  if ((operation === 'sum' || operation === 'prod') && d !== undefined && dtypeCategory(d) < 2) return 'int64';
  return d;
}

/** einops.reduce's wrapper of every EinopsError (einops.py:548-555). A list input was stacked first, so its stacked shape is printed. */
function functionContext(operation: string, pattern: string, x: TensorArg, lengths: readonly (readonly [string, Dim])[]): (message: string) => string {
  return (message) => ` Error while processing ${operation}-reduction pattern "${pattern}".\n Input tensor shape: ${torchSizeText(x.shape)}. Additional info: ${axesDictText(lengths)}.\n ${message}`;
}

function applyPattern(args: Readonly<Record<string, Value>>, ctx: OpContext, operation: string): Value {
  const x = patternInput(args.tensor, ctx);
  const pattern = strArg(args.pattern);
  const lengths = axesLengthsArg(args.axes_lengths);
  const plan = planPattern(ctx, pattern, operation, x, lengths, functionContext(operation, pattern, x, lengths));
  return tensor(plan.output, reducedDtype(operation, plan, x.dtype, false));
}

/** einops.rearrange(tensor, pattern, **axes_lengths) (einops.py:558): [B, C, H, W] 'b c h w -> b (h w) c' -> [B, H*W, C] */
export const rearrange = defineFunction({
  names: ['einops.rearrange'],
  signature: 'tensor, pattern, **axes_lengths',
  onnx: (g, call) => lowerPattern(g, call, 'rearrange'),
  rule: (args, ctx) => applyPattern(args, ctx, 'rearrange'),
});

/** einops.repeat(tensor, pattern, **axes_lengths) (einops.py:616): [1, 1, D] '1 1 d -> b 1 d', b=B -> [B, 1, D] */
export const repeat = defineFunction({
  names: ['einops.repeat'],
  signature: 'tensor, pattern, **axes_lengths',
  onnx: (g, call) => lowerPattern(g, call, 'repeat'),
  rule: (args, ctx) => applyPattern(args, ctx, 'repeat'),
});

/** einops.reduce(tensor, pattern, reduction, **axes_lengths) (einops.py:473): [B, N, D] 'b n d -> b d', 'mean' -> [B, D] */
export const reduce = defineFunction({
  names: ['einops.reduce'],
  signature: 'tensor, pattern, reduction, **axes_lengths',
  onnx: (g, call) => lowerPattern(g, call, strArg(call.args.reduction)),
  // A callable reduction (torch.logsumexp...) is not followed: no hint.
  rule: (args, ctx) => applyPattern(args, ctx, strArg(args.reduction)),
});
