// Conditions on sizes that hold only where a size is 1 (`B*(dim // h)*dim*h = B*dim`: a view of
// [B, dim] as [B, dim, h, dim // h]). An assumed input that meets one fits the code only in a
// corner no caller takes, unlike one that meets a divisibility (`dim % h = 0`) or an equation
// between free sizes (`N = h*w`).
import { Dim } from '../shape/dim';

type Term = ReturnType<typeof Dim.termsOf>[number];

/**
 * Whether `lhs = rhs` can hold only where a size of the model (`fixed`: a constructor argument's,
 * not one the seeding may still choose, which a condition `N = 1` merely solves) is 1: both sides a
 * single product; what is left once their common factors are cancelled is, on one side, a positive
 * constant k, and on the other c times a product of sizes none negative, one of them a fixed
 * symbol, with k < 2c: with that symbol at least 2 the product is 0 or at least 2c.
 */
export function holdsOnlyAtSizeOne(lhs: Dim, rhs: Dim, fixed: ReadonlySet<string>): boolean {
  const [l, r] = [Dim.termsOf(lhs), Dim.termsOf(rhs)];
  if (l.length !== 1 || r.length !== 1) return false;
  const [a, b] = cancelled(l[0], r[0]);
  return onlyAboveConstant(a, b, fixed) || onlyAboveConstant(b, a, fixed);
}

/** The factors of each term not in the other (as multisets, by key). */
function cancelled(a: Term, b: Term): [{ coef: number; factors: Term['factors'] }, { coef: number; factors: Term['factors'] }] {
  const rest = [...b.factors];
  const own: Term['factors'][number][] = [];
  for (const f of a.factors) {
    const i = rest.findIndex((g) => g.key === f.key);
    if (i >= 0) rest.splice(i, 1);
    else own.push(f);
  }
  return [{ coef: a.coef, factors: own }, { coef: b.coef, factors: rest }];
}

function onlyAboveConstant(product: { coef: number; factors: Term['factors'] }, constant: { coef: number; factors: Term['factors'] }, fixed: ReadonlySet<string>): boolean {
  if (constant.factors.length > 0 || product.factors.length === 0 || product.coef <= 0) return false;
  const k = constant.coef;
  if (k <= 0 || k >= 2 * product.coef) return false;
  return product.factors.some((f) => f.kind === 'sym' && fixed.has(f.name)) && product.factors.every((f) => Dim.atomDim(f).provablyAtLeast(0));
}
