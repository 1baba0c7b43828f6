// argparse as scripts use it to configure a model: `parse_args()` gives the defaults the parser
// declares (as argparse computes them: type= applied to str defaults, store_true -> False), and
// the run is marked as standing on them, since the script may be run with other flags.
import type { Value } from '../value';
import { NONE, UNKNOWN } from '../value';
import type { Host } from './host';
import type { Range } from './ir';
import { BuiltinObj, ClassObj, InstanceObj, PyModuleObj, SymbolicObj, obj, refOf, type CallArgs } from './objects';
import { PyRaise } from './pyRaise';
import { tupleOf } from './pyvalues';
import { symbolicMember } from './seeds';

/** Flags that count epochs, steps and intervals, or name workers and seeds (`n_epochs`, `sample_interval`, `n_cpu`). */
const RUN_LENGTH_FLAG = /(^|_)(epochs?|iters?|iterations?|steps?|interval|every|freq|frequency|seed|workers|cpu|gpus?|patience|warmup|log|save|eval|print|checkpoint)($|_)/i;

/** What a dest holds before the command line is read; `given` marks one the user must give. */
type Default = { readonly value: Value } | { readonly given: true };

/** One ArgumentParser: its arguments' defaults, in declaration order, and set_defaults'. */
class ParserState {
  readonly actions = new Map<string, { default: Default; type?: Value }>();
  readonly parserDefaults = new Map<string, Value>();
  /** add_subparsers or an argument we cannot read: what parse_args gives is not known. */
  opaque = false;
}

const states = new WeakMap<object, ParserState>();

/** The `argparse` module. `namespace` makes argparse.Namespace / types.SimpleNamespace objects. */
export function argparseModule(): Value {
  return obj(new PyModuleObj('argparse', new Map<string, Value>([
    ['ArgumentParser', obj(new BuiltinObj('argparse.ArgumentParser', ({ kwargs }) => makeParser(kwargs)))],
    ['Namespace', obj(new BuiltinObj('argparse.Namespace', ({ kwargs }) => namespace(kwargs)))],
    ['SUPPRESS', { kind: 'str', value: SUPPRESS }],
  ])));
}

/** argparse.SUPPRESS, as argparse spells it. */
const SUPPRESS = '==SUPPRESS==';

/** A namespace object with the given attributes (an instance of a class of its own). */
export function namespace(kwargs: Readonly<Record<string, Value>>): Value {
  const inst = new InstanceObj(NAMESPACE_CLASS, undefined);
  for (const [k, v] of Object.entries(kwargs)) inst.attrs.set(k, v);
  return obj(inst);
}

const NAMESPACE_CLASS = new ClassObj('SimpleNamespace', [], false, undefined, { start: 0, end: 0 });

function makeParser(kwargs: Readonly<Record<string, Value>>): Value {
  const state = new ParserState();
  // parents=[base]: the base's arguments and defaults are this parser's too.
  const parents = kwargs.parents;
  if (parents) {
    const items = parents.kind === 'list' || parents.kind === 'tuple' ? parents.items : undefined;
    if (!items || (parents.kind === 'list' && parents.open)) state.opaque = true;
    for (const p of items ?? []) {
      const base = p.kind === 'object' ? states.get(p.ref) : undefined;
      if (!base) {
        state.opaque = true;
        continue;
      }
      for (const [k, v] of base.actions) state.actions.set(k, v);
      for (const [k, v] of base.parserDefaults) state.parserDefaults.set(k, v);
      if (base.opaque) state.opaque = true;
    }
  }
  const argumentDefault = kwargs.argument_default ?? NONE;
  const self = new PyModuleObj('argparse.ArgumentParser', new Map<string, Value>());
  const add = obj(new BuiltinObj('add_argument', ({ args, kwargs: kw }) => {
    addArgument(state, args, kw, argumentDefault);
    return UNKNOWN;
  }));
  const group = new PyModuleObj('argparse._ArgumentGroup', new Map([['add_argument', add]]));
  states.set(group, state);
  const attrs = self.attrs!;
  attrs.set('add_argument', add);
  attrs.set('add_argument_group', obj(new BuiltinObj('add_argument_group', () => obj(group))));
  attrs.set('add_mutually_exclusive_group', obj(new BuiltinObj('add_mutually_exclusive_group', () => obj(group))));
  // argparse: parser-level defaults win over the arguments' own, whenever they are set.
  attrs.set('set_defaults', obj(new BuiltinObj('set_defaults', ({ kwargs: kw }) => {
    for (const [k, v] of Object.entries(kw)) {
      state.parserDefaults.set(k, v);
      const action = state.actions.get(k);
      if (action) state.actions.set(k, { ...action, default: { value: v } });
    }
    return NONE;
  })));
  attrs.set('add_subparsers', obj(new BuiltinObj('add_subparsers', () => {
    state.opaque = true;
    return UNKNOWN;
  })));
  for (const n of ['print_help', 'print_usage', 'error', 'exit']) attrs.set(n, obj(new BuiltinObj(n, () => UNKNOWN)));
  attrs.set('parse_args', obj(new BuiltinObj('parse_args', ({ args, kwargs: kw }, site, host) => parsed(state, args[0] ?? kw.args, site, host))));
  attrs.set('parse_known_args', obj(new BuiltinObj('parse_known_args', ({ args, kwargs: kw }, site, host) => tupleOf([parsed(state, args[0] ?? kw.args, site, host), UNKNOWN]))));
  states.set(self, state);
  return obj(self);
}

/** add_argument's effect on the defaults (argparse's _get_positional_kwargs / _get_optional_kwargs). */
function addArgument(state: ParserState, args: readonly Value[], kw: Readonly<Record<string, Value>>, argumentDefault: Value): void {
  const names = args.map((a) => (a.kind === 'str' ? a.value : undefined));
  if (names.length === 0 || names.some((n) => n === undefined)) {
    state.opaque = true;
    return;
  }
  const strings = names as string[];
  const positional = !strings[0].startsWith('-');
  let dest: string;
  if (kw.dest) {
    if (kw.dest.kind !== 'str') {
      state.opaque = true;
      return;
    }
    dest = kw.dest.value;
  } else if (positional) dest = strings[0];
  else {
    const long = strings.find((n) => n.startsWith('--')) ?? strings[0];
    dest = long.replace(/^-+/, '').replace(/-/g, '_');
  }
  const action = kw.action === undefined ? 'store' : kw.action.kind === 'str' ? kw.action.value : undefined;
  if (action === 'help' || action === 'version') return;
  const nargs = kw.nargs?.kind === 'str' ? kw.nargs.value : undefined;
  // A value the command line must supply: a positional (unless optional by nargs) or required=True.
  const required = kw.required ? !(kw.required.kind === 'bool' && !kw.required.value) : positional && nargs !== '?' && nargs !== '*';
  let value: Value;
  if (action === undefined || required) {
    state.actions.set(dest, { default: { given: true } });
    return;
  }
  if (kw.default !== undefined) value = kw.default;
  else if (state.parserDefaults.has(dest)) value = state.parserDefaults.get(dest)!;
  else if (action === 'store_true') value = { kind: 'bool', value: false };
  else if (action === 'store_false') value = { kind: 'bool', value: true };
  else value = argumentDefault;
  if (!['store', 'store_true', 'store_false', 'store_const', 'append', 'append_const', 'count', 'extend'].includes(action)) {
    state.actions.set(dest, { default: { given: true } });
    return;
  }
  state.actions.set(dest, { default: { value }, ...(kw.type ? { type: kw.type } : {}) });
}

/**
 * What parse_args returns. `parse_args([])` is exactly the defaults; the real command line is
 * not known, so `parse_args()` gives the defaults and the run notes that it stands on them.
 */
function parsed(state: ParserState, given: Value | undefined, site: Range, host: Host): Value {
  const empty = given !== undefined && (given.kind === 'list' || given.kind === 'tuple') && given.items.length === 0 && !(given.kind === 'list' && given.open);
  const fromCommandLine = given === undefined || given.kind === 'none';
  if (state.opaque || (!empty && !fromCommandLine)) return obj(new SymbolicObj('args'));
  const out = new SymbolicObj('args');
  for (const [dest, { default: d, type }] of state.actions) {
    if (!('value' in d)) {
      out.members.set(dest, symbolicMember(dest));
      continue;
    }
    if (d.value.kind === 'str' && d.value.value === SUPPRESS) continue;
    // A flag (`--inference`, `--cuda`) is what a script is run with or without: both its paths
    // keep their hints. Sizes and names keep their defaults.
    if (fromCommandLine && d.value.kind === 'bool') {
      out.members.set(dest, UNKNOWN);
      continue;
    }
    // How long and how often a script trains, logs and saves shapes nothing, and a training loop
    // run for its default 200 epochs would cost seconds: such counts stay unknown.
    if (fromCommandLine && RUN_LENGTH_FLAG.test(dest)) {
      out.members.set(dest, UNKNOWN);
      continue;
    }
    out.members.set(dest, d.value.kind === 'str' && type ? converted(type, d.value, dest, site, host) : d.value);
  }
  // set_defaults of names no argument declares are attributes too.
  for (const [k, v] of state.parserDefaults) if (!out.members.has(k)) out.members.set(k, v);
  if (fromCommandLine) host.assumeConfiguration(`the default command-line flags of argparse's parse_args()`, site);
  // Reading an attribute parse_args did not set is an AttributeError in Python: unknown here.
  return obj(out);
}

/** argparse applies type= to a default given as a string (`type=int, default='64'` is 64). */
function converted(type: Value, value: Value, dest: string, site: Range, host: Host): Value {
  const known = type.kind === 'object' ? refOf(type, BuiltinObj)?.name : undefined;
  if (known === 'str') return value;
  try {
    const v = host.call(type, { args: [value], kwargs: {} } as CallArgs, site);
    return v.kind === 'unknown' ? symbolicMember(dest) : v;
  } catch (e) {
    if (e instanceof PyRaise) return symbolicMember(dest);
    throw e;
  }
}
