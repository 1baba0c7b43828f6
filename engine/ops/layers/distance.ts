// Cosine similarity, pairwise distance and F.normalize: reductions over one dimension of the
// broadcast inputs. [N, D], [N, D] -> [N]. torch.cdist: every row against every row.
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import { boolArg, constIntArg, tensor, tensorArg, wrapDim } from '../args';
import { broadcastShapes } from '../common/broadcast';
import { defineFunction, defineModule, fail, giveUp, requireEqual, type OpContext, type OpDecl } from '../op';
import { isFloating, promoteTypes } from '../dtype';
import { cName } from '../math/promote';
import { sameAs } from './common';
import type { TensorValue } from '../../value';
import type { TensorArg } from '../args';
import { floatArg } from '../args';
import type { OnnxCall, OnnxGraph } from '../lowering';
import type { Value } from '../../value';
import { pairwiseDistance, pNorm } from './lowerDistance';

/** x1 . x2 / sqrt(max(|x1|^2 |x2|^2, eps^2)) along `dim` of the broadcast inputs. */
function lowerCosine(g: OnnxGraph, call: OnnxCall, x1: Value, x2: Value, dim: number, eps: number): string {
  const dtype = g.dtype(call.output);
  const rank = Math.max(g.shape(x1).length, g.shape(x2).length);
  const axis = wrapDim(dim, rank);
  const a = g.inputAs(x1, dtype);
  const b = g.inputAs(x2, dtype);
  const sum = (x: string): string => g.op('ReduceSum', [x, g.ints([axis])], { keepdims: 0 });
  // Expand both to the broadcast shape first, so each norm covers the full reduced dim.
  const ab = g.op('Mul', [a, b]);
  const zero = g.op('Mul', [ab, g.scalar(0, dtype)]);
  const w12 = sum(ab);
  const w1 = sum(g.op('Mul', [g.op('Add', [a, zero]), a]));
  const w2 = sum(g.op('Mul', [g.op('Add', [b, zero]), b]));
  const denom = g.op('Sqrt', [g.op('Max', [g.op('Mul', [w1, w2]), g.scalar(eps * eps, dtype)])]);
  g.flops(6 * g.shape(call.output).reduce((p, q) => p * q, 1) * (g.shape(x1)[axis] ?? 1));
  return g.op('Div', [w12, denom]);
}

function lowerPairwise(g: OnnxGraph, call: OnnxCall, x1: Value, x2: Value, p: number, eps: number, keep: boolean): string {
  const dtype = g.dtype(call.output);
  const rank = Math.max(g.shape(x1).length, g.shape(x2).length);
  return pairwiseDistance(g, g.inputAs(x1, dtype), g.inputAs(x2, dtype), rank, p, eps, keep, dtype);
}

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
  onnx: (g, call) => lowerCosine(g, call, call.args.x1, call.args.x2, constIntArg(call.self!.dim), floatArg(call.self!.eps)),
  rule: (self, { x1, x2 }, ctx) => cosineSimilarity(ctx, tensorArg(x1), tensorArg(x2), constIntArg(self.dim)),
});

export const cosine_similarity = defineFunction({
  names: ['torch.nn.functional.cosine_similarity'],
  signature: 'x1, x2, dim=1, eps=1e-08',
  onnx: (g, call) => lowerCosine(g, call, call.args.x1, call.args.x2, constIntArg(call.args.dim), floatArg(call.args.eps)),
  rule: (args, ctx) => cosineSimilarity(ctx, tensorArg(args.x1), tensorArg(args.x2), constIntArg(args.dim)),
});

export const PairwiseDistance = defineModule({
  names: ['torch.nn.PairwiseDistance'],
  init: 'p=2.0, eps=1e-06, keepdim=False',
  forward: 'x1, x2',
  params: () => [],
  onnx: (g, call) => lowerPairwise(g, call, call.args.x1, call.args.x2, floatArg(call.self!.p), floatArg(call.self!.eps), boolArg(call.self!.keepdim)),
  rule(self, { x1, x2 }, ctx) {
    const a = tensorArg(x1);
    const b = tensorArg(x2);
    return tensor(pairwiseDistanceShape(ctx, a.shape, b.shape, boolArg(self.keepdim)), resultDtype(a, b));
  },
});

export const pairwise_distance = defineFunction({
  names: ['torch.nn.functional.pairwise_distance'],
  signature: 'x1, x2, p=2.0, eps=1e-06, keepdim=False',
  onnx: (g, call) => lowerPairwise(g, call, call.args.x1, call.args.x2, floatArg(call.args.p), floatArg(call.args.eps), boolArg(call.args.keepdim)),
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
  onnx(g, { args, output }) {
    // input / input.norm(p, dim, keepdim=True).clamp_min(eps)
    const dtype = g.dtype(output);
    const x = g.inputAs(args.input, dtype);
    const rank = g.shape(args.input).length;
    const axes = rank === 0 ? [] : [wrapDim(constIntArg(args.dim), rank)];
    const norm = pNorm(g, x, axes, true, floatArg(args.p), dtype);
    return g.op('Div', [x, g.op('Max', [norm, g.scalar(floatArg(args.eps), dtype)])]);
  },
  rule(args) {
    const x = tensorArg(args.input);
    wrapDim(constIntArg(args.dim), x.shape.length);
    return sameAs(x);
  },
});

/** torch.cdist: the p-norm distance of each row of x1 to each row of x2 (a VQ codebook lookup). [*, P, M], [*, R, M] -> [*, P, R] */
export const cdist = defineFunction({
  names: ['torch.cdist'],
  signature: "x1, x2, p=2.0, compute_mode='use_mm_for_euclid_dist_if_necessary'",
  rule(args, ctx) {
    const a = tensorArg(args.x1);
    const b = tensorArg(args.x2);
    if (a.shape.length < 2) fail('cdist-rank', 'RuntimeError', `cdist only supports at least 2D tensors, X1 got: ${a.shape.length}D`);
    if (b.shape.length < 2) fail('cdist-rank', 'RuntimeError', `cdist only supports at least 2D tensors, X2 got: ${b.shape.length}D`);
    if (a.dtype && !isFloating(a.dtype)) fail('cdist-dtype', 'RuntimeError', `cdist only supports floating-point dtypes, X1 got: ${cName(a.dtype)}`);
    if (b.dtype && !isFloating(b.dtype)) fail('cdist-dtype', 'RuntimeError', `cdist only supports floating-point dtypes, X2 got: ${cName(b.dtype)}`);
    // (Two float types do not mix: PyTorch's error there names its kernel's scalar types.)
    if (a.dtype && b.dtype && a.dtype !== b.dtype) giveUp('cdist of two float types');
    const [m1, m2] = [a.shape[a.shape.length - 1], b.shape[b.shape.length - 1]];
    requireEqual(ctx, m1, m2, () => ({ code: 'cdist-columns', exception: 'RuntimeError', message: `X1 and X2 must have the same number of columns. X1: ${m1} X2: ${m2}` }));
    const batch = broadcastShapes(ctx, a.shape.slice(0, -2), b.shape.slice(0, -2));
    return tensor([...batch, a.shape[a.shape.length - 2], b.shape[b.shape.length - 2]], a.dtype ?? b.dtype);
  },
});

export const distanceOps: readonly OpDecl[] = [CosineSimilarity, cosine_similarity, PairwiseDistance, pairwise_distance, normalize, cdist];
