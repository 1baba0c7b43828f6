// Generator functions: a function whose body yields returns, when called, an iterator whose items
// are what the body yields. As in CPython the body does not run at the call: it runs, to its end,
// when the generator is first iterated (a for loop, next(), list(), unpacking), with the state of
// that moment. Yields on a path that runs any number of times (a loop of unknown length) or may
// not run leave the count unknown: the generator is then one of unknown length whose items are
// like every value seen. A body that changes state outside itself (an attribute, a caller's list,
// a global) would do so lazily, item by item, in CPython: such a generator is unknown.
import type { Value } from '../value';
import type { Expr, Range, Stmt } from './ir';
import { ContainerObj, DictObj, FunctionObj, InstanceObj, obj, type CallArgs } from './objects';
import { IteratorObj } from './pyvalues';
import { joinValues } from './join';

/** A generator's body running (or run) to its end. */
export interface GeneratorRun {
  readonly items: Value[];
  /** Some yield ran on a path that may not run or runs any number of times. */
  uncertain: boolean;
  /** Some yield ran where nothing may be concluded (the other path of a configuration). */
  poisoned: boolean;
  /** The body did run (not refused for depth or recursion). */
  ran: boolean;
  /** The interpreter's counts of uncertain paths, speculative loops, untaken and forked runs at the start. */
  readonly base: readonly [number, number, number, number];
  /** The body raised after its items: what would follow them is not known. */
  truncated?: boolean;
  /** Whether what the body read from outside has changed since it ran. */
  changed?: () => boolean;
}

interface GeneratorHost {
  runGenerator(fn: FunctionObj, args: CallArgs, site: Range, self: Value | undefined): GeneratorRun | undefined;
}

/** What a call of a generator function returns: an iterator that runs the body when first used. */
export function generatorOf(host: GeneratorHost, fn: FunctionObj, args: CallArgs, site: Range, self: Value | undefined): Value {
  return obj(new IteratorObj([], () => {
    const run = host.runGenerator(fn, args, site, self);
    if (!run) return undefined;
    if (run.truncated) return run.uncertain ? undefined : { items: run.items, changed: run.changed, truncated: true };
    if (!run.uncertain) return { items: run.items, changed: run.changed };
    return run.items.length > 0 ? { items: [], sample: run.items.reduce(joinValues), changed: run.changed } : undefined;
  }));
}

/** Decorators that leave a generator function one (anything else, `@contextmanager`, is not modelled as one). */
const PLAIN_DECORATORS = new Set(['staticmethod', 'classmethod']);

/** Methods that change the object they are called on (a list, dict, set, module or tensor's shape). */
const MUTATORS = new Set([
  'append', 'extend', 'insert', 'pop', 'remove', 'clear', 'update', 'add', 'discard', 'setdefault', 'popitem', 'sort', 'reverse',
  'register_buffer', 'register_parameter', 'add_module', 'register_module', 'resize_', 'resize_as_', 'unsqueeze_', 'squeeze_', 't_',
  'transpose_', 'swapdims_', 'swapaxes_', 'as_strided_', 'set_', '__setitem__', '__setattr__',
]);

/**
 * Whether `def` is a generator function: 'safe' when its body changes nothing outside it,
 * 'unsafe' otherwise (and for an async generator); undefined when it does not yield or is
 * decorated (a decorator such as `@contextmanager` makes something else of it).
 */
export function generatorKind(def: Extract<Stmt, { k: 'def' }>): 'safe' | 'unsafe' | undefined {
  if (kinds.has(def)) return kinds.get(def);
  const kind = kindOf(def);
  kinds.set(def, kind);
  return kind;
}

const kinds = new WeakMap<object, 'safe' | 'unsafe' | undefined>();

function kindOf(def: Extract<Stmt, { k: 'def' }>): 'safe' | 'unsafe' | undefined {
  if (!bodyYields(def.body)) return undefined;
  for (const d of def.decorators) if (!(d.k === 'name' && PLAIN_DECORATORS.has(d.id))) return undefined;
  if (def.isAsync) return 'unsafe';
  const locals = new Set<string>();
  collectLocals(def.body, locals);
  for (const p of def.params) locals.delete(p.name);
  return changesOutside(def.body, locals) ? 'unsafe' : 'safe';
}

function isNode(x: unknown): x is { k: string } {
  return typeof x === 'object' && x !== null && typeof (x as { k?: unknown }).k === 'string';
}

/** Every IR node below `node` (arrays and objects), not entering nested functions or classes when `scoped`. */
function walk(node: unknown, visit: (n: { k: string }) => boolean | void): void {
  if (Array.isArray(node)) {
    for (const x of node) walk(x, visit);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  if (isNode(node) && visit(node) === false) return;
  for (const [key, v] of Object.entries(node)) if (key !== 'range' && key !== 'nameRange' && typeof v === 'object') walk(v, visit);
}

const NESTED_SCOPES = new Set(['def', 'class', 'lambda']);

function bodyYields(body: readonly Stmt[]): boolean {
  let found = false;
  walk(body, (n) => {
    if (found) return false;
    if (n.k === 'yield') found = true;
    return !NESTED_SCOPES.has(n.k);
  });
  return found;
}

/** The names a body binds (assignment, loop and with targets, walrus, except names). */
function collectLocals(body: readonly Stmt[], out: Set<string>): void {
  const target = (t: Expr): void => {
    if (t.k === 'name') out.add(t.id);
    else if (t.k === 'tuple' || t.k === 'list') t.items.forEach(target);
    else if (t.k === 'starred') target(t.value);
  };
  walk(body, (n) => {
    const s = n as Stmt | Expr;
    if (s.k === 'assign') s.targets.forEach(target);
    else if (s.k === 'augassign') target(s.target);
    else if (s.k === 'for') target(s.target);
    else if (s.k === 'with') {
      for (const i of s.items) if (i.target) target(i.target);
    } else if (s.k === 'walrus') target(s.target);
    else if (s.k === 'def' || s.k === 'class') out.add(s.name);
    if (s.k === 'try') for (const h of s.handlers) if (h.name) out.add(h.name);
    return !NESTED_SCOPES.has(n.k);
  });
}

/** The name an attribute or item chain starts from (`self` of `self.a.b[0]`). */
function rootName(e: Expr): string | undefined {
  while (e.k === 'attr' || e.k === 'subscript') e = e.obj;
  return e.k === 'name' ? e.id : undefined;
}

function changesOutside(body: readonly Stmt[], locals: ReadonlySet<string>): boolean {
  let changes = false;
  const outside = (e: Expr): boolean => {
    const root = rootName(e);
    return root === undefined || !locals.has(root);
  };
  const target = (t: Expr): void => {
    if (t.k === 'attr' || t.k === 'subscript') {
      if (outside(t)) changes = true;
    } else if (t.k === 'tuple' || t.k === 'list') t.items.forEach(target);
    else if (t.k === 'starred') target(t.value);
  };
  walk(body, (n) => {
    if (changes) return false;
    const s = n as Stmt | Expr;
    if (s.k === 'global' || s.k === 'nonlocal') changes = true;
    else if (s.k === 'assign') s.targets.forEach(target);
    else if (s.k === 'augassign' || s.k === 'for' || s.k === 'walrus') target(s.target);
    else if (s.k === 'del') s.targets.forEach(target);
    else if (s.k === 'with') {
      for (const i of s.items) if (i.target) target(i.target);
    } else if (s.k === 'call') {
      if (s.fn.k === 'attr' && MUTATORS.has(s.fn.name) && outside(s.fn.obj)) changes = true;
      if (s.fn.k === 'name' && (s.fn.id === 'setattr' || s.fn.id === 'delattr')) changes = true;
    }
    return !NESTED_SCOPES.has(n.k);
  });
  return changes;
}

const frees = new WeakMap<object, readonly string[]>();

/** The names a generator function's body reads and does not bind (its closure's and globals). */
export function freeNames(fn: FunctionObj): readonly string[] {
  const body = fn.body as readonly Stmt[];
  let out = frees.get(body);
  if (out) return out;
  const locals = new Set<string>(fn.params.map((p) => p.name));
  collectLocals(body, locals);
  const read = new Set<string>();
  walk(body, (n) => {
    const e = n as Expr;
    if (e.k === 'name' && !locals.has(e.id)) read.add(e.id);
  });
  out = [...read];
  frees.set(body, out);
  return out;
}

/** The mutable objects a value holds that a consumer may change between items: it, and one level of what it holds. */
export function watchedObjects(v: Value | undefined, out: object[], depth = 0): void {
  if (!v) return;
  if (v.kind === 'list') out.push(v);
  else if (v.kind === 'object') {
    const r = v.ref;
    if (r instanceof InstanceObj || r instanceof DictObj || r instanceof ContainerObj) out.push(r);
    if (depth > 0) return;
    if (r instanceof InstanceObj) for (const a of r.attrs.values()) watchedObjects(a, out, depth + 1);
    else if (r instanceof DictObj) for (const [, x] of r.entries.values()) watchedObjects(x, out, depth + 1);
    return;
  }
  if (depth > 0) return;
  if (v.kind === 'list' || v.kind === 'tuple') for (const x of v.items) watchedObjects(x, out, depth + 1);
}
