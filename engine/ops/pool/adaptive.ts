// nn.AdaptiveAvgPool1d/2d/3d, nn.AdaptiveMaxPool1d/2d/3d and their functionals: the output size
// is given, None keeps the input's size. [N, C, H, W] -> [N, C, oH, oW]
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { boolArg, intArg, isNone, sequenceArg, tensor, tensorArg, tuple, type TensorArg } from '../args';
import { defineFunction, defineModule, fail, giveUp } from '../op';
import { sig, type BoundArgs } from '../signature';
import type { OnnxCall, OnnxGraph } from '../lowering';
import { lowerAdaptiveAvg, lowerAdaptiveMax } from './lowerPool';
import { check1d, checkDim2to3, squeezeH, unsqueezeH } from './poolCore';
import { isZero, rebind, requireFloating, sizesText } from './poolShape';

/** F.adaptive_*_pool{2,3}d's `_list_with_default`: None entries take the input's trailing sizes. */
function listWithDefault(v: Value, x: Shape): Value {
  if (v.kind === 'int' || v.kind === 'bool') return v;
  const items = sequenceArg(v);
  if (x.length <= items.length) fail('adaptive-rank', 'ValueError', `Input dimension should be at least ${items.length + 1}`);
  const tail = x.slice(x.length - items.length);
  return { kind: 'list', items: items.map((it, i) => (isNone(it) ? { kind: 'int', dim: tail[i] } : it)) };
}

/** An int or a sequence as ATen's int[n] (an int is repeated; any other length is kept for the check). */
function sizesArg(v: Value, n: number): Dim[] {
  if (v.kind === 'int' || v.kind === 'bool') return Array.from({ length: n }, () => intArg(v));
  return sequenceArg(v).map((it) => (isNone(it) ? giveUp('None output size') : intArg(it)));
}

const err = (message: string, code = 'adaptive-args'): never => fail(code, 'RuntimeError', message);

/** at::adaptive_avg_pool{2,3}d (the composite, whose all-ones case is a plain mean). */
function adaptiveAvgNd(n: 2 | 3, x: Shape, out: Dim[]): Shape {
  const name = `adaptive_avg_pool${n}d`;
  if (out.length !== n) err(`${name}: output_size must be ${n}`);
  if (out.some((d) => d.value !== undefined && d.value < 0)) {
    // PyTorch's texts: the 3-D one says adaptive_avg_pool2d and drops a space before the last size.
    const got = n === 2 ? out.join(', ') : `${out[0]}, ${out[1]},${out[2]}`;
    err(`adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {${got}}`);
  }
  if (out.every((d) => d.value === 1)) {
    // input.mean(spatial dims, keepdim=True): no rank or size checks on this path.
    if (x.length < n) giveUp('mean over missing dims');
    return [...x.slice(0, x.length - n), ...out];
  }
  if (out.some((d) => !d.isKnown) && x.length !== n + 1 && x.length !== n + 2) giveUp('mean path undecided');
  if (x.length !== n + 1 && x.length !== n + 2) err(`${name}(): Expected ${n + 1}D or ${n + 2}D tensor, but got ${sizesText(x)}`, 'adaptive-rank');
  // 2-D checks the spatial dims only; 3-D every non-batch dim from 1.
  const first = n === 2 ? x.length - 2 : 1;
  for (let i = first; i < x.length; i++) {
    if (isZero(x[i])) {
      err(`${name}(): Expected input to have non-zero size for non-batch dimensions, but input has sizes ${sizesText(x)} with dimension ${i} being empty`, 'adaptive-empty');
    }
  }
  return [...x.slice(0, x.length - n), ...out];
}

/** at::adaptive_max_pool{2,3}d. */
function adaptiveMaxNd(n: 2 | 3, x: Shape, out: Dim[]): Shape {
  const name = `adaptive_max_pool${n}d`;
  if (x.length !== n + 1 && x.length !== n + 2) err(`${name}(): Expected ${n + 1}D or ${n + 2}D tensor, but got: ${sizesText(x)}`, 'adaptive-rank');
  for (let i = 1; i < x.length; i++) {
    if (isZero(x[i])) {
      err(`${name}(): Expected input to have non-zero size for non-batch dimensions, but input has sizes ${sizesText(x)} with dimension ${i} being empty`, 'adaptive-empty');
    }
  }
  if (out.length !== n) err(`${name}(): internal error: output_size.size() must be ${n}`);
  const shape = [...x.slice(0, x.length - n), ...out];
  const neg = shape.find((d) => d.value !== undefined && d.value < 0);
  if (neg) err(`Trying to create tensor with negative dimension ${neg}: ${sizesText(shape)}`);
  return shape;
}

/** Output shape of adaptive pooling over the last n dims; `v` is output_size as PyTorch got it. */
export function adaptiveShape(kind: 'avg' | 'max', n: 1 | 2 | 3, x: Shape, v: Value): Shape {
  if (n === 1) {
    const name = `adaptive_${kind}_pool1d`;
    checkDim2to3(name, x);
    const out = v.kind === 'int' || v.kind === 'bool' ? [intArg(v)] : sizesArg(v, 1);
    check1d(name, 'output_size', out.map(() => 0));
    const x2 = unsqueezeH(x);
    const y = kind === 'avg' ? adaptiveAvgNd(2, x2, [Dim.of(1), out[0]]) : adaptiveMaxNd(2, x2, [Dim.of(1), out[0]]);
    return squeezeH(y);
  }
  const out = sizesArg(listWithDefault(v, x), n);
  return kind === 'avg' ? adaptiveAvgNd(n, x, out) : adaptiveMaxNd(n, x, out);
}

function result(x: TensorArg, shape: Shape, indices: boolean): Value {
  requireFloating(x.dtype);
  const out = tensor(shape, x.dtype);
  return indices ? tuple([out, tensor(shape, 'int64')]) : out;
}

function maxRule(n: 1 | 2 | 3, a: BoundArgs, input: Value, indices: boolean): Value {
  const x = tensorArg(input);
  return result(x, adaptiveShape('max', n, x.shape, a.output_size), indices);
}

const maxSig = sig('input, output_size, return_indices=False');

function family(n: 1 | 2 | 3) {
  const avg = (g: OnnxGraph, call: OnnxCall) => lowerAdaptiveAvg(g, call, n, call.args.input);
  return [
    defineModule({
      names: [`torch.nn.AdaptiveAvgPool${n}d`],
      init: 'output_size',
      forward: 'input',
      params: () => [],
      onnx: avg,
      rule(self, { input }) {
        const x = tensorArg(input);
        const shape = adaptiveShape('avg', n, x.shape, self.output_size);
        requireFloating(x.dtype);
        return tensor(shape, x.dtype);
      },
    }),
    defineFunction({
      names: [`torch.nn.functional.adaptive_avg_pool${n}d`],
      signature: 'input, output_size',
      onnx: avg,
      rule(a) {
        const x = tensorArg(a.input);
        const shape = adaptiveShape('avg', n, x.shape, a.output_size);
        requireFloating(x.dtype);
        return tensor(shape, x.dtype);
      },
    }),
    defineModule({
      names: [`torch.nn.AdaptiveMaxPool${n}d`],
      init: 'output_size, return_indices=False',
      forward: 'input',
      params: () => [],
      onnx: (g, call) => lowerAdaptiveMax(g, call, n, call.args.input, boolArg(call.self!.return_indices)),
      rule: (self, { input }) => maxRule(n, self, input, boolArg(self.return_indices)),
    }),
    defineFunction({
      names: [`torch.nn.functional.adaptive_max_pool${n}d`],
      // boolean_dispatch on return_indices: PyTorch's signature is (*args, **kwargs).
      signature: '*args, **kwargs',
      onnx(g, call) {
        const a = rebind(call.args, maxSig);
        return lowerAdaptiveMax(g, { ...call, args: a }, n, a.input, boolArg(a.return_indices));
      },
      rule(raw) {
        const a = rebind(raw, maxSig);
        return maxRule(n, a, a.input, boolArg(a.return_indices));
      },
    }),
    defineFunction({
      names: [`torch.nn.functional.adaptive_max_pool${n}d_with_indices`],
      signature: 'input, output_size, return_indices=False',
      onnx: (g, call) => lowerAdaptiveMax(g, call, n, call.args.input, true),
      rule: (a) => maxRule(n, a, a.input, true),
    }),
  ];
}

export const adaptiveOps = [...family(1), ...family(2), ...family(3)];
