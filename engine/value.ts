// Abstract values that ops consume and produce. The interpreter extends this with its own kinds
// (modules, functions, objects) through the `object` case; an op sees those as opaque.
import type { Dim } from './shape/dim';
import type { Shape } from './shape/shape';
import type { DType } from './ops/dtype';

export type Value =
  | { readonly kind: 'int'; readonly dim: Dim }
  /**
   * A Python float. `unknown`: its value is not known (`value` is NaN then, and means nothing);
   * `ratio`, when set, is what it is exactly, a size over a number (`c2 * 0.5` is c2/2, so
   * `int(c2 * 0.5)` is `c2 // 2`); `quotient`, a size over a size (`hidden / heads`, so that
   * `int(hidden / heads)` is `hidden // heads`, as it is for the sizes, never negative, it holds);
   * `log2`, the size it is math.log2 of (`int(log2(codebook_size))` is a size, Dim.floorLog2).
   */
  | { readonly kind: 'float'; readonly value: number; readonly unknown?: boolean; readonly ratio?: { readonly num: Dim; readonly den: number }; readonly quotient?: { readonly num: Dim; readonly den: Dim }; readonly log2?: Dim }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'str'; readonly value: string }
  | { readonly kind: 'none' }
  /** `fields`: a namedtuple's field names, one per item (`out.relu1_2` reads its item). */
  | { readonly kind: 'tuple'; readonly items: readonly Value[]; readonly fields?: readonly string[] }
  /**
   * `open`: a loop that may run any number of times made or mutated this list, so its length
   * and items are no longer known (it indexes and measures as unknown). `sample`, when set, is
   * what every item is like (`[Block(dim) for _ in range(depth)]`): a loop over the list runs
   * with it. `known` items come first for certain (`[stem]` then blocks appended in a loop).
   * `last`, when set, is the item that comes last for certain, after those like `sample` (a
   * DataLoader's partial batch): a loop over the list runs once more with it. `count`, when set,
   * is how many items there are, though they are not listed (a DataLoader's `len`).
   */
  | { readonly kind: 'list'; readonly items: readonly Value[]; readonly open?: boolean; readonly sample?: Value; readonly known?: number; readonly last?: Value; readonly count?: number; readonly born?: number }
  | { readonly kind: 'dict'; readonly entries: readonly (readonly [Value, Value])[] }
  | TensorValue
  | { readonly kind: 'dtype'; readonly dtype: DType }
  | { readonly kind: 'slice'; readonly start: Value; readonly stop: Value; readonly step: Value }
  | { readonly kind: 'ellipsis' }
  | { readonly kind: 'object'; readonly ref: object }
  | {
    readonly kind: 'unknown';
    /**
     * An unknown truth decided by sizes (`heads == 1 and dim_head == dim` with symbolic sizes):
     * the size equalities that hold when it is true, or false. A branch taken under it may use
     * them (see interp/sizeFacts.ts).
     */
    readonly facts?: { readonly ifTrue?: readonly SizeEquality[]; readonly ifFalse?: readonly SizeEquality[] };
  };

/** Two sizes that are equal (on one branch of an unknown condition). */
export interface SizeEquality {
  readonly lhs: Dim;
  readonly rhs: Dim;
}

/**
 * Whose array a tensor is: it decides how its shape is written for the user (PyTorch `[64, 10]`,
 * Keras and NumPy `(None, 10)`, TF.js `[null, 10]`, Flux `(10, 64)`). Absent means PyTorch.
 */
export type Framework = 'torch' | 'keras' | 'numpy' | 'tfjs' | 'flux';

/** An abstract tensor: its shape (undefined when even the rank is unknown) and dtype. */
export interface TensorValue {
  readonly kind: 'tensor';
  readonly shape: Shape | undefined;
  readonly dtype: DType | undefined;
  readonly framework?: Framework;
  /** None on some path not known to be taken (`self.bias = Parameter(...) if bias else None` with
   *  `bias` unknown): used as the tensor it is when it is one, and `is None` on it decides nothing. */
  readonly maybeNone?: boolean;
  /** Its numbers, row-major, for a small tensor computed from known numbers (interp/valueFolding.ts). */
  readonly values?: readonly number[];
}

export const NONE: Value = { kind: 'none' };
export const UNKNOWN: Value = { kind: 'unknown' };
