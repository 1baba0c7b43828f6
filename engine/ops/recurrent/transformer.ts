// nn.Transformer and its parts. Every block keeps its input's shape: [S, N, E] -> [S, N, E]
// (batch_first: [N, S, E]); the rules check what the attention blocks check, in their order.
import { attentionInit } from './lowerAttention';
import { lowerDecoder, lowerDecoderLayer, lowerEncoder, lowerEncoderLayer, lowerTransformer } from './lowerTransformer';
import { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import { NONE } from '../../value';
import { boolArg, floatArg, intArg, isNone, optTensorArg, tensor, tensorArg } from '../args';
import { constructModule, type ModuleInstance } from '../apply';
import { isFloating } from '../dtype';
import { defineModule, fail, giveUp, OpFailure, requireEqual, type NamedShape, type OpContext } from '../op';
import type { BoundArgs } from '../signature';
import { checkHeads, mhaForward, mhaParams, type MhaConfig } from './attention';
import { invoke, isModule, knownEqual, moduleRef, param, prefixed } from './common';

type Activation = 'relu' | 'gelu' | 'other' | 'unknown';

const LAYER_INIT = "d_model, nhead, dim_feedforward=2048, dropout=0.1, activation='relu', layer_norm_eps=1e-05, batch_first=False, norm_first=False, device=None, dtype=None";

interface LayerConfig {
  d: Dim;
  nhead: Dim;
  ff: Dim;
  activation: Activation;
  batchFirst: boolean;
  normFirst: boolean;
  attn: MhaConfig;
}

function activationOf(v: Value): Activation {
  if (v.kind === 'str') {
    if (v.value === 'relu' || v.value === 'gelu') return v.value;
    return fail('transformer-activation', 'RuntimeError', `activation should be relu/gelu, not ${v.value}`);
  }
  // A callable: F.relu / nn.ReLU() enable the fast path, others do not; we cannot tell here.
  return 'unknown';
}

function layerConfig(a: BoundArgs): LayerConfig {
  const d = intArg(a.d_model);
  const nhead = intArg(a.nhead);
  const batchFirst = boolArg(a.batch_first);
  const dropout = floatArg(a.dropout);
  return {
    d, nhead, ff: intArg(a.dim_feedforward), activation: activationOf(a.activation), batchFirst, normFirst: boolArg(a.norm_first),
    attn: { embedDim: d, numHeads: nhead, kdim: d, vdim: d, sameEmbed: true, bias: true, addBiasKv: false, addZeroAttn: false, batchFirst, dropout },
  };
}

/** The layer's constructor: MultiheadAttention's assertion first, then the activation name. */
function checkLayer(a: BoundArgs, ctx: OpContext): void {
  checkHeads(ctx, intArg(a.d_model), intArg(a.nhead));
  activationOf(a.activation);
}

function feedForwardParams(c: LayerConfig, norms: number): NamedShape[] {
  const out = [param('linear1.weight', [c.ff, c.d]), param('linear1.bias', [c.ff]), param('linear2.weight', [c.d, c.ff]), param('linear2.bias', [c.d])];
  for (let i = 1; i <= norms; i++) out.push(param(`norm${i}.weight`, [c.d]), param(`norm${i}.bias`, [c.d]));
  return out;
}

function checkMaskDtype(v: Value): void {
  const m = optTensorArg(v);
  if (m && m.dtype !== undefined && m.dtype !== 'bool' && !isFloating(m.dtype)) {
    fail('mha-mask-dtype', 'AssertionError', 'only bool and floating types of key_padding_mask are supported');
  }
}

/** With norm_first, LayerNorm sees the input before attention does; its error is not modelled. */
function preNorm(c: LayerConfig, last: Dim): void {
  if (c.normFirst && last.equals(c.d) === 'no') giveUp('layer_norm error');
}

const FAST_PATH_MASK = ' to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)';

/** [S, N, E] -> [S, N, E] */
export const TransformerEncoderLayer = defineModule({
  names: ['torch.nn.TransformerEncoderLayer'],
  init: LAYER_INIT,
  forward: 'src, src_mask=None, src_key_padding_mask=None',
  check: checkLayer,
  params(self) {
    const c = layerConfig(self);
    return [...prefixed('self_attn.', mhaParams(c.attn)), ...feedForwardParams(c, 2)];
  },
  reset: attentionInit(),
  onnx: lowerEncoderLayer,
  rule(self, a, ctx) {
    const c = layerConfig(self);
    checkMaskDtype(a.src_key_padding_mask);
    const src = tensorArg(a.src);
    const kpm = optTensorArg(a.src_key_padding_mask);
    const mask = optTensorArg(a.src_mask);
    const nheads = c.nhead.value ?? giveUp('symbolic nhead');
    if (src.shape.length === 3 && !ctx.training && c.batchFirst && !mask && nheads % 2 === 0) {
      if (c.activation === 'unknown') giveUp('activation decides the fast path');
      if (c.activation !== 'other') {
        // torch._transformer_encoder_layer_fwd: its own checks and messages.
        const [N, S, e] = src.shape;
        requireEqual(ctx, e, c.d, () => ({
          code: 'mha-embed-dim', exception: 'RuntimeError', message: `passed-in embed_dim ${c.d} didn't match last dim of query ${e}`,
          fixes: [{ param: 'd_model', value: e }],
        }));
        if (kpm) {
          if (kpm.shape.length === 3) fail('transformer-padding-mask', 'RuntimeError', 'Mask shape should match input shape');
          if (kpm.shape.length !== 2) giveUp('fast-path mask rank');
          const [m0, m1] = kpm.shape;
          requireEqual(ctx, m0, N, () => ({ code: 'transformer-padding-mask', exception: 'RuntimeError', message: `Expected attn_mask->sizes()[0] == batch_size${FAST_PATH_MASK}` }));
          requireEqual(ctx, m1, S, () => ({ code: 'transformer-padding-mask', exception: 'RuntimeError', message: `Expected attn_mask->sizes()[1] == seq_len${FAST_PATH_MASK}` }));
        }
        return tensor(src.shape, src.dtype);
      }
    }
    preNorm(c, src.shape[src.shape.length - 1] ?? Dim.of(0));
    mhaForward(ctx, c.attn, { query: src, key: src, value: src, identity: 'qkv', keyPaddingMask: kpm, attnMask: mask, needWeights: false, averageWeights: true });
    return tensor(src.shape, src.dtype);
  },
});

/** [T, N, E] x [S, N, E] -> [T, N, E] */
export const TransformerDecoderLayer = defineModule({
  names: ['torch.nn.TransformerDecoderLayer'],
  init: LAYER_INIT,
  forward: 'tgt, memory, tgt_mask=None, memory_mask=None, tgt_key_padding_mask=None, memory_key_padding_mask=None',
  check: checkLayer,
  params(self) {
    const c = layerConfig(self);
    const attn = mhaParams(c.attn);
    return [...prefixed('self_attn.', attn), ...prefixed('multihead_attn.', attn), ...feedForwardParams(c, 3)];
  },
  reset: attentionInit(),
  onnx: lowerDecoderLayer,
  rule(self, a, ctx) {
    const c = layerConfig(self);
    const tgt = tensorArg(a.tgt);
    const memory = tensorArg(a.memory);
    preNorm(c, tgt.shape[tgt.shape.length - 1] ?? Dim.of(0));
    mhaForward(ctx, c.attn, {
      query: tgt, key: tgt, value: tgt, identity: 'qkv', keyPaddingMask: optTensorArg(a.tgt_key_padding_mask),
      attnMask: optTensorArg(a.tgt_mask), needWeights: false, averageWeights: true,
    });
    // Cross-attention: a new query tensor against memory passed as both key and value.
    mhaForward(ctx, c.attn, {
      query: tgt, key: memory, value: memory, identity: 'kv', keyPaddingMask: optTensorArg(a.memory_key_padding_mask),
      attnMask: optTensorArg(a.memory_mask), needWeights: false, averageWeights: true,
    });
    return tensor(tgt.shape, tgt.dtype);
  },
});

type Norm = (ctx: OpContext, x: Value) => Value;

interface Stack {
  layer: ModuleInstance;
  count: number;
  norm?: Norm;
  params: NamedShape[];
}

function normParams(norm: Value): { norm?: Norm; params: NamedShape[] } {
  if (isNone(norm)) return { params: [] };
  const ref = moduleRef(norm) ?? giveUp('norm module');
  return { norm: (ctx, x) => invoke(ctx, ref, [x]), params: prefixed('norm.', ref.params) };
}

function stackOf(layerV: Value, countV: Value, normV: Value, layerName: string): Stack {
  const layer = moduleRef(layerV) ?? giveUp('layer module');
  if (!isModule(layer, layerName)) giveUp('custom layer');
  const count = intArg(countV).value ?? giveUp('symbolic num_layers');
  const { norm, params } = normParams(normV);
  const layers: NamedShape[] = [];
  for (let i = 0; i < count; i++) layers.push(...prefixed(`layers.${i}.`, layer.params));
  return { layer, count, norm, params: [...layers, ...params] };
}

/** TransformerEncoder.forward, including its nested-tensor path. */
function runEncoder(ctx: OpContext, s: Stack, enableNested: boolean, src: Value, mask: Value, kpm: Value): Value {
  checkMaskDtype(kpm);
  const x = tensorArg(src);
  const first = s.layer.args;
  let nested = false;
  if (!isNone(kpm) && isNone(mask) && enableNested && x.shape.length === 3 && !ctx.training
    && !boolArg(first.norm_first) && boolArg(first.batch_first)) {
    const act = activationOf(first.activation);
    const nheads = intArg(first.nhead).value ?? giveUp('symbolic nhead');
    if (act === 'unknown') giveUp('activation decides the fast path');
    // A left-aligned mask converts to a nested tensor, padded back to the longest sequence.
    nested = act !== 'other' && nheads % 2 === 0;
  }
  let out: Value = src;
  if (nested) {
    const m = tensorArg(kpm);
    if (m.shape.length !== 2 || !knownEqual(m.shape[0], x.shape[0]) || !knownEqual(m.shape[1], x.shape[1])) giveUp('nested mask');
  }
  for (let i = 0; i < s.count; i++) {
    out = invoke(ctx, s.layer, [out], { src_mask: mask, src_key_padding_mask: nested ? NONE : kpm });
  }
  if (nested) {
    const t = tensorArg(out);
    out = tensor([t.shape[0], Dim.unknown(), ...t.shape.slice(2)], t.dtype);
  }
  return s.norm ? s.norm(ctx, out) : out;
}

function runDecoder(ctx: OpContext, s: Stack, tgt: Value, memory: Value, kw: Readonly<Record<string, Value>>): Value {
  let out = tgt;
  for (let i = 0; i < s.count; i++) out = invoke(ctx, s.layer, [out, memory], kw);
  return s.norm ? s.norm(ctx, out) : out;
}

/** [S, N, E] -> [S, N, E] through num_layers copies of the layer, then the optional norm. */
export const TransformerEncoder = defineModule({
  names: ['torch.nn.TransformerEncoder'],
  init: 'encoder_layer, num_layers, norm=None, enable_nested_tensor=True, mask_check=True',
  forward: 'src, mask=None, src_key_padding_mask=None',
  params(self) {
    return stackOf(self.encoder_layer, self.num_layers, self.norm, 'torch.nn.TransformerEncoderLayer').params;
  },
  reset: attentionInit(),
  onnx: lowerEncoder,
  rule(self, a, ctx) {
    const s = stackOf(self.encoder_layer, self.num_layers, self.norm, 'torch.nn.TransformerEncoderLayer');
    return runEncoder(ctx, s, boolArg(self.enable_nested_tensor), a.src, a.mask, a.src_key_padding_mask);
  },
});

const DECODER_KW = ['tgt_mask', 'memory_mask', 'tgt_key_padding_mask', 'memory_key_padding_mask'] as const;

function decoderKw(a: BoundArgs): Record<string, Value> {
  return Object.fromEntries(DECODER_KW.map((k) => [k, a[k]]));
}

/** [T, N, E] x [S, N, E] -> [T, N, E] */
export const TransformerDecoder = defineModule({
  names: ['torch.nn.TransformerDecoder'],
  init: 'decoder_layer, num_layers, norm=None',
  forward: 'tgt, memory, tgt_mask=None, memory_mask=None, tgt_key_padding_mask=None, memory_key_padding_mask=None',
  params(self) {
    return stackOf(self.decoder_layer, self.num_layers, self.norm, 'torch.nn.TransformerDecoderLayer').params;
  },
  reset: attentionInit(),
  onnx: lowerDecoder,
  rule(self, a, ctx) {
    const s = stackOf(self.decoder_layer, self.num_layers, self.norm, 'torch.nn.TransformerDecoderLayer');
    return runDecoder(ctx, s, a.tgt, a.memory, decoderKw(a));
  },
});

interface Model {
  d: Dim;
  batchFirst: boolean;
  encoder: { custom: ModuleInstance } | { stack: Stack };
  decoder: { custom: ModuleInstance } | { stack: Stack };
  params: NamedShape[];
}

/** The default encoder/decoder Transformer builds: layers from its own arguments, LayerNorm(d_model). */
function defaultStack(a: BoundArgs, op: typeof TransformerEncoderLayer, count: Value): Stack {
  const kwargs: Record<string, Value> = {};
  for (const k of ['d_model', 'nhead', 'dim_feedforward', 'dropout', 'activation', 'layer_norm_eps', 'batch_first', 'norm_first']) kwargs[k] = a[k];
  const built = constructModule(op, [], kwargs);
  if (!built.ok) throw new OpFailure(built.error);
  const layer = built.module ?? giveUp('layer');
  const n = intArg(count).value ?? giveUp('symbolic layer count');
  const d = intArg(a.d_model);
  const layers: NamedShape[] = [];
  for (let i = 0; i < n; i++) layers.push(...prefixed(`layers.${i}.`, layer.params));
  // LayerNorm(d_model) after layers that already produced [*, d_model]: shape-preserving.
  return { layer, count: n, norm: (_ctx, x) => x, params: [...layers, param('norm.weight', [d]), param('norm.bias', [d])] };
}

function model(a: BoundArgs): Model {
  const custom = (v: Value): ModuleInstance | undefined => (isNone(v) ? undefined : moduleRef(v) ?? giveUp('custom module'));
  const ce = custom(a.custom_encoder);
  const cd = custom(a.custom_decoder);
  const encoder = ce ? { custom: ce } : { stack: defaultStack(a, TransformerEncoderLayer, a.num_encoder_layers) };
  const decoder = cd ? { custom: cd } : { stack: defaultStack(a, TransformerDecoderLayer, a.num_decoder_layers) };
  const part = (p: { custom: ModuleInstance } | { stack: Stack }): readonly NamedShape[] => ('custom' in p ? p.custom.params : p.stack.params);
  return {
    d: intArg(a.d_model), batchFirst: boolArg(a.batch_first), encoder, decoder,
    params: [...prefixed('encoder.', part(encoder)), ...prefixed('decoder.', part(decoder))],
  };
}

/** [S, N, E] x [T, N, E] -> [T, N, E] */
export const Transformer = defineModule({
  names: ['torch.nn.Transformer'],
  init: "d_model=512, nhead=8, num_encoder_layers=6, num_decoder_layers=6, dim_feedforward=2048, dropout=0.1, activation='relu', custom_encoder=None, custom_decoder=None, layer_norm_eps=1e-05, batch_first=False, norm_first=False, device=None, dtype=None",
  forward: 'src, tgt, src_mask=None, tgt_mask=None, memory_mask=None, src_key_padding_mask=None, tgt_key_padding_mask=None, memory_key_padding_mask=None',
  check(self) {
    model(self);
  },
  params(self) {
    return model(self).params;
  },
  reset: attentionInit(true),
  onnx: lowerTransformer,
  rule(self, a, ctx) {
    const m = model(self);
    const src = tensorArg(a.src);
    const tgt = tensorArg(a.tgt);
    if (src.shape.length === 3) {
      const dim = m.batchFirst ? 0 : 1;
      if (tgt.shape.length <= dim) giveUp('tgt rank');
      requireEqual(ctx, src.shape[dim], tgt.shape[dim], () => ({
        code: 'transformer-batch', exception: 'RuntimeError', message: 'the batch number of src and tgt must be equal',
      }));
    }
    const fs = src.shape[src.shape.length - 1];
    const ft = tgt.shape[tgt.shape.length - 1];
    if (!fs || !ft) giveUp('scalar');
    const featureError = () => ({
      code: 'transformer-d-model', exception: 'RuntimeError', message: 'the feature number of src and tgt must be equal to d_model',
      fixes: fs.equals(ft) === 'yes' ? [{ param: 'd_model', value: fs }] : undefined,
    });
    if (fs.equals(m.d) === 'no' || ft.equals(m.d) === 'no') fail('transformer-d-model', 'RuntimeError', featureError().message, featureError().fixes);
    requireEqual(ctx, fs, m.d, featureError);
    requireEqual(ctx, ft, m.d, featureError);
    const memory = 'custom' in m.encoder
      ? invoke(ctx, m.encoder.custom, [a.src], { mask: a.src_mask, src_key_padding_mask: a.src_key_padding_mask })
      : runEncoder(ctx, m.encoder.stack, true, a.src, a.src_mask, a.src_key_padding_mask);
    const kw = decoderKw(a);
    return 'custom' in m.decoder ? invoke(ctx, m.decoder.custom, [a.tgt, memory], kw) : runDecoder(ctx, m.decoder.stack, a.tgt, memory, kw);
  },
});
