// The Julia language profile: Base's names as the Flux frontend's lowering calls them. Operators
// are functions here (`+`, `*`, `=>`, `:`), so Julia's semantics apply to Julia arrays: `*` is a
// matrix product, `.+` broadcasts from the first axis, `size(x, d)` is 1-based, `/` of integers is
// a float, `÷` divides integers. `#`-prefixed names are the lowering's own helpers (method tables,
// functors, NamedTuples, `@autosize`'s lazy layers): Julia code cannot spell them.
import { Dim } from '../shape/dim';
import type { Value } from '../value';
import { NONE, UNKNOWN } from '../value';
import type { DType } from '../ops/dtype';
import { JuliaPair, fluxTensor } from '../ops/flux/julia';
import type { Range } from './ir';
import type { Host } from './host';
import { registerLanguage, type LanguageProfile } from './languages';
import { BuiltinObj, ClassObj, DictObj, FunctionObj, InstanceObj, isModuleLike, obj, refOf, type CallArgs } from './objects';
import { FluxFieldObj } from './fluxContainers';
import { int, listOf, mutableItems, numberOf, str, truthy, tupleOf } from './pyvalues';
import {
  JuliaFunction, JuliaType, convertScalar, juliaCompare, juliaScalar, juliaTypeOf, makeRange, namedTuple, namedTupleItems, notValue,
} from './juliaValues';
import { asArray, broadcastCall, creation, eachslice, indexValue, isColonFn, lengthOf, reshapeCall, sizeOf } from './juliaArrays';
import { autosizeFor, containerIndex, containerLayers, layerField, lazyLayer } from './fluxApi';

type Impl = (args: CallArgs, site: Range, host: Host) => Value;

let shared: Map<string, Value> | undefined;

function juliaBuiltins(): Map<string, Value> {
  return (shared ??= makeBuiltins());
}

function makeBuiltins(): Map<string, Value> {
  const m = new Map<string, Value>();
  const def = (name: string, impl: Impl): void => {
    m.set(name, obj(new BuiltinObj(name, impl)));
  };
  const alias = (name: string, to: string): void => {
    m.set(name, m.get(to)!);
  };

  // ---- types and constants --------------------------------------------------------------
  const types: [string, DType | undefined][] = [
    ['Float32', 'float32'], ['Float64', 'float64'], ['Float16', 'float16'], ['Int', 'int64'], ['Int64', 'int64'], ['Int32', 'int32'],
    ['Int8', 'int8'], ['UInt8', 'uint8'], ['Bool', 'bool'], ['Any', undefined],
  ];
  for (const [name, dtype] of types) m.set(name, obj(new JuliaType(name, dtype, ({ args }) => convertScalar(dtype, args[0]))));
  for (const [name, v] of [['Inf', Infinity], ['NaN', NaN], ['π', Math.PI], ['pi', Math.PI], ['Inf32', Infinity], ['ℯ', Math.E]] as const) {
    m.set(name, { kind: 'float', value: v });
  }
  m.set('missing', NONE);

  // ---- operators ------------------------------------------------------------------------
  def('+', ({ args }, site, host) => arith(host, '+', args, site));
  def('-', ({ args }, site, host) => arith(host, '-', args, site));
  def('*', ({ args }, site, host) => times(host, args, site));
  def('/', ({ args }, site, host) => arith(host, '/', args, site));
  def('÷', ({ args: [a, b] }) => (a && b ? juliaScalar('÷', a, b) ?? UNKNOWN : UNKNOWN));
  alias('div', '÷');
  def('%', ({ args: [a, b] }) => (a && b ? juliaScalar('%', a, b) ?? UNKNOWN : UNKNOWN));
  alias('rem', '%');
  alias('mod', '%');
  def('^', ({ args: [a, b] }) => (a && b ? juliaScalar('^', a, b) ?? UNKNOWN : UNKNOWN));
  def('cld', ({ args: [a, b] }) => (a?.kind === 'int' && b?.kind === 'int' ? (a.dim.ceildiv(b.dim) ? int(a.dim.ceildiv(b.dim)!) : UNKNOWN) : UNKNOWN));
  def('fld', ({ args: [a, b] }) => (a?.kind === 'int' && b?.kind === 'int' ? (a.dim.floordiv(b.dim) ? int(a.dim.floordiv(b.dim)!) : UNKNOWN) : UNKNOWN));
  for (const op of ['==', '!=', '<', '<=', '>', '>=', '===', '!==', 'in', '!in', 'isequal', 'isless']) {
    def(op, ({ args: [a, b] }) => {
      if (!a || !b) return UNKNOWN;
      if (a.kind === 'tensor' || b.kind === 'tensor') return UNKNOWN;
      const pyOp = op === 'isequal' ? '==' : op === 'isless' ? '<' : op;
      return juliaCompare(pyOp, a, b);
    });
  }
  def('!', ({ args: [a] }) => (a ? notValue(a) : UNKNOWN));
  def('=>', ({ args: [a, b] }) => (a && b ? obj(new JuliaPair(a, b)) : UNKNOWN));
  def(':', ({ args }) => makeRange(args));
  def('∘', ({ args }) => {
    if (args.length === 0) return UNKNOWN;
    const fs = [...args].reverse();
    return obj(new BuiltinObj('∘', (call, site, host) => {
      let v = host.call(fs[0], call, site);
      for (const f of fs.slice(1)) v = host.call(f, { args: [v], kwargs: {} }, site);
      return v;
    }));
  });
  def('isa', () => UNKNOWN);

  // ---- the lowering's helpers -----------------------------------------------------------
  def('#unpack', ({ args: [v] }) => (v && v.kind === 'object' && v.ref instanceof JuliaPair ? tupleOf([v.ref.first, v.ref.second]) : v ?? UNKNOWN));
  def('#namedtuple', ({ kwargs }) => namedTuple(kwargs));
  def('#method', ({ args: [existing, method] }) => {
    if (!method) return UNKNOWN;
    const current = existing?.kind === 'object' && existing.ref instanceof JuliaFunction ? existing.ref : undefined;
    if (current) {
      current.add(method);
      return existing!;
    }
    const name = refOf(method, FunctionObj)?.name.replace(/#\d+$/, '') ?? 'function';
    const fn = new JuliaFunction(name);
    if (existing && existing.kind === 'object') fn.add(existing);
    fn.add(method);
    return obj(fn);
  });
  def('#functor', ({ args: [type, fn] }) => {
    const cls = type ? refOf(type, ClassObj) ?? (type.kind === 'object' && type.ref instanceof JuliaFunction ? type.ref.cls : undefined) : undefined;
    const f = fn ? refOf(fn, FunctionObj) : undefined;
    if (!cls || !f) return NONE;
    f.owner = cls;
    // A second call method (`(m::S)(x, h)` beside `(m::S)(x)`) keeps the first: the one-input form is what models call.
    if (!cls.attrs.has('__call__')) cls.attrs.set('__call__', fn!);
    return NONE;
  });
  def('#hvcat', ({ args }, site, host) => {
    // `[x; y]` stacks arrays; `[1 2; 3 4]` is a matrix of numbers.
    const rows = args.map((r) => (r.kind === 'tuple' || r.kind === 'list' ? r.items : [r]));
    if (rows.every((r) => r.length === 1)) {
      const items = rows.map((r) => r[0]);
      if (items.every((v) => v.kind === 'tensor')) return host.callOp('julia.cat', { args: items, kwargs: { dims: int(1) } }, site);
      if (items.every((v) => v.kind === 'int' || v.kind === 'float')) return asArray(listOf(items)) ?? UNKNOWN;
    }
    const width = rows[0]?.length;
    if (width && rows.every((r) => r.length === width && r.every((v) => v.kind === 'int' || v.kind === 'float'))) {
      return fluxTensor([rows.length, width], rows.flat().some((v) => v.kind === 'float') ? 'float64' : 'int64');
    }
    return UNKNOWN;
  });
  def('#row', ({ args }) => tupleOf(args));
  def('#field', ({ args: [v] }) => (v ? fieldValue(v) : UNKNOWN));
  m.set('#lazy', lazyLayer);
  m.set('#autosizefor', autosizeFor);

  // ---- indexing -------------------------------------------------------------------------
  def('getindex', ({ args: [v, ...index] }, site, host) => (v ? getindex(host, v, index, site) : UNKNOWN));
  def('lastindex', ({ args: [v, d, n] }, _site, host) => {
    if (!v) return UNKNOWN;
    const t = asArray(v);
    if (t && t.shape) {
      const dim = d?.kind === 'int' ? d.dim.value ?? 1 : 1;
      const count = n?.kind === 'int' ? n.dim.value ?? 1 : 1;
      if (count === 1) return int(t.shape.reduce((a, x) => a.mul(x), Dim.of(1)));
      return int(dim === count ? t.shape.slice(dim - 1).reduce((a, x) => a.mul(x), Dim.of(1)) : t.shape[dim - 1] ?? Dim.of(1));
    }
    const layers = containerLayers(v);
    if (layers) return lengthOf(host, layers);
    return lengthOf(host, v);
  });
  alias('end', 'lastindex');

  // ---- arrays ---------------------------------------------------------------------------
  def('size', ({ args: [x, d] }, _site, host) => {
    if (x && x.kind === 'tuple') return UNKNOWN;
    if (x && x.kind === 'object') return lengthOf(host, x).kind === 'int' ? tupleOf([lengthOf(host, x)]) : UNKNOWN;
    return sizeOf(x, d);
  });
  def('length', ({ args: [x] }, _site, host) => {
    const layers = x ? containerLayers(x) : undefined;
    return lengthOf(host, layers ?? x);
  });
  def('ndims', ({ args: [x] }) => {
    const t = asArray(x);
    return t?.shape ? int(t.shape.length) : UNKNOWN;
  });
  def('eltype', () => UNKNOWN);
  def('reshape', ({ args }, site, host) => reshapeCall(host, args, site));
  def('vec', ({ args: [x] }, site, host) => (x ? reshapeCall(host, [x, m.get(':')!], site) : UNKNOWN));
  def('permutedims', ({ args: [x, perm] }, site, host) => {
    const t = asArray(x);
    if (!t) return UNKNOWN;
    return host.callOp('julia.permutedims', { args: perm ? [t, perm] : [t], kwargs: {} }, site);
  });
  def('transpose', ({ args: [x] }, site, host) => (asArray(x) ? host.callOp('julia.transpose', { args: [asArray(x)!], kwargs: {} }, site) : x ?? UNKNOWN));
  alias('adjoint', 'transpose');
  def('cat', ({ args, kwargs }, site, host) => concat(host, args, kwargs.dims, site));
  def('vcat', ({ args }, site, host) => concat(host, args, int(1), site));
  def('hcat', ({ args }, site, host) => concat(host, args, int(2), site));
  def('dropdims', ({ args: [x], kwargs }, site, host) => (asArray(x) && kwargs.dims ? host.callOp('julia.dropdims', { args: [asArray(x)!], kwargs: { dims: kwargs.dims } }, site) : UNKNOWN));
  def('eachslice', ({ args: [x], kwargs }) => eachslice(x, kwargs.dims));
  for (const [name, dflt] of [['rand', 'float64'], ['randn', 'float64'], ['zeros', 'float64'], ['ones', 'float64'], ['fill', 'float64'], ['trues', 'bool'], ['falses', 'bool']] as const) {
    def(name, ({ args }) => creation(name === 'trues' || name === 'falses' ? 'zeros' : name, args, dflt));
  }
  def('similar', ({ args: [x, ...rest] }) => {
    const t = asArray(x);
    if (!t) return UNKNOWN;
    const ty = juliaTypeOf(rest[0]);
    return rest.length === 0 ? fluxTensor(t.shape ?? [], t.dtype) : ty && rest.length === 1 ? fluxTensor(t.shape ?? [], ty.dtype) : creation('zeros', ty ? rest.slice(1) : rest, t.dtype ?? 'float32');
  });
  for (const n of ['copy', 'deepcopy', 'identity', 'collect', 'Array', 'Matrix', 'Vector', 'float', 'cpu', 'gpu', 'circshift', 'shuffle']) {
    def(n, ({ args: [x] }) => (n === 'collect' && x && x.kind === 'tuple' ? listOf([...x.items]) : x ?? UNKNOWN));
  }
  def('broadcast', ({ args: [f, ...rest], kwargs }, site, host) => (f ? broadcastCall(host, f, rest, kwargs, site) : UNKNOWN));
  def('map', ({ args: [f, ...seqs] }, site, host) => {
    if (!f || seqs.length === 0) return UNKNOWN;
    const lists = seqs.map((s) => host.iterate(s));
    if (lists.some((l) => !l)) return UNKNOWN;
    const n = Math.min(...lists.map((l) => l!.length));
    const out = Array.from({ length: n }, (_, i) => host.call(f, { args: lists.map((l) => l![i]), kwargs: {} }, site));
    return seqs[0].kind === 'tuple' ? tupleOf(out) : listOf(out);
  });
  def('foreach', ({ args: [f, ...seqs] }, site, host) => {
    const items = seqs[0] ? host.iterate(seqs[0]) : undefined;
    if (f && items) for (const it of items) host.call(f, { args: [it], kwargs: {} }, site);
    return NONE;
  });
  for (const n of ['foldl', 'reduce']) {
    def(n, ({ args: [f, xs], kwargs }, site, host) => {
      const items = xs ? host.iterate(xs) : undefined;
      if (!f || !items) return UNKNOWN;
      let acc: Value | undefined = kwargs.init;
      for (const it of items) acc = acc === undefined ? it : host.call(f, { args: [acc, it], kwargs: {} }, site);
      return acc ?? UNKNOWN;
    });
  }
  for (const [n, eltype] of [['sum', undefined], ['prod', undefined], ['maximum', undefined], ['minimum', undefined], ['mean', 'float'], ['std', 'float'], ['var', 'float']] as const) {
    def(n, ({ args, kwargs }, site, host) => reduction(host, n, args, kwargs, eltype, site));
  }
  def('max', ({ args }) => extreme('max', args));
  def('min', ({ args }) => extreme('min', args));
  def('abs', ({ args: [x] }) => (x?.kind === 'int' && x.dim.value !== undefined ? int(Math.abs(x.dim.value)) : x?.kind === 'float' ? { kind: 'float', value: Math.abs(x.value) } : UNKNOWN));
  for (const n of ['floor', 'ceil', 'round', 'trunc']) {
    def(n, ({ args }) => {
      const [a, b] = args;
      const toInt = juliaTypeOf(a) !== undefined;
      const x = numberOf((toInt ? b : a) ?? UNKNOWN);
      if (x === undefined) return (toInt ? b : a)?.kind === 'int' ? (toInt ? b! : a!) : UNKNOWN;
      const r = n === 'floor' ? Math.floor(x) : n === 'ceil' ? Math.ceil(x) : n === 'trunc' ? Math.trunc(x) : Math.round(x);
      return toInt ? int(r) : { kind: 'float', value: r };
    });
  }
  for (const n of ['sqrt', 'exp', 'log', 'log2', 'log10', 'sin', 'cos', 'tanh']) {
    const f = Math[(n === 'log' ? 'log' : n) as 'sqrt'] as (x: number) => number;
    def(n, ({ args: [x] }) => {
      const v = x ? numberOf(x) : undefined;
      return v !== undefined && x!.kind !== 'tensor' ? { kind: 'float', value: f(v) } : UNKNOWN;
    });
  }

  // ---- tuples, vectors, iteration -------------------------------------------------------
  def('tuple', ({ args }) => tupleOf(args));
  def('Tuple', ({ args: [x] }, _site, host) => {
    const items = x ? host.iterate(x) : undefined;
    return items ? tupleOf(items) : UNKNOWN;
  });
  def('first', ({ args: [x, n] }, _site, host) => {
    const items = x ? host.iterate(x) : undefined;
    if (!items) return UNKNOWN;
    return n?.kind === 'int' ? listOf(items.slice(0, n.dim.value ?? 0)) : items[0] ?? UNKNOWN;
  });
  def('last', ({ args: [x] }, _site, host) => {
    const items = x ? host.iterate(x) : undefined;
    return items?.[items.length - 1] ?? UNKNOWN;
  });
  def('only', ({ args: [x] }, _site, host) => {
    const items = x ? host.iterate(x) : undefined;
    return items?.length === 1 ? items[0] : UNKNOWN;
  });
  def('enumerate', ({ args: [x] }, _site, host) => {
    const items = x ? host.iterate(x) : undefined;
    return items ? listOf(items.map((v, i) => tupleOf([int(i + 1), v]))) : UNKNOWN;
  });
  def('zip', ({ args }, _site, host) => {
    const lists = args.map((a) => host.iterate(a));
    if (lists.some((l) => !l) || lists.length === 0) return UNKNOWN;
    const n = Math.min(...lists.map((l) => l!.length));
    return listOf(Array.from({ length: n }, (_, i) => tupleOf(lists.map((l) => l![i]))));
  });
  def('reverse', ({ args: [x] }, _site, host) => {
    const items = x ? host.iterate(x) : undefined;
    if (!items) return UNKNOWN;
    return x!.kind === 'tuple' ? tupleOf([...items].reverse()) : listOf([...items].reverse());
  });
  def('push!', ({ args: [v, ...items] }) => {
    if (v?.kind === 'list') mutableItems(v).push(...items);
    return v ?? UNKNOWN;
  });
  def('pushfirst!', ({ args: [v, ...items] }) => {
    if (v?.kind === 'list') mutableItems(v).unshift(...items);
    return v ?? UNKNOWN;
  });
  def('append!', ({ args: [v, other] }, _site, host) => {
    if (v?.kind === 'list' && other) mutableItems(v).push(...(host.iterate(other) ?? [UNKNOWN]));
    return v ?? UNKNOWN;
  });
  def('pop!', ({ args: [v] }) => (v?.kind === 'list' ? mutableItems(v).pop() ?? UNKNOWN : UNKNOWN));
  def('isempty', ({ args: [x] }, _site, host) => {
    const items = x ? host.iterate(x) : undefined;
    return items ? { kind: 'bool', value: items.length === 0 } : UNKNOWN;
  });
  def('isnothing', ({ args: [x] }) => (x && x.kind !== 'unknown' ? { kind: 'bool', value: x.kind === 'none' } : UNKNOWN));
  def('keys', ({ args: [x] }) => {
    const d = x ? refOf(x, DictObj) : undefined;
    return d ? tupleOf(namedTupleItems(d).map(([k]) => str(k))) : UNKNOWN;
  });
  def('values', ({ args: [x] }) => {
    const d = x ? refOf(x, DictObj) : undefined;
    return d ? tupleOf(namedTupleItems(d).map(([, v]) => v)) : UNKNOWN;
  });
  def('string', () => UNKNOWN);
  def('Symbol', ({ args: [x] }) => (x?.kind === 'str' ? x : UNKNOWN));
  def('typeof', () => UNKNOWN);
  for (const n of ['println', 'print', 'display', 'show', 'printstyled', 'flush', 'sleep', '@info', '@warn', 'seed!']) def(n, () => NONE);
  for (const n of ['ArgumentError', 'DimensionMismatch', 'AssertionError', 'ErrorException', 'error']) def(n, () => UNKNOWN);
  return m;
}

/** `a + b`, `a - b`, `a / b`, `-a`: scalars by Julia's rules; arrays elementwise (same size) or scaled. */
function arith(host: Host, op: '+' | '-' | '/', args: readonly Value[], site: Range): Value {
  const [a, b] = args;
  if (!a) return UNKNOWN;
  const fn = host === undefined ? UNKNOWN : juliaBuiltins().get(op)!;
  if (!b) {
    if (op === '-' && asArray(a)) return broadcastCall(host, fn, [asArray(a)!], {}, site);
    if (op === '-' && a.kind === 'int') return int(a.dim.neg());
    if (op === '-' && a.kind === 'float') return { kind: 'float', value: -a.value };
    return op === '+' ? a : UNKNOWN;
  }
  const ta = asArray(a);
  const tb = asArray(b);
  if (ta && tb) {
    if (op === '/') return UNKNOWN; // a right division solving a linear system
    // `+` of arrays needs equal sizes (no broadcasting of singleton dimensions).
    if (!ta.shape || !tb.shape || ta.shape.length !== tb.shape.length || ta.shape.some((d, i) => d.value === 1 && tb.shape![i].value !== 1)) return UNKNOWN;
    return broadcastCall(host, fn, [ta, tb], {}, site);
  }
  if (ta || tb) return op === '/' && ta ? broadcastCall(host, fn, [ta, b], {}, site) : UNKNOWN;
  return juliaScalar(op, a, b) ?? UNKNOWN;
}

/** `A * B` is a matrix product; a scalar scales an array. */
function times(host: Host, args: readonly Value[], site: Range): Value {
  if (args.length > 2) return args.reduce((acc, v) => times(host, [acc, v], site));
  const [a, b] = args;
  if (!a || !b) return a ?? UNKNOWN;
  const ta = asArray(a);
  const tb = asArray(b);
  if (ta && tb) return host.callOp('julia.matmul', { args: [ta, tb], kwargs: {} }, site);
  if (ta || tb) {
    const scalar = ta ? b : a;
    if (scalar.kind !== 'int' && scalar.kind !== 'float' && scalar.kind !== 'bool') return UNKNOWN;
    return broadcastCall(host, juliaBuiltins().get('*')!, [a, b].map((v) => asArray(v) ?? v), {}, site);
  }
  return juliaScalar('*', a, b) ?? UNKNOWN;
}

function concat(host: Host, args: readonly Value[], dims: Value | undefined, site: Range): Value {
  if (!dims) return UNKNOWN;
  if (args.every((a) => a.kind === 'list') && dims.kind === 'int' && dims.dim.value === 1) return listOf(args.flatMap((a) => (a as { items: readonly Value[] }).items));
  if (args.every((a) => a.kind === 'tuple')) return UNKNOWN;
  const arrays = args.map(asArray);
  if (arrays.some((a) => !a)) return UNKNOWN;
  return host.callOp('julia.cat', { args: arrays as Value[], kwargs: { dims } }, site);
}

function reduction(host: Host, name: string, args: readonly Value[], kwargs: Readonly<Record<string, Value>>, eltype: 'float' | undefined, site: Range): Value {
  const [x, y] = args;
  if (!x) return UNKNOWN;
  if (y) return UNKNOWN; // sum(f, xs)
  const t = asArray(x);
  if (t && !(x.kind === 'list' && !kwargs.dims)) {
    if (!kwargs.dims) return UNKNOWN;
    const dt = eltype === 'float' ? (t.dtype === 'float32' ? 'float32' : 'float64') : undefined;
    return host.callOp('julia.reduce', { args: [t], kwargs: { dims: kwargs.dims, kind: str(name), ...(dt ? { eltype: str(dt) } : {}) } }, site);
  }
  const items = host.iterate(x);
  if (!items || items.length === 0) return UNKNOWN;
  if (name === 'sum' || name === 'prod') {
    if (items.every((v) => v.kind === 'int')) {
      return int(items.reduce((acc: Dim, v) => (name === 'sum' ? acc.add((v as { dim: Dim }).dim) : acc.mul((v as { dim: Dim }).dim)), Dim.of(name === 'sum' ? 0 : 1)));
    }
    const nums = items.map(numberOf);
    if (nums.some((n) => n === undefined)) return UNKNOWN;
    return { kind: 'float', value: (nums as number[]).reduce((a, b) => (name === 'sum' ? a + b : a * b), name === 'sum' ? 0 : 1) };
  }
  if (name === 'maximum' || name === 'minimum') return extreme(name === 'maximum' ? 'max' : 'min', items);
  return UNKNOWN;
}

function extreme(which: 'max' | 'min', args: readonly Value[]): Value {
  if (args.length === 0) return UNKNOWN;
  if (args.every((a) => a.kind === 'int')) {
    const dims = args.map((a) => (a as { dim: Dim }).dim);
    return int(which === 'max' ? Dim.max(...dims) : Dim.min(...dims));
  }
  const nums = args.map(numberOf);
  if (nums.some((n) => n === undefined) || args.some((a) => a.kind === 'tensor')) return UNKNOWN;
  return { kind: 'float', value: which === 'max' ? Math.max(...(nums as number[])) : Math.min(...(nums as number[])) };
}

/** `x[i, ...]` on arrays, tuples, vectors, NamedTuples, Chains; `Float32[1, 2]` builds an array. */
function getindex(host: Host, v: Value, index: readonly Value[], site: Range): Value {
  const ty = juliaTypeOf(v);
  if (ty) {
    // A typed array literal: numbers make an array, anything else (`Any[...]`) a vector.
    if (ty.dtype && index.length > 0 && index.every((x) => x.kind === 'int' || x.kind === 'float' || x.kind === 'bool')) return fluxTensor([index.length], ty.dtype);
    if (ty.dtype && index.length === 0) return fluxTensor([0], ty.dtype);
    return listOf([...index]);
  }
  if (v.kind === 'tensor' || (v.kind === 'list' && asArray(v) && index.some((i) => isColonFn(i)))) {
    const t = asArray(v)!;
    if (index.length === 0) return UNKNOWN;
    return host.callOp('julia.getindex', { args: [t, ...index.map(indexValue)], kwargs: {} }, site);
  }
  if (index.length !== 1) return UNKNOWN;
  const ix = index[0];
  const container = containerIndex(host, v, ix, site);
  if (container !== undefined) return container;
  if (v.kind === 'tuple' || v.kind === 'list') {
    if (ix.kind === 'int') {
      const i = ix.dim.value;
      return i === undefined ? UNKNOWN : v.items[i - 1] ?? UNKNOWN;
    }
    if (ix.kind === 'list') {
      const picked: Value[] = [];
      for (const it of ix.items) {
        const i = it.kind === 'int' ? it.dim.value : undefined;
        if (i === undefined || !v.items[i - 1]) return UNKNOWN;
        picked.push(v.items[i - 1]);
      }
      return v.kind === 'tuple' ? tupleOf(picked) : listOf(picked);
    }
    if (isColonFn(ix)) return v.kind === 'tuple' ? v : listOf([...v.items]);
    return UNKNOWN;
  }
  const d = refOf(v, DictObj);
  if (d) {
    if (ix.kind === 'str') return d.entries.get(`s:${ix.value}`)?.[1] ?? UNKNOWN;
    if (ix.kind === 'int' && ix.dim.value !== undefined) return namedTupleItems(d)[ix.dim.value - 1]?.[1] ?? UNKNOWN;
  }
  return UNKNOWN;
}

/** A struct field's value: a collection holding layers is kept as their container (FluxFieldObj). */
function fieldValue(v: Value): Value {
  const items: [string, Value][] = v.kind === 'tuple' || v.kind === 'list'
    ? v.items.map((x, i) => [String(i + 1), x])
    : refOf(v, DictObj) ? namedTupleItems(refOf(v, DictObj)!) : [];
  return items.some(([, x]) => isModuleLike(x)) ? obj(new FluxFieldObj(v, items)) : v;
}

/** `v.name` on Julia values: a Pair's `first`/`second`, NamedTuple fields, Flux containers' `layers`, layer fields. */
function juliaValueAttr(host: Host, v: Value, name: string): Value | undefined {
  if (v.kind === 'object') {
    const r = v.ref;
    if (r instanceof JuliaPair) return name === 'first' ? r.first : name === 'second' ? r.second : UNKNOWN;
    if (r instanceof InstanceObj) {
      const field = r.attrs.get(name);
      return field && field.kind === 'object' && field.ref instanceof FluxFieldObj ? field.ref.value : undefined;
    }
    if (r instanceof DictObj) return r.entries.get(`s:${name}`)?.[1] ?? UNKNOWN;
    if (name === 'layers') {
      const layers = containerLayers(v);
      if (layers) return layers;
    }
    const field = layerField(host, v, name);
    if (field) return field;
    return undefined;
  }
  if (v.kind === 'tensor' || v.kind === 'tuple' || v.kind === 'list' || v.kind === 'str') return UNKNOWN;
  return undefined;
}

const julia: LanguageProfile = { language: 'julia', builtins: juliaBuiltins, valueAttr: juliaValueAttr };

registerLanguage(julia);

export { truthy };
