// Whether a size is provably not negative where Dim.provablyAtLeast, which relaxes every
// subtracted floor division at once, gives up: a padding to a multiple of a window computed from
// an already divided size, `(8 - ((H + 3) // 4) % 8) % 8`, is `-8*((-y) // 8) - y` for
// y = (H + 3) // 4, and only the outer division may be relaxed (`-8*((-y) // 8) >= y`).
import { Dim } from './dim';

type Term = ReturnType<typeof Dim.termsOf>[number];

/** `c*(n // q)` with c < 0 and a known q > 0. */
function subtractedDivision(t: Term): { num: Dim; q: number } | undefined {
  const a = t.factors[0];
  if (t.coef >= 0 || t.factors.length !== 1 || a.kind !== 'floordiv') return undefined;
  const q = a.den.value;
  return q !== undefined && q > 0 ? { num: a.num, q } : undefined;
}

/**
 * `c*(n // w)*w` with c < 0 and a symbolic divisor w >= 1 (a window size given as an argument,
 * `(ws - W % ws) % ws` is `-((-W) // ws)*ws - W`): at least c*n. Returns c*n.
 */
function subtractedMultipleOfDivision(t: Term): Dim | undefined {
  const i = t.factors.findIndex((a) => a.kind === 'floordiv');
  const a = t.factors[i];
  if (t.coef >= 0 || a?.kind !== 'floordiv' || a.den.isKnown || !a.den.provablyAtLeast(1)) return undefined;
  let rest = Dim.of(1);
  t.factors.forEach((f, j) => { if (j !== i) rest = rest.mul(Dim.atomDim(f)); });
  return rest.equals(a.den) === 'yes' ? a.num.mul(t.coef) : undefined;
}

/**
 * `c*ceil(n / w)*w` with c > 0 (a length rounded up to a multiple of a window, lucidrains'
 * `ceil(seq_len / mult) * mult`), or `c*ceil(n / q)` with q dividing c: at least c*n (c*n/q).
 * Returns that bound.
 */
function addedCeilMultiple(t: Term): Dim | undefined {
  const i = t.factors.findIndex((a) => a.kind === 'ceildiv');
  const a = t.factors[i];
  if (t.coef <= 0 || a?.kind !== 'ceildiv' || !a.den.provablyAtLeast(1)) return undefined;
  let rest = Dim.of(1);
  t.factors.forEach((f, j) => { if (j !== i) rest = rest.mul(Dim.atomDim(f)); });
  if (rest.equals(a.den) === 'yes') return a.num.mul(t.coef);
  const q = a.den.value;
  return rest.value === 1 && q !== undefined && t.coef % q === 0 ? a.num.mul(t.coef / q) : undefined;
}

/**
 * d >= 0, proven by Dim itself or by relaxing one subtracted floor division alone:
 * c*(n // q) >= c*n/q, so q*d >= q*(the other terms) + c*n, which must be provably >= 0; and
 * c*(n // w)*w >= c*n for a symbolic w, so d >= (the other terms) + c*n (and c*ceil(n / w)*w >= c*n).
 */
export function provablyNonNegative(d: Dim): boolean {
  if (d.provablyAtLeast(0)) return true;
  const terms = Dim.termsOf(d);
  return allRelaxed(terms) || terms.some((t) => {
    const multiple = subtractedMultipleOfDivision(t) ?? addedCeilMultiple(t);
    if (multiple) {
      let rest = multiple;
      for (const u of terms) if (u !== t) rest = rest.add(Dim.build([u]));
      return rest.provablyAtLeast(0);
    }
    const div = subtractedDivision(t);
    if (div) {
      let scaled = div.num.mul(t.coef);
      for (const u of terms) if (u !== t) scaled = scaled.add(Dim.build([u]).mul(div.q));
      return scaled.provablyAtLeast(0);
    }
    // An added one, as a padding up to a multiple writes it (`p - W % p` is `p - W + p*(W // p)`):
    // c*(n // q) >= c*(n - q + 1)/q for c > 0.
    const added = addedDivision(t);
    if (!added) return false;
    let scaled = added.num.sub(added.q - 1).mul(t.coef);
    for (const u of terms) if (u !== t) scaled = scaled.add(Dim.build([u]).mul(added.q));
    return scaled.provablyAtLeast(0);
  });
}

/** `c*(n // q)` with c > 0 and a known q > 0. */
function addedDivision(t: Term): { num: Dim; q: number } | undefined {
  const a = t.factors[0];
  if (t.coef <= 0 || t.factors.length !== 1 || a.kind !== 'floordiv') return undefined;
  const q = a.den.value;
  return q !== undefined && q > 0 ? { num: a.num, q } : undefined;
}

/**
 * Every division relaxed at once, each to its bound (`(-W) // 4 - 7*((-W) // 28)`, a window's
 * padding of a size already divided by 4, is at least -3/4): an integer above -1 is not negative.
 */
function allRelaxed(terms: readonly Term[]): boolean {
  if (!terms.every((t) => Number.isInteger(t.coef))) return false;
  const divisions = terms.map((t) => subtractedDivision(t) ?? addedDivision(t));
  const scale = divisions.reduce((q, div) => q * (div?.q ?? 1), 1);
  if (scale === 1 || scale > 1e6) return false;
  let bound = Dim.of(0);
  terms.forEach((t, i) => {
    const div = divisions[i];
    // c*(n // q) >= c*n/q for c < 0, c*(n - q + 1)/q for c > 0: scaled by every q.
    const relaxed = !div ? Dim.build([t]).mul(scale) : (t.coef < 0 ? div.num : div.num.sub(div.q - 1)).mul(t.coef * (scale / div.q));
    bound = bound.add(relaxed);
  });
  return bound.provablyAtLeast(1 - scale);
}
