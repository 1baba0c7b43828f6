// Arithmetic shared by the reshape family: size inference for view/reshape, slicing bounds,
// legacy tensor type names and result-type promotion with Python scalars.
import { Dim, describeAtLeast } from '../../shape/dim';
import { provablyNonNegative } from '../../shape/nonNegative';
import type { TensorValue, Value } from '../../value';
import { intArg } from '../args';
import { DEFAULT_FLOAT, complexOf, dtypeCategory, promoteTypes, type DType } from '../dtype';
import { fail, giveUp, requireEqual, type OpContext } from '../op';

/** `[2, 3]` as PyTorch prints an IntArrayRef. */
export function listText(dims: readonly (Dim | number)[]): string {
  return `[${dims.map(String).join(', ')}]`;
}

/** Is the (possibly symbolic) size a known -1? Symbolic sizes are taken as non-negative. */
function isMinusOne(d: Dim): boolean {
  return d.value === -1;
}

/**
 * PyTorch's infer_size for view/reshape: one -1 is solved from the element count.
 * `shape '[-1, 400]' is invalid for input of size 256`.
 */
export function inferViewShape(ctx: OpContext, sizes: readonly Dim[], total: Dim): Dim[] {
  let known = Dim.of(1);
  let inferAt = -1;
  sizes.forEach((s, i) => {
    if (isMinusOne(s)) {
      if (inferAt >= 0) fail('view-infer', 'RuntimeError', 'only one dimension can be inferred');
      inferAt = i;
    } else if (s.value !== undefined && s.value < 0) {
      fail('view-size', 'RuntimeError', `invalid shape dimension ${s.value}`);
    } else known = known.mul(s);
  });
  const invalid = (): never => fail('view-size', 'RuntimeError', `shape '${listText(sizes)}' is invalid for input of size ${total}`);
  if (inferAt < 0) {
    requireEqual(ctx, known, total, () => ({ code: 'view-size', exception: 'RuntimeError', message: `shape '${listText(sizes)}' is invalid for input of size ${total}` }));
    return [...sizes];
  }
  const k = known.value;
  const t = total.value;
  if (k !== undefined && t !== undefined) {
    if (k === 0 || t % k !== 0) {
      if (k === 0 && t === 0) {
        fail('view-size', 'RuntimeError', `cannot reshape tensor of 0 elements into shape ${listText(sizes)} because the unspecified dimension size -1 can be any value and is ambiguous`);
      }
      invalid();
    }
    const out = [...sizes];
    out[inferAt] = Dim.of(t / k);
    return out;
  }
  // Symbolic: the quotient is exact when `known` divides `total` term by term (B*64*7*7 / 3136);
  // otherwise the divisibility is an open requirement.
  if (k === 0) giveUp('zero-sized view of a symbolic tensor');
  const q = total.floordiv(known);
  if (q === undefined) return giveUp();
  requireEqual(ctx, q.mul(known), total, () => ({
    code: 'view-size', exception: 'RuntimeError', message: `shape '${listText(sizes)}' is invalid for input of size ${total}`,
  }));
  const out = [...sizes];
  out[inferAt] = q;
  return out;
}

/** Record that symbolic `a >= b` must hold (slicing and narrowing within bounds). */
export function assumeAtLeast(ctx: OpContext, code: string, a: Dim, b: Dim): void {
  const diff = a.sub(b).value;
  if (diff !== undefined) {
    if (diff < 0) giveUp('bound violated');
    return;
  }
  // `H // 16 >= 0` holds for every size: no condition to state; nor does `H` within H padded
  // to a multiple of a window, `-((-H) // ws)*ws >= H`.
  if (provablyNonNegative(a.sub(b))) return;
  // Print `T >= 1` rather than `T - 1 >= 0`: constants move to the right.
  const d = a.sub(b);
  const env: Record<string, number> = {};
  for (const s of d.symbols()) env[s] = 0;
  const c = d.evaluate(env) ?? 0;
  const lhs = d.sub(c);
  const rhs = Dim.of(-c);
  ctx.assumptions.push({ code, lhs, rhs, relation: '>=', message: `needs ${describeAtLeast(lhs, rhs)}` });
}

/**
 * Length of `x[start:stop:step]` along a dimension of `size` (PyTorch's slice: negative bounds
 * wrap, then clamp to [0, size]). With a symbolic size the bounds are assumed to fall inside.
 */
export function sliceLength(ctx: OpContext, size: Dim, start: Dim | undefined, stop: Dim | undefined, step: number): Dim {
  const L = size.value;
  const s = start?.value;
  const e = stop?.value;
  if (L !== undefined && (start === undefined || s !== undefined) && (stop === undefined || e !== undefined)) {
    let a = s ?? 0;
    let b = e ?? L;
    if (a < 0) a += L;
    if (b < 0) b += L;
    a = Math.min(Math.max(a, 0), L);
    b = Math.min(Math.max(b, 0), L);
    if (b < a) b = a;
    return Dim.of(Math.ceil((b - a) / step));
  }
  const wrap = (d: Dim | undefined, dflt: Dim): Dim => {
    if (d === undefined) return dflt;
    const v = d.value;
    if (v !== undefined) return v < 0 ? size.add(v) : d;
    // `x[:, -n:]` with a size `n`: negative for every size, so it wraps as a number would.
    return d.neg().provablyAtLeast(1) ? size.add(d) : d;
  };
  const a = wrap(start, Dim.of(0));
  const b = wrap(stop, size);
  // Only explicit bounds can fall outside; `:` always fits.
  if (start !== undefined) assumeAtLeast(ctx, 'slice-bounds', a, Dim.of(0));
  if (stop !== undefined) assumeAtLeast(ctx, 'slice-bounds', size, b);
  if (start !== undefined || stop !== undefined) assumeAtLeast(ctx, 'slice-bounds', b, a);
  return b.sub(a).add(step - 1).floordiv(step)!;
}

const LEGACY: Record<DType, string> = {
  bool: 'BoolTensor', uint8: 'ByteTensor', int8: 'CharTensor', int16: 'ShortTensor', int32: 'IntTensor',
  int64: 'LongTensor', float16: 'HalfTensor', bfloat16: 'BFloat16Tensor', float32: 'FloatTensor',
  float64: 'DoubleTensor', complex32: 'ComplexHalfTensor', complex64: 'ComplexFloatTensor', complex128: 'ComplexDoubleTensor',
};

/** `torch.FloatTensor` for float32 (Tensor.type() and some error texts). */
export function legacyTypeName(d: DType): string {
  return `torch.${LEGACY[d]}`;
}

export function dtypeFromLegacyName(name: string): DType | undefined {
  // `torch.cuda.FloatTensor` names the same element type on another device.
  const short = name.replace(/^torch\.(cuda\.)?/, '');
  return (Object.keys(LEGACY) as DType[]).find((d) => LEGACY[d] === short);
}

/** An operand of an elementwise op: a tensor (by rank) or a Python number. */
export type Operand = { readonly kind: 'tensor'; readonly dtype: DType; readonly rank: number } | { readonly kind: 'scalar'; readonly dtype: DType };

/** Python scalars as operands: float -> float32 category, int -> int64, bool -> bool. */
export function operandOf(v: Value): Operand {
  if (v.kind === 'tensor') {
    if (v.shape === undefined || v.dtype === undefined) return giveUp('operand');
    return { kind: 'tensor', dtype: v.dtype, rank: v.shape.length };
  }
  if (v.kind === 'float') return { kind: 'scalar', dtype: 'float64' };
  if (v.kind === 'bool') return { kind: 'scalar', dtype: 'bool' };
  if (v.kind === 'int') {
    intArg(v);
    return { kind: 'scalar', dtype: 'int64' };
  }
  return giveUp('operand');
}

/**
 * torch.result_type: dimensioned tensors win over 0-dim tensors, which win over Python scalars,
 * unless a lower tier has a higher category (float over int), which then lifts the result to
 * that tier's type (the default float for a Python float).
 */
export function resultType(ops: readonly Operand[]): DType {
  const tiers: (DType | undefined)[] = [undefined, undefined, undefined];
  for (const o of ops) {
    const tier = o.kind === 'scalar' ? 2 : o.rank === 0 ? 1 : 0;
    let d = o.dtype;
    if (tier === 2 && dtypeCategory(d) === 2) d = DEFAULT_FLOAT;
    if (tier === 2 && dtypeCategory(d) === 3) d = 'complex64';
    tiers[tier] = tiers[tier] === undefined ? d : promoteTypes(tiers[tier]!, d);
  }
  let out: DType | undefined;
  for (const d of tiers) {
    if (d === undefined) continue;
    if (out === undefined) out = d;
    // A complex lower tier makes a float result complex at the float's precision.
    else if (dtypeCategory(d) > dtypeCategory(out)) out = dtypeCategory(d) === 3 && dtypeCategory(out) === 2 ? complexOf(out) : d;
  }
  return out ?? DEFAULT_FLOAT;
}

/**
 * A tensor result that keeps an unknown dtype unknown (args.ts's `tensor` would turn an
 * undefined dtype into the default float).
 */
export function tensor(shape: readonly (Dim | number)[], dtype: DType | undefined): TensorValue {
  return { kind: 'tensor', shape: shape.map(Dim.of), dtype };
}
