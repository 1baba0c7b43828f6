// F.interpolate / F.upsample* and nn.Upsample, UpsamplingNearest2d, UpsamplingBilinear2d.
// [N, C, H, W] with size=(h, w) -> [N, C, h, w]; with scale_factor=s -> [N, C, floor(H*s), floor(W*s)]
import { float, type OnnxAttr, type OnnxCall, type OnnxGraph } from '../lowering';
import { lowerAdaptiveAvg } from './lowerPool';
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { boolArg, floatArg, intArg, isNone, strArg, tensor, tensorArg } from '../args';
import { defineFunction, defineModule, fail, giveUp } from '../op';
import { adaptiveShape } from './adaptive';
import { pyRepr, requireFloating, sizesText } from './poolShape';

const valueError = (message: string): never => fail('interpolate-args', 'ValueError', message);
const notImplemented = (message: string): never => fail('interpolate-rank', 'NotImplementedError', message);

/** A scale factor: a number, or a size over a number exactly (DINO's `(w0 + 0.1) / sqrt(N)`). */
type Scale = number | { readonly num: Dim; readonly den: number };

function scaleArg(v: Value): Scale {
  return v.kind === 'float' && v.ratio ? v.ratio : floatArg(v);
}

/** floor(L * s) as PyTorch computes it in doubles; symbolic only when the product is exact. */
export function scaledSize(L: Dim, s: Scale): Dim {
  if (typeof s !== 'number') return scaledByRatio(L, s.num, s.den);
  const v = L.value;
  if (v !== undefined) return Dim.of(Math.floor(v * s));
  // s = m / 2^k exactly (2.0, 1.5, 0.25 ...): floor(L*m / 2^k) needs no rounding.
  for (let den = 1; den <= 1024; den *= 2) {
    const m = s * den;
    if (Number.isInteger(m)) return m < 0 ? giveUp('negative scale') : L.mul(m).floordiv(den)!;
  }
  return giveUp('inexact scale factor on a symbolic size');
}

/**
 * floor(L * num / den) with a symbolic numerator. The double product is within a few ulps of the
 * exact one, so its floor is the exact floor only when the product is provably no integer: the
 * remainder of L*num by den a known non-zero number (DINO's offset of 0.1 keeps `(w0 + 0.1) / M`
 * times M off w0 by a tenth; `w0 / M` times M may round to w0 or just under it, and is refused).
 */
function scaledByRatio(L: Dim, num: Dim, den: number): Dim {
  const product = L.mul(num);
  const rest = product.mod(den);
  if (rest?.value === undefined || rest.value === 0 || den > 1_000_000) return giveUp('inexact scale factor on a symbolic size');
  return product.floordiv(den)!;
}

const isSeq = (v: Value): boolean => v.kind === 'tuple' || v.kind === 'list';

/** The output shape of F.interpolate, in the order of its Python checks. */
export function interpolateShape(
  x: Shape, size: Value, scale: Value, mode: string, alignCorners: Value, recompute: Value, antialias: boolean,
): Shape {
  if (mode === 'nearest' || mode === 'area' || mode === 'nearest-exact') {
    if (!isNone(alignCorners)) valueError('align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear');
  } else if (!isNone(alignCorners)) boolArg(alignCorners);
  const dim = x.length - 2;
  const spatial = sizesText(x.slice(2));
  let outSize: Dim[] | undefined;
  let scales: Scale[] | undefined;
  if (!isNone(size) && !isNone(scale)) valueError('only one of size or scale_factor should be defined');
  if (!isNone(size)) {
    if (isSeq(size)) {
      const items = size.kind === 'tuple' || size.kind === 'list' ? size.items : [];
      if (items.length !== dim) {
        valueError(`Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of ${spatial} and output size of ${pyRepr(size)}. Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.`);
      }
      outSize = items.map(intArg);
    } else {
      outSize = Array.from({ length: Math.max(dim, 0) }, () => intArg(size));
    }
  } else if (!isNone(scale)) {
    if (isSeq(scale)) {
      const items = scale.kind === 'tuple' || scale.kind === 'list' ? scale.items : [];
      if (items.length !== dim) {
        valueError(`Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of ${spatial} and scale_factor of shape ${pyRepr(scale)}. Please provide input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format.`);
      }
      scales = items.map(scaleArg);
    } else {
      scales = Array.from({ length: Math.max(dim, 0) }, () => scaleArg(scale));
    }
  } else {
    valueError('either size or scale_factor should be defined');
  }
  let doRecompute = !isNone(recompute) && boolArg(recompute);
  if (doRecompute && !isNone(size)) valueError('recompute_scale_factor is not meaningful with an explicit size.');
  if (mode === 'area' && outSize === undefined) doRecompute = true;
  if (doRecompute && scales) {
    outSize = scales.map((s, i) => scaledSize(x[i + 2], s));
    scales = undefined;
  }
  if (antialias && !((mode === 'bilinear' || mode === 'bicubic') && x.length === 4)) {
    valueError('Anti-alias option is only supported for bilinear and bicubic modes');
  }
  const rank = x.length;
  const inRange = rank >= 3 && rank <= 5;
  const upsample = (mode === 'nearest' || mode === 'nearest-exact') && inRange
    || (mode === 'linear' && rank === 3) || ((mode === 'bilinear' || mode === 'bicubic') && rank === 4) || (mode === 'trilinear' && rank === 5);
  if (upsample) {
    // C++ compute_output_size: int64(double(L) * s), truncation of a non-negative product.
    const out = outSize ?? scales!.map((s, i) => scaledSize(x[i + 2], s));
    return upsampleCheck(x, out);
  }
  if (mode === 'area' && inRange) {
    const list: Value = { kind: 'list', items: outSize!.map((d) => ({ kind: 'int', dim: d })) };
    return adaptiveShape('avg', dim as 1 | 2 | 3, x, list);
  }
  const needs: Record<string, number> = { linear: 3, bilinear: 4, trilinear: 5 };
  if (inRange && needs[mode] !== undefined && mode !== 'bicubic') {
    notImplemented(`Got ${rank}D input, but ${mode} mode needs ${needs[mode]}D input`);
  }
  return notImplemented(`Input Error: Only 3D, 4D and 5D input Tensors supported (got ${rank}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got ${mode})`);
}

/** upsample_{1,2,3}d_common_check and the empty-channel check of the upsample kernels. */
function upsampleCheck(x: Shape, out: Dim[]): Shape {
  const n = out.length;
  const ins = x.slice(2);
  const bad = (d: Dim): boolean => d.value !== undefined && d.value <= 0;
  if (ins.some(bad) || out.some(bad)) {
    const names = ['D', 'H', 'W'].slice(3 - n);
    const fmt = (ds: Dim[]): string => ds.map((d, i) => `${names[i]}: ${d}`).join(', ');
    const sep = n === 1 ? ' and output' : ' output';
    fail('interpolate-size', 'RuntimeError', `Input and output sizes should be greater than 0, but got input (${fmt(ins)})${sep} (${fmt(out)})`);
  }
  if (x[1].value === 0) {
    fail('interpolate-size', 'RuntimeError', `Non-empty ${n + 2}D data tensor expected but got a tensor with sizes ${sizesText(x)}`);
  }
  return [x[0], x[1], ...out];
}

function apply(input: Value, size: Value, scale: Value, mode: Value, align: Value, recompute: Value, antialias = false): Value {
  const x = tensorArg(input);
  const shape = interpolateShape(x.shape, size, scale, strArg(mode), align, recompute, antialias);
  requireFloating(x.dtype);
  return tensor(shape, x.dtype);
}

const NONE: Value = { kind: 'none' };
const str = (value: string): Value => ({ kind: 'str', value });

/** nn.Upsample stores scale_factor as float(s): it shows in error texts as `2.0`. */
function asFloats(v: Value): Value {
  if (v.kind === 'int') return { kind: 'float', value: floatArg(v) };
  if (v.kind === 'tuple') return { kind: 'tuple', items: v.items.map(asFloats) };
  return v;
}

/**
 * F.interpolate on ONNX Resize: nearest is asymmetric + floor, nearest-exact half-pixel + round,
 * (bi/tri)linear and bicubic (a = -0.75) half-pixel (or align_corners), area is adaptive average
 * pooling. A given scale_factor is passed as the scale (PyTorch maps coordinates with it, not
 * with out/in) unless recompute_scale_factor asks for out/in.
 */
function lowerInterpolate(g: OnnxGraph, call: OnnxCall, input: Value, size: Value, scale: Value, modeV: Value, align: Value, recompute: Value, antialias = false): string {
  const mode = strArg(modeV);
  const shape = g.shape(input);
  const out = g.shape(call.output);
  const n = shape.length - 2;
  if (mode === 'area') return lowerAdaptiveAvg(g, call, n, input);
  if (antialias) return g.noKernel('antialiased interpolation (ONNX Resize antialias is opset 18)');
  const alignCorners = !isNone(align) && boolArg(align);
  const x = g.input(input);
  g.flops(out.reduce((a, b) => a * b, 1) * (mode === 'bicubic' ? 16 : 4));
  const attrs: Record<string, OnnxAttr> =
    mode === 'nearest' ? { mode: 'nearest', coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' }
    : mode === 'nearest-exact' ? { mode: 'nearest', coordinate_transformation_mode: 'half_pixel', nearest_mode: 'round_prefer_ceil' }
    : mode === 'bicubic' ? { mode: 'cubic', cubic_coeff_a: float(-0.75), coordinate_transformation_mode: alignCorners ? 'align_corners' : 'half_pixel' }
    : { mode: 'linear', coordinate_transformation_mode: alignCorners ? 'align_corners' : 'pytorch_half_pixel' };
  const useScale = !isNone(scale) && isNone(size) && !(!isNone(recompute) && boolArg(recompute));
  if (useScale) {
    const factors = scale.kind === 'tuple' || scale.kind === 'list' ? scale.items.map(floatArg) : Array.from({ length: n }, () => floatArg(scale));
    return g.op('Resize', [x, '', g.constant(Float32Array.from([1, 1, ...factors]), [n + 2], 'float32')], attrs);
  }
  return g.op('Resize', [x, '', '', g.ints(out)], attrs);
}

export const interpolateOps = [
  defineFunction({
    names: ['torch.nn.functional.interpolate'],
    signature: "input, size=None, scale_factor=None, mode='nearest', align_corners=None, recompute_scale_factor=None, antialias=False",
    onnx: (g, { args: a, ...c }) => lowerInterpolate(g, { args: a, ...c }, a.input, a.size, a.scale_factor, a.mode, a.align_corners, a.recompute_scale_factor, boolArg(a.antialias)),
    rule: (a) => apply(a.input, a.size, a.scale_factor, a.mode, a.align_corners, a.recompute_scale_factor, boolArg(a.antialias)),
  }),
  defineFunction({
    names: ['torch.nn.functional.upsample'],
    signature: "input, size=None, scale_factor=None, mode='nearest', align_corners=None",
    onnx: (g, call) => lowerInterpolate(g, call, call.args.input, call.args.size, call.args.scale_factor, call.args.mode, call.args.align_corners, NONE),
    rule: (a) => apply(a.input, a.size, a.scale_factor, a.mode, a.align_corners, NONE),
  }),
  defineFunction({
    names: ['torch.nn.functional.upsample_nearest'],
    signature: 'input, size=None, scale_factor=None',
    onnx: (g, call) => lowerInterpolate(g, call, call.args.input, call.args.size, call.args.scale_factor, str('nearest'), NONE, NONE),
    rule: (a) => apply(a.input, a.size, a.scale_factor, str('nearest'), NONE, NONE),
  }),
  defineFunction({
    names: ['torch.nn.functional.upsample_bilinear'],
    signature: 'input, size=None, scale_factor=None',
    onnx: (g, call) => lowerInterpolate(g, call, call.args.input, call.args.size, call.args.scale_factor, str('bilinear'), { kind: 'bool', value: true }, NONE),
    rule: (a) => apply(a.input, a.size, a.scale_factor, str('bilinear'), { kind: 'bool', value: true }, NONE),
  }),
  defineModule({
    names: ['torch.nn.Upsample'],
    init: "size=None, scale_factor=None, mode='nearest', align_corners=None, recompute_scale_factor=None",
    forward: 'input',
    params: () => [],
    onnx: (g, call) => lowerInterpolate(g, call, call.args.input, call.self!.size, call.self!.scale_factor, call.self!.mode, call.self!.align_corners, call.self!.recompute_scale_factor),
    rule: (s, { input }) => apply(input, s.size, asFloats(s.scale_factor), s.mode, s.align_corners, s.recompute_scale_factor),
  }),
  defineModule({
    names: ['torch.nn.UpsamplingNearest2d'],
    init: 'size=None, scale_factor=None',
    forward: 'input',
    params: () => [],
    onnx: (g, call) => lowerInterpolate(g, call, call.args.input, call.self!.size, call.self!.scale_factor, str('nearest'), NONE, NONE),
    rule: (s, { input }) => apply(input, s.size, asFloats(s.scale_factor), str('nearest'), NONE, NONE),
  }),
  defineModule({
    names: ['torch.nn.UpsamplingBilinear2d'],
    init: 'size=None, scale_factor=None',
    forward: 'input',
    params: () => [],
    onnx: (g, call) => lowerInterpolate(g, call, call.args.input, call.self!.size, call.self!.scale_factor, str('bilinear'), { kind: 'bool', value: true }, NONE),
    rule: (s, { input }) => apply(input, s.size, asFloats(s.scale_factor), str('bilinear'), { kind: 'bool', value: true }, NONE),
  }),
];
