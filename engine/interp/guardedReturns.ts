// A function's returns when one of them sits under a size condition the analysis cannot decide
// (timm's resample_abs_pos_embed: `if num_new_tokens == num_pos_tokens and new_size[0] ==
// new_size[1]: return posemb` gives [1, 50, D], the rest of the function [1, H*W + 1, D]): on the
// early return's path its condition holds (`H*W + 1 = 50`), so both are [1, H*W + 1, D].
import type { Dim } from '../shape/dim';
import type { SizeEquality, Value } from '../value';
import { joinValues } from './join';
import { sameUnderFacts, substitutionOf } from './sizeFacts';

/** The equalities that held where a frame's return at each index ran (the others ran under none known). */
export type ReturnFacts = Map<number, readonly SizeEquality[]>;

/** Returns at indices [from, to) of a frame ran where `facts` hold. */
export function noteGuardedReturns(facts: ReturnFacts, from: number, to: number, held: readonly SizeEquality[] | undefined): void {
  if (!held || held.length === 0) return;
  for (let i = from; i < to; i++) facts.set(i, [...(facts.get(i) ?? []), ...held]);
}

/** Forget what was noted of returns from index `from` on (the frame's returns were cut back there). */
export function dropReturnFacts(facts: ReturnFacts | undefined, from: number): void {
  if (!facts) return;
  for (const i of [...facts.keys()]) if (i >= from) facts.delete(i);
}

/**
 * The value a call gives: its returns joined, tensors size by size where each return's facts make
 * one of their sizes equal to its own (a size no such candidate settles makes the plain join decide),
 * and tuples of as many items item by item (`return t, seq_len` before and after padding `t` to a
 * multiple, lucidrains' pad_seq_to_multiple).
 */
export function joinReturns(returns: readonly Value[], facts: ReturnFacts | undefined): Value {
  const guarded = facts && [...facts.keys()].some((i) => i < returns.length);
  return (guarded && returns.length > 1 && joinGuarded(returns, facts!)) || returns.reduce(joinValues);
}

function joinGuarded(values: readonly Value[], facts: ReturnFacts): Value | undefined {
  const first = values[0];
  if (first.kind === 'tuple' && values.every((v) => v.kind === 'tuple' && v.items.length === first.items.length)) {
    const tuples = values as Extract<Value, { kind: 'tuple' }>[];
    return { kind: 'tuple', items: tuples[0].items.map((_, k) => joinGuarded(tuples.map((t) => t.items[k]), facts) ?? tuples.map((t) => t.items[k]).reduce(joinValues)) };
  }
  if (!values.every((v) => v.kind === 'tensor' && v.shape)) return undefined;
  const tensors = values as Extract<Value, { kind: 'tensor' }>[];
  const rank = tensors[0].shape!.length;
  if (!tensors.every((t) => t.shape!.length === rank)) return undefined;
  const shape: Dim[] = [];
  for (let d = 0; d < rank && shape.length === d; d++) {
    const candidate = tensors.map((t) => t.shape![d]).find((c) => tensors.every((t, i) => equalWhere(c, t.shape![d], facts.get(i))));
    if (candidate) shape.push(candidate);
  }
  if (shape.length !== rank) return undefined;
  const dtype = tensors.every((t) => t.dtype === tensors[0].dtype) ? tensors[0].dtype : undefined;
  return { kind: 'tensor', shape, dtype, ...(tensors.some((t) => t.maybeNone) ? { maybeNone: true } : {}) };
}

/** Whether a = b wherever `held` hold (see sameUnderFacts). */
function equalWhere(a: Dim, b: Dim, held: readonly SizeEquality[] | undefined): boolean {
  return a.same(b) || (held !== undefined && sameUnderFacts(a, b, substitutionOf(held)));
}
