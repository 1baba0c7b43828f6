// Every Python builtin, math function and plain-value method the interpreter models, called with
// no arguments, odd ones (None, Unknown, a tensor, NaN, a symbolic size, an exhausted iterator...),
// too many, and unexpected keywords: each call returns a value (Unknown where CPython would raise
// or the answer is not known), or raises as Python code does (PyRaise: `sum(['a'])` is a TypeError),
// and never throws anything else. (`zip(*[])` used to throw RangeError.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dim } from '../../engine/shape/dim';
import type { Value } from '../../engine/value';
import { NONE, UNKNOWN } from '../../engine/value';
import { Interpreter, PyRaise } from '../../engine/interp/interpreter';
import { Recorder } from '../../engine/interp/record';
import { BuiltinObj, DictObj, PyModuleObj, obj, refOf } from '../../engine/interp/objects';
import { pythonBuiltins } from '../../engine/interp/builtins';
import { stdlibModules } from '../../engine/interp/stdlib';
import { pythonValueAttr } from '../../engine/interp/pyMethods';
import { RangeObj, SetObj, dictSet, float, forgetContents, int, iteratorOf, listOf, setOf, str, tupleOf } from '../../engine/interp/pyvalues';

const host = new Interpreter({ recorder: new Recorder() });

/** Fresh argument values (methods mutate their receivers and arguments). */
function pool(): Value[] {
  const dict = new DictObj();
  dictSet(dict, str('a'), int(1));
  dictSet(dict, int(2), NONE);
  const opaqueList = listOf([int(1)]);
  forgetContents(opaqueList);
  const spent = iteratorOf([int(1)]);
  host.iterate(spent);
  return [
    NONE, UNKNOWN, int(0), int(-7), int(Number.MAX_SAFE_INTEGER), int(Dim.sym('B')), { kind: 'bool', value: true },
    float(NaN), float(Infinity), float(-0), float(1.5), float(1e300), str(''), str('a,b'), str('ß\u{1F600}'),
    listOf([]), listOf([int(3), str('x'), float(NaN)]), tupleOf([int(1), int(2)]), obj(dict), setOf([int(1), str('b')]),
    obj(new RangeObj(0, 10 ** 12, 3)), iteratorOf([int(1), int(2)]), spent, opaqueList,
    { kind: 'tensor', shape: [Dim.of(2), Dim.sym('N')], dtype: 'float32' }, { kind: 'tensor', shape: undefined, dtype: undefined },
    { kind: 'slice', start: NONE, stop: int(-1), step: int(0) }, { kind: 'ellipsis' }, pythonBuiltins().get('len')!,
  ];
}

const KWARGS: Record<string, Value>[] = [
  {}, { key: pythonBuiltins().get('abs')! }, { reverse: int(1) }, { start: float(2.5) }, { default: NONE }, { strict: UNKNOWN },
  { base: int(37) }, { ndigits: int(-400) }, { sep: str('') }, { maxsplit: UNKNOWN }, { bogus: int(1) },
];

/** Argument lists: none, each value alone, pairs and triples from a small set, and keywords. */
function argumentLists(): { args: Value[]; kwargs: Record<string, Value> }[] {
  const n = pool().length;
  const out: { args: Value[]; kwargs: Record<string, Value> }[] = [];
  for (const kwargs of KWARGS) out.push({ args: [], kwargs });
  for (let i = 0; i < n; i++) for (const kwargs of KWARGS) out.push({ args: [pool()[i]], kwargs });
  const few = [0, 1, 2, 3, 7, 8, 13, 16, 18, 20, 21, 23, 24];
  for (const i of few) for (const j of few) out.push({ args: [pool()[i], pool()[j]], kwargs: {} });
  for (const i of few) for (const j of few) out.push({ args: [pool()[i], pool()[j], pool()[(i + j) % n]], kwargs: {} });
  return out;
}

function callAll(name: string, fn: Value, problems: string[]): number {
  let calls = 0;
  for (const a of argumentLists()) {
    calls++;
    try {
      const r = host.call(fn, a, { start: 0, end: 0 });
      if (typeof r?.kind !== 'string') problems.push(`${name}: returned ${String(r)}`);
    } catch (e) {
      if (e instanceof PyRaise) continue;
      problems.push(`${name}(${a.args.map((v) => v.kind).join(', ')}; ${Object.keys(a.kwargs).join(', ')}): ${(e as Error).message ?? e}`);
    }
  }
  return calls;
}

test('builtins never throw, whatever they are given', () => {
  const problems: string[] = [];
  let calls = 0;
  for (const [name, fn] of pythonBuiltins()) if (refOf(fn, BuiltinObj)) calls += callAll(name, fn, problems);
  assert.ok(calls > 10_000, `only ${calls} calls`);
  assert.deepEqual(problems.slice(0, 20), []);
});

test('math, functools and dataclasses functions never throw', () => {
  const problems: string[] = [];
  for (const [modName, mod] of stdlibModules()) {
    for (const [name, fn] of refOf(mod, PyModuleObj)?.attrs ?? []) if (refOf(fn, BuiltinObj)) callAll(`${modName}.${name}`, fn, problems);
  }
  assert.deepEqual(problems.slice(0, 20), []);
});

const METHODS = [
  'append', 'extend', 'insert', 'pop', 'remove', 'clear', 'sort', 'reverse', 'copy', 'index', 'count', 'get', 'items', 'keys', 'values',
  'popitem', 'setdefault', 'update', 'add', 'discard', 'union', 'intersection', 'difference', 'symmetric_difference', 'issubset',
  'issuperset', 'isdisjoint', 'split', 'rsplit', 'splitlines', 'join', 'strip', 'lstrip', 'rstrip', 'startswith', 'endswith', 'replace',
  'find', 'rfind', 'rindex', 'upper', 'lower', 'casefold', 'title', 'capitalize', 'swapcase', 'isdigit', 'isalpha', 'isspace', 'center',
  'ljust', 'rjust', 'zfill', 'removeprefix', 'removesuffix', 'partition', 'rpartition', 'format', 'fromkeys', 'no_such_method',
];

test('methods of lists, tuples, dicts, sets, strings and their types never throw', () => {
  const problems: string[] = [];
  const receivers = (): Value[] => [...pool().slice(12, 24), pythonBuiltins().get('str')!, pythonBuiltins().get('dict')!];
  for (let r = 0; r < receivers().length; r++) {
    for (const name of METHODS) {
      const receiver = receivers()[r];
      const m = pythonValueAttr(host, receiver, name);
      if (m && refOf(m, BuiltinObj)) callAll(`${receiver.kind}.${name}`, m, problems);
    }
  }
  assert.deepEqual(problems.slice(0, 20), []);
});

test('zero-argument calls: the values CPython gives, or its TypeError', () => {
  const run = (name: string, args: Value[] = []): Value => host.call(pythonBuiltins().get(name)!, { args, kwargs: {} }, { start: 0, end: 0 });
  // zip() and zip(*[]) are empty iterators; list() of one is [].
  const empty = run('list', [run('zip')]);
  assert.equal(empty.kind === 'list' && empty.items.length, 0);
  for (const [name, want] of [['int', 0], ['str', '']] as const) {
    const v = run(name);
    assert.equal(v.kind === 'int' ? v.dim.value : v.kind === 'str' ? v.value : undefined, want);
  }
  assert.deepEqual(run('float'), float(0));
  assert.deepEqual(run('bool'), { kind: 'bool', value: false });
  assert.equal(refOf(run('set'), SetObj)?.items.size, 0);
  for (const name of ['len', 'min', 'max', 'sum', 'divmod', 'abs', 'sorted', 'range', 'enumerate', 'isinstance', 'next', 'map', 'filter']) {
    assert.throws(() => run(name), (e) => e instanceof PyRaise && e.pyType === 'TypeError', `${name}() raises TypeError in CPython`);
  }
});
