// Type promotion for the math family: PyTorch's result_type with its three priority tiers
// (dimensioned tensors > zero-dim tensors > Python scalars), and the C type names its
// "not implemented for 'Long'" messages use.
import type { Value } from '../../value';
import { DEFAULT_FLOAT, complexOf, dtypeCategory, isComplex, isFloating, promoteTypes, type DType } from '../dtype';
import { fail, giveUp } from '../op';

/** PyTorch's ScalarType names, as printed in kernel dispatch errors. */
const C_NAMES: Readonly<Record<DType, string>> = {
  bool: 'Bool', uint8: 'Byte', int8: 'Char', int16: 'Short', int32: 'Int', int64: 'Long',
  float16: 'Half', bfloat16: 'BFloat16', float32: 'Float', float64: 'Double', complex32: 'ComplexHalf', complex64: 'ComplexFloat', complex128: 'ComplexDouble',
};

export function cName(d: DType): string {
  return C_NAMES[d];
}

/** `"abs_cpu" not implemented for 'Bool'`: the dispatch error of a kernel without that dtype. */
export function notImplemented(kernel: string, d: DType): never {
  fail('dtype-not-implemented', 'RuntimeError', `"${kernel}" not implemented for '${cName(d)}'`);
}

/** A tensor's dtype, or no hint at all when it is not known. */
export function dtypeOf(v: { dtype: DType | undefined }): DType {
  return v.dtype ?? giveUp('unknown dtype');
}

/** Is this operand a Python number (int, float, bool) rather than a tensor? */
export function isScalar(v: Value): boolean {
  return v.kind === 'int' || v.kind === 'float' || v.kind === 'bool';
}

/** The dtype a Python scalar stands for in promotion (a float is the default dtype). */
export function scalarType(v: Value): DType {
  if (v.kind === 'bool') return 'bool';
  if (v.kind === 'int') return 'int64';
  if (v.kind === 'float') return DEFAULT_FLOAT;
  return giveUp('not a number');
}

type Tier = DType | undefined;

function combine(higher: Tier, lower: Tier): Tier {
  if (higher === undefined) return lower;
  if (lower === undefined) return higher;
  if (isComplex(higher)) return higher;
  // A complex 0-d tensor or scalar makes a float tensor complex at the float's own precision.
  if (isComplex(lower)) return isFloating(higher) ? complexOf(higher) : lower;
  if (isFloating(higher)) return higher;
  if (higher === 'bool' || isFloating(lower)) return promoteTypes(higher, lower);
  return higher;
}

/** torch.result_type over tensors and Python scalars. */
export function resultType(operands: readonly Value[]): DType {
  let dimT: Tier;
  let zeroT: Tier;
  let wrapT: Tier;
  for (const v of operands) {
    if (v.kind === 'tensor') {
      const d = v.dtype ?? giveUp('unknown dtype');
      const rank = v.shape?.length ?? giveUp('unknown rank');
      if (rank > 0) dimT = dimT === undefined ? d : promoteTypes(dimT, d);
      else zeroT = zeroT === undefined ? d : promoteTypes(zeroT, d);
    } else if (isScalar(v)) {
      const d = scalarType(v);
      wrapT = wrapT === undefined ? d : promoteTypes(wrapT, d);
    } else giveUp('not a tensor or number');
  }
  return combine(dimT, combine(zeroT, wrapT)) ?? giveUp('no operands');
}

/**
 * torch.result_type, or undefined when an operand tensor's dtype is not known (`x.to(device)`
 * with a device the analysis cannot see): the result's shape is still known, its dtype is not,
 * and no dtype check can be made.
 */
export function resultTypeIfKnown(operands: readonly Value[]): DType | undefined {
  return operands.some((v) => v.kind === 'tensor' && v.dtype === undefined) ? undefined : resultType(operands);
}

/** Integer and bool results of float-only ops become the default float type. */
export function toFloating(d: DType): DType {
  return dtypeCategory(d) < 2 ? DEFAULT_FLOAT : d;
}
