// ONNX lowering of multi-head attention and the Transformer layers built on it (eval mode:
// no dropout). Internally batch-first; `[L, N, E]` inputs are transposed in and out.
import type { Value } from '../../value';
import { isNone } from '../args';
import { fanInUniform, filled, kaimingUniformA5, xavierUniform } from '../common/init';
import { float, type OnnxGraph, type ParamInit } from '../lowering';

export interface AttentionSpec {
  readonly embed: number;
  readonly heads: number;
  readonly bias: boolean;
  /** Packed in_proj_weight (kdim == vdim == embed_dim) or q/k/v_proj_weight. */
  readonly packed: boolean;
}

/** Parameters by name, within the attention block (`in_proj_weight`, `out_proj.weight`). */
export type ParamOf = (name: string) => string;

/** Attention on batch-first [N, L, E] query and [N, S, *] key/value; masks as PyTorch takes them. */
export function attention(
  g: OnnxGraph, s: AttentionSpec, p: ParamOf, q: string, k: string, v: string, dims: { n: number; l: number; s: number },
  masks: { attnMask?: Value; keyPaddingMask?: Value } = {}, weights: 'none' | 'average' | 'per-head' = 'none',
): { out: string; weights?: string } {
  const { n, l, s: S } = dims;
  const E = s.embed;
  const H = s.heads;
  const hd = E / H;
  const proj = (x: string, i: number, name: string): string => {
    const w = s.packed ? g.op('Slice', [p('in_proj_weight'), g.ints([i * E]), g.ints([(i + 1) * E]), g.ints([0])]) : p(name);
    let y = g.op('MatMul', [x, g.op('Transpose', [w], { perm: [1, 0] })]);
    if (s.bias) y = g.op('Add', [y, g.op('Slice', [p('in_proj_bias'), g.ints([i * E]), g.ints([(i + 1) * E]), g.ints([0])])]);
    return y;
  };
  const heads = (x: string, len: number): string => g.op('Transpose', [g.op('Reshape', [x, g.ints([n, len, H, hd])])], { perm: [0, 2, 1, 3] });
  const Q = heads(g.op('Mul', [proj(q, 0, 'q_proj_weight'), g.scalar(1 / Math.sqrt(hd))]), l);
  const K = heads(proj(k, 1, 'k_proj_weight'), S);
  const V = heads(proj(v, 2, 'v_proj_weight'), S);
  let scores = g.op('MatMul', [Q, g.op('Transpose', [K], { perm: [0, 1, 3, 2] })]); // [N, H, L, S]
  scores = addMask(g, scores, masks.attnMask, (m) => (g.shape(m).length === 2 ? m2d(g, m) : g.op('Reshape', [g.input(m), g.ints([n, H, l, S])])));
  scores = addMask(g, scores, masks.keyPaddingMask, (m) => g.op('Reshape', [g.input(m), g.ints([n, 1, 1, S])]));
  const probs = g.op('Softmax', [scores], { axis: -1 });
  const ctx = g.op('MatMul', [probs, V]); // [N, H, L, hd]
  const merged = g.op('Reshape', [g.op('Transpose', [ctx], { perm: [0, 2, 1, 3] }), g.ints([n, l, E])]);
  let out = g.op('MatMul', [merged, g.op('Transpose', [p('out_proj.weight')], { perm: [1, 0] })]);
  if (s.bias) out = g.op('Add', [out, p('out_proj.bias')]);
  g.flops(2 * n * (l + 2 * S) * E * E + 4 * n * H * l * S * hd + 2 * n * l * E * E);
  if (weights === 'none') return { out };
  return { out, weights: weights === 'average' ? g.op('ReduceMean', [probs], { axes: [1], keepdims: 0 }) : probs };
}

function m2d(g: OnnxGraph, m: Value): string {
  return g.input(m);
}

/** A bool mask (True = not allowed) becomes -inf; a float mask is added. */
function addMask(g: OnnxGraph, scores: string, mask: Value | undefined, shaped: (m: Value) => string): string {
  if (mask === undefined || isNone(mask)) return scores;
  const m = shaped(mask);
  if (g.dtype(mask) === 'bool') return g.op('Where', [m, g.scalar(-Infinity), scores]);
  return g.op('Add', [scores, g.dtype(mask) === 'float32' ? m : g.op('Cast', [m], { to: 1 })]);
}

/** To batch-first and back: `[L, N, E]` <-> `[N, L, E]`. */
export function swap01(g: OnnxGraph, x: string): string {
  return g.op('Transpose', [x], { perm: [1, 0, 2] });
}

/** LayerNorm over the last dim with a block's `normK.weight` / `normK.bias`. */
export function layerNorm(g: OnnxGraph, x: string, p: ParamOf, name: string, eps: number): string {
  return g.op('LayerNormalization', [x, p(`${name}.weight`), p(`${name}.bias`)], { axis: -1, epsilon: float(eps) });
}

export interface LayerSpec {
  readonly d: number;
  readonly heads: number;
  readonly ff: number;
  readonly activation: 'relu' | 'gelu';
  readonly eps: number;
  readonly normFirst: boolean;
}

function feedForward(g: OnnxGraph, p: ParamOf, x: string, s: LayerSpec, rows: number): string {
  const lin = (y: string, name: string): string => g.op('Add', [g.op('MatMul', [y, g.op('Transpose', [p(`${name}.weight`)], { perm: [1, 0] })]), p(`${name}.bias`)]);
  let h = lin(x, 'linear1');
  if (s.activation === 'relu') h = g.op('Relu', [h]);
  else h = g.op('Mul', [g.op('Mul', [h, g.scalar(0.5)]), g.op('Add', [g.op('Erf', [g.op('Div', [h, g.scalar(Math.SQRT2)])]), g.scalar(1)])]);
  g.flops(4 * rows * s.d * s.ff);
  return lin(h, 'linear2');
}

/** TransformerEncoderLayer on batch-first [N, S, E]. */
export function encoderLayer(g: OnnxGraph, s: LayerSpec, p: ParamOf, x: string, n: number, len: number, mask?: Value, kpm?: Value): string {
  const att: AttentionSpec = { embed: s.d, heads: s.heads, bias: true, packed: true };
  const sa = (y: string): string => attention(g, att, (name) => p(`self_attn.${name}`), y, y, y, { n, l: len, s: len }, { attnMask: mask, keyPaddingMask: kpm }).out;
  if (s.normFirst) {
    x = g.op('Add', [x, sa(layerNorm(g, x, p, 'norm1', s.eps))]);
    return g.op('Add', [x, feedForward(g, p, layerNorm(g, x, p, 'norm2', s.eps), s, n * len)]);
  }
  x = layerNorm(g, g.op('Add', [x, sa(x)]), p, 'norm1', s.eps);
  return layerNorm(g, g.op('Add', [x, feedForward(g, p, x, s, n * len)]), p, 'norm2', s.eps);
}

/** TransformerDecoderLayer on batch-first [N, T, E] with memory [N, S, E]. */
export function decoderLayer(
  g: OnnxGraph, s: LayerSpec, p: ParamOf, x: string, mem: string, n: number, t: number, sLen: number,
  m: { tgtMask?: Value; memoryMask?: Value; tgtKpm?: Value; memoryKpm?: Value },
): string {
  const att: AttentionSpec = { embed: s.d, heads: s.heads, bias: true, packed: true };
  const sa = (y: string): string => attention(g, att, (name) => p(`self_attn.${name}`), y, y, y, { n, l: t, s: t }, { attnMask: m.tgtMask, keyPaddingMask: m.tgtKpm }).out;
  const ca = (y: string): string => attention(g, att, (name) => p(`multihead_attn.${name}`), y, mem, mem, { n, l: t, s: sLen }, { attnMask: m.memoryMask, keyPaddingMask: m.memoryKpm }).out;
  if (s.normFirst) {
    x = g.op('Add', [x, sa(layerNorm(g, x, p, 'norm1', s.eps))]);
    x = g.op('Add', [x, ca(layerNorm(g, x, p, 'norm2', s.eps))]);
    return g.op('Add', [x, feedForward(g, p, layerNorm(g, x, p, 'norm3', s.eps), s, n * t)]);
  }
  x = layerNorm(g, g.op('Add', [x, sa(x)]), p, 'norm1', s.eps);
  x = layerNorm(g, g.op('Add', [x, ca(x)]), p, 'norm2', s.eps);
  return layerNorm(g, g.op('Add', [x, feedForward(g, p, x, s, n * t)]), p, 'norm3', s.eps);
}

/**
 * PyTorch's initialisation of attention blocks by parameter name: xavier-uniform projections,
 * zero projection biases, Linear-style feed-forward layers, ones/zeros norms. `allXavier`: nn.Transformer
 * re-initialises every matrix with xavier_uniform_.
 */
export function attentionInit(allXavier = false): ParamInit {
  return (_self, p, rng, all) => {
    const last = p.name.slice(p.name.lastIndexOf('.') + 1);
    const inNorm = /(^|\.)norm\d*\.(weight|bias)$/.test(p.name);
    if (inNorm) return last === 'weight' ? filled(p.shape, 1) : undefined;
    if (allXavier && p.shape.length > 1) return xavierUniform(p.shape, rng);
    if (/(in_proj_weight|[qkv]_proj_weight)$/.test(p.name)) return xavierUniform(p.shape, rng);
    if (/(in_proj_bias|out_proj\.bias)$/.test(p.name)) return undefined;
    if (/bias_[kv]$/.test(p.name)) return rng.normal(p.shape.reduce((a, b) => a * b, 1), 0, Math.sqrt(2 / (p.shape[2] + p.shape[1])));
    if (last === 'weight') return kaimingUniformA5(p.shape, rng);
    if (last === 'bias') {
      const w = all.find((q) => q.name === p.name.replace(/bias$/, 'weight'));
      return w ? fanInUniform(p.shape, w.shape, rng) : undefined;
    }
    return undefined;
  };
}
