// Embedding lookups and one-hot encoding: integer index tensors of any rank.
import type { ConcreteParam, InitRandom, OnnxGraph } from '../lowering';
import type { BoundArgs } from '../signature';
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { DEFAULT_FLOAT, type DType } from '../dtype';
import { constIntArg, intArg, isNone, optConstIntArg, optTensorArg, strArg, tensor, tensorArg, type TensorArg } from '../args';
import { defineFunction, defineModule, fail, giveUp, requireEqual, type OpContext, type OpDecl } from '../op';
import { sizeText } from './common';
import { lowerEmbeddingBag } from './lowerEmbeddingBag';

const LEGACY_NAMES: Partial<Record<DType, string>> = {
  float32: 'FloatTensor', float64: 'DoubleTensor', float16: 'HalfTensor', bfloat16: 'BFloat16Tensor', int8: 'CharTensor',
  uint8: 'ByteTensor', int16: 'ShortTensor', int32: 'IntTensor', int64: 'LongTensor', bool: 'BoolTensor',
};

/** padding_idx must index a row (negative counts from the end); `message` differs by caller. */
function checkPaddingIdx(padding: Value, rows: Dim, message: string): void {
  const p = optConstIntArg(padding);
  if (p === undefined || p === 0) return;
  const ok = p > 0 ? Dim.of(p).sub(rows) : rows.add(p);
  // p < rows, or p >= -rows: decided only when `rows` is known.
  const v = ok.value;
  if (v === undefined) return;
  if ((p > 0 && v >= 0) || (p < 0 && v < 0)) fail('embedding-padding-idx', 'AssertionError', message);
}

/** torch.embedding: [*] indices into a [num, dim] table -> [*, dim]. */
function embeddingShape(indices: TensorArg, weight: Shape): Shape {
  if (weight.length !== 2) fail('embedding-weight', 'RuntimeError', "'weight' must be 2-D");
  if (indices.dtype !== undefined && indices.dtype !== 'int64' && indices.dtype !== 'int32') {
    fail('embedding-indices', 'RuntimeError',
      `Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.${LEGACY_NAMES[indices.dtype]} instead (while checking arguments for embedding)`);
  }
  return [...indices.shape, weight[1]];
}

/** reset_parameters of Embedding and EmbeddingBag: normal(0, 1), the padding row zeroed. */
function normalWithPaddingRow(self: BoundArgs, p: ConcreteParam, rng: InitRandom): Float32Array {
  const w = rng.normal(p.shape[0] * p.shape[1], 0, 1);
  if (!isNone(self.padding_idx)) {
    const n = p.shape[0];
    const row = ((constIntArg(self.padding_idx) % n) + n) % n;
    w.fill(0, row * p.shape[1], (row + 1) * p.shape[1]);
  }
  return w;
}

/** weight[indices]: Gather along rows (negative ids are an error in PyTorch, not modelled). */
function lowerEmbedding(g: OnnxGraph, input: Value, weight: string, wShape: number[]): string {
  void wShape;
  return g.op('Gather', [weight, g.inputAs(input, 'int64')], { axis: 0 });
}

export const Embedding = defineModule({
  names: ['torch.nn.Embedding'],
  init: 'num_embeddings, embedding_dim, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False, sparse=False, _weight=None, device=None, dtype=None',
  forward: 'input',
  check(self) {
    checkPaddingIdx(self.padding_idx, intArg(self.num_embeddings), 'Padding_idx must be within num_embeddings');
    if (!isNone(self._weight)) giveUp('Embedding(_weight=...) is not modelled');
  },
  params: (self) => [{ name: 'weight', shape: [intArg(self.num_embeddings), intArg(self.embedding_dim)], dtype: DEFAULT_FLOAT }],
  reset: normalWithPaddingRow,
  onnx(g, call) {
    if (!isNone(call.self!.max_norm)) return g.noKernel('embedding with max_norm');
    return lowerEmbedding(g, call.args.input, g.param('weight'), g.paramShape('weight'));
  },
  rule(self, { input }) {
    const x = tensorArg(input);
    return tensor(embeddingShape(x, [intArg(self.num_embeddings), intArg(self.embedding_dim)]), DEFAULT_FLOAT);
  },
});

export const embedding = defineFunction({
  names: ['torch.nn.functional.embedding'],
  signature: 'input, weight, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False, sparse=False',
  onnx(g, { args }) {
    if (!isNone(args.max_norm)) return g.noKernel('embedding with max_norm');
    return lowerEmbedding(g, args.input, g.input(args.weight), g.shape(args.weight));
  },
  rule(args, ctx) {
    const x = tensorArg(args.input);
    const w = tensorArg(args.weight);
    if (!isNone(args.padding_idx)) {
      if (w.shape.length === 0) return giveUp('weight.size(0) of a scalar');
      checkPaddingIdx(args.padding_idx, w.shape[0], 'Padding_idx must be within num_embeddings');
    }
    return tensor(embeddingShape(x, w.shape), w.dtype);
  },
});

/** F.embedding_bag's Python checks, then one row per bag: [B, L] or [N] + offsets -> [bags, dim]. */
function embeddingBagShape(
  ctx: OpContext, input: TensorArg, weight: Shape, offsets: TensorArg | undefined, perSample: TensorArg | undefined,
  mode: string, includeLast: boolean,
): Shape {
  if (perSample !== undefined) {
    const same = perSample.shape.length === input.shape.length && perSample.shape.every((d, i) => d.equals(input.shape[i]) === 'yes');
    const undecided = perSample.shape.length === input.shape.length && perSample.shape.some((d, i) => d.equals(input.shape[i]) === 'unknown');
    if (!same && !undecided) {
      fail('embedding-bag-weights', 'ValueError',
        `embedding_bag: If per_sample_weights (${sizeText(perSample.shape)}) is not None, then it must have the same shape as the input (${sizeText(input.shape)})`);
    }
    perSample.shape.forEach((d, i) => requireEqual(ctx, d, input.shape[i], () => ({
      code: 'embedding-bag-weights', exception: 'ValueError', message: 'per_sample_weights must have the shape of the input',
    })));
  }
  let bags: Dim;
  if (input.shape.length === 2) {
    if (offsets !== undefined) {
      fail('embedding-bag-offsets', 'ValueError',
        "if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length sequences. However, found offsets of type <class 'torch.Tensor'>");
    }
    bags = input.shape[0];
  } else if (input.shape.length === 1) {
    if (offsets === undefined) fail('embedding-bag-offsets', 'ValueError', 'offsets has to be a 1D Tensor but got None');
    if (offsets.shape.length !== 1) fail('embedding-bag-offsets', 'ValueError', 'offsets has to be a 1D Tensor');
    bags = offsets.shape[0];
  } else {
    return fail('embedding-bag-rank', 'ValueError', `input has to be 1D or 2D Tensor, but got Tensor of dimension ${input.shape.length}`);
  }
  if (mode !== 'sum' && mode !== 'mean' && mode !== 'max') fail('embedding-bag-mode', 'ValueError', 'mode has to be one of sum, mean or max');
  if (perSample !== undefined && mode !== 'sum') {
    fail('embedding-bag-mode', 'NotImplementedError',
      `embedding_bag: per_sample_weights was not None. per_sample_weights is only supported for mode='sum' (got mode='${mode}'). Please open a feature request on GitHub.`);
  }
  // With include_last_offset the final offset only closes the last bag.
  return [includeLast ? bags.sub(1) : bags, weight[1]];
}

export const EmbeddingBag = defineModule({
  names: ['torch.nn.EmbeddingBag'],
  init: "num_embeddings, embedding_dim, max_norm=None, norm_type=2.0, scale_grad_by_freq=False, mode='mean', sparse=False, _weight=None, include_last_offset=False, padding_idx=None, device=None, dtype=None",
  forward: 'input, offsets=None, per_sample_weights=None',
  check(self) {
    checkPaddingIdx(self.padding_idx, intArg(self.num_embeddings), 'padding_idx must be within num_embeddings');
    if (!isNone(self._weight)) giveUp('EmbeddingBag(_weight=...) is not modelled');
  },
  params: (self) => [{ name: 'weight', shape: [intArg(self.num_embeddings), intArg(self.embedding_dim)], dtype: DEFAULT_FLOAT }],
  reset: normalWithPaddingRow,
  onnx(g, call) {
    const s = call.self!;
    return lowerEmbeddingBag(g, call, {
      input: call.args.input, weight: g.param('weight'), weightShape: g.paramShape('weight'), offsets: call.args.offsets,
      perSampleWeights: call.args.per_sample_weights, mode: s.mode, paddingIdx: s.padding_idx, maxNorm: s.max_norm,
    });
  },
  rule(self, inputs, ctx) {
    const x = tensorArg(inputs.input);
    const w = [intArg(self.num_embeddings), intArg(self.embedding_dim)];
    const shape = embeddingBagShape(ctx, x, w, optTensorArg(inputs.offsets), optTensorArg(inputs.per_sample_weights),
      strArg(self.mode), constIntArg(self.include_last_offset) !== 0);
    return tensor(shape, DEFAULT_FLOAT);
  },
});

export const embedding_bag = defineFunction({
  names: ['torch.nn.functional.embedding_bag'],
  signature: "input, weight, offsets=None, max_norm=None, norm_type=2, scale_grad_by_freq=False, mode='mean', sparse=False, per_sample_weights=None, include_last_offset=False, padding_idx=None",
  onnx(g, { args, output, ...call }) {
    return lowerEmbeddingBag(g, { args, output, ...call }, {
      input: args.input, weight: g.input(args.weight), weightShape: g.shape(args.weight), offsets: args.offsets,
      perSampleWeights: args.per_sample_weights, mode: args.mode, paddingIdx: args.padding_idx, maxNorm: args.max_norm,
    });
  },
  rule(args, ctx) {
    const x = tensorArg(args.input);
    const w = tensorArg(args.weight);
    if (w.shape.length !== 2) return giveUp('embedding_bag: weight must be 2-D');
    const shape = embeddingBagShape(ctx, x, w.shape, optTensorArg(args.offsets), optTensorArg(args.per_sample_weights),
      strArg(args.mode), constIntArg(args.include_last_offset) !== 0);
    return tensor(shape, w.dtype);
  },
});

/** one_hot: int64 [*] -> int64 [*, num_classes]; num_classes=-1 means max(input) + 1 (data-dependent). */
export const one_hot = defineFunction({
  names: ['torch.nn.functional.one_hot'],
  signature: 'tensor, num_classes=-1',
  onnx(g, call) {
    // The class count comes from the traced shape (num_classes=-1 makes it data-dependent).
    const shape = g.shape(call.output);
    const classes = shape[shape.length - 1];
    const x = g.op('Unsqueeze', [g.inputAs(call.args.tensor, 'int64'), g.ints([-1])]);
    const range = g.op('Range', [g.constant([0], [], 'int64'), g.constant([classes], [], 'int64'), g.constant([1], [], 'int64')]);
    return g.op('Cast', [g.op('Equal', [x, range])], { to: 7 });
  },
  rule(args) {
    const x = tensorArg(args.tensor);
    if (x.dtype !== undefined && x.dtype !== 'int64') fail('one-hot-dtype', 'RuntimeError', 'one_hot is only applicable to index tensor.');
    const n = intArg(args.num_classes);
    return tensor([...x.shape, n.value === -1 ? Dim.unknown() : n], 'int64');
  },
});

export const embeddingOps: readonly OpDecl[] = [Embedding, embedding, EmbeddingBag, embedding_bag, one_hot];
