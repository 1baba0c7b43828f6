// keras.layers.Attention ([query, value(, key)] -> [N, Tq, dim_value]) and
// keras.layers.MultiHeadAttention (query [N, Tq, dq], value [N, Tv, dv] -> [N, Tq, dq] or
// output_shape), with MHA's four projections' weights. TF.js has neither.
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { UNKNOWN } from '../../value';
import { constIntArg, isNone, sequenceArg, strArg, tensor, tensorArg } from '../args';
import { giveUp } from '../op';
import type { BoundArgs } from '../signature';
import { flag } from './args';
import { kerasFail, pyShape, pyValue } from './dialect';
import { defineLayer, type Weight } from './layer';

/** Attention's [query, value(, key)] (keras/src/layers/attention/attention.py:284-298). */
function qvk(v: Value, className: string): Shape[] {
  if (v.kind !== 'list') {
    if (v.kind === 'tensor') {
      // attention.py:289; the received value prints as a tensor repr, which names a generated
      // tensor, so the text stops before it.
      return kerasFail('keras-attention-inputs', `${className} layer must be called on a list of inputs, namely [query, value] or [query, value, key].`);
    }
    return giveUp('inputs');
  }
  if (v.items.length < 2 || v.items.length > 3) {
    kerasFail('keras-attention-inputs', `${className} layer accepts inputs list of length 2 or 3, namely [query, value] or [query, value, key]. Received length: ${v.items.length}.`);
  }
  return v.items.map((t) => tensorArg(t).shape);
}

/** keras.layers.Attention: dot-product (or concat-score) attention without projections. */
export const Attention = defineLayer({
  className: 'Attention',
  init: "use_scale=False, score_mode='dot', dropout=0.0, seed=None",
  call: 'inputs, mask=None, training=False, return_attention_scores=False, use_causal_mask=False',
  check(self) {
    const mode = strArg(self.score_mode);
    // keras/src/layers/attention/attention.py:84
    if (mode !== 'dot' && mode !== 'concat') kerasFail('keras-config', `Invalid value for argument score_mode. Expected one of {'dot', 'concat'}. Received: score_mode=${mode}`);
  },
  build(self, x) {
    qvk(x.value, 'Attention');
    // attention.py:89-108: two scalars.
    const weights: Weight[] = [];
    if (flag(self.use_scale)) weights.push({ name: 'scale', shape: [] });
    if (strArg(self.score_mode) === 'concat') weights.push({ name: 'concat_score_weight', shape: [] });
    return { weights };
  },
  output(_self, x, _k, call) {
    const [query, value, key = value] = qvk(x.value, 'Attention');
    // attention.py:250-280 compute_output_shape / compute_output_spec.
    const out = tensor([...query.slice(0, -1), value[value.length - 1]]);
    if (!flag(call.return_attention_scores)) return out;
    return { kind: 'list', items: [out, tensor([...query.slice(0, -1), key[key.length - 2]])] };
  },
});

function positive(v: Value, name: string, orNone = false): number | undefined {
  if (orNone && isNone(v)) return undefined;
  const n = v.kind === 'int' ? v.dim.value : undefined;
  if (n !== undefined && n > 0) return n;
  if (v.kind === 'int' && n === undefined) return giveUp('symbolic');
  // keras/src/layers/attention/multi_head_attention.py:139-154
  return kerasFail('keras-config', orNone
    ? `Received an invalid value for argument \`${name}\`, expected a positive integer or \`None\`. Received: ${name}=${pyValue(v)}`
    : `Received an invalid value for argument \`${name}\`, expected a positive integer. Received: ${name}=${pyValue(v)}`);
}

function outputShapeArg(v: Value): Dim[] | undefined {
  if (isNone(v)) return undefined;
  return v.kind === 'int' ? [Dim.of(constIntArg(v))] : sequenceArg(v).map((d) => Dim.of(constIntArg(d)));
}

interface Mha {
  readonly heads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly out: Dim[] | undefined;
}

function mhaArgs(self: BoundArgs): Mha {
  const heads = positive(self.num_heads, 'num_heads')!;
  const keyDim = positive(self.key_dim, 'key_dim')!;
  const valueDim = positive(self.value_dim, 'value_dim', true) ?? keyDim;
  if (!isNone(self.attention_axes)) giveUp('attention_axes');
  return { heads, keyDim, valueDim, out: outputShapeArg(self.output_shape) };
}

/** value and key must agree except in their last axis (multi_head_attention.py:281 and 840). */
function checkValueKey(value: Shape, key: Shape): void {
  const a = value.slice(1, -1);
  const b = key.slice(1, -1);
  const same = a.length === b.length && a.every((d, i) => (d.isNone || b[i].isNone ? d.isNone === b[i].isNone : d.equals(b[i]) !== 'no'));
  if (!same) {
    kerasFail('keras-attention-shapes', `All dimensions of \`value\` and \`key\`, except the last one, must be equal. Received: value_shape=${pyShape(value)} and key_shape=${pyShape(key)}`);
  }
}

/**
 * keras.layers.MultiHeadAttention. Weights in Keras' order (multi_head_attention.py build,
 * lines 266-370): query, key, (gate,) value projections — kernel (d_in, heads, dim) and bias
 * (heads, dim) — then attention_output: kernel (heads, value_dim, *out), bias (*out).
 */
export const MultiHeadAttention = defineLayer({
  className: 'MultiHeadAttention',
  init: "num_heads, key_dim, value_dim=None, dropout=0.0, use_bias=True, output_shape=None, attention_axes=None, sliding_window=None, flash_attention=None, kernel_initializer='glorot_uniform', bias_initializer='zeros', kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, bias_constraint=None, use_gate=False, seed=None",
  call: 'query, value, key=None, query_mask=None, value_mask=None, key_mask=None, attention_mask=None, return_attention_scores=False, training=None, use_causal_mask=False',
  check: (self) => void mhaArgs(self),
  build(self, x, _k, call) {
    const a = mhaArgs(self);
    const query = x.shapes[0];
    const value = tensorArg(call.value).shape;
    const key = isNone(call.key) ? value : tensorArg(call.key).shape;
    checkValueKey(value, key);
    const bias = flag(self.use_bias);
    const h = Dim.of(a.heads);
    const proj = (name: string, input: Shape, dim: number): Weight[] => [
      { name: `${name}/kernel`, shape: [input[input.length - 1], h, Dim.of(dim)] },
      ...(bias ? [{ name: `${name}/bias`, shape: [h, Dim.of(dim)] }] : []),
    ];
    const out = a.out ?? [query[query.length - 1]];
    const weights: Weight[] = [
      ...proj('query', query, a.keyDim),
      ...proj('key', key, a.keyDim),
      ...(flag(self.use_gate) ? proj('gate', query, a.valueDim) : []),
      ...proj('value', value, a.valueDim),
      { name: 'attention_output/kernel', shape: [h, Dim.of(a.valueDim), ...out] },
      ...(bias ? [{ name: 'attention_output/bias', shape: out }] : []),
    ];
    return { weights };
  },
  output(self, x, _k, call) {
    const a = mhaArgs(self);
    const query = x.shapes[0];
    const value = tensorArg(call.value).shape;
    const key = isNone(call.key) ? value : tensorArg(call.key).shape;
    checkValueKey(value, key);
    // multi_head_attention.py:827-848
    const out = tensor(a.out ? [...query.slice(0, -1), ...a.out] : query);
    if (!flag(call.return_attention_scores)) return out;
    // Keras' compute_output_spec gives the scores (N, heads, Tq, Tq) (line 881); they are
    // (N, heads, Tq, Tv) when run. Only where both agree is there an answer.
    const tq = query[1];
    const tv = key[1];
    const scores = tq.equals(tv) === 'yes' ? tensor([query[0], Dim.of(a.heads), tq, tq]) : UNKNOWN;
    return { kind: 'list', items: [out, scores] };
  },
});

export const attentionLayers = [Attention, MultiHeadAttention];
