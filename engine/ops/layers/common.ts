// Shared arithmetic and message formatting for the layers family: elementwise results,
// loss reductions, and PyTorch's ways of printing sizes in error texts.
import { Dim } from '../../shape/dim';
import { numel, type Shape } from '../../shape/shape';
import type { TensorValue } from '../../value';
import { strArg, tensor, tensorArg, type TensorArg } from '../args';
import { fail, giveUp, requireEqual, type OpContext } from '../op';
import type { Value } from '../../value';
import { isFloating, type DType } from '../dtype';

/** `[3, 4]`, as c10 prints IntArrayRef. */
export function listText(shape: readonly Dim[]): string {
  return `[${shape.join(', ')}]`;
}

/** `torch.Size([3, 4])`, as Python prints a tensor's size. */
export function sizeText(shape: readonly Dim[]): string {
  return `torch.Size(${listText(shape)})`;
}

/** Same shape and dtype as the input: every activation, dropout and normalisation. */
export function sameAs(x: TensorArg): TensorValue {
  return tensor(x.shape, x.dtype);
}

/**
 * An input tensor returned unchanged in shape and dtype; a tensor of unknown rank passes through
 * as it is (declarations using this set `unknownRankOk`). `floatOnly`: integer inputs are not
 * modelled (some kernels reject them, others promote), so they give no hint.
 */
export function elementwise(v: Value, floatOnly = false): TensorValue {
  if (v.kind === 'tensor' && floatOnly && v.dtype !== undefined && !isFloating(v.dtype)) return giveUp('integer input to a float activation');
  if (v.kind === 'tensor' && v.shape === undefined) return v;
  return sameAs(tensorArg(v));
}

export type Reduction = 'none' | 'mean' | 'sum';

/** PyTorch's reduction string check (`_Reduction.get_enum`), with its ValueError text. */
export function reductionArg(v: Value): Reduction {
  const r = strArg(v);
  if (r === 'none' || r === 'mean' || r === 'sum') return r;
  return fail('loss-reduction', 'ValueError', `${r} is not a valid value for reduction`);
}

/** A loss result: the unreduced shape for 'none', a scalar otherwise. */
export function reduced(shape: Shape, reduction: Reduction, dtype: DType | undefined): TensorValue {
  return tensor(reduction === 'none' ? shape : [], dtype);
}

/** Product of the sizes of a shape slice (1 for none). */
export function prod(dims: readonly Dim[]): Dim {
  return numel(dims);
}

/** `a` must equal `b`, else `fail(code, exception, message)`. */
export function requireSame(ctx: OpContext, a: Dim, b: Dim, code: string, exception: string, message: () => string): void {
  requireEqual(ctx, a, b, () => ({ code, exception, message: message() }));
}

/** The shapes are equal dimension by dimension (ranks must match already). */
export function requireShapes(ctx: OpContext, a: Shape, b: Shape, code: string, exception: string, message: () => string): void {
  if (a.length !== b.length) fail(code, exception, message());
  for (let i = 0; i < a.length; i++) requireSame(ctx, a[i], b[i], code, exception, message);
}

export { Dim };
