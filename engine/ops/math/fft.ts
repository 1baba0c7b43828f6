// torch.fft's complex transforms (fft, ifft, fft2, ifft2, fftn, ifftn): the input's shape, with
// the transformed axes resized to `n` / `s` where given, as a complex tensor.
// [2, 3, 4] float32 -> fft2 -> [2, 3, 4] complex64; fft2(s=(5, 6)) -> [2, 5, 6].
import { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import { constIntArg, isNone, tensor, tensorArg, wrapDim } from '../args';
import { complexOf, isComplex } from '../dtype';
import { defineFunction, fail, giveUp, type OpDecl } from '../op';
import { cName, dtypeOf } from './promote';

/** Known ints of a tuple or list argument. */
function ints(v: Value): number[] {
  if (v.kind === 'tuple' || v.kind === 'list') return v.items.map(constIntArg);
  return [constIntArg(v)];
}

/** The transform over `dims` (undefined: every axis, or the last `sizes.length`), resized to `sizes`. */
function transform(input: Value, dims: number[] | undefined, sizes: number[] | undefined): Value {
  const x = tensorArg(input);
  const d = dtypeOf(x);
  // aten/src/ATen/native/SpectralOps.cpp promotes integers to the default float; the CPU kernel
  // (pocketfft) has no Half or BFloat16.
  if (d === 'float16' || d === 'bfloat16') fail('fft-dtype', 'RuntimeError', `Unsupported dtype ${cName(d)}`);
  const rank = x.shape.length;
  const axes = (dims ?? (sizes ? sizes.map((_, i) => rank - sizes.length + i) : x.shape.map((_, i) => i))).map((a) => wrapDim(a, rank));
  if (sizes && sizes.length !== axes.length) giveUp('fft sizes and dims of different lengths');
  const shape = [...x.shape];
  axes.forEach((a, i) => {
    const n = sizes?.[i];
    if (n !== undefined && n !== -1) {
      if (n < 1) giveUp('fft size below 1');
      shape[a] = Dim.of(n);
    }
  });
  return tensor(shape, isComplex(d) ? d : complexOf(d === 'float64' ? 'float64' : 'float32'));
}

function oneDim(name: string): OpDecl {
  return defineFunction({
    names: [`torch.fft.${name}`],
    signature: 'input, n=None, dim=-1, norm=None, *, out=None',
    rule: (args) => transform(args.input, [constIntArg(args.dim)], isNone(args.n) ? undefined : [constIntArg(args.n)]),
  });
}

function manyDims(name: string, defaultDims: boolean): OpDecl {
  return defineFunction({
    names: [`torch.fft.${name}`],
    signature: defaultDims ? 'input, s=None, dim=(-2, -1), norm=None, *, out=None' : 'input, s=None, dim=None, norm=None, *, out=None',
    rule: (args) => transform(args.input, isNone(args.dim) ? undefined : ints(args.dim), isNone(args.s) ? undefined : ints(args.s)),
  });
}

export const fftOps: readonly OpDecl[] = [oneDim('fft'), oneDim('ifft'), manyDims('fft2', true), manyDims('ifft2', true), manyDims('fftn', false), manyDims('ifftn', false)];
