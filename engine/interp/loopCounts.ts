// Loops over a count nobody gave (`for i in range(n)` with WideResNet's `n = (depth - 4) // 6`,
// `[Block(dim) for _ in range(depth)]`): run on assumed arguments, such a loop's shapes settle
// only when one iteration leaves them as they were, so a model whose stages are built by one
// shows nothing past them. The seeding then runs the model again with the count 1, 2 and 3, and
// keeps a place only where all three runs agree: a shape that does not depend on the count (the
// stage's output after `depth` blocks of the same width), never one of a single count.
import type { Host } from './host';
import { obj } from './objects';
import { RangeObj, int, sameValue } from './pyvalues';
import type { Value } from '../value';
import { sameShape, type Shape } from '../shape/shape';
import { Dim } from '../shape/dim';
import { sameTuple, type Recorder, type ShapeHint } from './record';

/** The counts tried: 1 and 2 tell a first block apart and an odd count from an even one; 3 reaches a third block. */
export const ASSUMED_COUNTS = [1, 2, 3] as const;

/**
 * `range(n)` (or `range(start, n)`) of a symbolic `n` while the seeding tries a count: that
 * many ints. Otherwise undefined (the loop runs speculatively), counting the symbolic ranges met
 * on assumed arguments so the seeding knows a count could help.
 */
export function countedRange(args: readonly Value[], host: Host): Value | undefined {
  if (host.guess === undefined || args.length < 1 || args.length > 2) return undefined;
  const stop = args[args.length - 1];
  const start = args.length === 2 ? args[0] : undefined;
  if (stop.kind !== 'int' || stop.dim.value !== undefined) return undefined;
  if (start && (start.kind !== 'int' || start.dim.value === undefined)) return undefined;
  host.symbolicCounts++;
  const k = host.assumedLoopCount;
  if (k === undefined) return undefined;
  const from = start?.kind === 'int' ? start.dim.value! : 0;
  return obj(new RangeObj(from, from + k, 1));
}

/**
 * `('a', 'f') * depth` (a sequence repeated a symbolic count of times, x-transformers-style layer
 * types that a loop then builds and a forward dispatches on): while the seeding tries a count,
 * that count as an int, so the sequence is that many copies. Otherwise undefined, counting it as
 * a symbolic count met, as `range(depth)` is.
 */
export function countedRepeat(count: Value, other: Value, host: Host): Value | undefined {
  if (host.guess === undefined || count.kind !== 'int' || count.dim.value !== undefined) return undefined;
  if (other.kind !== 'tuple' && other.kind !== 'list' && other.kind !== 'str') return undefined;
  // (`[hidden_dim] * (num_layers - 1)`: a list of one item repeated is already a list of any length of it.)
  if (other.kind === 'list' && other.items.length > 0 && other.items.every((x) => sameValue(x, other.items[0]))) return undefined;
  host.symbolicCounts++;
  const k = host.assumedLoopCount;
  return k === undefined ? undefined : int(k);
}

/** The same hint: the same kind and the same shapes (or tuples) in the same order. */
function sameHint(a: ShapeHint, b: ShapeHint): boolean {
  if (a.kind !== b.kind || a.shapes.length !== b.shapes.length || !a.shapes.every((s, i) => sameShape(s, b.shapes[i]))) return false;
  const [ai, bi] = [a.items ?? [], b.items ?? []];
  return ai.length === bi.length && ai.every((t, i) => sameTuple(t, bi[i]));
}

/**
 * Run `seed` once per assumed count and keep the places every count hinted alike (shapes added to
 * what the runs before recorded there, or a place of their own). A run that stopped or reported a
 * mismatch agrees with none. Nothing else of the runs stays: their diagnostics (a count the code
 * may reject) and what they recorded elsewhere are rolled back.
 */
export function keepCountInvariant(recorder: Recorder, setCount: (k: number | undefined) => void, seed: () => boolean, prior?: ReadonlyMap<number | string, ShapeHint>): void {
  const before = recorder.hintsSnapshot();
  let agreed: Map<number | string, ShapeHint> | undefined;
  recorder.withoutLost(() => {
    for (const k of ASSUMED_COUNTS) {
      const mark = recorder.begin();
      const diagnostics = recorder.allDiagnostics().length;
      setCount(k);
      // A run that stopped partway (or met a mismatch) may have reached only the first blocks:
      // its agreement with another count would say nothing of the rest.
      let whole = false;
      try {
        whole = seed();
      } finally {
        setCount(undefined);
        whole &&= recorder.allDiagnostics().length === diagnostics;
        const now = whole ? recorder.hintsSnapshot() : new Map<number | string, ShapeHint>();
        recorder.rollback(mark);
        // (A place the runs before hinted keeps its shapes: the counts may add to them, as another
        // seeding's run would.)
        const fresh = new Map([...now].filter(([key, h]) => !before.has(key) || !sameHint(before.get(key)!, h)));
        agreed = agreed === undefined ? fresh : new Map([...agreed].filter(([key, h]) => fresh.has(key) && sameHint(h, fresh.get(key)!)));
      }
      if (agreed.size === 0) return;
    }
  });
  if (agreed && prior) for (const [key, h] of agreed) agreed.set(key, withoutSettledGeneralizations(h, before.get(key), prior.get(key)));
  if (agreed) recorder.keepOnlyNewPlaces(agreed);
}

/**
 * A place the first run (the count not known) hinted with a size every count then fixed (Perceiver's
 * channels `C`, solved to 3 only by a layer inside the loop over `depth` blocks): the counts' shape
 * stands alone, not beside the first run's more general one. Only the first run's own shapes go
 * (`prior` is the place before it); those other seedings or calls recorded stay.
 */
function withoutSettledGeneralizations(h: ShapeHint, before: ShapeHint | undefined, prior: ShapeHint | undefined): ShapeHint {
  if (!before || (h.kind !== undefined && h.kind !== 'size' && h.kind !== 'sizes')) return h;
  const isIn = (list: readonly Shape[], s: Shape): boolean => list.some((q) => sameShape(q, s));
  const own = before.shapes.filter((s) => !isIn(prior?.shapes ?? [], s));
  const added = h.shapes.filter((s) => !isIn(before.shapes, s));
  const dropped = own.filter((s) => added.some((a) => generalizes(s, a)));
  if (dropped.length === 0) return h;
  const keep = h.shapes.map((s) => !isIn(dropped, s));
  return { ...h, shapes: h.shapes.filter((_, i) => keep[i]), dtypes: h.dtypes.filter((_, i) => keep[i]) };
}

/** Whether some values of `general`'s symbols make it `special` (`[b, H, W, C + 2]` of `[b, H, W, 5]`). */
export function generalizes(general: Shape, special: Shape): boolean {
  if (general.length !== special.length || sameShape(general, special)) return false;
  const env = new Map<string, Dim>();
  // (An axis of one symbol, linear in it, `C + 2` against 5, gives it a value: C = 3.)
  for (let i = 0; i < general.length; i++) {
    const syms = general[i].symbols();
    if (syms.size !== 1) continue;
    const [name] = syms;
    if (env.has(name)) continue;
    const value = general[i].sub(special[i]).solveFor(name);
    if (value) env.set(name, value);
  }
  return env.size > 0 && general.every((d, i) => d.substitute(env).same(special[i]));
}
