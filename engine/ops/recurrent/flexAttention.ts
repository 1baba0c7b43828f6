// torch.nn.attention.flex_attention.flex_attention (PyTorch 2.5+; not in the 1.13 oracle), from its
// documentation https://pytorch.org/docs/stable/nn.attention.flex_attention.html:
// query [B, Hq, L, E], key [B, Hkv, S, E], value [B, Hkv, S, Ev] -> [B, Hq, L, Ev]; score_mod and
// block_mask change values, never shapes. Error texts from pytorch/pytorch
// torch/nn/attention/flex_attention.py (flex_attention, _validate_embed_dim) and
// torch/nn/attention/_utils.py (_validate_sdpa_input), checked in the order flex_attention runs them.
import { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import { boolArg, isNone, optFloatArg, tensorArg, tuple } from '../args';
import { defineFunction, fail, giveUp, requireEqual, type OpContext } from '../op';
import { lowerAttentionFormula } from './lowerSdpa';
import { attentionShape } from './sdpa';
import { sameOrOpen } from './sdpaChecks';

/** Known to be a power of 2 (symbolic sizes are not). */
function isPowerOfTwo(d: Dim | undefined): boolean {
  const n = d?.value;
  return n !== undefined && n > 0 && (n & (n - 1)) === 0;
}

const valueError = (code: string, message: string): never => fail(code, 'ValueError', message);

function rule(args: Readonly<Record<string, Value>>, ctx: OpContext): Value {
  const query = tensorArg(args.query);
  const key = tensorArg(args.key);
  const value = tensorArg(args.value);
  const gqa = boolArg(args.enable_gqa);
  optFloatArg(args.scale);
  if (!isNone(args.return_aux)) giveUp('return_aux: an AuxOutput object');
  const [dq, dk, dv] = [query.dtype, key.dtype, value.dtype];
  if (dq !== undefined && dk !== undefined && dv !== undefined && (dq !== dk || dq !== dv)) {
    valueError('flex-dtype', `Expected query, key, and value to have the same dtype, but got query.dtype: torch.${dq}, key.dtype: torch.${dk}, and value.dtype: torch.${dv} instead.`);
  }
  const q = query.shape;
  const k = key.shape;
  const E = q[q.length - 1];
  const Ek = k[k.length - 1];
  if (E !== undefined && Ek !== undefined && E.equals(Ek) === 'no') {
    valueError('flex-embed-dim', `Expect query and key/value to have the same embedding dimension but got E=${E} and E=${Ek}.`);
  }
  // Some releases refuse head dims that are not powers of 2 ("NYI: Currently non power of 2
  // embedding dimension are not supported"), later ones accept them: no hint either way.
  const ev = value.shape[value.shape.length - 1];
  if (!isPowerOfTwo(E) || (ev !== undefined && !isPowerOfTwo(ev))) giveUp('head dim not a power of 2');
  if (q.length !== 4 || k.length !== 4 || value.shape.length !== 4) fail('flex-rank', 'NotImplementedError', 'NYI: query, key, and value must be 4D tensors');
  const [hq, hkv] = [q[1], k[1]];
  if (!gqa) {
    requireEqual(ctx, hq, hkv, () => ({
      code: 'flex-heads', exception: 'ValueError',
      message: `Expect query and key/value to have the same number of heads but got Hq=${hq} and Hkv=${hkv}. Try setting enable_gqa=True for GQA.`,
    }));
  } else {
    requireEqual(ctx, hq.mod(hkv) ?? giveUp('zero heads'), Dim.of(0), () => ({
      code: 'flex-heads', exception: 'ValueError',
      message: `Expect number of query heads to be a multiple of kv heads for GQA but got Hq=${hq} and Hkv=${hkv}.`,
    }));
  }
  if (q[0].equals(k[0]) === 'no') {
    // A block_mask of the query's batch size makes this legal; it is opaque here.
    if (!isNone(args.block_mask)) giveUp('batch sizes reconciled by a block_mask');
    valueError('flex-batch', `Expect query and key/value to have the same batch size, or non-none block_mask, but got block_mask=None, Bq=${q[0]}, and Bkv=${k[0]}.`);
  }
  // value must agree with key (heads, length); the kernels' own errors are not documented.
  sameOrOpen(ctx, k[1], value.shape[1]);
  const { out } = attentionShape(ctx, { query, key, value, gqa });
  const output: Value = { kind: 'tensor', shape: out, dtype: query.dtype };
  if (!boolArg(args.return_lse)) return output;
  // The logsumexp per query row: [B, Hq, L]; its dtype is not documented.
  return tuple([output, { kind: 'tensor', shape: out.slice(0, 3), dtype: undefined }]);
}

/** flex_attention(q [2, 8, 128, 64], k [2, 2, 256, 64], v [2, 2, 256, 32], enable_gqa=True) -> [2, 8, 128, 32] */
export const flexAttention = defineFunction({
  names: ['torch.nn.attention.flex_attention.flex_attention'],
  signature: 'query, key, value, score_mod=None, block_mask=None, scale=None, enable_gqa=False, return_lse=False, kernel_options=None, *, return_aux=None',
  onnx(g, { args }) {
    if (!isNone(args.score_mod) || !isNone(args.block_mask)) return g.noKernel('flex_attention with a score_mod or block_mask');
    if (boolArg(args.return_lse) || !isNone(args.return_aux)) return g.noKernel('flex_attention returning its logsumexp');
    return lowerAttentionFormula(g, { query: args.query, key: args.key, value: args.value, causal: false, scale: optFloatArg(args.scale), gqa: boolArg(args.enable_gqa) });
  },
  rule,
});
