// nn.AvgPool1d/2d/3d, nn.LPPool1d/2d and their functionals. [N, C, L] -> [N, C, (L + 2p - k) // s + 1]
import type { Shape } from '../../shape/shape';
import { boolArg, isNone, optConstIntArg, tensor, tensorArg } from '../args';
import { defineFunction, defineModule, fail } from '../op';
import { check1d, checkDim2to3, poolNd, squeezeH, unsqueezeH } from './poolCore';
import { intList, optIntList, requireFloating, scalarTypeName } from './poolShape';
import type { DType } from '../dtype';
import type { Value } from '../../value';
import type { BoundArgs } from '../signature';
import type { OnnxCall, OnnxGraph } from '../lowering';
import { floatArg } from '../args';
import { lowerAvgPool, lowerLpPool, type AvgArgs } from './lowerPool';

function avgArgs(a: BoundArgs, n: number): AvgArgs {
  return {
    kernel: intList(a.kernel_size), stride: optIntList(a.stride), padding: 'padding' in a ? intList(a.padding) : [0], dilation: [1],
    ceil: boolArg(a.ceil_mode), countIncludePad: 'count_include_pad' in a ? boolArg(a.count_include_pad) : true,
    divisorOverride: n > 1 && 'divisor_override' in a ? optConstIntArg(a.divisor_override) : undefined,
  };
}

function lowerAvg(g: OnnxGraph, call: OnnxCall, n: number, a: BoundArgs): string {
  return lowerAvgPool(g, call, n, call.args.input, avgArgs(a, n));
}

function lowerLp(g: OnnxGraph, call: OnnxCall, n: number, a: BoundArgs): string {
  return lowerLpPool(g, call, n, call.args.input, floatArg(a.norm_type), avgArgs(a, n));
}

/** avg_pool{n}d's output shape; stride [] means "the kernel size". */
export function avgPoolShape(
  n: 1 | 2 | 3, x: Shape, kernel: number[], stride: number[], padding: number[], ceil: boolean, divisor?: number,
): Shape {
  if (n > 1) return poolNd('avg', n as 2 | 3, x, { kernel, stride, padding, dilation: [1], ceil, divisor });
  // torch.avg_pool1d: checks, then avg_pool2d on a height of 1.
  const s = stride.length === 0 ? kernel : stride;
  checkDim2to3('avg_pool1d', x);
  check1d('avg_pool1d', 'kernel_size', kernel);
  check1d('avg_pool1d', 'stride', s);
  check1d('avg_pool1d', 'padding', padding);
  const out = poolNd('avg', 2, unsqueezeH(x), { kernel: [1, kernel[0]], stride: [1, s[0]], padding: [0, padding[0]], dilation: [1], ceil });
  return squeezeH(out);
}

const DIVISOR = ', divisor_override=None';

/** The CPU avg_pool kernels take floats and int64 only; other integers fail at dispatch. */
function checkAvgDtype(n: 1 | 2 | 3, dtype: DType | undefined): void {
  if (dtype === undefined || dtype === 'int64' || dtype.startsWith('float') || dtype === 'bfloat16') return;
  if (dtype.startsWith('complex')) requireFloating(dtype);
  const kernel = n === 3 ? 'avg_pool3d_out_frame' : 'avg_pool2d';
  fail('pool-dtype', 'RuntimeError', `"${kernel}" not implemented for '${scalarTypeName(dtype)}'`);
}

function avgModule(n: 1 | 2 | 3) {
  return defineModule({
    names: [`torch.nn.AvgPool${n}d`],
    init: `kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True${n > 1 ? DIVISOR : ''}`,
    forward: 'input',
    params: () => [],
    onnx: (g, call) => lowerAvg(g, call, n, call.self!),
    rule(self, { input }) {
      const x = tensorArg(input);
      boolArg(self.count_include_pad);
      const divisor = n > 1 ? optConstIntArg(self.divisor_override) : undefined;
      const shape = avgPoolShape(n, x.shape, intList(self.kernel_size), optIntList(self.stride), intList(self.padding), boolArg(self.ceil_mode), divisor);
      checkAvgDtype(n, x.dtype);
      return tensor(shape, x.dtype);
    },
  });
}

function avgFunction(n: 1 | 2 | 3) {
  return defineFunction({
    names: [`torch.nn.functional.avg_pool${n}d`],
    signature: `input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True${n > 1 ? DIVISOR : ''}`,
    onnx: (g, call) => lowerAvg(g, call, n, call.args),
    rule(a) {
      const x = tensorArg(a.input);
      const divisor = n > 1 ? optConstIntArg(a.divisor_override) : undefined;
      const shape = avgPoolShape(n, x.shape, intList(a.kernel_size), optIntList(a.stride), intList(a.padding), boolArg(a.ceil_mode), divisor);
      checkAvgDtype(n, x.dtype);
      return tensor(shape, x.dtype);
    },
  });
}

/** lp_pool{n}d is avg_pool{n}d of x**p without padding: the same shape. */
function lpShape(n: 1 | 2, a: BoundArgs, input: Value): Value {
  const x = tensorArg(input);
  const stride = isNone(a.stride) ? [] : intList(a.stride);
  const shape = avgPoolShape(n, x.shape, intList(a.kernel_size), stride, [0], boolArg(a.ceil_mode));
  // x.pow(p) of an integer tensor changes the dtype on the way: no hint.
  requireFloating(x.dtype);
  return tensor(shape, x.dtype);
}

function lpModule(n: 1 | 2) {
  return defineModule({
    names: [`torch.nn.LPPool${n}d`],
    init: 'norm_type, kernel_size, stride=None, ceil_mode=False',
    forward: 'input',
    params: () => [],
    onnx: (g, call) => lowerLp(g, call, n, call.self!),
    rule: (self, { input }) => lpShape(n, self, input),
  });
}

function lpFunction(n: 1 | 2) {
  return defineFunction({
    names: [`torch.nn.functional.lp_pool${n}d`],
    signature: 'input, norm_type, kernel_size, stride=None, ceil_mode=False',
    onnx: (g, call) => lowerLp(g, call, n, call.args),
    rule: (a) => lpShape(n, a, a.input),
  });
}

export const avgPoolOps = [
  avgModule(1), avgFunction(1), avgModule(2), avgFunction(2), avgModule(3), avgFunction(3),
  lpModule(1), lpFunction(1), lpModule(2), lpFunction(2),
];
