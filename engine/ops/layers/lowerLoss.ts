// ONNX lowering of the losses, after PyTorch 1.13's ATen / torch.nn.functional formulas. Each
// returns the unreduced loss (or an already reduced value for losses whose 'mean' is not a plain
// mean: nll, cross entropy, kl_div's batchmean); `finish` applies the reduction.
import { boolArg, constIntArg, floatArg, isNone, strArg, wrapDim } from '../args';
import { reduceAll, reshapeTo, squeeze, sumAxes, unsqueeze } from '../common/onnx';
import { isFloating, type DType } from '../dtype';
import type { Lowered, OnnxCall, OnnxGraph } from '../lowering';
import type { BoundArgs } from '../signature';
import { pairwiseDistance } from './lowerDistance';

/** One loss call as the lowerings see it: module settings and call arguments merged. */
export interface LossIn {
  readonly g: OnnxGraph;
  readonly a: BoundArgs;
  /** The output dtype; float operands are cast to it. */
  readonly dtype: DType;
  readonly reduction: string;
  /** A float tensor argument in the output dtype. */
  t(name: string): string;
  /** An optional weight tensor (a module's buffer, or a functional's argument). */
  weight(name: string): string | undefined;
  shape(name: string): number[];
  c(v: number): string;
}

/** The unreduced loss and its rank, or a finished value. */
export type LossOut = { loss: string; rank: number } | { done: string };

export type LossLowering = (l: LossIn) => LossOut;

export function lowerLossCall(g: OnnxGraph, call: OnnxCall, a: BoundArgs, isModule: boolean, lower: LossLowering): Lowered {
  const dtype = g.dtype(call.output);
  if (!isFloating(dtype)) return g.noKernel(`a ${dtype} loss`);
  const l: LossIn = {
    g, a, dtype, reduction: strArg(a.reduction),
    t: (name) => g.inputAs(a[name], dtype),
    weight(name) {
      if (isModule) return g.hasParam(name) ? castParam(g, g.param(name), dtype) : undefined;
      return isNone(a[name]) ? undefined : g.inputAs(a[name], dtype);
    },
    shape: (name) => g.shape(a[name]),
    c: (v) => g.scalar(v, dtype),
  };
  const out = lower(l);
  if ('done' in out) return out.done;
  if (l.reduction === 'none') return reshapeTo(g, out.loss, g.shape(call.output));
  if (l.reduction === 'sum') return reduceAll(g, out.loss, out.rank, 'ReduceSum');
  if (l.reduction === 'mean') return reduceAll(g, out.loss, out.rank, 'ReduceMean');
  return g.noKernel(`reduction '${l.reduction}'`);
}

function castParam(g: OnnxGraph, name: string, dtype: DType): string {
  return dtype === 'float32' ? name : g.op('Cast', [name], { to: dtype === 'float64' ? 11 : 1 });
}

function rankOf(l: LossIn, ...names: string[]): number {
  return Math.max(...names.map((n) => l.shape(n).length));
}

function diff(l: LossIn): string {
  return l.g.op('Sub', [l.t('input'), l.t('target')]);
}

/** max(-z, 0) + log1p(exp(-|z|)): softplus(-z) = -logsigmoid(z), without overflow. */
function softplusNeg(g: OnnxGraph, z: string, c: (v: number) => string): string {
  const expTerm = g.op('Log', [g.op('Add', [c(1), g.op('Exp', [g.op('Neg', [g.op('Abs', [z])])])])]);
  return g.op('Add', [g.op('Relu', [g.op('Neg', [z])]), expTerm]);
}

export const mseLoss: LossLowering = (l) => {
  const d = diff(l);
  return { loss: l.g.op('Mul', [d, d]), rank: rankOf(l, 'input', 'target') };
};

export const l1Loss: LossLowering = (l) => ({ loss: l.g.op('Abs', [diff(l)]), rank: rankOf(l, 'input', 'target') });

export const smoothL1Loss: LossLowering = (l) => {
  const { g, c } = l;
  const beta = floatArg(l.a.beta);
  const d = g.op('Abs', [diff(l)]);
  if (beta === 0) return { loss: d, rank: rankOf(l, 'input', 'target') };
  const quad = g.op('Div', [g.op('Mul', [g.op('Mul', [d, d]), c(0.5)]), c(beta)]);
  return { loss: g.op('Where', [g.op('Less', [d, c(beta)]), quad, g.op('Sub', [d, c(0.5 * beta)])]), rank: rankOf(l, 'input', 'target') };
};

export const huberLoss: LossLowering = (l) => {
  const { g, c } = l;
  const delta = floatArg(l.a.delta);
  const d = g.op('Abs', [diff(l)]);
  const quad = g.op('Mul', [g.op('Mul', [d, d]), c(0.5)]);
  const lin = g.op('Mul', [g.op('Sub', [d, c(0.5 * delta)]), c(delta)]);
  return { loss: g.op('Where', [g.op('Less', [d, c(delta)]), quad, lin]), rank: rankOf(l, 'input', 'target') };
};

export const softMarginLoss: LossLowering = (l) => {
  const { g, c } = l;
  const z = g.op('Neg', [g.op('Mul', [l.t('input'), l.t('target')])]);
  return { loss: g.op('Log', [g.op('Add', [c(1), g.op('Exp', [z])])]), rank: l.shape('input').length };
};

export const klDivLoss: LossLowering = (l) => {
  const { g, c } = l;
  const x = l.t('input');
  const y = l.t('target');
  let loss: string;
  if (boolArg(l.a.log_target)) {
    loss = g.op('Mul', [g.op('Exp', [y]), g.op('Sub', [y, x])]);
  } else {
    // xlogy(y, y) - y x: a zero target contributes 0.
    const ylogy = g.op('Where', [g.op('Equal', [y, c(0)]), c(0), g.op('Mul', [y, g.op('Log', [y])])]);
    loss = g.op('Sub', [ylogy, g.op('Mul', [y, x])]);
  }
  const rank = rankOf(l, 'input', 'target');
  if (l.reduction !== 'batchmean') return { loss, rank };
  const total = reduceAll(g, loss, rank, 'ReduceSum');
  const xs = l.shape('input');
  return { done: xs.length === 0 ? total : g.op('Div', [total, c(xs[0])]) };
};

export const bceLoss: LossLowering = (l) => {
  const { g, c } = l;
  const x = l.t('input');
  const y = l.t('target');
  // (y - 1) max(log(1 - x), -100) - y max(log x, -100)
  const logx = g.op('Max', [g.op('Log', [x]), c(-100)]);
  const log1mx = g.op('Max', [g.op('Log', [g.op('Sub', [c(1), x])]), c(-100)]);
  let loss = g.op('Sub', [g.op('Mul', [g.op('Sub', [y, c(1)]), log1mx]), g.op('Mul', [y, logx])]);
  const w = l.weight('weight');
  if (w) loss = g.op('Mul', [loss, w]);
  return { loss, rank: rankOf(l, 'input', 'target') };
};

export const bceWithLogitsLoss: LossLowering = (l) => {
  const { g, c } = l;
  const x = l.t('input');
  const y = l.t('target');
  const pw = l.weight('pos_weight');
  const sp = softplusNeg(g, x, c);
  const logWeight = pw ? g.op('Add', [g.op('Mul', [g.op('Sub', [pw, c(1)]), y]), c(1)]) : undefined;
  let loss = g.op('Add', [g.op('Mul', [g.op('Sub', [c(1), y]), x]), logWeight ? g.op('Mul', [logWeight, sp]) : sp]);
  const w = l.weight('weight');
  if (w) loss = g.op('Mul', [loss, w]);
  // The in-place result keeps the input's shape.
  return { loss: g.op('Expand', [loss, g.ints(l.shape('input'))]), rank: l.shape('input').length };
};

export const multilabelSoftMarginLoss: LossLowering = (l) => {
  const { g, c } = l;
  const x = l.t('input');
  const y = l.t('target');
  // -(y logsigmoid(x) + (1 - y) logsigmoid(-x)) = y softplus(-x) + (1 - y) softplus(x)
  let loss = g.op('Add', [g.op('Mul', [y, softplusNeg(g, x, c)]), g.op('Mul', [g.op('Sub', [c(1), y]), softplusNeg(g, g.op('Neg', [x]), c)])]);
  const w = l.weight('weight');
  if (w) loss = g.op('Mul', [loss, w]);
  const xs = l.shape('input');
  const full = broadcast(l, w ? ['input', 'target', 'weight'] : ['input', 'target']);
  const rank = full.length;
  const axis = wrapDim(xs.length - 1, rank);
  const summed = sumAxes(g, g.op('Expand', [loss, g.ints(full)]), [axis], false);
  return { loss: g.op('Div', [summed, c(xs[xs.length - 1])]), rank: rank - 1 };
};

function broadcast(l: LossIn, names: string[]): number[] {
  const shapes = names.map((n) => l.shape(n));
  const rank = Math.max(...shapes.map((s) => s.length));
  return Array.from({ length: rank }, (_, i) => Math.max(...shapes.map((s) => s[s.length - rank + i] ?? 1)));
}

export const marginRankingLoss: LossLowering = (l) => {
  const { g, c } = l;
  const d = g.op('Sub', [l.t('input1'), l.t('input2')]);
  const loss = g.op('Relu', [g.op('Add', [g.op('Mul', [g.op('Neg', [l.t('target')]), d]), c(floatArg(l.a.margin))])]);
  return { loss, rank: rankOf(l, 'input1', 'input2', 'target') };
};

export const cosineEmbeddingLoss: LossLowering = (l) => {
  const { g, c } = l;
  const a = l.t('input1');
  const b = l.t('input2');
  const y = l.t('target');
  const axis = l.shape('target').length;
  const EPS = 1e-12;
  const sum = (v: string): string => sumAxes(g, v, [axis], false);
  const prod = sum(g.op('Mul', [a, b]));
  const m1 = g.op('Add', [sum(g.op('Mul', [a, a])), c(EPS)]);
  const m2 = g.op('Add', [sum(g.op('Mul', [b, b])), c(EPS)]);
  const cos = g.op('Div', [prod, g.op('Sqrt', [g.op('Mul', [m1, m2])])]);
  const pos = g.op('Where', [g.op('Equal', [y, c(1)]), g.op('Sub', [c(1), cos]), c(0)]);
  const neg = g.op('Where', [g.op('Equal', [y, c(-1)]), g.op('Relu', [g.op('Sub', [cos, c(floatArg(l.a.margin))])]), c(0)]);
  return { loss: g.op('Add', [pos, neg]), rank: Math.max(axis, l.shape('input1').length - 1) };
};

export const hingeEmbeddingLoss: LossLowering = (l) => {
  const { g, c } = l;
  const x = l.t('input');
  const y = l.t('target');
  const marginPart = g.op('Where', [g.op('Not', [g.op('Equal', [y, c(1)])]), g.op('Relu', [g.op('Sub', [c(floatArg(l.a.margin)), x])]), c(0)]);
  const selfPart = g.op('Where', [g.op('Not', [g.op('Equal', [y, c(-1)])]), x, c(0)]);
  return { loss: g.op('Add', [marginPart, selfPart]), rank: rankOf(l, 'input', 'target') };
};

function tripletLoss(l: LossIn, p: number, eps: number): LossOut {
  const { g, c, dtype } = l;
  const [a, pos, neg] = [l.t('anchor'), l.t('positive'), l.t('negative')];
  const dist = (x: string, y: string, nx: string, ny: string) => pairwiseDistance(g, x, y, rankOf(l, nx, ny), p, eps, false, dtype);
  const dPos = dist(a, pos, 'anchor', 'positive');
  let dNeg = dist(a, neg, 'anchor', 'negative');
  if (boolArg(l.a.swap)) dNeg = g.op('Min', [dNeg, dist(pos, neg, 'positive', 'negative')]);
  const loss = g.op('Relu', [g.op('Sub', [g.op('Add', [c(floatArg(l.a.margin)), dPos]), dNeg])]);
  return { loss, rank: Math.max(0, rankOf(l, 'anchor', 'positive', 'negative') - 1) };
}

export const tripletMarginLoss: LossLowering = (l) => tripletLoss(l, floatArg(l.a.p), floatArg(l.a.eps));

export const tripletWithDistanceLoss: LossLowering = (l) => {
  if (!isNone(l.a.distance_function)) return l.g.noKernel('a custom distance_function');
  return tripletLoss(l, 2, 1e-6);
};

export const poissonNllLoss: LossLowering = (l) => {
  const { g, c } = l;
  const x = l.t('input');
  const y = l.t('target');
  let loss = boolArg(l.a.log_input)
    ? g.op('Sub', [g.op('Exp', [x]), g.op('Mul', [y, x])])
    : g.op('Sub', [x, g.op('Mul', [y, g.op('Log', [g.op('Add', [x, c(floatArg(l.a.eps))])])])]);
  if (boolArg(l.a.full)) {
    // Stirling's term y log y - y + log(2 pi y) / 2, where y > 1.
    const st = g.op('Add', [g.op('Sub', [g.op('Mul', [y, g.op('Log', [y])]), y]), g.op('Mul', [c(0.5), g.op('Log', [g.op('Mul', [c(2 * Math.PI), y])])])]);
    loss = g.op('Add', [loss, g.op('Where', [g.op('LessOrEqual', [y, c(1)]), c(0), st])]);
  }
  return { loss, rank: rankOf(l, 'input', 'target') };
};

export const gaussianNllLoss: LossLowering = (l) => {
  const { g, c } = l;
  const xs = l.shape('input');
  const vs = l.shape('var');
  let v = l.t('var');
  // var of the input's shape without its last dim gets that dim back (homoscedastic per row).
  const same = (p: number[], q: number[]) => p.length === q.length && p.every((d, i) => d === q[i]);
  if (!same(vs, xs) && same(xs.slice(0, -1), vs)) v = unsqueeze(g, v, [vs.length]);
  v = g.op('Max', [v, c(floatArg(l.a.eps))]);
  const d = diff(l);
  let loss = g.op('Mul', [c(0.5), g.op('Add', [g.op('Log', [v]), g.op('Div', [g.op('Mul', [d, d]), v])])]);
  if (boolArg(l.a.full)) loss = g.op('Add', [loss, c(0.5 * Math.log(2 * Math.PI))]);
  const shapes = [xs, l.shape('target'), same(xs.slice(0, -1), vs) && !same(vs, xs) ? [...vs, 1] : vs];
  return { loss, rank: Math.max(...shapes.map((s) => s.length)) };
};

/** Class axis of [C] / [N, C, *] inputs. */
function classAxis(rank: number): number {
  return rank === 1 ? 0 : 1;
}

/** Per-element -w[y] x[y] and the weights that count for 'mean' (0 where y = ignore_index). */
function nllParts(l: LossIn, logp: string, rank: number): { loss: string; w: string } {
  const g = l.g;
  const axis = classAxis(rank);
  const y = l.g.inputAs(l.a.target, 'int64');
  const ignore = g.constant([constIntArg(l.a.ignore_index)], [], 'int64');
  const keep = g.op('Not', [g.op('Equal', [y, ignore])]);
  const safe = g.op('Where', [keep, y, g.constant([0], [], 'int64')]);
  const picked = squeeze(g, g.op('GatherElements', [logp, unsqueeze(g, safe, [axis])], { axis }), [axis]);
  const mask = g.op('Cast', [keep], { to: l.dtype === 'float64' ? 11 : 1 });
  const weight = l.weight('weight');
  const w = weight ? g.op('Mul', [g.op('Gather', [weight, safe], { axis: 0 }), mask]) : mask;
  return { loss: g.op('Neg', [g.op('Mul', [picked, w])]), w };
}

function reduceNll(l: LossIn, loss: string, w: string, rank: number): string {
  const g = l.g;
  if (l.reduction === 'none') return loss;
  const total = reduceAll(g, loss, rank, 'ReduceSum');
  if (l.reduction === 'sum') return total;
  return g.op('Div', [total, reduceAll(g, w, rank, 'ReduceSum')]);
}

export const nllLoss: LossLowering = (l) => {
  const rank = l.shape('input').length;
  const { loss, w } = nllParts(l, l.t('input'), rank);
  return { done: reduceNll(l, loss, w, Math.max(rank - 1, 0)) };
};

/** Weight as [C, 1, ...] against the class axis. */
function classWeight(l: LossIn, rank: number): string | undefined {
  const w = l.weight('weight');
  if (!w || rank <= 1) return w;
  const n = l.shape('input')[1];
  return reshapeTo(l.g, w, [n, ...Array.from({ length: rank - 2 }, () => 1)]);
}

export const crossEntropyLoss: LossLowering = (l) => {
  const { g, c } = l;
  const xs = l.shape('input');
  const rank = xs.length;
  const axis = classAxis(rank);
  const classes = xs[axis];
  const eps = floatArg(l.a.label_smoothing);
  const logp = g.op('LogSoftmax', [l.t('input')], { axis });
  const wb = classWeight(l, rank);
  if (isFloating(l.g.dtype(l.a.target))) {
    // Class probabilities.
    let y = l.t('target');
    if (eps > 0) y = g.op('Add', [g.op('Mul', [y, c(1 - eps)]), c(eps / classes)]);
    let prod = g.op('Mul', [logp, y]);
    if (wb) prod = g.op('Mul', [prod, wb]);
    if (l.reduction === 'none') return { done: g.op('Neg', [sumAxes(g, prod, [axis], false)]) };
    const total = g.op('Neg', [reduceAll(g, prod, rank, 'ReduceSum')]);
    if (l.reduction === 'sum') return { done: total };
    const rows = xs.reduce((p, q) => p * q, 1) / classes;
    return { done: g.op('Div', [total, c(rows)]) };
  }
  const outRank = Math.max(rank - 1, 0);
  const { loss, w } = nllParts(l, logp, rank);
  const nll = reduceNll(l, loss, w, outRank);
  if (eps <= 0) return { done: nll };
  // Label smoothing: (1 - eps) nll + eps / C * (-sum_c w_c logp_c), ignored targets zeroed.
  const y = g.inputAs(l.a.target, 'int64');
  const keep = g.op('Not', [g.op('Equal', [y, g.constant([constIntArg(l.a.ignore_index)], [], 'int64')])]);
  const smooth = g.op('Where', [keep, g.op('Neg', [sumAxes(g, wb ? g.op('Mul', [logp, wb]) : logp, [axis], false)]), c(0)]);
  let ret: string;
  if (l.reduction === 'none') ret = smooth;
  else if (l.reduction === 'sum') ret = reduceAll(g, smooth, outRank, 'ReduceSum');
  else ret = g.op('Div', [reduceAll(g, smooth, outRank, 'ReduceSum'), reduceAll(g, w, outRank, 'ReduceSum')]);
  return { done: g.op('Add', [g.op('Mul', [nll, c(1 - eps)]), g.op('Mul', [ret, c(eps / classes)])]) };
};

/** [C] / [N, C] inputs as [rows, C], int64 targets as [rows, k]. */
function rowsOf(l: LossIn): { x: string; rows: number; classes: number } {
  const xs = l.shape('input');
  const classes = xs.length === 0 ? 1 : xs[xs.length - 1];
  const rows = xs.length === 2 ? xs[0] : 1;
  return { x: reshapeTo(l.g, l.t('input'), [rows, classes]), rows, classes };
}

export const multiMarginLoss: LossLowering = (l) => {
  const { g, c } = l;
  const { x, rows, classes } = rowsOf(l);
  const y = reshapeTo(g, g.inputAs(l.a.target, 'int64'), [rows, 1]);
  const xy = g.op('GatherElements', [x, y], { axis: 1 });
  let h = g.op('Relu', [g.op('Add', [g.op('Sub', [c(floatArg(l.a.margin)), xy]), x])]);
  if (constIntArg(l.a.p) === 2) h = g.op('Mul', [h, h]);
  const range = g.op('Range', [g.constant([0], [], 'int64'), g.constant([classes], [], 'int64'), g.constant([1], [], 'int64')]);
  const others = g.op('Cast', [g.op('Not', [g.op('Equal', [range, y])])], { to: l.dtype === 'float64' ? 11 : 1 });
  h = g.op('Mul', [h, others]);
  const w = l.weight('weight');
  if (w) h = g.op('Mul', [h, g.op('Gather', [w, y], { axis: 0 })]);
  const loss = g.op('Div', [sumAxes(g, h, [1], false), c(classes)]);
  return { loss, rank: 1 };
};

export const multilabelMarginLoss: LossLowering = (l) => {
  const { g, c } = l;
  const { x, rows, classes } = rowsOf(l);
  const y = reshapeTo(g, g.inputAs(l.a.target, 'int64'), [rows, classes]);
  const fl = l.dtype === 'float64' ? 11 : 1;
  // Targets are the entries before the first negative one.
  const negSeen = g.op('CumSum', [g.op('Cast', [g.op('Less', [y, g.constant([0], [], 'int64')])], { to: 7 }), g.ints([1])]);
  const valid = g.op('Equal', [negSeen, g.constant([0], [], 'int64')]);
  const safe = g.op('Where', [valid, y, g.constant([0], [], 'int64')]);
  const range = g.op('Range', [g.constant([0], [], 'int64'), g.constant([classes], [], 'int64'), g.constant([1], [], 'int64')]);
  // isTarget[n, i] = any_j valid[n, j] and y[n, j] = i
  const hits = g.op('And', [g.op('Equal', [unsqueeze(g, safe, [2]), range]), unsqueeze(g, valid, [2])]);
  const isTarget = g.op('ReduceMax', [g.op('Cast', [hits], { to: fl })], { axes: [1], keepdims: 1 });
  const xy = g.op('GatherElements', [x, safe], { axis: 1 });
  const z = g.op('Relu', [g.op('Sub', [c(1), g.op('Sub', [unsqueeze(g, xy, [2]), unsqueeze(g, x, [1])])])]);
  const validF = unsqueeze(g, g.op('Cast', [valid], { to: fl }), [2]);
  const h = g.op('Mul', [g.op('Mul', [z, validF]), g.op('Sub', [c(1), isTarget])]);
  const loss = g.op('Div', [sumAxes(g, h, [1, 2], false), c(classes)]);
  return { loss, rank: 1 };
};
