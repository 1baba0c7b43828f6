// Lowering glue for nn.MultiheadAttention and the nn.Transformer family: layouts (batch_first,
// unbatched) in and out, layer stacks by state_dict prefix, the optional final norms.
import type { Value } from '../../value';
import { boolArg, floatArg, isNone, strArg } from '../args';
import type { ModuleInstance } from '../apply';
import type { Lowered, OnnxCall, OnnxGraph } from '../lowering';
import type { BoundArgs } from '../signature';
import { attention, decoderLayer, encoderLayer, layerNorm, swap01, type LayerSpec, type ParamOf } from './lowerAttention';
import { moduleRef } from './common';

/** An input as batch-first [N, L, E]; `restore` puts an output back in the input's layout. */
function toBatchFirst(g: OnnxGraph, v: Value, batchFirst: boolean): { x: string; n: number; len: number; restore: (y: string) => string } {
  const shape = g.shape(v);
  const x = g.input(v);
  if (shape.length === 2) {
    return { x: g.op('Unsqueeze', [x, g.ints([0])]), n: 1, len: shape[0], restore: (y) => g.op('Squeeze', [y, g.ints([0])]) };
  }
  if (batchFirst) return { x, n: shape[0], len: shape[1], restore: (y) => y };
  return { x: swap01(g, x), n: shape[1], len: shape[0], restore: (y) => swap01(g, y) };
}

export function lowerMha(g: OnnxGraph, call: OnnxCall): Lowered {
  const self = call.self!;
  const a = call.args;
  if (boolArg(self.add_bias_kv) || boolArg(self.add_zero_attn)) return g.noKernel('attention with add_bias_kv or add_zero_attn');
  const bf = boolArg(self.batch_first);
  const q = toBatchFirst(g, a.query, bf);
  const k = toBatchFirst(g, a.key, bf);
  const v = toBatchFirst(g, a.value, bf);
  const need = boolArg(a.need_weights);
  const spec = { embed: g.int(self.embed_dim), heads: g.int(self.num_heads), bias: boolArg(self.bias), packed: g.hasParam('in_proj_weight') };
  const r = attention(g, spec, (name) => g.param(name), q.x, k.x, v.x, { n: q.n, l: q.len, s: k.len },
    { attnMask: a.attn_mask, keyPaddingMask: a.key_padding_mask }, need ? (boolArg(a.average_attn_weights) ? 'average' : 'per-head') : 'none');
  const unbatched = g.shape(a.query).length === 2;
  const w = r.weights && unbatched ? g.op('Squeeze', [r.weights, g.ints([0])]) : r.weights;
  return [q.restore(r.out), w];
}

function layerSpec(g: OnnxGraph, self: BoundArgs): LayerSpec {
  const act = self.activation;
  if (act.kind !== 'str' || (act.value !== 'relu' && act.value !== 'gelu')) return g.noKernel('a transformer layer with a callable activation');
  return {
    d: g.int(self.d_model), heads: g.int(self.nhead), ff: g.int(self.dim_feedforward), activation: strArg(act) as 'relu' | 'gelu',
    eps: floatArg(self.layer_norm_eps), normFirst: boolArg(self.norm_first),
  };
}

function opt(v: Value | undefined): Value | undefined {
  return v === undefined || isNone(v) ? undefined : v;
}

export function lowerEncoderLayer(g: OnnxGraph, call: OnnxCall): string {
  const self = call.self!;
  const s = layerSpec(g, self);
  const x = toBatchFirst(g, call.args.src, boolArg(self.batch_first));
  const y = encoderLayer(g, s, (n) => g.param(n), x.x, x.n, x.len, opt(call.args.src_mask), opt(call.args.src_key_padding_mask));
  return x.restore(y);
}

export function lowerDecoderLayer(g: OnnxGraph, call: OnnxCall): string {
  const self = call.self!;
  const a = call.args;
  const s = layerSpec(g, self);
  const bf = boolArg(self.batch_first);
  const t = toBatchFirst(g, a.tgt, bf);
  const m = toBatchFirst(g, a.memory, bf);
  const y = decoderLayer(g, s, (n) => g.param(n), t.x, m.x, t.n, t.len, m.len, {
    tgtMask: opt(a.tgt_mask), memoryMask: opt(a.memory_mask), tgtKpm: opt(a.tgt_key_padding_mask), memoryKpm: opt(a.memory_key_padding_mask),
  });
  return t.restore(y);
}

interface StackSpec {
  readonly layer: LayerSpec;
  readonly count: number;
  readonly normEps: number | undefined;
  readonly batchFirst: boolean;
}

function stackSpec(g: OnnxGraph, layerV: Value, countV: Value, normV: Value): StackSpec {
  const layer = moduleRef(layerV);
  if (!layer) return g.noKernel('a custom layer');
  const norm: ModuleInstance | undefined = isNone(normV) ? undefined : moduleRef(normV);
  if (!isNone(normV) && (!norm || !norm.op.names.includes('torch.nn.LayerNorm'))) return g.noKernel('a custom final norm');
  return {
    layer: layerSpec(g, layer.args), count: g.int(countV), normEps: norm ? floatArg(norm.args.eps) : undefined,
    batchFirst: boolArg(layer.args.batch_first),
  };
}

function prefixed(g: OnnxGraph, prefix: string): ParamOf {
  return (name) => g.param(`${prefix}${name}`);
}

export function lowerEncoder(g: OnnxGraph, call: OnnxCall): string {
  const self = call.self!;
  const s = stackSpec(g, self.encoder_layer, self.num_layers, self.norm);
  const x = toBatchFirst(g, call.args.src, s.batchFirst);
  const y = encoderStack(g, s, '', x.x, x.n, x.len, opt(call.args.mask), opt(call.args.src_key_padding_mask));
  return x.restore(y);
}

function encoderStack(g: OnnxGraph, s: StackSpec, prefix: string, x: string, n: number, len: number, mask?: Value, kpm?: Value): string {
  for (let i = 0; i < s.count; i++) x = encoderLayer(g, s.layer, prefixed(g, `${prefix}layers.${i}.`), x, n, len, mask, kpm);
  return s.normEps === undefined ? x : layerNorm(g, x, prefixed(g, prefix), 'norm', s.normEps);
}

function decoderStack(g: OnnxGraph, s: StackSpec, prefix: string, x: string, mem: string, n: number, t: number, sLen: number, m: Parameters<typeof decoderLayer>[8]): string {
  for (let i = 0; i < s.count; i++) x = decoderLayer(g, s.layer, prefixed(g, `${prefix}layers.${i}.`), x, mem, n, t, sLen, m);
  return s.normEps === undefined ? x : layerNorm(g, x, prefixed(g, prefix), 'norm', s.normEps);
}

function decoderMasks(a: BoundArgs) {
  return { tgtMask: opt(a.tgt_mask), memoryMask: opt(a.memory_mask), tgtKpm: opt(a.tgt_key_padding_mask), memoryKpm: opt(a.memory_key_padding_mask) };
}

export function lowerDecoder(g: OnnxGraph, call: OnnxCall): string {
  const self = call.self!;
  const s = stackSpec(g, self.decoder_layer, self.num_layers, self.norm);
  const t = toBatchFirst(g, call.args.tgt, s.batchFirst);
  const m = toBatchFirst(g, call.args.memory, s.batchFirst);
  return t.restore(decoderStack(g, s, '', t.x, m.x, t.n, t.len, m.len, decoderMasks(call.args)));
}

export function lowerTransformer(g: OnnxGraph, call: OnnxCall): string {
  const self = call.self!;
  const a = call.args;
  if (!isNone(self.custom_encoder) || !isNone(self.custom_decoder)) return g.noKernel('a transformer with a custom encoder or decoder');
  const layer = layerSpec(g, self);
  const eps = floatArg(self.layer_norm_eps);
  const bf = boolArg(self.batch_first);
  const enc: StackSpec = { layer, count: g.int(self.num_encoder_layers), normEps: eps, batchFirst: bf };
  const dec: StackSpec = { layer, count: g.int(self.num_decoder_layers), normEps: eps, batchFirst: bf };
  const src = toBatchFirst(g, a.src, bf);
  const tgt = toBatchFirst(g, a.tgt, bf);
  const memory = encoderStack(g, enc, 'encoder.', src.x, src.n, src.len, opt(a.src_mask), opt(a.src_key_padding_mask));
  const y = decoderStack(g, dec, 'decoder.', tgt.x, memory, tgt.n, tgt.len, src.len, {
    tgtMask: opt(a.tgt_mask), memoryMask: opt(a.memory_mask), tgtKpm: opt(a.tgt_key_padding_mask), memoryKpm: opt(a.memory_key_padding_mask),
  });
  return tgt.restore(y);
}

