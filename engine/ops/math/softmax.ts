// Softmax family: the shape is kept, `dim` only has to exist. [N, C] -> [N, C]
import { constIntArg, dtypeArg, isNone, tensor, tensorArg, wrapDim } from '../args';
import { dtypeCategory } from '../dtype';
import { defineFunction, giveUp, type FunctionOp } from '../op';
import { dtypeOf, notImplemented } from './promote';

function softmaxLike(kernel: 'softmax' | 'log_softmax', names: string[], signature: string): FunctionOp {
  return defineFunction({
    names,
    signature,
    onnx(g, call) {
      const x = call.args.input;
      const rank = g.shape(x).length;
      const axis = rank === 0 ? 0 : wrapDim(constIntArg(call.args.dim), rank);
      let v = g.inputAs(x, g.dtype(call.output));
      if (call.name.endsWith('softmin')) v = g.op('Neg', [v]);
      g.flops(3 * g.shape(x).reduce((a, b) => a * b, 1));
      if (rank === 0) v = g.op('Unsqueeze', [v, g.ints([0])]);
      const y = g.op(kernel === 'softmax' ? 'Softmax' : 'LogSoftmax', [v], { axis });
      return rank === 0 ? g.op('Squeeze', [y, g.ints([0])]) : y;
    },
    rule(args) {
      const x = tensorArg(args.input);
      // The implicit dim (a deprecated guess by rank) is not modelled.
      if (isNone(args.dim)) giveUp('implicit softmax dim');
      const rank = x.shape.length;
      const dim = wrapDim(constIntArg(args.dim), rank);
      const forced = dtypeArg(args.dtype);
      const d = forced ?? dtypeOf(x);
      // Integer inputs reach a float-only kernel; which one depends on whether dim is last.
      if (dtypeCategory(d) < 2) notImplemented(`${kernel}_${rank === 0 || dim === rank - 1 ? 'lastdim_' : ''}kernel_impl`, d);
      return tensor(x.shape, d);
    },
  });
}

export const softmaxOps: readonly FunctionOp[] = [
  softmaxLike('softmax', ['torch.softmax', 'torch.Tensor.softmax'], 'input, dim, dtype=None'),
  softmaxLike('log_softmax', ['torch.log_softmax', 'torch.Tensor.log_softmax'], 'input, dim, dtype=None'),
  softmaxLike('softmax', ['torch.nn.functional.softmax', 'torch.nn.functional.softmin'], 'input, dim=None, _stacklevel=3, dtype=None'),
  softmaxLike('log_softmax', ['torch.nn.functional.log_softmax'], 'input, dim=None, _stacklevel=3, dtype=None'),
];
