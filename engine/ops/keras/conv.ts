// keras.layers.Conv1D/2D/3D, their transposes, SeparableConv1D/2D and DepthwiseConv1D/2D.
// [N, *L, C_in] -> [N, *L', filters] (channels_last); L' from the shared sliding-window rule.
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { isNone } from '../args';
import { tensor } from '../args';
import { sameWindowOutput, slidingWindowOutput, transposedWindowOutput } from '../common/window';
import { giveUp } from '../op';
import type { BoundArgs } from '../signature';
import { dataFormatArg, flag, paddingArg, positiveInt, tupleArg, type DataFormat, type PaddingMode } from './args';
import { jsonShape, jsonValue, kerasFail, pyShape, pyValue, type KerasCtx } from './dialect';
import type { InputSpec } from './inputSpec';
import { defineLayer, type KerasLayerOp, type LayerInput, type Weight } from './layer';
import { channelAxis, mapKnown, spatialDims, withSpatial } from './shapes';
import type { OnnxCall, OnnxGraph } from '../lowering';
import { floatInput, fromChannelsFirst, kerasActivation, tfPads, toChannelsFirst } from './lowerKeras';

type ConvKind = 'conv' | 'transpose' | 'separable' | 'depthwise';

interface ConvArgs {
  readonly filters: number | undefined;
  readonly kernel: number[];
  readonly strides: number[];
  readonly dilation: number[];
  readonly padding: PaddingMode;
  readonly format: DataFormat;
  readonly useBias: boolean;
  readonly groups: number;
  readonly depthMultiplier: number;
  readonly outputPadding: number[] | undefined;
}

const COMMON_TAIL = "activation=None, use_bias=True";

/** The Keras 3 `__init__` of each kind, rank-specific defaults filled in. */
function initText(kind: ConvKind, rank: number): string {
  const one = rank === 1 ? '1' : `(${Array(rank).fill('1').join(', ')})`;
  const init = "kernel_initializer='glorot_uniform', bias_initializer='zeros', kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, bias_constraint=None";
  switch (kind) {
    case 'conv':
      return `filters, kernel_size, strides=${one}, padding='valid', data_format=None, dilation_rate=${one}, groups=1, ${COMMON_TAIL}, ${init}`;
    case 'transpose':
      // Conv3DTranspose puts data_format before output_padding (conv3d_transpose.py:113).
      return rank === 3
        ? `filters, kernel_size, strides=${one}, padding='valid', data_format=None, output_padding=None, dilation_rate=${one}, ${COMMON_TAIL}, ${init}`
        : `filters, kernel_size, strides=${one}, padding='valid', output_padding=None, data_format=None, dilation_rate=${one}, ${COMMON_TAIL}, ${init}`;
    case 'separable':
      return `filters, kernel_size, strides=${one}, padding='valid', data_format=None, dilation_rate=${one}, depth_multiplier=1, ${COMMON_TAIL}, depthwise_initializer='glorot_uniform', pointwise_initializer='glorot_uniform', bias_initializer='zeros', depthwise_regularizer=None, pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None, depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None`;
    case 'depthwise':
      return `kernel_size, strides=${one}, padding='valid', depth_multiplier=1, data_format=None, dilation_rate=${one}, ${COMMON_TAIL}, depthwise_initializer='glorot_uniform', bias_initializer='zeros', depthwise_regularizer=None, bias_regularizer=None, activity_regularizer=None, depthwise_constraint=None, bias_constraint=None`;
  }
}

/**
 * Constructor arguments with each framework's checks, in its order.
 * Keras: keras/src/layers/convolutional/base_conv.py:113-174 (and base_conv_transpose.py,
 * base_separable_conv.py, base_depthwise_conv.py). TF.js: tfjs-layers/src/layers/convolutional.ts
 * BaseConv / Conv constructors, convolutional_depthwise.ts.
 */
function readArgs(self: BoundArgs, kind: ConvKind, rank: number, className: string, k: KerasCtx): ConvArgs {
  const tfjs = k.dialect === 'tfjs';
  if (tfjs) {
    const ks = self.kernel_size;
    const okKernel = ks.kind === 'int' || ((ks.kind === 'list' || ks.kind === 'tuple') && ks.items.length >= 1 && ks.items.length <= 3 && ks.items.every((v) => v.kind === 'int'));
    if (!okKernel) kerasFail('keras-config', `BaseConv expects config.kernelSize to be number or number[] with length 1, 2, or 3, but received ${jsonValue(ks)}.`);
  }
  const kernel = tupleArg(self.kernel_size, rank, 'kernel_size', k);
  const strides = tupleArg(self.strides, rank, 'strides', k);
  let dilation: number[];
  let padding: PaddingMode;
  let format: DataFormat;
  let outputPadding: number[] | undefined;
  if (tfjs) {
    padding = paddingArg(self.padding, k, true);
    format = dataFormatArg(self.data_format, k);
    dilation = tupleArg(self.dilation_rate, rank, 'dilation_rate', k);
  } else {
    dilation = tupleArg(self.dilation_rate, rank, 'dilation_rate', k);
    padding = paddingArg(self.padding, k, kind === 'conv' && rank === 1);
    if (kind === 'transpose' && !isNone(self.output_padding)) outputPadding = tupleArg(self.output_padding, rank, 'output_padding', k, true);
    format = dataFormatArg(self.data_format, k);
  }
  const depthMultiplier = kind === 'separable' || kind === 'depthwise' ? depthMultiplierArg(self, k) : 1;
  let filters: number | undefined;
  if (kind !== 'depthwise') {
    if (tfjs) {
      const f = self.filters;
      const n = f.kind === 'int' ? f.dim.value : undefined;
      if (n === undefined || n < 1) kerasFail('keras-config', `Convolution layer expected config.filters to be a 'number' > 0 but got ${jsonValue(f)}`);
      filters = n;
    } else {
      // keras/src/layers/convolutional/base_conv.py:140
      filters = positiveInt(self.filters, 'filters', k, `Invalid value for argument \`filters\`. Expected a strictly positive value. Received filters=${pyValue(self.filters)}.`);
    }
  }
  const groups = kind === 'conv' && !tfjs ? groupsArg(self, filters!) : 1;
  if (!tfjs && Math.max(...strides) > 1 && Math.max(...dilation) > 1 && kind !== 'separable' && kind !== 'depthwise') {
    // keras/src/layers/convolutional/base_conv.py:171 (base_conv_transpose.py has the same check).
    if (kind === 'transpose' && outputPadding) checkOutputPadding(outputPadding, strides);
    kerasFail('keras-config', `\`strides > 1\` not supported in conjunction with \`dilation_rate > 1\`. Received: strides=${tuple(strides)} and dilation_rate=${tuple(dilation)}`);
  }
  if (kind === 'transpose' && outputPadding) checkOutputPadding(outputPadding, strides);
  if (tfjs && kind === 'transpose' && padding !== 'same' && padding !== 'valid') {
    kerasFail('keras-config', `${className} currently supports only padding modes 'same' and 'valid', but received padding mode ${padding}`);
  }
  if (tfjs && kind === 'separable' && padding !== 'same' && padding !== 'valid') {
    kerasFail('keras-config', `${className} supports only padding modes: 'same' and 'valid', but received ${JSON.stringify(padding)}`);
  }
  return { filters, kernel, strides, dilation, padding, format, useBias: flag(self.use_bias), groups, depthMultiplier, outputPadding };
}

function depthMultiplierArg(self: BoundArgs, k: KerasCtx): number {
  const v = self.depth_multiplier;
  if (k.dialect === 'tfjs') return isNone(v) ? 1 : v.kind === 'int' && v.dim.value !== undefined ? v.dim.value : giveUp('depth_multiplier');
  // keras/src/layers/convolutional/base_depthwise_conv.py:133 (base_separable_conv.py the same).
  return positiveInt(v, 'depth_multiplier', k, `Invalid value for argument \`depth_multiplier\`. Expected a strictly positive value. Received depth_multiplier=${pyValue(v)}.`);
}

function groupsArg(self: BoundArgs, filters: number): number {
  const g = self.groups.kind === 'int' ? self.groups.dim.value : undefined;
  if (g === undefined) return giveUp('groups');
  // keras/src/layers/convolutional/base_conv.py:146 and 152
  if (g <= 0) kerasFail('keras-config', `The number of groups must be a positive integer. Received: groups=${g}.`);
  if (filters % g !== 0) kerasFail('keras-config', `The number of filters must be evenly divisible by the number of groups. Received: groups=${g}, filters=${filters}.`);
  return g;
}

function checkOutputPadding(outputPadding: number[], strides: number[]): void {
  outputPadding.forEach((op, i) => {
    // keras/src/layers/convolutional/base_conv_transpose.py:151
    if (op >= strides[i]) {
      kerasFail('keras-config', `\`output_padding\` must be strictly less than \`strides\` for all dimensions. At dimension ${i}, \`output_padding\` is ${op} but \`strides\` is ${strides[i]}. Received: output_padding=${tuple(outputPadding)}, strides=${tuple(strides)}`);
    }
  });
}

/** A Python tuple of ints: `(1, 2)`, `(3,)`. */
function tuple(xs: readonly number[]): string {
  return xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(', ')})`;
}

/** A NumPy int array as str() prints it: `[1 1]`. */
function npArray(xs: readonly number[]): string {
  return `[${xs.join(' ')}]`;
}

// ---------------------------------------------------------------------------------------------

/** The unbuilt input spec: Keras min_ndim=rank+2; TF.js none, except Conv1D (ndim 3) and transposes. */
function unbuiltSpec(kind: ConvKind, rank: number, k: KerasCtx): InputSpec[] | undefined {
  if (k.dialect === 'keras') return [{ minNdim: rank + 2 }];
  if (kind === 'transpose') return [{ ndim: rank + 2 }];
  if (kind === 'conv' && rank === 1) return [{ ndim: 3 }];
  return undefined;
}

function build(kind: ConvKind, rank: number, className: string, a: ConvArgs, shape: Shape, k: KerasCtx): { weights: Weight[]; inputSpec?: InputSpec[] } {
  const tfjs = k.dialect === 'tfjs';
  if (tfjs && kind === 'separable' && shape.length < rank + 2) {
    kerasFail('keras-input-ndim', `Inputs to ${className} should have rank ${rank + 2}, but received input shape: ${jsonShape(shape)}`);
  }
  if (tfjs && kind === 'depthwise' && shape.length < 4) {
    kerasFail('keras-input-ndim', `Inputs to DepthwiseConv2D should have rank 4. Received input shape: ${jsonShape(shape)}.`);
  }
  // TF.js' DepthwiseConv2D hard-codes the channel axis 3 (channels_last) of a rank-4 input.
  const axis = tfjs && kind === 'depthwise' ? (a.format === 'channels_first' ? 1 : 3) : channelAxis(shape.length, a.format);
  const inC = shape[axis];
  if (tfjs && (inC === undefined || inC.isNone)) {
    const shown = inC === undefined ? 'undefined' : 'null';
    if (kind === 'conv') kerasFail('keras-channels', `The channel dimension of the input should be defined. Found ${shown}`);
    if (kind === 'transpose') kerasFail('keras-channels', 'The channel dimension of the inputs should be defined. Found `None`.');
    if (kind === 'separable') kerasFail('keras-channels', `The channel dimension of the inputs should be defined, but found ${shown}`);
    kerasFail('keras-channels', `The channel dimension of the inputs to DepthwiseConv2D should be defined, but is not (${shown}).`);
  }
  // Keras writes the channel axis as -1 in channels_last specs; TF.js as ndim - 1.
  const specAxis = !tfjs && a.format === 'channels_last' ? -1 : axis;
  const weights: Weight[] = [];
  if (kind === 'conv') {
    if (!tfjs) {
      const rem = inC.isNone ? undefined : inC.mod(a.groups)?.value;
      if (rem !== undefined && rem !== 0) {
        // keras/src/layers/convolutional/base_conv.py:188
        kerasFail('keras-groups', `The number of input channels must be evenly divisible by the number of groups. Received groups=${a.groups}, but the input has ${inC} channels (full input shape is ${pyShape(shape)}).`);
      }
      kerasOutput(kind, a, shape);
    }
    weights.push({ name: 'kernel', shape: [...a.kernel.map(Dim.of), inC.isNone ? inC : inC.floordiv(a.groups)!, Dim.of(a.filters!)] });
    if (a.useBias) weights.push({ name: 'bias', shape: [Dim.of(a.filters!)] });
  } else if (kind === 'transpose') {
    weights.push({ name: 'kernel', shape: [...a.kernel.map(Dim.of), Dim.of(a.filters!), inC] });
    if (a.useBias) weights.push({ name: 'bias', shape: [Dim.of(a.filters!)] });
  } else if (kind === 'separable') {
    if (!tfjs) kerasOutput(kind, a, shape);
    weights.push({ name: 'depthwise_kernel', shape: [...a.kernel.map(Dim.of), inC, Dim.of(a.depthMultiplier)] });
    weights.push({ name: 'pointwise_kernel', shape: [...a.kernel.map(() => Dim.of(1)), mapKnown(inC, (c) => c.mul(a.depthMultiplier)), Dim.of(a.filters!)] });
    if (a.useBias) weights.push({ name: 'bias', shape: [Dim.of(a.filters!)] });
  } else {
    if (!tfjs) kerasOutput(kind, a, shape);
    // Keras 3 names the depthwise weight `kernel`; TF.js `depthwise_kernel`.
    weights.push({ name: tfjs ? 'depthwise_kernel' : 'kernel', shape: [...a.kernel.map(Dim.of), inC, Dim.of(a.depthMultiplier)] });
    if (a.useBias) weights.push({ name: 'bias', shape: [mapKnown(inC, (c) => c.mul(a.depthMultiplier))] });
  }
  // TF.js' DepthwiseConv2D never sets an input spec.
  if (tfjs && kind === 'depthwise') return { weights };
  const spec: InputSpec = tfjs ? { ndim: rank + 2, axes: [[specAxis, inC]] } : { minNdim: rank + 2, axes: [[specAxis, inC]] };
  return { weights, inputSpec: [spec] };
}

/** Keras' output shape (keras/src/ops/operation_utils.py compute_conv_output_shape, lines 171-251). */
function kerasOutput(kind: ConvKind, a: ConvArgs, shape: Shape): Dim[] {
  const last = a.format === 'channels_last';
  const inC = last ? shape[shape.length - 1] : shape[1];
  const filters = kind === 'depthwise' ? mapKnown(inC, (c) => c.mul(a.depthMultiplier)) : Dim.of(a.filters!);
  const kernelShape = [...a.kernel.map(Dim.of), inC, filters];
  if (kernelShape.length !== shape.length) {
    // keras/src/ops/operation_utils.py:189
    kerasFail('keras-input-ndim', `Kernel shape must have the same length as input, but received kernel of shape ${pyShape(kernelShape)} and input of shape ${pyShape(shape)}.`);
  }
  const spatial = spatialDims(shape, a.format);
  const out = spatial.map((L, i) => mapKnown(L, (l) => {
    if (a.padding !== 'valid') return sameWindowOutput(l, a.strides[i]);
    const o = slidingWindowOutput(l, a.kernel[i], a.strides[i], 0, 0, a.dilation[i]);
    if (o.value !== undefined && o.value <= 0) {
      // keras/src/ops/operation_utils.py:226
      kerasFail('keras-output-size', `Computed output size would be zero or negative. Received \`inputs shape=${pyShape(shape)}\`, \`kernel shape=${pyShape(kernelShape)}\`, \`dilation_rate=${npArray(a.dilation)}\`, \`strides=${tuple(a.strides)}\`, \`padding=${a.padding}\`.`);
    }
    return o;
  }));
  return withSpatial(shape[0], out, filters, a.format);
}

/** TF.js' output shape: conv_utils.convOutputLength ('causal' takes the valid branch there). */
function tfjsOutput(kind: ConvKind, a: ConvArgs, shape: Shape): Dim[] {
  const spatial = spatialDims(shape, a.format);
  if (kind === 'transpose') {
    // convolutional.ts Conv2DTranspose.computeOutputShape: deconvLength, without dilation.
    const out = spatial.map((L, i) => mapKnown(L, (l) => (a.padding === 'same'
      ? l.mul(a.strides[i])
      : transposedWindowOutput(l, a.kernel[i], a.strides[i], 0, 1, Math.max(a.strides[i] - a.kernel[i], 0)))));
    return withSpatial(shape[0], out, Dim.of(a.filters!), a.format);
  }
  // DepthwiseConv2D's computeOutputShape passes no dilation.
  const dilation = kind === 'depthwise' ? a.dilation.map(() => 1) : a.dilation;
  const out = spatial.map((L, i) => mapKnown(L, (l) => (a.padding === 'same'
    ? sameWindowOutput(l, a.strides[i])
    : slidingWindowOutput(l, a.kernel[i], a.strides[i], 0, 0, dilation[i]))));
  const last = a.format === 'channels_last';
  if (kind === 'depthwise') {
    const inC = last ? shape[3] : shape[1];
    return withSpatial(shape[0], out.slice(0, 2), mapKnown(inC, (c) => c.mul(a.depthMultiplier)), a.format);
  }
  return withSpatial(shape[0], out, Dim.of(a.filters!), a.format);
}

function kerasTransposeOutput(a: ConvArgs, shape: Shape): Dim[] {
  // keras/src/backend/common/backend_utils.py _get_output_shape_given_tf_padding
  const spatial = spatialDims(shape, a.format);
  const out = spatial.map((L, i) => mapKnown(L, (l) => {
    const dk = (a.kernel[i] - 1) * a.dilation[i] + 1;
    const op = a.outputPadding?.[i];
    if (a.padding === 'valid') return transposedWindowOutput(l, a.kernel[i], a.strides[i], 0, a.dilation[i], op ?? Math.max(dk, a.strides[i]) - dk);
    return op === undefined ? l.mul(a.strides[i]) : transposedWindowOutput(l, a.kernel[i], a.strides[i], Math.floor(dk / 2), a.dilation[i], op);
  }));
  return withSpatial(shape[0], out, Dim.of(a.filters!), a.format);
}

function convLayer(kind: ConvKind, rank: number, className: string, aliases: string[], tfjs: string[]): KerasLayerOp {
  return defineLayer({
    className, aliases: aliases.map((a) => `keras.layers.${a}`), tfjs,
    init: initText(kind, rank),
    call: 'inputs',
    check: (self, k) => void readArgs(self, kind, rank, className, k),
    inputSpec: (_self, k) => unbuiltSpec(kind, rank, k),
    build: (self, x: LayerInput, k) => build(kind, rank, className, readArgs(self, kind, rank, className, k), x.shapes[0], k),
    output(self, x, k): Value {
      const a = readArgs(self, kind, rank, className, k);
      const shape = x.shapes[0];
      let out: Dim[];
      if (k.dialect === 'tfjs') {
        // TF.js computes 'causal' shapes with the valid formula but cannot run it on tensors.
        if (a.padding === 'causal' && !shape.some((d) => d.isNone)) {
          kerasFail('keras-unsupported', 'The support for CAUSAL padding mode in conv1dWithBias is not implemented yet.', 'NotImplementedError');
        }
        out = tfjsOutput(kind, a, shape);
      } else {
        out = kind === 'transpose' ? kerasTransposeOutput(a, shape) : kerasOutput(kind, a, shape);
      }
      return tensor(out);
    },
    onnx: (g, call, k) => lowerConv(g, call, k, kind, rank, className),
  });
}

/**
 * Channels-last input and kernel (*k, in, out) become ONNX's (N, C, *L) and (out, in, *k); the
 * output goes back channels-last. Depthwise kernels (*k, in, m) are a grouped conv with in*m
 * filters (output channel c*m + j); separable ones add the pointwise 1x1 conv.
 */
function lowerConv(g: OnnxGraph, call: OnnxCall, k: KerasCtx, kind: ConvKind, rank: number, className: string): string {
  const a = readArgs(call.self!, kind, rank, className, k);
  const x = call.args.inputs;
  const shape = g.shape(x);
  if (shape.length !== rank + 2) return g.noKernel(`a rank-${shape.length} input`);
  const r = shape.length;
  const last = a.format === 'channels_last';
  const spatialIn = last ? shape.slice(1, -1) : shape.slice(2);
  const outShape = g.shape(call.output);
  const spatialOut = last ? outShape.slice(1, -1) : outShape.slice(2);
  const inC = last ? shape[r - 1] : shape[1];
  // (*k, a, b) -> (b, a, *k)
  const perm = [rank + 1, rank, ...Array.from({ length: rank }, (_, i) => i)];
  const xs = toChannelsFirst(g, floatInput(g, x), r, a.format);
  const bias = g.hasParam('bias') ? [g.param('bias')] : [];
  const count = (s: readonly number[]): number => s.reduce((p, q) => p * q, 1);
  const kernelTaps = count(a.kernel);
  let y: string;
  if (kind === 'conv') {
    const w = g.op('Transpose', [g.param('kernel')], { perm });
    const pads = tfPads(a.padding, spatialIn, a.kernel, a.strides, a.dilation);
    y = g.op('Conv', [xs, w, ...bias], { kernel_shape: a.kernel, strides: a.strides, dilations: a.dilation, pads, group: a.groups });
    g.flops(2 * count(outShape) * kernelTaps * (inC / a.groups));
  } else if (kind === 'transpose') {
    // Keras' 'same' with an output_padding pads by the dilated kernel's half (backend_utils.py): not here.
    if (a.outputPadding) return g.noKernel('a transposed convolution with output_padding');
    const w = g.op('Transpose', [g.param('kernel')], { perm });
    const dilation = k.dialect === 'tfjs' ? a.kernel.map(() => 1) : a.dilation;
    const pads = tfPads(a.padding, spatialOut, a.kernel, a.strides, dilation);
    const outputPadding = spatialOut.map((o, i) => o - ((spatialIn[i] - 1) * a.strides[i] + (a.kernel[i] - 1) * dilation[i] + 1 - pads[i] - pads[i + rank]));
    if (outputPadding.some((p, i) => p < 0 || p >= Math.max(a.strides[i], dilation[i]))) return g.noKernel('this transposed convolution padding');
    y = g.op('ConvTranspose', [xs, w, ...bias], { kernel_shape: a.kernel, strides: a.strides, dilations: dilation, pads, output_padding: outputPadding });
    g.flops(2 * count(shape) * kernelTaps * a.filters!);
  } else {
    // TF.js' DepthwiseConv2D computes its output size without dilation (tfjsOutput): no kernel then.
    if (k.dialect === 'tfjs' && kind === 'depthwise' && a.dilation.some((d) => d !== 1)) return g.noKernel('a dilated depthwise convolution');
    const m = a.depthMultiplier;
    const name = kind === 'separable' ? 'depthwise_kernel' : g.hasParam('depthwise_kernel') ? 'depthwise_kernel' : 'kernel';
    const flat = g.op('Reshape', [g.param(name), g.ints([...a.kernel, inC * m])]);
    const w = g.op('Reshape', [g.op('Transpose', [flat], { perm: [rank, ...Array.from({ length: rank }, (_, i) => i)] }), g.ints([inC * m, 1, ...a.kernel])]);
    const pads = tfPads(a.padding, spatialIn, a.kernel, a.strides, a.dilation);
    const depthwiseBias = kind === 'depthwise' ? bias : [];
    y = g.op('Conv', [xs, w, ...depthwiseBias], { kernel_shape: a.kernel, strides: a.strides, dilations: a.dilation, pads, group: inC });
    const spatialCount = count(spatialOut) * shape[0];
    g.flops(2 * spatialCount * inC * m * kernelTaps);
    if (kind === 'separable') {
      const pw = g.op('Transpose', [g.param('pointwise_kernel')], { perm });
      const ones = a.kernel.map(() => 1);
      y = g.op('Conv', [y, pw, ...bias], { kernel_shape: ones, strides: ones, pads: [...ones.map(() => 0), ...ones.map(() => 0)] });
      g.flops(2 * spatialCount * inC * m * a.filters!);
    }
  }
  return fromChannelsFirst(g, kerasActivation(g, call.self!.activation, y, k), r, a.format);
}

export const Conv1D = convLayer('conv', 1, 'Conv1D', ['Convolution1D'], ['conv1d']);
export const Conv2D = convLayer('conv', 2, 'Conv2D', ['Convolution2D'], ['conv2d']);
export const Conv3D = convLayer('conv', 3, 'Conv3D', ['Convolution3D'], ['conv3d']);
export const Conv1DTranspose = convLayer('transpose', 1, 'Conv1DTranspose', ['Convolution1DTranspose'], []);
export const Conv2DTranspose = convLayer('transpose', 2, 'Conv2DTranspose', ['Convolution2DTranspose'], ['conv2dTranspose']);
export const Conv3DTranspose = convLayer('transpose', 3, 'Conv3DTranspose', ['Convolution3DTranspose'], ['conv3dTranspose']);
export const SeparableConv1D = convLayer('separable', 1, 'SeparableConv1D', ['SeparableConvolution1D'], []);
export const SeparableConv2D = convLayer('separable', 2, 'SeparableConv2D', ['SeparableConvolution2D'], ['separableConv2d']);
export const DepthwiseConv1D = convLayer('depthwise', 1, 'DepthwiseConv1D', [], []);
export const DepthwiseConv2D = convLayer('depthwise', 2, 'DepthwiseConv2D', [], ['depthwiseConv2d']);

export const convLayers = [Conv1D, Conv2D, Conv3D, Conv1DTranspose, Conv2DTranspose, Conv3DTranspose, SeparableConv1D, SeparableConv2D, DepthwiseConv1D, DepthwiseConv2D];
