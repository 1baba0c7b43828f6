// Python's plain values on the interpreter's abstract values: ints (symbolic dims, exact up to
// 2**53), floats, strings, tuples, lists, dicts, sets, ranges and one-pass iterators; their truth
// values, hash keys and slices, and containers whose contents are no longer known. Operators on
// them are in pyOperators.ts.
import { Dim } from '../shape/dim';
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import { BuiltinObj, ClassObj, ContainerObj, DictObj, OpRefObj, SymbolicObj, nextSerial, obj, refOf } from './objects';
import { raise } from './pyRaise';
import { forgetLastItem } from './lastItems';
import { ProbeContainerObj } from './containerProbes';

/**
 * A Python set of values we can hash statically, by keyOf. Its iteration order is CPython's hash
 * order, which is not modelled: only order-free uses (len, in, sorted, set algebra) see inside.
 */
export class SetObj {
  readonly items = new Map<string, Value>();
  readonly born = nextSerial();
  /** Its contents are no longer known (see isOpaque). */
  open = false;
}

/**
 * A one-pass iterator: a generator expression, or what zip, map, filter, enumerate, reversed and
 * iter return. Iterating it (a for loop, list(), a builtin) uses it up, as in CPython.
 */
export class IteratorObj {
  private pos = 0;
  /** Set when something used it in a way not modelled: what is left is unknown. */
  private lost = false;
  /** What every item is like, when their count is not known (a generator yielding in a loop of unknown length). */
  sample: Value | undefined;
  /**
   * @param pending what gives the items when first needed (a generator's body, which runs only
   *   then): undefined when they are not known, a sample alone when their count is not.
   */
  constructor(private items: readonly Value[], private pending?: () => { items: readonly Value[]; sample?: Value; changed?: () => boolean; truncated?: boolean } | undefined) {}
  /** Whether what a generator's body read has changed since its items were computed (then those past the first taken may be stale). */
  private watch: (() => boolean) | undefined;
  /** Its known items are followed by ones not known (a generator that raised after them). */
  private truncated = false;

  /** Whether items not taken yet may no longer be what CPython would compute now. */
  changed(): boolean {
    return this.watch !== undefined && this.watch();
  }

  /** Items already taken, and what comes next may be stale: unknown from here on. */
  private stale(): boolean {
    return this.pos > 0 && this.changed();
  }

  private settle(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    const got = pending();
    if (!got || got.sample) {
      this.lost = true;
      this.sample = got?.sample;
      this.watch = got?.changed;
    } else {
      this.items = got.items;
      this.watch = got.changed;
      this.truncated = got.truncated === true;
    }
  }

  /** The items not taken yet (undefined if not known); afterwards it is exhausted. */
  drain(): Value[] | undefined {
    this.settle();
    if (this.lost || this.stale() || this.truncated) return this.lost ? undefined : this.forget();
    const rest = this.items.slice(this.pos);
    this.pos = this.items.length;
    return rest;
  }

  /** next(it): the next item, 'exhausted', or undefined when not known. */
  next(): Value | 'exhausted' | undefined {
    this.settle();
    if (this.lost || this.stale()) return this.lost ? undefined : this.forget();
    return this.pos < this.items.length ? this.items[this.pos++] : this.truncated ? this.forget() : 'exhausted';
  }

  /**
   * Take items up to and including the first one `test` accepts (`x in it`); all of them when
   * none does. Undefined, and the iterator forgotten, when a test is not decidable.
   */
  consumeUntil(test: (v: Value) => boolean | undefined): boolean | undefined {
    this.settle();
    if (this.lost || this.stale()) return this.lost ? undefined : this.forget();
    for (; this.pos < this.items.length; this.pos++) {
      const t = test(this.items[this.pos]);
      if (t === undefined) return this.forget();
      if (t) {
        this.pos++;
        return true;
      }
    }
    return this.truncated ? this.forget() : false;
  }

  /**
   * next(it) of one whose count is not known (a generator yielding in a loop of unknown length):
   * what every item is like, when next() does not raise StopIteration; undefined when not known.
   */
  unknownCountItem(): Value | undefined {
    this.settle();
    if (!this.sample || (this.pos > 0 && this.changed())) return undefined;
    this.pos++;
    return this.sample;
  }

  forget(): undefined {
    this.pending = undefined;
    this.lost = true;
    this.sample = undefined;
    return undefined;
  }
}

export function iteratorOf(items: readonly Value[]): Value {
  return obj(new IteratorObj(items));
}

/** `d.keys()`, `d.values()`, `d.items()`: live views of the dict (they see its later changes). */
export class DictViewObj {
  constructor(readonly dict: DictObj, readonly kind: 'keys' | 'values' | 'items') {}

  /** What iterating it gives now. */
  items(): Value[] {
    const entries = [...this.dict.entries.values()];
    return this.kind === 'keys' ? entries.map(([k]) => k) : this.kind === 'values' ? entries.map(([, v]) => v) : entries.map(([k, v]) => tupleOf([k, v]));
  }
}

/** Lists longer than this are not spelled out (a huge range stays a range: len and `in` still work). */
export const MAX_ITEMS = 100_000;

/** range(start, stop, step) (step never 0). */
export class RangeObj {
  constructor(readonly start: number, readonly stop: number, readonly step: number) {}

  get length(): number {
    return Math.max(0, Math.ceil((this.stop - this.start) / this.step));
  }

  /** Its ints in order, or undefined when there are too many to spell out. */
  items(): Value[] | undefined {
    const n = this.length;
    return n > MAX_ITEMS ? undefined : Array.from({ length: n }, (_, i) => int(this.start + i * this.step));
  }

  has(x: number): boolean {
    const i = (x - this.start) / this.step;
    return Number.isInteger(i) && i >= 0 && i < this.length;
  }
}

/** `r[i]` and `r[a:b:c]` (a slice of a range is a range). */
export function rangeItem(r: RangeObj, index: Value): Value {
  const n = r.length;
  if (index.kind === 'slice') {
    const at = n > MAX_ITEMS ? undefined : sliceIndices(n, index);
    if (!at) return UNKNOWN;
    const step = intOf(index.step) ?? 1;
    const start = at.length > 0 ? r.start + at[0] * r.step : r.start;
    return obj(new RangeObj(start, start + at.length * r.step * step, r.step * step));
  }
  const i = intOf(index);
  if (i === undefined) return UNKNOWN;
  const j = i < 0 ? n + i : i;
  return j >= 0 && j < n ? int(r.start + j * r.step) : raise('IndexError');
}

/**
 * Containers whose contents, length included, are no longer known ("open"): a list extended by
 * an unknown iterable, a dict given an unknown key, a container changed by a loop or branch that
 * could not be followed. Every read of one is Unknown; ops never see one (the interpreter seals
 * them). A list or module container a loop filled may still say what every item is like (`sample`).
 */
export function isOpaque(v: Value): boolean {
  if (v.kind === 'list') return v.open === true;
  if (v.kind !== 'object') return false;
  const r = v.ref instanceof DictViewObj ? v.ref.dict : v.ref;
  return (r instanceof DictObj || r instanceof SetObj || r instanceof ContainerObj) && r.open;
}

/** Forget what a container holds. */
export function forgetContents(v: Value): void {
  forgetLastItem(v);
  if (v.kind === 'list') {
    mutableItems(v).fill(UNKNOWN);
    Object.assign(v, { open: true, sample: undefined, known: 0, last: undefined, count: undefined });
    return;
  }
  const d = refOf(v, DictObj);
  if (d) {
    for (const [k, [key]] of d.entries) d.entries.set(k, [key, UNKNOWN]);
    d.open = true;
    d.maybe = undefined;
  }
  const s = refOf(v, SetObj);
  if (s) s.open = true;
  // nn.ModuleList / Sequential / ModuleDict: which modules it holds is not known any more.
  const c = refOf(v, ContainerObj);
  if (c) {
    c.open = true;
    c.sample = undefined;
    c.known = 0;
  }
  refOf(v, IteratorObj)?.forget();
}

/** A container emptied (`clear()`) or restored is known again. */
export function knowContents(container: Value | object): void {
  forgetLastItem(container);
  const v = container as Value;
  if (v.kind === 'list') Object.assign(v, { open: false, sample: undefined, known: undefined, last: undefined, count: undefined });
  else if (container instanceof DictObj || container instanceof SetObj || container instanceof ContainerObj) container.open = false;
  if (container instanceof DictObj) container.maybe = undefined;
}

/** An int value; Unknown past 2**53, where a JS number would no longer be that int. */
export function int(d: Dim | number): Value {
  if (typeof d === 'number') return Number.isSafeInteger(d) ? { kind: 'int', dim: Dim.of(d) } : UNKNOWN;
  const n = d.value;
  return n !== undefined && !Number.isSafeInteger(n) ? UNKNOWN : { kind: 'int', dim: d };
}

/** An int from an exact BigInt result. */
export function bigInt(n: bigint): Value {
  return n >= -BigInt(Number.MAX_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? int(Number(n)) : UNKNOWN;
}

export function float(x: number): Value {
  return { kind: 'float', value: x };
}

/**
 * A float whose value is not known (`1 / math.sqrt(head_dim)` with a symbolic head_dim): a Python
 * float for every purpose but its value. `ratio`, when set, is what it is exactly, a size over a
 * number (`c2 * 0.5`), so `int()` of it is a size. (A Python NaN is a float of known value.)
 */
export const SOME_FLOAT: Value = { kind: 'float', value: Number.NaN, unknown: true };

export function isSomeFloat(v: Value): boolean {
  return v.kind === 'float' && v.unknown === true;
}

/** A number as num/den with an integer (possibly symbolic) numerator, when it is one exactly. */
export function ratioOf(v: Value): { num: Dim; den: number } | undefined {
  if (v.kind === 'int') return { num: v.dim, den: 1 };
  if (v.kind === 'bool') return { num: Dim.of(v.value ? 1 : 0), den: 1 };
  if (v.kind !== 'float') return undefined;
  if (v.ratio) return v.ratio;
  if (v.unknown || !Number.isFinite(v.value)) return undefined;
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
export function ratioFloat(num: Dim, den: number): Value {
  let g = 1;
  for (let c = den; c > 1; c--) {
    if (den % c === 0 && num.mod(c)?.value === 0) {
      g = c;
      break;
    }
  }
  const n = g > 1 ? num.floordiv(g)! : num;
  const d = den / g;
  if (n.isKnown) return { kind: 'float', value: n.value! / d };
  return { kind: 'float', value: Number.NaN, unknown: true, ratio: { num: n, den: d } };
}

/** floor or ceil of an unknown float that is an exact ratio of sizes (`H / 16`, `H / w`): a size. */
export function roundedRatio(v: Value, how: 'floor' | 'ceil'): Dim | undefined {
  if (v.kind !== 'float') return undefined;
  const r = v.ratio ?? v.quotient;
  if (!r) return undefined;
  return how === 'floor' ? r.num.floordiv(r.den) : r.num.ceildiv(r.den);
}

/** `int(x)` of an unknown float that is an exact ratio of sizes: floored (sizes are not negative). */
export function intOfFloat(v: Value): Value | undefined {
  if (v.kind !== 'float' || !v.unknown) return undefined;
  if (v.log2) return int(Dim.floorLog2(v.log2));
  if (v.quotient) {
    const q = v.quotient.num.floordiv(v.quotient.den);
    return q && int(q);
  }
  return v.ratio && int(v.ratio.num.floordiv(v.ratio.den)!);
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

/**
 * A list not listed item by item, whose items are all like `sample` (then `last`, when given, for
 * certain); `count` items in all when known (a DataLoader's batches).
 */
export function openListOf(sample: Value | undefined, last?: Value, count?: number): Value {
  return { kind: 'list', items: sample ? [sample] : [], open: true, sample, ...(last ? { last } : {}), ...(count !== undefined ? { count } : {}), born: nextSerial() };
}

/** Lists made by repeating one item a number of times nobody knows (`['FA'] * depth`): every item is that one. */
const repeatedLists = new WeakSet<object>();

/** `[item] * n` with n not known: a list of any length whose every item is `item`. */
export function repeatedListOf(item: Value): Value {
  const v = openListOf(item);
  repeatedLists.add(v);
  return v;
}

/** The item every item of a repeated list is, while nothing has changed the list since. */
export function repeatedItem(v: Value): Value | undefined {
  return v.kind === 'list' && repeatedLists.has(v) && v.open && v.sample && v.items.length === 1 && v.items[0] === v.sample && !v.last ? v.sample : undefined;
}

/** The item an open list ends with for certain, after any number like its sample (a DataLoader's partial batch). */
export function lastOfOpen(v: Value): Value | undefined {
  return v.kind === 'list' && v.open && v.sample ? v.last : undefined;
}

/** Mark a list as changed by a loop of unknown count (its items are no longer known). */
export function markOpen(v: Value): void {
  forgetLastItem(v);
  if (v.kind === 'list') (v as { open?: boolean }).open = true;
}

/** A list whose length a loop of unknown count may have changed. */
export function isOpen(v: Value): boolean {
  return v.kind === 'list' && v.open === true;
}

/** What every item of an iterable of unknown length is like (Unknown when nothing is known). */
export function sampleOf(v: Value): Value {
  if (v.kind === 'list' && v.open && v.sample) return v.sample;
  // A list input nobody gave (containerProbes.ts): its items are alike.
  if (v.kind === 'object' && v.ref instanceof ProbeContainerObj) return v.ref.sample() ?? UNKNOWN;
  if (v.kind === 'object' && v.ref instanceof ContainerObj && v.ref.open && v.ref.sample) return v.ref.sample;
  // A generator of unknown length, once iterated (drain).
  if (v.kind === 'object' && v.ref instanceof IteratorObj && v.ref.sample) return v.ref.sample;
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
    case 'float': {
      const f = b as typeof a;
      if (a.log2 || f.log2) return a.log2 !== undefined && f.log2 !== undefined && a.log2.same(f.log2);
      return a.unknown || f.unknown ? a.unknown === f.unknown && !a.ratio && !f.ratio && !a.quotient && !f.quotient : Object.is(a.value, f.value);
    }
    case 'bool': case 'str': return a.value === (b as typeof a).value;
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

/** A new set of the items, or Unknown if one cannot be hashed statically. */
export function setOf(items: readonly Value[]): Value {
  const s = new SetObj();
  for (const x of items) if (!setAdd(s, x)) return UNKNOWN;
  return obj(s);
}

/** Add to a set (an equal element already there stays, as in CPython); false if not hashable. */
export function setAdd(s: SetObj, v: Value): boolean {
  const k = keyOf(v);
  if (k === undefined) return false;
  if (!s.items.has(k)) s.items.set(k, v);
  return true;
}

/** `d[k] = v`: an equal key already there keeps its place and its first spelling (`1` for `True`). */
export function dictSet(d: DictObj, k: Value, v: Value): boolean {
  const key = keyOf(k);
  if (key === undefined) return false;
  const old = d.entries.get(key);
  d.entries.set(key, [old ? old[0] : k, v]);
  return true;
}

/** Python's truth value, undefined when not known statically. */
export function truthy(v: Value): boolean | undefined {
  if (isOpaque(v)) return undefined;
  switch (v.kind) {
    case 'bool': return v.value;
    case 'int': {
      const n = v.dim.value;
      if (n !== undefined) return n !== 0;
      // A size named by the code (`output_dim or embed_dim`) is at least 1, as everywhere in the
      // engine; a size nothing names (`?3`, the length of a list we cannot see) may be 0.
      return [...v.dim.symbols()].every((s) => !s.startsWith('?')) && v.dim.provablyAtLeast(1) ? true : undefined;
    }
    case 'float': return v.unknown ? undefined : v.value !== 0;
    case 'str': return v.value.length > 0;
    case 'none': return false;
    case 'tuple':
    case 'list': return v.items.length > 0;
    case 'dict': return v.entries.length > 0;
    case 'object': {
      const d = refOf(v, DictObj);
      if (d) return d.entries.size > 0;
      const s = refOf(v, SetObj);
      if (s) return s.items.size > 0;
      const view = refOf(v, DictViewObj);
      if (view) return view.dict.entries.size > 0;
      const r = refOf(v, RangeObj);
      if (r) return r.length > 0;
      // A config nobody built here (`if config.use_bias:`) decides nothing.
      return v.ref instanceof SymbolicObj ? undefined : true;
    }
    case 'dtype':
    case 'ellipsis':
    case 'slice': return true;
    default: return undefined;
  }
}

/** A number as a float if known (ints included). */
export function numberOf(v: Value): number | undefined {
  if (v.kind === 'float') return v.unknown ? undefined : v.value;
  if (v.kind === 'int') return v.dim.value;
  if (v.kind === 'bool') return v.value ? 1 : 0;
  return undefined;
}

/** A known int (bools are ints) as a number. */
export function intOf(v: Value | undefined): number | undefined {
  if (v?.kind === 'int') return v.dim.value;
  if (v?.kind === 'bool') return v.value ? 1 : 0;
  return undefined;
}


/** A dict key we can name, or undefined for values that are not hashable statically. Equal
 * numbers share a key (`1`, `1.0` and `True` are one key, as in CPython). */
export function keyOf(v: Value): string | undefined {
  switch (v.kind) {
    case 'str': return `s:${v.value}`;
    case 'int': return v.dim.isKnown ? `i:${v.dim.value}` : undefined;
    case 'bool': return `i:${v.value ? 1 : 0}`;
    case 'none': return 'none';
    case 'float':
      if (v.unknown || Number.isNaN(v.value)) return undefined;
      return Number.isInteger(v.value) ? `i:${v.value}` : `f:${v.value}`;
    case 'tuple': {
      const parts = v.items.map(keyOf);
      return parts.some((p) => p === undefined) ? undefined : `t:(${parts.join(',')})`;
    }
    case 'object': {
      // Classes hash by identity (yolov5's `m in {Conv, C3, nn.ConvTranspose2d}`); a framework
      // layer class is one object however it is reached.
      const id = classIdentity(v);
      return id === undefined ? undefined : `c:${identityNumber(id)}`;
    }
    default: return undefined;
  }
}

/** The backing array of a list the interpreter created (Python lists are mutable). */
export function mutableItems(v: Value): Value[] {
  return (v as unknown as { items: Value[] }).items;
}

/** CPython's slice.indices(n): the positions a slice selects, or undefined if not known. */
export function sliceIndices(n: number, s: Extract<Value, { kind: 'slice' }>): number[] | undefined {
  const get = (v: Value): number | null | undefined => (v.kind === 'none' ? null : intOf(v));
  const step = get(s.step) ?? 1;
  const start0 = get(s.start);
  const stop0 = get(s.stop);
  if (step === undefined || step === 0 || start0 === undefined || stop0 === undefined) return undefined;
  const adjust = (x: number | null, dflt: number): number => {
    if (x === null) return dflt;
    if (x < 0) return Math.max(x + n, step < 0 ? -1 : 0);
    return Math.min(x, step < 0 ? n - 1 : n);
  };
  const start = adjust(start0, step < 0 ? n - 1 : 0);
  const stop = adjust(stop0, step < 0 ? -1 : n);
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

/** The object a class value is in Python (a user class, or a framework layer class's op), if it is one. */
export function classIdentity(v: Value): object | undefined {
  if (v.kind !== 'object') return undefined;
  if (v.ref instanceof ClassObj) return v.ref;
  if (v.ref instanceof OpRefObj && v.ref.op.kind === 'module') return v.ref.op;
  // The builtin types (`type(obj) is str`): each its own class.
  if (v.ref instanceof BuiltinObj && BUILTIN_TYPES.has(v.ref.name)) return v.ref;
  return undefined;
}

const BUILTIN_TYPES = new Set(['int', 'float', 'str', 'bool', 'list', 'tuple', 'dict', 'set', 'bytes', 'complex', 'frozenset']);

/**
 * `type(t)` of a tensor: torch.Tensor or a subclass of it (nn.Parameter), which one is not known,
 * but none of the builtin types (`if type(ret) is not tuple:`, lucidrains' `cast_return`).
 */
export class TensorTypeObj {}
export const TENSOR_TYPE = new TensorTypeObj();

/** Whether `a` is a tensor's type and `b` one of the builtin types, or the other way: never the same class. */
export function tensorTypeBesideBuiltin(a: Value, b: Value): boolean {
  const builtin = (v: Value): boolean => v.kind === 'object' && v.ref instanceof BuiltinObj && BUILTIN_TYPES.has(v.ref.name);
  const tensorType = (v: Value): boolean => v.kind === 'object' && v.ref instanceof TensorTypeObj;
  return (tensorType(a) && builtin(b)) || (tensorType(b) && builtin(a));
}

const identities = new WeakMap<object, number>();
let nextIdentity = 0;
function identityNumber(o: object): number {
  let n = identities.get(o);
  if (n === undefined) identities.set(o, (n = nextIdentity++));
  return n;
}
