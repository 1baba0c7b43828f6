// JavaScript's global names as the interpreter models them (Math, console, Array, Object, JSON,
// Number, parseInt, require, Promise...) and the hidden helpers the TypeScript frontend lowers
// JavaScript's own semantics into (jsNames.ts). Made once; they reach the running interpreter
// through their call's host.
import { Dim } from '../shape/dim';
import type { Value } from '../value';
import { NONE, UNKNOWN } from '../value';
import { isAttrTarget, type AttrSource } from './attrSource';
import type { Host } from './host';
import type { Range } from './ir';
import { JS_HELPERS } from './jsNames';
import { jsNumber, jsOperator } from './jsOperators';
import { BuiltinObj, DictObj, PyModuleObj, obj, refOf, type CallArgs } from './objects';
import { bool, int, listOf, mutableItems, numberOf, str, truthy, tupleOf } from './pyvalues';

type Impl = (a: readonly Value[], host: Host) => Value;

const MAX_ITEMS = 100_000;

function builtin(name: string, impl: Impl): Value {
  return obj(new BuiltinObj(name, ({ args }: CallArgs, _site, host) => impl(args, host)));
}

/** A global that is a function with members (`Number("3")` and `Number.isInteger`). */
class CallableNamespace extends BuiltinObj implements AttrSource {
  constructor(name: string, call: (args: CallArgs, site: Range, host: Host) => Value, private readonly members: Record<string, Value>) {
    super(name, call);
  }
  attr(_host: Host, name: string): Value | undefined {
    return this.members[name];
  }
}

/** A namespace object such as `Math`: attributes only. */
function namespace(name: string, members: Record<string, Value>): Value {
  return obj(new PyModuleObj(name, new Map(Object.entries(members))));
}

let shared: Map<string, Value> | undefined;

export function javascriptBuiltins(): Map<string, Value> {
  return (shared ??= makeBuiltins());
}

/** The key a JavaScript object literal stores a property under (`obj[0]` is `obj['0']`). */
export function propertyKey(v: Value): string | undefined {
  if (v.kind === 'str') return v.value;
  if (v.kind === 'int' && v.dim.isKnown) return String(v.dim.value);
  if (v.kind === 'float') return String(v.value);
  if (v.kind === 'bool') return String(v.value);
  return undefined;
}

/** `obj[key]` and `obj.key` on plain values; undefined when `obj` is not a plain value. */
export function plainGet(o: Value, key: Value): Value | undefined {
  if (o.kind === 'list' || o.kind === 'tuple' || o.kind === 'str') {
    const k = propertyKey(key);
    if (k === undefined) return UNKNOWN;
    if (k === 'length') return int(o.kind === 'str' ? o.value.length : o.items.length);
    if (!/^\d+$/.test(k)) return undefined;
    const i = Number(k);
    if (o.kind === 'str') return i < o.value.length ? str(o.value[i]) : NONE;
    return o.items[i] ?? NONE;
  }
  const d = refOf(o, DictObj);
  if (d) {
    const k = propertyKey(key);
    return k === undefined ? UNKNOWN : d.entries.get(`s:${k}`)?.[1] ?? NONE;
  }
  if (o.kind === 'dict') {
    // An object an op returns (`tf.moments` gives {mean, variance}).
    const k = propertyKey(key);
    return k === undefined ? UNKNOWN : o.entries.find(([ek]) => ek.kind === 'str' && ek.value === k)?.[1] ?? NONE;
  }
  return undefined;
}

function get(host: Host, o: Value, key: Value): Value {
  const plain = plainGet(o, key);
  if (plain !== undefined) return plain;
  if (o.kind === 'tensor' || o.kind === 'unknown' || o.kind === 'none') return UNKNOWN;
  return key.kind === 'str' ? host.getAttr(o, key.value, { start: 0, end: 0 }) : UNKNOWN;
}

function set(host: Host, o: Value, key: Value, value: Value): void {
  const d = refOf(o, DictObj);
  const k = propertyKey(key);
  if (d) {
    if (k !== undefined) d.entries.set(`s:${k}`, [str(k), value]);
    else d.entries.clear(); // a write we cannot place: nothing read back from it is certain
    return;
  }
  if (o.kind === 'list') {
    const items = mutableItems(o);
    const i = k !== undefined && /^\d+$/.test(k) ? Number(k) : undefined;
    if (i === undefined || i > MAX_ITEMS) return;
    while (items.length < i) items.push(NONE);
    items[i] = value;
    return;
  }
  if (key.kind !== 'str') return;
  if (o.kind === 'object' && isAttrTarget(o.ref) && o.ref.setAttr(host, key.value, value)) return;
  host.setAttr(o, key.value, value);
}

function range(args: readonly Value[]): Value {
  const n = args.map((a) => (a.kind === 'int' ? a.dim.value : undefined));
  if (n.some((x) => x === undefined) || n.length === 0) return UNKNOWN;
  const [start, stop, step] = n.length === 1 ? [0, n[0]!, 1] : [n[0]!, n[1]!, n[2] ?? 1];
  if (step === 0) return UNKNOWN;
  const out: Value[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
    out.push(int(i));
    if (out.length > MAX_ITEMS) return UNKNOWN;
  }
  return listOf(out);
}

/** The values of `const {a, b = 1, ...rest} = o`. */
function pick(host: Host, o: Value, keys: Value, defaults: Value, rest: Value): Value {
  const ks = keys.kind === 'list' ? keys.items : [];
  const ds = defaults.kind === 'list' ? defaults.items : [];
  const out = ks.map((k, i) => {
    const v = o.kind === 'unknown' ? UNKNOWN : get(host, o, k);
    return v.kind === 'none' && ds[i] ? ds[i] : v;
  });
  if (truthy(rest)) {
    const d = refOf(o, DictObj);
    if (!d) out.push(UNKNOWN);
    else {
      const r = new DictObj();
      const taken = new Set(ks.map((k) => `s:${propertyKey(k)}`));
      for (const [k, kv] of d.entries) if (!taken.has(k)) r.entries.set(k, kv);
      out.push(obj(r));
    }
  }
  return tupleOf(out);
}

/** The values of `const [a, b = 1, ...rest] = xs` (JavaScript does not require the lengths to match). */
function items(host: Host, xs: Value, count: Value, defaults: Value, rest: Value): Value {
  const n = count.kind === 'int' ? count.dim.value ?? 0 : 0;
  const ds = defaults.kind === 'list' ? defaults.items : [];
  const all = xs.kind === 'tensor' ? undefined : host.iterate(xs);
  const out: Value[] = [];
  for (let i = 0; i < n; i++) {
    const v = all ? all[i] ?? NONE : UNKNOWN;
    out.push(v.kind === 'none' && ds[i] ? ds[i] : v);
  }
  if (truthy(rest)) out.push(all ? listOf(all.slice(n)) : UNKNOWN);
  return tupleOf(out);
}

function importSpecifier(host: Host, spec: Value | undefined): Value {
  if (spec?.kind !== 'str') return UNKNOWN;
  const relative = spec.value.startsWith('.') || spec.value.startsWith('/');
  return host.importModule(spec.value, relative ? 1 : 0);
}

/** Math.floor and friends: a known number, or a symbolic int left as it is (already integral). */
function mathFn(name: string, f: (x: number) => number, integral: boolean): Value {
  return builtin(`Math.${name}`, ([x]) => {
    if (!x) return UNKNOWN;
    if (integral && x.kind === 'int') return x;
    const n = numberOf(x);
    return n === undefined ? UNKNOWN : jsNumber(f(n));
  });
}

function extremum(kind: 'min' | 'max'): Value {
  return builtin(`Math.${kind}`, (args) => {
    if (args.length === 0) return jsNumber(kind === 'min' ? Infinity : -Infinity);
    if (args.every((x) => x.kind === 'int')) {
      const dims = args.map((x) => (x as { dim: Dim }).dim);
      return int(kind === 'min' ? Dim.min(...dims) : Dim.max(...dims));
    }
    const nums = args.map(numberOf);
    if (nums.some((x) => x === undefined)) return UNKNOWN;
    return jsNumber(kind === 'min' ? Math.min(...(nums as number[])) : Math.max(...(nums as number[])));
  });
}

function arrayFrom(host: Host, src: Value | undefined, fn: Value | undefined): Value {
  if (!src) return listOf([]);
  let xs: Value[] | undefined;
  const d = refOf(src, DictObj);
  if (d) {
    // `Array.from({length: n}, (_, i) => ...)`
    const len = d.entries.get('s:length')?.[1];
    const n = len?.kind === 'int' ? len.dim.value : undefined;
    if (n === undefined || n > MAX_ITEMS) return UNKNOWN;
    xs = Array.from({ length: n }, () => NONE);
  } else if (src.kind !== 'tensor') xs = host.iterate(src);
  if (!xs) return UNKNOWN;
  if (!fn || fn.kind === 'none') return listOf([...xs]);
  return listOf(xs.map((x, i) => host.call(fn, { args: [x, int(i)], kwargs: {} }, { start: 0, end: 0 })));
}

function objectEntries(o: Value | undefined, part: 'keys' | 'values' | 'entries'): Value {
  const d = o && refOf(o, DictObj);
  if (d) {
    const es = [...d.entries.values()];
    return listOf(es.map(([k, v]) => (part === 'keys' ? k : part === 'values' ? v : listOf([k, v]))));
  }
  if (o && (o.kind === 'list' || o.kind === 'tuple')) {
    return listOf(o.items.map((v, i) => (part === 'keys' ? str(String(i)) : part === 'values' ? v : listOf([str(String(i)), v]))));
  }
  return UNKNOWN;
}

function makeBuiltins(): Map<string, Value> {
  const m = new Map<string, Value>();
  const def = (name: string, impl: Impl): void => {
    m.set(name, builtin(name, impl));
  };

  // ---- hidden helpers (jsNames.ts) ----
  def(JS_HELPERS.op, ([op, a, b]) => (op?.kind === 'str' && a && b ? jsOperator(op.value, a, b) : UNKNOWN));
  def(JS_HELPERS.get, ([o, k], host) => (o && k ? get(host, o, k) : UNKNOWN));
  def(JS_HELPERS.set, ([o, k, v], host) => {
    if (o && k && v) set(host, o, k, v);
    return v ?? UNKNOWN;
  });
  def(JS_HELPERS.pick, ([o, keys, defaults, rest], host) => (o && keys && defaults && rest ? pick(host, o, keys, defaults, rest) : UNKNOWN));
  def(JS_HELPERS.items, ([xs, n, defaults, rest], host) => (xs && n && defaults && rest ? items(host, xs, n, defaults, rest) : UNKNOWN));
  def(JS_HELPERS.nullish, ([a, b]) => (!a || !b ? UNKNOWN : a.kind === 'none' ? b : a.kind === 'unknown' ? UNKNOWN : a));
  def(JS_HELPERS.range, (args) => range(args));
  def(JS_HELPERS.keys, ([o]) => objectEntries(o, 'keys'));
  def(JS_HELPERS.import, ([spec], host) => importSpecifier(host, spec));

  // ---- globals ----
  def('require', ([spec], host) => importSpecifier(host, spec));
  // The interpreter turns a zero-argument `super()` into the bound base lookup.
  def('super', () => UNKNOWN);
  m.set('Math', namespace('Math', {
    floor: mathFn('floor', Math.floor, true), ceil: mathFn('ceil', Math.ceil, true), round: mathFn('round', Math.round, true),
    trunc: mathFn('trunc', Math.trunc, true), abs: mathFn('abs', Math.abs, false), sqrt: mathFn('sqrt', Math.sqrt, false),
    log: mathFn('log', Math.log, false), log2: mathFn('log2', Math.log2, false), log10: mathFn('log10', Math.log10, false),
    exp: mathFn('exp', Math.exp, false), sign: mathFn('sign', Math.sign, false), tanh: mathFn('tanh', Math.tanh, false),
    cos: mathFn('cos', Math.cos, false), sin: mathFn('sin', Math.sin, false),
    max: extremum('max'), min: extremum('min'),
    pow: builtin('Math.pow', ([a, b]) => (a && b ? jsOperator('**', a, b) : UNKNOWN)),
    random: builtin('Math.random', () => UNKNOWN),
    PI: jsNumber(Math.PI), E: jsNumber(Math.E),
  }));
  const quiet = builtin('console.log', () => NONE);
  m.set('console', namespace('console', { log: quiet, warn: quiet, error: quiet, info: quiet, debug: quiet, time: quiet, timeEnd: quiet, table: quiet }));
  m.set('JSON', namespace('JSON', { stringify: builtin('JSON.stringify', () => UNKNOWN), parse: builtin('JSON.parse', () => UNKNOWN) }));
  m.set('Object', namespace('Object', {
    keys: builtin('Object.keys', ([o]) => objectEntries(o, 'keys')),
    values: builtin('Object.values', ([o]) => objectEntries(o, 'values')),
    entries: builtin('Object.entries', ([o]) => objectEntries(o, 'entries')),
    assign: builtin('Object.assign', ([target, ...sources], host) => {
      if (!target) return UNKNOWN;
      const d = refOf(target, DictObj);
      for (const s of sources) {
        const src = refOf(s, DictObj);
        if (d && src) for (const [k, kv] of src.entries) d.entries.set(k, kv);
        else if (d && s.kind !== 'none') d.entries.clear();
      }
      void host;
      return target;
    }),
    freeze: builtin('Object.freeze', ([o]) => o ?? UNKNOWN),
  }));
  m.set('Array', obj(new CallableNamespace('Array', ({ args }) => {
    // `new Array(n)`: n empty slots; `Array(a, b)`: those items.
    const n = args.length === 1 && args[0].kind === 'int' ? args[0].dim.value : undefined;
    if (args.length === 1 && args[0].kind === 'int') return n !== undefined && n <= MAX_ITEMS ? listOf(Array.from({ length: n }, () => NONE)) : UNKNOWN;
    return listOf([...args]);
  }, {
    from: obj(new BuiltinObj('Array.from', ({ args: [src, fn] }, _site, host) => arrayFrom(host, src, fn))),
    isArray: builtin('Array.isArray', ([v]) => (!v || v.kind === 'unknown' ? UNKNOWN : bool(v.kind === 'list' || v.kind === 'tuple'))),
    of: builtin('Array.of', (args) => listOf([...args])),
  })));
  m.set('Number', obj(new CallableNamespace('Number', ({ args: [v] }) => (v ? parseNumber(v, false) : int(0)), {
    isInteger: builtin('Number.isInteger', ([v]) => (v?.kind === 'int' ? bool(true) : v?.kind === 'float' ? bool(Number.isInteger(v.value)) : UNKNOWN)),
    MAX_SAFE_INTEGER: int(Number.MAX_SAFE_INTEGER),
    EPSILON: jsNumber(Number.EPSILON),
    parseInt: builtin('Number.parseInt', ([v]) => parseNumber(v, true)),
    parseFloat: builtin('Number.parseFloat', ([v]) => parseNumber(v, false)),
  })));
  def('parseInt', ([v]) => parseNumber(v, true));
  def('parseFloat', ([v]) => parseNumber(v, false));
  def('isNaN', () => UNKNOWN);
  def('String', ([v]) => (v?.kind === 'str' ? v : v?.kind === 'int' && v.dim.isKnown ? str(String(v.dim.value)) : UNKNOWN));
  def('Boolean', ([v]) => (v ? bool(truthy(v)) : bool(false)));
  m.set('Promise', namespace('Promise', {
    // `await` is transparent: a promise is its value.
    all: builtin('Promise.all', ([v]) => v ?? UNKNOWN),
    resolve: builtin('Promise.resolve', ([v]) => v ?? NONE),
  }));
  for (const name of ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'requestAnimationFrame']) def(name, () => NONE);
  return m;
}

function parseNumber(v: Value | undefined, integral: boolean): Value {
  if (!v) return UNKNOWN;
  if (v.kind === 'int') return v;
  const n = v.kind === 'str' ? (integral ? parseInt(v.value, 10) : parseFloat(v.value)) : numberOf(v);
  return n === undefined || Number.isNaN(n) ? UNKNOWN : jsNumber(integral ? Math.trunc(n) : n);
}
