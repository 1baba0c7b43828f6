// squeeze / unsqueeze: drop or insert size-1 dimensions.
import { reshapeLowering } from '../common/onnx';
import type { Dim } from '../../shape/dim';
import { constIntArg, isNone, tensorArg, wrapDim } from '../args';
import { defineFunction, giveUp } from '../op';
import { tensor } from './helpers';

/** Is the size 1? A symbolic size might be: no hint rather than a guess. */
function isOne(d: Dim): boolean {
  const v = d.value;
  return v === undefined ? giveUp('squeeze of a symbolic size') : v === 1;
}

/** [1, 3, 1, 2] -> squeeze() -> [3, 2]; squeeze(0) -> [3, 1, 2] */
export const squeeze = defineFunction({
  names: ['torch.squeeze', 'torch.Tensor.squeeze'],
  signature: 'input, dim=None',
  onnx: reshapeLowering,
  rule(args) {
    const x = tensorArg(args.input);
    if (isNone(args.dim)) return tensor(x.shape.filter((d) => !isOne(d)), x.dtype);
    const d = wrapDim(constIntArg(args.dim), x.shape.length);
    if (x.shape.length === 0 || !isOne(x.shape[d])) return tensor(x.shape, x.dtype);
    return tensor([...x.shape.slice(0, d), ...x.shape.slice(d + 1)], x.dtype);
  },
});

/** [2, 3] -> unsqueeze(-1) -> [2, 3, 1] */
export const unsqueeze = defineFunction({
  names: ['torch.unsqueeze', 'torch.Tensor.unsqueeze'],
  signature: 'input, dim',
  onnx: reshapeLowering,
  rule(args) {
    const x = tensorArg(args.input);
    const d = wrapDim(constIntArg(args.dim), x.shape.length + 1);
    return tensor([...x.shape.slice(0, d), 1, ...x.shape.slice(d)], x.dtype);
  },
});
