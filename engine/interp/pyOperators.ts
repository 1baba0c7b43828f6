// Python's operators on plain values, as CPython computes them: arithmetic on ints (symbolic dims)
// and floats, sequence, set and dict operators, in-place forms, equality, ordering, `is` and `in`.
// Tensor operands are left to the op registry. Where CPython would raise, or a result is not known
// exactly (an int past 2**53, a float ** CPython's libm may round differently), the answer is
// Unknown: never a different value.
import { Dim } from '../shape/dim';
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import type { BinaryOp, CompareOp } from './ir';
import { DeviceObj, DictObj, obj, refOf } from './objects';
import {
  DictViewObj, IteratorObj, MAX_ITEMS, RangeObj, SetObj, setOf, bigInt, bool, dictSet, float, forgetContents, int, intOf, isOpaque, keyOf, listOf, mutableItems,
  numberOf, repeatedListOf, sameValue, str, tupleOf, SOME_FLOAT, isSomeFloat, ratioFloat, ratioOf, classIdentity, tensorTypeBesideBuiltin,
} from './pyvalues';
import { percentFormat } from './pyStrings';
import { enumMemberValue } from './enums';
import { powAbs } from './floatMath';

function asDim(v: Value): Dim | undefined {
  if (v.kind === 'int') return v.dim;
  if (v.kind === 'bool') return Dim.of(v.value ? 1 : 0);
  return undefined;
}

/** Arithmetic on Python scalars and sequences; undefined means "not a scalar case". */
export function scalarBinary(op: BinaryOp, a: Value, b: Value): Value | undefined {
  if (isOpaque(a) || isOpaque(b)) return UNKNOWN;
  const da = asDim(a);
  const db = asDim(b);
  // A float of unknown value, or true division of a symbolic size, is still a float; where it
  // is a size times a rational number it stays exact (`c2 * 0.5`, `dim * 4.0`, `C / 2`).
  const numeric = (v: Value): boolean => v.kind === 'int' || v.kind === 'bool' || v.kind === 'float';
  if (numeric(a) && numeric(b) && ['+', '-', '*', '/', '**', '//', '%'].includes(op)) {
    const symbolic = (da !== undefined && da.value === undefined) || (db !== undefined && db.value === undefined) || isSomeFloat(a) || isSomeFloat(b);
    if (symbolic && (op === '/' || a.kind === 'float' || b.kind === 'float')) {
      const ra = ratioOf(a);
      const rb = ratioOf(b);
      if (ra && rb && op === '*') return ratioFloat(ra.num.mul(rb.num), ra.den * rb.den);
      if (ra && rb && op === '/' && rb.num.isKnown && rb.num.value !== 0) {
        const n = rb.num.value!;
        return ratioFloat(ra.num.mul(rb.den * Math.sign(n)), ra.den * Math.abs(n));
      }
      if (ra && rb && op === '/' && ra.den === 1 && rb.den === 1) return { kind: 'float', value: Number.NaN, unknown: true, quotient: { num: ra.num, den: rb.num } };
      // A sum of ratios is one over the product of their denominators (`channels / 16 + 0.5`,
      // timm's make_divisible: `int(v + divisor / 2)` is then a floor division of sizes).
      if (ra && rb && (op === '+' || op === '-')) {
        const other = op === '+' ? rb.num.mul(ra.den) : rb.num.mul(-ra.den);
        return ratioFloat(ra.num.mul(rb.den).add(other), ra.den * rb.den);
      }
      return SOME_FLOAT;
    }
  }
  if (da && db) return intBinary(op, da, db, a.kind === 'bool' && b.kind === 'bool');
  if ((a.kind === 'float' || b.kind === 'float') && (da || a.kind === 'float') && (db || b.kind === 'float')) {
    const fa = numberOf(a);
    const fb = numberOf(b);
    return fa === undefined || fb === undefined ? UNKNOWN : floatBinary(op, fa, fb);
  }
  return sequenceBinary(op, a, b, da, db);
}

/** Values whose Python type is known and has no user-defined operators. */
function isPlain(v: Value): boolean {
  return plainType(v) !== undefined;
}

/**
 * The exception CPython certainly raises for `a op b`: a TypeError between plain values with no
 * such operator (`'a' * 'b'`, `None + 1`, `[1] + (2,)`), or ZeroDivisionError for a known zero
 * divisor. (`a += b` on a list takes any iterable.)
 */
export function scalarRaises(op: BinaryOp, a: Value, b: Value, inplace = false): 'TypeError' | 'ZeroDivisionError' | undefined {
  if (!isPlain(a) || !isPlain(b)) return undefined;
  const numeric = (v: Value): boolean => v.kind === 'int' || v.kind === 'bool' || v.kind === 'float';
  if ((op === '/' || op === '//' || op === '%') && numeric(a) && numeric(b) && numberOf(b) === 0) return 'ZeroDivisionError';
  if (inplace && a.kind === 'list' && op === '+') return undefined;
  return scalarBinary(op, a, b) === undefined ? 'TypeError' : undefined;
}

function intBinary(op: BinaryOp, da: Dim, db: Dim, bools: boolean): Value {
  const x = da.value;
  const y = db.value;
  switch (op) {
    case '+': return int(da.add(db));
    case '-': return int(da.sub(db));
    case '*': return int(da.mul(db));
    case '//':
    case '%': {
      if (y === 0) return UNKNOWN;
      const r = op === '//' ? da.floordiv(db) : da.mod(db);
      return r ? int(r) : UNKNOWN;
    }
    case '/': return x !== undefined && y !== undefined && y !== 0 ? float(x / y) : UNKNOWN;
    case '**': return intPow(da, db);
    case '<<': case '>>': case '&': case '|': case '^': {
      if (x === undefined || y === undefined) return UNKNOWN;
      const r = bitwise(op, BigInt(x), BigInt(y));
      if (r === undefined) return UNKNOWN;
      // bool & bool is a bool; any int operand makes it an int.
      return bools && op !== '<<' && op !== '>>' ? bool(r !== 0n) : bigInt(r);
    }
    default: return UNKNOWN;
  }
}

function bitwise(op: '<<' | '>>' | '&' | '|' | '^', x: bigint, y: bigint): bigint | undefined {
  switch (op) {
    case '<<': return y < 0n ? undefined : x === 0n ? 0n : y > 64n ? undefined : x << y;
    case '>>': return y < 0n ? undefined : y > 64n ? (x < 0n ? -1n : 0n) : x >> y;
    case '&': return x & y;
    case '|': return x | y;
    case '^': return x ^ y;
  }
}

/** `int ** int`: an int for a non-negative exponent (exact, or Unknown past 2**53), else a float. */
function intPow(base: Dim, exp: Dim): Value {
  const x = base.value;
  const y = exp.value;
  // `2 ** dim` of a size is a size: a known base to a symbolic power (Dim.pow).
  if (y === undefined) {
    const p = exp.provablyAtLeast(0) ? Dim.pow(base, exp) : undefined;
    return p ? int(p) : UNKNOWN;
  }
  if (y >= 0) {
    if (x === undefined) {
      // A symbolic size squared or cubed stays an expression; higher powers are not sizes.
      if (y > 8) return UNKNOWN;
      let r = Dim.of(1);
      for (let i = 0; i < y; i++) r = r.mul(base);
      return int(r);
    }
    if (y === 0 || x === 1) return int(1);
    if (x === 0) return int(0);
    if (x === -1) return int(y % 2 === 0 ? 1 : -1);
    return y > 64 ? UNKNOWN : bigInt(BigInt(x) ** BigInt(y));
  }
  if (x === 0) return UNKNOWN; // 0 ** -1 raises ZeroDivisionError
  // `dim ** -1` of a size: a float of unknown value (a size is never 0 where it is provably at least 1).
  if (x === undefined) return base.provablyAtLeast(1) ? SOME_FLOAT : UNKNOWN;
  return floatPow(x, y);
}

/**
 * CPython's float `**`: raises (Unknown here) for 0 ** negative, overflow, and complex results;
 * otherwise the correctly rounded power (floatMath.ts).
 */
export function floatPow(x: number, y: number): Value {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return UNKNOWN;
  if (y === 0) return float(1);
  if (x === 0) return y < 0 ? UNKNOWN : float(x ** y);
  if (x < 0 && !Number.isInteger(y)) return UNKNOWN;
  const magnitude = powAbs(x, y);
  if (magnitude === undefined) return UNKNOWN;
  return float(x < 0 && Math.abs(y) % 2 === 1 ? -magnitude : magnitude);
}

/** CPython's float `%` (float_rem): the sign of the divisor. */
export function floatMod(x: number, y: number): number {
  let mod = x % y;
  if (mod) {
    if (y < 0 !== mod < 0) mod += y;
  } else mod = y < 0 ? -0 : 0;
  return mod;
}

/** CPython's float `//` (float_floor_div via _float_div_mod). */
export function floatFloorDiv(x: number, y: number): number {
  let mod = x % y;
  let div = (x - mod) / y;
  if (mod) {
    if (y < 0 !== mod < 0) {
      mod += y;
      div -= 1;
    }
  }
  if (div) {
    let floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
    return floordiv;
  }
  return x / y < 0 || Object.is(x / y, -0) ? -0 : 0;
}

function floatBinary(op: BinaryOp, x: number, y: number): Value {
  switch (op) {
    case '+': return float(x + y);
    case '-': return float(x - y);
    case '*': return float(x * y);
    case '/': return y === 0 ? UNKNOWN : float(x / y);
    case '//': return y === 0 || !Number.isFinite(x) || !Number.isFinite(y) ? UNKNOWN : float(floatFloorDiv(x, y));
    case '%': return y === 0 || !Number.isFinite(x) || !Number.isFinite(y) ? UNKNOWN : float(floatMod(x, y));
    case '**': return floatPow(x, y);
    default: return UNKNOWN;
  }
}

const MAX_REPEAT = MAX_ITEMS;

function sequenceBinary(op: BinaryOp, a: Value, b: Value, da: Dim | undefined, db: Dim | undefined): Value | undefined {
  if (a.kind === 'str' && b.kind === 'str' && op === '+') return str(a.value + b.value);
  if (a.kind === 'str' && op === '%') return percentFormat(a.value, b);
  if ((a.kind === 'list' || a.kind === 'tuple') && op === '+' && b.kind === a.kind) {
    return a.kind === 'list' ? listOf([...a.items, ...b.items]) : tupleOf([...a.items, ...b.items]);
  }
  if (op === '*' && (db || da)) {
    const [seq, count] = db ? [a, db] : [b, da!];
    if (seq.kind !== 'str' && seq.kind !== 'list' && seq.kind !== 'tuple') return undefined;
    const n = count.value;
    // `['FA'] * depth`, the count not known: a list of any length, each item that one.
    if (n === undefined) return seq.kind === 'list' && seq.items.length > 0 && seq.items.every((x) => sameValue(x, seq.items[0])) ? repeatedListOf(seq.items[0]) : UNKNOWN;
    const len = seq.kind === 'str' ? seq.value.length : seq.items.length;
    if (Math.max(n, 0) * len > MAX_REPEAT) return UNKNOWN;
    if (seq.kind === 'str') return str(seq.value.repeat(Math.max(n, 0)));
    const items: Value[] = [];
    for (let i = 0; i < n; i++) items.push(...seq.items);
    return seq.kind === 'list' ? listOf(items) : tupleOf(items);
  }
  // `d.keys() - {'a'}`, `['a'] | d.keys()`: a keys or items view takes any iterable, as a set.
  const viewA = refOf(a, DictViewObj);
  const viewB = refOf(b, DictViewObj);
  if ((viewA || viewB) && (op === '|' || op === '&' || op === '-' || op === '^')) {
    if (viewA?.kind === 'values' || viewB?.kind === 'values') return undefined;
    const asSet = (v: Value): SetObj | 'not iterable' | undefined => {
      const s = setLike(v);
      if (s) return s;
      if (v.kind === 'list' || v.kind === 'tuple') return refOf(setOf(v.items), SetObj);
      if (v.kind === 'str') return refOf(setOf([...v.value].map(str)), SetObj);
      return v.kind === 'int' || v.kind === 'float' || v.kind === 'bool' || v.kind === 'none' ? 'not iterable' : undefined;
    };
    const left = asSet(a);
    const right = asSet(b);
    if (left === 'not iterable' || right === 'not iterable') return undefined;
    return left && right ? setAlgebra(op, left, right) : UNKNOWN;
  }
  const sa = refOf(a, SetObj);
  const sb = refOf(b, SetObj);
  if (sa && sb) return setAlgebra(op, sa, sb);
  const ma = refOf(a, DictObj);
  const mb = refOf(b, DictObj);
  if (ma && mb && op === '|') {
    const d = new DictObj();
    for (const [k, e] of [...ma.entries, ...mb.entries]) {
      const old = d.entries.get(k);
      d.entries.set(k, [old ? old[0] : e[0], e[1]]);
    }
    return obj(d);
  }
  return undefined;
}

/** A set, or a keys/items view as the set of its items (undefined if one is not hashable). */
function setLike(v: Value): SetObj | undefined {
  const s = refOf(v, SetObj);
  if (s) return s;
  const view = refOf(v, DictViewObj);
  return view && view.kind !== 'values' ? refOf(setOf(view.items()), SetObj) : undefined;
}

/** `a | b`, `a & b`, `a - b`, `a ^ b` on sets. */
function setAlgebra(op: BinaryOp, a: SetObj, b: SetObj): Value {
  const out = new SetObj();
  const keep = (k: string, v: Value): void => void (out.items.has(k) || out.items.set(k, v));
  if (op === '|') {
    for (const [k, v] of a.items) keep(k, v);
    for (const [k, v] of b.items) keep(k, v);
  } else if (op === '&') {
    for (const [k, v] of a.items) if (b.items.has(k)) keep(k, v);
  } else if (op === '-') {
    for (const [k, v] of a.items) if (!b.items.has(k)) keep(k, v);
  } else if (op === '^') {
    for (const [k, v] of a.items) if (!b.items.has(k)) keep(k, v);
    for (const [k, v] of b.items) if (!a.items.has(k)) keep(k, v);
  } else return UNKNOWN;
  return obj(out);
}

/**
 * `a op= b` where Python mutates `a` in place (lists, sets, dicts: every alias sees it). Returns
 * the updated `a`, or undefined when it is not an in-place case (then `a = a op b` applies).
 */
export function inplaceBinary(op: BinaryOp, a: Value, b: Value, iterate: (v: Value) => Value[] | undefined): Value | undefined {
  if (a.kind === 'list') {
    const items = mutableItems(a);
    if (op === '+') {
      const iterable = b.kind === 'str' || b.kind === 'list' || b.kind === 'tuple' || refOf(b, DictObj) || refOf(b, RangeObj) || refOf(b, IteratorObj) || refOf(b, SetObj);
      if (!iterable && b.kind !== 'unknown') return undefined;
      const more = iterable && !refOf(b, SetObj) ? iterate(b) : undefined;
      // `xs += ys` with ys not known: xs is still the same list, its contents unknown.
      if (!more) forgetContents(a);
      else items.push(...more);
      return a;
    }
    if (op === '*') {
      const n = intOf(b);
      if (n === undefined || Math.max(n, 0) * items.length > MAX_REPEAT) {
        if (b.kind !== 'int' && b.kind !== 'bool' && b.kind !== 'unknown') return undefined;
        forgetContents(a);
        return a;
      }
      const once = [...items];
      items.length = 0;
      for (let i = 0; i < n; i++) items.push(...once);
      return a;
    }
    return undefined;
  }
  const sa = refOf(a, SetObj);
  const sb = refOf(b, SetObj);
  if (sa && sb && (op === '|' || op === '&' || op === '-' || op === '^')) {
    if (isOpaque(a) || isOpaque(b)) {
      forgetContents(a);
      return a;
    }
    const r = refOf(setAlgebra(op, sa, sb), SetObj)!;
    sa.items.clear();
    for (const [k, v] of r.items) sa.items.set(k, v);
    return a;
  }
  const da = refOf(a, DictObj);
  const db = refOf(b, DictObj);
  if (da && db && op === '|') {
    if (isOpaque(b)) forgetContents(a);
    else for (const [, [k, v]] of db.entries) dictSet(da, k, v);
    return a;
  }
  return undefined;
}

/** The Python type a value of a plain kind has (for equality across types). */
function plainType(v: Value): string | undefined {
  switch (v.kind) {
    case 'int': case 'float': case 'bool': return 'number';
    case 'str': case 'none': case 'tuple': case 'list': return v.kind;
    case 'object': return refOf(v, DictObj) ? 'dict' : refOf(v, SetObj) ? 'set' : refOf(v, RangeObj) ? 'range' : refOf(v, DictViewObj) ? `view:${refOf(v, DictViewObj)!.kind}` : undefined;
    default: return undefined;
  }
}

function allEqual(pairs: Iterable<readonly [Value, Value]>): boolean | undefined {
  let all: boolean | undefined = true;
  for (const [x, y] of pairs) {
    const e = valuesEqual(x, y);
    if (e === false) return false;
    if (e === undefined) all = undefined;
  }
  return all;
}

/** Structural equality of known values; undefined when it cannot be decided. */
export function valuesEqual(a: Value, b: Value): boolean | undefined {
  if (isOpaque(a) || isOpaque(b)) return undefined;
  // Enum members: one equals only itself, or (a str or int mixin) its value.
  const ea = enumMemberValue(a);
  const eb = enumMemberValue(b);
  if (ea && eb) return ea.member === eb.member;
  const e = ea ?? eb;
  if (e) {
    const other = ea ? b : a;
    if (e.mixin) return valuesEqual(e.value, other);
    return other.kind === 'object' || other.kind === 'unknown' ? undefined : false;
  }
  if (refOf(a, DeviceObj) || refOf(b, DeviceObj)) return a.kind === 'object' && b.kind === 'object' && a.ref === b.ref ? true : undefined;
  const da = asDim(a);
  const db = asDim(b);
  if (da && db) {
    const t = da.equals(db);
    return t === 'unknown' ? undefined : t === 'yes';
  }
  const fa = numberOf(a);
  const fb = numberOf(b);
  if (fa !== undefined && fb !== undefined) return fa === fb;
  if (a.kind === 'str' && b.kind === 'str') return a.value === b.value;
  if (a.kind === 'none' && b.kind === 'none') return true;
  if ((a.kind === 'tuple' || a.kind === 'list') && a.kind === b.kind) {
    if (a.items.length !== b.items.length) return false;
    return allEqual(a.items.map((x, i) => [x, b.items[i]] as const));
  }
  if (a.kind === 'dtype' && b.kind === 'dtype') return a.dtype === b.dtype;
  const ma = refOf(a, DictObj);
  const mb = refOf(b, DictObj);
  if (ma && mb) {
    if (ma.entries.size !== mb.entries.size) return false;
    const pairs: [Value, Value][] = [];
    for (const [k, [, v]] of ma.entries) {
      const other = mb.entries.get(k);
      if (!other) return false;
      pairs.push([v, other[1]]);
    }
    return allEqual(pairs);
  }
  // Sets, and keys/items views, are equal when they hold the same items; a values view only to itself.
  const sa = setLike(a);
  const sb = setLike(b);
  if (sa && sb) return sa.items.size === sb.items.size && [...sa.items.keys()].every((k) => sb.items.has(k));
  if (refOf(a, DictViewObj) || refOf(b, DictViewObj)) return a.kind === 'unknown' || b.kind === 'unknown' ? undefined : a.kind === 'object' && b.kind === 'object' && a.ref === b.ref;
  const ra = refOf(a, RangeObj);
  const rb = refOf(b, RangeObj);
  // Ranges are equal when they hold the same ints (range(0) == range(5, 2)).
  if (ra && rb) return ra.length === rb.length && (ra.length === 0 || (ra.start === rb.start && (ra.length === 1 || ra.step === rb.step)));
  if (a.kind === 'object' && b.kind === 'object' && a.ref === b.ref) return true;
  // Classes compare by identity (a metaclass's __eq__ aside).
  const same = sameClass(a, b);
  if (same !== undefined) return same;
  // An iterator equals only itself.
  if ((refOf(a, IteratorObj) || refOf(b, IteratorObj)) && a.kind !== 'unknown' && b.kind !== 'unknown') return false;
  // Plain values of different types (a str and a list, None and 0) are never equal.
  const ta = plainType(a);
  const tb = plainType(b);
  if (ta && tb && ta !== tb) return false;
  // None and strings equal nothing else (a user class's __eq__ aside).
  const plainSide = a.kind === 'none' || a.kind === 'str' || b.kind === 'none' || b.kind === 'str';
  if (plainSide && a.kind !== 'unknown' && b.kind !== 'unknown') return false;
  return undefined;
}

/** Identity (`is`) where CPython's answer does not depend on caching or interning. */
function sameObject(a: Value, b: Value): boolean | undefined {
  if (a.kind === 'unknown' || b.kind === 'unknown') return undefined;
  if ((a.kind === 'tensor' && a.maybeNone) || (b.kind === 'tensor' && b.maybeNone)) return a.kind === 'none' || b.kind === 'none' ? undefined : a === b ? true : undefined;
  if (a.kind === 'none' || b.kind === 'none') return a.kind === b.kind;
  if (a.kind === 'tensor' || b.kind === 'tensor') return a === b ? true : a.kind === b.kind ? undefined : false;
  if (a.kind === 'bool' && b.kind === 'bool') return a.value === b.value;
  if (a.kind === 'bool' || b.kind === 'bool') return false;
  const ta = plainType(a);
  const tb = plainType(b);
  if (ta && tb && (ta !== tb || (ta === 'number' && a.kind !== b.kind))) return false;
  if (a.kind === 'int' && b.kind === 'int') {
    const e = valuesEqual(a, b);
    // Small ints are cached by CPython; equal larger ones may or may not be the same object.
    if (e === false) return false;
    const n = a.dim.value;
    return e === true && n !== undefined && n >= -5 && n <= 256 ? true : undefined;
  }
  if ((a.kind === 'list' || a.kind === 'tuple') && a.kind === b.kind) return a.items === b.items ? true : valuesEqual(a, b) === false ? false : undefined;
  if (a.kind === 'object' && b.kind === 'object') return a.ref === b.ref || sameClass(a, b) ? true : valuesEqual(a, b) === false ? false : undefined;
  return valuesEqual(a, b) === false ? false : undefined;
}

/** Two class values: the same class (true), two different ones (false), else undefined. */
function sameClass(a: Value, b: Value): boolean | undefined {
  const ca = classIdentity(a);
  const cb = classIdentity(b);
  if (ca && cb) return ca === cb;
  return tensorTypeBesideBuiltin(a, b) ? false : undefined;
}

/** Code points compare like CPython's strings only without surrogate pairs. */
function hasSurrogates(s: string): boolean {
  return /[\ud800-\udfff]/.test(s);
}

/**
 * `a < b` between symbolic sizes (or exact ratios of them, `channels / 16`) whose difference is
 * provably of one sign, sizes being at least 1 as truthiness takes them: timm's make_divisible
 * asks `max(1, (channels + 8) // 16) < 0. * v`, which no size makes true.
 */
function orderedSizes(op: '<' | '<=' | '>' | '>=', a: Value, b: Value): boolean | undefined {
  const ra = ratioOf(a);
  const rb = ratioOf(b);
  if (!ra || !rb) return undefined;
  const diff = ra.num.mul(rb.den).sub(rb.num.mul(ra.den));
  if (diff.hasUnknown || diff.hasNone) return undefined;
  const above = diff.provablyAtLeast(1) ? 1 : diff.provablyAtLeast(0) ? 0 : undefined;
  const below = diff.neg().provablyAtLeast(1) ? 1 : diff.neg().provablyAtLeast(0) ? 0 : undefined;
  if (above === 1) return op === '>' || op === '>=';
  if (below === 1) return op === '<' || op === '<=';
  if (above === 0) return op === '>=' ? true : op === '<' ? false : undefined;
  if (below === 0) return op === '<=' ? true : op === '>' ? false : undefined;
  return undefined;
}

/** `a < b` and friends; undefined when CPython would raise or it is not known. */
function ordered(op: '<' | '<=' | '>' | '>=', a: Value, b: Value): boolean | undefined {
  if (isOpaque(a) || isOpaque(b)) return undefined;
  const da = asDim(a);
  const db = asDim(b);
  if (da && db) {
    const diff = da.sub(db).value;
    if (diff !== undefined) return op === '<' ? diff < 0 : op === '<=' ? diff <= 0 : op === '>' ? diff > 0 : diff >= 0;
  }
  const fa = numberOf(a);
  const fb = numberOf(b);
  if (fa !== undefined && fb !== undefined) return op === '<' ? fa < fb : op === '<=' ? fa <= fb : op === '>' ? fa > fb : fa >= fb;
  const sizes = orderedSizes(op, a, b);
  if (sizes !== undefined || (da && db)) return sizes;
  if (a.kind === 'str' && b.kind === 'str') {
    if (hasSurrogates(a.value) || hasSurrogates(b.value)) return undefined;
    return op === '<' ? a.value < b.value : op === '<=' ? a.value <= b.value : op === '>' ? a.value > b.value : a.value >= b.value;
  }
  if ((a.kind === 'list' || a.kind === 'tuple') && a.kind === b.kind) {
    // Lexicographic: the first items that differ decide; else the shorter sequence is smaller.
    const n = Math.min(a.items.length, b.items.length);
    for (let i = 0; i < n; i++) {
      const e = valuesEqual(a.items[i], b.items[i]);
      if (e === undefined) return undefined;
      if (!e) return ordered(op, a.items[i], b.items[i]);
    }
    const la = a.items.length;
    const lb = b.items.length;
    return op === '<' ? la < lb : op === '<=' ? la <= lb : op === '>' ? la > lb : la >= lb;
  }
  const sa = refOf(a, SetObj);
  const sb = refOf(b, SetObj);
  if (sa && sb) {
    const sub = (x: SetObj, y: SetObj): boolean => [...x.items.keys()].every((k) => y.items.has(k));
    if (op === '<=') return sub(sa, sb);
    if (op === '>=') return sub(sb, sa);
    if (op === '<') return sa.items.size < sb.items.size && sub(sa, sb);
    return sb.items.size < sa.items.size && sub(sb, sa);
  }
  return undefined;
}

/** `a in b`; undefined when CPython would raise or it is not known. */
function contains(container: Value, item: Value): boolean | undefined {
  if (isOpaque(container)) return undefined;
  if (container.kind === 'list' || container.kind === 'tuple') {
    let found: boolean | undefined = false;
    for (const x of container.items) {
      const e = valuesEqual(item, x);
      if (e === true) return true;
      if (e === undefined) found = undefined;
    }
    return found;
  }
  if (container.kind === 'str') return item.kind === 'str' ? container.value.includes(item.value) : undefined;
  const it = refOf(container, IteratorObj);
  if (it) return it.consumeUntil((x) => valuesEqual(x, item));
  const view = refOf(container, DictViewObj);
  if (view) return contains(view.kind === 'keys' ? obj(view.dict) : tupleOf(view.items()), item);
  const r = refOf(container, RangeObj);
  if (r) {
    const n = numberOf(item);
    if (n !== undefined) return item.kind === 'int' && !item.dim.isKnown ? undefined : r.has(n);
    return plainType(item) ? false : undefined;
  }
  const d = refOf(container, DictObj);
  const s = refOf(container, SetObj);
  if (d || s) {
    const k = keyOf(item);
    return k === undefined ? undefined : d ? d.entries.has(k) : s!.items.has(k);
  }
  return undefined;
}

export function scalarCompare(op: CompareOp, a: Value, b: Value): boolean | undefined {
  let r: boolean | undefined;
  switch (op) {
    case '==': case '!=': r = valuesEqual(a, b); break;
    case 'is': case 'is not': r = sameObject(a, b); break;
    case 'in': case 'not in': r = contains(b, a); break;
    default: return ordered(op, a, b);
  }
  return r === undefined ? undefined : op === '==' || op === 'is' || op === 'in' ? r : !r;
}
