// at::convolution's shape logic, shared by every conv and transposed conv: batchify, parameter
// expansion, check_shape_forward's messages, the slow transposed kernels' checks, the output size.
// [N, C_in, *L] with weight [C_out, C_in/groups, *k] -> [N, C_out, *L']
import { Dim } from '../../shape/dim';
import { formatShape, type Shape } from '../../shape/shape';
import { slidingWindowOutput, transposedWindowOutput } from '../common/window';
import type { TensorArg } from '../args';
import type { DType } from '../dtype';
import { fail, giveUp, requireEqual, type OpContext, type OpFix } from '../op';
import { byX, C_TYPE_NAME, expandParam, SCALAR_NAME, spatialNames } from './params';

export interface ConvCall {
  readonly input: TensorArg;
  readonly weight: Shape;
  readonly weightDtype: DType | undefined;
  readonly bias: TensorArg | undefined;
  readonly stride: readonly number[];
  readonly padding: readonly number[];
  readonly dilation: readonly number[];
  readonly transposed: boolean;
  readonly outputPadding: readonly number[];
  readonly groups: number;
  /** Constructor argument that would fix a channel mismatch (modules only). */
  readonly channelFix?: 'in_channels';
}

/** conv{N}d's batchify: accept [C, *L] or [N, C, *L]; the caller squeezes the batch back out. */
export function batchify(input: Shape, n: number, fname: string): { batched: Shape; isBatched: boolean } {
  const isBatched = input.length === n + 2;
  if (!isBatched && input.length !== n + 1) {
    fail('conv-input-rank', 'RuntimeError',
      `Expected ${n + 1}D (unbatched) or ${n + 2}D (batched) input to ${fname}, but got input of size: ${formatShape(input)}`);
  }
  return { batched: isBatched ? input : [Dim.of(1), ...input], isBatched };
}

export function unbatch(shape: Shape, isBatched: boolean): Shape {
  return isBatched ? shape : shape.slice(1);
}

/** A constant kernel extent, or no hint (window sizes need numbers). */
function constDim(d: Dim): number {
  return d.value ?? giveUp('symbolic kernel size');
}

/** at::_convolution on a batched input: checks in PyTorch's order, then the output shape. */
export function convolutionShape(ctx: OpContext, call: ConvCall): Shape {
  const x = call.input.shape;
  const w = call.weight;
  const k = w.length;
  const dim = k - 2;
  const groups = call.groups;
  if (dim <= 0) fail('conv-weight-rank', 'RuntimeError', 'weight should have at least three dimensions');
  if (groups <= 0) fail('conv-groups', 'RuntimeError', 'non-positive groups is not supported');
  const stride = expandParam(call.stride, 'stride', dim);
  const padding = expandParam(call.padding, 'padding', dim);
  const dilation = expandParam(call.dilation, 'dilation', dim);
  const outputPadding = expandParam(call.outputPadding, 'output_padding', dim);

  // check_shape_forward
  if (padding.some((p) => p < 0)) fail('conv-padding', 'RuntimeError', 'negative padding is not supported');
  if (outputPadding.some((p) => p < 0)) fail('conv-output-padding', 'RuntimeError', 'negative output_padding is not supported');
  if (stride.some((s) => s <= 0)) fail('conv-stride', 'RuntimeError', 'non-positive stride is not supported');
  if (dilation.some((d) => d < 0)) fail('conv-dilation', 'RuntimeError', 'dilation should be greater than zero');
  if (k !== x.length) {
    fail('conv-weight-rank', 'RuntimeError',
      `Expected ${k}-dimensional input for ${k}-dimensional weight ${formatShape(w)}, but got ${x.length}-dimensional input of size ${formatShape(x)} instead`);
  }
  const w0 = w[0].value;
  if (w0 !== undefined && w0 < groups) {
    fail('conv-groups', 'RuntimeError',
      `Given groups=${groups}, expected weight to be at least ${groups} at dimension 0, but got weight of size ${formatShape(w)} instead`);
  }
  const rem = w[0].mod(groups)?.value;
  if (rem !== undefined && rem !== 0) {
    fail('conv-groups', 'RuntimeError',
      `Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [${formatShape(w)}] instead`);
  }
  const kernel = w.slice(2).map(constDim);
  // Empty inputs take PyTorch's 'Empty' backend, whose sizes and errors we do not model;
  // an empty batch alone goes through the normal path.
  if (x.slice(1).some((d) => d.value === 0)) giveUp('empty input');
  if (!call.transposed) {
    const expected = w[1].mul(groups);
    requireEqual(ctx, x[1], expected, () => ({
      code: 'conv-in-channels',
      exception: 'RuntimeError',
      message: `Given groups=${groups}, weight of size ${formatShape(w)}, expected input${formatShape(x)} to have ${expected} channels, but got ${x[1]} channels instead`,
      fixes: channelFixes(call, x[1]),
    }));
    checkBias(ctx, call.bias, w[0], `Given weight of size ${formatShape(w)}`);
    const padded = x.slice(2).map((d, i) => d.add(2 * padding[i]));
    const extent = kernel.map((kk, i) => dilation[i] * (kk - 1) + 1);
    if (padded.some((d, i) => d.value !== undefined && d.value < extent[i])) {
      fail('conv-kernel-size', 'RuntimeError',
        `Calculated padded input size per channel: ${byX(padded)}. Kernel size: ${byX(extent)}. Kernel size can't be greater than actual input size`);
    }
    if (dilation.some((d) => d <= 0)) fail('conv-dilation', 'RuntimeError', 'non-positive dilation is not supported');
    checkDtype(call, dim);
    const spatial = x.slice(2).map((d, i) => slidingWindowOutput(d, kernel[i], stride[i], padding[i], padding[i], dilation[i]));
    return [x[0], w[0], ...spatial];
  }
  requireEqual(ctx, x[1], w[0], () => ({
    code: 'conv-in-channels',
    exception: 'RuntimeError',
    message: `Given transposed=1, weight of size ${formatShape(w)}, expected input${formatShape(x)} to have ${w[0]} channels, but got ${x[1]} channels instead`,
    fixes: channelFixes(call, x[1]),
  }));
  const outChannels = w[1].mul(groups);
  checkBias(ctx, call.bias, outChannels, `Given transposed=1, weight of size ${formatShape(w)}`);
  // The slow transposed kernels work in 2-D or 3-D: a 1-D call is viewed as height 1.
  const lift = <T>(xs: readonly T[], one: T): T[] => (dim === 1 ? [one, ...xs] : [...xs]);
  const names = spatialNames(Math.max(dim, 2));
  const s2 = lift(stride, 1);
  const d2 = lift(dilation, 1);
  const op2 = lift(outputPadding, 0);
  const kernelName = dim === 3 ? 'slow_conv_transpose3d' : 'slow_conv_transpose2d';
  if (d2.some((d) => d <= 0)) {
    fail('conv-dilation', 'RuntimeError', `dilation should be greater than zero, but got ${names.map((n, i) => `dilation_${n}: ${d2[i]}`).join(', ')}`);
  }
  if (op2.some((p, i) => p >= s2[i] && p >= d2[i])) {
    const parts = [
      ...names.map((n, i) => `output_padding_${n}: ${op2[i]}`),
      ...names.map((n, i) => `stride_${n}: ${s2[i]}`),
      ...names.map((n, i) => `dilation_${n}: ${d2[i]}`),
    ];
    fail('conv-output-padding', 'RuntimeError', `output padding must be smaller than either stride or dilation, but got ${parts.join(' ')}`);
  }
  const spatial = x.slice(2).map((d, i) => transposedWindowOutput(d, kernel[i], stride[i], padding[i], dilation[i], outputPadding[i]));
  if (spatial.some((d) => d.value !== undefined && d.value < 1)) {
    fail('conv-output-size', 'RuntimeError',
      `Given input size per channel: ${byX(lift(x.slice(2), Dim.of(1)))}. Calculated output size per channel: ${byX(lift(spatial, Dim.of(1)))}. Output size is too small`);
  }
  checkDtype(call, dim, kernelName);
  return [x[0], outChannels, ...spatial];
}

/** in_channels = the input's channels, unless that would break divisibility by groups. */
function channelFixes(call: ConvCall, channels: Dim): OpFix[] | undefined {
  if (!call.channelFix || channels.mod(call.groups)?.value !== 0) return undefined;
  return [{ param: call.channelFix, value: channels }];
}

function checkBias(ctx: OpContext, bias: TensorArg | undefined, elements: Dim, prefix: string): void {
  if (!bias) return;
  const message = `${prefix}, expected bias to be 1-dimensional with ${elements} elements, but got bias of size ${formatShape(bias.shape)} instead`;
  if (bias.shape.length !== 1) fail('conv-bias', 'RuntimeError', message);
  requireEqual(ctx, bias.shape[0], elements, () => ({ code: 'conv-bias', exception: 'RuntimeError', message }));
}

/**
 * The CPU kernels' dtype errors differ by backend (mkldnn for batched-or-not 2-D with bias, the
 * slow kernels otherwise). We reproduce the combinations we have checked and give up elsewhere.
 */
function checkDtype(call: ConvCall, dim: number, transposedKernel?: string): void {
  const xt = call.input.dtype;
  const wt = call.weightDtype;
  if (xt === undefined || wt === undefined) return; // the shape does not depend on it
  if (xt === wt) {
    const ok = xt === 'float32' || xt === 'float64' || xt === 'bfloat16' || (xt === 'int64' && !transposedKernel);
    if (!ok) giveUp(`conv on ${xt} depends on the backend`);
    if (call.bias && call.bias.dtype !== xt) giveUp('bias dtype differs');
    return;
  }
  const known = (xt === 'float64' || xt === 'int64' || (xt === 'int32' && !transposedKernel)) && wt === 'float32';
  if (!known) giveUp('mixed conv dtypes');
  if (dim === 2 && !transposedKernel && call.bias && call.bias.dtype === 'float32') {
    fail('conv-dtype', 'RuntimeError', `Input type (${C_TYPE_NAME[xt]}) and bias type (float) should be the same`);
  }
  fail('conv-dtype', 'RuntimeError', `expected scalar type ${SCALAR_NAME[xt]} but found ${SCALAR_NAME[wt]}`);
}

/**
 * F.conv{N}d with a string padding (_convolution_mode): 'valid' is padding 0; 'same' pads
 * d*(k-1) in total, the odd extra element on the right (by padding the input first).
 */
export function stringPaddingCall(call: Omit<ConvCall, 'padding'>, mode: string): ConvCall {
  const w = call.weight;
  const x = call.input.shape;
  if (mode === 'valid') return { ...call, padding: [0] };
  if (mode !== 'same') fail('conv-padding-string', 'RuntimeError', `Invalid padding string: '${mode}'`);
  const k = w.length;
  if (k <= 2) fail('conv-weight-rank', 'RuntimeError', 'weight should have at least three dimensions');
  const dim = k - 2;
  if (k !== x.length) {
    fail('conv-weight-rank', 'RuntimeError',
      `Expected ${k}-dimensional input for ${k}-dimensional weight${formatShape(w)}, but got ${x.length}-dimensional input of size ${formatShape(x)} instead`);
  }
  if (call.stride.length !== dim && call.stride.length !== 1) fail('conv-param-length', 'RuntimeError', `stride cannot broadcast to ${dim} dimensions`);
  if (call.dilation.length !== dim && call.dilation.length !== 1) fail('conv-param-length', 'RuntimeError', `dilation cannot broadcast to ${dim} dimensions`);
  if (call.stride.some((s) => s !== 1)) fail('conv-same-stride', 'RuntimeError', "padding='same' is not supported for strided convolutions");
  const padding: number[] = [];
  const padded = [...x];
  for (let i = 0; i < dim; i++) {
    const d = call.dilation.length === 1 ? call.dilation[0] : call.dilation[i];
    const total = d * (constDim(w[i + 2]) - 1);
    const left = Math.floor(total / 2);
    // Asymmetric: the input grows by the difference on the right, the conv pads the rest.
    padded[i + 2] = x[i + 2].add(total - 2 * left);
    padding.push(left);
  }
  return { ...call, input: { ...call.input, shape: padded }, padding };
}
