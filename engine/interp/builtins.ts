// Python's builtins and the standard-library bits model files use (math, numpy's prod,
// functools.partial, collections.OrderedDict), on abstract values.
import { Dim } from '../shape/dim';
import type { Value } from '../value';
import { NONE, UNKNOWN } from '../value';
import type { Host } from './host';
import { BuiltinObj, ClassObj, ContainerObj, DictObj, InstanceObj, LayerObj, OpRefObj, obj, refOf, type CallArgs } from './objects';
import { bool, int, intOfFloat, keyOf, listOf, numberOf, scalarCompare, str, truthy, tupleOf, openListOf } from './pyvalues';

type Impl = (a: CallArgs, interp: Host) => Value;

let shared: Map<string, Value> | undefined;

/** Python's builtins, made once: they reach the running interpreter through their call's host. */
export function pythonBuiltins(): Map<string, Value> {
  return (shared ??= makeBuiltins());
}

function makeBuiltins(): Map<string, Value> {
  const m = new Map<string, Value>();
  const def = (name: string, impl: Impl): void => {
    m.set(name, obj(new BuiltinObj(name, (args, _site, host) => impl(args, host))));
  };
  const iter = (interp: Host, v: Value | undefined): Value[] | undefined => (v ? interp.iterate(v) : undefined);

  def('len', ({ args: [v] }, interp) => {
    if (!v) return UNKNOWN;
    if (v.kind === 'tensor') return v.shape && v.shape.length > 0 ? int(v.shape[0]) : UNKNOWN;
    if (v.kind === 'str') return int(v.value.length);
    const c = refOf(v, ContainerObj);
    if (c) return c.open ? UNKNOWN : int(c.items.length);
    const d = refOf(v, DictObj);
    if (d) return d.open ? UNKNOWN : int(d.entries.size);
    const items = iter(interp, v);
    return items ? int(items.length) : UNKNOWN;
  });
  def('range', ({ args }, interp) => {
    const n = args.map((a) => (a.kind === 'int' ? a.dim.value : undefined));
    if (n.length === 0) return UNKNOWN;
    // `range(depth)` with a symbolic depth: some number of ints (a loop over it runs speculatively).
    if (n.some((x) => x === undefined)) return args.every((a) => a.kind === 'int' || a.kind === 'unknown') ? openListOf(UNKNOWN) : UNKNOWN;
    const [start, stop, step] = n.length === 1 ? [0, n[0]!, 1] : [n[0]!, n[1]!, n[2] ?? 1];
    if (step === 0) return UNKNOWN;
    const out: Value[] = [];
    for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
      out.push(int(i));
      if (out.length > 100_000) return UNKNOWN;
    }
    return tupleOf(out);
  });
  def('enumerate', ({ args: [v, start] }, interp) => {
    const items = iter(interp, v);
    const s = start?.kind === 'int' ? start.dim : Dim.of(0);
    return items ? listOf(items.map((x, i) => tupleOf([int(s.add(i)), x]))) : UNKNOWN;
  });
  def('zip', ({ args }, interp) => {
    const lists = args.map((a) => iter(interp, a));
    if (lists.some((l) => !l)) return UNKNOWN;
    const n = Math.min(...lists.map((l) => l!.length));
    return listOf(Array.from({ length: n }, (_, i) => tupleOf(lists.map((l) => l![i]))));
  });
  def('map', ({ args: [fn, ...iterables] }, interp) => {
    if (!fn || iterables.length === 0) return UNKNOWN;
    const lists = iterables.map((a) => iter(interp, a));
    if (lists.some((l) => !l)) return UNKNOWN;
    const n = Math.min(...lists.map((l) => l!.length));
    return listOf(Array.from({ length: n }, (_, i) => interp.call(fn, { args: lists.map((l) => l![i]), kwargs: {} }, { start: 0, end: 0 })));
  });
  def('reversed', ({ args: [v] }, interp) => {
    const items = iter(interp, v);
    return items ? listOf([...items].reverse()) : UNKNOWN;
  });
  def('sorted', ({ args: [v] }, interp) => {
    const items = iter(interp, v);
    if (!items) return UNKNOWN;
    const nums = items.map(numberOf);
    if (nums.some((x) => x === undefined)) return UNKNOWN;
    return listOf(items.map((x, i) => [x, nums[i]!] as const).sort((a, b) => a[1] - b[1]).map(([x]) => x));
  });
  def('list', ({ args: [v] }, interp) => (v ? (iter(interp, v) ? listOf(iter(interp, v)!) : UNKNOWN) : listOf([])));
  def('tuple', ({ args: [v] }, interp) => (v ? (iter(interp, v) ? tupleOf(iter(interp, v)!) : UNKNOWN) : tupleOf([])));
  def('dict', ({ args: [v], kwargs }, interp) => {
    const d = new DictObj();
    if (v) {
      const src = refOf(v, DictObj);
      if (src) for (const [k, kv] of src.entries) d.entries.set(k, kv);
      else {
        for (const pair of iter(interp, v) ?? []) {
          const kv = iter(interp, pair);
          const key = kv && keyOf(kv[0]);
          if (!kv || key === undefined) return UNKNOWN;
          d.entries.set(key, [kv[0], kv[1]]);
        }
      }
    }
    for (const [k, val] of Object.entries(kwargs)) d.entries.set(`s:${k}`, [str(k), val]);
    return obj(d);
  });
  m.set('OrderedDict', m.get('dict')!);
  const extremum = (kind: 'min' | 'max'): Impl => ({ args }, interp) => {
    const items = args.length === 1 ? iter(interp, args[0]) : args;
    if (!items || items.length === 0) return UNKNOWN;
    if (items.every((x) => x.kind === 'int')) {
      const dims = items.map((x) => (x as { dim: Dim }).dim);
      return int(kind === 'min' ? Dim.min(...dims) : Dim.max(...dims));
    }
    const nums = items.map(numberOf);
    if (nums.some((x) => x === undefined)) return UNKNOWN;
    const best = kind === 'min' ? Math.min(...(nums as number[])) : Math.max(...(nums as number[]));
    return items[nums.indexOf(best)];
  };
  def('min', extremum('min'));
  def('max', extremum('max'));
  def('sum', ({ args: [v, start] }, interp) => {
    const items = iter(interp, v);
    if (!items) return UNKNOWN;
    let acc: Value = start ?? int(0);
    for (const x of items) {
      acc = interp.binary('+', acc, x, { start: 0, end: 0 }, false);
      if (acc.kind === 'unknown') return UNKNOWN;
    }
    return acc;
  });
  def('abs', ({ args: [v] }, interp) => {
    const n = v && numberOf(v);
    if (n === undefined) return UNKNOWN;
    return v!.kind === 'float' ? { kind: 'float', value: Math.abs(n) } : int(Math.abs(n));
  });
  def('round', ({ args: [v] }, interp) => {
    const n = v && numberOf(v);
    return n === undefined ? UNKNOWN : int(Math.round(n));
  });
  def('int', ({ args: [v] }, interp) => {
    if (!v) return int(0);
    if (v.kind === 'int') return v;
    if (v.kind === 'tensor') return UNKNOWN;
    const exact = intOfFloat(v);
    if (exact) return exact;
    const n = numberOf(v);
    if (n !== undefined) return int(Math.trunc(n));
    if (v.kind === 'str' && /^-?\d+$/.test(v.value.trim())) return int(Number(v.value));
    return UNKNOWN;
  });
  def('float', ({ args: [v] }, interp) => {
    if (!v) return { kind: 'float', value: 0 };
    const n = numberOf(v);
    if (n !== undefined) return { kind: 'float', value: n };
    if (v.kind === 'float') return v;
    if (v.kind === 'int') return { kind: 'float', value: Number.NaN, ratio: { num: v.dim, den: 1 } };
    if (v.kind === 'str' && !Number.isNaN(Number(v.value))) return { kind: 'float', value: Number(v.value) };
    return UNKNOWN;
  });
  def('bool', ({ args: [v] }, interp) => (v ? bool(truthy(v)) : bool(false)));
  def('str', ({ args: [v] }, interp) => (v?.kind === 'str' ? v : v?.kind === 'int' && v.dim.isKnown ? str(String(v.dim.value)) : UNKNOWN));
  def('print', () => NONE);
  def('any', ({ args: [v] }, interp) => {
    const items = iter(interp, v);
    if (!items) return UNKNOWN;
    const ts = items.map(truthy);
    return ts.some((t) => t === true) ? bool(true) : ts.some((t) => t === undefined) ? UNKNOWN : bool(false);
  });
  def('all', ({ args: [v] }, interp) => {
    const items = iter(interp, v);
    if (!items) return UNKNOWN;
    const ts = items.map(truthy);
    return ts.some((t) => t === false) ? bool(false) : ts.some((t) => t === undefined) ? UNKNOWN : bool(true);
  });
  def('isinstance', ({ args: [v, t] }, interp) => (v && t ? bool(isInstance(v, t)) : UNKNOWN));
  def('hasattr', ({ args: [v, name] }, interp) => {
    if (!v || name?.kind !== 'str') return UNKNOWN;
    const got = interp.getAttr(v, name.value, { start: 0, end: 0 });
    return got.kind === 'unknown' ? UNKNOWN : bool(true);
  });
  def('getattr', ({ args: [v, name, dflt] }, interp) => {
    if (!v || name?.kind !== 'str') return UNKNOWN;
    const got = interp.getAttr(v, name.value, { start: 0, end: 0 });
    return got.kind === 'unknown' && dflt ? dflt : got;
  });
  def('setattr', ({ args: [v, name, val] }, interp) => {
    if (v && name?.kind === 'str' && val) interp.setAttr(v, name.value, val);
    return NONE;
  });
  def('super', ({ args: [, self] }, interp) => (self ? UNKNOWN : UNKNOWN));
  def('type', () => UNKNOWN);
  def('id', () => UNKNOWN);
  def('iter', ({ args: [v] }, interp) => v ?? UNKNOWN);
  def('callable', () => UNKNOWN);
  def('set', () => UNKNOWN);
  def('divmod', ({ args: [a, b] }, interp) => {
    if (a?.kind !== 'int' || b?.kind !== 'int') return UNKNOWN;
    const q = a.dim.floordiv(b.dim);
    const r = a.dim.mod(b.dim);
    return q && r ? tupleOf([int(q), int(r)]) : UNKNOWN;
  });
  m.set('object', obj(new ClassObj('object', [], false, undefined, { start: 0, end: 0 })));
  for (const t of ['int', 'float', 'str', 'bool', 'list', 'tuple', 'dict']) m.set(`type:${t}`, m.get(t)!);

  return m;
}

/** isinstance against classes we model: user classes, nn layers, containers, builtins. */
function isInstance(v: Value, t: Value): boolean | undefined {
  if (t.kind === 'tuple') {
    const rs = t.items.map((x) => isInstance(v, x));
    return rs.some((r) => r === true) ? true : rs.some((r) => r === undefined) ? undefined : false;
  }
  const cls = refOf(t, ClassObj);
  const op = refOf(t, OpRefObj);
  const builtin = refOf(t, BuiltinObj);
  const inst = refOf(v, InstanceObj);
  if (cls) return inst ? inst.cls.mro().includes(cls) : v.kind === 'unknown' ? undefined : false;
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
    const kinds: Record<string, string[]> = { int: ['int', 'bool'], float: ['float'], str: ['str'], bool: ['bool'], list: ['list'], tuple: ['tuple'], dict: [] };
    if (name in kinds) {
      if (v.kind === 'unknown') return undefined;
      if (name === 'dict') return refOf(v, DictObj) !== undefined;
      return kinds[name].includes(v.kind);
    }
  }
  return undefined;
}

export { scalarCompare };
