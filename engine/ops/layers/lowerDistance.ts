// ONNX lowering of vector norms along axes (F.normalize, pairwise_distance, cosine similarity,
// the distance losses): p = 1, 2, inf, -inf or any other positive p as (sum |x|^p)^(1/p).
import type { DType } from '../dtype';
import type { OnnxGraph } from '../lowering';

/** ||x||_p over `axes`; a 0-d input (no axes) is |x|. */
export function pNorm(g: OnnxGraph, x: string, axes: readonly number[], keep: boolean, p: number, dtype: DType): string {
  const abs = g.op('Abs', [x]);
  if (axes.length === 0) return abs;
  const k = keep ? 1 : 0;
  if (p === 2) return g.op('ReduceL2', [x], { axes, keepdims: k });
  if (p === 1) return g.op('ReduceL1', [x], { axes, keepdims: k });
  if (p === Infinity) return g.op('ReduceMax', [abs], { axes, keepdims: k });
  if (p === -Infinity) return g.op('ReduceMin', [abs], { axes, keepdims: k });
  if (!(p > 0) || !Number.isFinite(p)) return g.noKernel(`a ${p}-norm`);
  const sum = g.op('ReduceSum', [g.op('Pow', [abs, g.scalar(p, dtype)]), g.ints(axes)], { keepdims: k });
  return g.op('Pow', [sum, g.scalar(1 / p, dtype)]);
}

/** PyTorch's pairwise_distance: ||x1 - x2 + eps||_p over the last dim of the broadcast shape. */
export function pairwiseDistance(g: OnnxGraph, x1: string, x2: string, rank: number, p: number, eps: number, keep: boolean, dtype: DType): string {
  const d = g.op('Add', [g.op('Sub', [x1, x2]), g.scalar(eps, dtype)]);
  if (rank === 0) return g.op('Abs', [d]);
  return pNorm(g, d, [rank - 1], keep, p, dtype);
}
