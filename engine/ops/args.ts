// Reading bound arguments inside shape rules. Each accessor either returns the typed value or
// throws Unknowable (the op then quietly yields no hint): a rule never guesses.
import { Dim } from '../shape/dim';
import type { Shape } from '../shape/shape';
import type { TensorValue, Value } from '../value';
import { DEFAULT_FLOAT, type DType } from './dtype';
import { fail, giveUp } from './op';

export interface TensorArg {
  readonly shape: Shape;
  readonly dtype: DType | undefined;
}

export function isNone(v: Value | undefined): boolean {
  return v === undefined || v.kind === 'none';
}

/** A Python int (bools count, as in Python); symbolic ints are allowed. */
export function intArg(v: Value): Dim {
  if (v.kind === 'int') return v.dim;
  if (v.kind === 'bool') return Dim.of(v.value ? 1 : 0);
  return giveUp('expected an int');
}

/** A Python int whose value is known. */
export function constIntArg(v: Value): number {
  const n = intArg(v).value;
  return n === undefined ? giveUp('symbolic int') : n;
}

export function optIntArg(v: Value | undefined): Dim | undefined {
  return isNone(v) ? undefined : intArg(v!);
}

export function optConstIntArg(v: Value | undefined): number | undefined {
  return isNone(v) ? undefined : constIntArg(v!);
}

export function floatArg(v: Value): number {
  // NaN is how the interpreter holds a float whose value it does not know.
  if (v.kind === 'float') return Number.isNaN(v.value) ? giveUp('a float whose value is not known') : v.value;
  return constIntArg(v);
}

export function optFloatArg(v: Value | undefined): number | undefined {
  return isNone(v) ? undefined : floatArg(v!);
}

/**
 * The dtype of a module's floating parameters: its `dtype=` argument, else float32. An input of
 * another floating dtype fails its first matmul with PyTorch's `mat1 and mat2 must have the same
 * dtype` (float32 against float64); other mixes are not modelled (no hint).
 */
export function checkParamDtype(self: Readonly<Record<string, Value>>, input: DType | undefined, code: string): void {
  const param = (self.dtype?.kind === 'dtype' ? self.dtype.dtype : undefined) ?? 'float32';
  if (input === undefined || input === param) return;
  if ((input === 'float32' || input === 'float64') && (param === 'float32' || param === 'float64')) {
    fail(code, 'RuntimeError', 'mat1 and mat2 must have the same dtype');
  }
  giveUp('dtype');
}

export function boolArg(v: Value): boolean {
  if (v.kind === 'bool') return v.value;
  if (v.kind === 'int' && v.dim.isKnown) return v.dim.value !== 0;
  return giveUp('expected a bool');
}

export function strArg(v: Value): string {
  return v.kind === 'str' ? v.value : giveUp('expected a str');
}

/** Items of a tuple or list. */
export function sequenceArg(v: Value): readonly Value[] {
  return v.kind === 'tuple' || v.kind === 'list' ? v.items : giveUp('expected a sequence');
}

/** An int or a sequence of ints; a single int is repeated `n` times (PyTorch's `_ntuple`). */
export function intsArg(v: Value, n?: number): Dim[] {
  if (v.kind === 'int' || v.kind === 'bool') {
    const d = intArg(v);
    return n === undefined ? [d] : Array.from({ length: n }, () => d);
  }
  return sequenceArg(v).map(intArg);
}

export function constIntsArg(v: Value, n?: number): number[] {
  return intsArg(v, n).map((d) => (d.value === undefined ? giveUp('symbolic int') : d.value));
}

/**
 * Varargs that PyTorch also accepts as one sequence: `x.view(2, 3)` and `x.view((2, 3))`,
 * `x.permute(0, 2, 1)` and `x.permute([0, 2, 1])`.
 */
export function varIntsArg(v: Value): Dim[] {
  const items = sequenceArg(v);
  if (items.length === 1 && (items[0].kind === 'tuple' || items[0].kind === 'list')) return intsArg(items[0]);
  return items.map(intArg);
}

export function tensorArg(v: Value): TensorArg {
  if (v.kind !== 'tensor') return giveUp('expected a tensor');
  return v.shape === undefined ? giveUp('tensor of unknown rank') : { shape: v.shape, dtype: v.dtype };
}

export function optTensorArg(v: Value | undefined): TensorArg | undefined {
  return isNone(v) ? undefined : tensorArg(v!);
}

export function tensorsArg(v: Value): TensorArg[] {
  return sequenceArg(v).map(tensorArg);
}

export function dtypeArg(v: Value | undefined): DType | undefined {
  if (isNone(v)) return undefined;
  return v!.kind === 'dtype' ? v!.dtype : giveUp('expected a dtype');
}

/** A tensor value; with no dtype argument it is float32, an explicit `undefined` stays unknown. */
export function tensor(shape: readonly (Dim | number)[], ...dtype: [] | [DType | undefined]): TensorValue {
  return { kind: 'tensor', shape: shape.map(Dim.of), dtype: dtype.length === 0 ? DEFAULT_FLOAT : dtype[0] };
}

export function intValue(d: Dim | number): Value {
  return { kind: 'int', dim: Dim.of(d) };
}

export function tuple(items: readonly Value[]): Value {
  return { kind: 'tuple', items };
}

/**
 * Wrap a dimension index the way PyTorch's maybe_wrap_dim does, with its IndexError text.
 * A scalar accepts dims -1 and 0.
 */
export function wrapDim(dim: number, rank: number): number {
  const r = rank === 0 ? 1 : rank;
  const lo = -r;
  const hi = r - 1;
  if (dim < lo || dim > hi) {
    fail('dim-out-of-range', 'IndexError', `Dimension out of range (expected to be in range of [${lo}, ${hi}], but got ${dim})`);
  }
  return dim < 0 ? dim + r : dim;
}
