// nn.MultiheadAttention, following F.multi_head_attention_forward step by step so that its
// assertions fire in PyTorch's order. [L, N, E] x [S, N, kdim] x [S, N, vdim] -> ([L, N, E], [N, L, S])
import { attentionInit } from './lowerAttention';
import { lowerMha } from './lowerTransformer';
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { NONE } from '../../value';
import { boolArg, floatArg, intArg, isNone, optTensorArg, tensor, tensorArg, tuple, type TensorArg } from '../args';
import { isFloating } from '../dtype';
import { defineModule, fail, giveUp, requireEqual, Unknowable, type NamedShape, type OpContext } from '../op';
import type { BoundArgs } from '../signature';
import { knownEqual, param, pyTuple, requireShape, torchSize, unsqueeze } from './common';

export interface MhaConfig {
  embedDim: Dim;
  numHeads: Dim;
  kdim: Dim;
  vdim: Dim;
  /** kdim == vdim == embed_dim: one packed in_proj_weight. */
  sameEmbed: boolean;
  bias: boolean;
  addBiasKv: boolean;
  addZeroAttn: boolean;
  batchFirst: boolean;
  /** undefined: not known statically (`dropout=attention_dropout` of a constructor nobody called). */
  dropout: number | undefined;
}

export function mhaConfig(a: BoundArgs): MhaConfig {
  const embedDim = intArg(a.embed_dim);
  const kdim = isNone(a.kdim) ? embedDim : intArg(a.kdim);
  const vdim = isNone(a.vdim) ? embedDim : intArg(a.vdim);
  return {
    embedDim, numHeads: intArg(a.num_heads), kdim, vdim,
    sameEmbed: knownEqual(kdim, embedDim) && knownEqual(vdim, embedDim),
    bias: boolArg(a.bias), addBiasKv: boolArg(a.add_bias_kv), addZeroAttn: boolArg(a.add_zero_attn),
    batchFirst: boolArg(a.batch_first), dropout: dropoutArg(a.dropout),
  };
}

/** A dropout probability, undefined when not known: it changes no shape, only which path runs. */
export function dropoutArg(v: Value): number | undefined {
  try {
    return floatArg(v);
  } catch (e) {
    if (e instanceof Unknowable) return undefined;
    throw e;
  }
}

/** MultiheadAttention.__init__'s assertion: head_dim * num_heads == embed_dim. */
export function checkHeads(ctx: OpContext, embedDim: Dim, numHeads: Dim): void {
  const rem = embedDim.mod(numHeads) ?? giveUp('num_heads = 0');
  requireEqual(ctx, rem, Dim.of(0), () => ({
    code: 'mha-heads', exception: 'AssertionError', message: 'embed_dim must be divisible by num_heads',
  }));
}

export function mhaParams(c: MhaConfig): NamedShape[] {
  const E = c.embedDim;
  const out: NamedShape[] = c.sameEmbed
    ? [param('in_proj_weight', [E.mul(3), E])]
    : [param('q_proj_weight', [E, E]), param('k_proj_weight', [E, c.kdim]), param('v_proj_weight', [E, c.vdim])];
  if (c.bias) out.push(param('in_proj_bias', [E.mul(3)]));
  if (c.addBiasKv) out.push(param('bias_k', [1, 1, E]), param('bias_v', [1, 1, E]));
  out.push(param('out_proj.weight', [E, E]));
  if (c.bias) out.push(param('out_proj.bias', [E]));
  return out;
}

export interface MhaCall {
  query: TensorArg;
  key: TensorArg;
  value: TensorArg;
  /** Which arguments are the same Python object (self-attention, or key is value). */
  identity: 'qkv' | 'kv' | 'none';
  keyPaddingMask?: TensorArg;
  attnMask?: TensorArg;
  needWeights: boolean;
  averageWeights: boolean;
}

function checkKpmDtype(m: TensorArg | undefined): void {
  if (m && m.dtype !== undefined && m.dtype !== 'bool' && !isFloating(m.dtype)) {
    fail('mha-mask-dtype', 'AssertionError', 'only bool and floating types of key_padding_mask are supported');
  }
}

/** MultiheadAttention.forward: (attn_output, attn_weights or None). */
export function mhaForward(ctx: OpContext, c: MhaConfig, call: MhaCall): Value {
  checkKpmDtype(call.keyPaddingMask);
  const { query } = call;
  if (query.dtype !== undefined && query.dtype !== 'float32') giveUp('dtype');
  const batched = query.shape.length === 3;
  if (batched && call.identity === 'qkv' && !ctx.training && c.batchFirst && !c.addBiasKv && c.dropout !== undefined && c.dropout === 0 && !c.addZeroAttn
    && c.sameEmbed && !call.attnMask) {
    // torch._native_multi_head_attention (even heads) checks differently; shapes agree.
    if (c.numHeads.value === undefined) giveUp('fast path');
    if (c.numHeads.value % 2 === 0) return nativeMha(ctx, c, call);
  }
  // A dropout not known decides the fast path (and its checks) where all else allows it.
  if (batched && call.identity === 'qkv' && !ctx.training && c.batchFirst && !c.addBiasKv && c.dropout === undefined && !c.addZeroAttn
    && c.sameEmbed && !call.attnMask) giveUp('dropout decides the fast path');
  let [q, k, v] = [query.shape, call.key.shape, call.value.shape];
  if (c.batchFirst && batched && (k.length < 2 || v.length < 2)) giveUp('transpose of a 1-D key');
  if (c.batchFirst && batched) [q, k, v] = [q, k, v].map((s) => (s.length >= 2 ? [s[1], s[0], ...s.slice(2)] : s));
  return attentionCore(ctx, c, { ...call, q, k, v, batched });
}

/** The fast path used for batch_first self-attention in eval mode. */
function nativeMha(ctx: OpContext, c: MhaConfig, call: MhaCall): Value {
  const [N, L, e] = call.query.shape;
  requireEqual(ctx, e, c.embedDim, () => ({
    code: 'mha-embed-dim', exception: 'RuntimeError', message: `passed-in embed_dim ${c.embedDim} didn't match last dim of query ${e}`,
    fixes: [{ param: 'embed_dim', value: e }],
  }));
  const kpm = call.keyPaddingMask;
  if (kpm && !(kpm.shape.length === 2 && knownEqual(kpm.shape[0], N) && knownEqual(kpm.shape[1], L))) giveUp('fast-path mask');
  const out = tensor([N, L, c.embedDim], call.query.dtype);
  if (!call.needWeights) return tuple([out, NONE]);
  return tuple([out, tensor(call.averageWeights ? [N, L, L] : [N, c.numHeads, L, L], call.query.dtype)]);
}

export interface CoreCall extends MhaCall {
  q: Shape;
  k: Shape;
  v: Shape;
  batched: boolean;
  /**
   * F.multi_head_attention_forward called directly (CLIP's AttentionPool2d): it checks that the
   * heads divide the embedding, the projection weights given, and the output projection's width.
   */
  functional?: { qWeight?: Shape; kWeight?: Shape; vWeight?: Shape; bias?: Shape; outWeight: Shape };
}

/** F.multi_head_attention_forward on (L, N, E) layouts. */
export function attentionCore(ctx: OpContext, c: MhaConfig, call: CoreCall): Value {
  const heads = c.numHeads;
  const kpmIn = call.keyPaddingMask;
  const maskIn = call.attnMask;
  let { q, k, v } = call;
  // _mha_shape_check
  if (q.length === 3) {
    if (k.length !== 3 || v.length !== 3) {
      fail('mha-rank', 'AssertionError', `For batched (3-D) \`query\`, expected \`key\` and \`value\` to be 3-D but found ${k.length}-D and ${v.length}-D tensors respectively`);
    }
    if (kpmIn && kpmIn.shape.length !== 2) {
      fail('mha-mask-rank', 'AssertionError', `For batched (3-D) \`query\`, expected \`key_padding_mask\` to be \`None\` or 2-D but found ${kpmIn.shape.length}-D tensor instead`);
    }
    if (maskIn && maskIn.shape.length !== 2 && maskIn.shape.length !== 3) {
      fail('mha-mask-rank', 'AssertionError', `For batched (3-D) \`query\`, expected \`attn_mask\` to be \`None\`, 2-D or 3-D but found ${maskIn.shape.length}-D tensor instead`);
    }
  } else if (q.length === 2) {
    if (k.length !== 2 || v.length !== 2) {
      fail('mha-rank', 'AssertionError', `For unbatched (2-D) \`query\`, expected \`key\` and \`value\` to be 2-D but found ${k.length}-D and ${v.length}-D tensors respectively`);
    }
    if (kpmIn && kpmIn.shape.length !== 1) {
      fail('mha-mask-rank', 'AssertionError', `For unbatched (2-D) \`query\`, expected \`key_padding_mask\` to be \`None\` or 1-D but found ${kpmIn.shape.length}-D tensor instead`);
    }
    if (maskIn) {
      if (maskIn.shape.length !== 2 && maskIn.shape.length !== 3) {
        fail('mha-mask-rank', 'AssertionError', `For unbatched (2-D) \`query\`, expected \`attn_mask\` to be \`None\`, 2-D or 3-D but found ${maskIn.shape.length}-D tensor instead`);
      }
      if (maskIn.shape.length === 3) {
        const want = [heads, q[0], k[0]];
        requireShape(ctx, maskIn.shape, want, () => ({
          code: 'mha-mask-shape', exception: 'AssertionError',
          message: `Expected \`attn_mask\` shape to be ${pyTuple(want)} but got ${torchSize(maskIn.shape)}`,
        }));
      }
    }
  } else {
    fail('mha-rank', 'AssertionError', `query should be unbatched 2D or batched 3D tensor but received ${q.length}-D query tensor`);
  }
  if (call.functional) checkKpmDtype(kpmIn);
  let kpm = kpmIn?.shape;
  if (!call.batched) {
    [q, k, v] = [q, k, v].map((s) => unsqueeze(s, 1));
    if (kpm) kpm = unsqueeze(kpm, 0);
  }
  const [L, N, e] = q;
  let S = k[0];
  const E = c.embedDim;
  requireEqual(ctx, e, E, () => ({
    code: 'mha-embed-dim', exception: 'AssertionError', message: `was expecting embedding dimension of ${E}, but got ${e}`,
    fixes: [{ param: 'embed_dim', value: e }],
  }));
  if (call.functional) {
    const headDim = E.floordiv(heads) ?? giveUp('num_heads = 0');
    requireEqual(ctx, headDim.mul(heads), E, () => ({
      code: 'mha-heads', exception: 'AssertionError', message: `embed_dim ${E} not divisible by num_heads ${heads}`,
    }));
  }
  if (c.sameEmbed) {
    requireShape(ctx, k, v, () => ({
      code: 'mha-key-value', exception: 'AssertionError', message: `key shape ${torchSize(k)} does not match value shape ${torchSize(v)}`,
    }));
  } else {
    requireShape(ctx, k.slice(0, 2), v.slice(0, 2), () => ({
      code: 'mha-key-value', exception: 'AssertionError',
      message: `key's sequence and batch dims ${torchSize(k.slice(0, 2))} do not match value's ${torchSize(v.slice(0, 2))}`,
    }));
  }
  // in-projection
  if (c.sameEmbed) {
    if (call.identity !== 'qkv') {
      // key (and value) go through their slice of in_proj_weight: [E, E], or [2E, E] when key is value.
      const rows = call.identity === 'kv' ? E.mul(2) : E;
      for (const t of call.identity === 'kv' ? [k] : [k, v]) {
        const last = t[2];
        requireEqual(ctx, last, E, () => ({
          code: 'mha-key-dim', exception: 'RuntimeError',
          message: `mat1 and mat2 shapes cannot be multiplied (${t[0].mul(t[1])}x${last} and ${E}x${rows})`,
          fixes: [{ param: 'kdim', value: last }],
        }));
      }
    }
  } else if (call.functional) {
    // _in_projection's assertions, on the weights and biases as given.
    const f = call.functional;
    const weights: [string, Shape | undefined, Dim][] = [['query', f.qWeight, e], ['key', f.kWeight, k[2]], ['value', f.vWeight, v[2]]];
    for (const [what, w, got] of weights) {
      if (!w) giveUp(`${what} weights`);
      requireShape(ctx, w, [e, got], () => ({
        code: `mha-${what}-dim`, exception: 'AssertionError', message: `expecting ${what} weights shape of ${pyTuple([e, got])}, but got ${torchSize(w)}`,
      }));
    }
    if (f.bias && f.bias.length === 1) {
      // in_proj_bias.chunk(3): two pieces of ceil(n / 3), the rest last.
      const n = f.bias[0];
      const piece = n.ceildiv(3) ?? giveUp('bias');
      const last = n.sub(piece.mul(2));
      if (!last.provablyAtLeast(1)) giveUp('in_proj_bias in fewer than 3 pieces');
      for (const [what, size] of [['query', piece], ['key', piece], ['value', last]] as const) {
        requireShape(ctx, [size], [e], () => ({
          code: 'mha-bias', exception: 'AssertionError', message: `expecting ${what} bias shape of ${pyTuple([e])}, but got ${torchSize([size])}`,
        }));
      }
    } else if (f.bias) giveUp('in_proj_bias rank');
  } else {
    const pairs: [string, Dim, Dim][] = [['key', k[2], c.kdim], ['value', v[2], c.vdim]];
    for (const [what, got, dim] of pairs) {
      requireShape(ctx, [E, dim], [e, got], () => ({
        code: `mha-${what}-dim`, exception: 'AssertionError',
        message: `expecting ${what} weights shape of ${pyTuple([e, got])}, but got ${torchSize([E, dim])}`,
        fixes: [{ param: what === 'key' ? 'kdim' : 'vdim', value: got }],
      }));
    }
  }
  // attention mask: (L, S) or (N * num_heads, L, S)
  if (maskIn) {
    const dt = maskIn.dtype;
    if (dt !== undefined && dt !== 'uint8' && dt !== 'bool' && !isFloating(dt)) {
      fail('mha-mask-dtype', 'AssertionError', `Only float, byte, and bool types are supported for attn_mask, not torch.${dt}`);
    }
    const m = maskIn.shape;
    const want = m.length === 2 ? [L, S] : [N.mul(heads), L, S];
    requireShape(ctx, m, want, () => ({
      code: 'mha-mask-shape', exception: 'RuntimeError',
      message: `The shape of the ${m.length}D attn_mask is ${torchSize(m)}, but should be ${pyTuple(want)}.`,
    }));
  }
  if (c.addBiasKv) {
    if (k[1].equals(N) !== 'yes') giveUp('bias_k with a different key batch');
    k = [k[0].add(1), k[1], k[2]];
    v = [v[0].add(1), v[1], v[2]];
    if (kpm) kpm = [kpm[0], kpm[1].add(1)];
  }
  // q/k/v are viewed as (len, bsz * num_heads, head_dim): a key batch other than the query's fails.
  const headDim = E.floordiv(heads) ?? giveUp('num_heads = 0');
  for (const t of [k, v]) {
    if (t[0].value === 0) giveUp('empty key');
    requireEqual(ctx, t[1], N, () => ({
      code: 'mha-batch', exception: 'RuntimeError',
      message: `shape '${`[${[t[0], N.mul(heads), headDim].join(', ')}]`}' is invalid for input of size ${t[0].mul(t[1]).mul(E)}`,
    }));
  }
  S = k[0];
  if (c.addZeroAttn) {
    S = S.add(1);
    if (kpm) kpm = [kpm[0], kpm[1].add(1)];
  }
  if (kpm) {
    const got = kpm;
    requireShape(ctx, got, [N, S], () => ({
      code: 'mha-padding-mask', exception: 'AssertionError',
      message: `expecting key_padding_mask shape of ${pyTuple([N, S])}, but got ${torchSize(got)}`,
    }));
  }
  const dtype = call.query.dtype;
  let width = E;
  if (call.functional) {
    // linear(attn_output [L*N, E], out_proj_weight): its rows are the output's width.
    const w = call.functional.outWeight;
    if (w.length !== 2) giveUp('out_proj_weight rank');
    requireEqual(ctx, w[1], E, () => ({
      code: 'mha-out-proj', exception: 'RuntimeError', message: `mat1 and mat2 shapes cannot be multiplied (${L.mul(N)}x${E} and ${w[1]}x${w[0]})`,
    }));
    width = w[0];
  }
  let out: Shape = [L, N, width];
  let weights: Shape | undefined = call.needWeights ? (call.averageWeights ? [N, L, S] : [N, heads, L, S]) : undefined;
  if (!call.batched) {
    out = [L, width];
    if (weights) weights = weights.slice(1);
  } else if (c.batchFirst) out = [N, L, width];
  return tuple([tensor(out, dtype), weights ? tensor(weights, dtype) : NONE]);
}

/** [L, N, E] x [S, N, kdim] x [S, N, vdim] -> ([L, N, E], [N, L, S]) */
export const MultiheadAttention = defineModule({
  names: ['torch.nn.MultiheadAttention'],
  init: 'embed_dim, num_heads, dropout=0.0, bias=True, add_bias_kv=False, add_zero_attn=False, kdim=None, vdim=None, batch_first=False, device=None, dtype=None',
  forward: 'query, key, value, key_padding_mask=None, need_weights=True, attn_mask=None, average_attn_weights=True',
  check(self, ctx) {
    checkHeads(ctx, intArg(self.embed_dim), intArg(self.num_heads));
  },
  params(self) {
    return mhaParams(mhaConfig(self));
  },
  reset: attentionInit(),
  onnx: lowerMha,
  rule(self, a, ctx) {
    return mhaForward(ctx, mhaConfig(self), {
      query: tensorArg(a.query), key: tensorArg(a.key), value: tensorArg(a.value),
      // Python object identity decides the in-projection path and the fast path.
      identity: a.query === a.key && a.key === a.value ? 'qkv' : a.key === a.value ? 'kv' : 'none',
      keyPaddingMask: optTensorArg(a.key_padding_mask), attnMask: optTensorArg(a.attn_mask),
      needWeights: boolArg(a.need_weights), averageWeights: boolArg(a.average_attn_weights),
    });
  },
});
