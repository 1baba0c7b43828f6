// F.multi_head_attention_forward called with weights of the caller's own (CLIP's AttentionPool2d
// pools a feature map with it): nn.MultiheadAttention's path (attention.ts), its weights as given.
import { boolArg, floatArg, intArg, isNone, optTensorArg, tensorArg } from '../args';
import { defineFunction, giveUp } from '../op';
import { attentionCore, type MhaConfig } from './attention';

/** (L, N, E) x (S, N, E) x (S, N, E) -> ((L, N, out_proj rows), (N, L, S) or None) */
export const multiHeadAttentionForward = defineFunction({
  names: ['torch.nn.functional.multi_head_attention_forward'],
  signature: 'query, key, value, embed_dim_to_check, num_heads, in_proj_weight, in_proj_bias, bias_k, bias_v, add_zero_attn, dropout_p, out_proj_weight, out_proj_bias, training=True, key_padding_mask=None, need_weights=True, attn_mask=None, use_separate_proj_weight=False, q_proj_weight=None, k_proj_weight=None, v_proj_weight=None, static_k=None, static_v=None, average_attn_weights=True',
  rule(a, ctx) {
    if (!isNone(a.static_k) || !isNone(a.static_v)) giveUp('static keys and values');
    const query = tensorArg(a.query);
    const key = tensorArg(a.key);
    const value = tensorArg(a.value);
    const E = intArg(a.embed_dim_to_check);
    const separate = boolArg(a.use_separate_proj_weight);
    const inProj = optTensorArg(a.in_proj_weight);
    const bias = optTensorArg(a.in_proj_bias);
    // A packed weight of another shape fails inside its linear, whose text depends on the path:
    // not followed, unless the embedding check before it fails first.
    const embedFails = query.shape.length > 0 && query.shape[query.shape.length - 1].equals(E) === 'no';
    if (!separate && !embedFails && !(inProj && inProj.shape.length === 2 && inProj.shape[0].equals(E.mul(3)) === 'yes' && inProj.shape[1].equals(E) === 'yes')) giveUp('in_proj_weight');
    if (!separate && !embedFails && bias && !(bias.shape.length === 1 && bias.shape[0].equals(E.mul(3)) === 'yes')) giveUp('in_proj_bias');
    const c: MhaConfig = {
      embedDim: E, numHeads: intArg(a.num_heads), kdim: E, vdim: E, sameEmbed: !separate, bias: bias !== undefined,
      addBiasKv: !isNone(a.bias_k), addZeroAttn: boolArg(a.add_zero_attn), batchFirst: false, dropout: floatArg(a.dropout_p),
    };
    if (c.addBiasKv) giveUp('bias_k');
    const batched = query.shape.length === 3;
    return attentionCore(ctx, c, {
      query, key, value,
      identity: a.query === a.key && a.key === a.value ? 'qkv' : a.key === a.value ? 'kv' : 'none',
      keyPaddingMask: optTensorArg(a.key_padding_mask), attnMask: optTensorArg(a.attn_mask),
      needWeights: boolArg(a.need_weights), averageWeights: boolArg(a.average_attn_weights),
      q: query.shape, k: key.shape, v: value.shape, batched,
      functional: {
        qWeight: optTensorArg(a.q_proj_weight)?.shape, kWeight: optTensorArg(a.k_proj_weight)?.shape, vWeight: optTensorArg(a.v_proj_weight)?.shape,
        bias: separate ? bias?.shape : undefined, outWeight: tensorArg(a.out_proj_weight).shape,
      },
    });
  },
});

