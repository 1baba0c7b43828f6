// Python's builtins on abstract values, as CPython computes them (test/pysemantics checks them
// against CPython). A call CPython would reject (wrong arity, an unexpected keyword, a type error)
// or one whose result is not known exactly gives Unknown; no builtin throws.
import { Dim } from '../shape/dim';
import { extremumOfSizes } from '../shape/sizeExtremum';
import type { Value } from '../value';
import { NONE, UNKNOWN } from '../value';
import type { Host } from './host';
import { BuiltinObj, ClassObj, ContainerObj, DictObj, FunctionObj, InstanceObj, LayerObj, OpRefObj, PartialObj, PyModuleObj, SymbolicObj, containerView, nextSerial, obj, refOf, type CallArgs } from './objects';
import {
  DictViewObj, IteratorObj, RangeObj, SetObj, bigInt, isOpaque, bool, dictSet, float, int, intOf, intOfFloat, keyOf, listOf, numberOf, openListOf, setOf, str, iteratorOf, truthy, tupleOf, SOME_FLOAT, TENSOR_TYPE,
} from './pyvalues';
import { floatFloorDiv, floatMod, scalarBinary, scalarCompare } from './pyOperators';
import { pyRepr, pyStr } from './pyStrings';
import { parsePyFloat, parsePyInt, roundFloat, roundHalfEven, roundInt } from './pyNumbers';
import { PyRaise, raise } from './pyRaise';
import { openBuiltin } from './dataFiles';
import { assumedRange } from './assumedCounts';
import { countedRange } from './loopCounts';
import { isNumberKind } from './numbersAbc';
import { FUNCTION_TYPES, isFunctionKind } from './functionTypes';
import { ProbeContainerObj } from './containerProbes';

type Impl = (a: CallArgs, interp: Host) => Value;

const NOWHERE = { start: 0, end: 0 };

let shared: Map<string, Value> | undefined;
/** Python's `object`, the base of every class. */
const OBJECT = new ClassObj('object', [], false, undefined, NOWHERE);

/** Python's builtins, made once: they reach the running interpreter through their call's host. */
export function pythonBuiltins(): Map<string, Value> {
  return (shared ??= makeBuiltins());
}

/**
 * A call CPython makes only when the iterator is consumed (map, filter): the interpreter makes it
 * now, so what it raises is not raised here; undefined then (the result is unknown).
 */
function lazily(f: () => Value): Value | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof PyRaise) return undefined;
    throw e;
  }
}

/**
 * The call has `min`..`max` positional arguments and only these keywords; otherwise CPython raises
 * TypeError, and so does this (a builtin's signature is exact).
 */
function accepts(a: CallArgs, min: number, max: number, ...names: string[]): true {
  if (a.args.length < min || a.args.length > max || !Object.keys(a.kwargs).every((k) => names.includes(k))) raise('TypeError');
  return true;
}

/** The items of an iterable whose order CPython defines (not a set's, beyond one element). */
function itemsOf(host: Host, v: Value | undefined): Value[] | undefined {
  if (!v || isOpaque(v)) return undefined;
  const s = refOf(v, SetObj);
  if (s) return s.items.size <= 1 ? [...s.items.values()] : undefined;
  return host.iterate(v);
}

/** The item every item is like, for a list or module container a loop of unknown count filled. */
function openSample(v: Value | undefined): Value | undefined {
  if (v?.kind === 'list') return v.open ? v.sample : undefined;
  const c = v && refOf(v, ContainerObj);
  return c?.open && c.kind !== 'ModuleDict' ? c.sample : undefined;
}

/** The items of an iterable when their order does not matter (sum of ints, any, len, sorted). */
function unorderedItems(host: Host, v: Value | undefined): Value[] | undefined {
  if (!v || isOpaque(v)) return undefined;
  const s = refOf(v, SetObj);
  return s ? [...s.items.values()] : itemsOf(host, v);
}

/** A float with NaN, or a set, makes comparisons an order sort results depend on. */
function unsortable(v: Value): boolean {
  if (v.kind === 'float') return Number.isNaN(v.value);
  if (v.kind === 'tuple' || v.kind === 'list') return v.items.some(unsortable);
  return refOf(v, SetObj) !== undefined;
}

/**
 * Python's stable sort (sorted, list.sort): by `key` if given, reversed comparisons for `reverse`
 * (equal items keep their order either way). Undefined when a comparison is not known or would
 * raise.
 */
export function sortValues(host: Host, items: readonly Value[], key: Value | undefined, reverse: Value | undefined): Value[] | undefined {
  const rev = reverse === undefined ? false : truthy(reverse);
  if (rev === undefined) return undefined;
  const keys = key && key.kind !== 'none' ? items.map((x) => host.call(key, { args: [x], kwargs: {} }, NOWHERE)) : items;
  if (keys.some(unsortable) || keys.some((k) => k.kind === 'unknown')) return undefined;
  let failed = false;
  const less = (a: Value, b: Value): boolean => {
    const r = scalarCompare('<', a, b);
    if (r === undefined) failed = true;
    return r === true;
  };
  const order = items.map((_, i) => i);
  order.sort((i, j) => {
    const [a, b] = rev ? [keys[j], keys[i]] : [keys[i], keys[j]];
    return less(a, b) ? -1 : less(b, a) ? 1 : 0;
  });
  // A single item is never compared, so a type CPython could not order goes unnoticed there too.
  return failed ? undefined : order.map((i) => items[i]);
}

function makeBuiltins(): Map<string, Value> {
  const m = new Map<string, Value>();
  const def = (name: string, impl: Impl): void => {
    m.set(name, obj(new BuiltinObj(name, (args, _site, host) => {
      // A call not modelled, or one that raised, may have used up any part of an iterator it was given.
      const forget = (): void => {
        for (const a of [...args.args, ...Object.values(args.kwargs)]) refOf(a, IteratorObj)?.forget();
      };
      try {
        const r = impl(args, host);
        if (r.kind === 'unknown') forget();
        return r;
      } catch (e) {
        forget();
        throw e;
      }
    })));
  };

  def('len', (a, interp) => {
    const [v] = a.args;
    // A DataLoader's batches, not listed one by one: their number is known.
    if (v?.kind === 'list' && v.open && v.count !== undefined && accepts(a, 1, 1)) return int(v.count);
    if (!accepts(a, 1, 1) || isOpaque(v)) return UNKNOWN;
    const seq = refOf(v, SymbolicObj);
    if (seq?.sequence) return int(Dim.sym(`len(${seq.name})`));
    if (v.kind === 'tensor') return v.shape && v.shape.length > 0 ? int(v.shape[0]) : UNKNOWN;
    if (v.kind === 'str') return int([...v.value].length);
    if (v.kind === 'list' || v.kind === 'tuple') return int(v.items.length);
    const inst = refOf(v, InstanceObj);
    const c = refOf(v, ContainerObj) ?? (inst && containerView(inst));
    if (c) return int(c.items.length);
    const d = refOf(v, DictObj);
    if (d) return int(d.entries.size);
    const s = refOf(v, SetObj);
    if (s) return int(s.items.size);
    const r = refOf(v, RangeObj);
    if (r) return int(r.length);
    const view = refOf(v, DictViewObj);
    if (view) return int(view.dict.entries.size);
    // A list or dict input of tensors (NaViT's `images`): some count, not known here.
    if (refOf(v, ProbeContainerObj)?.kind === 'list' || refOf(v, ProbeContainerObj)?.kind === 'dict') return { kind: 'int', dim: Dim.unknown() };
    // len(5), len(None): CPython's TypeError; an iterator has no len() either.
    return v.kind === 'int' || v.kind === 'float' || v.kind === 'bool' || v.kind === 'none' || refOf(v, IteratorObj) ? raise('TypeError') : UNKNOWN;
  });
  def('range', (a, interp) => {
    const n = a.args.map(intOf);
    if (!accepts(a, 1, 3)) return UNKNOWN;
    const counted = countedRange(a.args, interp);
    if (counted) return counted;
    const assumed = assumedRange(a.args, interp.guess);
    if (assumed) return assumed;
    // `range(depth)` with a symbolic depth: some number of ints (a loop over it runs speculatively).
    if (n.some((x) => x === undefined)) return a.args.every((x) => x.kind === 'int' || x.kind === 'unknown') ? openListOf(UNKNOWN) : UNKNOWN;
    const [start, stop, step] = n.length === 1 ? [0, n[0]!, 1] : [n[0]!, n[1]!, n[2] ?? 1];
    return step === 0 ? UNKNOWN : obj(new RangeObj(start, stop, step));
  });
  def('enumerate', (a, interp) => {
    if (!accepts(a, 1, 2, 'start')) return UNKNOWN;
    const items = itemsOf(interp, a.args[0]);
    const over = a.args[0];
    // A list input nobody gave (containerProbes.ts): its items are alike, at indices not known.
    const listInput = refOf(over ?? UNKNOWN, ProbeContainerObj);
    const inputSample = listInput && a.args.length === 1 ? listInput.sample() : undefined;
    if (inputSample) return openListOf(tupleOf([{ kind: 'int', dim: Dim.unknown() }, inputSample]));
    // A list of any length whose items are all like one (a DataLoader's batches): pairs of an
    // index not known and that item, as a loop over the list itself sees it.
    // (So is a module container a loop of unknown count filled: `enumerate(blocks)` of a depth nobody gave.)
    const containerSample = !items && over?.kind !== 'list' ? openSample(over) : undefined;
    if (containerSample && (a.args.length === 1 || a.args[1]?.kind === 'int')) return openListOf(tupleOf([{ kind: 'int', dim: Dim.unknown() }, containerSample]));
    if (!items && over?.kind === 'list' && over.open && over.sample && (a.args.length === 1 || a.args[1]?.kind === 'int')) {
      // The last item's index is known when the count is (a DataLoader's partial batch is len - 1).
      const start = a.args[1]?.kind === 'int' ? a.args[1].dim : Dim.of(0);
      const lastIndex: Value = over.count !== undefined ? int(start.add(over.count - 1)) : { kind: 'int', dim: Dim.unknown() };
      return openListOf(tupleOf([{ kind: 'int', dim: Dim.unknown() }, over.sample]), over.last && tupleOf([lastIndex, over.last]));
    }
    const startV = a.args[1] ?? a.kwargs.start;
    const s = startV === undefined ? Dim.of(0) : startV.kind === 'int' ? startV.dim : startV.kind === 'bool' ? Dim.of(startV.value ? 1 : 0) : undefined;
    return items && s ? iteratorOf(items.map((x, i) => tupleOf([int(s.add(i)), x]))) : UNKNOWN;
  });
  def('zip', (a, interp) => {
    // zip(it, it) pairs an iterator's items with each other: not modelled.
    if (!accepts(a, 0, Infinity, 'strict') || a.args.some((x, i) => refOf(x, IteratorObj) && a.args.indexOf(x) !== i)) return UNKNOWN;
    // Lists of any length whose items are all like one (DataLoaders' batches) beside iterables not
    // known here (a DataLoader over a dataset class of the user's): pairs of those items and
    // Unknown, any number of them, as `for (a, b) in zip(loader_a, loader_b)` sees them.
    // (So is a module container a loop of unknown count filled: `zip(self.layers, args)`; and a
    // list input nobody gave: every level alike, `zip(srcs, masks, pos_embeds)`.)
    const samples = a.args.map((x) => openSample(x) ?? refOf(x, ProbeContainerObj)?.sample() ?? (x.kind === 'unknown' ? UNKNOWN : undefined));
    if (a.args.length > 1 && a.kwargs.strict === undefined && samples.every((x) => x !== undefined) && samples.some((x) => x!.kind !== 'unknown')) {
      return openListOf(tupleOf(samples as Value[]));
    }
    const known = a.args.map((x) => itemsOf(interp, x));
    // A list input nobody gave zipped with lists of known length (the levels of a pyramid with a
    // module per level): as many levels as those, each an input of its own (containerProbes.ts).
    const shortest = Math.min(...known.flatMap((l) => (l ? [l.length] : [])));
    const lists = known.map((l, i) => l ?? (Number.isFinite(shortest) ? refOf(a.args[i], ProbeContainerObj)?.firstItems(shortest) : undefined));
    if (lists.some((l) => !l)) return UNKNOWN;
    const lengths = lists.map((l) => l!.length);
    const n = lengths.length === 0 ? 0 : Math.min(...lengths);
    const strict = a.kwargs.strict === undefined ? false : truthy(a.kwargs.strict);
    if (strict === undefined || (strict && lengths.some((l) => l !== n))) return UNKNOWN;
    return iteratorOf(Array.from({ length: n }, (_, i) => tupleOf(lists.map((l) => l![i]))));
  });
  def('map', (a, interp) => {
    const [fn, ...its] = a.args;
    if (!accepts(a, 2, Infinity) || !fn) return UNKNOWN;
    const lists = its.map((x) => itemsOf(interp, x));
    // Iterables of unknown length whose items are all like one (a loop of unknown count built
    // them): the function of those, any number of times.
    const samples = its.map(openSample);
    if (lists.some((l) => !l) && samples.every((x) => x !== undefined)) {
      const r = lazily(() => interp.call(fn, { args: samples as Value[], kwargs: {} }, NOWHERE));
      return r ? openListOf(r) : UNKNOWN;
    }
    if (lists.some((l) => !l)) return UNKNOWN;
    const n = Math.min(...lists.map((l) => l!.length));
    const out: Value[] = [];
    for (let i = 0; i < n; i++) {
      const r = lazily(() => interp.call(fn, { args: lists.map((l) => l![i]), kwargs: {} }, NOWHERE));
      if (!r) return UNKNOWN;
      out.push(r);
    }
    return iteratorOf(out);
  });
  def('filter', (a, interp) => {
    const [fn, it] = a.args;
    if (!accepts(a, 2, 2) || !fn || !it) return UNKNOWN;
    const items = itemsOf(interp, it);
    if (!items) return UNKNOWN;
    const out: Value[] = [];
    for (const x of items) {
      const r = fn.kind === 'none' ? x : lazily(() => interp.call(fn, { args: [x], kwargs: {} }, NOWHERE));
      const t = r && truthy(r);
      if (t === undefined) return UNKNOWN;
      if (t) out.push(x);
    }
    return iteratorOf(out);
  });
  def('reversed', (a, interp) => {
    const [v] = a.args;
    if (!accepts(a, 1, 1) || refOf(v, SetObj)) return UNKNOWN;
    const items = itemsOf(interp, v);
    return items ? iteratorOf([...items].reverse()) : UNKNOWN;
  });
  def('sorted', (a, interp) => {
    const [v] = a.args;
    if (!accepts(a, 1, 1, 'key', 'reverse')) return UNKNOWN;
    const items = unorderedItems(interp, v);
    // Equal keys keep their order: a set has none to keep.
    if (!items || (refOf(v, SetObj) && a.kwargs.key && a.kwargs.key.kind !== 'none')) return UNKNOWN;
    const sorted = sortValues(interp, items, a.kwargs.key, a.kwargs.reverse);
    return sorted ? listOf(sorted) : UNKNOWN;
  });
  def('list', (a, interp) => {
    if (!accepts(a, 0, 1)) return UNKNOWN;
    // A sequence argument of unknown length copied (`levels = list(levels)`): the same items.
    if (a.args[0] && refOf(a.args[0], SymbolicObj)?.sequence) return a.args[0];
    const items = a.args[0] ? itemsOf(interp, a.args[0]) : [];
    if (items) return listOf([...items]);
    // Items of unknown number, all like one (`list(zip(self.layers, args))` over a depth nobody
    // gave): a new list as open, its certain first items kept.
    const v = a.args[0];
    if (v?.kind === 'list' && v.open) return { ...v, items: [...v.items], born: nextSerial() };
    const sample = openSample(v);
    return sample ? openListOf(sample) : UNKNOWN;
  });
  def('tuple', (a, interp) => {
    if (!accepts(a, 0, 1)) return UNKNOWN;
    // A sequence argument of unknown length copied (`levels = list(levels)`): the same items.
    if (a.args[0] && refOf(a.args[0], SymbolicObj)?.sequence) return a.args[0];
    const items = a.args[0] ? itemsOf(interp, a.args[0]) : [];
    return items ? tupleOf([...items]) : UNKNOWN;
  });
  def('set', (a, interp) => {
    if (!accepts(a, 0, 1)) return UNKNOWN;
    const items = a.args[0] ? unorderedItems(interp, a.args[0]) : [];
    return items ? setOf(items) : UNKNOWN;
  });
  const dict: Impl = (a, interp) => {
    accepts(a, 0, 1, ...Object.keys(a.kwargs));
    const d = new DictObj();
    const [v] = a.args;
    if (v) {
      const src = refOf(v, DictObj);
      if (src && isOpaque(v)) return UNKNOWN;
      if (src) for (const [k, kv] of src.entries) d.entries.set(k, kv);
      else {
        const pairs = itemsOf(interp, v);
        if (!pairs) return UNKNOWN;
        for (const pair of pairs) {
          const kv = itemsOf(interp, pair);
          if (!kv || kv.length !== 2 || !dictSet(d, kv[0], kv[1])) return UNKNOWN;
        }
      }
    }
    for (const [k, val] of Object.entries(a.kwargs)) dictSet(d, str(k), val);
    return obj(d);
  };
  def('dict', dict);
  m.set('OrderedDict', m.get('dict')!);
  const extremum = (kind: 'min' | 'max'): Impl => (a, interp) => {
    if (!accepts(a, 1, Infinity, 'key', 'default')) return UNKNOWN;
    const single = a.args.length === 1;
    if (!single && a.kwargs.default !== undefined) return UNKNOWN;
    const items = single ? unorderedItems(interp, a.args[0]) : [...a.args];
    if (!items) return UNKNOWN;
    if (items.length === 0) return a.kwargs.default ?? raise('ValueError');
    const key = a.kwargs.key && a.kwargs.key.kind !== 'none' ? a.kwargs.key : undefined;
    // A set has no order to pick the first of equal candidates by.
    if (key && single && refOf(a.args[0], SetObj)) return UNKNOWN;
    if (!key && items.every((x) => x.kind === 'int') && items.some((x) => !(x as { dim: Dim }).dim.isKnown)) {
      const dims = items.map((x) => (x as { dim: Dim }).dim);
      return int(extremumOfSizes(kind, dims));
    }
    const keys = key ? items.map((x) => interp.call(key, { args: [x], kwargs: {} }, NOWHERE)) : items;
    if (key && keys.some((k) => k.kind === 'unknown')) return UNKNOWN;
    // CPython keeps the first of equal extremes: it replaces only on a strict comparison.
    let best = 0;
    for (let i = 1; i < items.length; i++) {
      const better = scalarCompare(kind === 'min' ? '<' : '>', keys[i], keys[best]);
      if (better === undefined) return UNKNOWN;
      if (better) best = i;
    }
    return items[best];
  };
  def('min', extremum('min'));
  def('max', extremum('max'));
  def('sum', (a, interp) => {
    if (!accepts(a, 1, 2, 'start')) return UNKNOWN;
    const [v] = a.args;
    const start = a.args[1] ?? a.kwargs.start ?? int(0);
    // sum() refuses strings (CPython points to ''.join) and adds floats left to right.
    if (start.kind === 'str') return UNKNOWN;
    const s = isOpaque(v) ? undefined : refOf(v, SetObj);
    const items = s && [...s.items.values()].every((x) => x.kind === 'int' || x.kind === 'bool') ? [...s.items.values()] : itemsOf(interp, v);
    if (!items) return UNKNOWN;
    let acc: Value = start;
    for (const x of items) {
      acc = interp.binary('+', acc, x, NOWHERE, false);
      if (acc.kind === 'unknown') return UNKNOWN;
    }
    return acc;
  });
  def('abs', (a) => {
    const [v] = a.args;
    if (!accepts(a, 1, 1)) return UNKNOWN;
    // A float of unknown value stays one (a ratio of sizes is not negative: itself).
    if (v.kind === 'float' && v.unknown) return v.ratio && v.ratio.num.provablyAtLeast(0) ? v : SOME_FLOAT;
    if (v.kind === 'float') return float(Math.abs(v.value));
    if (v.kind === 'int' && !v.dim.isKnown) return UNKNOWN;
    const n = intOf(v);
    return n === undefined ? UNKNOWN : int(Math.abs(n));
  });
  def('round', (a) => {
    if (!accepts(a, 0, 2, 'number', 'ndigits')) return UNKNOWN;
    const v = a.args[0] ?? a.kwargs.number;
    const nd = a.args[1] ?? a.kwargs.ndigits;
    if (!v || (a.args[0] && a.kwargs.number)) return UNKNOWN;
    if (nd === undefined || nd.kind === 'none') {
      // A float of unknown value (NaN stands for it): exact only as a ratio of sizes that has no
      // tie to round (`round(c / 3)` is `(2*c + 3) // 6`); half-way ratios round to even.
      if (v.kind === 'float' && v.unknown) return (v.ratio && roundedRatio(v.ratio.num, v.ratio.den)) || someInt();
      if (v.kind === 'float') {
        const r = roundHalfEven(v.value);
        return r === undefined ? raise(Number.isNaN(v.value) ? 'ValueError' : 'OverflowError') : int(r);
      }
      // A size of unknown value is already whole (`round(out_chs * bottle_ratio)` with a ratio of 1).
      if (v.kind === 'int' && !v.dim.isKnown) return int(v.dim);
      const n = intOf(v);
      return n === undefined ? UNKNOWN : int(n);
    }
    const digits = intOf(nd);
    if (digits === undefined || nd.kind === 'float') return UNKNOWN;
    if (v.kind === 'float') {
      const r = roundFloat(v.value, digits);
      return r === undefined ? UNKNOWN : float(r);
    }
    const n = intOf(v);
    return n === undefined ? UNKNOWN : roundInt(n, digits);
  });
  def('int', (a) => {
    if (!accepts(a, 0, 2, 'base')) return UNKNOWN;
    const [v] = a.args;
    const baseV = a.args[1] ?? a.kwargs.base;
    if (!v) return baseV ? UNKNOWN : int(0);
    if (baseV !== undefined) {
      const base = intOf(baseV);
      const r = v.kind === 'str' && base !== undefined ? parsePyInt(v.value, base) : UNKNOWN;
      return r === 'invalid' ? raise('ValueError') : r;
    }
    if (v.kind === 'int') return v;
    if (v.kind === 'bool') return int(v.value ? 1 : 0);
    // A float of unknown value: an exact ratio of sizes floors to a size (`int(c2 * 0.5)`).
    if (v.kind === 'float' && v.unknown) return intOfFloat(v) ?? someInt();
    if (v.kind === 'float') return Number.isFinite(v.value) ? int(Math.trunc(v.value)) : raise(Number.isNaN(v.value) ? 'ValueError' : 'OverflowError');
    if (v.kind === 'str') {
      const r = parsePyInt(v.value, 10);
      return r === 'invalid' ? raise('ValueError') : r;
    }
    return v.kind === 'none' || v.kind === 'list' || v.kind === 'tuple' ? raise('TypeError') : UNKNOWN;
  });
  def('float', (a) => {
    if (!accepts(a, 0, 1)) return UNKNOWN;
    const [v] = a.args;
    if (!v) return float(0);
    if (v.kind === 'str') {
      const x = parsePyFloat(v.value);
      return x === undefined ? UNKNOWN : x === 'invalid' ? raise('ValueError') : float(x);
    }
    if (v.kind === 'float' || v.kind === 'int' || v.kind === 'bool') {
      const n = numberOf(v);
      if (n !== undefined) return float(n);
      // A size or a float of unknown value is still a float (exact when it is a ratio of sizes).
      if (v.kind === 'float') return v;
      return v.kind === 'int' ? { kind: 'float', value: Number.NaN, unknown: true, ratio: { num: v.dim, den: 1 } } : UNKNOWN;
    }
    return UNKNOWN;
  });
  def('bool', (a) => (!accepts(a, 0, 1) ? UNKNOWN : a.args[0] ? bool(truthy(a.args[0])) : bool(false)));
  def('str', (a) => {
    if (a.args.length > 1 || Object.keys(a.kwargs).length > 0) return UNKNOWN;
    const [v] = a.args;
    if (!v) return str('');
    const s = pyStr(v);
    return s === undefined ? UNKNOWN : str(s);
  });
  def('repr', (a) => {
    const [v] = a.args;
    const s = accepts(a, 1, 1) ? pyRepr(v) : undefined;
    return s === undefined ? UNKNOWN : str(s);
  });
  def('print', () => NONE);
  // `slice(None, index)`: the value `t[:index]` indexes with (tuples of them index several axes).
  def('slice', (a) => {
    if (!accepts(a, 1, 3)) return UNKNOWN;
    const [x, y, z] = a.args;
    return a.args.length === 1 ? { kind: 'slice', start: NONE, stop: x, step: NONE } : { kind: 'slice', start: x, stop: y, step: z ?? NONE };
  });
  const anyAll = (kind: 'any' | 'all'): Impl => (a, interp) => {
    if (!accepts(a, 1, 1)) return UNKNOWN;
    const items = unorderedItems(interp, a.args[0]);
    if (!items) return UNKNOWN;
    const ts = items.map(truthy);
    const decisive = kind === 'any';
    return ts.some((t) => t === decisive) ? bool(decisive) : ts.some((t) => t === undefined) ? UNKNOWN : bool(!decisive);
  };
  def('any', anyAll('any'));
  def('all', anyAll('all'));
  def('isinstance', (a) => {
    const [v, t] = a.args;
    return accepts(a, 2, 2) ? bool(isInstance(v, t)) : UNKNOWN;
  });
  def('issubclass', (a) => {
    const [c, t] = a.args;
    return accepts(a, 2, 2) ? bool(isSubclass(c, t)) : UNKNOWN;
  });
  // Called from a function, locals() is answered where the frame is known (Interpreter.evalCall).
  def('locals', () => UNKNOWN);
  def('hasattr', ({ args: [v, name] }, interp) => {
    if (!v || name?.kind !== 'str') return UNKNOWN;
    // `hasattr(F, 'scaled_dot_product_attention')` asks which PyTorch is installed: not known here.
    const framework = refOf(v, PyModuleObj);
    if (framework && /^torch(\.|$)/.test(framework.path)) return UNKNOWN;
    if (v.kind === 'none') return bool(false);
    const got = interp.getAttr(v, name.value, NOWHERE);
    return got.kind === 'unknown' ? UNKNOWN : bool(true);
  });
  def('getattr', ({ args: [v, name, dflt] }, interp) => {
    if (!v || name?.kind !== 'str') return UNKNOWN;
    // None has no attribute the code asks of it: the default, or CPython's AttributeError.
    if (v.kind === 'none' && dflt) return dflt;
    const got = interp.getAttr(v, name.value, NOWHERE);
    return got.kind === 'unknown' && dflt ? dflt : got;
  });
  def('setattr', ({ args: [v, name, val] }, interp) => {
    if (v && name?.kind === 'str' && val) interp.setAttr(v, name.value, val);
    return NONE;
  });
  def('super', () => UNKNOWN);
  def('type', (a) => {
    if (a.args.length !== 1 || Object.keys(a.kwargs).length > 0) return UNKNOWN;
    const v = a.args[0];
    const inst = refOf(v, InstanceObj);
    if (inst) return obj(inst.cls);
    if (v.kind === 'tensor' && !v.maybeNone) return obj(TENSOR_TYPE);
    const named = v.kind === 'object' ? (refOf(v, DictObj) ? 'dict' : refOf(v, SetObj) ? 'set' : undefined) : v.kind === 'none' ? undefined : v.kind;
    return named && ['int', 'float', 'str', 'bool', 'list', 'tuple', 'dict', 'set'].includes(named) ? pythonBuiltins().get(named) ?? UNKNOWN : UNKNOWN;
  });
  def('id', () => UNKNOWN);
  def('iter', (a, interp) => {
    const it = a.args.length === 1 && accepts(a, 1, 2) ? refOf(a.args[0], IteratorObj) : undefined;
    if (it) return a.args[0];
    const items = a.args.length === 1 ? itemsOf(interp, a.args[0]) : undefined;
    return items ? iteratorOf(items) : UNKNOWN;
  });
  def('next', (a) => {
    const it = accepts(a, 1, 2) ? refOf(a.args[0], IteratorObj) : undefined;
    const got = it?.next();
    // (With a default, one of unknown length may give either.)
    if (got === undefined) return (a.args.length === 1 && it?.unknownCountItem()) || UNKNOWN;
    return got === 'exhausted' ? a.args[1] ?? raise('StopIteration') : got;
  });
  def('callable', (a) => (accepts(a, 1, 1) ? bool(isAbstractCollection(a.args[0], 'Callable')) : UNKNOWN));
  def('divmod', (a) => {
    const [x, y] = a.args;
    if (!accepts(a, 2, 2)) return UNKNOWN;
    if (x.kind === 'float' || y.kind === 'float') {
      const fx = numberOf(x);
      const fy = numberOf(y);
      const numeric = (v: Value): boolean => v.kind === 'float' || v.kind === 'int' || v.kind === 'bool';
      if (fx === undefined || fy === undefined || !numeric(x) || !numeric(y) || fy === 0 || !Number.isFinite(fx) || !Number.isFinite(fy)) return UNKNOWN;
      return tupleOf([float(floatFloorDiv(fx, fy)), float(floatMod(fx, fy))]);
    }
    const q = scalarBinary('//', x, y);
    const r = scalarBinary('%', x, y);
    return q && r && q.kind === 'int' && r.kind === 'int' ? tupleOf([q, r]) : UNKNOWN;
  });
  def('pow', (a) => {
    const [x, y, mod] = a.args;
    if (!accepts(a, 2, 3) || !x || !y) return UNKNOWN;
    if (!mod || mod.kind === 'none') return scalarBinary('**', x, y) ?? UNKNOWN;
    const [b, e, n] = [intOf(x), intOf(y), intOf(mod)];
    if (b === undefined || e === undefined || n === undefined || e < 0 || n === 0) return UNKNOWN;
    const modulus = BigInt(Math.abs(n));
    let r = 1n % modulus;
    let base = ((BigInt(b) % modulus) + modulus) % modulus;
    for (let k = BigInt(e); k > 0n; k >>= 1n) {
      if (k & 1n) r = (r * base) % modulus;
      base = (base * base) % modulus;
    }
    // The result takes the sign of the modulus, like %.
    return bigInt(n < 0 && r !== 0n ? r - modulus : r);
  });
  def('chr', (a) => {
    const n = intOf(a.args[0]);
    if (!accepts(a, 1, 1) || n === undefined) return UNKNOWN;
    return n < 0 || n > 0x10ffff ? raise('ValueError') : str(String.fromCodePoint(n));
  });
  def('ord', (a) => {
    const [v] = a.args;
    const cs = v?.kind === 'str' ? [...v.value] : [];
    return accepts(a, 1, 1) && cs.length === 1 ? int(cs[0].codePointAt(0)!) : UNKNOWN;
  });
  const radix = (prefix: string, base: number): Impl => (a) => {
    const [v] = a.args;
    const n = v && v.kind !== 'float' ? intOf(v) : undefined;
    if (!accepts(a, 1, 1) || n === undefined) return UNKNOWN;
    return str(`${n < 0 ? '-' : ''}${prefix}${Math.abs(n).toString(base)}`);
  };
  def('hex', radix('0x', 16));
  def('oct', radix('0o', 8));
  def('bin', radix('0b', 2));
  // `object.__getattribute__(obj, name)`: the plain lookup (torchvision's WeightsEnum.__getattr__ uses it).
  OBJECT.attrs.set('__getattribute__', obj(new BuiltinObj('object.__getattribute__', ({ args }, site, interp) => {
    const name = args[1]?.kind === 'str' ? args[1].value : undefined;
    return args[0] && name !== undefined ? interp.getAttr(args[0], name, site) : UNKNOWN;
  })));
  m.set('object', obj(OBJECT));
  for (const t of ['int', 'float', 'str', 'bool', 'list', 'tuple', 'dict', 'set', 'range']) m.set(`type:${t}`, m.get(t)!);

  // Reading a workspace config (dataFiles.ts); eval of a name or literal (interpreter.ts).
  m.set('open', openBuiltin());
  m.set('eval', obj(new BuiltinObj('eval', () => UNKNOWN)));
  // `Ellipsis` is the value `...` writes (`t[(None, Ellipsis)]`, built up as a tuple by code).
  m.set('Ellipsis', { kind: 'ellipsis' });
  return m;
}

/** issubclass(c, t) for classes we model; undefined when not known. */
function isSubclass(c: Value, t: Value): boolean | undefined {
  if (t.kind === 'tuple') {
    const rs = t.items.map((x) => isSubclass(c, x));
    return rs.some((r) => r === true) ? true : rs.some((r) => r === undefined) ? undefined : false;
  }
  const cls = refOf(c, ClassObj);
  const op = refOf(c, OpRefObj);
  const base = refOf(t, ClassObj);
  const baseOp = refOf(t, OpRefObj);
  const baseBuiltin = refOf(t, BuiltinObj);
  if (base) return cls ? cls.mro().includes(base) : op ? false : undefined;
  if (baseOp) return cls ? (cls.frameworkBase === undefined ? (cls.mro().some((k) => k.unknownBase) ? undefined : false) : cls.frameworkBase === baseOp.op) : op ? op.op === baseOp.op : undefined;
  if (baseBuiltin?.name === 'torch.nn.Module') return cls ? (cls.isModule ? true : undefined) : op ? op.op.kind === 'module' : undefined;
  return undefined;
}

/** isinstance(v, collections.abc.<abc>) for the values we model; undefined when not known. */
function isAbstractCollection(v: Value, abc: string): boolean | undefined {
  if (v.kind === 'unknown') return undefined;
  const r = v.kind === 'object' ? v.ref : undefined;
  const sequence = v.kind === 'list' || v.kind === 'tuple' || v.kind === 'str' || r instanceof RangeObj;
  const mapping = r instanceof DictObj;
  const set = r instanceof SetObj;
  const scalar = v.kind === 'int' || v.kind === 'float' || v.kind === 'bool' || v.kind === 'none' || v.kind === 'dtype';
  // Instances of user classes may define __iter__/__len__/__call__: not decided here, except
  // callable(), which asks whether the class (all of it known) has __call__.
  if (r instanceof InstanceObj) {
    if (abc !== 'Callable') return undefined;
    if (r.cls.isModule || r.cls.lookup('__call__')) return true;
    return r.cls.mro().some((k) => k.unknownBase) ? undefined : false;
  }
  switch (abc) {
    case 'Sequence': return sequence;
    case 'MutableSequence': return v.kind === 'list';
    case 'Mapping': return mapping;
    case 'MutableMapping': return mapping;
    case 'Set': return set;
    case 'Iterator': return r instanceof IteratorObj;
    // (A tensor has no __call__: lucidrains' `d() if callable(d) else d` of `default(context, x)`.)
    case 'Callable': return r instanceof FunctionObj || r instanceof BuiltinObj || r instanceof ClassObj || r instanceof OpRefObj || r instanceof LayerObj || r instanceof PartialObj ? true : scalar || sequence || mapping || set || v.kind === 'tensor' ? false : undefined;
    default: // Iterable, Sized, Container, Collection
      if (sequence || mapping || set || v.kind === 'tensor' || r instanceof ContainerObj) return true;
      if (abc === 'Iterable' && (r instanceof IteratorObj || r instanceof DictViewObj)) return true;
      return scalar || r instanceof FunctionObj || r instanceof LayerObj ? false : undefined;
  }
}

/** isinstance against classes we model: user classes, nn layers, containers, builtins. */
/** The builtins that are classes. */
const BUILTIN_TYPES = new Set(['int', 'float', 'str', 'bool', 'list', 'tuple', 'dict', 'set', 'range', 'object', 'type']);

function isInstance(v: Value, t: Value): boolean | undefined {
  // An object standing for a constructor argument nobody gave (`attn_layers`): of any class;
  // known a list or tuple (`levels: list[int]`), of none of the scalar builtins.
  const symbolic = refOf(v, SymbolicObj);
  if (symbolic?.sequence && t.kind !== 'tuple' && ['int', 'float', 'bool', 'str', 'dict', 'set'].includes(refOf(t, BuiltinObj)?.name ?? '')) return false;
  if (symbolic) return undefined;
  if (t.kind !== 'tuple' && refOf(v, ProbeContainerObj)) {
    // An input holding tensors (containerProbes.ts): what its annotation said it is.
    const name = refOf(t, BuiltinObj)?.name;
    return name ? refOf(v, ProbeContainerObj)!.isInstanceOf(name) : undefined;
  }
  if (t.kind === 'tuple') {
    const rs = t.items.map((x) => isInstance(v, x));
    return rs.some((r) => r === true) ? true : rs.some((r) => r === undefined) ? undefined : false;
  }
  const cls = refOf(t, ClassObj);
  const op = refOf(t, OpRefObj);
  const builtin = refOf(t, BuiltinObj);
  const inst = refOf(v, InstanceObj);
  if (cls) {
    // Everything is an object.
    if (cls === OBJECT) return v.kind === 'unknown' ? undefined : true;
    return inst ? inst.cls.mro().includes(cls) : v.kind === 'unknown' ? undefined : false;
  }
  if (op) {
    const layer = refOf(v, LayerObj);
    if (layer) return layer.instance.op === op.op;
    if (inst) return inst.cls.frameworkBase === op.op;
    return v.kind === 'unknown' ? undefined : false;
  }
  if (builtin) {
    const name = builtin.name;
    if (name === 'torch.nn.Module') return refOf(v, LayerObj) || refOf(v, ContainerObj) || inst?.cls.isModule ? true : v.kind === 'unknown' ? undefined : false;
    if (name.startsWith('torch.nn.')) {
      const c = refOf(v, ContainerObj);
      return c ? `torch.nn.${c.kind}` === name : v.kind === 'unknown' ? undefined : false;
    }
    if (name === 'torch.Tensor') return v.kind === 'tensor' ? true : v.kind === 'unknown' ? undefined : false;
    if (name.startsWith('collections.abc.')) return isAbstractCollection(v, name.slice('collections.abc.'.length));
    if (name.startsWith('numbers.')) return isNumberKind(v, name.slice('numbers.'.length));
    if ((FUNCTION_TYPES as readonly string[]).includes(name)) return isFunctionKind(v, name);
    // Classes are instances of `type` (an nn layer class too: timm's get_norm_act_layer asks).
    if (name === 'type') {
      if (v.kind === 'unknown') return undefined;
      const isClass = refOf(v, ClassObj) !== undefined || refOf(v, OpRefObj)?.op.kind === 'module' || (refOf(v, BuiltinObj) !== undefined && BUILTIN_TYPES.has(refOf(v, BuiltinObj)!.name));
      if (isClass) return true;
      return v.kind !== 'object' || refOf(v, FunctionObj) || refOf(v, PartialObj) || refOf(v, InstanceObj) ? false : undefined;
    }
    const kinds: Record<string, string[]> = { int: ['int', 'bool'], float: ['float'], str: ['str'], bool: ['bool'], list: ['list'], tuple: ['tuple'], dict: [], set: [], range: [] };
    if (Object.prototype.hasOwnProperty.call(kinds, name)) {
      if (v.kind === 'unknown') return undefined;
      if (name === 'dict') return refOf(v, DictObj) !== undefined;
      if (name === 'set') return refOf(v, SetObj) !== undefined;
      if (name === 'range') return refOf(v, RangeObj) !== undefined;
      return kinds[name].includes(v.kind);
    }
  }
  return undefined;
}

export { scalarCompare, keyOf };

/** round(num / den) for a size num: num itself, or a floor division when den is odd (no half-way value). */
function roundedRatio(num: Dim, den: number): Value | undefined {
  if (den === 1) return int(num);
  if (den % 2 === 0) return undefined;
  const q = num.mul(2).add(den).floordiv(2 * den);
  return q ? int(q) : undefined;
}

/**
 * A whole number of unknown value (`int(round(chs * 0.25))`): a size of its own, so a layer built
 * with it still says the sizes that do not depend on it (an SE block's reduced channels).
 */
function someInt(): Value {
  return { kind: 'int', dim: Dim.unknown() };
}
