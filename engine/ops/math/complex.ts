// Complex tensors: building them from float parts (polar, complex, view_as_complex) and taking
// them apart (view_as_real, real, imag, angle). [2, 3] float32 x2 -> polar -> [2, 3] complex64;
// [..., 2] float32 <-> view_as_complex/view_as_real <-> [...] complex64.
import { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import { tensor, tensorArg, type TensorArg } from '../args';
import { broadcastShapes } from '../common/broadcast';
import { complexOf, isComplex, realOf, type DType } from '../dtype';
import type { OnnxCall, OnnxGraph } from '../lowering';
import { defineFunction, fail, requireEqual, type OpContext } from '../op';
import { cName, dtypeOf, notImplemented, toFloating } from './promote';

const HALF_FLOAT_DOUBLE: readonly DType[] = ['float16', 'float32', 'float64'];

/** ATen's complex_check_dtype, then broadcasting: polar(abs, angle) and complex(real, imag). */
function fromParts(ctx: OpContext, a: TensorArg, b: TensorArg, kernel: string | undefined): Value {
  const da = dtypeOf(a);
  const db = dtypeOf(b);
  if (!HALF_FLOAT_DOUBLE.includes(da) || !HALF_FLOAT_DOUBLE.includes(db)) {
    fail('complex-parts-dtype', 'RuntimeError', `Expected both inputs to be Half, Float or Double tensors but got ${cName(da)} and ${cName(db)}`);
  }
  if (da !== db) {
    fail('complex-parts-dtype', 'RuntimeError', `Expected object of scalar type ${cName(da)} but got scalar type ${cName(db)} for second argument`);
  }
  const shape = broadcastShapes(ctx, a.shape, b.shape);
  // polar has no Half kernel on the CPU (complex(real, imag) has one: complex32).
  if (kernel && da === 'float16') notImplemented(kernel, da);
  return tensor(shape, complexOf(da));
}

/** torch.polar(abs [2, 3], angle [3]) -> [2, 3] complex64 */
export const polar = defineFunction({
  names: ['torch.polar'],
  signature: 'abs, angle, *, out=None',
  rule: (args, ctx) => fromParts(ctx, tensorArg(args.abs), tensorArg(args.angle), 'polar_cpu'),
});

/** torch.complex(real [2, 3], imag [2, 3]) -> [2, 3] complex64 */
export const complexOp = defineFunction({
  names: ['torch.complex'],
  signature: 'real, imag, *, out=None',
  rule: (args, ctx) => fromParts(ctx, tensorArg(args.real), tensorArg(args.imag), undefined),
});

/** [2, 3] complex64 -> view_as_real -> [2, 3, 2] float32 */
export const viewAsReal = defineFunction({
  names: ['torch.view_as_real'],
  signature: 'input',
  rule(args) {
    const x = tensorArg(args.input);
    const d = dtypeOf(x);
    if (!isComplex(d)) fail('view-as-real-dtype', 'RuntimeError', 'view_as_real is only supported for complex tensors');
    return tensor([...x.shape, Dim.of(2)], realOf(d));
  },
});

/**
 * [2, 3, 2] float32 -> view_as_complex -> [2, 3] complex64. PyTorch also needs the last dim's
 * stride to be 1 and the others even; strides are not tracked, so a transposed input still gets a
 * hint here where PyTorch would refuse it.
 */
export const viewAsComplex = defineFunction({
  names: ['torch.view_as_complex'],
  signature: 'input',
  rule(args, ctx) {
    const x = tensorArg(args.input);
    const d = dtypeOf(x);
    if (!HALF_FLOAT_DOUBLE.includes(d)) {
      fail('view-as-complex-dtype', 'RuntimeError', `view_as_complex is only supported for half, float and double tensors, but got a tensor of scalar type: ${cName(d)}`);
    }
    if (x.shape.length === 0) fail('view-as-complex-rank', 'RuntimeError', 'Input tensor must have one or more dimensions');
    requireEqual(ctx, x.shape[x.shape.length - 1], Dim.of(2), () => ({
      code: 'view-as-complex-size', exception: 'RuntimeError', message: 'Tensor must have a last dimension of size 2',
    }));
    return tensor(x.shape.slice(0, -1), complexOf(d));
  },
});

/** torch.real: the real part of a complex tensor, any other tensor itself. [2, 3] complex64 -> [2, 3] float32 */
export const real = defineFunction({
  names: ['torch.real'],
  signature: 'input',
  onnx: (g, { args }) => (isComplex(g.dtype(args.input)) ? g.noKernel('complex tensors') : g.op('Identity', [g.input(args.input)])),
  rule(args) {
    const x = tensorArg(args.input);
    return tensor(x.shape, realOf(dtypeOf(x)));
  },
});

/** torch.imag: complex tensors only. [2, 3] complex128 -> [2, 3] float64 */
export const imag = defineFunction({
  names: ['torch.imag'],
  signature: 'input',
  rule(args) {
    const x = tensorArg(args.input);
    const d = dtypeOf(x);
    if (!isComplex(d)) fail('imag-dtype', 'RuntimeError', 'imag is not implemented for tensors with non-complex dtypes.');
    return tensor(x.shape, realOf(d));
  },
});

/** The angle of a real number: pi below zero, 0 otherwise, NaN kept (integers compute in float). */
function lowerRealAngle(g: OnnxGraph, call: OnnxCall): string {
  const input = call.args.input;
  if (isComplex(g.dtype(input))) return g.noKernel('complex tensors');
  const out = g.dtype(call.output);
  const x = g.inputAs(input, out);
  const negative = g.op('Less', [x, g.scalar(0, out)]);
  const angle = g.op('Where', [negative, g.scalar(Math.PI, out), g.scalar(0, out)]);
  return g.op('Where', [g.op('IsNaN', [x]), x, angle]);
}

/** torch.angle: the argument of each element; integers and bools give the default float. */
export const angle = defineFunction({
  names: ['torch.angle', 'torch.Tensor.angle'],
  signature: 'input, *, out=None',
  onnx: lowerRealAngle,
  rule(args) {
    const x = tensorArg(args.input);
    const d = dtypeOf(x);
    return tensor(x.shape, isComplex(d) ? realOf(d) : toFloating(d));
  },
});

export const complexOps = [polar, complexOp, viewAsReal, viewAsComplex, real, imag, angle];
