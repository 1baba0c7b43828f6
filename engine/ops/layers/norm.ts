// Batch and instance normalisation (modules and functions): [N, C, *] -> [N, C, *], with
// PyTorch's per-channel size checks (running stats, then weight and bias).
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { DEFAULT_FLOAT, type DType } from '../dtype';
import { boolArg, dtypeArg, intArg, optTensorArg, tensorArg, type TensorArg } from '../args';
import { defineFunction, defineModule, fail, giveUp, requireEqual, type NamedShape, type OpContext, type OpDecl } from '../op';
import { numel } from '../../shape/shape';
import { prod, sameAs, sizeText } from './common';
import { floatArg, isNone } from '../args';
import { normInit } from '../common/init';
import type { OnnxCall, OnnxGraph } from '../lowering';
import { batchNormInference, channelAffine, normalizeOver } from './lowerNorm';

/** Batch norm: running statistics in eval mode, batch statistics in training or without them. */
function lowerBatchNorm(g: OnnxGraph, input: Value, useBatchStats: boolean, mean: string | undefined, variance: string | undefined, weight: string | undefined, bias: string | undefined, eps: number): string {
  const shape = g.shape(input);
  const x = g.input(input);
  g.flops(2 * shape.reduce((a, b) => a * b, 1));
  if (!useBatchStats && mean && variance) return batchNormInference(g, x, shape[1], mean, variance, weight, bias, eps);
  const axes = shape.map((_, i) => i).filter((i) => i !== 1);
  return channelAffine(g, normalizeOver(g, x, axes, eps), shape.length, weight, bias);
}

/** Instance norm: statistics per sample and channel, over the spatial axes. */
function lowerInstanceNorm(g: OnnxGraph, input: Value, spatialRank: number, weight: string | undefined, bias: string | undefined, eps: number): string {
  const shape = g.shape(input);
  let x = g.input(input);
  const unbatched = shape.length === spatialRank + 1;
  if (unbatched) x = g.op('Unsqueeze', [x, g.ints([0])]);
  const rank = unbatched ? shape.length + 1 : shape.length;
  const axes = Array.from({ length: rank - 2 }, (_, i) => i + 2);
  let y = channelAffine(g, normalizeOver(g, x, axes, eps), rank, weight, bias);
  if (unbatched) y = g.op('Squeeze', [y, g.ints([0])]);
  g.flops(4 * shape.reduce((a, b) => a * b, 1));
  return y;
}

function optParam(g: OnnxGraph, name: string): string | undefined {
  return g.hasParam(name) ? g.param(name) : undefined;
}

function optInput(g: OnnxGraph, v: Value): string | undefined {
  return isNone(v) ? undefined : g.input(v);
}

function moduleBatchNorm(g: OnnxGraph, call: OnnxCall): string {
  const self = call.self!;
  const track = boolArg(self.track_running_stats);
  return lowerBatchNorm(g, call.args.input, call.training || !track, track ? g.param('running_mean') : undefined,
    track ? g.param('running_var') : undefined, optParam(g, 'weight'), optParam(g, 'bias'), floatArg(self.eps));
}

/** `_verify_batch_size`: training statistics need more than one value per channel. */
function verifyBatchSize(shape: Shape): void {
  const n = prod([shape[0], ...shape.slice(2)]).value;
  if (n === 1) fail('batchnorm-one-value', 'ValueError', `Expected more than 1 value per channel when training, got input size ${sizeText(shape)}`);
}

/** `_verify_spatial_size`: instance statistics need more than one spatial element. */
function verifySpatialSize(shape: Shape): void {
  const n = prod(shape.slice(2)).value;
  if (n === 1) fail('instancenorm-one-value', 'ValueError', `Expected more than 1 spatial element when training, got input size ${sizeText(shape)}`);
}

interface ChannelTensors {
  readonly running_mean?: Dim;
  readonly running_var?: Dim;
  readonly weight?: Dim;
  readonly bias?: Dim;
}

/** torch.batch_norm's checks: each per-channel tensor must hold `channels` elements. */
function checkChannels(ctx: OpContext, channels: Dim, given: ChannelTensors, fixParam?: string, scale: Dim = Dim.of(1)): void {
  const checked = new Set<string>();
  for (const name of ['running_mean', 'running_var', 'weight', 'bias'] as const) {
    const n = given[name];
    // The same open question (C = num_features) is recorded once, not once per tensor.
    if (n === undefined || checked.has(n.toString())) continue;
    checked.add(n.toString());
    requireEqual(ctx, channels, n, () => ({
      code: 'norm-num-features',
      exception: 'RuntimeError',
      message: `${name} should contain ${channels} elements not ${n}`,
      fixes: fixParam ? [{ param: fixParam, value: channels.floordiv(scale) ?? channels }] : undefined,
    }));
  }
}

function numelOf(t: TensorArg | undefined): Dim | undefined {
  return t === undefined ? undefined : numel(t.shape);
}

function channelParams(nf: Dim, affine: boolean, dtype: DType = DEFAULT_FLOAT): NamedShape[] {
  return affine ? [{ name: 'weight', shape: [nf], dtype }, { name: 'bias', shape: [nf], dtype }] : [];
}

function runningBuffers(nf: Dim, track: boolean, dtype: DType = DEFAULT_FLOAT): NamedShape[] {
  if (!track) return [];
  return [
    { name: 'running_mean', shape: [nf], dtype },
    { name: 'running_var', shape: [nf], dtype },
    { name: 'num_batches_tracked', shape: [], dtype: 'int64' },
  ];
}

const BN_INIT = 'num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None';
const IN_INIT = 'num_features, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False, device=None, dtype=None';

function rankText(ranks: readonly number[]): string {
  return ranks.map((r) => `${r}D`).join(' or ');
}

/** BatchNorm1d/2d/3d: [N, C, *] with C = num_features. */
function batchNormModule(name: string, ranks: readonly number[], init = BN_INIT, rankError = `expected ${rankText(ranks)} input`) {
  return defineModule({
    names: [`torch.nn.${name}`],
    init,
    forward: 'input',
    params: (self) => channelParams(intArg(self.num_features), boolArg(self.affine), dtypeArg(self.dtype)),
    buffers: (self) => runningBuffers(intArg(self.num_features), boolArg(self.track_running_stats), dtypeArg(self.dtype)),
    reset: normInit,
    onnx: moduleBatchNorm,
    rule(self, { input }, ctx) {
      const x = tensorArg(input);
      const r = x.shape.length;
      if (!ranks.includes(r)) fail('batchnorm-rank', 'ValueError', `${rankError} (got ${r}D input)`);
      const nf = intArg(self.num_features);
      const affine = boolArg(self.affine);
      const track = boolArg(self.track_running_stats);
      // Training mode, or no running stats to use: batch statistics.
      if (ctx.training || !track) verifyBatchSize(x.shape);
      checkChannels(ctx, x.shape[1], track ? { running_mean: nf, running_var: nf, ...(affine ? { weight: nf, bias: nf } : {}) } : affine ? { weight: nf, bias: nf } : {}, 'num_features');
      // CPU batch_norm rejects an input dtype other than its parameters' (float32 ones take bfloat16).
      const pd = dtypeArg(self.dtype) ?? DEFAULT_FLOAT;
      if ((affine || track) && x.dtype !== undefined && pd !== DEFAULT_FLOAT && x.dtype !== pd) {
        if (x.dtype === DEFAULT_FLOAT) fail('batchnorm-dtype', 'RuntimeError', 'mixed dtype (CPU): expect parameter to have scalar type of Float');
        giveUp('mixed parameter and input dtypes');
      }
      if ((affine || track) && x.dtype !== undefined && pd === DEFAULT_FLOAT && x.dtype !== DEFAULT_FLOAT && x.dtype !== 'bfloat16') {
        fail('batchnorm-dtype', 'RuntimeError', 'mixed dtype (CPU): expect input to have scalar type of BFloat16');
      }
      return sameAs(x);
    },
  });
}

export const BatchNorm1d = batchNormModule('BatchNorm1d', [2, 3]);
export const BatchNorm2d = batchNormModule('BatchNorm2d', [4]);
export const BatchNorm3d = batchNormModule('BatchNorm3d', [5]);
/**
 * SyncBatchNorm: [N, C, +] -> the same. Without a process group (one process, as here) it is
 * F.batch_norm over any rank from 2; only a distributed run syncs statistics across processes.
 * (1.13 also refuses a CPU input; later releases check the device only when they sync.)
 */
export const SyncBatchNorm = batchNormModule('SyncBatchNorm', [2, 3, 4, 5, 6, 7, 8],
  'num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, process_group=None, device=None, dtype=None', 'expected at least 2D input');

export const batch_norm = defineFunction({
  names: ['torch.nn.functional.batch_norm'],
  signature: 'input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1, eps=1e-05',
  onnx(g, { args }) {
    if (g.shape(args.input).length < 2) return g.noKernel('batch_norm on a 1-D input');
    return lowerBatchNorm(g, args.input, boolArg(args.training), optInput(g, args.running_mean), optInput(g, args.running_var),
      optInput(g, args.weight), optInput(g, args.bias), floatArg(args.eps));
  },
  rule(args, ctx) {
    const x = tensorArg(args.input);
    if (x.shape.length < 2) return sameAs(x); // [C] inputs are not modelled
    const training = boolArg(args.training);
    if (training) verifyBatchSize(x.shape);
    const rm = numelOf(optTensorArg(args.running_mean));
    if (rm === undefined && !training) fail('batchnorm-running-mean', 'RuntimeError', 'running_mean must be defined in evaluation mode');
    checkChannels(ctx, x.shape[1], {
      running_mean: rm, running_var: numelOf(optTensorArg(args.running_var)),
      weight: numelOf(optTensorArg(args.weight)), bias: numelOf(optTensorArg(args.bias)),
    });
    return sameAs(x);
  },
});

/** torch.instance_norm: batch_norm over [1, N*C, *], so per-channel tensors are repeated N times. */
function instanceNormCore(ctx: OpContext, shape: Shape, given: ChannelTensors, fixParam?: string): void {
  const n = shape[0];
  const scaled: ChannelTensors = Object.fromEntries(
    Object.entries(given).filter(([, v]) => v !== undefined).map(([k, v]) => [k, (v as Dim).mul(n)]),
  );
  checkChannels(ctx, n.mul(shape[1]), scaled, fixParam, n);
}

/** InstanceNorm1d/2d/3d: [N, C, *] or unbatched [C, *]. */
function instanceNormModule(name: string, spatial: number) {
  return defineModule({
    names: [`torch.nn.${name}`],
    init: IN_INIT,
    forward: 'input',
    params: (self) => channelParams(intArg(self.num_features), boolArg(self.affine)),
    buffers: (self) => runningBuffers(intArg(self.num_features), boolArg(self.track_running_stats)),
    reset: normInit,
    onnx(g, call) {
      const self = call.self!;
      const track = boolArg(self.track_running_stats);
      if (track && !call.training) {
        // Running statistics: batch norm with them, per channel.
        const shape = g.shape(call.args.input);
        if (shape.length === spatial + 1) return g.noKernel('unbatched instance norm with running stats');
        return batchNormInference(g, g.input(call.args.input), shape[1], g.param('running_mean'), g.param('running_var'),
          optParam(g, 'weight'), optParam(g, 'bias'), floatArg(self.eps));
      }
      return lowerInstanceNorm(g, call.args.input, spatial, optParam(g, 'weight'), optParam(g, 'bias'), floatArg(self.eps));
    },
    rule(self, { input }, ctx) {
      const x = tensorArg(input);
      const r = x.shape.length;
      if (r !== spatial + 1 && r !== spatial + 2) fail('instancenorm-rank', 'ValueError', `expected ${spatial + 1}D or ${spatial + 2}D input (got ${r}D input)`);
      const shape = r === spatial + 1 ? [Dim.of(1), ...x.shape] : x.shape;
      const nf = intArg(self.num_features);
      const track = boolArg(self.track_running_stats);
      if (ctx.training || !track) verifySpatialSize(shape);
      const affine = boolArg(self.affine);
      instanceNormCore(ctx, shape, {
        ...(track ? { running_mean: nf, running_var: nf } : {}),
        ...(affine ? { weight: nf, bias: nf } : {}),
      }, 'num_features');
      return sameAs(x);
    },
  });
}

export const InstanceNorm1d = instanceNormModule('InstanceNorm1d', 1);
export const InstanceNorm2d = instanceNormModule('InstanceNorm2d', 2);
export const InstanceNorm3d = instanceNormModule('InstanceNorm3d', 3);

export const instance_norm = defineFunction({
  names: ['torch.nn.functional.instance_norm'],
  signature: 'input, running_mean=None, running_var=None, weight=None, bias=None, use_input_stats=True, momentum=0.1, eps=1e-05',
  onnx(g, { args }) {
    const shape = g.shape(args.input);
    if (!boolArg(args.use_input_stats)) {
      return batchNormInference(g, g.input(args.input), shape[1], g.input(args.running_mean), g.input(args.running_var),
        optInput(g, args.weight), optInput(g, args.bias), floatArg(args.eps));
    }
    return lowerInstanceNorm(g, args.input, shape.length - 2, optInput(g, args.weight), optInput(g, args.bias), floatArg(args.eps));
  },
  rule(args, ctx) {
    const x = tensorArg(args.input);
    if (x.shape.length < 2) return sameAs(x);
    const useInputStats = boolArg(args.use_input_stats);
    if (useInputStats) verifySpatialSize(x.shape);
    const t = (v: Value) => numelOf(optTensorArg(v));
    const rm = t(args.running_mean);
    if (!useInputStats && rm === undefined) {
      fail('instancenorm-running-stats', 'RuntimeError', 'Expected running_mean and running_var to be defined when use_input_stats is false');
    }
    instanceNormCore(ctx, x.shape, { running_mean: rm, running_var: t(args.running_var), weight: t(args.weight), bias: t(args.bias) });
    return sameAs(x);
  },
});

export const batchNormOps: readonly OpDecl[] = [
  BatchNorm1d, BatchNorm2d, BatchNorm3d, SyncBatchNorm, batch_norm, InstanceNorm1d, InstanceNorm2d, InstanceNorm3d, instance_norm,
];
