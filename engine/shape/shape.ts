// Tensor shapes: a list of dimensions. A tensor whose rank is not known carries no Shape at all
// (its `shape` is undefined), so every rule below works on a known rank.
import { Dim, type DimLike, type Truth } from './dim';

export type Shape = readonly Dim[];

export function shapeOf(dims: readonly DimLike[]): Shape {
  return dims.map(Dim.of);
}

/**
 * How a framework writes a shape: PyTorch and TF.js as a list (`[B, 32, H - 4, W - 4]`, TF.js
 * with `null` for the unknown batch), Keras, NumPy and Flux as a tuple (`(None, 28, 28, 1)`,
 * `(56, 56, 5, 1)`; a 1-tuple keeps its comma as Python and Julia print it).
 */
export type ShapeStyle = 'torch' | 'keras' | 'numpy' | 'tfjs' | 'flux';

/** `[B, 32, H - 4, W - 4]`, as users of the framework read it. */
export function formatShape(shape: Shape | undefined, style: ShapeStyle = 'torch'): string {
  if (shape === undefined) return style === 'torch' || style === 'tfjs' ? '[...]' : '(...)';
  const dims = shape.map((d) => (style === 'tfjs' && d.toJSON() === null ? 'null' : String(d)));
  if (style === 'torch' || style === 'tfjs') return `[${dims.join(', ')}]`;
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
}

/** Product of the dimensions (1 for a scalar). */
export function numel(shape: Shape): Dim {
  return shape.reduce((acc, d) => acc.mul(d), Dim.of(1));
}

/** Concrete integers, or undefined if any dimension is symbolic. */
export function concreteDims(shape: Shape): number[] | undefined {
  const out: number[] = [];
  for (const d of shape) {
    const v = d.value;
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}

export function shapesEqual(a: Shape, b: Shape): Truth {
  if (a.length !== b.length) return 'no';
  let result: Truth = 'yes';
  for (let i = 0; i < a.length; i++) {
    const t = a[i].equals(b[i]);
    if (t === 'no') return 'no';
    if (t === 'unknown') result = 'unknown';
  }
  return result;
}

/** Same printed form, dimension by dimension (structural identity, for joins and dedup). */
export function sameShape(a: Shape | undefined, b: Shape | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!a[i].same(b[i])) return false;
  return true;
}

/**
 * Wrap a possibly negative dimension index into [0, rank), or undefined if out of range.
 * PyTorch treats a scalar as rank 1 for this purpose (`wrapScalar`).
 */
export function normalizeAxis(axis: number, rank: number, wrapScalar = true): number | undefined {
  const r = rank === 0 && wrapScalar ? 1 : rank;
  const a = axis < 0 ? axis + r : axis;
  return a < 0 || a >= r ? undefined : a;
}
