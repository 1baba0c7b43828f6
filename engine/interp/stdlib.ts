// The standard-library modules (and numpy's few size helpers) that model code reaches for, as
// Python modules of builtins: math, functools, dataclasses, collections, itertools, copy, operator
// (argparse in argparseApi.ts).
import { lightningModules } from './lightning';
import { NAMED_TUPLE_BASE, namedtupleFactory } from './namedTuples';
import { Dim } from '../shape/dim';
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import type { Host } from './host';
import { BuiltinObj, ClassObj, FieldObj, FunctionObj, InstanceObj, LayerObj, OpRefObj, PartialObj, PyModuleObj, UnionObj, obj, refOf, type CallArgs } from './objects';
import { SOME_FLOAT, bigInt, float, int, intOf, numberOf, ratioFloat, roundedRatio, str, tupleOf } from './pyvalues';
import { floatPow, scalarBinary } from './pyOperators';
import { raise } from './pyRaise';
import { expRounded, logRounded } from './floatMath';
import { pythonBuiltins } from './builtins';
import { copyModule, itertoolsModule, operatorModule, reduceBuiltin } from './stdlibIter';
import { argparseModule, namespace } from './argparseApi';
import { contextlibModule, yamlModule } from './dataFiles';
import { numbersModule } from './numbersAbc';
import { enumModule } from './enums';
import { reModule } from './reModule';
import { replacedDataclass } from './configSizes';

let shared: Map<string, Value> | undefined;

/** The abstract base classes of collections.abc that isinstance understands (builtins.ts). */
export const ABSTRACT_COLLECTIONS = ['Iterable', 'Iterator', 'Sequence', 'MutableSequence', 'Mapping', 'MutableMapping', 'Sized', 'Container', 'Collection', 'Callable', 'Set'] as const;

/** Module values by import name (`math`, `functools`...), made once. */
export function stdlibModules(): ReadonlyMap<string, Value> {
  return (shared ??= makeStdlib());
}

function makeStdlib(): Map<string, Value> {
  const m = new Map<string, Value>();
  const iter = (interp: Host, v: Value | undefined): Value[] | undefined => (v ? interp.iterate(v) : undefined);
  const mathAttrs = new Map<string, Value>();
  const def = (name: string, f: (a: CallArgs, host: Host) => Value): void => {
    mathAttrs.set(name, obj(new BuiltinObj(`math.${name}`, (a, _site, host) => (Object.keys(a.kwargs).length > 0 ? raise('TypeError') : f(a, host)))));
  };
  /** A float argument (ints and bools convert), undefined for anything else. */
  const real = (v: Value | undefined): number | undefined => (v && (v.kind === 'float' || v.kind === 'int' || v.kind === 'bool') ? numberOf(v) : undefined);
  /** Exactly `n` arguments, else TypeError. */
  const count = (args: readonly Value[], n: number, max = n): void => {
    if (args.length < n || args.length > max) raise('TypeError');
  };
  const oneReal = (f: (x: number) => Value): ((a: CallArgs) => Value) => ({ args }) => {
    count(args, 1);
    const x = real(args[0]);
    if (x !== undefined) return f(x);
    // `math.sqrt(head_dim)` of a symbolic size is a float whose value is not known.
    const a = args[0];
    return a && (a.kind === 'int' || a.kind === 'float') ? SOME_FLOAT : UNKNOWN;
  };
  /** A non-negative int argument (math.factorial, isqrt, comb...). */
  const natural = (v: Value | undefined): bigint | undefined => {
    const n = v && v.kind !== 'float' ? intOf(v) : undefined;
    return n === undefined || n < 0 ? undefined : BigInt(n);
  };
  // floor/ceil/trunc give ints; a float that is inf or nan raises.
  for (const [name, f] of [['floor', Math.floor], ['ceil', Math.ceil], ['trunc', Math.trunc]] as const) {
    def(name, ({ args }) => {
      count(args, 1);
      const [v] = args;
      if (v.kind === 'int') return v;
      // floor/ceil of an exact ratio of sizes (`math.ceil(H / 16)`) is a size.
      if (v.kind === 'float' && v.log2 && name === 'floor') return int(Dim.floorLog2(v.log2));
      const q = name === 'trunc' ? undefined : roundedRatio(v, name);
      if (q) return int(q);
      const x = real(v);
      return x === undefined || !Number.isFinite(x) ? UNKNOWN : int(f(x));
    });
  }
  // sqrt and fabs are exact in every libm; exp, log and log2 are computed correctly rounded
  // (floatMath.ts), as glibc gives them (V8's Math.exp/log can differ in the last bit).
  def('sqrt', oneReal((x) => (x < 0 ? raise('ValueError') : float(Math.sqrt(x)))));
  def('fabs', oneReal((x) => float(Math.abs(x))));
  const known = (r: number | undefined): Value => (r === undefined ? UNKNOWN : float(r));
  // log of 0 or a negative number is CPython's ValueError.
  const log = (x: number, base: 'e' | 2 | 10): number | undefined => (x <= 0 ? raise('ValueError') : logRounded(x, base));
  // log2 of `2 ** dim` (a codebook of 2**dim codes) is `dim`, a whole float.
  const exactLog = (base: number, f: (a: CallArgs, host: Host) => Value): ((a: CallArgs, host: Host) => Value) => (a, host) => {
    const v = a.args[0];
    const e = a.args.length === 1 && v?.kind === 'int' && !v.dim.isKnown ? v.dim.exponentOf(base) : undefined;
    if (e) return ratioFloat(e, 1);
    // Of another size, a float whose floor is a size (`int(log2(codebook_size))`, Dim.floorLog2).
    if (base === 2 && a.args.length === 1 && v?.kind === 'int' && !v.dim.isKnown && !v.dim.hasUnknown && v.dim.provablyAtLeast(1)) return { kind: 'float', value: Number.NaN, unknown: true, log2: v.dim };
    return f(a, host);
  };
  def('log2', exactLog(2, oneReal((x) => known(log(x, 2)))));
  // glibc's log10, unlike its log, log2, exp and pow, is not correctly rounded: only the exact
  // powers of ten (whose logarithm it gets exactly) are known.
  def('log10', oneReal((x) => {
    const r = log(x, 10);
    return r !== undefined && Number.isInteger(r) && r >= 0 && r <= 22 && 10 ** r === x ? float(r) : UNKNOWN;
  }));
  def('log', ({ args }) => {
    count(args, 1, 2);
    const x = real(args[0]);
    const b = args.length === 2 ? real(args[1]) : undefined;
    if (x === undefined || (args.length === 2 && b === undefined)) return UNKNOWN;
    const lx = log(x, 'e');
    if (args.length === 1) return known(lx);
    // math.log(x, b) divides the two logarithms, as CPython does (ZeroDivisionError for b == 1).
    const lb = log(b!, 'e');
    if (lb === 0) raise('ZeroDivisionError');
    return lx === undefined || lb === undefined ? UNKNOWN : float(lx / lb);
  });
  def('exp', oneReal((x) => known(expRounded(x))));
  def('pow', ({ args }) => {
    count(args, 2);
    const x = real(args[0]);
    const y = real(args[1]);
    return x !== undefined && y !== undefined ? floatPow(x, y) : UNKNOWN;
  });
  def('isqrt', ({ args }) => {
    count(args, 1);
    const n = natural(args[0]);
    if (n === undefined) return UNKNOWN;
    let r = BigInt(Math.floor(Math.sqrt(Number(n))));
    while (r * r > n) r -= 1n;
    while ((r + 1n) * (r + 1n) <= n) r += 1n;
    return bigInt(r);
  });
  def('gcd', ({ args }) => {
    const ns = args.map((v) => (v.kind === 'float' ? undefined : intOf(v)));
    if (ns.some((n) => n === undefined)) return UNKNOWN;
    let g = 0;
    for (const n of ns as number[]) {
      let [a, b] = [Math.abs(g), Math.abs(n)];
      while (b) [a, b] = [b, a % b];
      g = a;
    }
    return int(g);
  });
  const product = (from: bigint, to: bigint): bigint => {
    let p = 1n;
    for (let k = from; k <= to; k++) p *= k;
    return p;
  };
  def('factorial', ({ args }) => {
    count(args, 1);
    const n = natural(args[0]);
    return n !== undefined && n <= 170n ? bigInt(product(1n, n)) : UNKNOWN;
  });
  def('perm', ({ args }) => {
    count(args, 1, 2);
    const n = natural(args[0]);
    const k = args.length > 1 ? natural(args[1]) : n;
    if (n === undefined || k === undefined || n > 1000n) return UNKNOWN;
    return k > n ? int(0) : bigInt(product(n - k + 1n, n));
  });
  def('comb', ({ args }) => {
    count(args, 2);
    const n = natural(args[0]);
    const k = natural(args[1]);
    if (n === undefined || k === undefined || n > 1000n) return UNKNOWN;
    return k > n ? int(0) : bigInt(product(n - k + 1n, n) / product(1n, k));
  });
  mathAttrs.set('pi', float(Math.PI));
  mathAttrs.set('e', float(Math.E));
  mathAttrs.set('tau', float(2 * Math.PI));
  mathAttrs.set('inf', float(Infinity));
  mathAttrs.set('nan', float(NaN));
  const prod = obj(new BuiltinObj('prod', ({ args: [v], kwargs }, _site, interp) => {
    const items = iter(interp, v);
    if (!items || Object.keys(kwargs).some((k) => k !== 'start')) return UNKNOWN;
    const start = kwargs.start ?? int(1);
    if ([start, ...items].every((x) => x.kind === 'int')) return int([start, ...items].reduce((acc, x) => acc.mul((x as { dim: Dim }).dim), Dim.of(1)));
    // Floats multiply left to right, as CPython does.
    let acc: Value = start;
    for (const x of items) {
      acc = scalarBinary('*', acc, x) ?? UNKNOWN;
      if (acc.kind === 'unknown') return UNKNOWN;
    }
    return acc;
  }));
  mathAttrs.set('prod', prod);
  m.set('math', obj(new PyModuleObj('math', mathAttrs)));
  m.set('numpy', obj(new PyModuleObj('numpy', new Map([['prod', prod], ['sqrt', mathAttrs.get('sqrt')!], ['pi', mathAttrs.get('pi')!]]))));
  const partial = obj(new BuiltinObj('functools.partial', ({ args: [fn, ...rest], kwargs }) => (fn ? obj(new PartialObj(fn, rest, kwargs)) : UNKNOWN)));
  // Decorators that leave the function as it is (makeFunction sees through them).
  const identityDecorator: Value = obj(new BuiltinObj('functools.wraps', ({ args, kwargs }) => (args[0] && refOf(args[0], FunctionObj) && Object.keys(kwargs).length === 0 && args.length === 1 ? args[0] : identity)));
  const identity: Value = obj(new BuiltinObj('functools.wraps.decorator', ({ args }) => args[0] ?? UNKNOWN));
  m.set('functools', obj(new PyModuleObj('functools', new Map([
    ['partial', partial], ['reduce', reduceBuiltin], ['wraps', obj(new BuiltinObj('functools.wraps', () => identity))],
    ['lru_cache', identityDecorator], ['cache', identityDecorator],
  ]))));
  m.set('itertools', itertoolsModule());
  m.set('operator', operatorModule());
  m.set('copy', copyModule());
  m.set('numbers', numbersModule());
  const abc = new Map<string, Value>(ABSTRACT_COLLECTIONS.map((n) => [n, obj(new BuiltinObj(`collections.abc.${n}`, () => raise('TypeError')))]));
  m.set('collections.abc', obj(new PyModuleObj('collections.abc', abc)));
  // typing's aliases of them work with isinstance too; its other names stay unknown.
  // `cast(T, v)` is v; `if TYPE_CHECKING:` imports for the type checker only.
  const typing = new Map(abc);
  typing.set('cast', obj(new BuiltinObj('typing.cast', ({ args, kwargs }) => args[1] ?? kwargs.val ?? UNKNOWN)));
  typing.set('TYPE_CHECKING', { kind: 'bool', value: false });
  // typing.OrderedDict() makes a collections.OrderedDict (its alias is instantiable; typing.py's
  // `OrderedDict = _alias(collections.OrderedDict, 2)`): torchvision's MaxVit builds its layers so.
  typing.set('OrderedDict', pythonBuiltins().get('dict')!);
  for (const name of ['final', 'no_type_check', 'runtime_checkable']) typing.set(name, obj(new BuiltinObj(`typing.${name}`, ({ args }) => args[0] ?? UNKNOWN)));
  // `class Outputs(NamedTuple): logits: Tensor` (makeClass reads its fields; namedTuples.ts).
  typing.set('NamedTuple', NAMED_TUPLE_BASE);
  m.set('typing', obj(new PyModuleObj('typing', typing)));
  m.set('inspect', obj(new PyModuleObj('inspect', inspectMembers())));
  // @dataclass (bare or called with options) marks the class; makeClass generates its __init__.
  const dataclass: Value = obj(new BuiltinObj('dataclasses.dataclass', ({ args }) => args[0] ?? dataclass));
  const field = obj(new BuiltinObj('dataclasses.field', ({ kwargs }) => obj(new FieldObj(kwargs.default, kwargs.default_factory))));
  // `fields(Weights)`: the fields of a dataclass (or of an instance of one), each with its `name`.
  const fields = obj(new BuiltinObj('dataclasses.fields', ({ args }) => {
    const cls = args[0] && (refOf(args[0], ClassObj) ?? refOf(args[0], InstanceObj)?.cls);
    const declared = cls?.mro().find((c) => c.dataclassFields)?.dataclassFields;
    return declared ? tupleOf(declared.map((f) => namespace({ name: str(f.name) }))) : UNKNOWN;
  }));
  // `replace(cfg, window_size=ws)`: a new config from cfg's fields, changed where given.
  const replace = obj(new BuiltinObj('dataclasses.replace', ({ args, kwargs }, site, host) => (args.length === 1 ? replacedDataclass(host, args[0], kwargs, site) : undefined) ?? UNKNOWN));
  m.set('dataclasses', obj(new PyModuleObj('dataclasses', new Map([['dataclass', dataclass], ['field', field], ['fields', fields], ['replace', replace]]))));
  m.set('collections', obj(new PyModuleObj('collections', new Map([['OrderedDict', pythonBuiltins().get('dict')!], ['abc', m.get('collections.abc')!], ['namedtuple', namedtupleFactory()]]))));
  m.set('argparse', argparseModule());
  m.set('enum', enumModule());
  for (const [name, module] of lightningModules()) m.set(name, module);
  m.set('yaml', yamlModule());
  m.set('contextlib', contextlibModule());
  m.set('importlib', importlibModule());
  m.set('re', reModule());
  // types.SimpleNamespace(dim=64): an object with exactly those attributes.
  m.set('types', obj(new PyModuleObj('types', new Map<string, Value>([
    ['SimpleNamespace', obj(new BuiltinObj('types.SimpleNamespace', ({ kwargs }) => namespace(kwargs)))],
    // For isinstance only (functionTypes.ts): calling it needs a code object.
    ['FunctionType', obj(new BuiltinObj('types.FunctionType', () => UNKNOWN))],
  ]))));
  return m;
}


/**
 * `importlib.import_module("ldm.models.autoencoder")` with a name the run knows (CompVis's
 * `get_obj_from_str(config["target"])`): the module the import statement would bind, through the
 * same resolver (workspace files only, read, never run). A name not known gives Unknown.
 */
function importlibModule(): Value {
  const importModule = obj(new BuiltinObj('importlib.import_module', ({ args, kwargs }, _site, host) => {
    const name = args[0] ?? kwargs.name;
    const pkg = args[1] ?? kwargs.package;
    if (name?.kind !== 'str' || name.value === '') return UNKNOWN;
    const level = /^\.*/.exec(name.value)![0].length;
    if (level === 0) return host.importModule(name.value, 0);
    // `import_module(".blocks", package="models")`: resolved against the package named, as importlib does.
    if (pkg?.kind !== 'str' || pkg.value === '') return UNKNOWN;
    const base = pkg.value.split('.');
    if (level - 1 >= base.length) return UNKNOWN;
    const rest = name.value.slice(level);
    return host.importModule([...base.slice(0, base.length - (level - 1)), ...(rest ? [rest] : [])].join('.'), 0);
  }));
  // `reload(module)` gives the module back (its code is read once per run anyway).
  const reload = obj(new BuiltinObj('importlib.reload', ({ args }) => args[0] ?? UNKNOWN));
  return obj(new PyModuleObj('importlib', new Map<string, Value>([['import_module', importModule], ['reload', reload]])));
}

/**
 * inspect.isfunction / isclass / ismethod where the value says (stable-diffusion's
 * `default(val, d)` asks `isfunction(d)` of a tensor): a plain value is none of them; an object
 * the interpreter cannot classify leaves the answer unknown.
 */
function inspectMembers(): Map<string, Value> {
  // A framework layer class (`nn.GELU`, in routing-transformer's `default(activation, GELU)`) is
  // a class; a functional op (`F.relu` is a Python function, `torch.cat` a builtin) stays unknown.
  const isLayerClass = (v: Value): boolean => refOf(v, OpRefObj)?.op.kind === 'module';
  const plain = (v: Value): boolean => v.kind === 'tensor' || v.kind === 'int' || v.kind === 'float' || v.kind === 'bool' || v.kind === 'str' || v.kind === 'none' || v.kind === 'tuple' || v.kind === 'list' || v.kind === 'dtype';
  const test = (name: string, is: (v: Value) => boolean | undefined) => obj(new BuiltinObj(`inspect.${name}`, ({ args }) => {
    const v = args[0];
    if (!v) return UNKNOWN;
    // One of several values (`nn.GELU if hasattr(nn, 'GELU') else GELU_`): the answer they all give.
    const answers = new Set((refOf(v, UnionObj)?.alternatives ?? [v]).map((a) => (plain(a) ? false : is(a))));
    const [answer] = answers;
    return answers.size !== 1 || answer === undefined ? UNKNOWN : { kind: 'bool', value: answer };
  }));
  return new Map<string, Value>([
    ['isfunction', test('isfunction', (v) => (refOf(v, FunctionObj) ? true : refOf(v, ClassObj) || refOf(v, InstanceObj) || isLayerClass(v) || refOf(v, LayerObj) ? false : undefined))],
    ['isclass', test('isclass', (v) => (refOf(v, ClassObj) || isLayerClass(v) ? true : refOf(v, FunctionObj) || refOf(v, InstanceObj) || refOf(v, LayerObj) ? false : undefined))],
  ]);
}
