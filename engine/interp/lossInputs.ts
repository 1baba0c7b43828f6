// Inputs of a loss nobody calls (`LabelSmoothingCrossEntropy.forward(x, target)`): no layer says
// what they are, only what the loss does with them. A softmax over the classes (`F.log_softmax(x,
// dim=-1)`, `dim=1`) or `F.cross_entropy(x, target)` makes x a classifier's logits, [B, C], when
// nothing else says more; the target is then the class indices (int64, the logits' shape without
// the class axis) where it indexes them (`F.cross_entropy`, `F.nll_loss`, `logprobs.gather(-1,
// target.unsqueeze(1))`, `scatter_`), and the logits' shape where it multiplies them (a soft
// target: the broadcast seeding of interpreter.ts says so).
import { Dim } from '../shape/dim';
import type { Value } from '../value';

/** The logits a classification loss takes: [B, C], float32. */
export function logitsSeed(): Value {
  return { kind: 'tensor', shape: [Dim.sym('B'), Dim.sym('C')], dtype: 'float32' };
}

/** Whether `dim` names the class axis of logits: the last (-1) or the second (1). */
export function overClasses(dim: Value | undefined): boolean {
  return dim?.kind === 'int' && (dim.dim.value === -1 || dim.dim.value === 1);
}

/** The class indices for `logits` (int64, its shape without axis `axis`), or undefined when its shape is not known. */
export function classIndicesFor(logits: Value | undefined, axis = 1): Value | undefined {
  if (logits?.kind !== 'tensor' || !logits.shape || logits.shape.length < 2) return undefined;
  const shape = logits.shape;
  const at = axis < 0 ? shape.length + axis : axis;
  if (at < 0 || at >= shape.length) return undefined;
  return { kind: 'tensor', shape: shape.filter((_, i) => i !== at), dtype: 'int64' };
}

/** Tensor methods that take an index tensor of the input's rank (`gather(dim, index)`, `scatter_(dim, index, src)`). */
export const INDEXING_METHODS = new Set(['gather', 'scatter', 'scatter_', 'scatter_add', 'scatter_add_']);
