// `torch.stack(all_indices, dim = -1)` of a list a loop of unknown count appended to (a residual
// quantizer's indices, one per quantizer): every item is like the one an iteration appended, so
// the result is that item's shape with the joined axis of unknown length (`?`). Ops otherwise see
// no open list (Interpreter's `sealed`), since its items are not known.
import type { Value } from '../value';
import { Dim } from '../shape/dim';
import type { FunctionOp } from '../ops/op';
import { applyFunction, type OpResult } from '../ops/apply';
import { wrapDim } from '../ops/args';

const JOINS = new Map([['torch.stack', 1], ['torch.cat', 0], ['torch.concat', 0], ['torch.concatenate', 0]]);

/** The op on an open list whose items are all alike, its count left unknown; undefined otherwise. */
export function joinOfOpenList(op: FunctionOp, args: readonly Value[], kwargs: Readonly<Record<string, Value>>): OpResult | undefined {
  const added = JOINS.get(op.names[0]);
  if (added === undefined) return undefined;
  const list = args[0] ?? kwargs.tensors;
  if (list?.kind !== 'list' || !list.open || list.sample?.kind !== 'tensor' || !list.sample.shape) return undefined;
  const sample = list.sample;
  const sampleShape = list.sample.shape;
  const alike = (v: Value): boolean => v.kind === 'tensor' && v.dtype === sample.dtype && v.shape?.length === sampleShape.length && v.shape.every((d, i) => d.same(sampleShape[i]));
  if (!list.items.every(alike)) return undefined;
  const dimArg = args[1] ?? kwargs.dim;
  const dim = dimArg === undefined ? 0 : dimArg.kind === 'int' ? dimArg.dim.value : undefined;
  if (dim === undefined) return undefined;
  // One item stands for them all: the rule's checks and result, its joined axis then any length.
  const one: Value = { kind: 'list', items: [sample] };
  const result = applyFunction(op, args[0] ? [one, ...args.slice(1)] : args, args[0] ? kwargs : { ...kwargs, tensors: one });
  if (!result.ok || result.value.kind !== 'tensor' || !result.value.shape) return result.ok ? undefined : result;
  let axis: number;
  try {
    axis = wrapDim(dim, sampleShape.length + added);
  } catch {
    return undefined;
  }
  const shape = result.value.shape.map((d, i) => (i === axis ? Dim.unknown() : d));
  return { ...result, value: { ...result.value, shape } };
}
