// x ** y for floats, correctly rounded as CPython's libm gives it. JavaScript's `**` may differ from
// C's pow in the last bit (V8 and glibc use different algorithms), so a result is only given where
// it can be checked exactly: y a multiple of 1/2 (x ** 2, d ** -0.5), verified with integer
// arithmetic on the neighbouring doubles. Elsewhere the caller gets undefined (Unknown).

/** A finite positive double as mantissa * 2 ** exponent. */
function parts(x: number): [bigint, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const e = Number((bits >> 52n) & 0x7ffn);
  const m = bits & 0xfffffffffffffn;
  return e === 0 ? [m, -1074] : [m | (1n << 52n), e - 1075];
}

function neighbour(x: number, up: boolean): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + (up ? 1n : -1n));
  return view.getFloat64(0);
}

/** Compare a * 2**ea with b * 2**eb (a, b > 0). */
function cmp(a: bigint, ea: number, b: bigint, eb: number): number {
  if (ea > eb) a <<= BigInt(ea - eb);
  else b <<= BigInt(eb - ea);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Where the exact x ** (n / 2) lies against the midpoint of c and its neighbour above: compares
 * mid ** 2 with x ** n (x ** n * mid ** 2 with 1 for negative n), all in integers.
 */
function againstMidpointAbove(x: number, n: number, c: number): number {
  const [mc, ec] = parts(c);
  const [mn, en] = parts(neighbour(c, true));
  // mid = (c + next) / 2, exactly: bring both to the smaller exponent.
  const e = Math.min(ec, en);
  const mid = (mc << BigInt(ec - e)) + (mn << BigInt(en - e));
  const midExp = e - 1;
  const [mx, ex] = parts(x);
  const k = Math.abs(n);
  const xk = mx ** BigInt(k);
  const xkExp = ex * k;
  const mid2 = mid * mid;
  const mid2Exp = 2 * midExp;
  // sign of (x**(n/2) - mid): compare x**n with mid**2 (n > 0) or 1 with x**k * mid**2 (n < 0).
  return n > 0 ? cmp(xk, xkExp, mid2, mid2Exp) : cmp(1n, 0, xk * mid2, xkExp + mid2Exp);
}

/** Correctly rounded |x| ** (n / 2) near the estimate r, or undefined if it cannot be settled. */
function settle(x: number, n: number, r: number): number | undefined {
  let c = r;
  for (let step = 0; step < 4; step++) {
    const above = againstMidpointAbove(x, n, c);
    const below = againstMidpointAbove(x, n, neighbour(c, false));
    if (above > 0) c = neighbour(c, true);
    else if (below < 0) c = neighbour(c, false);
    else {
      // Exactly on a midpoint: round half to even.
      if (above === 0 || below === 0) return undefined;
      return c;
    }
  }
  return undefined;
}

/** x ** y, correctly rounded, for finite x > 0 and y a multiple of 1/2 with |y| <= 1024. */
export function exactPow(x: number, y: number): number | undefined {
  const n = 2 * y;
  if (!(x > 0) || !Number.isInteger(n) || Math.abs(y) > 1024) return undefined;
  const r = x ** y;
  if (!Number.isFinite(r) || r < 1e-290 || r > 1e290) return undefined;
  return settle(x, n, r);
}
