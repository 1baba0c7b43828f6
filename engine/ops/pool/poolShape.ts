// Shared arithmetic and message formatting of the pool family: PyTorch's pooling_output_shape,
// argument lists the way ATen's IntArrayRef sees them, and size printing for error texts.
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { constIntsArg, isNone, sequenceArg, wrapDim } from '../args';
import { fail, giveUp } from '../op';
import { bind, type BoundArgs, type Signature } from '../signature';
import { isFloating, isIntegral, type DType } from '../dtype';
import { slidingWindowOutput } from '../common/window';

/** `[2, 3, 4]`, as ATen prints `input.sizes()`. */
export function sizesText(shape: readonly Dim[]): string {
  return `[${shape.join(', ')}]`;
}

/** An int or a sequence of ints as a C++ IntArrayRef: an int is a one-element list. */
export function intList(v: Value): number[] {
  return constIntsArg(v);
}

/** `stride=None` is an empty list in ATen (it then defaults to the kernel size). */
export function optIntList(v: Value | undefined): number[] {
  return isNone(v) ? [] : intList(v!);
}

/** A one-or-n list expanded to n entries (ATen's `kernel_size.size() == 1 ? k[0] : k[i]`). */
export function expand(list: readonly number[], n: number): number[] {
  return list.length === 1 ? Array.from({ length: n }, () => list[0]) : [...list];
}

/** PyTorch's pooling_output_shape, with its three checks, on one spatial dimension. */
export function poolingOutputShape(length: Dim, kernel: number, pad: number, stride: number, dilation: number, ceil: boolean): Dim {
  if (stride === 0) fail('pool-stride', 'RuntimeError', 'stride should not be zero');
  if (pad < 0) fail('pool-padding', 'RuntimeError', `pad must be non-negative, but got pad: ${pad}`);
  if (pad > Math.trunc(kernel / 2)) {
    fail('pool-padding', 'RuntimeError', `pad should be at most half of kernel size, but got pad=${pad} and kernel_size=${kernel}`);
  }
  return windowOutput(length, kernel, pad, stride, dilation, ceil);
}

/** The window count without checks (slidingWindowOutput agrees with ATen's div_rtn rule). */
export function windowOutput(length: Dim, kernel: number, pad: number, stride: number, dilation: number, ceil: boolean): Dim {
  if (stride < 0 && !length.isKnown) giveUp('negative stride on a symbolic size');
  return slidingWindowOutput(length, kernel, stride, pad, pad, dilation, ceil);
}

/** A dimension known to be zero (a symbolic size is taken as positive). */
export function isZero(d: Dim): boolean {
  return d.value === 0;
}

/** A dimension known to be below `n`. */
export function knownBelow(d: Dim, n: number): boolean {
  return d.value !== undefined && d.value < n;
}

/** `input.size(i)` with ATen's IndexError for a missing dimension. */
export function sizeAt(shape: Shape, i: number): Dim {
  return shape[wrapDim(i, shape.length)];
}

/** c10's ScalarType name, as dispatch errors print it: 'Long', 'Int', 'Bool'. */
export function scalarTypeName(dtype: DType): string {
  const names: Record<DType, string> = {
    float32: 'Float', float64: 'Double', float16: 'Half', bfloat16: 'BFloat16', int64: 'Long', int32: 'Int',
    int16: 'Short', int8: 'Char', uint8: 'Byte', bool: 'Bool', complex32: 'ComplexHalf', complex64: 'ComplexFloat', complex128: 'ComplexDouble',
  };
  return names[dtype];
}

/** The legacy tensor type name ATen prints for an empty tensor: `torch.FloatTensor`. */
export function legacyTypeName(dtype: DType | undefined): string {
  return dtype ? `torch.${scalarTypeName(dtype)}Tensor` : giveUp('dtype unknown');
}

/** Python's repr of an int/float/None/sequence argument, for ValueError texts. */
export function pyRepr(v: Value): string {
  switch (v.kind) {
    case 'int': return v.dim.toString();
    case 'bool': return v.value ? 'True' : 'False';
    case 'none': return 'None';
    case 'float': return floatRepr(v.value);
    case 'str': return `'${v.value}'`;
    case 'tuple': return v.items.length === 1 ? `(${pyRepr(v.items[0])},)` : `(${v.items.map(pyRepr).join(', ')})`;
    case 'list': return `[${v.items.map(pyRepr).join(', ')}]`;
    default: return giveUp('no repr');
  }
}

export function floatRepr(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return x.toFixed(1);
  return String(x);
}

/**
 * Functions that PyTorch wraps in boolean_dispatch take `*args, **kwargs`; bind them again
 * against the signature of the function they forward to.
 */
export function rebind(args: BoundArgs, target: Signature): BoundArgs {
  const positional = sequenceArg(args.args);
  const kw: Record<string, Value> = {};
  const d = args.kwargs;
  if (d.kind !== 'dict') return giveUp('kwargs');
  for (const [k, v] of d.entries) kw[k.kind === 'str' ? k.value : giveUp('key')] = v;
  const bound = bind(target, positional, kw);
  return bound.ok ? bound.args : giveUp(bound.reason);
}

/**
 * The CPU kernels of most pools, interpolation and reflect/replicate padding are not implemented
 * for integer or bool tensors; the error names a device-specific kernel, so we give no hint.
 */
export function requireFloating(dtype: DType | undefined, allowIntegers = false): void {
  if (dtype === undefined || isFloating(dtype)) return;
  if (allowIntegers && isIntegral(dtype)) return;
  giveUp(`no ${dtype} kernel`);
}
