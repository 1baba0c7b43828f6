// An input nobody gave, flattened to [B, features] before its first layer (`x.view(x.size(0), -1)`,
// `torch.flatten(x, 1)`, `nn.Flatten()`, then `nn.Linear(784, ...)`): the classic MNIST model.
// Any input with B·features elements flattens the same; the seeding says the simplest of them,
// [B, features], and names the flattening in its evidence.
import type { Value } from '../value';
import type { Arg, Expr } from './ir';
import { Dim } from '../shape/dim';

/** What the seeding's evidence says of an input it assumed flattened (the rank is not the code's). */
export const FLATTENED = 'any input of as many elements flattens the same';

/**
 * A probe made by flattening `origin` from its second axis on, or from a later axis `start`
 * (`pos.flatten(2)`, a [B, C, H, W] map made a [B, C, H·W] sequence as DETR's transformer does).
 */
export interface Flatten {
  readonly origin: Value;
  readonly start?: number;
}

/** `x.flatten(1)` / `x.flatten(start_dim=1)` / `x.flatten(1, -1)`. */
export function isFlattenMethod(name: string, args: readonly Value[], kwargs: Readonly<Record<string, Value>>): boolean {
  if (name !== 'flatten') return false;
  const start = args[0] ?? kwargs.start_dim;
  return start !== undefined && keepsFirstAxis(start, args[1] ?? kwargs.end_dim) && args.length <= 2;
}

/** `x.flatten(2)` / `x.flatten(start_dim=2)` / `x.flatten(2, -1)`: the axis it starts at (2 or more). */
export function trailingFlattenStart(name: string, args: readonly Value[], kwargs: Readonly<Record<string, Value>>): number | undefined {
  if (name !== 'flatten' || args.length > 2) return undefined;
  const start = args[0] ?? kwargs.start_dim;
  const end = args[1] ?? kwargs.end_dim;
  const at = start?.kind === 'int' ? start.dim.value : undefined;
  const endsLast = end === undefined || (end.kind === 'int' && end.dim.value === -1);
  return at !== undefined && at >= 2 && endsLast ? at : undefined;
}

/** `torch.flatten(x, 1)` / `torch.flatten(x, start_dim=1)`. */
export function isFlattenFunction(opName: string, args: readonly Value[], kwargs: Readonly<Record<string, Value>>): boolean {
  if (opName !== 'torch.flatten') return false;
  const start = args[1] ?? kwargs.start_dim;
  return start !== undefined && keepsFirstAxis(start, args[2] ?? kwargs.end_dim);
}

/** nn.Flatten as built (its defaults start_dim=1, end_dim=-1). */
export function isFlattenLayer(opName: string, layerArgs: Readonly<Record<string, Value>>): boolean {
  return opName === 'torch.nn.Flatten' && keepsFirstAxis(layerArgs.start_dim, layerArgs.end_dim);
}

/** Flattening from the second axis to the last (an absent start or end is nn.Flatten's default). */
function keepsFirstAxis(start: Value | undefined, end: Value | undefined): boolean {
  const startsAtOne = start === undefined || (start.kind === 'int' && start.dim.value === 1);
  const endsLast = end === undefined || (end.kind === 'int' && end.dim.value === -1);
  return startsAtOne && endsLast;
}

/**
 * `x.view(x.size(0), -1)` / `x.reshape(x.shape[0], -1)` of the probe `x` itself (the call's
 * expressions say so).
 */
export function isFlattenView(name: string, fnExpr: Expr | undefined, args: readonly Arg[] | undefined): boolean {
  if ((name !== 'view' && name !== 'reshape') || fnExpr?.k !== 'attr' || fnExpr.obj.k !== 'name' || !args || args.length !== 2 || args.some((a) => a.star || a.name)) return false;
  const receiver = fnExpr.obj.id;
  const own = (o: Expr): boolean => o.k === 'name' && o.id === receiver;
  const minusOne = (e: Expr): boolean => (e.k === 'unary' && e.op === '-' && e.operand.k === 'num' && e.operand.value === 1) || (e.k === 'num' && e.value === -1);
  const firstSize = (e: Expr): boolean =>
    (e.k === 'call' && e.fn.k === 'attr' && e.fn.name === 'size' && own(e.fn.obj) && e.args.length === 1 && e.args[0].value.k === 'num' && e.args[0].value.value === 0) ||
    (e.k === 'subscript' && e.obj.k === 'attr' && e.obj.name === 'shape' && own(e.obj.obj) && e.index.k === 'num' && e.index.value === 0) ||
    (e.k === 'call' && e.fn.k === 'name' && e.fn.id === 'len' && e.args.length === 1 && own(e.args[0].value));
  return firstSize(args[0].value) && minusOne(args[1].value);
}

/** `x.view(-1, 784)` (or reshape): the width of the rows, when it is a size. */
export function flattenedWidth(name: string, args: readonly Value[], kwargs: Readonly<Record<string, Value>>): Dim | undefined {
  if ((name !== 'view' && name !== 'reshape') || args.length !== 2 || Object.keys(kwargs).length > 0) return undefined;
  const [rows, width] = args;
  if (rows.kind !== 'int' || rows.dim.value !== -1 || width.kind !== 'int' || (width.dim.value !== undefined && width.dim.value < 1)) return undefined;
  return width.dim;
}

/**
 * The input `x.view(-1, width)` admits: of a rank the code fixed (a permute before it, as a VQ-VAE
 * quantizer's `z.permute(0, 2, 3, 1)` then `view(-1, e_dim)`), that rank with `width` last;
 * otherwise the simplest, [B, width], whose rank is the seeding's choice.
 */
export function inputForRows(width: Dim, rank: number | undefined): { seed: Value; rankChosen: boolean } | undefined {
  const B = Dim.sym('B');
  if (rank === undefined) return { seed: { kind: 'tensor', shape: [B, width], dtype: 'float32' }, rankChosen: true };
  const between = [[], ['N'], ['H', 'W'], ['D', 'H', 'W']][rank - 2];
  if (!between) return undefined;
  return { seed: { kind: 'tensor', shape: [B, ...between.map((n) => Dim.sym(n)), width], dtype: 'float32' }, rankChosen: false };
}

/**
 * The seed of a flattened probe, said of the input it flattened: itself when it has two axes.
 * Flattened from a later axis, the seed's last size is what the flattening made: a product of
 * sizes (`h * w`, from the features the sequence meets) is those axes.
 */
export function seedThroughFlatten(seed: Value | undefined, start = 1, sharedSizes = false): Value | undefined {
  if (seed?.kind !== 'tensor' || !seed.shape) return undefined;
  // (From the second axis, the product is split only where the sizes are another tensor's, a
  // padding mask's keys `h * w`: a Linear's `c * h * w` features say nothing of the input's rank.)
  if (start === 1 && !sharedSizes) return seed.shape.length === 2 ? seed : undefined;
  if (seed.shape.length !== start + 1) return undefined;
  const last = seed.shape[start];
  const terms = Dim.termsOf(last);
  if (terms.length === 1 && terms[0].coef === 1 && terms[0].factors.length >= 2) return { ...seed, shape: [...seed.shape.slice(0, start), ...terms[0].factors.map((a) => Dim.atomDim(a))] };
  // Another size: the input of the seed's own rank, which that flattening leaves as it is.
  return seed;
}
