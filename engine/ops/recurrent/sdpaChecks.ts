// The checks PyTorch 2's scaled_dot_product_attention makes before it picks a backend, with their
// texts from pytorch/pytorch aten/src/ATen/native/transformers/attention.cpp (validate_sdpa_input,
// run first by scaled_dot_product_attention on every backend; pre_process_group_query_attention_input
// for enable_gqa). Shape mismatches past these checks fail with backend-dependent texts: no hint.
import { Dim } from '../../shape/dim';
import type { TensorArg } from '../args';
import type { DType } from '../dtype';
import { fail, giveUp, requireEqual, type OpContext } from '../op';

/**
 * How a caffe2::TypeMeta prints (`query.dtype()` in those messages). Checked against PyTorch
 * 1.13's own printing of the same TypeMeta (lerp's "expected dtype float for `end` but got dtype
 * c10::Half"), which gcc builds of PyTorch 2 share.
 */
const TYPE_META: Readonly<Record<DType, string>> = {
  bool: 'bool', uint8: 'unsigned char', int8: 'signed char', int16: 'short int', int32: 'int', int64: 'long int',
  float16: 'c10::Half', bfloat16: 'c10::BFloat16', float32: 'float', float64: 'double',
  complex32: 'c10::complex<c10::Half>', complex64: 'c10::complex<float>', complex128: 'c10::complex<double>',
};

/** validate_sdpa_input: same dtype, at least 2-D, a bool/float/query-typed mask. */
export function checkSdpaInputs(q: TensorArg, k: TensorArg, v: TensorArg, mask: TensorArg | undefined): void {
  const [dq, dk, dv] = [q.dtype, k.dtype, v.dtype];
  if (dq !== undefined && dk !== undefined && dv !== undefined && (dq !== dk || dq !== dv)) {
    fail('sdpa-dtype', 'RuntimeError',
      `Expected query, key, and value to have the same dtype, but got query.dtype: ${TYPE_META[dq]} key.dtype: ${TYPE_META[dk]} and value.dtype: ${TYPE_META[dv]} instead.`);
  }
  if (q.shape.length < 2 || k.shape.length < 2 || v.shape.length < 2) {
    // The double space after "be" is PyTorch's.
    fail('sdpa-rank', 'RuntimeError',
      `Expected query, key, and value to all be  at least 2 dimensional, but got query.dim: ${q.shape.length} key.dim: ${k.shape.length} and value.dim: ${v.shape.length} instead.`);
  }
  if (mask && mask.dtype !== undefined && dq !== undefined && mask.dtype !== 'bool' && mask.dtype !== 'float32' && mask.dtype !== dq) {
    // Two spaces before "query.dtype", as in PyTorch.
    fail('sdpa-mask-dtype', 'RuntimeError',
      `Expected attn_mask dtype to be bool or float or to match query dtype, but got attn_mask.dtype: ${TYPE_META[mask.dtype]} and  query.dtype: ${TYPE_META[dq]} instead.`);
  }
}

/**
 * enable_gqa: key and value heads must divide the query heads. PyTorch's message ends
 * mid-sentence ("... the number of heads in "); this is its text as written.
 */
export function checkGqaHeads(ctx: OpContext, hq: Dim, hk: Dim, hv: Dim): void {
  if (hq.equals(hk) === 'yes' && hk.equals(hv) === 'yes') return;
  const error = { code: 'sdpa-gqa-heads', exception: 'RuntimeError', message: 'Number of heads in key and value must divide the number of heads in ' };
  for (const h of [hk, hv]) {
    const rem = hq.mod(h) ?? giveUp('zero heads');
    requireEqual(ctx, rem, Dim.of(0), () => error);
  }
}

/** Two sizes the math must match: a certain mismatch gives no hint, an open one a condition. */
export function sameOrOpen(ctx: OpContext, a: Dim, b: Dim): void {
  const t = a.equals(b);
  if (t === 'yes') return;
  if (t === 'no') giveUp('attention shapes do not match (message depends on the backend)');
  ctx.assumptions.push({ code: 'sdpa-shapes', lhs: a, rhs: b, message: `needs ${a} = ${b}` });
}
