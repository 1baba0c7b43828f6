// Index-driven ops: gather, scatter, scatter_add, index_select, take_along_dim.
import { Dim } from '../../shape/dim';
import { numel } from '../../shape/shape';
import type { Value } from '../../value';
import { constIntArg, isNone, strArg, tensorArg, wrapDim, type TensorArg } from '../args';
import type { OnnxCall, OnnxGraph } from '../lowering';
import { broadcastShapes } from '../common/broadcast';
import { defineFunction, fail, giveUp, type OpContext } from '../op';
import { assumeAtLeast, listText, tensor } from './helpers';

/** `a <= b` for sizes: a known answer, or an assumption when symbolic. */
function fits(ctx: OpContext, a: Dim, b: Dim): boolean {
  const diff = b.sub(a).value;
  if (diff !== undefined) return diff >= 0;
  assumeAtLeast(ctx, 'index-size', b, a);
  return true;
}

const rank1 = (r: number) => Math.max(r, 1);

function nonEmpty(t: TensorArg): boolean | undefined {
  const n = t.shape.reduce<number | undefined>((a, d) => (a === undefined || d.value === undefined ? undefined : a * d.value), 1);
  return n === undefined ? undefined : n > 0;
}

/** [4, 5] gathered along dim 1 by an index [4, 2] -> [4, 2] */
export const gather = defineFunction({
  names: ['torch.gather', 'torch.Tensor.gather'],
  signature: 'input, dim, index, *, sparse_grad=False, out=None',
  onnx(g, { args }) {
    const rank = g.shape(args.input).length;
    if (rank === 0) return g.noKernel('gather on a 0-d tensor');
    return g.op('GatherElements', [g.input(args.input), g.inputAs(args.index, 'int64')], { axis: wrapDim(constIntArg(args.dim), rank) });
  },
  rule(args, ctx) {
    const x = tensorArg(args.input);
    const index = tensorArg(args.index);
    const dim = wrapDim(constIntArg(args.dim), x.shape.length);
    if (index.dtype !== undefined && index.dtype !== 'int64') fail('gather-index-dtype', 'RuntimeError', 'gather(): Expected dtype int64 for index');
    if (nonEmpty(index) !== false) {
      if (rank1(x.shape.length) !== rank1(index.shape.length)) {
        fail('gather-index-rank', 'RuntimeError', 'Index tensor must have the same number of dimensions as input tensor');
      }
      for (let i = 0; i < index.shape.length && x.shape.length > 0; i++) {
        if (i === dim) continue;
        if (!fits(ctx, index.shape[i], x.shape[i])) {
          fail('gather-index-size', 'RuntimeError', `Size does not match at dimension ${i} expected index ${listText(index.shape)} to be smaller than self ${listText(x.shape)} apart from dimension ${dim}`);
        }
      }
    }
    return tensor(index.shape, x.dtype);
  },
});

/** ScatterElements with PyTorch's arguments: src cut to the index's extent, or a scalar value. */
function lowerScatter(g: OnnxGraph, call: OnnxCall, reduce: string | undefined): string {
  const a = call.args;
  const shape = g.shape(a.input);
  if (shape.length === 0) return g.noKernel('scatter on a 0-d tensor');
  const dtype = g.dtype(call.output);
  const axis = wrapDim(constIntArg(a.dim), shape.length);
  const iShape = g.shape(a.index);
  const index = g.inputAs(a.index, 'int64');
  const srcValue = isNone(a.src) ? a.value : a.src;
  let updates: string;
  if (srcValue.kind === 'tensor') {
    const sShape = g.shape(srcValue);
    updates = g.inputAs(srcValue, dtype);
    if (sShape.some((d, i) => d !== iShape[i])) {
      updates = g.op('Slice', [updates, g.ints(iShape.map(() => 0)), g.ints(iShape), g.ints(iShape.map((_, i) => i))]);
    }
  } else {
    updates = g.op('Expand', [g.input(srcValue, dtype), g.ints(iShape)]);
  }
  const reduction = reduce === undefined ? 'none' : reduce === 'add' ? 'add' : reduce === 'multiply' ? 'mul' : g.noKernel(`scatter reduce=${reduce}`);
  return g.op('ScatterElements', [g.input(a.input), index, updates], { axis, reduction });
}

function scatterRule(args: Readonly<Record<string, Value>>, ctx: OpContext) {
  const x = tensorArg(args.input);
  const index = tensorArg(args.index);
  const dim = wrapDim(constIntArg(args.dim), x.shape.length);
  const srcValue = isNone(args.src) ? args.value : args.src;
  const src = srcValue !== undefined && srcValue.kind === 'tensor' ? tensorArg(srcValue) : undefined;
  if (src === undefined && (srcValue === undefined || isNone(srcValue))) giveUp('scatter without src');
  if (index.dtype !== undefined && index.dtype !== 'int64') fail('scatter-index-dtype', 'RuntimeError', 'scatter(): Expected dtype int64 for index');
  if (src && src.dtype !== undefined && x.dtype !== undefined && src.dtype !== x.dtype) {
    fail('scatter-src-dtype', 'RuntimeError', 'scatter(): Expected self.dtype to be equal to src.dtype');
  }
  if (nonEmpty(index) !== false) {
    if (rank1(x.shape.length) !== rank1(index.shape.length)) {
      fail('scatter-index-rank', 'RuntimeError', 'Index tensor must have the same number of dimensions as self tensor');
    }
    let wrong = false;
    for (let i = 0; i < index.shape.length && !wrong; i++) {
      if (i !== dim && x.shape.length > 0 && !fits(ctx, index.shape[i], x.shape[i])) wrong = true;
    }
    if (src) for (let i = 0; i < index.shape.length && !wrong; i++) if (src.shape.length > 0 && !fits(ctx, index.shape[i], src.shape[i] ?? giveUp())) wrong = true;
    if (wrong) {
      const tail = src ? ` and to be smaller size than src ${listText(src.shape)}` : '';
      fail('scatter-index-size', 'RuntimeError', `Expected index ${listText(index.shape)} to be smaller than self ${listText(x.shape)} apart from dimension ${dim}${tail}`);
    }
  }
  return tensor(x.shape, x.dtype);
}

/** [4, 5].scatter(1, index [4, 2], src) -> [4, 5] */
export const scatter = defineFunction({
  names: ['torch.scatter', 'torch.Tensor.scatter'],
  signature: 'input, dim, index, src=None, *, value=None, reduce=None',
  onnx: (g, call) => lowerScatter(g, call, isNone(call.args.reduce) ? undefined : strArg(call.args.reduce)),
  rule: (args, ctx) => scatterRule(args, ctx),
});

/** [4, 5].scatter_add(1, index [4, 2], src [4, 5]) -> [4, 5] */
export const scatterAdd = defineFunction({
  names: ['torch.scatter_add', 'torch.Tensor.scatter_add'],
  signature: 'input, dim, index, src',
  onnx: (g, call) => lowerScatter(g, call, 'add'),
  rule: (args, ctx) => scatterRule(args, ctx),
});

/** [4, 5] -> index_select(1, index [3]) -> [4, 3] */
export const indexSelect = defineFunction({
  names: ['torch.index_select', 'torch.Tensor.index_select'],
  signature: 'input, dim, index, *, out=None',
  onnx(g, call) {
    const a = call.args;
    const rank = g.shape(a.input).length;
    const x = rank === 0 ? g.op('Unsqueeze', [g.input(a.input), g.ints([0])]) : g.input(a.input);
    const y = g.op('Gather', [x, g.inputAs(a.index, 'int64')], { axis: rank === 0 ? 0 : wrapDim(constIntArg(a.dim), rank) });
    return g.op('Reshape', [y, g.ints(g.shape(call.output))]);
  },
  rule(args) {
    const x = tensorArg(args.input);
    const index = tensorArg(args.index);
    const dim = wrapDim(constIntArg(args.dim), x.shape.length);
    if (index.shape.length > 1) fail('index-select-index', 'IndexError', 'index_select(): Index is supposed to be a vector');
    if (index.dtype !== undefined && index.dtype !== 'int64' && index.dtype !== 'int32') {
      fail('index-select-dtype', 'RuntimeError', 'index_select(): Expected dtype int32 or int64 for index');
    }
    const n = index.shape.length === 0 ? Dim.of(1) : index.shape[0];
    if (x.shape.length === 0) return tensor([], x.dtype);
    const out = [...x.shape];
    out[dim] = n;
    return tensor(out, x.dtype);
  },
});

/** [4, 5] with indices [4, 1] along dim 1 -> [4, 1]; without dim, both are flattened. */
export const takeAlongDim = defineFunction({
  names: ['torch.take_along_dim', 'torch.Tensor.take_along_dim'],
  signature: 'input, indices, dim=None, *, out=None',
  onnx(g, call) {
    const a = call.args;
    const idx = g.inputAs(a.indices, 'int64');
    if (isNone(a.dim)) {
      const flat = (v: string) => g.op('Reshape', [v, g.ints([-1])]);
      return g.op('GatherElements', [flat(g.input(a.input)), flat(idx)], { axis: 0 });
    }
    // Both broadcast against each other everywhere but `dim`.
    const out = g.shape(call.output);
    const xs = g.shape(a.input);
    if (xs.length === 0) return g.noKernel('take_along_dim on a 0-d tensor');
    const dim = wrapDim(constIntArg(a.dim), xs.length);
    const x = g.op('Expand', [g.input(a.input), g.ints(out.map((d, i) => (i === dim ? xs[dim] : d)))]);
    return g.op('GatherElements', [x, g.op('Expand', [idx, g.ints(out)])], { axis: dim });
  },
  rule(args, ctx) {
    const x = tensorArg(args.input);
    const idx = tensorArg(args.indices);
    if (isNone(args.dim)) return tensor([numel(idx.shape)], x.dtype);
    const d = constIntArg(args.dim);
    if (x.shape.length !== idx.shape.length) {
      fail('take-along-dim-rank', 'RuntimeError', `torch.take_along_dim(): input and indices should have the same number of dimensions, but got ${x.shape.length} dimensions for input, and ${idx.shape.length} dimensions for indices`);
    }
    if (idx.dtype !== undefined && idx.dtype !== 'int64') {
      fail('take-along-dim-dtype', 'RuntimeError', `torch.take_along_dim(): dtype of indices should be Long but got ${idx.dtype === 'int32' ? 'Int' : idx.dtype}`);
    }
    const dim = wrapDim(d, x.shape.length);
    const selfSizes = [...x.shape];
    selfSizes[dim] = idx.shape[dim];
    const outShape = broadcastShapes(ctx, selfSizes, idx.shape);
    const idxSizes = [...idx.shape];
    idxSizes[dim] = x.shape[dim];
    broadcastShapes(ctx, idxSizes, x.shape);
    return tensor(outShape, x.dtype);
  },
});
