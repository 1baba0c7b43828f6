// Loop counts of a model built with assumed arguments: `range(num_res_blocks)` with a required
// argument nobody gave is taken to run at least once, as every model configuration does. The
// first iteration then runs for real (its block widths, `block_in = block_out`), the rest
// speculatively, so a U-Net's per-level blocks keep their channels.
import type { Value } from '../value';
import { nextSerial } from './objects';
import { int } from './pyvalues';

/**
 * `range(n)` of a symbolic size `n` of at least 1, while the run stands on assumed arguments: 0
 * for certain, then any number of ints more (an open list whose first item is known). Undefined
 * where the count may be 0 as far as we know (outside an assumed run, or `n - 1`).
 */
export function assumedRange(args: readonly Value[], guess: string | undefined): Value | undefined {
  if (guess === undefined || args.length !== 1) return undefined;
  const n = args[0];
  // At least 1 for sizes of at least 1 (`num_res_blocks`, `num_res_blocks + 1`; not `depth - 1`).
  if (n.kind !== 'int' || n.dim.value !== undefined || n.dim.hasUnknown || !n.dim.provablyAtLeast(1)) return undefined;
  // The rest's ints are unknown but at least 1: an index into a block list built by the same
  // count (`self.down[i].block[i_block]`) then reaches the blocks past its certain first one.
  const rest: Value = { kind: 'unknown' };
  atLeast.set(rest, 1);
  return { kind: 'list', items: [int(0)], open: true, known: 1, sample: rest, born: nextSerial() };
}

/** Indices known to be at least some count (the rest of an assumed `range(n)`): see openItems.ts. */
export const atLeast = new WeakMap<object, number>();
