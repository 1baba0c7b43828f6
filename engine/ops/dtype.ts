// Tensor element types with PyTorch's names and its promotion lattice (torch.promote_types).

export const DTYPES = [
  'bool', 'uint8', 'int8', 'int16', 'int32', 'int64',
  'float16', 'bfloat16', 'float32', 'float64', 'complex32', 'complex64', 'complex128',
] as const;
export type DType = (typeof DTYPES)[number];

/** Aliases accepted as `torch.<name>`. */
export const DTYPE_ALIASES: Readonly<Record<string, DType>> = {
  float: 'float32', double: 'float64', half: 'float16', long: 'int64', int: 'int32',
  short: 'int16', chalf: 'complex32', cfloat: 'complex64', cdouble: 'complex128',
};

export function isFloating(d: DType): boolean {
  return d === 'float16' || d === 'bfloat16' || d === 'float32' || d === 'float64';
}

export function isComplex(d: DType): boolean {
  return d === 'complex32' || d === 'complex64' || d === 'complex128';
}

export function isIntegral(d: DType, includeBool = false): boolean {
  return d === 'uint8' || d === 'int8' || d === 'int16' || d === 'int32' || d === 'int64' || (includeBool && d === 'bool');
}

/** Category used by PyTorch's result_type: bool < integer < floating < complex. */
export function dtypeCategory(d: DType): 0 | 1 | 2 | 3 {
  if (d === 'bool') return 0;
  if (isIntegral(d)) return 1;
  if (isFloating(d)) return 2;
  return 3;
}

/** torch.promote_types(a, b). */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a === 'bool') return b;
  if (b === 'bool') return a;
  const ca = dtypeCategory(a);
  const cb = dtypeCategory(b);
  if (ca !== cb) {
    const [hi, lo] = ca > cb ? [a, b] : [b, a];
    // A complex type takes at least the precision of the float it meets (complex32 + float32 is complex64).
    if (isComplex(hi) && isFloating(lo)) return promoteTypes(hi, complexOf(lo));
    return hi;
  }
  if (ca === 1) {
    if ((a === 'uint8' && b === 'int8') || (a === 'int8' && b === 'uint8')) return 'int16';
    const order: DType[] = ['uint8', 'int8', 'int16', 'int32', 'int64'];
    return order[Math.max(order.indexOf(a), order.indexOf(b))];
  }
  if (ca === 2) {
    if ((a === 'float16' && b === 'bfloat16') || (a === 'bfloat16' && b === 'float16')) return 'float32';
    const order: DType[] = ['float16', 'bfloat16', 'float32', 'float64'];
    return order[Math.max(order.indexOf(a), order.indexOf(b))];
  }
  const order: DType[] = ['complex32', 'complex64', 'complex128'];
  return order[Math.max(order.indexOf(a), order.indexOf(b))];
}

/** The complex type whose parts have this float's precision (torch.view_as_complex, polar). */
export function complexOf(d: DType): DType {
  if (d === 'float16') return 'complex32';
  if (d === 'float64') return 'complex128';
  return 'complex64';
}

/** The float type of a complex type's parts (torch.real, abs, view_as_real); others unchanged. */
export function realOf(d: DType): DType {
  if (d === 'complex32') return 'float16';
  if (d === 'complex64') return 'float32';
  if (d === 'complex128') return 'float64';
  return d;
}

/** The default float type (torch.get_default_dtype()). */
export const DEFAULT_FLOAT: DType = 'float32';
