// Hyper-parameter plumbing shared by the conv family: PyTorch's int-or-tuple arguments, the
// C++ expand_param_if_needed rule, and the scalar-type names its dtype errors print.
import type { Value } from '../../value';
import type { Dim } from '../../shape/dim';
import { constIntArg, constIntsArg, intArg } from '../args';
import type { DType } from '../dtype';
import { fail } from '../op';

/** An int or a sequence of ints; an int becomes `n` copies (the `int[N]` argument parser). */
export function intList(v: Value, n: number): number[] {
  return v.kind === 'tuple' || v.kind === 'list' ? constIntsArg(v) : Array.from({ length: n }, () => constIntArg(v));
}

/** `intList` on sizes that may be symbolic (`kernel_size=patch_size`). */
export function dimList(v: Value, n: number): Dim[] {
  return v.kind === 'tuple' || v.kind === 'list' ? v.items.map(intArg) : Array.from({ length: n }, () => intArg(v));
}

/** expand_param_if_needed: one value broadcasts to every spatial dim, else the count must match. */
export function expandParam(values: readonly number[], name: string, dim: number): number[] {
  if (values.length === 1) return Array.from({ length: dim }, () => values[0]);
  if (values.length !== dim) {
    fail('conv-param-length', 'RuntimeError',
      `expected ${name} to be a single integer value or a list of ${dim} values to match the convolution dimensions, but got ${name}=${pyList(values)}`);
  }
  return [...values];
}

/** A C++ IntArrayRef as PyTorch prints it: `[1, 2]`. */
export function pyList(values: readonly unknown[]): string {
  return `[${values.join(', ')}]`;
}

/** A Python tuple or list of ints as `str()` prints it: `(9,)`, `(9, 9)`, `[9, 9]`. */
export function pySeq(values: readonly unknown[], kind: 'tuple' | 'list'): string {
  if (kind === 'list') return pyList(values);
  return values.length === 1 ? `(${values[0]},)` : `(${values.join(', ')})`;
}

/** `(a x b x c)`: the per-channel sizes in conv kernel messages. */
export function byX(values: readonly unknown[]): string {
  return `(${values.join(' x ')})`;
}

/** Spatial names the slow conv kernels use, outermost first: depth, height, width. */
export function spatialNames(n: number): string[] {
  return n === 3 ? ['depth', 'height', 'width'] : ['height', 'width'];
}

/** ScalarType names in `expected scalar type Double but found Float`. */
export const SCALAR_NAME: Partial<Record<DType, string>> = {
  float64: 'Double', float32: 'Float', int64: 'Long', int32: 'Int', int16: 'Short', int8: 'Char', uint8: 'Byte',
  bool: 'Bool', float16: 'Half', bfloat16: 'BFloat16',
};

/** C type names in `Input type (double) and bias type (float) should be the same`. */
export const C_TYPE_NAME: Partial<Record<DType, string>> = {
  float64: 'double', float32: 'float', int64: 'long int', int32: 'int',
};
