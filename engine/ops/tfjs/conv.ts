// TF.js convolutions and pools: conv1d, conv2d, conv2dTranspose, depthwiseConv2d,
// separableConv2d, maxPool, avgPool — NHWC (channels last), filters [kh, kw, in, out], padding
// 'valid' | 'same' | a number | explicit pairs, with dimRoundingMode. Window counts come from the
// shared sliding-window arithmetic (common/window.ts); the checks and texts are TF.js's, in the
// order its ops and conv_util make them (including its quirks, e.g. a numeric pad sizes the width
// with the filter's height and stride).
// tf.conv2d(x[2, 28, 28, 1], w[5, 5, 1, 8], 1, 'same') -> [2, 28, 28, 8]
import { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import { constIntArg, intArg, isNone, sequenceArg, strArg } from '../args';
import { roundedWindowOutput, sameWindowOutput, slidingWindowOutput } from '../common/window';
import { defineFunction, giveUp, type FunctionOp } from '../op';
import { assertNonNegative, intList, jsList, sizeOf, tensorLike, tfFail, tfOut, type TfTensor } from './tensorLike';

type Rounding = 'trunc' | 'floor' | 'ceil' | 'round';

/** `3` or `[2, 1]` as [height, width] (conv_util.parseTupleParam). */
function pair(v: Value): [number, number] {
  if (v.kind === 'int') {
    const n = constIntArg(v);
    return [n, n];
  }
  const xs = intList(v);
  return xs.length === 1 ? [xs[0], xs[0]] : [xs[0], xs[1]];
}

/** How the value prints in a template literal (`2`, `2,1`). */
function printed(v: Value): string {
  return v.kind === 'int' ? String(constIntArg(v)) : intList(v).join(',');
}

function allOne(v: Value): boolean {
  return pair(v).every((n) => n === 1);
}

function rounding(v: Value | undefined): Rounding {
  if (isNone(v)) return 'trunc';
  const m = strArg(v!);
  return m === 'floor' || m === 'ceil' || m === 'round' ? m : giveUp('rounding mode');
}

/** conv_util.checkPadOnDimRoundingMode (string paddings cannot be rounded). */
function checkPadRounding(op: string, pad: Value, mode: Value | undefined): void {
  if (isNone(mode)) return;
  if (pad.kind === 'str') tfFail('conv-padding', `Error in ${op}: pad must be an integer when using dimRoundingMode ${strArg(mode!)} but got pad ${pad.value}.`);
}

/**
 * conv_util.computeConv2DInfo's output size for a [N, H, W, C] (or [N, C, H, W]) input.
 * `filter` is [kh, kw, in, outPerIn]; `depthwise` multiplies the channels.
 */
function conv2dOut(x: readonly Dim[], filter: readonly Dim[], strides: Value, dilations: Value, pad: Value, mode: Rounding, depthwise: boolean, channelsFirst: boolean): Dim[] {
  const [n, h, w, c] = channelsFirst ? [x[0], x[2], x[3], x[1]] : x;
  const kh = constIntArg({ kind: 'int', dim: filter[0] });
  const kw = constIntArg({ kind: 'int', dim: filter[1] });
  const [sh, sw] = pair(strides);
  const [dh, dw] = pair(dilations);
  const ekh = dh * (kh - 1) + 1;
  const ekw = dw * (kw - 1) + 1;
  let oh: Dim | undefined;
  let ow: Dim | undefined;
  if (pad.kind === 'int') {
    // computeOutputShape2D is called with the filter's height and stride for both sizes.
    const p = constIntArg(pad);
    oh = roundedWindowOutput(h, ekh, sh, 2 * p, mode);
    ow = roundedWindowOutput(w, ekh, sh, 2 * p, mode);
  } else if (pad.kind === 'str' && pad.value === 'same') {
    oh = sameWindowOutput(h, sh);
    ow = sameWindowOutput(w, sw);
  } else if (pad.kind === 'str' && pad.value === 'valid') {
    oh = slidingWindowOutput(h, kh, sh, 0, 0, dh);
    ow = slidingWindowOutput(w, kw, sw, 0, 0, dw);
  } else if (pad.kind === 'list' || pad.kind === 'tuple') {
    const p = sequenceArg(pad).map(intList);
    const [top, bottom] = channelsFirst ? p[2] : p[1];
    const [left, right] = channelsFirst ? p[3] : p[2];
    oh = roundedWindowOutput(h, ekh, sh, top + bottom, mode);
    ow = roundedWindowOutput(w, ekw, sw, left + right, mode);
  } else tfFail('conv-padding', `Unknown padding parameter: ${pad.kind === 'str' ? pad.value : '?'}`);
  if (!oh || !ow) return giveUp('rounding of symbolic sizes');
  const outC = depthwise ? filter[3].mul(c) : filter[3];
  return channelsFirst ? [n, outC, oh, ow] : [n, oh, ow, outC];
}

/** A 3-D input is run as a batch of one and reshaped back. */
function as4d(x: TfTensor): { shape: Dim[]; batched: boolean } {
  return x.shape.length === 3 ? { shape: [Dim.of(1), ...x.shape], batched: false } : { shape: [...x.shape], batched: true };
}

/** The conv kernels return even a negative size (the next op fails); the pools' allocation checks it. */
function finish(out: Dim[], batched: boolean, dtype: TfTensor['dtype'], checked = false): Value {
  if (checked) assertNonNegative(out);
  return tfOut(batched ? out : out.slice(1), dtype);
}

/** conv2d's checks, then the kernel's output. */
function conv2dRule(xv: Value, fv: Value, strides: Value, pad: Value, dataFormat: string, dilations: Value, mode: Value | undefined): { out: Dim[]; batched: boolean; x: TfTensor } {
  const x = tensorLike(xv);
  const f = tensorLike(fv);
  const { shape, batched } = as4d(x);
  if (shape.length !== 4) tfFail('conv-rank', `Error in conv2d: input must be rank 4, but got rank ${shape.length}.`);
  if (f.shape.length !== 4) tfFail('conv-weight-rank', `Error in conv2d: filter must be rank 4, but got rank ${f.shape.length}.`);
  checkPadRounding('conv2d', pad, mode);
  const inDepth = dataFormat === 'NHWC' ? shape[3] : shape[1];
  if (inDepth.equals(f.shape[2]) === 'no') tfFail('conv-in-channels', `Error in conv2d: depth of input (${inDepth}) must match input depth for filter ${f.shape[2]}.`);
  if (!allOne(strides) && !allOne(dilations)) {
    tfFail('conv-dilation', `Error in conv2D: Either strides or dilations must be 1. Got strides ${printed(strides)} and dilations '${printed(dilations)}'`);
  }
  return { out: conv2dOut(shape, f.shape, strides, dilations, pad, rounding(mode), false, dataFormat === 'NCHW'), batched, x };
}

const conv2d = defineFunction({
  names: ['tfjs.conv2d'],
  signature: "x, filter, strides, pad, dataFormat='NHWC', dilations=[1, 1], dimRoundingMode=None",
  rule(a) {
    const r = conv2dRule(a.x, a.filter, a.strides, a.pad, strArg(a.dataFormat), a.dilations, a.dimRoundingMode);
    return finish(r.out, r.batched, 'float32');
  },
});

/** conv1d runs conv2d on [N, 1, W, C] with a [1, k, in, out] filter and reshapes back to [N, W', C']. */
const conv1d = defineFunction({
  names: ['tfjs.conv1d'],
  signature: "x, filter, stride, pad, dataFormat='NWC', dilation=1, dimRoundingMode=None",
  rule(a) {
    const x = tensorLike(a.x);
    const f = tensorLike(a.filter);
    const batched = x.shape.length !== 2;
    const x3 = batched ? [...x.shape] : [Dim.of(1), ...x.shape];
    if (x3.length !== 3) tfFail('conv-rank', `Error in conv1d: input must be rank 3, but got rank ${x3.length}.`);
    if (f.shape.length !== 3) tfFail('conv-weight-rank', `Error in conv1d: filter must be rank 3, but got rank ${f.shape.length}.`);
    checkPadRounding('conv1d', a.pad, a.dimRoundingMode);
    if (x3[2].equals(f.shape[1]) === 'no') tfFail('conv-in-channels', `Error in conv1d: depth of input (${x3[2]}) must match input depth for filter ${f.shape[1]}.`);
    const stride = constIntArg(a.stride);
    const dilation = constIntArg(a.dilation);
    if (stride !== 1 && dilation !== 1) tfFail('conv-dilation', `Error in conv1D: Either stride or dilation must be 1. Got stride ${stride} and dilation '${dilation}'`);
    if (strArg(a.dataFormat) !== 'NWC') tfFail('conv-format', `Error in conv1d: got dataFormat of ${strArg(a.dataFormat)} but only NWC is currently supported.`);
    const one = Dim.of(1);
    const intList2 = (p: number): Value => ({ kind: 'list', items: [{ kind: 'int', dim: one }, { kind: 'int', dim: Dim.of(p) }] });
    const out = conv2dOut([x3[0], one, x3[1], x3[2]], [one, ...f.shape], intList2(stride), intList2(dilation), a.pad, rounding(a.dimRoundingMode), false, false);
    assertNonNegative(out);
    const target = batched ? [out[0], out[2], out[3]] : [out[2], out[3]];
    if (out[1].value !== undefined && out[1].value !== 1) {
      tfFail('view-size', `Size(${sizeOf(batched ? out : out.slice(1))}) must match the product of shape ${jsList(target)}`);
    }
    return tfOut(target, 'float32');
  },
});

const conv2dTranspose = defineFunction({
  names: ['tfjs.conv2dTranspose'],
  signature: 'x, filter, outputShape, strides, pad, dimRoundingMode=None',
  rule(a) {
    const dy = tensorLike(a.x);
    const f = tensorLike(a.filter);
    const xShape = sequenceArg(a.outputShape).map(intArg);
    if (xShape.length !== dy.shape.length) tfFail('conv-output-size', `Length of inShape (${xShape.length}) and rank of dy (${dy.shape.length}) must match`);
    const batched = dy.shape.length !== 3;
    const x4 = batched ? xShape : [Dim.of(1), ...xShape];
    const dy4 = batched ? dy.shape : [Dim.of(1), ...dy.shape];
    if (x4.length !== 4) tfFail('conv-output-size', `Error in conv2dDerInput: inShape must be length 4, but got length ${x4.length}.`);
    if (dy4.length !== 4) tfFail('conv-rank', `Error in conv2dDerInput: dy must be rank 4, but got rank ${dy4.length}`);
    if (f.shape.length !== 4) tfFail('conv-weight-rank', `Error in conv2dDerInput: filter must be rank 4, but got rank ${f.shape.length}`);
    if (x4[3].equals(f.shape[2]) === 'no') tfFail('conv-in-channels', `Error in conv2dDerInput: depth of input (${x4[3]}) must match input depth for filter ${f.shape[2]}.`);
    if (dy4[3].equals(f.shape[3]) === 'no') tfFail('conv-in-channels', `Error in conv2dDerInput: depth of output (${dy4[3]}) must match output depth for filter ${f.shape[3]}.`);
    checkPadRounding('conv2dDerInput', a.pad, a.dimRoundingMode);
    return tfOut(xShape, 'float32');
  },
});

function depthwiseRule(xv: Value, fv: Value, strides: Value, pad: Value, dataFormat: string, dilations: Value, mode: Value | undefined, op = 'depthwiseConv2d'): { out: Dim[]; batched: boolean } {
  const x = tensorLike(xv);
  const f = tensorLike(fv);
  const { shape, batched } = as4d(x);
  if (shape.length !== 4) tfFail('conv-rank', `Error in ${op}: input must be rank 4, but got rank ${shape.length}.`);
  if (f.shape.length !== 4) tfFail('conv-weight-rank', `Error in ${op}: filter must be rank 4, but got rank ${f.shape.length}.`);
  const inC = dataFormat === 'NHWC' ? shape[3] : shape[1];
  if (inC.equals(f.shape[2]) === 'no') tfFail('conv-in-channels', `Error in depthwiseConv2d: number of input channels (${inC}) must match the inChannels dimension in filter ${f.shape[2]}.`);
  checkPadRounding('depthwiseConv2d', pad, mode);
  if (!allOne(strides) && !allOne(dilations)) {
    tfFail('conv-dilation', `Error in depthwiseConv2d: Either strides or dilations must be 1. Got strides ${printed(strides)} and dilations '${printed(dilations)}'`);
  }
  return { out: conv2dOut(shape, f.shape, strides, dilations, pad, rounding(mode), true, dataFormat === 'NCHW'), batched };
}

const depthwiseConv2d = defineFunction({
  names: ['tfjs.depthwiseConv2d'],
  signature: "x, filter, strides, pad, dataFormat='NHWC', dilations=[1, 1], dimRoundingMode=None",
  rule(a) {
    const r = depthwiseRule(a.x, a.filter, a.strides, a.pad, strArg(a.dataFormat), a.dilations, a.dimRoundingMode);
    return finish(r.out, r.batched, 'float32');
  },
});

const separableConv2d = defineFunction({
  names: ['tfjs.separableConv2d'],
  signature: "x, depthwiseFilter, pointwiseFilter, strides, pad, dilation=[1, 1], dataFormat='NHWC'",
  rule(a) {
    const x = tensorLike(a.x);
    const df = tensorLike(a.depthwiseFilter);
    const pf = tensorLike(a.pointwiseFilter);
    const { shape, batched } = as4d(x);
    if (strArg(a.dataFormat) === 'NCHW') tfFail('conv-format', 'separableConv2d currently does not support dataFormat NCHW; only NHWC is supported');
    if (shape.length !== 4) tfFail('conv-rank', `Error in separableConv2d: input must be rank 4, but got rank ${shape.length}.`);
    if (df.shape.length !== 4) tfFail('conv-weight-rank', `Error in separableConv2d: depthwise filter must be rank 4, but got rank ${df.shape.length}.`);
    if (pf.shape.length !== 4) tfFail('conv-weight-rank', `Error in separableConv2d: pointwise filter must be rank 4, but got rank ${df.shape.length}.`);
    if (pf.shape[0].value !== 1) tfFail('conv-weight-rank', `Error in separableConv2d: the first dimension of pointwise filter  must be 1, but got ${pf.shape[0]}.`);
    if (pf.shape[1].value !== 1) tfFail('conv-weight-rank', `Error in separableConv2d: the second dimension of pointwise filter must be 1, but got ${pf.shape[1]}.`);
    const mid = df.shape[2].mul(df.shape[3]);
    if (pf.shape[2].equals(mid) === 'no') tfFail('conv-in-channels', `Error in separableConv2d: the third dimension of pointwise filter must be ${mid}, but got ${pf.shape[2]}.`);
    const depthwise = depthwiseRule({ kind: 'tensor', shape, dtype: x.dtype }, a.depthwiseFilter, a.strides, a.pad, 'NHWC', a.dilation, undefined);
    assertNonNegative(depthwise.out);
    const out = [...depthwise.out.slice(0, 3), pf.shape[3]];
    return finish(out, batched, 'float32');
  },
});

function pool(name: 'maxPool' | 'avgPool'): FunctionOp {
  return defineFunction({
    names: [`tfjs.${name}`],
    signature: 'x, filterSize, strides, pad, dimRoundingMode=None',
    rule(a) {
      const x = tensorLike(a.x);
      const { shape, batched } = as4d(x);
      if (shape.length !== 4) tfFail('pool-rank', name === 'maxPool' ? `Error in maxPool: input must be rank 4 but got rank ${shape.length}.` : `Error in avgPool: x must be rank 4 but got rank ${shape.length}.`);
      checkPadRounding(name, a.pad, a.dimRoundingMode);
      const [kh, kw] = pair(a.filterSize);
      const filter = [Dim.of(kh), Dim.of(kw), shape[3], shape[3]];
      const one: Value = { kind: 'int', dim: Dim.of(1) };
      return finish(conv2dOut(shape, filter, a.strides, one, a.pad, rounding(a.dimRoundingMode), false, false), batched, x.dtype, true);
    },
  });
}

export const convOps: readonly FunctionOp[] = [conv1d, conv2d, conv2dTranspose, depthwiseConv2d, separableConv2d, pool('maxPool'), pool('avgPool')];
