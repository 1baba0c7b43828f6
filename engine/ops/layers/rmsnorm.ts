// nn.RMSNorm and F.rms_norm (PyTorch 2.4+; not in the 1.13 oracle), from the documentation
// https://pytorch.org/docs/stable/generated/torch.nn.RMSNorm.html: y = x / sqrt(eps + mean(x^2)) * weight
// over the last len(normalized_shape) dims. [N, *, D] -> [N, *, D]; one parameter, weight [*normalized_shape].
// Error texts: pytorch/pytorch aten/src/ATen/native/layer_norm.h, _check_rms_norm_inputs_symint
// (the same words as layer_norm's checks, which the 1.13 oracle verifies for LayerNorm).
import type { Value } from '../../value';
import { boolArg, intsArg, isNone, optFloatArg, optTensorArg, tensorArg } from '../args';
import { normInit } from '../common/init';
import { DEFAULT_FLOAT, type DType } from '../dtype';
import type { OnnxGraph } from '../lowering';
import { defineFunction, defineModule, fail, type OpContext, type OpDecl } from '../op';
import type { Shape } from '../../shape/shape';
import type { Dim } from '../../shape/dim';
import { affineCheck, layerNormCheck } from './layernorm';
import { listText } from './common';

/** The checks in PyTorch's order: normalized_shape non-empty, weight's shape, the input's tail. */
function rmsCheck(ctx: OpContext, input: Shape, ns: readonly Dim[], weight: Shape | undefined): void {
  if (ns.length === 0) {
    fail('layernorm-shape', 'RuntimeError', `Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = ${listText(ns)}`);
  }
  affineCheck(ctx, 'weight', weight, ns);
  layerNormCheck(ctx, input, ns);
}

/** The output keeps the input's dtype when the weight shares it; releases differ otherwise. */
function outDtype(input: DType | undefined, weight: { dtype: DType | undefined } | undefined): DType | undefined {
  return weight === undefined || weight.dtype === input ? input : undefined;
}

/** eps=None is torch.finfo(x.dtype).eps. */
const FINFO_EPS: Partial<Record<DType, number>> = {
  float32: 1.1920928955078125e-7, float64: 2.220446049250313e-16, float16: 0.0009765625, bfloat16: 0.0078125,
};

function lowerRms(g: OnnxGraph, input: Value, n: number, weight: string | undefined, eps: number | undefined): string {
  const shape = g.shape(input);
  const dtype = g.dtype(input);
  const e = eps ?? FINFO_EPS[dtype] ?? g.noKernel(`rms_norm of ${dtype}`);
  const x = g.input(input);
  const axes = Array.from({ length: n }, (_, i) => shape.length - n + i);
  const meanSquare = g.op('ReduceMean', [g.op('Mul', [x, x])], { axes, keepdims: 1 });
  let y = g.op('Div', [x, g.op('Sqrt', [g.op('Add', [meanSquare, g.scalar(e, dtype)])])]);
  if (weight) y = g.op('Mul', [y, weight]);
  g.flops(4 * shape.reduce((a, b) => a * b, 1));
  return y;
}

export const RMSNorm = defineModule({
  names: ['torch.nn.RMSNorm'],
  init: 'normalized_shape, eps=None, elementwise_affine=True, device=None, dtype=None',
  forward: 'x',
  reset: normInit,
  onnx: (g, call) => lowerRms(g, call.args.x, intsArg(call.self!.normalized_shape).length,
    g.hasParam('weight') ? g.param('weight') : undefined, optFloatArg(call.self!.eps)),
  params(self) {
    const ns = intsArg(self.normalized_shape);
    return boolArg(self.elementwise_affine) ? [{ name: 'weight', shape: ns, dtype: DEFAULT_FLOAT }] : [];
  },
  rule(self, { x }, ctx) {
    const input = tensorArg(x);
    const ns = intsArg(self.normalized_shape);
    optFloatArg(self.eps);
    const affine = boolArg(self.elementwise_affine);
    rmsCheck(ctx, input.shape, ns, affine ? ns : undefined);
    const weight = !affine ? undefined : { dtype: isNone(self.dtype) ? DEFAULT_FLOAT : self.dtype.kind === 'dtype' ? self.dtype.dtype : undefined };
    return { kind: 'tensor', shape: input.shape, dtype: outDtype(input.dtype, weight) };
  },
});

export const rms_norm = defineFunction({
  names: ['torch.nn.functional.rms_norm'],
  signature: 'input, normalized_shape, weight=None, eps=None',
  onnx: (g, { args }) => lowerRms(g, args.input, intsArg(args.normalized_shape).length,
    isNone(args.weight) ? undefined : g.input(args.weight), optFloatArg(args.eps)),
  rule(args, ctx) {
    const input = tensorArg(args.input);
    const weight = optTensorArg(args.weight);
    optFloatArg(args.eps);
    rmsCheck(ctx, input.shape, intsArg(args.normalized_shape), weight?.shape);
    return { kind: 'tensor', shape: input.shape, dtype: outDtype(input.dtype, weight) };
  },
});

export const rmsNormOps: readonly OpDecl[] = [RMSNorm, rms_norm];
