// The ATen kernels behind every max/avg pool: max_pool{2,3}d_with_indices and avg_pool{2,3}d,
// with their checks in PyTorch's order. 1-D pools run the 2-D kernel on `x.unsqueeze(-2)`.
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import { fail } from '../op';
import { expand, isZero, knownBelow, poolingOutputShape, sizeAt, sizesText } from './poolShape';

export interface PoolParams {
  readonly kernel: readonly number[];
  /** Empty when the caller passed None: the kernel size is used. */
  readonly stride: readonly number[];
  readonly padding: readonly number[];
  readonly dilation: readonly number[];
  readonly ceil: boolean;
  /** avg pools only: divisor_override (undefined for None). */
  readonly divisor?: number;
}

const WORD = { 2: 'two', 3: 'three' } as const;

function err(message: string, code = 'pool-args'): never {
  return fail(code, 'RuntimeError', message);
}

/** Spatial output of max_pool{n}d / avg_pool{n}d for n = 2 or 3; the shape keeps batch and channel dims. */
export function poolNd(kind: 'max' | 'avg', n: 2 | 3, x: Shape, p: PoolParams): Shape {
  const name = `${kind}_pool${n}d`;
  const w = WORD[n];
  const { kernel, stride, padding, dilation } = p;
  if (kind === 'avg' && n === 3) {
    if (kernel.length !== 1 && kernel.length !== 3) err(`avg_pool3d: kernel_size must be a single int, or a tuple of three ints`);
    if (stride.length !== 0 && stride.length !== 1 && stride.length !== 3) err(`avg_pool3d: stride must be omitted, a single int, or a tuple of three ints`);
    if (padding.length !== 1 && padding.length !== 3) err(`avg_pool3d: padding must be a single int, or a tuple of three ints`);
  } else {
    if (kernel.length !== 1 && kernel.length !== n) err(`${name}: kernel_size must either be a single int, or a tuple of ${w} ints`);
    if (stride.length > 1 && stride.length !== n) err(`${name}: stride must either be omitted, a single int, or a tuple of ${w} ints`);
    // PyTorch's max_pool text really says "must be either be".
    const must = kind === 'max' ? 'must be either be' : 'must either be';
    if (padding.length !== 1 && padding.length !== n) err(`${name}: padding ${must} a single int, or a tuple of ${w} ints`);
    if (kind === 'max' && dilation.length !== 1 && dilation.length !== n) err(`${name}: dilation must be either a single int, or a tuple of ${w} ints`);
  }
  const k = expand(kernel, n);
  const s = stride.length === 0 ? k : expand(stride, n);
  const pad = expand(padding, n);
  const dil = kind === 'max' ? expand(dilation, n) : Array.from({ length: n }, () => 1);
  const rank = x.length;
  if (kind === 'max' || n === 3) {
    if (rank !== n + 1 && rank !== n + 2) err(`non-empty ${n + 1}D or ${n + 2}D (batch mode) tensor expected for input`, 'pool-rank');
  }
  if (kind === 'avg' && p.divisor === 0) err('divisor must be not zero');
  // avg_pool2d reads input.size(-3) before any rank check: an IndexError below 3-D.
  const planes = sizeAt(x, -(n + 1));
  const inSizes = x.slice(rank - n);
  const out = inSizes.map((L, i) => poolingOutputShape(L, k[i], pad[i], s[i], dil[i], p.ceil));
  if (n === 2) {
    if (k.some((v) => v <= 0)) err(`kernel size should be greater than zero, but got kH: ${k[0]} kW: ${k[1]}`);
    if (s.some((v) => v <= 0)) err(`stride should be greater than zero, but got dH: ${s[0]} dW: ${s[1]}`);
    if (dil.some((v) => v <= 0)) err(`dilation should be greater than zero, but got dilationH: ${dil[0]} dilationW: ${dil[1]}`);
    const validDims = !isZero(x[1]) && !isZero(x[2]);
    const ok = (rank === 3 && !isZero(x[0]) && validDims) || (rank === 4 && validDims && !isZero(x[3]));
    if (!ok) err(`Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:${sizesText(x)}`, 'pool-rank');
  } else {
    if (k.some((v) => v <= 0)) err(`kernel size should be greater than zero, but got kT: ${k[0]} kH: ${k[1]} kW: ${k[2]}`);
    if (s.some((v) => v <= 0)) err(`stride should be greater than zero, but got dT: ${s[0]} dH: ${s[1]} dW: ${s[2]}`);
    if (dil.some((v) => v <= 0)) {
      err(`dilation should be greater than zero, but got dilationT: ${dil[0]} dilationH: ${dil[1]} dilationW: ${dil[2]}`);
    }
    const fn = kind === 'max' ? 'max_pool3d_with_indices_out_cpu_template()' : 'avg_pool3d()';
    x.forEach((d, i) => {
      if (rank === 5 && i === 0) return;
      if (isZero(d)) {
        err(`${fn}: Expected input's non-batch dimensions to have positive length, but input has a shape of ${sizesText(x)} and non-batch dimension 0 has length zero!`, 'pool-empty');
      }
    });
    if (kind === 'avg' && inSizes.some((L, i) => knownBelow(L, k[i]))) {
      err(`input image (T: ${inSizes[0]} H: ${inSizes[1]} W: ${inSizes[2]}) smaller than kernel size (kT: ${k[0]} kH: ${k[1]} kW: ${k[2]})`, 'pool-too-small');
    }
  }
  if (out.some((d) => knownBelow(d, 1))) {
    const given = [planes, ...inSizes].join('x');
    const calc = [planes, ...out].join('x');
    err(`Given input size: (${given}). Calculated output size: (${calc}). Output size is too small`, 'pool-too-small');
  }
  return [...x.slice(0, rank - n), ...out];
}

/** ATen's checkDimRange(name, self, 2, 4) used by the 1-D pools. */
export function checkDim2to3(name: string, x: Shape): void {
  if (x.length < 2 || x.length > 3) {
    err(`Expected 2 to 3 dimensions, but got ${x.length}-dimensional tensor for argument #1 'self' (while checking arguments for ${name})`, 'pool-rank');
  }
}

/** ATen's check1d: a 1-D pool takes one int per argument. */
export function check1d(name: string, arg: string, list: readonly number[]): void {
  if (list.length !== 1) err(`${name}() argument '${arg}' should contain one int (got ${list.length})`);
}

/** `x.unsqueeze(-2)` for the 1-D pools that run the 2-D kernel. */
export function unsqueezeH(x: Shape): Shape {
  return [...x.slice(0, -1), Dim.of(1), x[x.length - 1]];
}

/** `y.squeeze(-2)`. */
export function squeezeH(y: Shape): Shape {
  return [...y.slice(0, -2), y[y.length - 1]];
}
