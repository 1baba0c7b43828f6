// Joining the values a name has on two paths (the two branches of an unknown `if`, the returns
// of a function, before and after a loop of unknown count): what both agree on is kept.
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import { SOME_FLOAT, isOpen, listOf, sameValue, tupleOf } from './pyvalues';
import { DeviceObj, DictObj, SymbolicObj, UnionObj, obj } from './objects';
import { Dim } from '../shape/dim';
import { flagUnderFacts, joinUnderFacts, paddedToMultiple } from './sizeFacts';

const MAX_ALTERNATIVES = 4;

/** Objects a union may hold: not mutable dicts or symbolic configs, whose contents would have to join. */
function unionable(ref: object): boolean {
  return !(ref instanceof DictObj) && !(ref instanceof SymbolicObj);
}

function alternativesOf(v: Value): readonly Value[] {
  return v.kind === 'object' && v.ref instanceof UnionObj ? v.ref.alternatives : [v];
}

/** A value reached along two paths: kept where both agree, Unknown where they differ. */
export function joinValues(a: Value, b: Value): Value {
  if (a === b) return a;
  if (a.kind === 'tensor' && b.kind === 'none') return a.maybeNone ? a : { ...a, maybeNone: true };
  if (a.kind === 'none' && b.kind === 'tensor') return joinValues(b, a);
  if (a.kind === 'tensor' && b.kind === 'tensor') {
    const maybeNone = a.maybeNone || b.maybeNone ? { maybeNone: true } : {};
    if (a.shape && b.shape && a.shape.length === b.shape.length && a.shape.every((d, i) => d.same(b.shape![i]))) {
      return a.dtype === b.dtype && !b.maybeNone ? a : { kind: 'tensor', shape: a.shape, dtype: a.dtype === b.dtype ? a.dtype : undefined, ...maybeNone };
    }
    return { kind: 'tensor', shape: undefined, dtype: a.dtype === b.dtype ? a.dtype : undefined, ...maybeNone };
  }
  // Two DataLoaders' batches alike (made with keywords that differ in what no batch shows, such as
  // num_workers or pin_memory): the same batches. Lists a loop filled are never merged.
  if (a.kind === 'list' && b.kind === 'list' && a.count !== undefined && a.count === b.count && a.known === b.known && a.sample && b.sample && sameValue(a.sample, b.sample)) {
    if (a.last === b.last || (a.last && b.last && sameValue(a.last, b.last))) return a;
  }
  if (isOpen(a) || isOpen(b)) return UNKNOWN;
  if ((a.kind === 'tuple' || a.kind === 'list') && a.kind === b.kind && a.items.length === b.items.length) {
    const items = a.items.map((x, i) => joinValues(x, b.items[i]));
    return a.kind === 'tuple' ? tupleOf(items) : listOf(items);
  }
  if (a.kind === 'int' && b.kind === 'int' && a.dim.same(b.dim)) return a;
  // Two different sizes, one of them symbolic (timm's make_divisible: `if new_v < round_limit * v:
  // new_v += divisor`; `num_heads = dim // head_dim or 1`): a whole number of unknown value, `?`,
  // which a layer built with it carries through (its other sizes stay known). A `?` already stands
  // for any. (Two plain numbers, `2 if c else 3`, stay unknown as before.)
  if (a.kind === 'int' && b.kind === 'int' && (anyInt(a.dim) || anyInt(b.dim))) return anyInt(a.dim) ? a : b;
  if (a.kind === 'int' && b.kind === 'int' && (!a.dim.isKnown || !b.dim.isKnown)) return { kind: 'int', dim: Dim.unknown() };
  if (a.kind === 'float' && b.kind === 'float' && Object.is(a.value, b.value)) return a;
  // `eps = 1e-5 if x.dtype == torch.float32 else 1e-3` (lucidrains' LayerNorm): some float, which
  // keeps a tensor's shape in arithmetic as either would (its value stays unknown: NaN).
  if (a.kind === 'float' && b.kind === 'float') return SOME_FLOAT;
  if (a.kind === 'bool' && b.kind === 'bool' && a.value === b.value) return a;
  if (a.kind === 'str' && b.kind === 'str' && a.value === b.value) return a;
  // `"cuda" if torch.cuda.is_available() else "cpu"`: some device.
  if (isDeviceLike(a) && isDeviceLike(b)) return obj(new DeviceObj());
  if (a.kind === 'none' && b.kind === 'none') return a;
  if (a.kind === 'object' && b.kind === 'object' && a.ref === b.ref) return a;
  if (a.kind === 'object' && b.kind === 'object' && a.ref instanceof DictObj && b.ref instanceof DictObj) return joinDicts(a.ref, b.ref);
  if (a.kind === 'object' && b.kind === 'object' && unionable(a.ref) && unionable(b.ref)) {
    const alts = [...alternativesOf(a), ...alternativesOf(b)].filter((v, i, all) => all.findIndex((w) => (w as { ref: object }).ref === (v as { ref: object }).ref) === i);
    return alts.length <= MAX_ALTERNATIVES ? obj(new UnionObj(alts)) : UNKNOWN;
  }
  return UNKNOWN;
}

/**
 * Two dicts, one with the other's keys and more (`{'num_workers': 1} if use_accel else {}`): the
 * keys both have, the others all together or not at all (DictObj.maybe). Unknown otherwise. The
 * result is a new dict standing for one of the two: open, so that no read of it shows what a
 * later change to either of them would make stale; only `**` spreads what it holds.
 */
function joinDicts(a: DictObj, b: DictObj): Value {
  if (a.open || b.open) return UNKNOWN;
  const [fewer, more] = a.entries.size <= b.entries.size ? [a, b] : [b, a];
  if (![...fewer.entries.keys()].every((k) => more.entries.has(k))) return UNKNOWN;
  const d = new DictObj();
  for (const [k, [key, v]] of fewer.entries) d.entries.set(k, [key, joinValues(v, more.entries.get(k)![1])]);
  d.open = true;
  d.maybe = new Map([...more.entries].filter(([k]) => !fewer.entries.has(k)));
  return obj(d);
}

/**
 * The two branches of an unknown condition that says something of sizes on each side (see
 * sizeFacts.ts): tensors are joined with each side's equalities applied; two objects (modules)
 * become a union that applies them to what each returns when called.
 */
export function joinBranches(a: Value, b: Value, factsA: ReadonlyMap<string, Dim>, factsB: ReadonlyMap<string, Dim>): Value {
  if (a.kind === 'object' && b.kind === 'object' && a.ref !== b.ref && unionable(a.ref) && unionable(b.ref) && !(a.ref instanceof UnionObj) && !(b.ref instanceof UnionObj)) {
    return obj(new UnionObj([a, b], [factsA, factsB]));
  }
  if (a.kind === 'int' && b.kind === 'int') {
    const agreed = [a.dim, b.dim].find((c) => c.substitute(factsA).same(a.dim.substitute(factsA)) && c.substitute(factsB).same(b.dim.substitute(factsB)));
    if (agreed) return agreed === a.dim ? a : b;
  }
  if (a.kind === 'bool' && b.kind === 'bool' && a.value !== b.value) return flagUnderFacts(a.value, factsA, factsB) ?? joinValues(a, b);
  return joinUnderFacts([a, b], [factsA, factsB]) ?? joinPadded(a, b, factsA, factsB) ?? joinValues(a, b);
}

/** Sizes one path pads up to a multiple that the other path has already (sizeFacts.paddedToMultiple). */
function joinPadded(a: Value, b: Value, factsA: ReadonlyMap<string, Dim>, factsB: ReadonlyMap<string, Dim>): Value | undefined {
  const size = (x: Dim, y: Dim): Dim | undefined => (x.same(y) ? x : paddedToMultiple(y, x, factsB) ?? paddedToMultiple(x, y, factsA));
  if (a.kind === 'int' && b.kind === 'int') {
    const d = size(a.dim, b.dim);
    return d && { kind: 'int', dim: d };
  }
  if (a.kind !== 'tensor' || b.kind !== 'tensor' || !a.shape || !b.shape || a.shape.length !== b.shape.length || a.dtype !== b.dtype) return undefined;
  const shape: Dim[] = [];
  for (let i = 0; i < a.shape.length; i++) {
    const d = size(a.shape[i], b.shape[i]);
    if (!d) return undefined;
    shape.push(d);
  }
  return { kind: 'tensor', shape, dtype: a.dtype, ...(a.maybeNone || b.maybeNone ? { maybeNone: true } : {}) };
}

/** A device string (`"cuda"`, `"cpu"`, `"mps"`, `"cuda:0"`) or a device object. */
function isDeviceLike(v: Value): boolean {
  if (v.kind === 'str') return /^(cpu|cuda|mps|xpu|meta|hpu|xla)(:\d+)?$/.test(v.value);
  return v.kind === 'object' && v.ref instanceof DeviceObj;
}

/** A size nothing is known of (Dim.unknown(), printed `?`). */
function anyInt(d: Dim): boolean {
  const atom = Dim.soleAtomOf(d);
  return atom?.kind === 'sym' && atom.name === '?';
}
