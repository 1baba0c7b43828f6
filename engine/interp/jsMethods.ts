// Properties and methods of JavaScript's plain values as the interpreter models them: arrays
// (length, push, map, forEach, filter, reduce, slice, concat, indexOf, includes, join...),
// strings, object literals (a property read is the entry, a missing one undefined), and the
// promise methods of awaited values (`main().then(...)`). Framework objects and tensors answer
// their own attributes (attrSource.ts). Anything else: undefined, the interpreter decides.
import type { Value } from '../value';
import { NONE, UNKNOWN } from '../value';
import { baseClassAttr, frameworkTensorAttr, isAttrSource } from './attrSource';
import type { Host } from './host';
import { plainGet, propertyKey } from './jsBuiltins';
import { jsNumber, jsOperator } from './jsOperators';
import { BuiltinObj, DictObj, InstanceObj, obj, type CallArgs } from './objects';
import { bool, int, listOf, mutableItems, str, truthy } from './pyvalues';

type Method = (self: Value, args: readonly Value[], host: Host) => Value;

const NO_SITE = { start: 0, end: 0 };

function method(name: string, self: Value, impl: Method): Value {
  return obj(new BuiltinObj(name, ({ args }: CallArgs, _site, host) => impl(self, args, host)));
}

function itemsOf(v: Value): readonly Value[] {
  return (v as { items: readonly Value[] }).items;
}

/** `fn(item, index, array)` for each item; undefined as soon as a result is not usable. */
function callEach(host: Host, fn: Value | undefined, self: Value): Value[] | undefined {
  if (!fn) return undefined;
  const out: Value[] = [];
  const xs = itemsOf(self);
  for (let i = 0; i < xs.length; i++) out.push(host.call(fn, { args: [xs[i], int(i), self], kwargs: {} }, NO_SITE));
  return out;
}

/** Filter-like methods need every test decided. */
function tests(host: Host, fn: Value | undefined, self: Value): boolean[] | undefined {
  const rs = callEach(host, fn, self);
  if (!rs) return undefined;
  const ts = rs.map(truthy);
  return ts.some((t) => t === undefined) ? undefined : (ts as boolean[]);
}

function index(v: Value | undefined, length: number, dflt: number): number | undefined {
  if (!v || v.kind === 'none') return dflt;
  const n = v.kind === 'int' ? v.dim.value : undefined;
  if (n === undefined) return undefined;
  return n < 0 ? Math.max(length + n, 0) : Math.min(n, length);
}

function sameValue(a: Value, b: Value): boolean | undefined {
  const r = jsOperator('==', a, b);
  return r.kind === 'bool' ? r.value : undefined;
}

const ARRAY_METHODS: Record<string, Method> = {
  push: (self, args) => {
    const xs = mutableItems(self);
    xs.push(...args);
    return int(xs.length);
  },
  pop: (self) => mutableItems(self).pop() ?? NONE,
  shift: (self) => mutableItems(self).shift() ?? NONE,
  unshift: (self, args) => {
    const xs = mutableItems(self);
    xs.unshift(...args);
    return int(xs.length);
  },
  map: (self, [fn], host) => {
    const rs = callEach(host, fn, self);
    return rs ? listOf(rs) : UNKNOWN;
  },
  forEach: (self, [fn], host) => {
    callEach(host, fn, self);
    return NONE;
  },
  filter: (self, [fn], host) => {
    const t = tests(host, fn, self);
    return t ? listOf(itemsOf(self).filter((_, i) => t[i])) : UNKNOWN;
  },
  find: (self, [fn], host) => {
    const t = tests(host, fn, self);
    if (!t) return UNKNOWN;
    const i = t.indexOf(true);
    return i < 0 ? NONE : itemsOf(self)[i];
  },
  findIndex: (self, [fn], host) => {
    const t = tests(host, fn, self);
    return t ? int(t.indexOf(true)) : UNKNOWN;
  },
  some: (self, [fn], host) => {
    const t = tests(host, fn, self);
    return t ? bool(t.includes(true)) : UNKNOWN;
  },
  every: (self, [fn], host) => {
    const t = tests(host, fn, self);
    return t ? bool(!t.includes(false)) : UNKNOWN;
  },
  reduce: (self, args, host) => {
    const xs = itemsOf(self);
    const [fn] = args;
    if (!fn) return UNKNOWN;
    let acc: Value | undefined = args.length > 1 ? args[1] : xs[0];
    if (acc === undefined) return UNKNOWN;
    for (let i = args.length > 1 ? 0 : 1; i < xs.length; i++) acc = host.call(fn, { args: [acc, xs[i], int(i), self], kwargs: {} }, NO_SITE);
    return acc;
  },
  slice: (self, [a, b]) => {
    const xs = itemsOf(self);
    const start = index(a, xs.length, 0);
    const end = index(b, xs.length, xs.length);
    return start === undefined || end === undefined ? UNKNOWN : listOf(xs.slice(start, end));
  },
  concat: (self, args) => {
    const out = [...itemsOf(self)];
    for (const a of args) {
      if (a.kind === 'list' || a.kind === 'tuple') out.push(...a.items);
      else if (a.kind === 'unknown') return UNKNOWN;
      else out.push(a);
    }
    return listOf(out);
  },
  indexOf: (self, [x]) => {
    if (!x) return UNKNOWN;
    const xs = itemsOf(self);
    for (let i = 0; i < xs.length; i++) {
      const same = sameValue(xs[i], x);
      if (same === undefined) return UNKNOWN;
      if (same) return int(i);
    }
    return int(-1);
  },
  includes: (self, [x]) => {
    if (!x) return UNKNOWN;
    let unsure = false;
    for (const item of itemsOf(self)) {
      const same = sameValue(item, x);
      if (same) return bool(true);
      if (same === undefined) unsure = true;
    }
    return unsure ? UNKNOWN : bool(false);
  },
  join: (self, [sep]) => {
    const parts = itemsOf(self).map((v) => (v.kind === 'str' ? v.value : v.kind === 'int' && v.dim.isKnown ? String(v.dim.value) : v.kind === 'none' ? '' : undefined));
    const s = sep === undefined || sep.kind === 'none' ? ',' : sep.kind === 'str' ? sep.value : undefined;
    return s === undefined || parts.some((p) => p === undefined) ? UNKNOWN : str(parts.join(s));
  },
  fill: (self, [x, a, b]) => {
    const xs = mutableItems(self);
    const start = index(a, xs.length, 0);
    const end = index(b, xs.length, xs.length);
    if (start === undefined || end === undefined) return UNKNOWN;
    for (let i = start; i < end; i++) xs[i] = x ?? NONE;
    return self;
  },
  reverse: (self) => {
    mutableItems(self).reverse();
    return self;
  },
  at: (self, [i]) => {
    const xs = itemsOf(self);
    const n = i?.kind === 'int' ? i.dim.value : undefined;
    return n === undefined ? UNKNOWN : xs[n < 0 ? xs.length + n : n] ?? NONE;
  },
  flat: (self) => {
    const out: Value[] = [];
    for (const x of itemsOf(self)) {
      if (x.kind === 'list' || x.kind === 'tuple') out.push(...x.items);
      else out.push(x);
    }
    return listOf(out);
  },
  splice: (self, [a, n, ...inserted]) => {
    const xs = mutableItems(self);
    const start = index(a, xs.length, 0);
    const count = n === undefined ? xs.length : n.kind === 'int' ? n.dim.value : undefined;
    if (start === undefined || count === undefined) return UNKNOWN;
    return listOf(xs.splice(start, count, ...inserted));
  },
  keys: (self) => listOf(itemsOf(self).map((_, i) => int(i))),
  entries: (self) => listOf(itemsOf(self).map((x, i) => listOf([int(i), x]))),
};

/** Methods that would change a tuple (values the interpreter made, not array literals). */
const MUTATING = new Set(['push', 'pop', 'shift', 'unshift', 'fill', 'reverse', 'splice']);

function stringAttr(s: string, name: string, self: Value): Value | undefined {
  const known = (f: (args: readonly Value[]) => Value): Value => method(`String.${name}`, self, (_self, args) => f(args));
  const text = (v: Value | undefined): string | undefined => (v?.kind === 'str' ? v.value : undefined);
  switch (name) {
    case 'length': return int(s.length);
    case 'toUpperCase': return known(() => str(s.toUpperCase()));
    case 'toLowerCase': return known(() => str(s.toLowerCase()));
    case 'trim': return known(() => str(s.trim()));
    case 'split': return known(([sep]) => (text(sep) === undefined ? UNKNOWN : listOf(s.split(text(sep)!).map(str))));
    case 'includes': case 'startsWith': case 'endsWith':
      return known(([x]) => (text(x) === undefined ? UNKNOWN : bool(s[name](text(x)!))));
    case 'indexOf': return known(([x]) => (text(x) === undefined ? UNKNOWN : int(s.indexOf(text(x)!))));
    case 'slice': case 'substring':
      return known(([a, b]) => {
        const start = index(a, s.length, 0);
        const end = index(b, s.length, s.length);
        return start === undefined || end === undefined ? UNKNOWN : str(s.slice(start, end));
      });
    case 'concat': return known((args) => (args.every((a) => a.kind === 'str') ? str(s + args.map((a) => text(a)).join('')) : UNKNOWN));
    case 'toString': return known(() => str(s));
    default: return UNKNOWN;
  }
}

/** `.then(cb)` on an awaited value runs the callback with it; `.catch` keeps it. */
function promiseAttr(self: Value, name: string): Value | undefined {
  if (name === 'then') return method('then', self, (v, [cb], host) => (cb && cb.kind !== 'none' ? host.call(cb, { args: [v], kwargs: {} }, NO_SITE) : v));
  if (name === 'catch') return method('catch', self, (v) => v);
  if (name === 'finally') {
    return method('finally', self, (v, [cb], host) => {
      if (cb) host.call(cb, { args: [], kwargs: {} }, NO_SITE);
      return v;
    });
  }
  return undefined;
}

export function javascriptValueAttr(host: Host, v: Value, name: string): Value | undefined {
  switch (v.kind) {
    case 'tensor':
      return frameworkTensorAttr(host, v, name);
    case 'list':
    case 'tuple': {
      if (name === 'length') return int(v.items.length);
      const m = ARRAY_METHODS[name];
      if (!m || (v.kind === 'tuple' && MUTATING.has(name))) return UNKNOWN;
      return method(`Array.${name}`, v, m);
    }
    case 'str':
      return stringAttr(v.value, name, v);
    case 'int':
    case 'float':
      if (name === 'toString') return method('toString', v, (self) => (self.kind === 'int' && self.dim.isKnown ? str(String(self.dim.value)) : UNKNOWN));
      return UNKNOWN;
    case 'none':
    case 'unknown':
      return promiseAttr(v, name) ?? UNKNOWN;
    case 'dict':
      return plainGet(v, str(name)) ?? NONE;
    case 'object': {
      const r = v.ref;
      if (isAttrSource(r)) return r.attr(host, name) ?? promiseAttr(v, name) ?? UNKNOWN;
      if (r instanceof DictObj) {
        if (name === 'hasOwnProperty') return method(name, v, (_s, [k]) => (k && propertyKey(k) !== undefined ? bool(r.entries.has(`s:${propertyKey(k)}`)) : UNKNOWN));
        return plainGet(v, str(name)) ?? NONE;
      }
      if (r instanceof InstanceObj && !r.attrs.has(name)) {
        // A class extending a framework base (tf.layers.Layer): what it does not define, the base does.
        for (const c of r.cls.mro()) {
          if (c.attrs.has(name)) return undefined;
          const base = baseClassAttr(c);
          if (base) return base(host, v, name) ?? UNKNOWN;
        }
        return promiseAttr(v, name);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

export { jsNumber };
