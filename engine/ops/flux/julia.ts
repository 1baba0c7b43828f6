// Julia values as Flux declarations read and print them: pairs (`in => out`), `SamePad()`, the
// Colon `:`, element types (`Float32`), tuples as Julia prints them (`(5, 5)`, `(3,)`), and an
// array's `summary` (`128×16 Matrix{Float32}`), which Flux's error messages quote.
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { TensorValue, Value } from '../../value';
import type { DType } from '../dtype';
import { fail, giveUp, type OpFix } from '../op';
import { intArg, sequenceArg, tensorArg, type TensorArg } from '../args';

/** `a => b` (Base.Pair). */
export class JuliaPair {
  constructor(readonly first: Value, readonly second: Value) {}
}

/** Flux's `SamePad()`: padding chosen so the output keeps the input's size (at stride 1). */
export class SamePadMarker {}
export const SAME_PAD = new SamePadMarker();

/** The Colon `:` (`reshape(x, :, n)`, `x[:, 1]`). */
export class ColonMarker {}
export const COLON = new ColonMarker();

export const isObject = <T>(v: Value | undefined, cls: abstract new (...a: never[]) => T): v is { kind: 'object'; ref: T & object } =>
  v !== undefined && v.kind === 'object' && v.ref instanceof cls;

/** The two sides of `in => out`, as dimensions. */
export function pairDims(v: Value): [Dim, Dim] {
  if (!isObject(v, JuliaPair)) return giveUp('expected in => out');
  return [intArg(v.ref.first), intArg(v.ref.second)];
}

/** Every array a Flux program makes is Flux's: shapes print as Julia tuples. */
export function fluxTensor(shape: readonly (Dim | number)[], dtype: DType | undefined = 'float32'): TensorValue {
  return { kind: 'tensor', shape: shape.map(Dim.of), dtype, framework: 'flux' };
}

const JULIA_TYPES: Readonly<Record<string, string>> = {
  float32: 'Float32', float64: 'Float64', float16: 'Float16', bfloat16: 'BFloat16', int64: 'Int64', int32: 'Int32', int16: 'Int16',
  int8: 'Int8', uint8: 'UInt8', bool: 'Bool', complex64: 'ComplexF32', complex128: 'ComplexF64',
};

/** Julia's name of an element type (`Float32`). */
export function juliaType(dtype: DType | undefined): string {
  return dtype ? JULIA_TYPES[dtype] ?? dtype : 'Float32';
}

/** `(5, 5)`, `(3,)`, `()` as Julia prints a tuple of integers. */
export function juliaTuple(items: readonly (Dim | number | string)[]): string {
  const parts = items.map(String);
  return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
}

/** Base.summary of an array: `100-element Vector{Float32}`, `128×16 Matrix{Float32}`, `2×3×4 Array{Float32, 3}`. */
export function summary(shape: Shape, dtype: DType | undefined): string {
  const t = juliaType(dtype);
  if (shape.length === 0) return `0-dimensional Array{${t}, 0}`;
  if (shape.length === 1) return `${shape[0]}-element Vector{${t}}`;
  const dims = shape.map(String).join('×');
  return shape.length === 2 ? `${dims} Matrix{${t}}` : `${dims} Array{${t}, ${shape.length}}`;
}

/**
 * The summary of `view(x, :, t, :)`, one time step as `eachslice(x, dims=2)` gives it to a
 * recurrent cell: `5×4 view(::Array{Float32, 3}, :, 1, :) with eltype Float32`.
 */
export function sliceSummary(shape: Shape, dtype: DType | undefined): string {
  const t = juliaType(dtype);
  const kept = shape.filter((_, i) => i !== 1);
  const parent = shape.length === 2 ? `Matrix{${t}}` : `Array{${t}, ${shape.length}}`;
  const indices = shape.map((_, i) => (i === 1 ? '1' : ':')).join(', ');
  const dims = kept.length === 1 ? `${kept[0]}-element` : kept.map(String).join('×');
  return `${dims} view(::${parent}, ${indices}) with eltype ${t}`;
}

/** A Julia `DimensionMismatch`, printed as Julia shows it (`DimensionMismatch: ...`). */
export function dimensionMismatch(code: string, message: string, fixes?: readonly OpFix[]): never {
  return fail(code, 'DimensionMismatch', `DimensionMismatch: ${message}`, fixes);
}

/** A Julia `ArgumentError`. */
export function argumentError(code: string, message: string): never {
  return fail(code, 'ArgumentError', `ArgumentError: ${message}`);
}

/** A failed `@assert cond "msg"` (or without a message, the condition's text). */
export function assertionError(code: string, message: string): never {
  return fail(code, 'AssertionError', `AssertionError: ${message}`);
}

/** An array argument with a known rank. */
export function arrayArg(v: Value): TensorArg {
  return tensorArg(v);
}

/** A tuple of integers (`(5, 5)`); a bare integer is not a tuple here (Flux's methods require NTuple). */
export function intTupleArg(v: Value): Dim[] {
  if (v.kind !== 'tuple') return giveUp('expected a tuple');
  return sequenceArg(v).map(intArg);
}

/** Known integers of a tuple. */
export function constTuple(v: Value): number[] {
  return intTupleArg(v).map((d) => (d.value === undefined ? giveUp('symbolic size') : d.value));
}

/** `expand(N, i)`: an integer repeated N times, or a tuple kept as is. */
export function expandInts(v: Value, n: number): number[] {
  if (v.kind === 'int' || v.kind === 'bool') {
    const d = intArg(v).value;
    return d === undefined ? giveUp('symbolic int') : Array.from({ length: n }, () => d);
  }
  return constTuple(v);
}

/** The name a function value prints with (`relu`, `σ`, `tanh`), undefined for `identity` or none. */
export function functionName(v: Value | undefined): string | undefined {
  if (v === undefined || v.kind === 'none') return undefined;
  if (v.kind !== 'object') return giveUp('expected a function');
  const n = (v.ref as { name?: unknown }).name;
  if (typeof n !== 'string') return giveUp('expected a function');
  if (n === 'identity') return undefined;
  // Julia names an anonymous function by a counter we cannot know.
  return n === '<lambda>' ? '#…' : n;
}

/** `true`, `false` or an array given for `bias`: is there a bias parameter? */
export function hasBias(v: Value): boolean {
  if (v.kind === 'bool') return v.value;
  if (v.kind === 'tensor') return true;
  return giveUp('bias');
}
