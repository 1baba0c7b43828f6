// nn.Conv1d/2d/3d and F.conv1d/2d/3d (= torch.conv1d/2d/3d).
// [N, C_in, *L] -> [N, C_out, *((L + 2p - d*(k - 1) - 1) // s + 1)]
import { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import {
  boolArg, dtypeArg, intArg, optTensorArg, strArg, tensor, tensorArg, type TensorArg,
} from '../args';
import { DEFAULT_FLOAT, type DType } from '../dtype';
import { defineFunction, defineModule, fail, giveUp, requireEqual, Unknowable, type FunctionOp, type ModuleOp, type OpContext } from '../op';
import { formatShape } from '../../shape/shape';
import { windowOutput } from '../common/window';
import type { BoundArgs } from '../signature';
import { batchify, convolutionShape, stringPaddingCall, unbatch, type ConvCall } from './convolution';
import { dimList, intList } from './params';
import { padNonConstant } from './padModes';
import { lowerConv } from './lowerConv';
import { weightAndBiasInit } from '../common/init';

export interface ConvInputs {
  readonly n: number;
  readonly fname: string;
  readonly input: TensorArg;
  readonly weight: TensorArg;
  readonly bias: TensorArg | undefined;
  readonly stride: Value;
  readonly padding: Value;
  readonly dilation: Value;
  /** A Dim when symbolic (a depthwise `groups=dim_in` of a model built with symbolic sizes). */
  readonly groups: number | Dim;
  readonly channelFix?: 'in_channels';
}

/** F.conv{N}d: batchify, string or numeric padding, then at::convolution. */
export function convNd(ctx: OpContext, a: ConvInputs): Value {
  try {
    return numericConvNd(ctx, a);
  } catch (e) {
    if (!(e instanceof Unknowable) || a.padding.kind === 'str') throw e;
    return symbolicConvNd(ctx, a);
  }
}

/**
 * A convolution whose kernel, stride, padding or dilation is a symbol (a patch embedding's
 * `kernel_size=stride=patch_size`): the channel check and the output size, on sizes. The
 * checks that need numbers (kernel larger than the input...) are not made.
 */
function symbolicConvNd(ctx: OpContext, a: ConvInputs): Value {
  const { batched, isBatched } = batchify(a.input.shape, a.n, a.fname);
  const w = a.weight.shape;
  const groups = Dim.of(a.groups);
  if (w.length !== a.n + 2 || (groups.value !== undefined && groups.value <= 0)) giveUp('weight');
  const expected = w[1].mul(groups);
  requireEqual(ctx, batched[1], expected, () => ({
    code: 'conv-in-channels',
    exception: 'RuntimeError',
    message: `Given groups=${a.groups}, weight of size ${formatShape(w)}, expected input${formatShape(batched)} to have ${expected} channels, but got ${batched[1]} channels instead`,
    fixes: a.channelFix ? [{ param: a.channelFix, value: batched[1] }] : undefined,
  }));
  const stride = dimList(a.stride, a.n);
  const padding = dimList(a.padding, a.n);
  const dilation = dimList(a.dilation, a.n);
  if ([stride, padding, dilation].some((l) => l.length !== a.n)) giveUp('parameter length');
  if (stride.some((s) => (s.value ?? 1) <= 0)) giveUp('stride');
  const spatial = batched.slice(2).map((L, i) => windowOutput(L, w[2 + i], stride[i], padding[i].mul(2), dilation[i]));
  return tensor(unbatch([batched[0], w[0], ...spatial], isBatched), a.input.dtype);
}

function numericConvNd(ctx: OpContext, a: ConvInputs): Value {
  const { batched, isBatched } = batchify(a.input.shape, a.n, a.fname);
  const base = {
    input: { shape: batched, dtype: a.input.dtype },
    weight: a.weight.shape,
    weightDtype: a.weight.dtype,
    bias: a.bias,
    stride: intList(a.stride, a.n),
    dilation: intList(a.dilation, a.n),
    transposed: false,
    outputPadding: Array.from({ length: a.n }, () => 0),
    // A symbolic groups leaves the numeric checks to symbolicConvNd's channel check.
    groups: typeof a.groups === 'number' ? a.groups : giveUp('symbolic groups'),
    channelFix: a.channelFix,
  };
  const call: ConvCall = a.padding.kind === 'str'
    ? stringPaddingCall(base, a.padding.value)
    : { ...base, padding: intList(a.padding, a.n) };
  return tensor(unbatch(convolutionShape(ctx, call), isBatched), a.input.dtype);
}

const VALID_PADDING_MODES = ['zeros', 'reflect', 'replicate', 'circular'];

/** _ConvNd.__init__'s ValueErrors, in its order. */
export function checkConvInit(self: BoundArgs, n: number, transposedName?: string): void {
  const mode = strArg(self.padding_mode);
  if (transposedName && mode !== 'zeros') fail('conv-padding-mode', 'ValueError', `Only "zeros" padding mode is supported for ${transposedName}`);
  const groups = moduleGroups(self);
  if (groups.value !== undefined && groups.value <= 0) fail('conv-groups', 'ValueError', 'groups must be a positive integer');
  // Symbolic channel counts leave divisibility open: only a known remainder fails.
  const notDivisible = (v: Value): boolean => {
    const rem = intArg(v).mod(groups)?.value;
    return rem !== undefined && rem !== 0;
  };
  if (notDivisible(self.in_channels)) fail('conv-groups', 'ValueError', 'in_channels must be divisible by groups');
  if (notDivisible(self.out_channels)) fail('conv-groups', 'ValueError', 'out_channels must be divisible by groups');
  if (self.padding.kind === 'str') {
    // The message prints a Python set, whose order is not reproducible.
    if (transposedName || (self.padding.value !== 'same' && self.padding.value !== 'valid')) giveUp('invalid padding string');
    if (self.padding.value === 'same' && intList(self.stride, n).some((s) => s !== 1)) {
      fail('conv-same-stride', 'ValueError', "padding='same' is not supported for strided convolutions");
    }
  }
  if (!VALID_PADDING_MODES.includes(mode)) giveUp('invalid padding_mode');
}

/** The module's parameters: weight [out, in/groups, *k] ([in, out/groups, *k] transposed), bias [out]. */
export function convParams(self: BoundArgs, n: number, transposed: boolean) {
  const inC = intArg(self.in_channels);
  const outC = intArg(self.out_channels);
  const groups = moduleGroups(self);
  const kernel = dimList(self.kernel_size, n);
  const dtype: DType = dtypeArg(self.dtype) ?? DEFAULT_FLOAT;
  const part = (transposed ? outC : inC).floordiv(groups);
  // A symbolic groups must divide its channels exactly (`dim_in // dim_in` is 1).
  if (!part || (groups.value === undefined && part.mul(groups).equals(transposed ? outC : inC) !== 'yes')) giveUp('channels per group');
  const lead = transposed ? [inC, part] : [outC, part];
  const weight = { name: 'weight', shape: [...lead, ...kernel], dtype };
  return boolArg(self.bias) ? [weight, { name: 'bias', shape: [outC], dtype }] : [weight];
}

/** The module's parameters as tensor arguments for the functional call. */
export function moduleTensors(self: BoundArgs, n: number, transposed: boolean): { weight: TensorArg; bias: TensorArg | undefined } {
  const [w, b] = convParams(self, n, transposed);
  return { weight: { shape: w.shape, dtype: w.dtype }, bias: b && { shape: b.shape, dtype: b.dtype } };
}

function convModule(n: number): ModuleOp {
  return defineModule({
    names: [`torch.nn.Conv${n}d`],
    init: "in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros', device=None, dtype=None",
    forward: 'input',
    check: (self) => checkConvInit(self, n),
    params: (self) => convParams(self, n, false),
    reset: weightAndBiasInit,
    onnx(g, call) {
      const self = call.self!;
      const mode = strArg(self.padding_mode);
      const zeros = mode === 'zeros';
      return lowerConv(g, call, {
        n, input: call.args.input, weight: g.param('weight'), weightShape: g.paramShape('weight'),
        bias: g.hasParam('bias') ? g.param('bias') : undefined, stride: self.stride,
        padding: zeros ? self.padding : { kind: 'int', dim: Dim.of(0) }, dilation: self.dilation, groups: g.int(self.groups),
        prePad: zeros ? undefined : { pads: reversedPadding(self, n), mode },
      });
    },
    rule(self, { input }, ctx) {
      let x = tensorArg(input);
      const mode = strArg(self.padding_mode);
      let padding = self.padding;
      if (mode !== 'zeros') {
        // _conv_forward: F.pad(input, _reversed_padding_repeated_twice, mode), then padding 0.
        x = { ...x, shape: padNonConstant(x.shape, reversedPadding(self, n), mode) };
        padding = { kind: 'int', dim: Dim.of(0) };
      }
      const { weight, bias } = moduleTensors(self, n, false);
      return convNd(ctx, {
        n, fname: `conv${n}d`, input: x, weight, bias, stride: self.stride, padding, dilation: self.dilation,
        groups: moduleGroups(self).value ?? moduleGroups(self), channelFix: 'in_channels',
      });
    },
  });
}

/**
 * The module's groups: a number, or a symbol only where it is seen to divide both channel counts
 * (depthwise `groups=dim_in`; EfficientViT's `groups=3 * heads` of `3 * heads * dim` channels),
 * the symbolic cases whose weight shape is certain.
 */
function moduleGroups(self: BoundArgs): Dim {
  const groups = intArg(self.groups);
  if (groups.value !== undefined || groups.equals(intArg(self.in_channels)) === 'yes') return groups;
  const divides = (v: Value): boolean => intArg(v).mod(groups)?.value === 0;
  if (divides(self.in_channels) && divides(self.out_channels)) return groups;
  return giveUp('symbolic groups');
}

/** _reversed_padding_repeated_twice: F.pad's order (last dim first), 'same' split left/right. */
function reversedPadding(self: BoundArgs, n: number): number[] {
  const out: number[] = [];
  if (self.padding.kind === 'str') {
    const kernel = intList(self.kernel_size, n);
    const dilation = intList(self.dilation, n);
    for (let i = n - 1; i >= 0; i--) {
      const total = self.padding.value === 'same' ? dilation[i] * (kernel[i] - 1) : 0;
      const left = Math.floor(total / 2);
      out.push(left, total - left);
    }
    return out;
  }
  const padding = intList(self.padding, n);
  for (let i = padding.length - 1; i >= 0; i--) out.push(padding[i], padding[i]);
  return out;
}

/**
 * A functional conv's groups: a number, or a size (StyleGAN2's modulated conv runs the batch as
 * groups, `groups=batch`); the symbolic path checks the channels on sizes.
 */
function groupsArg(v: Value, weight: TensorArg): number | Dim {
  const d = intArg(v);
  // PyTorch needs the out channels divisible by the groups (a module checked its own when built):
  // a symbolic groups must be seen to divide them.
  if (d.value === undefined && weight.shape[0]?.mod(d)?.value !== 0) giveUp('groups dividing the out channels');
  return d.value ?? d;
}

function convFunction(n: number): FunctionOp {
  return defineFunction({
    names: [`torch.nn.functional.conv${n}d`, `torch.conv${n}d`],
    signature: 'input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1',
    onnx(g, call) {
      const a = call.args;
      return lowerConv(g, call, {
        n, input: a.input, weight: g.input(a.weight), weightShape: g.shape(a.weight),
        bias: a.bias.kind === 'none' ? undefined : g.input(a.bias), stride: a.stride, padding: a.padding, dilation: a.dilation,
        groups: g.int(a.groups),
      });
    },
    rule(args, ctx) {
      return convNd(ctx, {
        n, fname: `conv${n}d`, input: tensorArg(args.input), weight: tensorArg(args.weight), bias: optTensorArg(args.bias),
        stride: args.stride, padding: args.padding, dilation: args.dilation, groups: groupsArg(args.groups, tensorArg(args.weight)),
      });
    },
  });
}

export const Conv1d = convModule(1);
export const Conv2d = convModule(2);
export const Conv3d = convModule(3);
export const conv1d = convFunction(1);
export const conv2d = convFunction(2);
export const conv3d = convFunction(3);
