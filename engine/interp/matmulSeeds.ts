// Inputs of an attention written with matmul and no layer before it (attention-is-all-you-need's
// ScaledDotProductAttention: `torch.matmul(q / t, k.transpose(2, 3))`, then `torch.matmul(attn, v)`):
// the product says how the inputs' axes line up, and nothing else says their rank.
import { Dim } from '../shape/dim';
import type { Value } from '../value';

const tensor = (dims: readonly Dim[]): Value => ({ kind: 'tensor', shape: [...dims], dtype: 'float32' });

/**
 * The first operand's candidates in `q @ k.transpose(a, b)`, k an input too: a transpose of its
 * last two axes (`(2, 3)` fixes rank 4, `(-2, -1)` leaves [B, N, D] and [B, H, N, D]). Undefined
 * for any other transpose (it is not attention scores).
 */
export function inputsBeforeTransposedInput(swap: readonly [number, number]): Value[] {
  const [a, b] = [Math.min(...swap), Math.max(...swap)];
  const B = Dim.sym('B'), H = Dim.sym('H'), N = Dim.sym('N'), D = Dim.sym('D');
  if (a === -2 && b === -1) return [tensor([B, N, D]), tensor([B, H, N, D])];
  if (a === 2 && b === 3) return [tensor([B, H, N, D])];
  if (a === 1 && b === 2) return [tensor([B, N, D])];
  return [];
}

/**
 * The right operand of `left @ x` with left known ([..., N, K], rank 2 or more) and x an input:
 * [..., K, fresh], the batch axes left's (the usual case, not a broadcast of ones) and the last a
 * size of its own. Undefined for a left of rank under 2.
 */
export function rightOperandBeside(left: Value, fresh: string): Value | undefined {
  if (left.kind !== 'tensor' || !left.shape || left.shape.length < 2) return undefined;
  const dims = left.shape;
  return tensor([...dims.slice(0, -2), dims[dims.length - 1], Dim.sym(fresh)]);
}

/** The first of `base`, `base2`, `base3`... that no seed has named. */
export function freshSizeName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let k = 2; ; k++) if (!taken.has(`${base}${k}`)) return `${base}${k}`;
}
