// Matrix products: matmul (1-D, 2-D, batched with broadcast), mm, bmm, mv, dot, outer and the
// add* forms. [B, n, m] @ [m, p] -> [B, n, p]; errors in the words of the kernel that fails.
import type { Value } from '../../value';
import { isNone } from '../args';
import type { OnnxCall, OnnxGraph } from '../lowering';

/** torch.matmul's broadcasting rules are numpy's, as ONNX MatMul's; operands in the result dtype. */
function lowerMatmul(g: OnnxGraph, call: OnnxCall, a: Value, b: Value): string {
  const out = g.dtype(call.output);
  const sa = g.shape(a);
  const k = sa[sa.length - 1] ?? 1;
  g.flops(2 * Math.max(1, g.shape(call.output).reduce((p, q) => p * q, 1)) * k);
  return g.op('MatMul', [g.inputAs(a, out), g.inputAs(b, out)]);
}

/** beta * input + alpha * (m1 @ m2) (addmm, addmv, baddbmm). */
function lowerAddmm(g: OnnxGraph, call: OnnxCall, m1: Value, m2: Value): string {
  const out = g.dtype(call.output);
  let prod = lowerMatmul(g, call, m1, m2);
  const alpha = call.args.alpha;
  const beta = call.args.beta;
  const isOne = (v: Value): boolean => (v.kind === 'int' && v.dim.value === 1) || (v.kind === 'float' && v.value === 1);
  if (!isNone(alpha) && !isOne(alpha)) prod = g.op('Mul', [prod, g.input(alpha, out)]);
  if (!isNone(beta) && ((beta.kind === 'int' && beta.dim.value === 0) || (beta.kind === 'float' && beta.value === 0))) return prod;
  let base = g.inputAs(call.args.input, out);
  if (!isNone(beta) && !isOne(beta)) base = g.op('Mul', [base, g.input(beta, out)]);
  return g.op('Add', [base, prod]);
}

import { Dim } from '../../shape/dim';
import { formatShape, numel, type Shape } from '../../shape/shape';
import { tensor, tensorArg, type TensorArg } from '../args';
import { broadcastShapes as broadcastPair } from '../common/broadcast';
import type { DType } from '../dtype';
import { defineFunction, fail, requireEqual, type OpContext } from '../op';
import { cName, dtypeOf, resultType } from './promote';

const prod = (dims: readonly Dim[]): Dim => numel(dims);

/** The kernels compute in one dtype: mixed inputs fail after the shape checks. */
function sameDtype(a: TensorArg, b: TensorArg): DType {
  const da = dtypeOf(a);
  const db = dtypeOf(b);
  if (da !== db) fail('matmul-dtype', 'RuntimeError', `expected scalar type ${cName(da)} but found ${cName(db)}`);
  return da;
}

/** mm's check on [n, m1] x [m2, p]. */
function mmCheck(ctx: OpContext, n: Dim, m1: Dim, m2: Dim, p: Dim): void {
  requireEqual(ctx, m1, m2, () => ({
    code: 'matmul-shapes', exception: 'RuntimeError', message: `mat1 and mat2 shapes cannot be multiplied (${n}x${m1} and ${m2}x${p})`,
  }));
}

/** mv's check on [n, m] x [k]; PyTorch's addmv names the (implicit) input size n too. */
function mvCheck(ctx: OpContext, n: Dim, m: Dim, k: Dim): void {
  requireEqual(ctx, m, k, () => ({ code: 'matmul-shapes', exception: 'RuntimeError', message: `size mismatch, got ${n}, ${n}x${m},${k}` }));
}

function dotCheck(ctx: OpContext, a: Shape, b: Shape): void {
  if (a.length !== 1 || b.length !== 1) {
    fail('dot-rank', 'RuntimeError', `1D tensors expected, but got ${a.length}D and ${b.length}D tensors`);
  }
  requireEqual(ctx, a[0], b[0], () => ({
    code: 'matmul-shapes', exception: 'RuntimeError',
    message: `inconsistent tensor size, expected tensor [${a[0]}] and src [${b[0]}] to have the same number of elements, but got ${a[0]} and ${b[0]} elements respectively`,
  }));
}

/** bmm's checks on [b1, n, m1] x [b2, m2, p]. */
function bmmCheck(ctx: OpContext, s1: Shape, s2: Shape): void {
  const [b1, , m1] = s1;
  const [b2, m2] = s2;
  const mismatch = () => ({
    code: 'matmul-shapes', exception: 'RuntimeError',
    message: `Expected size for first two dimensions of batch2 tensor to be: [${b1}, ${m1}] but got: [${b2}, ${m2}].`,
  });
  requireEqual(ctx, b2, b1, mismatch);
  requireEqual(ctx, m2, m1, mismatch);
}

/** at::matmul's shape rule, following its dispatch (dot, mv, mm, folded mm/mv, bmm). */
export function matmulShape(ctx: OpContext, a: Shape, b: Shape): Shape {
  const d1 = a.length;
  const d2 = b.length;
  if (d1 === 0 || d2 === 0) {
    fail('matmul-rank', 'RuntimeError', `both arguments to matmul need to be at least 1D, but they are ${d1}D and ${d2}D`);
  }
  if (d1 === 1 && d2 === 1) {
    dotCheck(ctx, a, b);
    return [];
  }
  if (d1 === 2 && d2 === 1) {
    mvCheck(ctx, a[0], a[1], b[0]);
    return [a[0]];
  }
  if (d1 === 1 && d2 === 2) {
    mmCheck(ctx, Dim.of(1), a[0], b[0], b[1]);
    return [b[1]];
  }
  if (d1 === 2 && d2 === 2) {
    mmCheck(ctx, a[0], a[1], b[0], b[1]);
    return [a[0], b[1]];
  }
  if (d1 >= 3 && d2 <= 2) {
    // Fold the batch into the rows: [B*n, m] x [m, p] (or x [m]).
    const rows = prod(a.slice(0, -1));
    const m = a[d1 - 1];
    if (d2 === 1) {
      mvCheck(ctx, rows, m, b[0]);
      return a.slice(0, -1);
    }
    mmCheck(ctx, rows, m, b[0], b[1]);
    return [...a.slice(0, -1), b[1]];
  }
  if (d2 >= 3 && d1 <= 2) {
    // Transposed fold: b.mT as [B*p, m2] times a.T ([m1, n]) or a ([m1]).
    const batch = b.slice(0, -2);
    const [m2, p] = b.slice(-2);
    const rows = prod(batch).mul(p);
    if (d1 === 1) {
      mvCheck(ctx, rows, m2, a[0]);
      return [...batch, p];
    }
    mmCheck(ctx, rows, m2, a[1], a[0]);
    return [...batch, a[0], p];
  }
  // Both batched: broadcast the batch dims, then bmm on [B, n, m1] x [B, m2, p].
  const batch = broadcastPair(ctx, a.slice(0, -2), b.slice(0, -2));
  const B = prod(batch);
  const [n, m1] = a.slice(-2);
  const [m2, p] = b.slice(-2);
  bmmCheck(ctx, [B, n, m1], [B, m2, p]);
  return [...batch, n, p];
}

export const matmul = defineFunction({
  names: ['torch.matmul', 'torch.Tensor.matmul', 'torch.Tensor.__matmul__'],
  signature: 'input, other, *, out=None',
  onnx: (g, call) => lowerMatmul(g, call, call.args.input, call.args.other),
  rule(args, ctx) {
    const a = tensorArg(args.input);
    const b = tensorArg(args.other);
    const shape = matmulShape(ctx, a.shape, b.shape);
    if (a.shape.length === 1 && b.shape.length === 1) return tensor(shape, dotDtype(a, b));
    return tensor(shape, sameDtype(a, b));
  },
});

/** `other @ self`. */
export const rmatmul = defineFunction({
  names: ['torch.Tensor.__rmatmul__'],
  signature: 'input, other',
  onnx: (g, call) => lowerMatmul(g, call, call.args.other, call.args.input),
  rule(args, ctx) {
    const a = tensorArg(args.other);
    const b = tensorArg(args.input);
    const shape = matmulShape(ctx, a.shape, b.shape);
    return tensor(shape, a.shape.length === 1 && b.shape.length === 1 ? dotDtype(a, b) : sameDtype(a, b));
  },
});

function dotDtype(a: TensorArg, b: TensorArg): DType {
  const da = dtypeOf(a);
  const db = dtypeOf(b);
  if (da !== db) fail('matmul-dtype', 'RuntimeError', `dot : expected both vectors to have same dtype, but found ${cName(da)} and ${cName(db)}`);
  return da;
}

function requireMatrix(s: Shape, what: string): void {
  if (s.length !== 2) fail('matmul-rank', 'RuntimeError', `${what} must be a matrix`);
}

/** [n, m] x [m, p] -> [n, p] */
export const mm = defineFunction({
  // torch.spmm on dense tensors is mm, texts included (PyTorch 1.13).
  names: ['torch.mm', 'torch.Tensor.mm', 'torch.spmm'],
  signature: 'input, mat2, *, out=None',
  onnx: (g, call) => lowerMatmul(g, call, call.args.input, call.args.mat2),
  rule(args, ctx) {
    const a = tensorArg(args.input);
    const b = tensorArg(args.mat2);
    requireMatrix(a.shape, 'self');
    requireMatrix(b.shape, 'mat2');
    mmCheck(ctx, a.shape[0], a.shape[1], b.shape[0], b.shape[1]);
    return tensor([a.shape[0], b.shape[1]], sameDtype(a, b));
  },
});

function bmmShape(ctx: OpContext, a: Shape, b: Shape): Shape {
  if (a.length !== 3) fail('matmul-rank', 'RuntimeError', 'batch1 must be a 3D tensor');
  if (b.length !== 3) fail('matmul-rank', 'RuntimeError', 'batch2 must be a 3D tensor');
  bmmCheck(ctx, a, b);
  return [a[0], a[1], b[2]];
}

/** [b, n, m] x [b, m, p] -> [b, n, p] */
export const bmm = defineFunction({
  names: ['torch.bmm', 'torch.Tensor.bmm'],
  signature: 'input, mat2, *, out=None',
  onnx: (g, call) => lowerMatmul(g, call, call.args.input, call.args.mat2),
  rule(args, ctx) {
    const a = tensorArg(args.input);
    const b = tensorArg(args.mat2);
    return tensor(bmmShape(ctx, a.shape, b.shape), sameDtype(a, b));
  },
});

/** expand()'s check that `input` broadcasts to the product's shape. */
function expandTo(ctx: OpContext, input: Shape, target: Shape): void {
  if (input.length > target.length) {
    fail('expand-rank', 'RuntimeError', `The expanded size of the tensor (${target.length}) must be greater or equal to the number of dimensions in the tensor (${input.length})`);
  }
  for (let i = 0; i < input.length; i++) {
    const t = target[target.length - input.length + i];
    const s = input[i];
    if (s.value === 1) continue;
    requireEqual(ctx, s, t, () => ({
      code: 'addmm-input', exception: 'RuntimeError',
      message: `The expanded size of the tensor (${t}) must match the existing size (${s}) at non-singleton dimension ${target.length - input.length + i}.  Target sizes: ${formatShape(target)}.  Tensor sizes: ${formatShape(input)}`,
    }));
  }
}

/** beta*input + alpha*(b1 @ b2): [b, n, p] */
export const baddbmm = defineFunction({
  names: ['torch.baddbmm', 'torch.Tensor.baddbmm'],
  signature: 'input, batch1, batch2, *, beta=1, alpha=1, out=None',
  onnx: (g, call) => lowerAddmm(g, call, call.args.batch1, call.args.batch2),
  rule(args, ctx) {
    const x = tensorArg(args.input);
    const a = tensorArg(args.batch1);
    const b = tensorArg(args.batch2);
    // The input is expanded to the product's shape before bmm checks the batches.
    if (a.shape.length === 3 && b.shape.length === 3) expandTo(ctx, x.shape, [a.shape[0], a.shape[1], b.shape[2]]);
    const shape = bmmShape(ctx, a.shape, b.shape);
    return tensor(shape, sameDtype(a, b));
  },
});

/** beta*input + alpha*(m1 @ m2): [n, p] */
export const addmm = defineFunction({
  names: ['torch.addmm', 'torch.Tensor.addmm'],
  signature: 'input, mat1, mat2, *, beta=1, alpha=1, out=None',
  onnx: (g, call) => lowerAddmm(g, call, call.args.mat1, call.args.mat2),
  rule(args, ctx) {
    const x = tensorArg(args.input);
    const a = tensorArg(args.mat1);
    const b = tensorArg(args.mat2);
    if (a.shape.length !== 2) fail('matmul-rank', 'RuntimeError', `mat1 must be a matrix, got ${a.shape.length}-D tensor`);
    if (b.shape.length !== 2) fail('matmul-rank', 'RuntimeError', `mat2 must be a matrix, got ${b.shape.length}-D tensor`);
    mmCheck(ctx, a.shape[0], a.shape[1], b.shape[0], b.shape[1]);
    const shape = [a.shape[0], b.shape[1]];
    expandTo(ctx, x.shape, shape);
    return tensor(shape, sameDtype(a, b));
  },
});

function mvShape(ctx: OpContext, input: Shape | undefined, m: Shape, v: Shape): Shape {
  if (m.length !== 2 || v.length !== 1 || (input !== undefined && input.length > 1)) {
    const n = input === undefined ? 1 : input.length;
    fail('matmul-rank', 'RuntimeError', `vector + matrix @ vector expected, got ${n}, ${m.length}, ${v.length}`);
  }
  const n = input === undefined || input.length === 0 || input[0].value === 1 ? m[0] : input[0];
  requireEqual(ctx, m[1], v[0], () => ({ code: 'matmul-shapes', exception: 'RuntimeError', message: `size mismatch, got ${n}, ${m[0]}x${m[1]},${v[0]}` }));
  if (input !== undefined && input.length === 1) {
    requireEqual(ctx, n, m[0], () => ({ code: 'matmul-shapes', exception: 'RuntimeError', message: `size mismatch, got ${n}, ${m[0]}x${m[1]},${v[0]}` }));
  }
  return [m[0]];
}

/** [n, m] x [m] -> [n] */
export const mv = defineFunction({
  names: ['torch.mv', 'torch.Tensor.mv'],
  signature: 'input, vec, *, out=None',
  onnx: (g, call) => lowerMatmul(g, call, call.args.input, call.args.vec),
  rule(args, ctx) {
    const m = tensorArg(args.input);
    const v = tensorArg(args.vec);
    return tensor(mvShape(ctx, undefined, m.shape, v.shape), sameDtype(m, v));
  },
});

/** beta*input + alpha*(mat @ vec): [n] */
export const addmv = defineFunction({
  names: ['torch.addmv', 'torch.Tensor.addmv'],
  signature: 'input, mat, vec, *, beta=1, alpha=1, out=None',
  onnx: (g, call) => lowerAddmm(g, call, call.args.mat, call.args.vec),
  rule(args, ctx) {
    const x = tensorArg(args.input);
    const m = tensorArg(args.mat);
    const v = tensorArg(args.vec);
    return tensor(mvShape(ctx, x.shape, m.shape, v.shape), sameDtype(m, v));
  },
});

/** [n] . [n] -> [] */
export const dot = defineFunction({
  names: ['torch.dot', 'torch.Tensor.dot'],
  signature: 'input, other, *, out=None',
  onnx: (g, call) => lowerMatmul(g, call, call.args.input, call.args.other),
  rule(args, ctx) {
    const a = tensorArg(args.input);
    const b = tensorArg(args.other);
    dotCheck(ctx, a.shape, b.shape);
    return tensor([], dotDtype(a, b));
  },
});

/** [n] x [m] -> [n, m] */
export const outer = defineFunction({
  names: ['torch.outer', 'torch.Tensor.outer', 'torch.ger', 'torch.Tensor.ger'],
  signature: 'input, vec2, *, out=None',
  onnx(g, call) {
    const out = g.dtype(call.output);
    const a = g.op('Unsqueeze', [g.inputAs(call.args.input, out), g.ints([1])]);
    const b = g.op('Unsqueeze', [g.inputAs(call.args.vec2, out), g.ints([0])]);
    g.flops(g.shape(call.output).reduce((p, q) => p * q, 1));
    return g.op('Mul', [a, b]);
  },
  rule(args) {
    const a = tensorArg(args.input);
    const b = tensorArg(args.vec2);
    if (a.shape.length !== 1) fail('outer-rank', 'RuntimeError', `outer: Expected 1-D argument self, but got ${a.shape.length}-D`);
    if (b.shape.length !== 1) fail('outer-rank', 'RuntimeError', `outer: Expected 1-D argument vec2, but got ${b.shape.length}-D`);
    return tensor([a.shape[0], b.shape[0]], resultType([args.input, args.vec2]));
  },
});

export const matmulOps = [matmul, rmatmul, mm, bmm, baddbmm, addmm, mv, addmv, dot, outer];
