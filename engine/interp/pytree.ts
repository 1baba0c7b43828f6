// torch.utils._pytree's tree_flatten / tree_unflatten: a model's outputs (a tensor, a tuple of
// logits and embeddings, a dict) taken apart into leaves and put back together after each leaf is
// changed (a video wrapper's `rearrange(t, '(b t) ... -> b t ...')`).
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import { DictObj, obj, refOf } from './objects';
import { listOf, tupleOf } from './pyvalues';

/** What tree_flatten returns beside the leaves: how to put `count` leaves back in their places. */
export class TreeSpecObj {
  constructor(readonly count: number, readonly rebuild: (leaves: Value[]) => Value) {}
}

/**
 * The leaves of `tree` and its spec, or undefined where its structure is not known (an unknown
 * value, a list of unknown length: the leaves may be more than one).
 */
function flatten(tree: Value): { leaves: Value[]; rebuild: (leaves: Value[]) => Value } | undefined {
  if (['tensor', 'int', 'float', 'bool', 'str', 'none'].includes(tree.kind)) return { leaves: [tree], rebuild: (ls) => ls[0] };
  const children = tree.kind === 'tuple' || (tree.kind === 'list' && !tree.open) ? tree.items : undefined;
  const dict = refOf(tree, DictObj);
  if (dict && dict.open) return undefined;
  const values = children ?? (dict ? [...dict.entries.values()].map(([, v]) => v) : undefined);
  if (!values) return undefined;
  const parts = values.map(flatten);
  if (parts.some((p) => p === undefined)) return undefined;
  const rebuildAll = (ls: Value[]): Value[] => {
    let at = 0;
    return parts.map((p) => {
      const n = p!.leaves.length;
      const item = p!.rebuild(ls.slice(at, at + n));
      at += n;
      return item;
    });
  };
  const rebuild = (ls: Value[]): Value => {
    const items = rebuildAll(ls);
    if (tree.kind === 'tuple') return tupleOf(items);
    if (tree.kind === 'list') return listOf(items);
    const out = new DictObj();
    [...dict!.entries].forEach(([k, [key]], i) => out.entries.set(k, [key, items[i]]));
    return obj(out);
  };
  return { leaves: parts.flatMap((p) => p!.leaves), rebuild };
}

/** `tree_flatten(tree)`: (a list of the leaves, the spec), or unknown. */
export function treeFlatten(tree: Value | undefined): Value {
  const flat = tree && flatten(tree);
  return flat ? tupleOf([listOf(flat.leaves), obj(new TreeSpecObj(flat.leaves.length, flat.rebuild))]) : UNKNOWN;
}

/** `tree_unflatten(leaves, spec)`: the tree again, or unknown when the leaves do not fit the spec. */
export function treeUnflatten(leaves: readonly Value[] | undefined, spec: Value | undefined): Value {
  const s = spec && refOf(spec, TreeSpecObj);
  return s && leaves && leaves.length === s.count ? s.rebuild([...leaves]) : UNKNOWN;
}
