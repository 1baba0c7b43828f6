// Python's builtins and the standard-library bits model files use (math, numpy's prod,
// functools.partial, collections.OrderedDict), on abstract values.
import { Dim } from '../shape/dim';
import type { Value } from '../value';
import { NONE, UNKNOWN } from '../value';
import { numel } from '../shape/shape';
import type { Interpreter } from './interpreter';
import { BuiltinObj, ClassObj, ContainerObj, DictObj, FieldObj, InstanceObj, LayerObj, OpRefObj, PartialObj, PyModuleObj, obj, refOf, type CallArgs } from './objects';
import { bool, int, keyOf, listOf, numberOf, scalarCompare, str, truthy, tupleOf } from './pyvalues';

type Impl = (a: CallArgs) => Value;

export function pythonBuiltins(interp: Interpreter): Map<string, Value> {
  const m = new Map<string, Value>();
  const def = (name: string, impl: Impl): void => {
    m.set(name, obj(new BuiltinObj(name, (args) => impl(args))));
  };
  const iter = (v: Value | undefined): Value[] | undefined => (v ? interp.iterate(v) : undefined);

  def('len', ({ args: [v] }) => {
    if (!v) return UNKNOWN;
    if (v.kind === 'tensor') return v.shape && v.shape.length > 0 ? int(v.shape[0]) : UNKNOWN;
    if (v.kind === 'str') return int(v.value.length);
    const c = refOf(v, ContainerObj);
    if (c) return int(c.items.length);
    const d = refOf(v, DictObj);
    if (d) return int(d.entries.size);
    const items = iter(v);
    return items ? int(items.length) : UNKNOWN;
  });
  def('range', ({ args }) => {
    const n = args.map((a) => (a.kind === 'int' ? a.dim.value : undefined));
    if (n.some((x) => x === undefined) || n.length === 0) return UNKNOWN;
    const [start, stop, step] = n.length === 1 ? [0, n[0]!, 1] : [n[0]!, n[1]!, n[2] ?? 1];
    if (step === 0) return UNKNOWN;
    const out: Value[] = [];
    for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
      out.push(int(i));
      if (out.length > 100_000) return UNKNOWN;
    }
    return tupleOf(out);
  });
  def('enumerate', ({ args: [v, start] }) => {
    const items = iter(v);
    const s = start?.kind === 'int' ? start.dim : Dim.of(0);
    return items ? listOf(items.map((x, i) => tupleOf([int(s.add(i)), x]))) : UNKNOWN;
  });
  def('zip', ({ args }) => {
    const lists = args.map(iter);
    if (lists.some((l) => !l)) return UNKNOWN;
    const n = Math.min(...lists.map((l) => l!.length));
    return listOf(Array.from({ length: n }, (_, i) => tupleOf(lists.map((l) => l![i]))));
  });
  def('reversed', ({ args: [v] }) => {
    const items = iter(v);
    return items ? listOf([...items].reverse()) : UNKNOWN;
  });
  def('sorted', ({ args: [v] }) => {
    const items = iter(v);
    if (!items) return UNKNOWN;
    const nums = items.map(numberOf);
    if (nums.some((x) => x === undefined)) return UNKNOWN;
    return listOf(items.map((x, i) => [x, nums[i]!] as const).sort((a, b) => a[1] - b[1]).map(([x]) => x));
  });
  def('list', ({ args: [v] }) => (v ? (iter(v) ? listOf(iter(v)!) : UNKNOWN) : listOf([])));
  def('tuple', ({ args: [v] }) => (v ? (iter(v) ? tupleOf(iter(v)!) : UNKNOWN) : tupleOf([])));
  def('dict', ({ args: [v], kwargs }) => {
    const d = new DictObj();
    if (v) {
      const src = refOf(v, DictObj);
      if (src) for (const [k, kv] of src.entries) d.entries.set(k, kv);
      else {
        for (const pair of iter(v) ?? []) {
          const kv = iter(pair);
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
  const extremum = (kind: 'min' | 'max'): Impl => ({ args }) => {
    const items = args.length === 1 ? iter(args[0]) : args;
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
  def('sum', ({ args: [v, start] }) => {
    const items = iter(v);
    if (!items) return UNKNOWN;
    let acc: Value = start ?? int(0);
    for (const x of items) {
      acc = interp.binary('+', acc, x, { start: 0, end: 0 }, false);
      if (acc.kind === 'unknown') return UNKNOWN;
    }
    return acc;
  });
  def('abs', ({ args: [v] }) => {
    const n = v && numberOf(v);
    if (n === undefined) return UNKNOWN;
    return v!.kind === 'float' ? { kind: 'float', value: Math.abs(n) } : int(Math.abs(n));
  });
  def('round', ({ args: [v] }) => {
    const n = v && numberOf(v);
    return n === undefined ? UNKNOWN : int(Math.round(n));
  });
  def('int', ({ args: [v] }) => {
    if (!v) return int(0);
    if (v.kind === 'int') return v;
    if (v.kind === 'tensor') return UNKNOWN;
    const n = numberOf(v);
    if (n !== undefined) return int(Math.trunc(n));
    if (v.kind === 'str' && /^-?\d+$/.test(v.value.trim())) return int(Number(v.value));
    return UNKNOWN;
  });
  def('float', ({ args: [v] }) => {
    if (!v) return { kind: 'float', value: 0 };
    const n = numberOf(v);
    if (n !== undefined) return { kind: 'float', value: n };
    if (v.kind === 'str' && !Number.isNaN(Number(v.value))) return { kind: 'float', value: Number(v.value) };
    return UNKNOWN;
  });
  def('bool', ({ args: [v] }) => (v ? bool(truthy(v)) : bool(false)));
  def('str', ({ args: [v] }) => (v?.kind === 'str' ? v : v?.kind === 'int' && v.dim.isKnown ? str(String(v.dim.value)) : UNKNOWN));
  def('print', () => NONE);
  def('any', ({ args: [v] }) => {
    const items = iter(v);
    if (!items) return UNKNOWN;
    const ts = items.map(truthy);
    return ts.some((t) => t === true) ? bool(true) : ts.some((t) => t === undefined) ? UNKNOWN : bool(false);
  });
  def('all', ({ args: [v] }) => {
    const items = iter(v);
    if (!items) return UNKNOWN;
    const ts = items.map(truthy);
    return ts.some((t) => t === false) ? bool(false) : ts.some((t) => t === undefined) ? UNKNOWN : bool(true);
  });
  def('isinstance', ({ args: [v, t] }) => (v && t ? bool(isInstance(v, t)) : UNKNOWN));
  def('hasattr', ({ args: [v, name] }) => {
    if (!v || name?.kind !== 'str') return UNKNOWN;
    const got = interp.getAttr(v, name.value, { start: 0, end: 0 });
    return got.kind === 'unknown' ? UNKNOWN : bool(true);
  });
  def('getattr', ({ args: [v, name, dflt] }) => {
    if (!v || name?.kind !== 'str') return UNKNOWN;
    const got = interp.getAttr(v, name.value, { start: 0, end: 0 });
    return got.kind === 'unknown' && dflt ? dflt : got;
  });
  def('setattr', ({ args: [v, name, val] }) => {
    if (v && name?.kind === 'str' && val) interp.setAttr(v, name.value, val);
    return NONE;
  });
  def('super', ({ args: [, self] }) => (self ? UNKNOWN : UNKNOWN));
  def('type', () => UNKNOWN);
  def('id', () => UNKNOWN);
  def('iter', ({ args: [v] }) => v ?? UNKNOWN);
  def('callable', () => UNKNOWN);
  def('set', () => UNKNOWN);
  def('divmod', ({ args: [a, b] }) => {
    if (a?.kind !== 'int' || b?.kind !== 'int') return UNKNOWN;
    const q = a.dim.floordiv(b.dim);
    const r = a.dim.mod(b.dim);
    return q && r ? tupleOf([int(q), int(r)]) : UNKNOWN;
  });
  m.set('object', obj(new ClassObj('object', [], false, undefined, { start: 0, end: 0 })));
  for (const t of ['int', 'float', 'str', 'bool', 'list', 'tuple', 'dict']) m.set(`type:${t}`, m.get(t)!);

  // Modules of the standard library and numpy that model code reaches for.
  const mathAttrs = new Map<string, Value>();
  const mathFn = (name: string, f: (x: number, y?: number) => number, intResult: boolean): void => {
    mathAttrs.set(name, obj(new BuiltinObj(`math.${name}`, ({ args }) => {
      if (intResult && (name === 'floor' || name === 'ceil') && args[0]?.kind === 'int') return args[0];
      const xs = args.map(numberOf);
      if (xs.some((x) => x === undefined) || xs.length === 0) return UNKNOWN;
      const r = f(xs[0]!, xs[1]);
      return intResult ? int(r) : { kind: 'float', value: r };
    })));
  };
  mathFn('floor', Math.floor, true);
  mathFn('ceil', Math.ceil, true);
  mathFn('sqrt', Math.sqrt, false);
  mathFn('log', (x, b) => (b === undefined ? Math.log(x) : Math.log(x) / Math.log(b)), false);
  mathFn('log2', Math.log2, false);
  mathFn('exp', Math.exp, false);
  mathFn('pow', (x, y) => x ** (y ?? 1), false);
  mathFn('isqrt', (x) => Math.floor(Math.sqrt(x)), true);
  mathFn('gcd', (x, y) => { let a = Math.abs(x); let b = Math.abs(y ?? 0); while (b) [a, b] = [b, a % b]; return a; }, true);
  mathAttrs.set('pi', { kind: 'float', value: Math.PI });
  mathAttrs.set('e', { kind: 'float', value: Math.E });
  mathAttrs.set('inf', { kind: 'float', value: Infinity });
  const prod = obj(new BuiltinObj('prod', ({ args: [v] }) => {
    const items = iter(v);
    if (!items) return UNKNOWN;
    if (items.every((x) => x.kind === 'int')) return int(items.reduce((acc, x) => acc.mul((x as { dim: Dim }).dim), Dim.of(1)));
    return UNKNOWN;
  }));
  mathAttrs.set('prod', prod);
  m.set('module:math', obj(new PyModuleObj('math', mathAttrs)));
  m.set('module:numpy', obj(new PyModuleObj('numpy', new Map([['prod', prod], ['sqrt', mathAttrs.get('sqrt')!], ['pi', mathAttrs.get('pi')!]]))));
  const partial = obj(new BuiltinObj('functools.partial', ({ args: [fn, ...rest], kwargs }) => (fn ? obj(new PartialObj(fn, rest, kwargs)) : UNKNOWN)));
  m.set('module:functools', obj(new PyModuleObj('functools', new Map([['partial', partial]]))));
  // @dataclass (bare or called with options) marks the class; makeClass generates its __init__.
  const dataclass: Value = obj(new BuiltinObj('dataclasses.dataclass', ({ args }) => args[0] ?? dataclass));
  const field = obj(new BuiltinObj('dataclasses.field', ({ kwargs }) => obj(new FieldObj(kwargs.default, kwargs.default_factory))));
  m.set('module:dataclasses', obj(new PyModuleObj('dataclasses', new Map([['dataclass', dataclass], ['field', field]]))));
  m.set('module:collections', obj(new PyModuleObj('collections', new Map([['OrderedDict', m.get('dict')!]]))));
  void numel;
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
