// Methods of Python's plain values as the interpreter models them: list, tuple, dict, set and str
// methods, and the type attributes `str.lower` / `dict.fromkeys`. A mutating method is modelled
// exactly or leaves the container's contents Unknown; a call CPython would reject changes nothing
// and gives Unknown. Unknown methods give Unknown (never a guess).
import type { Value } from '../value';
import { readLastItem, setLastItem } from './lastItems';
import { NONE, UNKNOWN } from '../value';
import { baseClassAttr, frameworkTensorAttr, isAttrSource } from './attrSource';
import type { Host } from './host';
import { BuiltinObj, DictObj, InstanceObj, obj, refOf, type CallArgs } from './objects';
import {
  DictViewObj, SetObj, bool, dictSet, forgetContents, int, intOf, isOpaque, keyOf, knowContents, listOf, mutableItems, setAdd, setOf, sliceIndices, tupleOf,
} from './pyvalues';
import { valuesEqual } from './pyOperators';
import { sizeEqualityUnknown } from './sizeFacts';
import { Dim } from '../shape/dim';
import { raise } from './pyRaise';
import { strAttr, strTypeAttr } from './pyStrings';
import { pythonBuiltins, sortValues } from './builtins';

type Method = (a: CallArgs, host: Host) => Value;

const method = (name: string, f: Method): Value => obj(new BuiltinObj(name, (a, _site, host) => f(a, host)));

/** `n` (to `max`) positional arguments and no keywords; otherwise CPython's TypeError. */
const arity = (a: CallArgs, n: number, max = n): true => {
  if (a.args.length < n || a.args.length > max || Object.keys(a.kwargs).length > 0) raise('TypeError');
  return true;
};

/** Methods that change their receiver in place. */
const MUTATORS = new Set([
  'append', 'extend', 'insert', 'remove', 'pop', 'sort', 'reverse', 'clear', 'popitem', 'setdefault', 'update',
  'add', 'discard', 'intersection_update', 'difference_update', 'symmetric_difference_update',
]);

/**
 * `v.name` for a list, tuple, str, dict or set; undefined when `v` is none of those. A mutating
 * method first tells the interpreter what it changes (a loop run speculatively forgets it after).
 */
export function pythonValueAttr(host: Host, v: Value, name: string): Value | undefined {
  const attr = plainValueAttr(host, v, name);
  if (!attr || !MUTATORS.has(name) || attr.kind !== 'object' || !(attr.ref instanceof BuiltinObj)) return attr;
  const target: Value | object = v.kind === 'object' ? v.ref : v;
  const inner = attr.ref;
  return obj(new BuiltinObj(inner.name, (a, site, h) => {
    h.noteMutation(target);
    return inner.call(a, site, h);
  }));
}

function plainValueAttr(host: Host, v: Value, name: string): Value | undefined {
  // Keras tensors and NumPy arrays have their own attributes (a tuple shape with None, astype), not PyTorch's.
  if (v.kind === 'tensor') return v.framework === 'keras' || v.framework === 'numpy' ? frameworkTensorAttr(host, v, name) : undefined;
  if (v.kind === 'list') return listAttr(v, name);
  if (v.kind === 'tuple') return sequenceQuery(v.items, name) ?? UNKNOWN;
  if (v.kind === 'str') return strAttr(v.value, name);
  // `(seqlen / multiple).is_integer()` (lucidrains' pad_to_multiple): known for a known float;
  // for a ratio of sizes, whether the one divides the other (with that fact on each path).
  if (v.kind === 'float' && name === 'is_integer') return method('float.is_integer', (a) => (arity(a, 0) ? floatIsInteger(v) : UNKNOWN));
  if (v.kind !== 'object') return undefined;
  // Framework objects that answer their own attributes (a Keras model's `predict`).
  if (isAttrSource(v.ref)) return v.ref.attr(host, name) ?? UNKNOWN;
  if (v.ref instanceof InstanceObj && !v.ref.attrs.has(name)) {
    // A class extending a framework base (keras.layers.Layer): what it does not define, the base does.
    for (const c of v.ref.cls.mro()) {
      if (c.attrs.has(name)) return undefined;
      const base = baseClassAttr(c);
      if (base) return base(host, v, name);
    }
    return undefined;
  }
  if (v.ref instanceof DictObj) return dictAttr(v.ref, name);
  if (v.ref instanceof SetObj) return setAttr(v.ref, name);
  if (v.ref instanceof BuiltinObj) {
    if (v === pythonBuiltins().get('str')) return strTypeAttr(name);
    if (v === pythonBuiltins().get('dict') && name === 'fromkeys') {
      return method('dict.fromkeys', (a, host) => {
        if (!arity(a, 1, 2)) return UNKNOWN;
        const keys = host.iterate(a.args[0]);
        const d = new DictObj();
        for (const k of keys ?? []) if (!dictSet(d, k, a.args[1] ?? NONE)) return UNKNOWN;
        return keys ? obj(d) : UNKNOWN;
      });
    }
  }
  return undefined;
}

/** Index of the first item equal to `x`: -1 when none is, undefined when not decidable. */
function firstEqual(items: readonly Value[], x: Value): number | undefined {
  for (let i = 0; i < items.length; i++) {
    const e = valuesEqual(items[i], x);
    if (e === undefined) return undefined;
    if (e) return i;
  }
  return -1;
}

/** index() and count(), shared by lists and tuples. */
function sequenceQuery(items: readonly Value[], name: string): Value | undefined {
  if (name === 'index') {
    return method(name, (a) => {
      if (!arity(a, 1)) return UNKNOWN;
      const i = firstEqual(items, a.args[0]);
      return i === undefined ? UNKNOWN : i < 0 ? raise('ValueError') : int(i);
    });
  }
  if (name === 'count') {
    return method(name, (a) => {
      if (!arity(a, 1)) return UNKNOWN;
      let n = 0;
      for (const x of items) {
        const e = valuesEqual(x, a.args[0]);
        if (e === undefined) return UNKNOWN;
        if (e) n++;
      }
      return int(n);
    });
  }
  return undefined;
}

/** The list's items become Unknown (a mutation whose effect is not known); its length stays. */
function forget(items: Value[], length = items.length): void {
  items.length = 0;
  for (let i = 0; i < length; i++) items.push(UNKNOWN);
}

/** Methods of a list whose contents are not known: mutators keep it so, queries are Unknown. */
function opaqueListAttr(v: Value, name: string): Value {
  const items = mutableItems(v);
  if (name === 'clear') {
    return method('list.clear', (a) => {
      if (!arity(a, 0)) return UNKNOWN;
      items.length = 0;
      knowContents(v);
      return NONE;
    });
  }
  if (name === 'copy') {
    return method('list.copy', (a) => {
      const c = listOf([]);
      forgetContents(c);
      return arity(a, 0) ? c : UNKNOWN;
    });
  }
  // The last item, where known (lastItems.ts): an append makes it known, `pop()` gives it back.
  // Read before the call, which forgets it (every mutation does).
  const last = name === 'pop' ? readLastItem(v) : undefined;
  if (name === 'append') {
    return method('list.append', (a) => {
      if (arity(a, 1)) setLastItem(v, a.args[0]);
      return NONE;
    });
  }
  if (name === 'pop') {
    return method('list.pop', (a) => {
      const end = a.args.length === 0 || (a.args.length === 1 && intOf(a.args[0]) === -1);
      return end && Object.keys(a.kwargs).length === 0 && last ? last : UNKNOWN;
    });
  }
  const mutators = ['extend', 'insert', 'remove', 'sort', 'reverse'];
  return method(`list.${name}`, () => (mutators.includes(name) ? NONE : UNKNOWN));
}

function listAttr(v: Value, name: string): Value {
  const items = mutableItems(v);
  if (isOpaque(v)) return opaqueListAttr(v, name);
  switch (name) {
    case 'append':
      return method('list.append', (a) => {
        if (!arity(a, 1)) return UNKNOWN;
        items.push(a.args[0]);
        return NONE;
      });
    case 'extend':
      return method('list.extend', (a, host) => {
        if (!arity(a, 1)) return UNKNOWN;
        const s = refOf(a.args[0], SetObj);
        const more = s && !isOpaque(a.args[0]) ? (s.items.size <= 1 ? [...s.items.values()] : Array.from(s.items, () => UNKNOWN)) : host.iterate(a.args[0]);
        // An iterable of unknown length: the list's length is not known any more either.
        if (more) items.push(...more);
        else forgetContents(v);
        return NONE;
      });
    case 'insert':
      return method('list.insert', (a) => {
        if (!arity(a, 2)) return UNKNOWN;
        const i = intOf(a.args[0]);
        if (i === undefined) {
          forget(items, items.length + 1);
          return NONE;
        }
        const at = i < 0 ? Math.max(0, items.length + i) : Math.min(i, items.length);
        items.splice(at, 0, a.args[1]);
        return NONE;
      });
    case 'pop':
      return method('list.pop', (a) => {
        if (!arity(a, 0, 1)) return UNKNOWN;
        const i = a.args.length === 0 ? -1 : intOf(a.args[0]);
        if (items.length === 0) raise('IndexError');
        if (i === undefined) {
          forget(items, items.length - 1);
          return UNKNOWN;
        }
        const at = i < 0 ? items.length + i : i;
        if (at < 0 || at >= items.length) raise('IndexError');
        return items.splice(at, 1)[0];
      });
    case 'remove':
      return method('list.remove', (a) => {
        if (!arity(a, 1)) return UNKNOWN;
        const i = firstEqual(items, a.args[0]);
        if (i === undefined) forget(items, items.length - 1);
        else if (i >= 0) items.splice(i, 1);
        return i === undefined || i >= 0 ? NONE : raise('ValueError');
      });
    case 'clear':
      return method('list.clear', (a) => {
        if (!arity(a, 0)) return UNKNOWN;
        items.length = 0;
        return NONE;
      });
    case 'reverse':
      return method('list.reverse', (a) => {
        if (!arity(a, 0)) return UNKNOWN;
        items.reverse();
        return NONE;
      });
    case 'sort':
      return method('list.sort', (a, host) => {
        if (a.args.length > 0 || Object.keys(a.kwargs).some((k) => k !== 'key' && k !== 'reverse')) return UNKNOWN;
        const sorted = sortValues(host, items, a.kwargs.key, a.kwargs.reverse);
        if (sorted) items.splice(0, items.length, ...sorted);
        else forget(items);
        return NONE;
      });
    case 'copy':
      return method('list.copy', (a) => (arity(a, 0) ? listOf([...items]) : UNKNOWN));
    default:
      return sequenceQuery(items, name) ?? UNKNOWN;
  }
}

/** `d[k]` removal for `del d[k]` and pop: the entry, undefined if absent, 'unknown' if the key is. */
function dictTake(d: DictObj, k: Value): [Value, Value] | undefined | 'unknown' {
  const key = keyOf(k);
  if (key === undefined) return 'unknown';
  const e = d.entries.get(key);
  if (e) d.entries.delete(key);
  return e;
}

/** A dict whose keys a mutation changed in a way not known. */
function forgetValues(d: DictObj): void {
  forgetContents(obj(d));
}

/** Methods of a dict whose contents are not known: update keeps it so, queries are Unknown. */
function opaqueDictAttr(d: DictObj, name: string): Value {
  if (name === 'clear') {
    return method('dict.clear', (a) => {
      if (!arity(a, 0)) return UNKNOWN;
      d.entries.clear();
      knowContents(d);
      return NONE;
    });
  }
  if (name === 'copy') {
    return method('dict.copy', (a) => {
      const c = obj(new DictObj());
      forgetContents(c);
      return arity(a, 0) ? c : UNKNOWN;
    });
  }
  return method(`dict.${name}`, () => (name === 'update' ? NONE : UNKNOWN));
}

function dictAttr(d: DictObj, name: string): Value {
  if (isOpaque(obj(d))) return opaqueDictAttr(d, name);
  switch (name) {
    case 'items':
    case 'keys':
    case 'values': return method(name, (a) => (arity(a, 0) ? obj(new DictViewObj(d, name)) : UNKNOWN));
    case 'get': return method(name, (a) => {
      if (!arity(a, 1, 2)) return UNKNOWN;
      const key = keyOf(a.args[0]);
      if (key === undefined) return UNKNOWN;
      return d.entries.get(key)?.[1] ?? a.args[1] ?? NONE;
    });
    case 'pop': return method(name, (a) => {
      if (!arity(a, 1, 2)) return UNKNOWN;
      const e = dictTake(d, a.args[0]);
      if (e === 'unknown') {
        forgetValues(d);
        return UNKNOWN;
      }
      return e ? e[1] : a.args[1] ?? raise('KeyError');
    });
    case 'popitem': return method(name, (a) => {
      if (!arity(a, 0)) return UNKNOWN;
      if (d.entries.size === 0) raise('KeyError');
      const last = [...d.entries.keys()].pop()!;
      const [k, v] = d.entries.get(last)!;
      d.entries.delete(last);
      return tupleOf([k, v]);
    });
    case 'setdefault': return method(name, (a) => {
      if (!arity(a, 1, 2)) return UNKNOWN;
      const key = keyOf(a.args[0]);
      if (key === undefined) {
        forgetValues(d);
        return UNKNOWN;
      }
      const e = d.entries.get(key);
      if (e) return e[1];
      const v = a.args[1] ?? NONE;
      d.entries.set(key, [a.args[0], v]);
      return v;
    });
    case 'update': return method(name, (a, host) => {
      if (a.args.length > 1) return UNKNOWN;
      const [src] = a.args;
      if (src) {
        const other = isOpaque(src) ? undefined : refOf(src, DictObj);
        const pairs = other ? [...other.entries.values()] : host.iterate(src)?.map((p) => host.iterate(p));
        if (!pairs || pairs.some((p) => !p || p.length !== 2 || keyOf(p[0]) === undefined)) {
          forgetValues(d);
          return UNKNOWN;
        }
        for (const p of pairs) dictSet(d, p![0], p![1]);
      }
      for (const [k, v] of Object.entries(a.kwargs)) dictSet(d, { kind: 'str', value: k }, v);
      return NONE;
    });
    case 'clear': return method(name, (a) => {
      if (!arity(a, 0)) return UNKNOWN;
      d.entries.clear();
      return NONE;
    });
    case 'copy': return method(name, (a) => {
      if (!arity(a, 0)) return UNKNOWN;
      const c = new DictObj();
      for (const [k, e] of d.entries) c.entries.set(k, e);
      return obj(c);
    });
    default: return UNKNOWN;
  }
}

function setAttr(s: SetObj, name: string): Value {
  if (isOpaque(obj(s))) {
    if (name !== 'clear') return method(`set.${name}`, () => (['add', 'discard', 'update'].includes(name) ? NONE : UNKNOWN));
    return method('set.clear', (a) => {
      if (!arity(a, 0)) return UNKNOWN;
      s.items.clear();
      knowContents(s);
      return NONE;
    });
  }
  const others = (a: CallArgs, host: Host): SetObj[] | undefined => {
    const out: SetObj[] = [];
    for (const x of a.args) {
      if (isOpaque(x)) return undefined;
      const items = refOf(x, SetObj) ? undefined : host.iterate(x);
      const o = refOf(x, SetObj) ?? (items ? refOf(setOf(items), SetObj) : undefined);
      if (!o) return undefined;
      out.push(o);
    }
    return Object.keys(a.kwargs).length > 0 ? undefined : out;
  };
  const has = (o: SetObj, k: string): boolean => o.items.has(k);
  const algebra = (f: (k: string, os: SetObj[]) => boolean, withOthers: boolean): Method => (a, host) => {
    const os = others(a, host);
    if (!os) return UNKNOWN;
    const out = new SetObj();
    for (const [k, v] of s.items) if (f(k, os)) out.items.set(k, v);
    if (withOthers) for (const o of os) for (const [k, v] of o.items) if (!out.items.has(k)) out.items.set(k, v);
    return obj(out);
  };
  switch (name) {
    case 'add': return method('set.add', (a) => {
      if (!arity(a, 1)) return UNKNOWN;
      if (setAdd(s, a.args[0])) return NONE;
      // An element not hashable statically: which set this is now is not known.
      if (a.args[0].kind === 'unknown') forgetContents(obj(s));
      return UNKNOWN;
    });
    case 'discard':
    case 'remove': return method(`set.${name}`, (a) => {
      const key = arity(a, 1) ? keyOf(a.args[0]) : undefined;
      if (key === undefined) return UNKNOWN;
      const had = s.items.delete(key);
      return had || name === 'discard' ? NONE : raise('KeyError');
    });
    case 'update': return method('set.update', (a, host) => {
      const os = others(a, host);
      if (!os) {
        forgetContents(obj(s));
        return UNKNOWN;
      }
      for (const o of os) for (const [k, v] of o.items) if (!s.items.has(k)) s.items.set(k, v);
      return NONE;
    });
    case 'clear': return method('set.clear', (a) => {
      if (!arity(a, 0)) return UNKNOWN;
      s.items.clear();
      return NONE;
    });
    case 'copy': return method('set.copy', (a) => (arity(a, 0) ? setOf([...s.items.values()]) : UNKNOWN));
    case 'union': return method('set.union', algebra(() => true, true));
    case 'intersection': return method('set.intersection', algebra((k, os) => os.every((o) => has(o, k)), false));
    case 'difference': return method('set.difference', algebra((k, os) => !os.some((o) => has(o, k)), false));
    case 'symmetric_difference': return method('set.symmetric_difference', (a, host) => {
      const os = others(a, host);
      if (!os || os.length !== 1) return UNKNOWN;
      const out = new SetObj();
      for (const [k, v] of s.items) if (!os[0].items.has(k)) out.items.set(k, v);
      for (const [k, v] of os[0].items) if (!s.items.has(k)) out.items.set(k, v);
      return obj(out);
    });
    case 'issubset':
    case 'issuperset':
    case 'isdisjoint': return method(`set.${name}`, (a, host) => {
      const os = others(a, host);
      if (!os || os.length !== 1) return UNKNOWN;
      const o = os[0];
      const r = name === 'issubset' ? [...s.items.keys()].every((k) => o.items.has(k))
        : name === 'issuperset' ? [...o.items.keys()].every((k) => s.items.has(k))
          : ![...s.items.keys()].some((k) => o.items.has(k));
      return { kind: 'bool', value: r };
    });
    default: return UNKNOWN;
  }
}

/** `del target[index]` on a list or dict; false when nothing could be done (then left as is). */
export function deleteItem(target: Value, index: Value): boolean {
  if (isOpaque(target)) return true;
  if (target.kind === 'list') {
    const items = mutableItems(target);
    if (index.kind === 'slice') {
      const at = sliceIndices(items.length, index);
      if (!at) {
        forgetContents(target);
        return false;
      }
      const drop = new Set(at);
      const kept = items.filter((_, i) => !drop.has(i));
      items.splice(0, items.length, ...kept);
      return true;
    }
    const i = intOf(index);
    if (i === undefined) {
      forget(items, Math.max(0, items.length - 1));
      return false;
    }
    const at = i < 0 ? items.length + i : i;
    if (at < 0 || at >= items.length) return false;
    items.splice(at, 1);
    return true;
  }
  const d = refOf(target, DictObj);
  if (d) {
    const e = dictTake(d, index);
    if (e === 'unknown') forgetValues(d);
    return e !== undefined && e !== 'unknown';
  }
  return false;
}

/** `target[index] = value` on a list (an index or a slice) or a dict. */
export function setListOrDictItem(target: Value, index: Value, value: Value, host: Host): boolean {
  if (isOpaque(target)) return true;
  if (target.kind === 'list') {
    const items = mutableItems(target);
    if (index.kind === 'slice') {
      const at = sliceIndices(items.length, index);
      const repl = host.iterate(value);
      if (!at || !repl) {
        forgetContents(target);
        return false;
      }
      const step = index.step.kind === 'none' ? 1 : intOf(index.step);
      if (step === 1) {
        // A contiguous slice is replaced by any number of items.
        const start = at.length > 0 ? at[0] : Math.min(Math.max(sliceStart(items.length, index), 0), items.length);
        items.splice(start, at.length, ...repl);
        return true;
      }
      // An extended slice takes exactly as many items as it selects.
      if (repl.length !== at.length) return false;
      at.forEach((i, j) => (items[i] = repl[j]));
      return true;
    }
    const i = intOf(index);
    if (i === undefined) {
      forget(items);
      return false;
    }
    const at = i < 0 ? items.length + i : i;
    if (at < 0 || at >= items.length) return false;
    items[at] = value;
    return true;
  }
  const d = refOf(target, DictObj);
  if (d) {
    if (!dictSet(d, index, value)) forgetValues(d);
    return true;
  }
  return false;
}

/** Where an empty step-1 slice would insert (`a[5:2] = [x]` inserts at 5, clamped). */
function sliceStart(n: number, s: Extract<Value, { kind: 'slice' }>): number {
  const start = s.start.kind === 'none' ? 0 : intOf(s.start) ?? 0;
  return start < 0 ? Math.max(0, n + start) : Math.min(start, n);
}

/** `x.is_integer()`: known for a known float or a ratio whose remainder is known, else `num % den == 0` undecided. */
function floatIsInteger(v: Extract<Value, { kind: 'float' }>): Value {
  if (!v.unknown) return Number.isFinite(v.value) ? bool(Number.isInteger(v.value)) : bool(false);
  const r = v.ratio ?? v.quotient;
  const remainder = r && r.num.mod(r.den);
  if (!remainder) return UNKNOWN;
  return remainder.value !== undefined ? bool(remainder.value === 0) : sizeEqualityUnknown(remainder, Dim.of(0), false);
}
