// ONNX lowering of EmbeddingBag / F.embedding_bag: gather the rows, then reduce each bag through
// a [bags, N] membership matrix (bag of position i = number of offsets <= i, minus one), so the
// 1-D form with offsets needs no data-dependent shapes. Empty bags give zeros, as in PyTorch.
import type { Value } from '../../value';
import { isNone, optConstIntArg, strArg } from '../args';
import type { OnnxCall, OnnxGraph } from '../lowering';

export interface EmbeddingBagLowering {
  readonly input: Value;
  readonly weight: string;
  readonly weightShape: readonly number[];
  readonly offsets: Value;
  readonly perSampleWeights: Value;
  readonly mode: Value;
  readonly paddingIdx: Value;
  readonly maxNorm: Value;
}

export function lowerEmbeddingBag(g: OnnxGraph, call: OnnxCall, e: EmbeddingBagLowering): string {
  if (!isNone(e.maxNorm)) return g.noKernel('embedding_bag with max_norm');
  const mode = strArg(e.mode);
  const inShape = g.shape(e.input);
  const n = inShape.reduce((a, b) => a * b, 1);
  const [rows, dim] = e.weightShape;
  const out = g.shape(call.output);
  const bags = out[0];
  const dtype = g.dtype(call.output);
  const idx = g.op('Reshape', [g.inputAs(e.input, 'int64'), g.ints([n])]);
  let rowsOf = g.op('Gather', [e.weight, idx], { axis: 0 });
  if (!isNone(e.perSampleWeights)) rowsOf = g.op('Mul', [rowsOf, g.op('Reshape', [g.inputAs(e.perSampleWeights, dtype), g.ints([n, 1])])]);
  let bagOf: string;
  if (inShape.length === 2) {
    const len = inShape[1];
    bagOf = g.constant(Array.from({ length: n }, (_, i) => Math.floor(i / len)), [n], 'int64');
  } else {
    const positions = g.constant(Array.from({ length: n }, (_, i) => i), [n, 1], 'int64');
    const offsets = g.op('Unsqueeze', [g.inputAs(e.offsets, 'int64'), g.ints([0])]);
    const started = g.op('Cast', [g.op('LessOrEqual', [offsets, positions])], { to: 7 });
    bagOf = g.op('Sub', [g.op('ReduceSum', [started, g.ints([1])], { keepdims: 0 }), g.constant([1], [], 'int64')]);
  }
  const bagIds = g.constant(Array.from({ length: bags }, (_, b) => b), [bags, 1], 'int64');
  let member = g.op('Equal', [g.op('Unsqueeze', [bagOf, g.ints([0])]), bagIds]);
  const pad = optConstIntArg(e.paddingIdx);
  if (pad !== undefined) {
    const padRow = pad < 0 ? pad + rows : pad;
    const kept = g.op('Not', [g.op('Equal', [idx, g.constant([padRow], [], 'int64')])]);
    member = g.op('And', [member, g.op('Unsqueeze', [kept, g.ints([0])])]);
  }
  const weights = g.op('Cast', [member], { to: dtype === 'float64' ? 11 : 1 });
  const count = g.op('ReduceSum', [weights, g.ints([1])], { keepdims: 1 });
  g.flops(2 * bags * n * dim);
  if (mode === 'sum') return g.op('MatMul', [weights, rowsOf]);
  if (mode === 'mean') return g.op('Div', [g.op('MatMul', [weights, rowsOf]), g.op('Max', [count, g.scalar(1, dtype)])]);
  const spread = g.op('Where', [g.op('Unsqueeze', [member, g.ints([2])]), g.op('Unsqueeze', [rowsOf, g.ints([0])]), g.scalar(-Infinity, dtype)]);
  const max = g.op('ReduceMax', [spread], { axes: [1], keepdims: 0 });
  return g.op('Where', [g.op('Greater', [count, g.scalar(0, dtype)]), max, g.scalar(0, dtype)]);
}
