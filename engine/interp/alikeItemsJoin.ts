// `torch.cat(outs, 1)` of a list a loop of unknown count appended to, every item like the one the
// loop's iteration appended (the levels of a detection transformer flattened one by one, each
// alike as a list input's levels are): the items' shape, with the joined axis of unknown size
// (`[bs, ?, c]`); `torch.stack` puts an axis of unknown size there.
import type { Value } from '../value';
import { Dim } from '../shape/dim';

/** The shape `op` gives of such a list, or undefined when the list is not one or the items disagree. */
export function joinOfAlikeItems(op: 'cat' | 'stack', list: Value | undefined, dimArg: Value | undefined): Value | undefined {
  if (list?.kind !== 'list' || !list.open || list.sample?.kind !== 'tensor' || !list.sample.shape) return undefined;
  const sample = list.sample;
  const shape = sample.shape!;
  const rank = op === 'cat' ? shape.length : shape.length + 1;
  const d = dimArg === undefined ? 0 : dimArg.kind === 'int' ? dimArg.dim.value : undefined;
  if (d === undefined || d < -rank || d >= rank || shape.length === 0) return undefined;
  const axis = d < 0 ? d + rank : d;
  // The items known for certain (before the loop's) must be like the sample where they meet.
  const known = list.items.slice(0, list.known ?? 0);
  for (const item of known) {
    if (item.kind !== 'tensor' || !item.shape || item.shape.length !== shape.length || item.dtype !== sample.dtype) return undefined;
    if (item.shape.some((s, i) => (op === 'stack' || i !== axis) && !s.same(shape[i]))) return undefined;
  }
  const out = op === 'cat' ? shape.map((s, i) => (i === axis ? Dim.unknown() : s)) : [...shape.slice(0, axis), Dim.unknown(), ...shape.slice(axis)];
  return { kind: 'tensor', shape: out, dtype: sample.dtype };
}

/**
 * `torch.tensor(counts)` of a list of numbers a loop of unknown count built (NaViT's
 * `[seq.shape[0] for seq in sequences]`): one axis of unknown length, of the items' kind (the
 * given dtype first). Undefined for any other list.
 */
export function tensorOfAlikeNumbers(list: Value | undefined, dtype: Value | undefined): Value | undefined {
  if (list?.kind !== 'list' || !list.open || !list.sample) return undefined;
  const kind = list.sample.kind;
  if ((kind !== 'int' && kind !== 'float' && kind !== 'bool') || list.items.some((x) => x.kind !== kind)) return undefined;
  const given = dtype?.kind === 'dtype' ? dtype.dtype : undefined;
  return { kind: 'tensor', shape: [Dim.unknown()], dtype: given ?? (kind === 'float' ? 'float32' : kind === 'int' ? 'int64' : 'bool') };
}
