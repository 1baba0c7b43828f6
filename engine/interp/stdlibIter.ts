// itertools, functools.reduce, operator and copy: the standard library model code leans on to build
// layer lists (`repeat(x, n)`, `chain(*blocks)`, `copy.deepcopy(layer)` N times). Finite results
// are exact; anything infinite (`count()`, `cycle`, `repeat(x)`) or unenumerable is Unknown.
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import type { Host } from './host';
import { BuiltinObj, ContainerObj, DictObj, InstanceObj, LayerObj, PyModuleObj, obj, refOf, type CallArgs } from './objects';
import { SetObj, int, intOf, isOpaque, iteratorOf, listOf, mutableItems, tupleOf } from './pyvalues';
import { raise } from './pyRaise';

const NOWHERE = { start: 0, end: 0 };

/** The items of an iterable, undefined when they are not known. */
function items(host: Host, v: Value | undefined): Value[] | undefined {
  if (!v || isOpaque(v)) return undefined;
  const s = refOf(v, SetObj);
  if (s) return s.items.size <= 1 ? [...s.items.values()] : undefined;
  return host.iterate(v);
}

function builtin(name: string, f: (a: CallArgs, host: Host) => Value): Value {
  return obj(new BuiltinObj(name, (a, _site, host) => f(a, host)));
}

/** Every r-length selection of `pool` (ordered when `ordered`, with repeats when `repeats`);
 *  undefined past MAX_ITEMS of them. */
function selections(pool: readonly Value[], r: number, ordered: boolean, repeats: boolean): Value[][] | undefined {
  const out: Value[][] = [];
  const pick = (start: number, chosen: number[]): void => {
    if (out.length > MAX_ITEMS) return;
    if (chosen.length === r) {
      out.push(chosen.map((i) => pool[i]));
      return;
    }
    for (let i = ordered ? 0 : start; i < pool.length; i++) {
      if (!repeats && chosen.includes(i)) continue;
      pick(repeats ? i : i + 1, [...chosen, i]);
    }
  };
  if (r <= pool.length || repeats) pick(0, []);
  return out.length > MAX_ITEMS ? undefined : out;
}

/** Past this many items a combinatorial result is left Unknown (a model never needs more). */
const MAX_ITEMS = 10_000;

export function itertoolsModule(): Value {
  const m = new Map<string, Value>();
  m.set('repeat', builtin('itertools.repeat', ({ args, kwargs }) => {
    const n = args[1] ?? kwargs.times;
    const count = n ? intOf(n) : undefined;
    if (!args[0] || count === undefined) return UNKNOWN; // repeat(x) forever
    return iteratorOf(Array.from({ length: Math.max(0, count) }, () => args[0]));
  }));
  const concat = (host: Host, iterables: readonly Value[] | undefined): Value => {
    const parts = iterables?.map((a) => items(host, a));
    return parts && parts.every((p) => p) ? iteratorOf(parts.flatMap((p) => p!)) : UNKNOWN;
  };
  const fromIterable = builtin('itertools.chain.from_iterable', ({ args }, host) => concat(host, items(host, args[0])));
  m.set('chain', obj(new BuiltinObj('itertools.chain', ({ args }, _site, host) => concat(host, args), false, new Map([['from_iterable', fromIterable]]))));
  m.set('product', builtin('itertools.product', ({ args, kwargs }, host) => {
    const times = kwargs.repeat ? intOf(kwargs.repeat) : 1;
    const pools = args.map((a) => items(host, a));
    if (times === undefined || times < 0 || pools.some((p) => !p)) return UNKNOWN;
    const all = Array.from({ length: times }, () => pools as Value[][]).flat();
    let out: Value[][] = [[]];
    for (const pool of all) {
      out = out.flatMap((prefix) => pool.map((x) => [...prefix, x]));
      if (out.length > MAX_ITEMS) return UNKNOWN;
    }
    return iteratorOf(out.map(tupleOf));
  }));
  m.set('accumulate', builtin('itertools.accumulate', ({ args, kwargs }, host) => {
    const xs = items(host, args[0]);
    const fn = args[1] ?? kwargs.func;
    if (!xs) return UNKNOWN;
    const out: Value[] = [];
    let acc: Value | undefined = kwargs.initial && kwargs.initial.kind !== 'none' ? kwargs.initial : undefined;
    if (acc) out.push(acc);
    for (const x of xs) {
      acc = acc === undefined ? x : fn && fn.kind !== 'none' ? host.call(fn, { args: [acc, x], kwargs: {} }, NOWHERE) : host.binary('+', acc, x, NOWHERE, false);
      out.push(acc);
    }
    return iteratorOf(out);
  }));
  m.set('zip_longest', builtin('itertools.zip_longest', ({ args, kwargs }, host) => {
    const lists = args.map((a) => items(host, a));
    if (lists.some((l) => !l)) return UNKNOWN;
    const fill = kwargs.fillvalue ?? { kind: 'none' };
    const n = Math.max(0, ...lists.map((l) => l!.length));
    return iteratorOf(Array.from({ length: n }, (_, i) => tupleOf(lists.map((l) => (i < l!.length ? l![i] : fill)))));
  }));
  m.set('islice', builtin('itertools.islice', ({ args }, host) => {
    const xs = items(host, args[0]);
    const bound = (v: Value | undefined): number | null | undefined => (v === undefined || v.kind === 'none' ? null : intOf(v));
    const [start, stop, step] = args.length <= 2 ? [0, bound(args[1]), 1] : [bound(args[1]) ?? 0, bound(args[2]), bound(args[3]) ?? 1];
    if (!xs || start === undefined || stop === undefined || step === undefined || step <= 0) return UNKNOWN;
    const out: Value[] = [];
    for (let i = start; i < (stop ?? xs.length) && i < xs.length; i += step) out.push(xs[i]);
    return iteratorOf(out);
  }));
  const choose = (name: string, ordered: boolean, repeats: boolean): void => {
    m.set(name, builtin(`itertools.${name}`, ({ args, kwargs }, host) => {
      const pool = items(host, args[0]);
      const rv = args[1] ?? kwargs.r;
      const r = rv && rv.kind !== 'none' ? intOf(rv) : pool?.length;
      // A negative r is Python's ValueError: left unknown, as are very long selections.
      if (!pool || r === undefined || r < 0 || r > 12 || pool.length > 12) return UNKNOWN;
      const chosen = selections(pool, r, ordered, repeats);
      return chosen ? iteratorOf(chosen.map(tupleOf)) : UNKNOWN;
    }));
  };
  choose('permutations', true, false);
  choose('combinations', false, false);
  choose('combinations_with_replacement', false, true);
  m.set('starmap', builtin('itertools.starmap', ({ args }, host) => {
    const xs = items(host, args[1]);
    const tuples = xs?.map((x) => items(host, x));
    if (!args[0] || !tuples || tuples.some((t) => !t)) return UNKNOWN;
    return iteratorOf(tuples.map((t) => host.call(args[0], { args: t!, kwargs: {} }, NOWHERE)));
  }));
  m.set('pairwise', builtin('itertools.pairwise', ({ args }, host) => {
    const xs = items(host, args[0]);
    return xs ? iteratorOf(xs.slice(1).map((x, i) => tupleOf([xs[i], x]))) : UNKNOWN;
  }));
  for (const name of ['count', 'cycle', 'groupby', 'tee', 'takewhile', 'dropwhile', 'filterfalse', 'compress', 'batched']) {
    m.set(name, builtin(`itertools.${name}`, () => UNKNOWN));
  }
  return obj(new PyModuleObj('itertools', m));
}

/** functools.reduce(fn, iterable[, initial]). */
export const reduceBuiltin = builtin('functools.reduce', ({ args }, host) => {
  const [fn, it, initial] = args;
  const xs = items(host, it);
  if (!fn || !xs) return UNKNOWN;
  let acc = initial;
  for (const x of xs) acc = acc === undefined ? x : host.call(fn, { args: [acc, x], kwargs: {} }, NOWHERE);
  return acc ?? raise('TypeError');
});

/** The operator module's functional forms of the operators (`operator.mul` in a reduce). */
export function operatorModule(): Value {
  const m = new Map<string, Value>();
  const binary = { add: '+', sub: '-', mul: '*', truediv: '/', floordiv: '//', mod: '%', pow: '**', matmul: '@', and_: '&', or_: '|', xor: '^', lshift: '<<', rshift: '>>' } as const;
  for (const [name, op] of Object.entries(binary)) {
    m.set(name, builtin(`operator.${name}`, ({ args }, host) => (args.length === 2 ? host.binary(op, args[0], args[1], NOWHERE, false) : raise('TypeError'))));
  }
  m.set('getitem', builtin('operator.getitem', ({ args }, host) => (args.length === 2 ? host.getItem(args[0], args[1], NOWHERE) : raise('TypeError'))));
  m.set('index', builtin('operator.index', ({ args }) => (args[0]?.kind === 'int' ? args[0] : args[0]?.kind === 'bool' ? int(args[0].value ? 1 : 0) : UNKNOWN)));
  return obj(new PyModuleObj('operator', m));
}

/**
 * copy.deepcopy: a structural copy (layers and modules get parameters of their own, as PyTorch's
 * copies do); functions, classes and modules are shared, as Python shares them.
 */
export function deepCopy(host: Host, v: Value, memo = new Map<object, Value>()): Value {
  const seen = (key: object, made: Value): Value => (memo.set(key, made), made);
  if (v.kind === 'tensor') {
    const hit = memo.get(v);
    if (hit) return hit;
    const copy: Value = { ...v };
    if (host.parameterTensors.has(v)) host.parameterTensors.add(copy);
    if (host.bufferTensors.has(v)) host.bufferTensors.add(copy);
    return seen(v, copy);
  }
  if (v.kind === 'list') {
    const hit = memo.get(v);
    if (hit) return hit;
    const copy = listOf([]);
    memo.set(v, copy);
    mutableItems(copy).push(...v.items.map((x) => deepCopy(host, x, memo)));
    if (v.open) Object.assign(copy, { open: true, sample: v.sample && deepCopy(host, v.sample, memo), known: v.known });
    return copy;
  }
  if (v.kind === 'tuple') return tupleOf(v.items.map((x) => deepCopy(host, x, memo)));
  if (v.kind !== 'object') return v;
  const hit = memo.get(v.ref);
  if (hit) return hit;
  const r = v.ref;
  if (r instanceof LayerObj) {
    const copy = new LayerObj({ ...r.instance }, r.constructedAt, () => r.syntax);
    copy.training = r.training;
    copy.lazy = r.lazy;
    return seen(r, obj(copy));
  }
  if (r instanceof InstanceObj) {
    const copy = new InstanceObj(r.cls, r.constructedAt);
    const made = seen(r, obj(copy));
    for (const [k, x] of r.attrs) copy.attrs.set(k, deepCopy(host, x, memo));
    copy.moduleOrder.push(...r.moduleOrder);
    copy.paramNames.push(...r.paramNames);
    copy.unknownChildren = r.unknownChildren;
    copy.training = r.training;
    copy.base = r.base && { ...r.base };
    return made;
  }
  if (r instanceof ContainerObj) {
    const copy = new ContainerObj(r.kind, [], r.constructedAt);
    const made = seen(r, obj(copy));
    copy.items.push(...r.items.map(([k, x]) => [k, deepCopy(host, x, memo)] as [string, Value]));
    Object.assign(copy, { open: r.open, known: r.known, training: r.training });
    copy.sample = r.sample && deepCopy(host, r.sample, memo);
    return made;
  }
  if (r instanceof DictObj) {
    const copy = new DictObj();
    const made = seen(r, obj(copy));
    for (const [k, [key, x]] of r.entries) copy.entries.set(k, [key, deepCopy(host, x, memo)]);
    copy.open = r.open;
    return made;
  }
  if (r instanceof SetObj) {
    const copy = new SetObj();
    for (const [k, x] of r.items) copy.items.set(k, x);
    copy.open = r.open;
    return seen(r, obj(copy));
  }
  return v;
}

/** copy.copy: a new container holding the same items (a module's attributes shared). */
function shallowCopy(v: Value): Value {
  if (v.kind === 'list') {
    const copy = listOf([...v.items]);
    if (v.open) Object.assign(copy, { open: true, sample: v.sample, known: v.known });
    return copy;
  }
  if (v.kind !== 'object') return v;
  const r = v.ref;
  if (r instanceof DictObj) {
    const copy = new DictObj();
    for (const [k, e] of r.entries) copy.entries.set(k, [e[0], e[1]]);
    copy.open = r.open;
    return obj(copy);
  }
  if (r instanceof InstanceObj && !r.cls.isModule) {
    const copy = new InstanceObj(r.cls, r.constructedAt);
    for (const [k, x] of r.attrs) copy.attrs.set(k, x);
    return obj(copy);
  }
  // A shallow copy of a module shares its parameters: not modelled.
  return r instanceof LayerObj || r instanceof InstanceObj || r instanceof ContainerObj ? UNKNOWN : v;
}

export function copyModule(): Value {
  return obj(new PyModuleObj('copy', new Map<string, Value>([
    ['deepcopy', builtin('copy.deepcopy', ({ args }, host) => (args[0] ? deepCopy(host, args[0]) : raise('TypeError')))],
    ['copy', builtin('copy.copy', ({ args }) => (args[0] ? shallowCopy(args[0]) : raise('TypeError')))],
  ])));
}
