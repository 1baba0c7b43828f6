// What control flow the interpreter cannot follow may have changed in place. An `if` on an
// unknown condition runs both branches from the same container contents and keeps what they agree
// on; a loop with an unknown number of iterations leaves what its body changes unknown. Either way
// a list, dict, set or instance never keeps contents from a path CPython may not have taken.
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import type { Expr, Stmt } from './ir';
import { ContainerObj, DictObj, InstanceObj, refOf } from './objects';
import type { Scope } from './scope';
import { SetObj, forgetContents, isOpaque, knowContents, mutableItems } from './pyvalues';

type Saved =
  | { readonly kind: 'list'; readonly value: Value; readonly items: Value[]; readonly opaque: boolean }
  | { readonly kind: 'dict'; readonly value: Value; readonly entries: [string, [Value, Value]][]; readonly opaque: boolean }
  | { readonly kind: 'set'; readonly value: Value; readonly items: [string, Value][]; readonly opaque: boolean }
  | { readonly kind: 'instance'; readonly inst: InstanceObj; readonly attrs: [string, Value][]; readonly order: string[] }
  | { readonly kind: 'modules'; readonly value: Value; readonly items: [string, Value][]; readonly opaque: boolean };

/** The contents of every tracked container at one moment. */
export type Contents = ReadonlyMap<object, Saved>;

const MAX_CONTAINERS = 2000;
const MAX_DEPTH = 3;

/** The containers reachable from some values, whose contents can be saved, restored and joined. */
export class MutableState {
  private readonly containers = new Map<object, Value>();

  /**
   * Containers reachable from `roots`: lists, dicts and sets (nested a few levels), and instances
   * named directly (`self`, a config object), not the modules inside them.
   */
  constructor(roots: Iterable<Value>) {
    const visit = (v: Value, depth: number): void => {
      if (this.containers.size >= MAX_CONTAINERS || depth > MAX_DEPTH) return;
      if (v.kind === 'list' || v.kind === 'tuple') {
        if (v.kind === 'list') {
          if (this.containers.has(v.items)) return;
          this.containers.set(v.items, v);
        }
        for (const x of v.items) visit(x, depth + 1);
        return;
      }
      const d = refOf(v, DictObj);
      if (d && !this.containers.has(d)) {
        this.containers.set(d, v);
        for (const [, x] of d.entries.values()) visit(x, depth + 1);
      }
      const s = refOf(v, SetObj);
      if (s) this.containers.set(s, v);
      const c = refOf(v, ContainerObj);
      if (c) this.containers.set(c, v);
      const inst = refOf(v, InstanceObj);
      if (inst && depth === 0 && !this.containers.has(inst)) {
        this.containers.set(inst, v);
        for (const x of inst.attrs.values()) visit(x, depth + 1);
      }
    };
    for (const v of roots) visit(v, 0);
  }

  save(): Contents {
    const out = new Map<object, Saved>();
    for (const [key, value] of this.containers) {
      if (value.kind === 'list') out.set(key, { kind: 'list', value, items: [...mutableItems(value)], opaque: isOpaque(value) });
      const d = refOf(value, DictObj);
      if (d) out.set(key, { kind: 'dict', value, entries: [...d.entries], opaque: isOpaque(value) });
      const s = refOf(value, SetObj);
      if (s) out.set(key, { kind: 'set', value, items: [...s.items], opaque: isOpaque(value) });
      const inst = refOf(value, InstanceObj);
      if (inst) out.set(key, { kind: 'instance', inst, attrs: [...inst.attrs], order: [...inst.moduleOrder] });
      const c = refOf(value, ContainerObj);
      if (c) out.set(key, { kind: 'modules', value, items: [...c.items], opaque: isOpaque(value) });
    }
    return out;
  }

  /** Put every container back as it was when `contents` was saved. */
  restore(contents: Contents): void {
    for (const [key, saved] of contents) {
      if (saved.kind === 'list') mutableItems(saved.value).splice(0, Infinity, ...saved.items);
      else if (saved.kind === 'dict') refill((key as DictObj).entries, saved.entries);
      else if (saved.kind === 'set') refill((key as SetObj).items, saved.items);
      else if (saved.kind === 'modules') (key as ContainerObj).items.splice(0, Infinity, ...saved.items);
      else {
        refill(saved.inst.attrs, saved.attrs);
        saved.inst.moduleOrder.splice(0, Infinity, ...saved.order);
      }
      if (saved.kind !== 'instance') {
        knowContents(key);
        if (saved.opaque) forgetContents(saved.value);
      }
    }
  }

  /** Each container as both branches left it where they agree; Unknown (or opaque) where not. */
  join(a: Contents, b: Contents, joinValues: (x: Value, y: Value) => Value): void {
    this.restore(a);
    for (const [key, sa] of a) {
      const sb = b.get(key)!;
      if (sa.kind === 'list' && sb.kind === 'list') {
        if (sa.opaque || sb.opaque || sa.items.length !== sb.items.length) forgetContents(sa.value);
        else mutableItems(sa.value).splice(0, Infinity, ...sa.items.map((x, i) => joinValues(x, sb.items[i])));
      } else if (sa.kind === 'dict' && sb.kind === 'dict') {
        const sameKeys = sa.entries.length === sb.entries.length && sa.entries.every(([k], i) => k === sb.entries[i][0]);
        if (sa.opaque || sb.opaque || !sameKeys) forgetContents(sa.value);
        else refill((key as DictObj).entries, sa.entries.map(([k, [kv, v]], i) => [k, [kv, joinValues(v, sb.entries[i][1][1])]]));
      } else if (sa.kind === 'set' && sb.kind === 'set') {
        const keys = new Set(sb.items.map(([k]) => k));
        if (sa.opaque || sb.opaque || sa.items.length !== sb.items.length || !sa.items.every(([k]) => keys.has(k))) forgetContents(sa.value);
      } else if (sa.kind === 'modules' && sb.kind === 'modules') {
        const same = sa.items.length === sb.items.length && sa.items.every(([n, m], i) => n === sb.items[i][0] && m === sb.items[i][1]);
        if (sa.opaque || sb.opaque || !same) forgetContents(sa.value);
      } else if (sa.kind === 'instance' && sb.kind === 'instance') {
        // An attribute set on one path only may or may not exist: Unknown.
        const other = new Map(sb.attrs);
        const names = new Set([...sa.attrs.map(([n]) => n), ...other.keys()]);
        const mine = new Map(sa.attrs);
        refill(sa.inst.attrs, [...names].map((n) => [n, mine.has(n) && other.has(n) ? joinValues(mine.get(n)!, other.get(n)!) : UNKNOWN]));
        sa.inst.moduleOrder.splice(0, Infinity, ...new Set([...sa.order, ...sb.order]));
      }
    }
  }
}

const namesCache = new WeakMap<readonly Stmt[], ReadonlySet<string>>();

/** Every name a block mentions (IR nodes are plain data: any `{ k: 'name' }` below it). */
function namesIn(stmts: readonly Stmt[]): ReadonlySet<string> {
  let names = namesCache.get(stmts);
  if (names) return names;
  const out = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const n = node as { k?: string; id?: string };
      if (n.k === 'name' && typeof n.id === 'string') out.add(n.id);
      for (const [key, child] of Object.entries(node)) if (key !== 'range' && key !== 'nameRange') visit(child);
    }
  };
  visit(stmts);
  namesCache.set(stmts, (names = out));
  return names;
}

/**
 * The values of the names two branches mention: what they can change in place without a call.
 * (A call in a branch may change other state too; that is not followed.)
 */
export function* branchRoots(body: readonly Stmt[], orelse: readonly Stmt[], scope: Scope): Iterable<Value> {
  for (const name of new Set([...namesIn(body), ...namesIn(orelse)])) {
    const v = scope.lookup(name);
    if (v) yield v;
  }
}

function refill<K, V>(map: Map<K, V>, entries: Iterable<readonly [K, V]>): void {
  map.clear();
  for (const [k, v] of entries) map.set(k, v);
}

/** Names a block binds, and the containers it changes in place (`xs.append`, `d[k] = v`, `self.x = v`). */
function loopEffects(stmts: readonly Stmt[]): { bound: Set<string>; mutated: Expr[]; attrs: Extract<Expr, { k: 'attr' }>[] } {
  const bound = new Set<string>();
  const mutated: Expr[] = [];
  const attrs: Extract<Expr, { k: 'attr' }>[] = [];
  const target = (e: Expr): void => {
    if (e.k === 'name') bound.add(e.id);
    else if (e.k === 'tuple' || e.k === 'list') e.items.forEach(target);
    else if (e.k === 'starred') target(e.value);
    else if (e.k === 'subscript') mutated.push(e.obj);
    else if (e.k === 'attr') attrs.push(e);
  };
  const visit = (s: Stmt): void => {
    switch (s.k) {
      case 'expr': if (s.value.k === 'call' && s.value.fn.k === 'attr') mutated.push(s.value.fn.obj); break;
      case 'del': s.targets.forEach(target); break;
      case 'assign': s.targets.forEach(target); break;
      case 'augassign': target(s.target); if (s.target.k === 'name') mutated.push(s.target); break;
      case 'for': target(s.target); s.body.forEach(visit); s.orelse.forEach(visit); break;
      case 'while': s.body.forEach(visit); s.orelse.forEach(visit); break;
      case 'if': s.body.forEach(visit); s.orelse.forEach(visit); break;
      case 'with': s.items.forEach((i) => i.target && target(i.target)); s.body.forEach(visit); break;
      case 'try': s.body.forEach(visit); s.handlers.forEach((h) => h.body.forEach(visit)); s.orelse.forEach(visit); s.finalbody.forEach(visit); break;
      default: break;
    }
  };
  stmts.forEach(visit);
  return { bound, mutated, attrs };
}

/** A name or `a.b.c` read without running anything (no properties): the value, if plain to see. */
function peek(e: Expr, scope: Scope): Value | undefined {
  if (e.k === 'name') return scope.lookup(e.id);
  if (e.k === 'attr') {
    const base = peek(e.obj, scope);
    const inst = base && refOf(base, InstanceObj);
    return inst?.attrs.get(e.name);
  }
  return undefined;
}

/**
 * A loop whose iterations are not known ran some number of times: names its body binds are
 * Unknown, and so are the contents of containers it changes and the attributes it sets.
 */
export function forgetLoopEffects(body: readonly Stmt[], scope: Scope): void {
  const { bound, mutated, attrs } = loopEffects(body);
  for (const e of mutated) {
    const v = peek(e, scope);
    if (v) forgetContents(v);
  }
  for (const a of attrs) {
    const base = peek(a.obj, scope);
    const inst = base && refOf(base, InstanceObj);
    if (inst) inst.attrs.set(a.name, UNKNOWN);
  }
  for (const n of bound) scope.assign(n, UNKNOWN);
}
