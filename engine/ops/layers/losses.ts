// Loss modules and functions: elementwise losses broadcast input and target, class losses
// check [N, C, *] against [N, *]; 'none' keeps the per-element shape, 'mean'/'sum' give [].
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { BoundArgs } from '../signature';
import type { Value } from '../../value';
import { DEFAULT_FLOAT, isFloating, promoteTypes, type DType } from '../dtype';
import { constIntArg, floatArg, isNone, optTensorArg, strArg, tensorArg, wrapDim, type TensorArg } from '../args';
import { broadcastShapes } from '../common/broadcast';
import { defineFunction, defineModule, fail, giveUp, requireEqual, type OpContext, type OpDecl } from '../op';
import { listText, reduced, reductionArg, sizeText, type Reduction } from './common';
import { pairwiseDistanceShape, removeDim } from './distance';
import * as L from './lowerLoss';

function dtypeOf(...ts: (TensorArg | undefined)[]): DType | undefined {
  let out: DType | undefined;
  for (const t of ts) {
    if (t === undefined) continue;
    if (t.dtype === undefined) return undefined;
    out = out === undefined ? t.dtype : promoteTypes(out, t.dtype);
  }
  return out;
}

/** Shapes must match exactly (Python's `target.size() != input.size()`). */
function sameSize(ctx: OpContext, a: Shape, b: Shape, code: string, exception: string, message: string): void {
  if (a.length !== b.length) fail(code, exception, message);
  a.forEach((d, i) => requireEqual(ctx, d, b[i], () => ({ code, exception, message })));
}

/** `out` must have the broadcast shape `full` (in-place ops: `x.mul_(y)`). */
function inPlaceResult(ctx: OpContext, out: Shape, other: Shape): Shape {
  const full = broadcastShapes(ctx, out, other);
  const message = `output with shape ${listText(out)} doesn't match the broadcast shape ${listText(full)}`;
  sameSize(ctx, out, full, 'loss-inplace-shape', 'RuntimeError', message);
  return out;
}

interface LossCall {
  readonly args: BoundArgs;
  readonly ctx: OpContext;
}

type LossRule = (call: LossCall) => { shape: Shape; dtype: DType | undefined; reduction: Reduction };

const t = (v: Value) => tensorArg(v);

/** Elementwise input/target losses with broadcasting; `order` says which operand PyTorch calls `a`. */
function broadcastLoss(order: 'input-first' | 'target-first', reductionFirst = false): LossRule {
  return ({ args, ctx }) => {
    const reduction = reductionFirst ? reductionArg(args.reduction) : undefined;
    const x = t(args.input);
    const y = t(args.target);
    const shape = order === 'input-first' ? broadcastShapes(ctx, x.shape, y.shape) : broadcastShapes(ctx, y.shape, x.shape);
    return { shape, dtype: dtypeOf(x, y), reduction: reduction ?? reductionArg(args.reduction) };
  };
}

/** kl_div: 'batchmean' sums then divides by the batch size. */
const klDiv: LossRule = ({ args, ctx }) => {
  const r = strArg(args.reduction);
  const reduction = r === 'batchmean' ? 'sum' : reductionArg(args.reduction);
  const x = t(args.input);
  const y = t(args.target);
  return { shape: broadcastShapes(ctx, y.shape, x.shape), dtype: dtypeOf(x, y), reduction };
};

/** soft_margin_loss writes into a tensor of the input's shape. */
const softMargin: LossRule = ({ args, ctx }) => {
  const x = t(args.input);
  const y = t(args.target);
  return { shape: inPlaceResult(ctx, x.shape, y.shape), dtype: dtypeOf(x, y), reduction: reductionArg(args.reduction) };
};

const bce: LossRule = ({ args, ctx }) => {
  const reduction = reductionArg(args.reduction);
  const x = t(args.input);
  const y = t(args.target);
  sameSize(ctx, y.shape, x.shape, 'bce-target-size', 'ValueError',
    `Using a target size (${sizeText(y.shape)}) that is different to the input size (${sizeText(x.shape)}) is deprecated. Please ensure they have the same size.`);
  const w = optTensorArg(args.weight);
  if (w) broadcastShapes(ctx, y.shape, w.shape); // weight.expand(_infer_size(target, weight))
  return { shape: x.shape, dtype: dtypeOf(x, y), reduction };
};

const bceWithLogits: LossRule = ({ args, ctx }) => {
  const reduction = reductionArg(args.reduction);
  const x = t(args.input);
  const y = t(args.target);
  sameSize(ctx, y.shape, x.shape, 'bce-target-size', 'ValueError', `Target size (${sizeText(y.shape)}) must be the same as input size (${sizeText(x.shape)})`);
  let shape = x.shape;
  const pw = optTensorArg(args.pos_weight);
  if (pw) shape = inPlaceResult(ctx, shape, broadcastShapes(ctx, pw.shape, y.shape));
  const w = optTensorArg(args.weight);
  if (w) shape = inPlaceResult(ctx, shape, w.shape);
  return { shape, dtype: dtypeOf(x, y), reduction };
};

/** -(y * logsigmoid(x) + ...) [* weight], then the mean over the class (last input) dimension. */
const multilabelSoftMargin: LossRule = ({ args, ctx }) => {
  const x = t(args.input);
  const y = t(args.target);
  let shape = broadcastShapes(ctx, y.shape, x.shape);
  const w = optTensorArg(args.weight);
  if (w) shape = broadcastShapes(ctx, shape, w.shape);
  shape = removeDim(shape, wrapDim(x.shape.length - 1, shape.length));
  return { shape, dtype: dtypeOf(x, y), reduction: reductionArg(args.reduction) };
};

const marginRanking: LossRule = ({ args, ctx }) => {
  const reduction = reductionArg(args.reduction);
  const a = t(args.input1);
  const b = t(args.input2);
  const y = t(args.target);
  if (a.shape.length !== b.shape.length || a.shape.length !== y.shape.length) {
    fail('margin-ranking-dims', 'RuntimeError',
      `margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: ${sizeText(a.shape)}, input2: ${sizeText(b.shape)}, target: ${sizeText(y.shape)} `);
  }
  const diff = broadcastShapes(ctx, a.shape, b.shape);
  return { shape: broadcastShapes(ctx, y.shape, diff), dtype: dtypeOf(a, b, y), reduction };
};

const cosineEmbedding: LossRule = ({ args, ctx }) => {
  const reduction = reductionArg(args.reduction);
  const a = t(args.input1);
  const b = t(args.input2);
  const y = t(args.target);
  const td = y.shape.length;
  if (td !== 0 && td !== 1) fail('cosine-embedding-target', 'RuntimeError', '0D or 1D target tensor expected, multi-target not supported');
  const want = td === 1 ? 2 : 1;
  if (a.shape.length !== want || b.shape.length !== want) {
    fail('cosine-embedding-inputs', 'RuntimeError',
      `${td}D target tensor expects ${want}D input tensors, but found inputs with sizes ${listText(a.shape)} and ${listText(b.shape)}.`);
  }
  const prodShape = broadcastShapes(ctx, a.shape, b.shape);
  const cos = removeDim(prodShape, td);
  return { shape: broadcastShapes(ctx, y.shape, cos), dtype: dtypeOf(a, b), reduction };
};

const hingeEmbedding: LossRule = ({ args, ctx }) => {
  const x = t(args.input);
  const y = t(args.target);
  return { shape: broadcastShapes(ctx, y.shape, x.shape), dtype: dtypeOf(x, y), reduction: reductionArg(args.reduction) };
};

const tripletMargin: LossRule = ({ args, ctx }) => {
  const reduction = reductionArg(args.reduction);
  const [a, p, n] = [t(args.anchor), t(args.positive), t(args.negative)];
  if (a.shape.length !== p.shape.length || p.shape.length !== n.shape.length) {
    fail('triplet-dims', 'RuntimeError', `All inputs should have same dimension but got ${a.shape.length}D, ${p.shape.length}D and ${n.shape.length}D inputs.`);
  }
  const pos = pairwiseDistanceShape(ctx, a.shape, p.shape, false);
  let neg = pairwiseDistanceShape(ctx, a.shape, n.shape, false);
  if (args.swap && args.swap.kind === 'bool' && args.swap.value) neg = broadcastShapes(ctx, neg, pairwiseDistanceShape(ctx, p.shape, n.shape, false));
  return { shape: broadcastShapes(ctx, pos, neg), dtype: dtypeOf(a, p, n), reduction };
};

/** Python-level triplet loss with a pluggable distance; only the default pairwise_distance is modelled. */
const tripletWithDistance: LossRule = ({ args, ctx }) => {
  if (!isNone(args.distance_function)) return giveUp('custom distance_function');
  const [a, p, n] = [t(args.anchor), t(args.positive), t(args.negative)];
  const pos = pairwiseDistanceShape(ctx, a.shape, p.shape, false);
  let neg = pairwiseDistanceShape(ctx, a.shape, n.shape, false);
  if (args.swap && args.swap.kind === 'bool' && args.swap.value) neg = broadcastShapes(ctx, neg, pairwiseDistanceShape(ctx, p.shape, n.shape, false));
  const shape = broadcastShapes(ctx, pos, neg);
  return { shape, dtype: dtypeOf(a, p, n), reduction: reductionArg(args.reduction) };
};

const gaussianNll: LossRule = ({ args, ctx }) => {
  const x = t(args.input);
  const y = t(args.target);
  const v = t(args.var);
  let vs = v.shape;
  const same = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d.equals(b[i]) === 'yes');
  const open = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d.equals(b[i]) !== 'no');
  if (!same(vs, x.shape)) {
    if (open(vs, x.shape) && !same(vs, x.shape)) sameSize(ctx, vs, x.shape, 'gaussian-var-size', 'ValueError', 'var is of incorrect size');
    else if (same(x.shape.slice(0, -1), vs)) vs = [...vs, Dim.of(1)];
    else if (!(vs.length > 0 && same(x.shape.slice(0, -1), vs.slice(0, -1)) && vs[vs.length - 1].value === 1)) {
      fail('gaussian-var-size', 'ValueError', 'var is of incorrect size');
    }
  }
  const r = strArg(args.reduction);
  if (r !== 'none' && r !== 'mean' && r !== 'sum') fail('loss-reduction', 'ValueError', `${r} is not valid`);
  const diff = broadcastShapes(ctx, x.shape, y.shape);
  const quot = broadcastShapes(ctx, diff, vs);
  return { shape: broadcastShapes(ctx, vs, quot), dtype: dtypeOf(x, y, v), reduction: r };
};

const poissonNll: LossRule = ({ args, ctx }) => {
  const x = t(args.input);
  const y = t(args.target);
  const r = strArg(args.reduction);
  const shape = broadcastShapes(ctx, y.shape, x.shape);
  if (r !== 'none' && r !== 'mean' && r !== 'sum') fail('loss-reduction', 'ValueError', `${r} is not valid`);
  return { shape, dtype: dtypeOf(x, y), reduction: r };
};

/** nll_loss for [C]/[N, C], [N, C, H, W] and [N, C, d1, ...] inputs (nll_loss_nd). */
function nllShape(ctx: OpContext, x: TensorArg, y: TensorArg, weight: TensorArg | undefined, reduction: Reduction): Shape {
  const xs = x.shape;
  const ys = y.shape;
  if (xs.length < 1) fail('nll-rank', 'ValueError', `Expected 1 or more dimensions (got ${xs.length})`);
  if (xs.length !== 1) {
    if (ys.length === 0) return fail('nll-target', 'RuntimeError', '0D or 1D target tensor expected, multi-target not supported');
    requireEqual(ctx, xs[0], ys[0], () => ({
      code: 'nll-batch', exception: 'ValueError', message: `Expected input batch_size (${xs[0]}) to match target batch_size (${ys[0]}).`,
    }));
  }
  const classes = xs.length === 1 ? xs[0] : xs[1];
  const checkWeight = () => {
    if (!weight) return;
    const message = `weight tensor should be defined either for all ${classes} classes or no classes but got weight tensor of shape: ${listText(weight.shape)}`;
    if (weight.shape.length !== 1) fail('nll-weight', 'RuntimeError', message);
    requireEqual(ctx, weight.shape[0], classes, () => ({ code: 'nll-weight', exception: 'RuntimeError', message }));
  };
  let out: Shape;
  if (xs.length <= 2) {
    if (ys.length > 1) fail('nll-target', 'RuntimeError', '0D or 1D target tensor expected, multi-target not supported');
    const noBatch = xs.length === 1 && ys.length === 0;
    if (!noBatch) {
      const message = `size mismatch (got input: ${listText(xs)}, target: ${listText(ys)})`;
      if (ys.length === 0) fail('nll-target', 'RuntimeError', message);
      requireEqual(ctx, xs[0], ys[0], () => ({ code: 'nll-target', exception: 'RuntimeError', message }));
    }
    checkWeight();
    out = xs.length === 2 ? [xs[0]] : [];
  } else if (xs.length === 4) {
    if (ys.length !== 3) fail('nll-target', 'RuntimeError', `only batches of spatial targets supported (3D tensors) but got targets of dimension: ${ys.length}`);
    const message = `size mismatch (got input: ${listText(xs)} , target: ${listText(ys)}`;
    [[xs[2], ys[1]], [xs[3], ys[2]]].forEach(([a, b]) => requireEqual(ctx, a, b, () => ({ code: 'nll-target', exception: 'RuntimeError', message })));
    checkWeight();
    out = [xs[0], xs[2], xs[3]];
  } else {
    out = [xs[0], ...xs.slice(2)];
    const message = `Expected target size ${listText(out)}, got ${listText(ys)}`;
    sameSize(ctx, ys.slice(1), xs.slice(2), 'nll-target', 'RuntimeError', message);
    checkWeight();
  }
  if (y.dtype !== undefined && y.dtype !== 'int64') {
    fail('nll-target-dtype', 'RuntimeError', `expected scalar type Long but found ${SCALAR_NAMES[y.dtype] ?? y.dtype}`);
  }
  return reduction === 'none' ? out : [];
}

const SCALAR_NAMES: Partial<Record<DType, string>> = {
  int32: 'Int', int16: 'Short', int8: 'Char', uint8: 'Byte', bool: 'Bool', float32: 'Float', float64: 'Double', float16: 'Half',
};

const nll: LossRule = ({ args, ctx }) => {
  const reduction = reductionArg(args.reduction);
  const x = t(args.input);
  const shape = nllShape(ctx, x, t(args.target), optTensorArg(args.weight), reduction);
  return { shape, dtype: x.dtype, reduction: 'none' };
};

const crossEntropy: LossRule = ({ args, ctx }) => {
  const reduction = reductionArg(args.reduction);
  const x = t(args.input);
  const y = t(args.target);
  const w = optTensorArg(args.weight);
  // CPU log_softmax has no float16 kernel; the last-dim kernel names itself in the error.
  if (x.dtype === 'float16') {
    const classDim = x.shape.length === 1 ? 0 : 1;
    if (classDim !== x.shape.length - 1) return giveUp('float16 log_softmax over an inner dimension');
    fail('cross-entropy-half', 'RuntimeError', `"log_softmax_lastdim_kernel_impl" not implemented for 'Half'`);
  }
  const sameShape = x.shape.length === y.shape.length && x.shape.every((d, i) => d.equals(y.shape[i]) === 'yes');
  // A floating target of the input's rank whose sizes may equal the input's: probabilities,
  // on the assumption that they do (class indices would need an int64 target anyway).
  const maybeSame = x.shape.length === y.shape.length && x.shape.every((d, i) => d.equals(y.shape[i]) !== 'no');
  if (maybeSame && !sameShape && y.dtype !== undefined && isFloating(y.dtype)) {
    x.shape.forEach((d, i) => requireEqual(ctx, y.shape[i], d, () => ({
      code: 'cross-entropy-target', exception: 'RuntimeError', message: '0D or 1D target tensor expected, multi-target not supported',
    })));
  }
  if ((sameShape || maybeSame) && y.dtype !== undefined && isFloating(y.dtype)) {
    // Class probabilities: the class dimension is reduced.
    const classDim = x.shape.length === 1 ? 0 : 1;
    const classes = x.shape[classDim];
    if (w) {
      const message = `cross_entropy: weight tensor should be defined either for all ${classes} classes or no classes but got weight tensor of shape: ${listText(w.shape)}`;
      if (w.shape.length !== 1) fail('nll-weight', 'RuntimeError', message);
      requireEqual(ctx, w.shape[0], classes, () => ({ code: 'nll-weight', exception: 'RuntimeError', message }));
    }
    return { shape: reduction === 'none' ? removeDim(x.shape, classDim) : [], dtype: dtypeOf(x, y), reduction: 'none' };
  }
  if (sameShape) fail('cross-entropy-target', 'RuntimeError', `Expected floating point type for target with class probabilities, got ${SCALAR_NAMES[y.dtype!] ?? 'Long'}`);
  if (x.shape.length === 0) return fail('nll-rank', 'ValueError', 'Expected 1 or more dimensions (got 0)');
  return { shape: nllShape(ctx, x, y, w, reduction), dtype: x.dtype, reduction: 'none' };
};

/** multilabel_margin_loss: [C] or [N, C] input with an int64 target of the same size. */
const multilabelMargin: LossRule = ({ args, ctx }) => {
  const reduction = reductionArg(args.reduction);
  const x = t(args.input);
  const y = t(args.target);
  const xs = x.shape;
  if (xs.length > 2) fail('multilabel-margin-rank', 'RuntimeError', `Expected non-empty vector or matrix with optional 0-dim batch size, but got: ${listText(xs)}`);
  const message = `inconsistent size ${listText(y.shape)} for argument #2 'target'`;
  if (xs.length <= 1) {
    const dim = xs.length === 0 ? Dim.of(1) : xs[0];
    if (y.shape.length > 1) fail('multilabel-margin-target', 'RuntimeError', message);
    requireEqual(ctx, y.shape.reduce((a, d) => a.mul(d), Dim.of(1)), dim, () => ({ code: 'multilabel-margin-target', exception: 'RuntimeError', message }));
    return { shape: [], dtype: x.dtype, reduction };
  }
  sameSize(ctx, y.shape, xs, 'multilabel-margin-target', 'RuntimeError', message);
  return { shape: [xs[0]], dtype: x.dtype, reduction };
};

/** multi_margin_loss: [C] or [N, C] input with one int64 class per row. */
const multiMargin: LossRule = ({ args, ctx }) => {
  const reduction = reductionArg(args.reduction);
  const x = t(args.input);
  const y = t(args.target);
  const xs = x.shape;
  if (xs.length > 2) fail('multi-margin-rank', 'RuntimeError', `Expected non-empty vector or matrix with optional 0-dim batch size, but got: ${listText(xs)}`);
  const nframe = xs.length <= 1 ? Dim.of(1) : xs[0];
  const message = `inconsistent target size, got: ${listText(y.shape)}`;
  if (y.shape.length > 1) fail('multi-margin-target', 'RuntimeError', message);
  requireEqual(ctx, y.shape.reduce((a, d) => a.mul(d), Dim.of(1)), nframe, () => ({ code: 'multi-margin-target', exception: 'RuntimeError', message }));
  // 1.13 does not check weight's size here: it is only indexed by target values.
  // Unbatched: the result takes the target's shape ([] or [1]).
  return { shape: xs.length <= 1 ? y.shape : [xs[0]], dtype: x.dtype, reduction };
};

// Legacy size_average/reduce override `reduction`; only the default (None) is modelled.
function legacyOk(args: BoundArgs): void {
  if (!isNone(args.size_average) || !isNone(args.reduce)) {
    const sa = args.size_average && !isNone(args.size_average) ? floatArg(args.size_average) !== 0 : true;
    const rd = args.reduce && !isNone(args.reduce) ? floatArg(args.reduce) !== 0 : true;
    (args as Record<string, Value>).reduction = { kind: 'str', value: !rd ? 'none' : sa ? 'mean' : 'sum' };
  }
}

/** A call's arguments with the legacy size_average/reduce turned into `reduction`. */
function lossArgs(args: BoundArgs): BoundArgs {
  const a = { ...args };
  legacyOk(a);
  return a;
}

function run(rule: LossRule, args: BoundArgs, ctx: OpContext) {
  const a = lossArgs(args);
  const r = rule({ args: a, ctx });
  return reduced(r.shape, r.reduction, r.dtype ?? DEFAULT_FLOAT);
}

const LEGACY = 'size_average=None, reduce=None';

interface LossSpec {
  readonly module: string;
  readonly init: string;
  readonly forward: string;
  readonly fn?: string;
  readonly fnSig?: string;
  readonly rule: LossRule;
  /** Module attribute names that the functional form takes under another name. */
  readonly rename?: Readonly<Record<string, string>>;
  readonly check?: (self: BoundArgs) => void;
  /** The ONNX lowering (lowerLoss.ts). */
  readonly lower: L.LossLowering;
}

const LOSSES: readonly LossSpec[] = [
  { module: 'MSELoss', lower: L.mseLoss, init: `${LEGACY}, reduction='mean'`, forward: 'input, target', fn: 'mse_loss', fnSig: `input, target, ${LEGACY}, reduction='mean'`, rule: broadcastLoss('input-first') },
  { module: 'L1Loss', lower: L.l1Loss, init: `${LEGACY}, reduction='mean'`, forward: 'input, target', fn: 'l1_loss', fnSig: `input, target, ${LEGACY}, reduction='mean'`, rule: broadcastLoss('input-first') },
  { module: 'SmoothL1Loss', lower: L.smoothL1Loss, init: `${LEGACY}, reduction='mean', beta=1.0`, forward: 'input, target', fn: 'smooth_l1_loss', fnSig: `input, target, ${LEGACY}, reduction='mean', beta=1.0`, rule: broadcastLoss('input-first') },
  { module: 'HuberLoss', lower: L.huberLoss, init: "reduction='mean', delta=1.0", forward: 'input, target', fn: 'huber_loss', fnSig: "input, target, reduction='mean', delta=1.0", rule: broadcastLoss('input-first') },
  { module: 'SoftMarginLoss', lower: L.softMarginLoss, init: `${LEGACY}, reduction='mean'`, forward: 'input, target', fn: 'soft_margin_loss', fnSig: `input, target, ${LEGACY}, reduction='mean'`, rule: softMargin },
  { module: 'KLDivLoss', lower: L.klDivLoss, init: `${LEGACY}, reduction='mean', log_target=False`, forward: 'input, target', fn: 'kl_div', fnSig: `input, target, ${LEGACY}, reduction='mean', log_target=False`, rule: klDiv },
  {
    module: 'CrossEntropyLoss', lower: L.crossEntropyLoss, init: `weight=None, size_average=None, ignore_index=-100, reduce=None, reduction='mean', label_smoothing=0.0`, forward: 'input, target',
    fn: 'cross_entropy', fnSig: "input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction='mean', label_smoothing=0.0", rule: crossEntropy,
  },
  {
    module: 'NLLLoss', lower: L.nllLoss, init: "weight=None, size_average=None, ignore_index=-100, reduce=None, reduction='mean'", forward: 'input, target',
    fn: 'nll_loss', fnSig: "input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction='mean'", rule: nll,
  },
  { module: 'BCELoss', lower: L.bceLoss, init: `weight=None, ${LEGACY}, reduction='mean'`, forward: 'input, target', fn: 'binary_cross_entropy', fnSig: `input, target, weight=None, ${LEGACY}, reduction='mean'`, rule: bce },
  {
    module: 'BCEWithLogitsLoss', lower: L.bceWithLogitsLoss, init: `weight=None, ${LEGACY}, reduction='mean', pos_weight=None`, forward: 'input, target',
    fn: 'binary_cross_entropy_with_logits', fnSig: `input, target, weight=None, ${LEGACY}, reduction='mean', pos_weight=None`, rule: bceWithLogits,
  },
  {
    module: 'MultiLabelSoftMarginLoss', lower: L.multilabelSoftMarginLoss, init: `weight=None, ${LEGACY}, reduction='mean'`, forward: 'input, target',
    fn: 'multilabel_soft_margin_loss', fnSig: `input, target, weight=None, ${LEGACY}, reduction='mean'`, rule: multilabelSoftMargin,
  },
  {
    module: 'MarginRankingLoss', lower: L.marginRankingLoss, init: `margin=0.0, ${LEGACY}, reduction='mean'`, forward: 'input1, input2, target',
    fn: 'margin_ranking_loss', fnSig: `input1, input2, target, margin=0, ${LEGACY}, reduction='mean'`, rule: marginRanking,
  },
  {
    module: 'CosineEmbeddingLoss', lower: L.cosineEmbeddingLoss, init: `margin=0.0, ${LEGACY}, reduction='mean'`, forward: 'input1, input2, target',
    fn: 'cosine_embedding_loss', fnSig: `input1, input2, target, margin=0, ${LEGACY}, reduction='mean'`, rule: cosineEmbedding,
  },
  {
    module: 'HingeEmbeddingLoss', lower: L.hingeEmbeddingLoss, init: `margin=1.0, ${LEGACY}, reduction='mean'`, forward: 'input, target',
    fn: 'hinge_embedding_loss', fnSig: `input, target, margin=1.0, ${LEGACY}, reduction='mean'`, rule: hingeEmbedding,
  },
  {
    module: 'TripletMarginLoss', lower: L.tripletMarginLoss, init: `margin=1.0, p=2.0, eps=1e-06, swap=False, ${LEGACY}, reduction='mean'`, forward: 'anchor, positive, negative',
    fn: 'triplet_margin_loss', fnSig: `anchor, positive, negative, margin=1.0, p=2, eps=1e-06, swap=False, ${LEGACY}, reduction='mean'`, rule: tripletMargin,
  },
  {
    module: 'TripletMarginWithDistanceLoss', lower: L.tripletWithDistanceLoss, init: "*, distance_function=None, margin=1.0, swap=False, reduction='mean'", forward: 'anchor, positive, negative',
    fn: 'triplet_margin_with_distance_loss', fnSig: "anchor, positive, negative, *, distance_function=None, margin=1.0, swap=False, reduction='mean'",
    rule: tripletWithDistance,
  },
  {
    module: 'PoissonNLLLoss', lower: L.poissonNllLoss, init: "log_input=True, full=False, size_average=None, eps=1e-08, reduce=None, reduction='mean'", forward: 'log_input, target',
    fn: 'poisson_nll_loss', fnSig: "input, target, log_input=True, full=False, size_average=None, eps=1e-08, reduce=None, reduction='mean'", rule: poissonNll,
    rename: { log_input: 'input' },
  },
  {
    module: 'GaussianNLLLoss', lower: L.gaussianNllLoss, init: "*, full=False, eps=1e-06, reduction='mean'", forward: 'input, target, var',
    fn: 'gaussian_nll_loss', fnSig: "input, target, var, full=False, eps=1e-06, reduction='mean'", rule: gaussianNll,
  },
  {
    module: 'MultiLabelMarginLoss', lower: L.multilabelMarginLoss, init: `${LEGACY}, reduction='mean'`, forward: 'input, target',
    fn: 'multilabel_margin_loss', fnSig: `input, target, ${LEGACY}, reduction='mean'`, rule: multilabelMargin,
  },
  {
    module: 'MultiMarginLoss', lower: L.multiMarginLoss, init: `p=1, margin=1.0, weight=None, ${LEGACY}, reduction='mean'`, forward: 'input, target',
    fn: 'multi_margin_loss', fnSig: `input, target, p=1, margin=1.0, weight=None, ${LEGACY}, reduction='mean'`, rule: multiMargin,
    check(self) {
      const p = constIntArg(self.p);
      if (p !== 1 && p !== 2) fail('multi-margin-p', 'ValueError', 'only p == 1 and p == 2 supported');
      const w = optTensorArg(self.weight);
      if (w && w.shape.length !== 1) fail('multi-margin-weight', 'ValueError', 'weight must be None or 1D');
    },
  },
];

function moduleArgs(s: LossSpec, self: BoundArgs, inputs: BoundArgs): BoundArgs {
  const args: Record<string, Value> = { ...self, ...inputs };
  for (const [from, to] of Object.entries(s.rename ?? {})) {
    // PoissonNLLLoss: forward's `log_input` tensor is `input`; the flag of that name is the module's.
    args[to] = inputs[from];
    if (from in self) args[from] = self[from];
  }
  return args;
}

function declareLoss(s: LossSpec): OpDecl[] {
  const out: OpDecl[] = [
    defineModule({
      names: [`torch.nn.${s.module}`],
      init: s.init,
      forward: s.forward,
      check: s.check ? (self) => s.check!(self) : undefined,
      params: () => [],
      // Weight tensors given to the constructor are registered as buffers.
      buffers: (self) => ['weight', 'pos_weight'].flatMap((name) => {
        const w = name in self ? optTensorArg(self[name]) : undefined;
        return w ? [{ name, shape: w.shape, dtype: w.dtype ?? DEFAULT_FLOAT }] : [];
      }),
      // The module's constructor settings (weight, reduction...) join the call's tensors.
      rule: (self, inputs, ctx) => run(s.rule, moduleArgs(s, self, inputs), ctx),
      onnx: (g, call) => L.lowerLossCall(g, call, lossArgs(moduleArgs(s, call.self!, call.args)), true, s.lower),
    }),
  ];
  if (s.fn && s.fnSig) {
    out.push(defineFunction({
      names: [`torch.nn.functional.${s.fn}`],
      signature: s.fnSig,
      rule: (args, ctx) => run(s.rule, args, ctx),
      onnx: (g, call) => L.lowerLossCall(g, call, lossArgs(call.args), false, s.lower),
    }));
  }
  return out;
}

export const lossOps: readonly OpDecl[] = LOSSES.flatMap(declareLoss);
