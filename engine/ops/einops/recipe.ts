// What an einops pattern does to a tensor of a given rank, and the sizes it gives: a port of
// _prepare_transformation_recipe and _reconstruct_from_shape (einops/einops.py:168-455) on
// symbolic dimensions. The plan is einops's own PyTorch program: reshape to the elementary axes,
// permute, reduce, insert and expand new axes, reshape to the output groups.
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import { giveUp, OpFailure, type OpContext, type OpError } from '../op';
import { ELLIPSIS, AnonymousAxis, axisNameProblem, einopsError, parseExpression, setText, type Axis, type Group } from './parsing';
import { pyRepr } from './pyRepr';

/** einops.py:33 */
export const REDUCTIONS = ['min', 'max', 'sum', 'mean', 'prod', 'any', 'all'] as const;

/** TransformRecipe (einops.py:127-165), positions counted in elementary axes. */
export interface Recipe {
  /** Per elementary axis: its anonymous length, or undefined (inferred or given by keyword). */
  readonly lengths: readonly (number | undefined)[];
  /** Keyword axis name -> elementary axis. */
  readonly named: ReadonlyMap<string, number>;
  /** Per input dimension: the elementary axes whose length is known, and the (at most one) inferred one. */
  readonly knownUnknown: readonly { readonly known: readonly number[]; readonly unknown: readonly number[] }[];
  /** Elementary input axes in output order, the reduced ones last. */
  readonly permutation: readonly number[];
  readonly firstReduced: number;
  /** Output position (after adding) -> elementary axis, for repeat's new axes; ascending positions. */
  readonly added: readonly (readonly [number, number])[];
  /** Per output dimension: the elementary axes multiplied into it. */
  readonly outputGroups: readonly (readonly number[])[];
}

/** Reduction names as einops prints its tuple of them (einops.py:342). */
const REDUCTIONS_TEXT = `(${REDUCTIONS.map((r) => `'${r}'`).join(', ')})`;

/** `left -> right`, or Python's ValueError from `pattern.split("->")` unpacking (einops.py:312). */
export function splitArrow(pattern: string): [string, string] {
  const parts = pattern.split('->');
  if (parts.length < 2) throw new OpFailure({ code: 'einops-pattern', exception: 'ValueError', message: `not enough values to unpack (expected 2, got ${parts.length})` });
  if (parts.length > 2) throw new OpFailure({ code: 'einops-pattern', exception: 'ValueError', message: 'too many values to unpack (expected 2)' });
  return [parts[0], parts[1]];
}

const only = (a: readonly Axis[], notIn: readonly Axis[]): Axis[] => a.filter((x) => !notIn.includes(x));

/** A size as an operand of `%`: `(H - 4) % 16`, `H % (2*P)`. */
const operand = (d: Dim): string => (/^\w+$/.test(d.toString()) ? d.toString() : `(${d})`);

/** _prepare_transformation_recipe (einops.py:302-455): `operation` is rearrange, repeat or a reduction. */
export function prepareRecipe(pattern: string, operation: string, axesNames: readonly string[], ndim: number): Recipe {
  // (A recipe depends on these four only; seeding runs the same einops calls many times.)
  const key = `${pattern}\u0000${operation}\u0000${axesNames.join(',')}\u0000${ndim}`;
  const made = recipesMade.get(key);
  if (made) return made;
  const recipe = makeRecipe(pattern, operation, axesNames, ndim);
  if (recipesMade.size >= MAX_RECIPES_MADE) recipesMade.clear();
  recipesMade.set(key, recipe);
  return recipe;
}

/** Recipes made (a pattern that fails is not kept: its error is made again). */
const recipesMade = new Map<string, Recipe>();
const MAX_RECIPES_MADE = 5_000;

function makeRecipe(pattern: string, operation: string, axesNames: readonly string[], ndim: number): Recipe {
  const [leftText, rightText] = splitArrow(pattern);
  const left = parseExpression(leftText);
  const right = parseExpression(rightText);
  if (!left.hasEllipsis && right.hasEllipsis) einopsError(`Ellipsis found in right side, but not left side of a pattern ${pattern}`); // einops.py:318
  if (left.hasEllipsis && left.hasEllipsisParenthesized) einopsError(`Ellipsis inside parenthesis in the left side is not allowed: ${pattern}`); // einops.py:320
  if (operation === 'rearrange') {
    if (left.hasNonUnitaryAnonymousAxes || right.hasNonUnitaryAnonymousAxes) {
      einopsError('Non-unitary anonymous axes are not supported in rearrange (exception is length 1)'); // einops.py:323
    }
    const difference = [...only(left.identifiers, right.identifiers), ...only(right.identifiers, left.identifiers)];
    if (difference.length > 0) einopsError(`Identifiers only on one side of expression (should be on both): ${setText(difference)}`); // einops.py:326
  } else if (operation === 'repeat') {
    const difference = only(left.identifiers, right.identifiers);
    if (difference.length > 0) einopsError(`Unexpected identifiers on the left side of repeat: ${setText(difference)}`); // einops.py:330
    const withoutSize = right.identifiers.filter((a) => typeof a === 'string' && !left.identifiers.includes(a) && !axesNames.includes(a));
    if (withoutSize.length > 0) einopsError(`Specify sizes for new axes in repeat: ${setText(withoutSize)}`); // einops.py:336
  } else if ((REDUCTIONS as readonly string[]).includes(operation)) {
    const difference = only(right.identifiers, left.identifiers);
    if (difference.length > 0) einopsError(`Unexpected identifiers on the right side of reduce ${operation}: ${setText(difference)}`); // einops.py:340
  } else {
    einopsError(`Unknown reduction ${operation}. Expect one of ${REDUCTIONS_TEXT}.`); // einops.py:342
  }

  let leftComp: (readonly Axis[])[];
  let rightComp: (readonly Axis[])[];
  let leftIds: Axis[];
  let rightIds: Axis[];
  if (left.hasEllipsis) {
    const others = left.composition.length - 1;
    if (ndim < others) einopsError(`Wrong shape: expected >=${others} dims. Received ${ndim}-dim tensor.`); // einops.py:347
    // The ellipsis becomes one elementary axis per dimension it covers (einops.py:348-376).
    const ell = Array.from({ length: ndim - others }, (_, i) => `${ELLIPSIS}${i}`);
    const expand = (a: Axis): Axis[] => (a === ELLIPSIS ? ell : [a]);
    leftComp = left.composition.flatMap((g: Group) => (g === ELLIPSIS ? ell.map((a) => [a]) : [g]));
    rightComp = right.composition.flatMap((g: Group) => (g === ELLIPSIS ? ell.map((a) => [a]) : [g.flatMap(expand)]));
    leftIds = left.identifiers.flatMap(expand);
    rightIds = right.identifiers.flatMap(expand);
  } else {
    if (ndim !== left.composition.length) einopsError(`Wrong shape: expected ${left.composition.length} dims. Received ${ndim}-dim tensor.`); // einops.py:379
    leftComp = left.composition as (readonly Axis[])[];
    rightComp = right.composition as (readonly Axis[])[];
    leftIds = [...left.identifiers];
    rightIds = [...right.identifiers];
  }

  // Elementary axes: the left side's in order, then the right side's new ones (einops.py:384-403).
  const elementary: Axis[] = [];
  const known = new Map<Axis, 'unknown' | 'given' | number>();
  for (const g of leftComp) for (const a of g) if (!known.has(a)) { elementary.push(a); known.set(a, a instanceof AnonymousAxis ? a.value : 'unknown'); }
  for (const a of rightIds) if (!known.has(a)) { elementary.push(a); known.set(a, a instanceof AnonymousAxis ? a.value : 'unknown'); }
  const position = new Map(elementary.map((a, i) => [a, i]));
  for (const name of axesNames) {
    if (axisNameProblem(name) !== undefined) einopsError(`('Invalid name for an axis', ${pyRepr(name)})`); // einops.py:408
    if (!known.has(name)) einopsError(`Axis ${name} is not used in transform`); // einops.py:410
    known.set(name, 'given');
  }
  const knownUnknown = leftComp.map((g) => {
    const unknown = g.filter((a) => known.get(a) === 'unknown');
    if (unknown.length > 1) einopsError(`Could not infer sizes for ${setText(unknown)}`); // einops.py:419
    return { known: g.filter((a) => known.get(a) !== 'unknown').map((a) => position.get(a)!), unknown: unknown.map((a) => position.get(a)!) };
  });
  const leftFlat = leftComp.flat();
  const rightFlat = rightComp.flat();
  const reduced = leftFlat.filter((a) => !rightIds.includes(a));
  const order = [...rightFlat.filter((a) => leftIds.includes(a)), ...reduced];
  const added: [number, number][] = [];
  rightFlat.forEach((a, i) => {
    if (!leftIds.includes(a)) added.push([i, position.get(a)!]);
  });
  return {
    lengths: elementary.map((a) => {
      const k = known.get(a);
      return typeof k === 'number' ? k : undefined;
    }),
    named: new Map(axesNames.map((n) => [n, position.get(n)!])),
    knownUnknown,
    permutation: order.map((a) => leftFlat.indexOf(a)),
    firstReduced: order.length - reduced.length,
    added,
    outputGroups: rightComp.map((g) => g.map((a) => position.get(a)!)),
  };
}

/** The recipe applied to one input shape: every step's sizes (einops.py:168-237). */
export interface Plan {
  /** Reshape to the elementary axes first (a composed or unitary input axis). */
  readonly initShape: Dim[] | undefined;
  /** undefined when the order is unchanged. */
  readonly permutation: readonly number[] | undefined;
  readonly reduced: readonly number[];
  readonly added: readonly (readonly [number, Dim])[];
  /** Rank after adding axes (einops's n_axes_after_adding_axes). */
  readonly addedRank: number;
  /** Reshape to the output groups last (a composed or unitary output axis). */
  readonly finalShape: Dim[] | undefined;
  /** The output shape. */
  readonly output: Dim[];
}

/** Builds the op error of a shape mismatch, with the context the caller adds to einops's text. */
export type MismatchError = (message: string) => OpError;

/**
 * _reconstruct_from_shape on symbolic sizes. A size einops cannot check on symbols (it skips
 * non-int lengths) becomes an assumption here; a known mismatch is einops's error.
 */
export function reconstruct(ctx: OpContext, recipe: Recipe, shape: Shape, axesLengths: readonly (readonly [string, Dim])[], mismatch: MismatchError): Plan {
  const lengths: (Dim | undefined)[] = recipe.lengths.map((n) => (n === undefined ? undefined : Dim.of(n)));
  for (const [name, length] of axesLengths) {
    // Negative lengths only break later reshapes, in torch's words: not worth predicting.
    if (length.value !== undefined && length.value < 0) giveUp('negative axis length');
    lengths[recipe.named.get(name)!] = length;
  }
  let needInitReshape = false;
  recipe.knownUnknown.forEach(({ known, unknown }, dim) => {
    const length = shape[dim];
    if (known.length === 0 && unknown.length === 1) {
      lengths[unknown[0]] = length;
      return;
    }
    const knownProduct = known.reduce((p, k) => p.mul(lengths[k]!), Dim.of(1));
    if (unknown.length === 0) {
      const t = length.equals(knownProduct);
      const error = (): OpError => mismatch(`Shape mismatch, ${length} != ${knownProduct}`); // einops.py:197
      if (t === 'no') throw new OpFailure(error());
      if (t === 'unknown') ctx.assumptions.push({ code: error().code, lhs: length, rhs: knownProduct, message: `needs ${length} = ${knownProduct}` });
    } else {
      if (knownProduct.value === 0) {
        throw new OpFailure({ code: 'einops-shape', exception: 'ZeroDivisionError', message: 'integer modulo by zero' });
      }
      const quotient = length.floordiv(knownProduct) ?? giveUp('division by zero');
      const t = quotient.mul(knownProduct).equals(length);
      const error = (): OpError => mismatch(`Shape mismatch, can't divide axis of length ${length} in chunks of ${knownProduct}`); // einops.py:201
      if (t === 'no') throw new OpFailure(error());
      // `H % 16 = 0` reads better than `16*(H // 16) = H`.
      if (t === 'unknown') ctx.assumptions.push({ code: error().code, lhs: length.mod(knownProduct)!, rhs: Dim.of(0), message: `needs ${operand(length)} % ${operand(knownProduct)} = 0` });
      lengths[unknown[0]] = quotient;
    }
    if (known.length + unknown.length !== 1) needInitReshape = true;
  });
  const size = (i: number): Dim => lengths[i] ?? giveUp('axis length not inferred');
  const output = recipe.outputGroups.map((g) => g.reduce((p, a) => p.mul(size(a)), Dim.of(1)));
  const identity = recipe.permutation.every((p, i) => p === i);
  return {
    initShape: needInitReshape ? recipe.permutation.map((_, i) => size(i)) : undefined,
    permutation: identity ? undefined : recipe.permutation,
    reduced: Array.from({ length: recipe.permutation.length - recipe.firstReduced }, (_, i) => recipe.firstReduced + i),
    added: recipe.added.map(([pos, a]) => [pos, size(a)] as const),
    addedRank: recipe.added.length + recipe.permutation.length,
    finalShape: recipe.outputGroups.some((g) => g.length !== 1) ? output : undefined,
    output,
  };
}
