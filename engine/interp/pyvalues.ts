// Python semantics on abstract values: truthiness, arithmetic and comparison of ints (symbolic
// dims), floats, strings and sequences. Tensor operands are left to the op registry.
import { Dim } from '../shape/dim';
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import type { BinaryOp, CompareOp } from './ir';
import { ContainerObj, DictObj, SymbolicObj, nextSerial, refOf } from './objects';

export function int(d: Dim | number): Value {
  return { kind: 'int', dim: Dim.of(d) };
}

export function bool(b: boolean | undefined): Value {
  return b === undefined ? UNKNOWN : { kind: 'bool', value: b };
}

export function str(s: string): Value {
  return { kind: 'str', value: s };
}

export function tupleOf(items: readonly Value[]): Value {
  return { kind: 'tuple', items };
}

/** A fresh, mutable list value (the interpreter mutates `items` for append/extend). */
export function listOf(items: Value[]): Value {
  return { kind: 'list', items, born: nextSerial() };
}

/** Python's truth value, undefined when not known statically. */
export function truthy(v: Value): boolean | undefined {
  switch (v.kind) {
    case 'bool': return v.value;
    case 'int': {
      const n = v.dim.value;
      return n === undefined ? undefined : n !== 0;
    }
    case 'float': return Number.isNaN(v.value) ? undefined : v.value !== 0;
    case 'str': return v.value.length > 0;
    case 'none': return false;
    case 'tuple': return v.items.length > 0;
    case 'list': return v.open ? undefined : v.items.length > 0;
    case 'dict': return v.entries.length > 0;
    case 'object': {
      const d = refOf(v, DictObj);
      if (d) return d.open ? undefined : d.entries.size > 0;
      return v.ref instanceof SymbolicObj ? undefined : true;
    }
    case 'dtype':
    case 'ellipsis':
    case 'slice': return true;
    default: return undefined;
  }
}

/**
 * A float whose value is not known (`1 / math.sqrt(head_dim)` with a symbolic head_dim): it is a
 * Python float for every purpose but its value. Held as NaN, which every reader below treats as
 * unknown (never as a number that compares false).
 */
export const SOME_FLOAT: Value = { kind: 'float', value: Number.NaN };

export function isSomeFloat(v: Value): boolean {
  return v.kind === 'float' && Number.isNaN(v.value);
}

/** A number as num/den with an integer (possibly symbolic) numerator, when it is one exactly. */
export function ratioOf(v: Value): { num: Dim; den: number } | undefined {
  if (v.kind === 'int') return { num: v.dim, den: 1 };
  if (v.kind === 'bool') return { num: Dim.of(v.value ? 1 : 0), den: 1 };
  if (v.kind !== 'float') return undefined;
  if (v.ratio) return v.ratio;
  if (!Number.isFinite(v.value)) return undefined;
  for (let den = 1; den <= 1024; den *= 2) {
    const n = v.value * den;
    if (Number.isInteger(n) && Math.abs(n) < 2 ** 31) return { num: Dim.of(n), den };
  }
  for (const den of [3, 5, 6, 10, 100, 1000]) {
    const n = Math.round(v.value * den);
    if (Math.abs(n / den - v.value) < 1e-12 && Math.abs(n) < 2 ** 31) return { num: Dim.of(n), den };
  }
  return undefined;
}

/** num/den as a Python float: its value when known, else an exact unknown float. */
function ratioFloat(num: Dim, den: number): Value {
  const g = gcdDims(num, den);
  const n = g > 1 ? num.floordiv(g)! : num;
  const d = den / g;
  if (n.isKnown) return { kind: 'float', value: n.value! / d };
  return { kind: 'float', value: Number.NaN, ratio: { num: n, den: d } };
}

/** The largest g dividing `den` and every coefficient of `num` (to keep ratios reduced). */
function gcdDims(num: Dim, den: number): number {
  let g = den;
  for (let c = g; c > 1; c--) {
    if (den % c === 0 && num.mod(c)?.value === 0) return c;
  }
  return 1;
}

/** `int(x)` of a float: its known value truncated, or a ratio of sizes floored (sizes are not negative). */
export function intOfFloat(v: Value): Value | undefined {
  if (v.kind !== 'float') return undefined;
  if (!Number.isNaN(v.value)) return int(Math.trunc(v.value));
  if (!v.ratio) return undefined;
  return int(v.ratio.num.floordiv(v.ratio.den)!);
}

/** A number as a float if known (ints included). */
export function numberOf(v: Value): number | undefined {
  if (v.kind === 'float') return Number.isNaN(v.value) ? undefined : v.value;
  if (v.kind === 'int') return v.dim.value;
  if (v.kind === 'bool') return v.value ? 1 : 0;
  return undefined;
}

function asDim(v: Value): Dim | undefined {
  if (v.kind === 'int') return v.dim;
  if (v.kind === 'bool') return Dim.of(v.value ? 1 : 0);
  return undefined;
}

/** Arithmetic on Python scalars and sequences; undefined means "not a scalar case". */
export function scalarBinary(op: BinaryOp, a: Value, b: Value): Value | undefined {
  const da = asDim(a);
  const db = asDim(b);
  // A float of unknown value, or true division of a symbolic size, is still a float; where it
  // is a size times a rational number it stays exact (`c2 * 0.5`, `dim * 4.0`, `C / 2`).
  const numeric = (v: Value): boolean => v.kind === 'int' || v.kind === 'bool' || v.kind === 'float';
  if (numeric(a) && numeric(b) && ['+', '-', '*', '/', '**', '//', '%'].includes(op)) {
    const symbolic = (da && da.value === undefined) || (db && db.value === undefined) || isSomeFloat(a) || isSomeFloat(b);
    if (symbolic && (op === '/' || a.kind === 'float' || b.kind === 'float')) {
      const ra = ratioOf(a);
      const rb = ratioOf(b);
      if (ra && rb && op === '*') return ratioFloat(ra.num.mul(rb.num), ra.den * rb.den);
      if (ra && rb && op === '/' && rb.num.isKnown && rb.num.value !== 0) {
        const n = rb.num.value!;
        return ratioFloat(ra.num.mul(rb.den * Math.sign(n)), ra.den * Math.abs(n));
      }
      if (op === '//' && ra && rb && rb.num.isKnown && ra.den === 1 && rb.den === 1) return undefined; // int // int stays an int below
      return SOME_FLOAT;
    }
  }
  if (da && db) {
    switch (op) {
      case '+': return int(da.add(db));
      case '-': return int(da.sub(db));
      case '*': return int(da.mul(db));
      case '//': { const q = da.floordiv(db); return q ? int(q) : UNKNOWN; }
      case '%': { const m = da.mod(db); return m ? int(m) : UNKNOWN; }
      case '/': {
        const x = da.value;
        const y = db.value;
        return x !== undefined && y !== undefined && y !== 0 ? { kind: 'float', value: x / y } : UNKNOWN;
      }
      case '**': {
        const x = da.value;
        const y = db.value;
        if (y !== undefined && y >= 0 && y <= 8) {
          let r = Dim.of(1);
          for (let i = 0; i < y; i++) r = r.mul(da);
          return int(r);
        }
        return x !== undefined && y !== undefined ? { kind: 'float', value: x ** y } : UNKNOWN;
      }
      case '<<': case '>>': case '&': case '|': case '^': {
        const x = da.value;
        const y = db.value;
        if (x === undefined || y === undefined) return UNKNOWN;
        const r = op === '<<' ? x << y : op === '>>' ? x >> y : op === '&' ? x & y : op === '|' ? x | y : x ^ y;
        return int(r);
      }
      default: return UNKNOWN;
    }
  }
  const fa = numberOf(a);
  const fb = numberOf(b);
  if ((a.kind === 'float' || b.kind === 'float') && (fa !== undefined || a.kind === 'int') && (fb !== undefined || b.kind === 'int')) {
    if (fa === undefined || fb === undefined) return UNKNOWN;
    switch (op) {
      case '+': return { kind: 'float', value: fa + fb };
      case '-': return { kind: 'float', value: fa - fb };
      case '*': return { kind: 'float', value: fa * fb };
      case '/': return fb === 0 ? UNKNOWN : { kind: 'float', value: fa / fb };
      case '//': return fb === 0 ? UNKNOWN : { kind: 'float', value: Math.floor(fa / fb) };
      case '**': return { kind: 'float', value: fa ** fb };
      case '%': return fb === 0 ? UNKNOWN : { kind: 'float', value: fa - fb * Math.floor(fa / fb) };
      default: return UNKNOWN;
    }
  }
  if (a.kind === 'str' && b.kind === 'str' && op === '+') return str(a.value + b.value);
  if (isOpen(a) || isOpen(b)) return a.kind === 'list' || b.kind === 'list' ? UNKNOWN : undefined;
  if ((a.kind === 'list' || a.kind === 'tuple') && op === '+' && b.kind === a.kind) {
    return a.kind === 'list' ? listOf([...a.items, ...b.items]) : tupleOf([...a.items, ...b.items]);
  }
  if ((a.kind === 'list' || a.kind === 'tuple') && op === '*' && db) {
    const n = db.value;
    if (n === undefined) return UNKNOWN;
    const items: Value[] = [];
    for (let i = 0; i < n; i++) items.push(...a.items);
    return a.kind === 'list' ? listOf(items) : tupleOf(items);
  }
  if (a.kind === 'str' && op === '%') return { kind: 'str', value: a.value };
  return undefined;
}

/** Structural equality of known values; undefined when it cannot be decided. */
export function valuesEqual(a: Value, b: Value): boolean | undefined {
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
  if (a.kind === 'none' || b.kind === 'none') return a.kind === b.kind ? true : a.kind === 'unknown' || b.kind === 'unknown' ? undefined : false;
  if ((a.kind === 'tuple' || a.kind === 'list') && (b.kind === 'tuple' || b.kind === 'list')) {
    if (a.kind !== b.kind) return false;
    if (isOpen(a) || isOpen(b)) return undefined;
    if (a.items.length !== b.items.length) return false;
    let all: boolean | undefined = true;
    for (let i = 0; i < a.items.length; i++) {
      const e = valuesEqual(a.items[i], b.items[i]);
      if (e === false) return false;
      if (e === undefined) all = undefined;
    }
    return all;
  }
  if (a.kind === 'dtype' && b.kind === 'dtype') return a.dtype === b.dtype;
  if (a.kind === 'object' && b.kind === 'object') return a.ref === b.ref ? true : undefined;
  if (a.kind === 'str' || b.kind === 'str') return a.kind === 'unknown' || b.kind === 'unknown' ? undefined : false;
  return undefined;
}

export function scalarCompare(op: CompareOp, a: Value, b: Value): boolean | undefined {
  if (op === '==' || op === '!=') {
    const e = valuesEqual(a, b);
    return e === undefined ? undefined : op === '==' ? e : !e;
  }
  if (op === 'is' || op === 'is not') {
    let same: boolean | undefined;
    if (a.kind === 'none' || b.kind === 'none') same = a.kind === 'unknown' || b.kind === 'unknown' ? undefined : a.kind === b.kind;
    else if (a.kind === 'bool' && b.kind === 'bool') same = a.value === b.value;
    else if (a.kind === 'object' && b.kind === 'object') same = a.ref === b.ref ? true : undefined;
    else same = a.kind === 'unknown' || b.kind === 'unknown' || a.kind === 'tensor' || b.kind === 'tensor' ? undefined : valuesEqual(a, b);
    return same === undefined ? undefined : op === 'is' ? same : !same;
  }
  if (op === 'in' || op === 'not in') {
    let found: boolean | undefined = false;
    if (isOpen(b)) found = undefined;
    else if (b.kind === 'list' || b.kind === 'tuple') {
      for (const item of b.items) {
        const e = valuesEqual(a, item);
        if (e === true) { found = true; break; }
        if (e === undefined) found = undefined;
      }
    } else if (b.kind === 'str' && a.kind === 'str') found = b.value.includes(a.value);
    else {
      const d = refOf(b, DictObj);
      if (d) found = keyOf(a) === undefined ? undefined : d.entries.has(keyOf(a)!) ? true : d.open ? undefined : false;
      else found = undefined;
    }
    return found === undefined ? undefined : op === 'in' ? found : !found;
  }
  const da = asDim(a);
  const db = asDim(b);
  if (da && db) {
    const diff = da.sub(db).value;
    if (diff === undefined) return undefined;
    return op === '<' ? diff < 0 : op === '<=' ? diff <= 0 : op === '>' ? diff > 0 : diff >= 0;
  }
  const fa = numberOf(a);
  const fb = numberOf(b);
  if (fa === undefined || fb === undefined) {
    if (a.kind === 'str' && b.kind === 'str') {
      return op === '<' ? a.value < b.value : op === '<=' ? a.value <= b.value : op === '>' ? a.value > b.value : a.value >= b.value;
    }
    return undefined;
  }
  return op === '<' ? fa < fb : op === '<=' ? fa <= fb : op === '>' ? fa > fb : fa >= fb;
}

/** A dict key we can name, or undefined for values that are not hashable statically. */
export function keyOf(v: Value): string | undefined {
  switch (v.kind) {
    case 'str': return `s:${v.value}`;
    case 'int': return v.dim.isKnown ? `i:${v.dim.value}` : undefined;
    case 'bool': return `i:${v.value ? 1 : 0}`;
    case 'none': return 'none';
    case 'float': return Number.isNaN(v.value) ? undefined : `f:${v.value}`;
    case 'tuple': {
      const parts = v.items.map(keyOf);
      return parts.some((p) => p === undefined) ? undefined : `t:(${parts.join(',')})`;
    }
    default: return undefined;
  }
}

/** A list whose length a loop of unknown count may have changed. */
export function isOpen(v: Value): boolean {
  return v.kind === 'list' && v.open === true;
}

/** What every item of an iterable of unknown length is like (Unknown when nothing is known). */
export function sampleOf(v: Value): Value {
  if (v.kind === 'list' && v.open && v.sample) return v.sample;
  if (v.kind === 'object' && v.ref instanceof ContainerObj && v.ref.open && v.ref.sample) return v.ref.sample;
  return UNKNOWN;
}

/** The same value for every purpose the interpreter has (a loop state that did not change). */
export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'tensor': {
      const t = b as typeof a;
      if (a.dtype !== t.dtype || a.framework !== t.framework) return false;
      if (!a.shape || !t.shape) return a.shape === t.shape;
      return a.shape.length === t.shape.length && a.shape.every((d, i) => d.same(t.shape![i]));
    }
    case 'int': return a.dim.same((b as typeof a).dim);
    case 'float': case 'bool': case 'str': return Object.is(a.value, (b as typeof a).value);
    case 'none': case 'ellipsis': return true;
    case 'dtype': return a.dtype === (b as typeof a).dtype;
    case 'object': return a.ref === (b as typeof a).ref;
    case 'tuple': case 'list': {
      const l = b as typeof a;
      if (isOpen(a) || isOpen(l) || a.items.length !== l.items.length) return false;
      return a.items.every((x, i) => sameValue(x, l.items[i]));
    }
    default: return false;
  }
}

/** A list of unknown length whose items are all like `sample`. */
export function openListOf(sample: Value | undefined): Value {
  return { kind: 'list', items: sample ? [sample] : [], open: true, sample, born: nextSerial() };
}

/** Mark a list as changed by a loop of unknown count (its items are no longer known). */
export function markOpen(v: Value): void {
  if (v.kind === 'list') (v as { open?: boolean }).open = true;
}

/** The backing array of a list the interpreter created (Python lists are mutable). */
export function mutableItems(v: Value): Value[] {
  return (v as unknown as { items: Value[] }).items;
}
