// An optional input that holds a cache (keys and values of the steps before, a transformer-XL
// memory): forward puts what it holds beside what the step makes of its own input, in a
// concatenation (`ck, cv = cache` then `k = torch.cat((ck, k), dim=-2)`). A caller passes one with
// the step's tokens only (often one: `assert seq_len == 1`), so the run that gives it may seed the
// required input shorter than the run with the defaults did, and still be a call people make.
import type { Expr, Stmt } from './ir';
import { eachNode } from './irSearch';

const CONCATENATIONS = new Set(['cat', 'concat', 'concatenate']);

/**
 * Whether `body` (a forward) concatenates what the input `name` holds with something else: `name`
 * itself, or a name bound from it (unpacked `ck, cv = cache`, indexed `layer_cache = cache[i]`,
 * passed on `kv = default(cache, ...)`, iterated `for c in cache`), an item of a concatenation
 * (`torch.cat((ck, k), dim=-2)`, `torch.cat([mem, x], 1)`) beside an item not bound from it.
 */
export function concatenatesInput(body: readonly Stmt[], name: string): boolean {
  const from = boundFrom(body, name);
  const held = (e: Expr): boolean => holds(e, from);
  let found = false;
  eachNode(body, (n) => {
    if (found || n.k !== 'call') return;
    const call = n as Extract<Expr, { k: 'call' }>;
    const fn = call.fn;
    const fnName = fn.k === 'attr' ? fn.name : fn.k === 'name' ? fn.id : undefined;
    if (!fnName || !CONCATENATIONS.has(fnName)) return;
    const first = call.args[0];
    if (!first || first.name || first.star || (first.value.k !== 'tuple' && first.value.k !== 'list')) return;
    const items = first.value.items;
    if (items.some(held) && items.some((x) => !held(x))) found = true;
  });
  return found;
}

/**
 * `name` and the names `body` binds from it, to a fixpoint: by unpacking or indexing it
 * (`ck, cv = cache`, `cache[i]`), handing it to a plain function (`default(cache, ...)`,
 * `iter(cached_kv)`, `next(it)`), or iterating it (`for c in cache`, its place in a `zip`). (Not by
 * a call of a layer or a method: what `attn(x, cache=c)` returns is the step's own.)
 */
function boundFrom(body: readonly Stmt[], name: string): Set<string> {
  const from = new Set([name]);
  const bindings: { target: Expr; value: Expr; iterated: boolean }[] = [];
  eachNode(body, (n) => {
    const s = n as Stmt;
    if (s.k === 'assign' && s.value) for (const t of s.targets) bindings.push({ target: t, value: s.value, iterated: false });
    else if (s.k === 'for') bindings.push({ target: s.target, value: s.iter, iterated: true });
  });
  const add = (t: Expr): boolean => targetNames(t).filter((id) => !from.has(id) && from.add(id)).length > 0;
  for (let changed = true; changed;) {
    changed = false;
    for (const b of bindings) {
      if (!b.iterated) {
        if (holds(b.value, from)) changed = add(b.target) || changed;
        continue;
      }
      const zipped = b.value.k === 'call' && b.value.fn.k === 'name' && b.value.fn.id === 'zip' ? b.value.args : undefined;
      const items = b.target.k === 'tuple' || b.target.k === 'list' ? b.target.items : undefined;
      if (zipped && items && items.length === zipped.length) {
        zipped.forEach((a, i) => { if (!a.name && !a.star && holds(a.value, from)) changed = add(items[i]) || changed; });
      } else if (holds(b.value, from)) changed = add(b.target) || changed;
    }
  }
  return from;
}

/** Whether `e` is what a name of `from` holds, or part of it, or a plain function's take on it. */
function holds(e: Expr, from: ReadonlySet<string>): boolean {
  if (e.k === 'name') return from.has(e.id);
  if (e.k === 'subscript') return holds(e.obj, from);
  if (e.k === 'ifexp') return holds(e.body, from) || holds(e.orelse, from);
  if (e.k === 'boolop') return e.values.some((v) => holds(v, from));
  if (e.k === 'call' && e.fn.k === 'name' && !CONCATENATIONS.has(e.fn.id)) return e.args.some((a) => !a.name && holds(a.value, from));
  return false;
}

/** The names an assignment's target binds (`a`, `a, b`, `(a, b), c`, `*rest`). */
function targetNames(t: Expr): string[] {
  if (t.k === 'name') return [t.id];
  if (t.k === 'tuple' || t.k === 'list') return t.items.flatMap(targetNames);
  if (t.k === 'starred') return targetNames(t.value);
  return [];
}
