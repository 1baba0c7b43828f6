// nn.ConvTranspose1d/2d/3d and F.conv_transpose1d/2d/3d.
// [N, C_in, *L] -> [N, C_out, *((L - 1)*s - 2p + d*(k - 1) + output_padding + 1)]
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { constIntArg, intArg, intsArg, isNone, optTensorArg, tensor, tensorArg, type TensorArg } from '../args';
import { defineFunction, defineModule, fail, giveUp, requireEqual, Unknowable, type FunctionOp, type ModuleOp, type OpContext } from '../op';
import { formatShape } from '../../shape/shape';
import type { BoundArgs } from '../signature';
import { checkConvInit, convParams, moduleTensors } from './conv';
import { batchify, convolutionShape, unbatch } from './convolution';
import { dimList, intList, pyList, pySeq } from './params';
import { lowerConvTranspose } from './lowerConv';
import { weightAndBiasInit } from '../common/init';

interface ConvTransposeInputs {
  readonly n: number;
  readonly input: TensorArg;
  readonly weight: TensorArg;
  readonly bias: TensorArg | undefined;
  readonly stride: readonly number[];
  readonly padding: readonly number[];
  readonly outputPadding: readonly number[];
  readonly groups: number;
  readonly dilation: readonly number[];
  readonly channelFix?: 'in_channels';
}

/** F.conv_transpose{N}d on known hyper-parameters. */
function convTransposeNd(ctx: OpContext, a: ConvTransposeInputs): Shape {
  const { batched, isBatched } = batchify(a.input.shape, a.n, `conv_transpose${a.n}d`);
  const out = convolutionShape(ctx, {
    input: { shape: batched, dtype: a.input.dtype }, weight: a.weight.shape, weightDtype: a.weight.dtype, bias: a.bias,
    stride: a.stride, padding: a.padding, dilation: a.dilation, transposed: true, outputPadding: a.outputPadding,
    groups: a.groups, channelFix: a.channelFix,
  });
  return unbatch(out, isBatched);
}

/**
 * F.conv_transpose{N}d whose kernel or groups is a size (StyleGAN2's modulated conv: weight
 * [b*in, out, k, k], `groups=batch`): the channel check and the output size on sizes; the checks
 * that need numbers (output padding below the stride, output too small) are not made.
 */
function symbolicConvTransposeNd(ctx: OpContext, n: number, input: Shape, w: Shape, args: BoundArgs): Shape {
  const { batched, isBatched } = batchify(input, n, `conv_transpose${n}d`);
  const groups = intArg(args.groups);
  if (w.length !== n + 2 || (groups.value !== undefined && groups.value <= 0)) giveUp('weight');
  // PyTorch needs the in channels divisible by the groups: a symbolic groups must be seen to divide.
  if (groups.value === undefined && w[0].mod(groups)?.value !== 0) giveUp('groups dividing the in channels');
  requireEqual(ctx, batched[1], w[0], () => ({
    code: 'conv-in-channels',
    exception: 'RuntimeError',
    message: `Given transposed=1, weight of size ${formatShape(w)}, expected input${formatShape(batched)} to have ${w[0]} channels, but got ${batched[1]} channels instead`,
  }));
  const [stride, padding, outputPadding, dilation] = [args.stride, args.padding, args.output_padding, args.dilation].map((v) => dimList(v, n));
  if ([stride, padding, outputPadding, dilation].some((l) => l.length !== n)) giveUp('parameter length');
  if (stride.some((s) => (s.value ?? 1) <= 0)) giveUp('stride');
  const spatial = batched.slice(2).map((L, i) =>
    L.sub(1).mul(stride[i]).sub(padding[i].mul(2)).add(dilation[i].mul(w[2 + i].sub(1))).add(outputPadding[i]).add(1));
  return unbatch([batched[0], w[1].mul(groups), ...spatial], isBatched);
}

/**
 * _ConvTransposeNd._output_padding: with output_size, the output padding that reaches it, after
 * checking it lies in [min, min + stride - 1]. Returns Dims (symbolic when the input is).
 */
function outputPaddingFor(self: BoundArgs, input: Shape, outputSize: Value, n: number): Dim[] {
  if (isNone(outputSize)) return intList(self.output_padding, n).map(Dim.of);
  const kind = outputSize.kind === 'list' ? 'list' : outputSize.kind === 'tuple' ? 'tuple' : giveUp('output_size');
  let size = intsArg(outputSize);
  const nonSpatial = input.length === n + 2 ? 2 : 1;
  if (size.length === nonSpatial + n) size = size.slice(nonSpatial);
  if (size.length !== n) {
    fail('conv-output-size', 'ValueError',
      `ConvTranspose${n}D: for ${input.length}D input, output_size must have ${n} or ${nonSpatial + n} elements (got ${size.length})`);
  }
  if (input.length < nonSpatial + n) giveUp('input too small for output_size');
  const stride = intList(self.stride, n);
  const padding = intList(self.padding, n);
  const kernel = intList(self.kernel_size, n);
  const dilation = intList(self.dilation, n);
  const mins = stride.map((s, d) => input[d + nonSpatial].sub(1).mul(s).sub(2 * padding[d]).add(dilation[d] * (kernel[d] - 1) + 1));
  const maxs = mins.map((m, d) => m.add(stride[d] - 1));
  const outside = size.some((s, i) => {
    const lo = s.sub(mins[i]).value;
    const hi = s.sub(maxs[i]).value;
    return (lo !== undefined && lo < 0) || (hi !== undefined && hi > 0);
  });
  if (outside) {
    fail('conv-output-size', 'ValueError',
      `requested an output size of ${pySeq(size, kind)}, but valid sizes range from ${pyList(mins)} to ${pyList(maxs)} (for an input of torch.Size(${pyList(input.slice(2))}))`);
  }
  return size.map((s, i) => s.sub(mins[i]));
}

function convTransposeModule(n: number): ModuleOp {
  const name = `ConvTranspose${n}d`;
  return defineModule({
    names: [`torch.nn.${name}`],
    init: "in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1, bias=True, dilation=1, padding_mode='zeros', device=None, dtype=None",
    forward: 'input, output_size=None',
    check: (self) => checkConvInit(self, n, name),
    params: (self) => convParams(self, n, true),
    reset: weightAndBiasInit,
    onnx(g, call) {
      const self = call.self!;
      return lowerConvTranspose(g, call, {
        n, input: call.args.input, weight: g.param('weight'), weightShape: g.paramShape('weight'),
        bias: g.hasParam('bias') ? g.param('bias') : undefined, stride: self.stride, padding: self.padding,
        dilation: self.dilation, groups: g.int(self.groups),
      });
    },
    rule(self, { input, output_size }, ctx) {
      const x = tensorArg(input);
      const { weight, bias } = moduleTensors(self, n, true);
      const outputPadding = outputPaddingFor(self, x.shape, output_size, n);
      const known = outputPadding.map((d) => d.value);
      const common = {
        n, input: x, weight, bias, stride: intList(self.stride, n), padding: intList(self.padding, n),
        groups: constIntArg(self.groups), dilation: intList(self.dilation, n), channelFix: 'in_channels' as const,
      };
      if (known.every((v) => v !== undefined)) return tensor(convTransposeNd(ctx, { ...common, outputPadding: known as number[] }), x.dtype);
      // A symbolic output_size: the checks with no output padding, then the requested sizes
      // (in range, the padding is below the stride, so it passes the kernel's check too).
      const shape = convTransposeNd(ctx, { ...common, outputPadding: known.map(() => 0) });
      const lead = shape.length - n;
      return tensor(shape.map((d, i) => (i < lead ? d : d.add(outputPadding[i - lead]))), x.dtype);
    },
  });
}

function convTransposeFunction(n: number): FunctionOp {
  return defineFunction({
    names: [`torch.nn.functional.conv_transpose${n}d`],
    signature: 'input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1',
    onnx(g, call) {
      const a = call.args;
      return lowerConvTranspose(g, call, {
        n, input: a.input, weight: g.input(a.weight), weightShape: g.shape(a.weight),
        bias: a.bias.kind === 'none' ? undefined : g.input(a.bias), stride: a.stride, padding: a.padding,
        dilation: a.dilation, groups: g.int(a.groups),
      });
    },
    rule(args, ctx) {
      const x = tensorArg(args.input);
      try {
        const shape = convTransposeNd(ctx, {
          n, input: x, weight: tensorArg(args.weight), bias: optTensorArg(args.bias), stride: intList(args.stride, n),
          padding: intList(args.padding, n), outputPadding: intList(args.output_padding, n), groups: constIntArg(args.groups),
          dilation: intList(args.dilation, n),
        });
        return tensor(shape, x.dtype);
      } catch (e) {
        if (!(e instanceof Unknowable)) throw e;
        return tensor(symbolicConvTransposeNd(ctx, n, x.shape, tensorArg(args.weight).shape, args), x.dtype);
      }
    },
  });
}

export const ConvTranspose1d = convTransposeModule(1);
export const ConvTranspose2d = convTransposeModule(2);
export const ConvTranspose3d = convTransposeModule(3);
export const conv_transpose1d = convTransposeFunction(1);
export const conv_transpose2d = convTransposeFunction(2);
export const conv_transpose3d = convTransposeFunction(3);
