// What Flux's convolutions and pools share (Flux.jl src/layers/conv.jl, NNlib's ConvDims): the
// padding Flux stores (`calc_padding`, with SamePad), how Flux prints `pad`/`stride`, and the
// sliding-window size of one spatial axis. The size rule itself is the shared one
// (engine/ops/common/window.ts); Flux's spatial axes come first (WHCN), PyTorch's last.
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { slidingWindowOutput } from '../common/window';
import { giveUp } from '../op';
import type { BoundArgs } from '../signature';
import { constIntArg } from '../args';
import { constTuple, dimensionMismatch, expandInts, functionName, hasBias, isObject, juliaTuple, pairDims, SamePadMarker } from './julia';

/**
 * `calc_padding` (conv.jl:48-58): an integer pad is repeated on both sides of every spatial axis,
 * a tuple is kept as written (N values: symmetric; 2N: lo/hi per axis), SamePad() pads
 * `k_eff - 1` in total, `cld` before and `fld` after.
 */
export function storedPadding(pad: Value, kernel: readonly number[], dilation: readonly number[]): number[] {
  if (isObject(pad, SamePadMarker)) {
    return kernel.flatMap((k, i) => {
      const amount = k + (k - 1) * (dilation[i] - 1) - 1;
      return [Math.ceil(amount / 2), Math.floor(amount / 2)];
    });
  }
  if (pad.kind === 'int' || pad.kind === 'bool') return expandInts(pad, 2 * kernel.length);
  const p = expandInts(pad, 2 * kernel.length);
  // NNlib accepts N or 2N values (ConvDims.jl:128); anything else fails in a way not modelled here.
  if (p.length !== kernel.length && p.length !== 2 * kernel.length) return giveUp('padding length');
  return p;
}

/** Lo and hi padding of each spatial axis, from the stored form (ConvDims.jl:131-133). */
export function padPairs(stored: readonly number[], n: number): [number, number][] {
  return Array.from({ length: n }, (_, i) => (stored.length === n ? [stored[i], stored[i]] : [stored[2 * i], stored[2 * i + 1]]));
}

/** `_maybetuple_string` (conv.jl:747-748): one number when all agree, else the tuple. */
export function maybeTupleString(values: readonly number[]): string {
  return values.every((v) => v === values[0]) ? String(values[0]) : `(${values.join(', ')}${values.length === 1 ? ',' : ''})`;
}

/** Stride or dilation: an integer or an N-tuple (`expand(Val(N), s)`). */
export function perAxis(v: Value, n: number, what: string): number[] {
  const out = expandInts(v, n);
  if (out.length !== n) return giveUp(`${what} length`);
  return out;
}

/**
 * The spatial output sizes of a convolution or pool on `x` (WHCN: spatial axes first), after
 * NNlib's check that no window is larger than the padded input (ConvDims.jl:139-149).
 */
export function windowedSizes(
  code: string, x: Shape, kernel: readonly number[], stride: readonly number[], pads: readonly [number, number][], dilation: readonly number[],
): Dim[] {
  return kernel.map((k, i) => {
    const size = x[i];
    const [lo, hi] = pads[i];
    const reach = (k - 1) * dilation[i] + 1;
    const known = size.value;
    if (known !== undefined && known + lo + hi < reach) {
      dimensionMismatch(code, `Kernel * dilation ((${k} - 1) * ${dilation[i]} + 1) cannot be larger than input + padding (${known} + ${lo} + ${hi})!`);
    }
    return slidingWindowOutput(size, k, stride[i], lo, hi, dilation[i]);
  });
}


export type ConvKind = 'Conv' | 'CrossCor' | 'DepthwiseConv' | 'ConvTranspose';

/** The layer as Flux builds it: kernel, channels, groups, and the stride/pad/dilation it stores. */
export interface ConvGeometry {
  readonly kind: ConvKind;
  readonly kernel: number[];
  readonly cin: Dim;
  readonly cout: Dim;
  readonly groups: number;
  readonly stride: number[];
  readonly dilation: number[];
  /** `pad` as Flux stores it (N or 2N values). */
  readonly pad: number[];
  readonly outpad: number[];
}

export function convGeometry(kind: ConvKind, self: BoundArgs): ConvGeometry {
  const kernel = constTuple(self.k);
  const n = kernel.length;
  const [cin, cout] = pairDims(self.ch);
  const groups = kind === 'Conv' || kind === 'ConvTranspose' ? constIntArg(self.groups) : kind === 'DepthwiseConv' ? cin.value ?? giveUp('symbolic groups') : 1;
  const stride = perAxis(self.stride, n, 'stride');
  const dilation = perAxis(self.dilation, n, 'dilation');
  // ConvTranspose's SamePad pads for a kernel of `k - stride + 1` (conv.jl:361-363).
  const padKernel = kind === 'ConvTranspose' && isObject(self.pad, SamePadMarker) ? kernel.map((k, i) => k - stride[i] + 1) : kernel;
  const pad = storedPadding(self.pad, padKernel, dilation);
  const outpad = kind === 'ConvTranspose' ? perAxis(self.outpad, n, 'outpad') : kernel.map(() => 0);
  return { kind, kernel, cin, cout, groups, stride, dilation, pad, outpad };
}

/** The weight's shape: `convfilter(k, in => out; groups)` (conv.jl:180-188), reversed channels for ConvTranspose. */
export function convWeightShape(g: ConvGeometry): Dim[] {
  const per = (d: Dim): Dim => d.floordiv(g.groups) ?? giveUp('groups');
  return g.kind === 'ConvTranspose' ? [...g.kernel.map(Dim.of), per(g.cout), g.cin] : [...g.kernel.map(Dim.of), per(g.cin), g.cout];
}

/** `Conv((5, 5), 3 => 7, relu, pad=2, stride=2, bias=false)` as Flux's show prints it (conv.jl:207-222, 353-359, 491-496). */
export function showConv(g: ConvGeometry, self: BoundArgs): string {
  const f = functionName(self.σ);
  const opts: string[] = [];
  if (f) opts.push(f);
  if (!g.pad.every((p) => p === 0)) opts.push(`pad=${maybeTupleString(g.pad)}`);
  if (!g.stride.every((s) => s === 1)) opts.push(`stride=${maybeTupleString(g.stride)}`);
  if (!g.dilation.every((d) => d === 1)) opts.push(`dilation=${maybeTupleString(g.dilation)}`);
  if (g.kind !== 'CrossCor' && g.groups !== 1) opts.push(`groups=${g.groups}`);
  if (!hasBias(self.bias)) opts.push('bias=false');
  if (g.kind === 'ConvTranspose' && !g.outpad.every((p) => p === 0)) opts.push(`outpad=${juliaTuple(g.outpad)}`);
  // DepthwiseConv builds (and prints as) a Conv with groups = in (conv.jl:389-392).
  const name = g.kind === 'DepthwiseConv' ? 'Conv' : g.kind;
  return `${name}(${juliaTuple(g.kernel)}, ${g.cin} => ${g.cout}${opts.map((o) => `, ${o}`).join('')})`;
}
