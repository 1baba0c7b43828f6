// The TF.js op oracle: runs each case through the real @tensorflow/tfjs-core ops on the CPU backend
// and records the output shape and dtype, or the exact error TF.js throws. Arguments are written
// in the goldens' JSON form (test/oracle/goldenCodec.ts): {tensor: shape, dtype} is a tensor
// (zeros, or small valid indices where an op reads them), plain JSON is passed as written.
// Run by `npm run oracle` (node --import ./test/oracle/tfjs/runtime/register.mjs ...); writes
// test/oracle/goldens/tfjs/ops/<family>.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const { core: tf } = await import('./runtime/tfjs.mjs');
const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'goldens', 'tfjs', 'ops');
const families = new Map();
/** `op` is the path under `tf` (`image.resizeBilinear`); `method` calls it on the first argument instead. */
function add(family, op, args, options = {}) {
  if (!families.has(family)) families.set(family, []);
  families.get(family).push({ op, args, ...options });
}

const T = (shape, dtype = 'float32') => ({ tensor: shape, dtype });
const F = (x) => ({ float: x });

function materialize(j) {
  if (j === null || typeof j !== 'object') return j === null ? undefined : j;
  if (Array.isArray(j)) return j.map(materialize);
  if ('tensor' in j) return tf.zeros(j.tensor, j.dtype);
  if ('float' in j) return j.float;
  if ('dict' in j) return Object.fromEntries(Object.entries(j.dict).map(([k, v]) => [k, materialize(v)]));
  throw new Error(`cannot materialize ${JSON.stringify(j)}`);
}

function encode(v) {
  if (v instanceof tf.Tensor) return { tensor: v.shape, dtype: v.dtype };
  if (Array.isArray(v)) return v.map(encode);
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isInteger(v) ? v : { float: v };
  if (typeof v === 'object') return { dict: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)])) };
  return v;
}

function run(c) {
  const args = c.args.map(materialize);
  // The JSON form has no `undefined`: trailing nulls are arguments left out.
  while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
  const parts = c.op.split('.');
  try {
    let out;
    if (c.method) out = args[0][c.method](...args.slice(1));
    else {
      let fn = tf;
      for (const p of parts) fn = fn[p];
      out = fn(...args);
    }
    return { result: encode(out) };
  } catch (e) {
    return { error: { type: e.name, message: e.message } };
  }
}

// ---------------------------------------------------------------------------------------------
// Creation
for (const [values, shape] of [[[1, 2, 3], null], [[[1, 2], [3, 4], [5, 6]], null], [[1, 2, 3, 4, 5, 6], [2, 3]], [[1, 2, 3, 4], [2, 3]], [[[1, 2], [3]], null], [5, null], [[], null], [[1, 2, 3, 4], [-1, 2]], [[[[1], [2]]], null], [[1, 2, 3, 4, 5, 6], [3, 2, 1]]]) {
  add('creation', 'tensor', [values, shape]);
}
add('creation', 'tensor', [[1, 2], null, 'int32']);
add('creation', 'tensor', [[true, false], null, 'bool']);
add('creation', 'tensor1d', [[1, 2, 3]]);
add('creation', 'tensor1d', [[[1, 2], [3, 4]]]);
add('creation', 'tensor1d', [[1, 2], 'int32']);
add('creation', 'tensor2d', [[[1, 2], [3, 4]]]);
add('creation', 'tensor2d', [[1, 2, 3, 4], [2, 2]]);
add('creation', 'tensor2d', [[1, 2, 3, 4]]);
add('creation', 'tensor2d', [[1, 2, 3, 4], [4]]);
add('creation', 'tensor2d', [[1, 2, 3, 4], [3, 2]]);
add('creation', 'tensor3d', [[[[1], [2]], [[3], [4]]]]);
add('creation', 'tensor3d', [[1, 2, 3, 4, 5, 6], [1, 2, 3]]);
add('creation', 'tensor3d', [[[1, 2], [3, 4]]]);
add('creation', 'tensor4d', [[1, 2, 3, 4], [1, 2, 2, 1]]);
add('creation', 'tensor4d', [[1, 2, 3, 4], [1, 2, 2]]);
add('creation', 'tensor5d', [[1, 2], [1, 1, 1, 2, 1]]);
add('creation', 'tensor6d', [[1, 2], [1, 1, 1, 1, 2, 1]]);
add('creation', 'scalar', [3]);
add('creation', 'scalar', [F(2.5)]);
add('creation', 'scalar', [[1, 2]]);
for (const shape of [[], [3], [2, 3], [4, 1, 5], [0, 3], [2, 3, 4, 5]]) {
  add('creation', 'zeros', [shape]);
  add('creation', 'ones', [shape, 'int32']);
  add('creation', 'fill', [shape, 7]);
  add('creation', 'randomNormal', [shape]);
  add('creation', 'randomUniform', [shape, 0, 1, 'int32']);
  add('creation', 'truncatedNormal', [shape]);
}
add('creation', 'zeros', [[2, 3], 'bool']);
add('creation', 'zerosLike', [T([3, 4])]);
add('creation', 'onesLike', [T([2, 5], 'int32')]);
add('creation', 'randomNormal', [[2, 2], 0, 1, 'int32']);
for (const [start, stop, num] of [[0, 1, 5], [0, 10, 11], [1, 2, 1], [3, 0, 4], [0, 1, 0]]) add('creation', 'linspace', [start, stop, num]);
for (const args of [[0, 10], [0, 10, 2], [10, 0, -3], [0, 10, 3, 'int32'], [5, 5], [0, 1, F(0.25)], [3, 0], [0, 3, -1], [0, 1, 0]]) add('creation', 'range', args);
for (const [shape, depth] of [[[4], 10], [[2, 3], 5], [[], 3], [[6], 1]]) add('creation', 'oneHot', [T(shape, 'int32'), depth]);
add('creation', 'oneHot', [T([4], 'float32'), 3]);
add('creation', 'oneHot', [T([4], 'int32'), 3, 1, 0, 'float32']);
add('creation', 'oneHot', [[0, 2, 1], 3]);
for (const args of [[3], [2, 4], [3, null, [2]], [2, 2, [3, 4]], [3, 3, null, 'int32']]) add('creation', 'eye', args);

// ---------------------------------------------------------------------------------------------
// Reshaping and indexing
const shapes = [[6], [2, 3], [4, 1, 5], [2, 3, 4], [2, 1, 3, 1], [1], []];
for (const s of [[2, 3], [4, 5], [2, 3, 4], [1, 8], [12]]) {
  const n = s.reduce((a, b) => a * b, 1);
  for (const target of [[n], [-1], [n, 1], [1, -1], [-1, 2], [3, -1], [2, 2, -1], [5, -1], [-1, -1], [n + 1], [2, 0], [0, -1]]) add('shape', 'reshape', [T(s), target]);
}
add('shape', 'reshape', [T([0, 3]), [-1, 3]]);
add('shape', 'reshape', [T([0, 3]), [3, -1]]);
add('shape', 'reshape', [T([2, 3], 'int32'), [3, 2]]);
for (const s of shapes) {
  add('shape', 'flatten', [T(s)], { method: 'flatten' });
  for (const axis of [0, 1, -1, -2, s.length, s.length + 1, -(s.length + 2)]) add('shape', 'expandDims', [T(s), axis]);
  add('shape', 'squeeze', [T(s)]);
  for (const axis of [[0], [1], [-1], [0, 2], [5]]) add('shape', 'squeeze', [T(s), axis]);
  add('shape', 'transpose', [T(s)]);
}
add('shape', 'expandDims', [T([2, 3])]);
for (const [s, perm] of [[[2, 3, 4], [0, 2, 1]], [[2, 3, 4], [2, 0, 1]], [[2, 3], [1, 0]], [[2, 3, 4], [0, 1]], [[2, 3], [0, 0]], [[2, 3], [0, 2]], [[2, 3, 4, 5], [0, 3, 1, 2]], [[2, 3], [-1, 0]]]) add('shape', 'transpose', [T(s), perm]);
for (const [s, begin, size] of [
  [[4, 5], [1, 1], [2, 3]], [[4, 5], [0, 0], [-1, -1]], [[4, 5], [2], null], [[4, 5], [1, 2], [3, -1]], [[4, 5], 1, 2], [[4, 5], [3, 0], [2, 5]],
  [[10], [2], [5]], [[10], 3, null], [[2, 3, 4], [0, 1, 0], [2, 2, 4]], [[2, 3, 4], [1], [1]], [[4, 5], [0, 0, 0], [1, 1, 1]], [[4, 5], [-1, 0], [1, 1]],
  [[4, 5], [1, 1], [3, 5]], [[6], [0], [7]],
]) add('shape', 'slice', [T(s), begin, size]);
for (const [s, idx, axis] of [[[5, 3], [4], 0], [[5, 3], [2, 2], 1], [[5, 3, 2], [7], 0], [[5, 3, 2], [1, 6], 2], [[5, 3], [4], -1], [[5], [3], 0], [[5, 3], [], 0], [[5, 3], [4], 2], [[4, 3], [2, 5], 0]]) {
  add('shape', 'gather', [T(s), T(idx, 'int32'), axis]);
}
add('shape', 'gather', [T([5, 3]), [0, 1, 2]]);
add('shape', 'gather', [T([5, 3]), T([4], 'float32')]);
for (const [s, reps] of [[[2, 3], [2, 2]], [[2, 3], [1, 3]], [[3], [4]], [[2, 3, 4], [1, 2, 1]], [[2, 3], [2]], [[2, 3], [0, 1]], [[2, 3], [2, 2, 2]]]) add('shape', 'tile', [T(s), reps]);
for (const [s, pads] of [[[2, 3], [[1, 1], [2, 2]]], [[4], [[0, 3]]], [[2, 3, 4], [[0, 0], [1, 1], [2, 0]]], [[2, 3], [[1, 1]]], [[2, 3], [[1, 2, 3], [0, 0]]], [[1, 4, 4, 3], [[0, 0], [1, 1], [1, 1], [0, 0]]]]) add('shape', 'pad', [T(s), pads]);
for (const [list, axis] of [
  [[[2, 3], [4, 3]], 0], [[[2, 3], [2, 5]], 1], [[[2, 3], [2, 5]], -1], [[[2, 3], [4, 3]], 1], [[[2, 3], [2, 3, 1]], 0], [[[5], [3], [1]], 0],
  [[[2, 3, 4], [2, 3, 1], [2, 3, 2]], 2], [[[2, 3]], 0], [[[2, 3], [2, 3]], 2], [[[1, 2, 3], [1, 2, 3]], -3], [[[2, 3], [3, 3]], 1], [[[2, 0], [2, 3]], 1],
]) add('shape', 'concat', [list.map((s) => T(s)), axis]);
add('shape', 'concat', [[T([2, 3]), T([2, 3], 'int32')], 0]);
add('shape', 'concat', [[], 0]);
add('shape', 'concat1d', [[T([3]), T([4])]]);
add('shape', 'concat2d', [[T([2, 3]), T([2, 1])], 1]);
for (const [list, axis] of [[[[2, 3], [2, 3]], 0], [[[2, 3], [2, 3]], 1], [[[2, 3], [2, 3], [2, 3]], 2], [[[2, 3], [2, 3]], -1], [[[2, 3], [3, 2]], 0], [[[4], [4]], 0], [[[], []], 0], [[[2, 3], [2, 3]], 3]]) {
  add('shape', 'stack', [list.map((s) => T(s)), axis]);
}
for (const [s, axis] of [[[3, 4], 0], [[3, 4], 1], [[2, 3, 4], -1], [[5], 0], [[3, 4], 2], [[3, 4], -3]]) add('shape', 'unstack', [T(s), axis]);
for (const [s, split, axis] of [[[6, 4], 3, 0], [[6, 4], 2, 1], [[6, 4], [1, 2, 3], 0], [[6, 4], [1, -1], 0], [[6, 4], 4, 0], [[6, 4], [2, 2], 0], [[6, 4], 2, -1], [[2, 9, 3], [3, 6], 1], [[6, 4], [-1, -1], 0]]) {
  add('shape', 'split', [T(s), split, axis]);
}
for (const [s, axis] of [[[2, 3], [0]], [[2, 3], null], [[2, 3, 4], [1, 2]], [[2, 3], [2]], [[4], 0]]) add('shape', 'reverse', [T(s), axis]);
for (const [s, target] of [[[3], [2, 3]], [[1, 3], [4, 3]], [[2, 1], [2, 5]], [[3], [3, 2]], [[2, 3], [3]], [[], [2, 2]], [[1], [2, 1, 4]]]) add('shape', 'broadcastTo', [T(s), target]);
for (const dtype of ['int32', 'bool', 'float32']) add('shape', 'cast', [T([2, 3]), dtype]);
add('shape', 'clone', [T([2, 3, 4])]);
add('shape', 'asType', [T([2, 3]), 'int32'], { method: 'asType' });
add('shape', 'as1D', [T([2, 3])], { method: 'as1D' });
add('shape', 'as2D', [T([2, 3]), 3, 2], { method: 'as2D' });
add('shape', 'as2D', [T([2, 3]), 4, 2], { method: 'as2D' });
add('shape', 'toFloat', [T([2, 3], 'int32')], { method: 'toFloat' });
add('shape', 'toInt', [T([2, 3])], { method: 'toInt' });

// ---------------------------------------------------------------------------------------------
// Matrix products
for (const [a, b, ta, tb] of [
  [[2, 3], [3, 4]], [[2, 3], [4, 5]], [[3, 2], [3, 4], true], [[2, 3], [4, 3], false, true], [[3, 2], [4, 3], true, true], [[2, 3], [2, 4]],
  [[5, 2, 3], [5, 3, 4]], [[5, 2, 3], [3, 4]], [[2, 3], [5, 3, 4]], [[5, 2, 3], [1, 3, 4]], [[5, 2, 3], [4, 3, 4]], [[2, 5, 2, 3], [5, 3, 4]],
  [[3], [3, 4]], [[2, 3], [3]], [[1, 3], [3, 1]], [[7, 2, 3], [7, 2, 4], true], [[2, 3], [3, 4], true],
]) add('matmul', 'matMul', [T(a), T(b), ta ?? false, tb ?? false]);
add('matmul', 'matMul', [T([2, 3]), T([3, 4], 'int32')]);
for (const [a, b] of [[[3], [3]], [[2, 3], [3]], [[3], [3, 4]], [[2, 3], [3, 4]], [[2, 3], [4, 5]], [[3], [4]], [[2, 3, 4], [4, 5]], [[4], [3, 4]]]) add('matmul', 'dot', [T(a), T(b)]);
for (const [a, b] of [[[3], [4]], [[3], [1]], [[2, 3], [4]]]) add('matmul', 'outerProduct', [T(a), T(b)]);
for (const [eq, shapes] of [
  ['ij,jk->ik', [[2, 3], [3, 4]]], ['ij,jk->ik', [[2, 3], [4, 4]]], ['bij,bjk->bik', [[5, 2, 3], [5, 3, 4]]], ['i,i->', [[4], [4]]], ['ij->ji', [[2, 3]]],
  ['ij,ij->ij', [[2, 3], [2, 3]]], ['i,j->ij', [[3], [4]]], ['ij->', [[2, 3]]], ['bhqd,bhkd->bhqk', [[2, 4, 5, 8], [2, 4, 6, 8]]], ['ij,jk', [[2, 3], [3, 4]]],
  ['ij->i', [[2, 3]]], ['ii->i', [[3, 3]]], ['ij,jk,kl->il', [[2, 3], [3, 4], [4, 5]]], ['ab,bc->ac', [[2, 3]]],
]) add('matmul', 'einsum', [eq, ...shapes.map((s) => T(s))]);

// ---------------------------------------------------------------------------------------------
// Elementwise
const pairs = [[[2, 3], [2, 3]], [[2, 3], [3]], [[2, 3], [2, 1]], [[4, 1, 5], [3, 1]], [[2, 3], [4]], [[2, 3], [3, 2]], [[], [2, 3]], [[5, 4], [1]], [[2, 1, 3], [1, 4, 1]], [[3], [4, 1]]];
for (const op of ['add', 'sub', 'mul', 'div', 'maximum', 'minimum', 'pow', 'squaredDifference', 'floorDiv', 'mod', 'atan2']) {
  for (const [a, b] of pairs) add('elementwise', op, [T(a), T(b)]);
}
for (const op of ['equal', 'notEqual', 'less', 'lessEqual', 'greater', 'greaterEqual']) {
  for (const [a, b] of pairs.slice(0, 6)) add('elementwise', op, [T(a), T(b)]);
}
for (const op of ['logicalAnd', 'logicalOr']) for (const [a, b] of pairs.slice(0, 5)) add('elementwise', op, [T(a, 'bool'), T(b, 'bool')]);
add('elementwise', 'logicalAnd', [T([2, 3]), T([2, 3], 'bool')]);
for (const op of ['add', 'mul', 'sub', 'div']) {
  add('elementwise', op, [T([2, 3]), 2]);
  add('elementwise', op, [T([2, 3], 'int32'), 2]);
  add('elementwise', op, [T([2, 3], 'int32'), F(0.5)]);
  add('elementwise', op, [T([2, 3], 'int32'), T([2, 3])]);
  add('elementwise', op, [3, T([4])]);
  add('elementwise', op, [[1, 2, 3], T([2, 3])]);
}
for (const [m, other] of [['add', T([2, 3])], ['sub', T([3])], ['mul', 2], ['div', T([2, 4])], ['pow', 2]]) add('elementwise', m, [T([2, 3]), other], { method: m });
for (const op of ['relu', 'relu6', 'elu', 'selu', 'sigmoid', 'tanh', 'exp', 'log', 'log1p', 'sqrt', 'rsqrt', 'square', 'abs', 'neg', 'softplus', 'sign', 'round', 'floor', 'ceil', 'reciprocal', 'sin', 'cos', 'erf', 'isNaN', 'logSigmoid', 'expm1']) {
  for (const s of [[2, 3], [], [4, 1, 5]]) add('elementwise', op, [T(s)]);
  add('elementwise', op, [T([2, 3], 'int32')]);
}
add('elementwise', 'abs', [T([2, 3], 'int32')]);
add('elementwise', 'relu', [T([2, 3], 'int32')]);
add('elementwise', 'logicalNot', [T([2, 3], 'bool')]);
add('elementwise', 'leakyRelu', [T([2, 3]), F(0.2)]);
add('elementwise', 'step', [T([2, 3]), F(0.1)]);
add('elementwise', 'clipByValue', [T([2, 3]), 0, 1]);
add('elementwise', 'clipByValue', [T([2, 3]), 1, 0]);
add('elementwise', 'prelu', [T([2, 3]), T([3])]);
add('elementwise', 'prelu', [T([2, 3]), T([4])]);
for (const [c, a, b] of [[[2, 3], [2, 3], [2, 3]], [[2, 3], [3], [2, 3]], [[2, 1], [2, 3], [1, 3]], [[3], [2, 3], [2, 3]], [[2, 3], [2, 4], [2, 4]]]) add('elementwise', 'where', [T(c, 'bool'), T(a), T(b)]);
add('elementwise', 'where', [T([2, 3]), T([2, 3]), T([2, 3])]);
for (const list of [[[2, 3], [2, 3]], [[2, 3], [2, 3], [2, 3]], [[2, 3], [3]], [[4]]]) add('elementwise', 'addN', [list.map((s) => T(s))]);

// ---------------------------------------------------------------------------------------------
// Reductions
for (const op of ['sum', 'mean', 'max', 'min', 'prod', 'logSumExp']) {
  for (const [s, axis, keep] of [[[2, 3, 4], null, false], [[2, 3, 4], 1, false], [[2, 3, 4], -1, true], [[2, 3, 4], [0, 2], false], [[2, 3, 4], [0, 2], true], [[2, 3, 4], 3, false], [[5], 0, false], [[], null, false], [[2, 3], [-1, -2], false]]) {
    add('reduce', op, [T(s), axis, keep]);
  }
}
add('reduce', 'sum', [T([2, 3], 'int32'), 1]);
add('reduce', 'sum', [T([2, 3], 'bool'), 1]);
add('reduce', 'mean', [T([2, 3], 'int32')]);
for (const op of ['all', 'any']) for (const [s, axis] of [[[2, 3], null], [[2, 3], 1], [[2, 3, 4], [0, 1]]]) add('reduce', op, [T(s, 'bool'), axis]);
for (const op of ['argMax', 'argMin']) {
  for (const [s, axis] of [[[2, 3, 4], null], [[2, 3, 4], 1], [[2, 3, 4], -1], [[5], 0], [[2, 3], 2], [[2, 3], -3], [[], 0]]) add('reduce', op, [T(s), axis]);
}
for (const [s, ord, axis, keep] of [[[2, 3], 'euclidean', null, false], [[2, 3], 2, 1, false], [[2, 3], 1, -1, true], [[2, 3, 4], 'fro', [1, 2], false], [[2, 3], 'euclidean', 2, false]]) add('reduce', 'norm', [T(s), ord, axis, keep]);
for (const [s, axes, keep] of [[[2, 3, 4], [0], false], [[2, 3, 4], [0, 1, 2], true], [[8, 5], 0, false], [[2, 3], [3], false]]) add('reduce', 'moments', [T(s), axes, keep]);
for (const [s, axis] of [[[2, 3], 1], [[4], 0], [[2, 3], 2]]) add('reduce', 'cumsum', [T(s), axis]);
for (const [s, k] of [[[2, 10], 3], [[5], 1], [[2, 3, 4], 4], [[2, 3], 5], [[3], -1], [[], 1], [[2, 10], 0]]) add('reduce', 'topk', [T(s), k]);
add('reduce', 'topk', [T([4, 6], 'int32'), 2]);
for (const [s, n] of [[[2, 5], 3], [[5], 4], [[1], 2], [[2, 3, 4], 1]]) add('reduce', 'multinomial', [T(s), n]);

// ---------------------------------------------------------------------------------------------
// Neural network ops
for (const [s, dim] of [[[2, 10], -1], [[4, 3, 5], -1], [[2, 10], 0], [[5], -1], [[], -1]]) {
  add('nn', 'softmax', [T(s), dim]);
  add('nn', 'logSoftmax', [T(s), dim]);
}
const pads = ['valid', 'same', 0, 1, 2];
for (const [x, f, stride, pad, dilation] of [
  [[2, 10, 3], [3, 3, 8], 1, 'valid'], [[2, 10, 3], [3, 3, 8], 2, 'same'], [[2, 10, 3], [5, 3, 4], 1, 1], [[10, 3], [3, 3, 8], 1, 'valid'], [[2, 10, 3], [3, 4, 8], 1, 'valid'],
  [[2, 10, 3], [3, 3, 8], 1, 'valid', 2], [[2, 10, 3], [3, 3, 8], 2, 'valid', 2], [[2, 5], [3, 3, 8], 1, 'valid'], [[2, 10, 3], [3, 3], 1, 'valid'], [[1, 100, 16], [7, 16, 32], 3, 'same'],
]) add('nn', 'conv1d', [T(x), T(f), stride, pad, 'NWC', dilation ?? 1]);
const conv2dCases = [];
for (const x of [[2, 28, 28, 3], [1, 9, 7, 2], [13, 13, 2]]) {
  for (const k of [1, 3, 5]) {
    for (const stride of [1, 2, [2, 1]]) {
      for (const pad of pads) conv2dCases.push([x, [k, k, x[x.length - 1], 4], stride, pad]);
    }
  }
}
for (const [x, f, strides, pad] of conv2dCases.filter((_, i) => i % 3 === 0)) add('nn', 'conv2d', [T(x), T(f), strides, pad]);
for (const [x, f, strides, pad, dil] of [
  [[2, 28, 28, 3], [3, 3, 4, 8], 1, 'valid'], [[2, 28, 28], [3, 3, 28, 8], 1, 'valid'], [[2, 28, 28, 3], [3, 3, 3], 1, 'valid'], [[2, 5, 5, 3], [7, 7, 3, 8], 1, 'valid'],
  [[2, 28, 28, 3], [3, 3, 3, 8], 1, 'valid', 2], [[2, 28, 28, 3], [3, 3, 3, 8], 2, 'valid', 2], [[2, 28, 28, 3], [3, 3, 3, 8], 1, 'same', [2, 3]], [[2, 28, 28, 3], [3, 3, 3, 8], 2, 'explicit'],
  [[2, 10, 10, 3], [3, 3, 3, 8], 1, [[0, 0], [1, 1], [2, 2], [0, 0]]], [[2, 10, 10, 3], [3, 3, 3, 8], 2, [[0, 0], [1, 0], [0, 1], [0, 0]]],
]) add('nn', 'conv2d', [T(x), T(f), strides, pad, 'NHWC', dil ?? [1, 1]]);
add('nn', 'conv2d', [T([2, 3, 28, 28]), T([3, 3, 3, 8]), 1, 'valid', 'NCHW']);
add('nn', 'conv2d', [T([2, 9, 9, 3]), T([3, 3, 3, 8]), 2, 1, 'NHWC', [1, 1], 'ceil']);
add('nn', 'conv2d', [T([2, 9, 9, 3]), T([3, 3, 3, 8]), 2, 1, 'NHWC', [1, 1], 'floor']);
add('nn', 'conv2d', [T([2, 9, 9, 3]), T([3, 3, 3, 8]), 2, 1, 'NHWC', [1, 1], 'round']);
for (const [x, f, out, strides, pad] of [
  [[2, 7, 7, 8], [3, 3, 4, 8], [2, 14, 14, 4], 2, 'same'], [[2, 7, 7, 8], [3, 3, 4, 8], [2, 15, 15, 4], 2, 'valid'], [[7, 7, 8], [3, 3, 4, 8], [14, 14, 4], 2, 'same'],
  [[2, 7, 7, 8], [3, 3, 4, 8], [2, 9, 9, 4], 1, 'valid'], [[2, 7, 7, 8], [3, 3, 4, 6], [2, 14, 14, 4], 2, 'same'], [[2, 7, 7, 8], [3, 3, 4, 8], [2, 14, 14, 5], 2, 'same'],
  [[2, 7, 7, 8], [3, 3, 4, 8], [2, 14, 14], 2, 'same'], [[2, 4, 4, 2], [2, 2, 3, 2], [2, 8, 8, 3], [2, 2], 'valid'],
]) add('nn', 'conv2dTranspose', [T(x), T(f), out, strides, pad]);
for (const [x, f, strides, pad, dil] of [
  [[2, 28, 28, 3], [3, 3, 3, 2], 1, 'valid'], [[2, 28, 28, 3], [5, 5, 3, 1], 2, 'same'], [[28, 28, 3], [3, 3, 3, 2], 1, 'valid'], [[2, 28, 28, 3], [3, 3, 4, 2], 1, 'valid'],
  [[2, 28, 28, 3], [3, 3, 3, 2], 2, 'valid', 2], [[2, 28, 28, 3], [3, 3, 3, 2], 1, 'valid', 2], [[2, 28, 28, 3], [3, 3, 3], 1, 'valid'], [[2, 8, 8, 4], [3, 3, 4, 1], 1, 1],
]) add('nn', 'depthwiseConv2d', [T(x), T(f), strides, pad, 'NHWC', dil ?? [1, 1]]);
for (const [x, df, pf, strides, pad] of [
  [[2, 28, 28, 3], [3, 3, 3, 2], [1, 1, 6, 8], 1, 'valid'], [[2, 28, 28, 3], [3, 3, 3, 1], [1, 1, 3, 16], 2, 'same'], [[28, 28, 3], [3, 3, 3, 1], [1, 1, 3, 4], 1, 'same'],
  [[2, 28, 28, 3], [3, 3, 3, 2], [1, 1, 5, 8], 1, 'valid'], [[2, 28, 28, 3], [3, 3, 3, 2], [2, 1, 6, 8], 1, 'valid'], [[2, 28, 28, 3], [3, 3, 4, 2], [1, 1, 8, 8], 1, 'valid'],
]) add('nn', 'separableConv2d', [T(x), T(df), T(pf), strides, pad]);
for (const op of ['maxPool', 'avgPool']) {
  for (const [x, size, strides, pad, rounding] of [
    [[2, 28, 28, 3], 2, 2, 'valid'], [[2, 28, 28, 3], 3, 2, 'same'], [[2, 28, 28, 3], [2, 3], [2, 1], 'valid'], [[28, 28, 3], 2, 2, 'valid'], [[2, 5, 5, 3], 2, 2, 'valid'],
    [[2, 5, 5, 3], 2, 2, 'same'], [[2, 5, 5, 3], 3, 1, 1], [[2, 5, 5, 3], 3, 2, 1, 'ceil'], [[2, 28, 28], 2, 2, 'valid'], [[2, 3, 3, 1], 5, 1, 'valid'], [[2, 7, 7, 3], 3, 3, 0],
  ]) add('nn', op, [T(x), size, strides, pad, rounding ?? null]);
}
for (const op of ['image.resizeBilinear', 'image.resizeNearestNeighbor']) {
  for (const [x, size] of [[[2, 28, 28, 3], [14, 14]], [[28, 28, 3], [56, 40]], [[2, 28, 28, 3], [1, 1]], [[28, 28], [14, 14]], [[2, 28, 28, 3], [14]]]) add('nn', op, [T(x), size]);
}
for (const [x, m, v] of [[[2, 5, 3], [3], [3]], [[2, 3], [2, 3], [2, 3]], [[2, 5, 3], [4], [4]]]) add('nn', 'batchNorm', [T(x), T(m), T(v)]);
for (const [s, rate] of [[[2, 3], F(0.5)], [[4, 5, 6], F(0.1)]]) add('nn', 'dropout', [T(s), rate]);
for (const op of ['losses.meanSquaredError', 'losses.absoluteDifference', 'losses.softmaxCrossEntropy', 'losses.sigmoidCrossEntropy', 'losses.huberLoss', 'losses.logLoss', 'losses.hingeLoss', 'losses.cosineDistance']) {
  for (const [a, b] of [[[4, 10], [4, 10]], [[4, 10], [4, 5]], [[3], [3]]]) add('nn', op, op === 'losses.cosineDistance' ? [T(a), T(b), -1] : [T(a), T(b)]);
}

// ---------------------------------------------------------------------------------------------
fs.mkdirSync(outDir, { recursive: true });
let total = 0;
let errors = 0;
for (const [family, cases] of families) {
  const out = cases.map((c, i) => {
    const r = run(c);
    if (r.error) errors++;
    return { id: `${family}/${String(i).padStart(3, '0')}`, op: c.op, ...(c.method ? { method: c.method } : {}), args: c.args, ...r };
  });
  total += out.length;
  fs.writeFileSync(path.join(outDir, `${family}.json`), `[\n${out.map((c) => JSON.stringify(c)).join(',\n')}\n]\n`);
}
console.log(`${total} TF.js op cases (${errors} failing with TF.js's message) from @tensorflow/tfjs-core ${tf.version_core}`);
