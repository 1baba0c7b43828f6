// Float x ** y, exp and logarithms correctly rounded, as CPython gets them from the C library.
// JavaScript's Math.pow/exp/log may differ from C's in the last bit (V8 and glibc use different
// algorithms; glibc's are correctly rounded but for astronomically rare cases), so these are
// computed here in 256-bit fixed point (BigInt) and rounded once. A result too close to a rounding
// midpoint to decide, or outside the normal double range, is undefined (Unknown to the caller).

const P = 256n;
const ONE = 1n << P;

const mul = (a: bigint, b: bigint): bigint => (a * b) >> P;
const div = (a: bigint, b: bigint): bigint => (a << P) / b;

/** atanh(t) for a fixed-point |t| <= 1/3: t + t^3/3 + t^5/5 + ... */
function atanh(t: bigint): bigint {
  const t2 = mul(t, t);
  let sum = 0n;
  let term = t;
  for (let k = 1n; term !== 0n; k += 2n) {
    sum += term / k;
    term = mul(term, t2);
  }
  return sum;
}

const LN2 = 2n * atanh(ONE / 3n);

/** A finite double > 0 as mantissa * 2 ** exponent, the mantissa normalised to 53 bits. */
function parts(x: number): [bigint, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const e = Number((bits >> 52n) & 0x7ffn);
  const m = bits & 0xfffffffffffffn;
  if (e !== 0) return [m | (1n << 52n), e - 1075];
  const shift = 53 - m.toString(2).length;
  return [m << BigInt(shift), -1074 - shift];
}

/** ln(x) in fixed point, for a finite x > 0: ln(m) + e ln 2, with ln(m) = 2 atanh((m-1)/(m+1)). */
function ln(x: number): bigint {
  const [m, e] = parts(x);
  const mf = m << (P - 52n); // m / 2**52, in [1, 2)
  return 2n * atanh(div(mf - ONE, mf + ONE)) + BigInt(e + 52) * LN2;
}

const LN10 = ln(10);

/** exp(z) for a fixed-point z, as [fraction in fixed point, power of two]. */
function exp(z: bigint): [bigint, number] {
  // z = k ln 2 + r with |r| <= ln 2 / 2; exp(r) = exp(r / 2**16) ** (2**16).
  const num = 2n * z + LN2;
  const k = num / (2n * LN2) - (num < 0n && num % (2n * LN2) !== 0n ? 1n : 0n);
  const r = (z - k * LN2) >> 16n;
  let sum = ONE;
  let term = ONE;
  for (let n = 1n; term !== 0n; n++) {
    term = mul(term, r) / n;
    sum += term;
  }
  for (let i = 0; i < 16; i++) sum = mul(sum, sum);
  return [sum, Number(k)];
}

/**
 * The double nearest to v / 2**P * 2**k (v > 0), or undefined when v's error (below 2**-150 of
 * it) leaves the rounding undecided, or the result is not a normal double.
 */
function round(v: bigint, k: number): number | undefined {
  if (v <= 0n) return undefined;
  const bits = v.toString(2).length;
  const drop = BigInt(bits - 53);
  const low = v & ((1n << drop) - 1n);
  const half = 1n << (drop - 1n);
  const err = (v >> 150n) + 1n;
  if (low - half < err && half - low < err) return undefined;
  let mantissa = (v >> drop) + (low > half ? 1n : 0n);
  let exponent = bits - 53 - Number(P) + k;
  if (mantissa === 1n << 53n) {
    mantissa >>= 1n;
    exponent += 1;
  }
  const top = exponent + 52;
  if (top > 1023 || top < -1022) return undefined;
  return Number(mantissa) * 2 ** exponent;
}

/** A signed fixed-point value to the nearest double (0 stays 0). */
function roundSigned(v: bigint): number | undefined {
  if (v === 0n) return 0;
  const r = round(v < 0n ? -v : v, 0);
  return r === undefined ? undefined : v < 0n ? -r : r;
}

/** |x| ** y for finite x != 0 and y, correctly rounded (the caller gives the sign and the special cases). */
export function powAbs(x: number, y: number): number | undefined {
  const ax = Math.abs(x);
  if (ax === 1) return 1;
  const [my, ey] = parts(Math.abs(y));
  if (ey + 53 > 64) return undefined; // |y| past 2**64: too little precision left in y * ln(x)
  const product = ln(ax) * my;
  let z = ey >= 0 ? product << BigInt(ey) : product >> BigInt(-ey);
  if (y < 0) z = -z;
  // exp overflows or underflows a double long before |z| = 800.
  if (z > 800n * ONE || z < -800n * ONE) return undefined;
  const [fraction, k] = exp(z);
  return round(fraction, k);
}

export function expRounded(x: number): number | undefined {
  if (!Number.isFinite(x) || Math.abs(x) > 800) return undefined;
  if (x === 0) return 1;
  const [m, e] = parts(Math.abs(x));
  const z = e + Number(P) >= 0 ? m << BigInt(e + Number(P)) : m >> BigInt(-(e + Number(P)));
  const [fraction, k] = exp(x < 0 ? -z : z);
  return round(fraction, k);
}

/** ln(x), log2(x), log10(x) for a finite x > 0, correctly rounded (glibc's log10 is not). */
export function logRounded(x: number, base: 'e' | 2 | 10): number | undefined {
  if (!(x > 0) || !Number.isFinite(x)) return undefined;
  const l = ln(x);
  return roundSigned(base === 'e' ? l : div(l, base === 2 ? LN2 : LN10));
}
