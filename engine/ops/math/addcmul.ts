// addcmul: input + value * tensor1 * tensor2, the three broadcast together (in that order, for
// PyTorch's mismatch text); the dtype is result_type of the three. timm's GlobalResponseNorm
// (ConvNeXt V2) writes its affine so. [1, 1, 1, C] + [1, 1, 1, C] * [B, H, W, C] -> [B, H, W, C]
import type { Value } from '../../value';
import { floatArg, tensor } from '../args';
import { defineFunction, fail, giveUp } from '../op';
import { broadcastOperands } from './elementwise';
import { resultType } from './promote';

export const addcmul = defineFunction({
  names: ['torch.addcmul', 'torch.Tensor.addcmul'],
  signature: 'input, tensor1, tensor2, *, value=1, out=None',
  onnx(g, call) {
    const out = g.dtype(call.output);
    const product = g.op('Mul', [g.inputAs(call.args.tensor1, out), g.inputAs(call.args.tensor2, out)]);
    const value = floatArg(call.args.value);
    const scaled = value === 1 ? product : g.op('Mul', [product, g.inputAs({ kind: 'float', value }, out)]);
    const sum = g.op('Add', [g.inputAs(call.args.input, out), scaled]);
    return g.op('Expand', [sum, g.ints(g.shape(call.output))]);
  },
  rule(args, ctx) {
    const operands: Value[] = [args.input, args.tensor1, args.tensor2];
    // tensor1 and tensor2 must be tensors (the argument parser's TypeError); input too.
    if (!operands.every((v) => v.kind === 'tensor')) giveUp('addcmul of a non-tensor');
    const shape = broadcastOperands(ctx, operands);
    const dtype = resultType(operands);
    if (dtype === 'bool') fail('addcmul-bool', 'RuntimeError', '"addcmul_cpu_out" not implemented for \'Bool\'');
    return tensor(shape, dtype);
  },
});

export const addcmulOps = [addcmul];
