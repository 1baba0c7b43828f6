// What every TF.js op declaration shares: TF.js tensors as values (framework 'tfjs', so hints
// print `[null, 10]`), TF.js's convertToTensor on tensor-likes (numbers, booleans, nested arrays),
// its dtype upcasting, its axis checks and how it prints shapes inside messages (`2,3`).
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { TensorValue, Value } from '../../value';
import { constIntArg, isNone, sequenceArg } from '../args';
import type { DType } from '../dtype';
import { fail, giveUp } from '../op';

export interface TfTensor {
  readonly shape: Shape;
  readonly dtype: DType | undefined;
}

/** A TF.js tensor value. */
export function tfOut(shape: readonly (Dim | number)[], dtype: DType | undefined): TensorValue {
  return { kind: 'tensor', shape: shape.map(Dim.of), dtype, framework: 'tfjs' };
}

/** TF.js throws plain `Error`s with its message; `code` is our stable diagnostic code. */
export function tfFail(code: string, message: string): never {
  return fail(code, 'Error', message);
}

/** `${shape}` in a template literal: `2,3` (an empty shape prints nothing). */
export function jsList(dims: readonly (Dim | number | undefined)[]): string {
  return dims.map((d) => (d === undefined ? '' : String(d))).join(',');
}

/** The dtype TF.js infers for a JavaScript value (inferDtype): numbers are float32. */
function leafDtype(v: Value): DType | undefined {
  if (v.kind === 'int' || v.kind === 'float') return 'float32';
  if (v.kind === 'bool') return 'bool';
  if (v.kind === 'str') return undefined;
  return giveUp('not a tensor-like leaf');
}

/**
 * The shape of nested arrays as TF.js's inferShape reads it: the first element at each level
 * (ragged arrays are only caught later by flattening, which TF.js does not check for shape).
 */
export function nestedShape(v: Value): { shape: Dim[]; leaf: Value | undefined } {
  const shape: Dim[] = [];
  let cur: Value = v;
  while (cur.kind === 'list' || cur.kind === 'tuple') {
    shape.push(Dim.of(cur.items.length));
    if (cur.items.length === 0) return { shape, leaf: undefined };
    cur = cur.items[0];
  }
  return { shape, leaf: cur };
}

/** Count of leaves of nested arrays (what `flatten(values).length` gives). */
export function leafCount(v: Value): number {
  if (v.kind === 'list' || v.kind === 'tuple') return v.items.reduce((n, x) => n + leafCount(x), 0);
  if (v.kind === 'unknown' || v.kind === 'tensor' || v.kind === 'object') return giveUp('not a plain array');
  return 1;
}

/** convertToTensor: a tensor, or a number / boolean / nested array made into one. */
export function tensorLike(v: Value): TfTensor {
  if (v.kind === 'tensor') return v.shape === undefined ? giveUp('tensor of unknown rank') : { shape: v.shape, dtype: v.dtype };
  if (v.kind === 'int' || v.kind === 'float' || v.kind === 'bool') return { shape: [], dtype: leafDtype(v) };
  if (v.kind === 'list' || v.kind === 'tuple') {
    const { shape, leaf } = nestedShape(v);
    return { shape, dtype: leaf === undefined ? 'float32' : leafDtype(leaf) };
  }
  return giveUp('not a tensor-like');
}

export function optTensorLike(v: Value | undefined): TfTensor | undefined {
  return isNone(v) ? undefined : tensorLike(v!);
}

/** TF.js's upcastType: bool < int32 < float32 < complex64. */
export function upcast(a: DType | undefined, b: DType | undefined): DType | undefined {
  if (a === undefined || b === undefined) return undefined;
  if (a === b) return a;
  const order: DType[] = ['bool', 'int32', 'float32', 'complex64'];
  const ia = order.indexOf(a);
  const ib = order.indexOf(b);
  if (ia < 0 || ib < 0) return undefined;
  return order[Math.max(ia, ib)];
}

/** A dtype string argument (`'int32'`); TF.js's string dtype is outside what hints track. */
export function dtypeName(v: Value | undefined, dflt: DType | undefined): DType | undefined {
  if (isNone(v)) return dflt;
  if (v!.kind !== 'str') return giveUp('dtype');
  const d = v!.value;
  return d === 'float32' || d === 'int32' || d === 'bool' || d === 'complex64' ? d : undefined;
}

/** `Argument 'x' passed to 'op' must be int32 tensor, but got float32 tensor` (convertToTensor with a dtype). */
export function requireDtype(t: TfTensor, dtype: DType, arg: string, op: string): void {
  if (t.dtype !== undefined && t.dtype !== dtype) tfFail('tfjs-dtype', `Argument '${arg}' passed to '${op}' must be ${dtype} tensor, but got ${t.dtype} tensor`);
}

/** A known size (TF.js shapes are plain numbers); a symbolic one stays a Dim. */
export function size(d: Dim): number | undefined {
  return d.value;
}

/**
 * util.parseAxisParam: every axis in [-rank, rank), wrapped; null means all axes.
 * `All values in axis param must be in range [-2, 2) but got axis 2`.
 */
export function parseAxisParam(axis: Value | undefined, rank: number): number[] {
  if (isNone(axis)) return Array.from({ length: rank }, (_, i) => i);
  const list = axis!.kind === 'list' || axis!.kind === 'tuple';
  const axes = list ? sequenceArg(axis!).map(constIntArg) : [constIntArg(axis!)];
  if (!axes.every((a) => a >= -rank && a < rank)) {
    tfFail('tfjs-axis', `All values in axis param must be in range [-${rank}, ${rank}) but got axis ${axes.join(',')}`);
  }
  return axes.map((a) => (a < 0 ? rank + a : a));
}

/** Integers of a shape argument (`[2, -1]`). */
export function intList(v: Value): number[] {
  return sequenceArg(v).map(constIntArg);
}

/** util.sizeFromShape. */
export function sizeOf(shape: Shape): Dim {
  return shape.reduce((acc, d) => acc.mul(d), Dim.of(1));
}

/** A tensor's shape must be non-negative integers (util.assertNonNegativeIntegerDimensions). */
export function assertNonNegative(shape: readonly Dim[]): void {
  if (shape.some((d) => d.value !== undefined && d.value < 0)) {
    tfFail('tfjs-shape', `Tensor must have a shape comprised of positive integers but got shape [${jsList(shape)}].`);
  }
}
