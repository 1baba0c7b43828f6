// ONNX lowering helpers for normalisation: statistics over chosen axes, and per-channel affine
// parameters broadcast along axis 1.
import { float, type OnnxGraph } from '../lowering';

/** (x - mean) / sqrt(var + eps), biased variance over `axes`, as PyTorch normalises. */
export function normalizeOver(g: OnnxGraph, x: string, axes: readonly number[], eps: number): string {
  const mean = g.op('ReduceMean', [x], { axes, keepdims: 1 });
  const d = g.op('Sub', [x, mean]);
  const variance = g.op('ReduceMean', [g.op('Mul', [d, d])], { axes, keepdims: 1 });
  return g.op('Div', [d, g.op('Sqrt', [g.op('Add', [variance, g.scalar(eps)])])]);
}

/** y * w + b with w, b of shape [C] broadcast along axis 1 of a rank-`rank` tensor. */
export function channelAffine(g: OnnxGraph, y: string, rank: number, weight: string | undefined, bias: string | undefined): string {
  const trailing = Math.max(rank - 2, 0);
  const reshape = (v: string): string => (trailing === 0 ? v : g.op('Unsqueeze', [v, g.ints(Array.from({ length: trailing }, (_, i) => i + 1))]));
  let out = y;
  if (weight) out = g.op('Mul', [out, reshape(weight)]);
  if (bias) out = g.op('Add', [out, reshape(bias)]);
  return out;
}

/** Inference batch norm with running statistics: one BatchNormalization node. */
export function batchNormInference(g: OnnxGraph, x: string, channels: number, mean: string, variance: string, weight: string | undefined, bias: string | undefined, eps: number): string {
  const scale = weight ?? g.constant(new Float32Array(channels).fill(1), [channels], 'float32');
  const shift = bias ?? g.constant(new Float32Array(channels), [channels], 'float32');
  return g.op('BatchNormalization', [x, scale, shift, mean, variance], { epsilon: float(eps) });
}
