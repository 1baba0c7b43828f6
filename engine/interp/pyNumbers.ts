// Python's int and float conversions and rounding, exactly as CPython does them: round() half to
// even (also at n digits, on the exact decimal value of the double), and int()/float() parsing of
// strings (whitespace, signs, underscores, base prefixes, inf and nan).
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import { bigInt, int } from './pyvalues';

/** CPython's round(x) for a float: half to even. Undefined for inf/nan (it raises). */
export function roundHalfEven(x: number): number | undefined {
  if (!Number.isFinite(x)) return undefined;
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * round(x, n) for a float, as CPython computes it: the exact decimal value of the double rounded
 * half-even at n digits, read back as the nearest double. Undefined outside the range where
 * toFixed gives that exact value.
 */
export function roundFloat(x: number, n: number): number | undefined {
  // inf and nan round to themselves; so does 0.0 (keeping its sign).
  if (!Number.isFinite(x) || x === 0) return x;
  const ax = Math.abs(x);
  if (ax >= 1e21) return n >= 0 ? x : undefined;
  // Below 2**-40 the exact decimal value needs more than toFixed's 100 digits.
  if (ax < 2 ** -40) return undefined;
  if (n > 100) return x;
  if (n < -22) return x * 0;
  const [whole, frac] = ax.toFixed(100).split('.');
  const digits = whole + frac;
  const keep = whole.length + n;
  if (keep < 0) return x * 0;
  const head = digits.slice(0, keep);
  const tail = digits.slice(keep);
  const last = head.length > 0 ? Number(head[head.length - 1]) : 0;
  const up = tail[0] > '5' || (tail[0] === '5' && (/[1-9]/.test(tail.slice(1)) || (last & 1) === 1));
  const kept = BigInt(head || '0') + (up ? 1n : 0n);
  const r = Number(n >= 0 ? `${kept}e-${n}` : `${kept}e${-n}`);
  return x < 0 ? -r : r;
}

/** round(i, n) for an int and a negative n: half to even at 10**-n. */
export function roundInt(i: number, n: number): Value {
  if (n >= 0) return int(i);
  if (n < -22) return int(0);
  const p = 10n ** BigInt(-n);
  const b = BigInt(i);
  let q = b / p;
  let r = b % p;
  if (r < 0n) {
    q -= 1n;
    r += p;
  }
  const twice = 2n * r;
  if (twice > p || (twice === p && (q & 1n) === 1n)) q += 1n;
  return bigInt(q * p);
}

// CPython's whitespace (str.strip()); JavaScript's trim() also strips U+FEFF, which CPython keeps.
const SPACE = '[ \\t\\n\\r\\x0b\\x0c\\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const STRIP = new RegExp(`^${SPACE}+|${SPACE}+$`, 'g');

/**
 * int(s, base) as CPython parses it (whitespace, sign, underscores between digits, prefixes):
 * the int, Unknown past 2**53 or for non-ASCII digits (CPython reads those too), or 'invalid'
 * where CPython raises ValueError.
 */
export function parsePyInt(text: string, base: number): Value | 'invalid' {
  let s = text.replace(STRIP, '');
  if (!/^[\x00-\x7f]*$/.test(s)) return UNKNOWN;
  let sign = 1n;
  if (s[0] === '+' || s[0] === '-') {
    if (s[0] === '-') sign = -1n;
    s = s.slice(1);
  }
  if (base !== 0 && (base < 2 || base > 36)) return 'invalid';
  const prefixes: Record<string, number> = { '0x': 16, '0o': 8, '0b': 2 };
  const p = prefixes[s.slice(0, 2).toLowerCase()];
  if (p !== undefined && (base === 0 || base === p)) {
    base = p;
    s = s.slice(2).replace(/^_/, '');
  } else if (base === 0) {
    if (/^0+(_?0)*$/.test(s)) return int(0);
    if (s[0] === '0') return 'invalid';
    base = 10;
  }
  if (!/^[0-9a-z]+(_[0-9a-z]+)*$/i.test(s)) return 'invalid';
  let n = 0n;
  for (const c of s.replace(/_/g, '').toLowerCase()) {
    const d = parseInt(c, 36);
    if (d >= base) return 'invalid';
    n = n * BigInt(base) + BigInt(d);
  }
  return bigInt(sign * n);
}

/** float(s) as CPython parses it: the float, undefined for non-ASCII text, 'invalid' where CPython raises ValueError. */
export function parsePyFloat(text: string): number | 'invalid' | undefined {
  const s = text.replace(STRIP, '').toLowerCase();
  if (!/^[\x00-\x7f]*$/.test(s)) return undefined;
  const special = /^([+-]?)(inf|infinity|nan)$/.exec(s);
  if (special) return special[2] === 'nan' ? NaN : special[1] === '-' ? -Infinity : Infinity;
  const digits = '[0-9](?:_?[0-9])*';
  const re = new RegExp(`^[+-]?(?:${digits}(?:\\.(?:${digits})?)?|\\.${digits})(?:e[+-]?${digits})?$`);
  return re.test(s) ? Number(s.replace(/_/g, '')) : 'invalid';
}
