// ONNX lowering of scaled dot product attention, the documented formula:
// softmax(q @ k^T * scale + mask) @ v, with a causal mask (lower triangle) or a bool mask as
// -inf where attention is not allowed, and enable_gqa's repeat_interleave of key/value heads.
import type { Value } from '../../value';
import { boolArg, isNone, optFloatArg } from '../args';
import { reshapeTo } from '../common/onnx';
import type { DType } from '../dtype';
import type { OnnxCall, OnnxGraph } from '../lowering';

/** repeat_interleave(x, factor, dim=-3): each head repeated `factor` times in place. */
function repeatHeads(g: OnnxGraph, x: string, shape: readonly number[], factor: number): string {
  if (factor === 1) return x;
  const h = shape.length - 3;
  const withAxis = [...shape.slice(0, h + 1), 1, ...shape.slice(h + 1)];
  const expanded = g.op('Expand', [reshapeTo(g, x, withAxis), g.ints([...shape.slice(0, h + 1), factor, ...shape.slice(h + 1)])]);
  return reshapeTo(g, expanded, [...shape.slice(0, h), shape[h] * factor, ...shape.slice(h + 1)]);
}

function transposeLast(g: OnnxGraph, x: string, rank: number): string {
  const perm = Array.from({ length: rank }, (_, i) => i);
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return g.op('Transpose', [x], { perm });
}

export interface SdpaInputs {
  readonly query: Value;
  readonly key: Value;
  readonly value: Value;
  readonly mask?: Value;
  readonly causal: boolean;
  readonly scale: number | undefined;
  readonly gqa: boolean;
}

/** The attention output of the documented formula, in the query's dtype. */
export function lowerAttentionFormula(g: OnnxGraph, a: SdpaInputs): string {
  const dtype: DType = g.dtype(a.query);
  const qs = g.shape(a.query);
  const ks = g.shape(a.key);
  const vs = g.shape(a.value);
  let k = g.input(a.key);
  let v = g.input(a.value);
  if (a.gqa && qs.length >= 3) {
    const hq = qs[qs.length - 3];
    k = repeatHeads(g, k, ks, hq / ks[ks.length - 3]);
    v = repeatHeads(g, v, vs, hq / vs[vs.length - 3]);
  }
  const [L, E] = qs.slice(-2);
  const S = ks[ks.length - 2];
  const scale = a.scale ?? 1 / Math.sqrt(E);
  // matmul(query, key^T * scale), in the order PyTorch's math backend computes it.
  let scores = g.op('MatMul', [g.input(a.query), g.op('Mul', [transposeLast(g, k, ks.length), g.scalar(scale, dtype)])]);
  const minusInf = g.scalar(-Infinity, dtype);
  if (a.causal) {
    const tril = new Uint8Array(L * S);
    for (let i = 0; i < L; i++) for (let j = 0; j <= Math.min(i, S - 1); j++) tril[i * S + j] = 1;
    scores = g.op('Where', [g.constant(tril, [L, S], 'bool'), scores, minusInf]);
  }
  if (a.mask !== undefined && !isNone(a.mask)) {
    if (g.dtype(a.mask) === 'bool') scores = g.op('Where', [g.input(a.mask), scores, minusInf]);
    else scores = g.op('Add', [scores, g.inputAs(a.mask, dtype)]);
  }
  const probs = g.op('Softmax', [scores], { axis: -1 });
  const outShape = g.shape(a.query).slice(0, -1);
  const Ev = vs[vs.length - 1];
  g.flops(2 * outShape.reduce((p, q) => p * q, 1) * S * (E + Ev));
  return g.op('MatMul', [probs, v]);
}

export function lowerSdpa(g: OnnxGraph, { args }: OnnxCall): string {
  if ((optFloatArg(args.dropout_p) ?? 0) > 0) return g.noKernel('attention dropout (random in PyTorch)');
  return lowerAttentionFormula(g, {
    query: args.query, key: args.key, value: args.value, mask: args.attn_mask,
    causal: boolArg(args.is_causal), scale: optFloatArg(args.scale), gqa: boolArg(args.enable_gqa),
  });
}
