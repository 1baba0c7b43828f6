// What an `if` on a condition the interpreter cannot decide may have changed in place: both
// branches run from the same container contents, and what they agree on is kept, so a list, dict,
// set or instance never keeps contents from a path CPython may not have taken. (Loops of unknown
// count are speculation.ts's.)
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import type { Stmt } from './ir';
import { ContainerObj, DictObj, InstanceObj, refOf } from './objects';
import type { Scope } from './scope';
import { SetObj, forgetContents, isOpaque, knowContents, mutableItems, sameValue } from './pyvalues';

/**
 * What an open list or module container says of its unknown rest (speculation.ts): its first
 * `known` items are certain, then any number like `sample` (a DataLoader's batches). A branch
 * that changed nothing in it leaves this as it was.
 */
interface OpenRest {
  readonly sample: Value | undefined;
  readonly known: number | undefined;
  readonly last?: Value;
  readonly count?: number;
}

type Saved =
  | { readonly kind: 'list'; readonly value: Value; readonly items: Value[]; readonly opaque: boolean; readonly rest: OpenRest }
  | { readonly kind: 'dict'; readonly value: Value; readonly entries: [string, [Value, Value]][]; readonly opaque: boolean; readonly maybe?: Map<string, [Value, Value]> }
  | { readonly kind: 'set'; readonly value: Value; readonly items: [string, Value][]; readonly opaque: boolean }
  | { readonly kind: 'instance'; readonly inst: InstanceObj; readonly attrs: [string, Value][]; readonly order: string[] }
  | { readonly kind: 'modules'; readonly value: Value; readonly items: [string, Value][]; readonly opaque: boolean; readonly rest: OpenRest };

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

  /** Is this container (a list value, dict, set, module container or instance) tracked here? */
  tracks(t: object): boolean {
    const v = t as Value;
    return this.containers.has(v.kind === 'list' ? v.items : t);
  }

  save(): Contents {
    const out = new Map<object, Saved>();
    for (const [key, value] of this.containers) {
      if (value.kind === 'list') out.set(key, { kind: 'list', value, items: [...mutableItems(value)], opaque: isOpaque(value), rest: { sample: value.sample, known: value.known, last: value.last, count: value.count } });
      const d = refOf(value, DictObj);
      if (d) out.set(key, { kind: 'dict', value, entries: [...d.entries], opaque: isOpaque(value), ...(d.maybe ? { maybe: d.maybe } : {}) });
      const s = refOf(value, SetObj);
      if (s) out.set(key, { kind: 'set', value, items: [...s.items], opaque: isOpaque(value) });
      const inst = refOf(value, InstanceObj);
      if (inst) out.set(key, { kind: 'instance', inst, attrs: [...inst.attrs], order: [...inst.moduleOrder] });
      const c = refOf(value, ContainerObj);
      if (c) out.set(key, { kind: 'modules', value, items: [...c.items], opaque: isOpaque(value), rest: { sample: c.sample, known: c.known } });
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
        knowContents(saved.kind === 'list' ? saved.value : key);
        // An open list or module container is open again with what it said of its rest.
        if (saved.opaque && saved.kind === 'list') Object.assign(saved.value, { open: true, sample: saved.rest.sample, known: saved.rest.known, last: saved.rest.last, count: saved.rest.count });
        else if (saved.opaque && saved.kind === 'modules') Object.assign(key, { open: true, sample: saved.rest.sample, known: saved.rest.known ?? 0 });
        else if (saved.opaque && saved.kind === 'dict' && saved.maybe) Object.assign(key, { open: true, maybe: saved.maybe });
        else if (saved.opaque) forgetContents(saved.value);
      }
    }
  }

  /** Each container as both branches left it where they agree; Unknown (or opaque) where not. */
  join(a: Contents, b: Contents, joinValues: (x: Value, y: Value) => Value): void {
    this.restore(a);
    for (const [key, sa] of a) {
      const sb = b.get(key)!;
      if (sa.kind === 'list' && sb.kind === 'list') {
        if (sa.opaque !== sb.opaque || (sa.opaque && !sameRest(sa.rest, sb.rest)) || sa.items.length !== sb.items.length) forgetContents(sa.value);
        else mutableItems(sa.value).splice(0, Infinity, ...sa.items.map((x, i) => joinValues(x, sb.items[i])));
      } else if (sa.kind === 'dict' && sb.kind === 'dict') {
        const sameKeys = sa.entries.length === sb.entries.length && sa.entries.every(([k], i) => k === sb.entries[i][0]);
        const fewer = sa.entries.length <= sb.entries.length ? sa : sb;
        const more = fewer === sa ? sb : sa;
        const moreKeys = new Map(more.entries);
        if (sa.opaque || sb.opaque) forgetContents(sa.value);
        else if (sameKeys) refill((key as DictObj).entries, sa.entries.map(([k, [kv, v]], i) => [k, [kv, joinValues(v, sb.entries[i][1][1])]]));
        else if (fewer.entries.every(([k]) => moreKeys.has(k))) {
          // One path added keys (`kwargs.update(cuda_kwargs)` under `if use_cuda:`): the keys both
          // have are certain, the others there all together or not at all.
          const d = key as DictObj;
          const common = new Set(fewer.entries.map(([k]) => k));
          refill(d.entries, fewer.entries.map(([k, [kv, v]]) => [k, [kv, joinValues(v, moreKeys.get(k)![1])]]));
          d.open = true;
          d.maybe = new Map(more.entries.filter(([k]) => !common.has(k)));
        } else forgetContents(sa.value);
      } else if (sa.kind === 'set' && sb.kind === 'set') {
        const keys = new Set(sb.items.map(([k]) => k));
        if (sa.opaque || sb.opaque || sa.items.length !== sb.items.length || !sa.items.every(([k]) => keys.has(k))) forgetContents(sa.value);
      } else if (sa.kind === 'modules' && sb.kind === 'modules') {
        const same = sa.items.length === sb.items.length && sa.items.every(([n, m], i) => n === sb.items[i][0] && m === sb.items[i][1]);
        if (sa.opaque !== sb.opaque || (sa.opaque && !sameRest(sa.rest, sb.rest)) || !same) forgetContents(sa.value);
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

/** Both paths left an open container's rest saying the same (a DataLoader neither path changed). */
function sameRest(a: OpenRest, b: OpenRest): boolean {
  const sameSample = a.sample === b.sample || (a.sample !== undefined && b.sample !== undefined && sameValue(a.sample, b.sample));
  return sameSample && a.known === b.known && a.last === b.last && a.count === b.count;
}

function refill<K, V>(map: Map<K, V>, entries: Iterable<readonly [K, V]>): void {
  map.clear();
  for (const [k, v] of entries) map.set(k, v);
}
