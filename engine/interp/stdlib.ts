// The standard-library modules (and numpy's few size helpers) that model code reaches for, as
// Python modules of builtins: math, functools.partial, dataclasses, collections.OrderedDict.
import { Dim } from '../shape/dim';
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import type { Host } from './host';
import { BuiltinObj, ClassObj, FieldObj, InstanceObj, PartialObj, PyModuleObj, SymbolicObj, obj } from './objects';
import { SOME_FLOAT, int, numberOf, tupleOf } from './pyvalues';
import { pythonBuiltins } from './builtins';

let shared: Map<string, Value> | undefined;

/** Module values by import name (`math`, `functools`...), made once. */
export function stdlibModules(): ReadonlyMap<string, Value> {
  return (shared ??= makeStdlib());
}

function makeStdlib(): Map<string, Value> {
  const m = new Map<string, Value>();
  const iter = (interp: Host, v: Value | undefined): Value[] | undefined => (v ? interp.iterate(v) : undefined);
  const mathAttrs = new Map<string, Value>();
  const mathFn = (name: string, f: (x: number, y?: number) => number, intResult: boolean): void => {
    mathAttrs.set(name, obj(new BuiltinObj(`math.${name}`, ({ args }) => {
      if (intResult && (name === 'floor' || name === 'ceil') && args[0]?.kind === 'int') return args[0];
      // floor/ceil of an exact ratio of sizes (`math.ceil(H / 16)`) is a size.
      const ratio = args[0]?.kind === 'float' ? args[0].ratio : undefined;
      if (ratio && (name === 'floor' || name === 'ceil')) return int(name === 'floor' ? ratio.num.floordiv(ratio.den)! : ratio.num.ceildiv(ratio.den)!);
      const xs = args.map(numberOf);
      // `math.sqrt(head_dim)` of a symbolic size is a float whose value is not known.
      const someNumber = args.length > 0 && args.every((a) => a.kind === 'int' || a.kind === 'bool' || a.kind === 'float');
      if (xs.some((x) => x === undefined) || xs.length === 0) return someNumber && !intResult ? SOME_FLOAT : UNKNOWN;
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
  const prod = obj(new BuiltinObj('prod', ({ args: [v] }, _site, interp) => {
    const items = iter(interp, v);
    if (!items) return UNKNOWN;
    if (items.every((x) => x.kind === 'int')) return int(items.reduce((acc, x) => acc.mul((x as { dim: Dim }).dim), Dim.of(1)));
    return UNKNOWN;
  }));
  mathAttrs.set('prod', prod);
  m.set('math', obj(new PyModuleObj('math', mathAttrs)));
  m.set('numpy', obj(new PyModuleObj('numpy', new Map([['prod', prod], ['sqrt', mathAttrs.get('sqrt')!], ['pi', mathAttrs.get('pi')!]]))));
  const partial = obj(new BuiltinObj('functools.partial', ({ args: [fn, ...rest], kwargs }) => (fn ? obj(new PartialObj(fn, rest, kwargs)) : UNKNOWN)));
  m.set('functools', obj(new PyModuleObj('functools', new Map([['partial', partial]]))));
  // @dataclass (bare or called with options) marks the class; makeClass generates its __init__.
  const dataclass: Value = obj(new BuiltinObj('dataclasses.dataclass', ({ args }) => args[0] ?? dataclass));
  const field = obj(new BuiltinObj('dataclasses.field', ({ kwargs }) => obj(new FieldObj(kwargs.default, kwargs.default_factory))));
  m.set('dataclasses', obj(new PyModuleObj('dataclasses', new Map([['dataclass', dataclass], ['field', field]]))));
  m.set('collections', obj(new PyModuleObj('collections', new Map([['OrderedDict', pythonBuiltins().get('dict')!]]))));
  // argparse: what parse_args() returns depends on the command line, so its attributes are
  // named symbolically (`args.dim` is the size `dim`), like a config the file does not build;
  // `parse_args([])` is exactly the defaults the parser declares.
  const parser = (): Value => {
    const self = new PyModuleObj('argparse.ArgumentParser', new Map<string, Value>());
    const defaults = new Map<string, Value>();
    const add = obj(new BuiltinObj('add_argument', ({ args, kwargs }) => {
      const names = args.filter((a) => a.kind === 'str').map((a) => (a as { value: string }).value);
      const long = names.find((n) => n.startsWith('--')) ?? names.find((n) => !n.startsWith('-')) ?? names[0];
      const dest = kwargs.dest?.kind === 'str' ? kwargs.dest.value : long?.replace(/^-+/, '').replace(/-/g, '_');
      if (dest) {
        const action = kwargs.action?.kind === 'str' ? kwargs.action.value : undefined;
        defaults.set(dest, kwargs.default ?? (action === 'store_true' ? { kind: 'bool', value: false } : action === 'store_false' ? { kind: 'bool', value: true } : { kind: 'none' }));
      }
      return UNKNOWN;
    }));
    self.attrs!.set('add_argument', add);
    const group = obj(new PyModuleObj('argparse._ArgumentGroup', new Map([['add_argument', add]])));
    self.attrs!.set('add_argument_group', obj(new BuiltinObj('add_argument_group', () => group)));
    self.attrs!.set('add_mutually_exclusive_group', obj(new BuiltinObj('add_mutually_exclusive_group', () => group)));
    for (const n of ['set_defaults', 'add_subparsers', 'print_help', 'error']) self.attrs!.set(n, obj(new BuiltinObj(n, () => UNKNOWN)));
    const parsed = (given: Value | undefined): Value => {
      const empty = given && (given.kind === 'list' || given.kind === 'tuple') && given.items.length === 0 && !(given.kind === 'list' && given.open);
      return empty ? namespace(Object.fromEntries(defaults)) : obj(new SymbolicObj('args'));
    };
    self.attrs!.set('parse_args', obj(new BuiltinObj('parse_args', ({ args, kwargs }) => parsed(args[0] ?? kwargs.args))));
    self.attrs!.set('parse_known_args', obj(new BuiltinObj('parse_known_args', ({ args, kwargs }) => tupleOf([parsed(args[0] ?? kwargs.args), UNKNOWN]))));
    return obj(self);
  };
  m.set('argparse', obj(new PyModuleObj('argparse', new Map<string, Value>([
    ['ArgumentParser', obj(new BuiltinObj('argparse.ArgumentParser', () => parser()))],
    ['Namespace', obj(new BuiltinObj('argparse.Namespace', ({ kwargs }) => namespace(kwargs)))],
  ]))));
  // types.SimpleNamespace(dim=64): an object with exactly those attributes.
  m.set('types', obj(new PyModuleObj('types', new Map<string, Value>([['SimpleNamespace', obj(new BuiltinObj('types.SimpleNamespace', ({ kwargs }) => namespace(kwargs)))]]))));
  return m;
}

/** A namespace object with the given attributes (an instance of a class of its own). */
function namespace(kwargs: Readonly<Record<string, Value>>): Value {
  const inst = new InstanceObj(NAMESPACE_CLASS, undefined);
  for (const [k, v] of Object.entries(kwargs)) inst.attrs.set(k, v);
  return obj(inst);
}

const NAMESPACE_CLASS = new ClassObj('SimpleNamespace', [], false, undefined, { start: 0, end: 0 });
