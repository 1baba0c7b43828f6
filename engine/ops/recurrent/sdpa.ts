// F.scaled_dot_product_attention (PyTorch 2; not in the 1.13 oracle): implemented from its
// documentation, https://pytorch.org/docs/stable/generated/torch.nn.functional.scaled_dot_product_attention.html
// query [..., Hq, L, E], key [..., H, S, E], value [..., H, S, Ev] -> [..., Hq, L, Ev].
// Error texts are PyTorch's own where its source fixes them for every backend (see sdpaChecks.ts);
// a mismatch whose message depends on the backend PyTorch picks gives no hint (Unknown).
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { boolArg, isNone, tensorArg, type TensorArg } from '../args';
import type { DType } from '../dtype';
import { defineFunction, giveUp, type OpContext } from '../op';
import { lowerSdpa } from './lowerSdpa';
import { checkGqaHeads, checkSdpaInputs, sameOrOpen } from './sdpaChecks';

/** Batch dims broadcast as matmul broadcasts them; a certain mismatch gives no hint. */
function broadcastBatch(ctx: OpContext, a: Shape, b: Shape): Shape {
  const rank = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const x = a[a.length - rank + i] ?? Dim.of(1);
    const y = b[b.length - rank + i] ?? Dim.of(1);
    if (x.value === 1) out.push(y);
    else if (y.value === 1) out.push(x);
    else {
      sameOrOpen(ctx, x, y);
      out.push(x);
    }
  }
  return out;
}

/** Key or value with its heads repeated to the query's (enable_gqa: repeat_interleave on dim -3). */
function withQueryHeads(t: Shape, hq: Dim): Shape {
  return [...t.slice(0, -3), hq, ...t.slice(-2)];
}

export interface AttentionShapes {
  readonly query: TensorArg;
  readonly key: TensorArg;
  readonly value: TensorArg;
  readonly gqa: boolean;
}

/**
 * The documented math: scores = query @ key^T ([..., L, S]), softmax, @ value -> [..., L, Ev].
 * Returns the output shape and the scores' shape (an attn_mask must broadcast to it).
 */
export function attentionShape(ctx: OpContext, a: AttentionShapes): { out: Shape; scores: Shape } {
  const q = a.query.shape;
  let k = a.key.shape;
  let v = a.value.shape;
  if (a.gqa) {
    if (q.length < 3 || k.length < 3 || v.length < 3) giveUp('enable_gqa needs a head dimension');
    const hq = q[q.length - 3];
    checkGqaHeads(ctx, hq, k[k.length - 3], v[v.length - 3]);
    k = withQueryHeads(k, hq);
    v = withQueryHeads(v, hq);
  }
  const [L, E] = q.slice(-2);
  const [S, Ek] = k.slice(-2);
  const [Sv, Ev] = v.slice(-2);
  sameOrOpen(ctx, E, Ek);
  const batch = broadcastBatch(ctx, q.slice(0, -2), k.slice(0, -2));
  sameOrOpen(ctx, S, Sv);
  const outBatch = broadcastBatch(ctx, batch, v.slice(0, -2));
  return { out: [...outBatch, L, Ev], scores: [...batch, L, S] };
}

/** The mask is added in place to the scores: it must broadcast to them without growing them. */
function checkMask(ctx: OpContext, mask: Shape, scores: Shape): void {
  if (mask.length > scores.length) giveUp('attn_mask of a higher rank than the attention weights');
  for (let i = 1; i <= mask.length; i++) {
    const m = mask[mask.length - i];
    if (m.value !== 1) sameOrOpen(ctx, m, scores[scores.length - i]);
  }
}

function rule(args: Readonly<Record<string, Value>>, ctx: OpContext): Value {
  const query = tensorArg(args.query);
  const key = tensorArg(args.key);
  const value = tensorArg(args.value);
  const mask = isNone(args.attn_mask) ? undefined : tensorArg(args.attn_mask);
  checkSdpaInputs(query, key, value, mask);
  // dropout_p and scale do not change a shape: a value not known statically (`self.dropout if
  // self.training else 0`) must not cost the hint.
  // With both, the math backend raises and the fused CPU kernel does not: which one runs
  // depends on the inputs, so no hint (the documentation says an error is thrown).
  if (boolArg(args.is_causal) && mask) giveUp('is_causal with an explicit attn_mask');
  const { out, scores } = attentionShape(ctx, { query, key, value, gqa: boolArg(args.enable_gqa) });
  if (mask) checkMask(ctx, mask.shape, scores);
  const dtype: DType | undefined = query.dtype;
  return { kind: 'tensor', shape: out, dtype };
}

/** F.scaled_dot_product_attention(q [2, 8, 5, 16], k [2, 8, 7, 16], v [2, 8, 7, 32]) -> [2, 8, 5, 32] */
export const scaledDotProductAttention = defineFunction({
  names: ['torch.nn.functional.scaled_dot_product_attention'],
  signature: 'query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False, *, scale=None, enable_gqa=False',
  onnx: lowerSdpa,
  rule,
});
