// nn.MaxPool1d/2d/3d and F.max_pool{1,2,3}d (+ _with_indices). [N, C, L] -> [N, C, (L + 2p - d*(k-1) - 1) // s + 1]
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { boolArg, tensor, tensorArg, tuple, type TensorArg } from '../args';
import { defineFunction, defineModule, fail } from '../op';
import { sig, type BoundArgs } from '../signature';
import { check1d, checkDim2to3, poolNd, squeezeH, unsqueezeH } from './poolCore';
import { intList, isZero, knownBelow, optIntList, poolingOutputShape, rebind, requireFloating, sizesText } from './poolShape';
import type { OnnxCall, OnnxGraph } from '../lowering';
import { lowerMaxPool } from './lowerPool';

function lower(g: OnnxGraph, call: OnnxCall, n: number, a: BoundArgs, indices: boolean) {
  const m = readArgs(a);
  return lowerMaxPool(g, call, n, call.args.input, { kernel: m.kernel, stride: m.stride, padding: m.padding, dilation: m.dilation }, indices);
}

const FUNCTIONAL = 'input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False';
const functionalSig = sig(FUNCTIONAL);

interface MaxArgs {
  kernel: number[];
  stride: number[];
  padding: number[];
  dilation: number[];
  ceil: boolean;
}

function readArgs(a: BoundArgs): MaxArgs {
  return {
    kernel: intList(a.kernel_size), stride: optIntList(a.stride), padding: intList(a.padding),
    dilation: intList(a.dilation), ceil: boolArg(a.ceil_mode),
  };
}

/** torch.max_pool1d without indices: its own kernel, its own checks, and an empty output allowed. */
function maxPool1dPlain(x: Shape, m: MaxArgs): Shape {
  const r = x.length;
  const ok = (r === 2 && !isZero(x[0]) && !isZero(x[1])) || (r === 3 && !isZero(x[1]) && !isZero(x[2]));
  if (!ok) {
    fail('pool-rank', 'RuntimeError', `max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:${sizesText(x)}`);
  }
  const e = (msg: string): never => fail('pool-args', 'RuntimeError', `max_pool1d() ${msg}`);
  if (m.kernel.length !== 1) e(`kernel_size must be an int, list of ints or tuple of ints of size 1 but got size ${m.kernel.length}`);
  if (m.stride.length > 1) e(`stride must be None, an int, list of ints, or tuple of ints of size 1 but got size ${m.stride.length}`);
  if (m.padding.length !== 1) e(`padding must be an int, list of ints, or tuple of ints of size 1 but got size ${m.padding.length}`);
  if (m.dilation.length !== 1) e(`dilation must be an int, list of ints or tuple of ints of size 1 but got size ${m.dilation.length}`);
  const k = m.kernel[0];
  const s = m.stride.length === 0 ? k : m.stride[0];
  const p = m.padding[0];
  const d = m.dilation[0];
  if (k <= 0) e(`kernel_size must be greater than zero, but got ${k}`);
  if (s <= 0) e(`stride must be greater than zero, but got ${s}`);
  if (p < 0) e(`padding must be non-negative, but got ${p}`);
  if (p > Math.trunc(k / 2)) e(`padding should be at most half of kernel size, but got padding=${p} and kernel_size=${k}`);
  if (d <= 0) e(`dilation must be greater than zero, but got ${d}`);
  const ow = poolingOutputShape(x[r - 1], k, p, s, d, m.ceil);
  if (knownBelow(ow, 0)) fail('pool-too-small', 'RuntimeError', `max_pool1d() Invalid computed output size: ${ow}`);
  return [...x.slice(0, -1), ow];
}

/** torch.max_pool1d_with_indices: checks, then the 2-D kernel on a height of 1. */
function maxPool1dIndexed(x: Shape, m: MaxArgs): Shape {
  const stride = m.stride.length === 0 ? m.kernel : m.stride;
  checkDim2to3('max_pool1d', x);
  check1d('max_pool1d', 'kernel_size', m.kernel);
  check1d('max_pool1d', 'stride', stride);
  check1d('max_pool1d', 'padding', m.padding);
  check1d('max_pool1d', 'dilation', m.dilation);
  const out = poolNd('max', 2, unsqueezeH(x), {
    kernel: [1, m.kernel[0]], stride: [1, stride[0]], padding: [0, m.padding[0]], dilation: [1, m.dilation[0]], ceil: m.ceil,
  });
  return squeezeH(out);
}

/** The output shape of max pooling over the last n dims. */
export function maxPoolShape(n: 1 | 2 | 3, x: Shape, m: MaxArgs, indices: boolean): Shape {
  if (n === 1) return indices ? maxPool1dIndexed(x, m) : maxPool1dPlain(x, m);
  return poolNd('max', n, x, { kernel: m.kernel, stride: m.stride, padding: m.padding, dilation: m.dilation, ceil: m.ceil });
}

function result(x: TensorArg, shape: Shape, indices: boolean): Value {
  requireFloating(x.dtype);
  const out = tensor(shape, x.dtype);
  return indices ? tuple([out, tensor(shape, 'int64')]) : out;
}

function functional(n: 1 | 2 | 3) {
  return defineFunction({
    names: [`torch.nn.functional.max_pool${n}d`],
    // boolean_dispatch on return_indices: PyTorch's signature is (*args, **kwargs).
    signature: '*args, **kwargs',
    onnx(g, call) {
      const a = rebind(call.args, functionalSig);
      return lower(g, { ...call, args: a }, n, a, boolArg(a.return_indices));
    },
    rule(raw) {
      const a = rebind(raw, functionalSig);
      const x = tensorArg(a.input);
      const indices = boolArg(a.return_indices);
      return result(x, maxPoolShape(n, x.shape, readArgs(a), indices), indices);
    },
  });
}

function withIndices(n: 1 | 2 | 3) {
  return defineFunction({
    names: [`torch.nn.functional.max_pool${n}d_with_indices`],
    signature: FUNCTIONAL,
    onnx: (g, call) => lower(g, call, n, call.args, true),
    rule(a) {
      const x = tensorArg(a.input);
      return result(x, maxPoolShape(n, x.shape, readArgs(a), true), true);
    },
  });
}

function module(n: 1 | 2 | 3) {
  return defineModule({
    names: [`torch.nn.MaxPool${n}d`],
    init: 'kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False',
    forward: 'input',
    params: () => [],
    onnx: (g, call) => lower(g, call, n, call.self!, boolArg(call.self!.return_indices)),
    rule(self, { input }) {
      const x = tensorArg(input);
      const indices = boolArg(self.return_indices);
      return result(x, maxPoolShape(n, x.shape, readArgs(self), indices), indices);
    },
  });
}

export const maxPoolOps = [1, 2, 3].flatMap((n) => {
  const d = n as 1 | 2 | 3;
  return [module(d), functional(d), withIndices(d)];
});
