// TF.js network ops that keep or shrink shapes simply: softmax / logSoftmax (last axis only, as
// TF.js supports), image.resizeBilinear / resizeNearestNeighbor, batchNorm, dropout, and the
// tf.losses functions (labels and predictions of one shape; a scalar unless reduction is NONE).
// tf.image.resizeBilinear(x[2, 28, 28, 3], [14, 14]) -> [2, 14, 14, 3]
import { Dim } from '../../shape/dim';
import { boolArg, constIntArg, floatArg, isNone, sequenceArg } from '../args';
import { defineFunction, giveUp, type FunctionOp } from '../op';
import { reducedShape } from '../math/reduce';
import { jsList, parseAxisParam, tensorLike, tfFail, tfOut, type TfTensor } from './tensorLike';

function softmaxLike(name: 'softmax' | 'logSoftmax', param: 'dim' | 'axis'): FunctionOp {
  return defineFunction({
    names: [`tfjs.${name}`],
    signature: `logits, ${param}=-1`,
    rule(a) {
      const x = tensorLike(a.logits);
      const rank = x.shape.length;
      let dim = constIntArg(a[param]);
      if (dim === -1) dim = rank - 1;
      if (dim !== rank - 1) {
        tfFail('softmax-dim', name === 'softmax'
          ? `Softmax along a non-last dimension is not yet supported. Logits was rank ${rank} and dim was ${dim}`
          : `Log Softmax along a non-last dimension is not yet supported. Logits was rank ${rank} and axis was ${dim}`);
      }
      parseAxisParam({ kind: 'list', items: [{ kind: 'int', dim: Dim.of(dim) }] }, rank);
      return tfOut(x.shape, 'float32');
    },
  });
}

function resize(name: 'resizeBilinear' | 'resizeNearestNeighbor'): FunctionOp {
  return defineFunction({
    names: [`tfjs.image.${name}`],
    signature: 'images, size, alignCorners=False, halfPixelCenters=False',
    rule(a) {
      const x = tensorLike(a.images);
      const rank = x.shape.length;
      if (rank !== 3 && rank !== 4) tfFail('interpolate-size', `Error in ${name}: x must be rank 3 or 4, but got rank ${rank}.`);
      const size = sequenceArg(a.size).map((v) => (v.kind === 'int' ? v.dim : giveUp('size')));
      if (size.length !== 2) tfFail('interpolate-size', `Error in ${name}: new shape must 2D, but got shape ${jsList(size)}.`);
      if (boolArg(a.halfPixelCenters) && boolArg(a.alignCorners)) tfFail('interpolate-size', `Error in ${name}: If halfPixelCenters is true, alignCorners must be false.`);
      const c = x.shape[rank - 1];
      return tfOut(rank === 4 ? [x.shape[0], size[0], size[1], c] : [size[0], size[1], c], name === 'resizeBilinear' ? 'float32' : x.dtype);
    },
  });
}

const batchNorm = defineFunction({
  names: ['tfjs.batchNorm', 'tfjs.batchNorm2d', 'tfjs.batchNorm3d', 'tfjs.batchNorm4d'],
  signature: 'x, mean, variance, offset=None, scale=None, varianceEpsilon=None',
  rule(a) {
    const x = tensorLike(a.x);
    const mean = tensorLike(a.mean);
    const variance = tensorLike(a.variance);
    if (mean.shape.length !== variance.shape.length) tfFail('batchnorm-rank', 'Batch normalization gradient requires mean and variance to have equal ranks.');
    return tfOut(x.shape, x.dtype);
  },
});

const dropout = defineFunction({
  names: ['tfjs.dropout'],
  signature: 'x, rate, noiseShape=None, seed=None',
  rule(a) {
    const x = tensorLike(a.x);
    if (x.dtype !== undefined && x.dtype !== 'float32') tfFail('tfjs-dtype', `x has to be a floating point tensor since it's going to be scaled, but got a ${x.dtype} tensor instead.`);
    const rate = floatArg(a.rate);
    if (!(rate >= 0 && rate < 1)) tfFail('tfjs-values', `rate must be a float in the range [0, 1), but got ${rate}.`);
    return tfOut(x.shape, x.dtype);
  },
});

/** tf.Reduction: NONE = 0 keeps the elementwise loss, the others reduce to a scalar. */
const NONE_REDUCTION = 0;

function assertShapesMatch(name: string, a: TfTensor, b: TfTensor): void {
  if (jsList(a.shape) !== jsList(b.shape)) tfFail('loss-shapes', `Error in ${name}:  Shapes ${jsList(a.shape)} and ${jsList(b.shape)} must match`);
}

/** A loss of `labels` and `predictions`; `unreduced` is the elementwise loss's shape. */
function loss(name: string, signature: string, first: string, second: string, unreduced: (a: TfTensor, args: Readonly<Record<string, import('../../value').Value>>) => readonly Dim[]): FunctionOp {
  return defineFunction({
    names: [`tfjs.losses.${name}`],
    signature,
    rule(args) {
      const a = tensorLike(args[first]);
      const b = tensorLike(args[second]);
      assertShapesMatch(name, a, b);
      const reduction = isNone(args.reduction) ? 3 : constIntArg(args.reduction);
      return tfOut(reduction === NONE_REDUCTION ? unreduced(a, args) : [], 'float32');
    },
  });
}

const same = (a: TfTensor): readonly Dim[] => a.shape;
const reduction = 'weights=None, reduction=None';

export const nnOps: readonly FunctionOp[] = [
  softmaxLike('softmax', 'dim'), softmaxLike('logSoftmax', 'axis'), resize('resizeBilinear'), resize('resizeNearestNeighbor'),
  batchNorm, dropout,
  loss('meanSquaredError', `labels, predictions, ${reduction}`, 'labels', 'predictions', same),
  loss('absoluteDifference', `labels, predictions, ${reduction}`, 'labels', 'predictions', same),
  loss('logLoss', `labels, predictions, weights=None, epsilon=None, reduction=None`, 'labels', 'predictions', same),
  loss('hingeLoss', `labels, predictions, ${reduction}`, 'labels', 'predictions', same),
  loss('huberLoss', `labels, predictions, weights=None, delta=None, reduction=None`, 'labels', 'predictions', same),
  loss('sigmoidCrossEntropy', 'multiClassLabels, logits, weights=None, labelSmoothing=None, reduction=None', 'multiClassLabels', 'logits', same),
  loss('softmaxCrossEntropy', 'onehotLabels, logits, weights=None, labelSmoothing=None, reduction=None', 'onehotLabels', 'logits', (a) => a.shape.slice(0, -1)),
  loss('cosineDistance', `labels, predictions, axis, ${reduction}`, 'labels', 'predictions', (a, args) => reducedShape(a.shape, parseAxisParam(args.axis, a.shape.length), true)),
];
