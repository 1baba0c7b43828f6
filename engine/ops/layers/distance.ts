// Cosine similarity, pairwise distance and F.normalize: reductions over one dimension of the
// broadcast inputs. [N, D], [N, D] -> [N]
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import { boolArg, constIntArg, tensor, tensorArg, wrapDim } from '../args';
import { broadcastShapes } from '../common/broadcast';
import { defineFunction, defineModule, type OpContext, type OpDecl } from '../op';
import { promoteTypes } from '../dtype';
import { sameAs } from './common';
import type { TensorValue } from '../../value';
import type { TensorArg } from '../args';

export function removeDim(shape: Shape, d: number): Shape {
  return [...shape.slice(0, d), ...shape.slice(d + 1)];
}

function resultDtype(a: TensorArg, b: TensorArg) {
  return a.dtype && b.dtype ? promoteTypes(a.dtype, b.dtype) : undefined;
}

/** cosine_similarity: broadcast, then reduce `dim`. */
function cosineSimilarity(ctx: OpContext, a: TensorArg, b: TensorArg, dim: number): TensorValue {
  const s = broadcastShapes(ctx, a.shape, b.shape);
  return tensor(removeDim(s, wrapDim(dim, s.length)), resultDtype(a, b));
}

/** pairwise_distance: norm of (x1 - x2 + eps) over the last dimension of the larger-rank input. */
export function pairwiseDistanceShape(ctx: OpContext, a: Shape, b: Shape, keepdim: boolean): Shape {
  const s = broadcastShapes(ctx, a, b);
  if (s.length === 0) return []; // norm of a scalar stays a scalar, keepdim or not
  const last = s.length - 1;
  return keepdim ? [...s.slice(0, last), Dim.of(1)] : s.slice(0, last);
}

export const CosineSimilarity = defineModule({
  names: ['torch.nn.CosineSimilarity'],
  init: 'dim=1, eps=1e-08',
  forward: 'x1, x2',
  params: () => [],
  rule: (self, { x1, x2 }, ctx) => cosineSimilarity(ctx, tensorArg(x1), tensorArg(x2), constIntArg(self.dim)),
});

export const cosine_similarity = defineFunction({
  names: ['torch.nn.functional.cosine_similarity'],
  signature: 'x1, x2, dim=1, eps=1e-08',
  rule: (args, ctx) => cosineSimilarity(ctx, tensorArg(args.x1), tensorArg(args.x2), constIntArg(args.dim)),
});

export const PairwiseDistance = defineModule({
  names: ['torch.nn.PairwiseDistance'],
  init: 'p=2.0, eps=1e-06, keepdim=False',
  forward: 'x1, x2',
  params: () => [],
  rule(self, { x1, x2 }, ctx) {
    const a = tensorArg(x1);
    const b = tensorArg(x2);
    return tensor(pairwiseDistanceShape(ctx, a.shape, b.shape, boolArg(self.keepdim)), resultDtype(a, b));
  },
});

export const pairwise_distance = defineFunction({
  names: ['torch.nn.functional.pairwise_distance'],
  signature: 'x1, x2, p=2.0, eps=1e-06, keepdim=False',
  rule(args, ctx) {
    const a = tensorArg(args.x1);
    const b = tensorArg(args.x2);
    return tensor(pairwiseDistanceShape(ctx, a.shape, b.shape, boolArg(args.keepdim)), resultDtype(a, b));
  },
});

/** F.normalize: x / ||x|| along `dim`. [*] -> [*] */
export const normalize = defineFunction({
  names: ['torch.nn.functional.normalize'],
  signature: 'input, p=2.0, dim=1, eps=1e-12, out=None',
  rule(args) {
    const x = tensorArg(args.input);
    wrapDim(constIntArg(args.dim), x.shape.length);
    return sameAs(x);
  },
});

export const distanceOps: readonly OpDecl[] = [CosineSimilarity, cosine_similarity, PairwiseDistance, pairwise_distance, normalize];
