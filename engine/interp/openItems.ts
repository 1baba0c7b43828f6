// Items of a module list a loop of unknown count filled (its first `known` items are certain,
// any number like its `sample` follow): an index past the certain ones reaches a sample. And
// values whose shape is lost, which leave a place without a hint under assumed inputs.
import type { Value } from '../value';
import type { ContainerObj } from './objects';
import { atLeast } from './assumedCounts';

/**
 * The item of an open container at an index past its certain items (a number, or the rest of an
 * assumed `range(n)` indexing blocks built by the same count): its sample. Undefined where the
 * index may reach a certain item.
 */
export function itemPastKnown(container: ContainerObj, index: Value): Value | undefined {
  if (!container.open || !container.sample || container.kind === 'ModuleDict') return undefined;
  // An index written as a number (`attn[0]` of blocks appended only on some condition) or the
  // rest of an assumed range.
  const bound = index.kind === 'int' && index.dim.value !== undefined ? index.dim.value : atLeast.get(index);
  return bound !== undefined && bound >= container.known ? container.sample : undefined;
}

/**
 * A value that may be a tensor whose shape is not known here: a place that gets it under assumed
 * inputs shows no hint (Recorder.unknownAt), not the shapes other runs through it gave.
 */
export function lostShape(v: Value): boolean {
  return v.kind === 'unknown' || (v.kind === 'tensor' && v.shape === undefined);
}
