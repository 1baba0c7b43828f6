// TF.js tensor creation: tf.tensor / tensor1d..6d / scalar from values (nested arrays give the
// shape), zeros / ones / fill / random* from a shape, linspace, range, oneHot, eye.
// tf.tensor2d([1, 2, 3, 4], [2, 2]) -> [2, 2]; tf.oneHot(labels[N], 10) -> [N, 10] int32
import { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import { constIntArg, floatArg, isNone, sequenceArg } from '../args';
import type { DType } from '../dtype';
import { defineFunction, giveUp, type FunctionOp } from '../op';
import { assertNonNegative, dtypeName, jsList, nestedShape, requireDtype, sizeOf, tensorLike, tfFail, tfOut } from './tensorLike';

/** The dtype TF.js infers for values (inferDtype): booleans bool, numbers float32. */
function valuesDtype(v: Value): DType | undefined {
  const { leaf } = nestedShape(v);
  if (leaf === undefined) return 'float32';
  if (leaf.kind === 'bool') return 'bool';
  if (leaf.kind === 'int' || leaf.kind === 'float') return 'float32';
  return undefined;
}

/** A shape argument as known sizes (creation ops take plain numbers). */
function shapeArg(v: Value): Dim[] {
  return sequenceArg(v).map((d) => (d.kind === 'int' ? d.dim : giveUp('shape entry')));
}

/**
 * makeTensor's checks when a shape is given: the sizes agree, and the nested structure matches
 * the shape except in its last, flattened dimension.
 */
function madeTensor(values: Value, shapeV: Value | undefined, dtypeV: Value | undefined): Value {
  const known = values.kind === 'list' || values.kind === 'tuple' || values.kind === 'int' || values.kind === 'float' || values.kind === 'bool';
  const dtype = isNone(dtypeV) ? (known ? valuesDtype(values) : undefined) : dtypeName(dtypeV, undefined);
  if (isNone(shapeV)) {
    if (!known) return giveUp('values not known');
    return tfOut(nestedShape(values).shape, dtype);
  }
  const shape = shapeArg(shapeV!);
  assertNonNegative(shape);
  if (!known) return tfOut(shape, dtype);
  const inferred = nestedShape(values).shape;
  const provided = sizeOf(shape).value;
  const count = sizeOf(inferred).value;
  if (provided === undefined || count === undefined) return tfOut(shape, dtype);
  if (provided !== count) tfFail('tfjs-values', `Based on the provided shape, [${jsList(shape)}], the tensor should have ${provided} values but has ${count}`);
  inferred.forEach((d, i) => {
    const flatDimsDontMatch = i === inferred.length - 1 ? d.value !== sizeOf(shape.slice(i)).value : true;
    if (d.value !== shape[i]?.value && flatDimsDontMatch) {
      tfFail('tfjs-values', `Error creating a new Tensor. Inferred shape (${jsList(inferred)}) does not match the provided shape (${jsList(shape)}). `);
    }
  });
  return tfOut(shape, dtype);
}

const RANK_WORDS = ['', '', 'two', 'three', 'four', 'five', 'six'];
const ARRAY_TYPES = ['', '', 'number[][]', 'number[][][]', 'number[][][][]', 'number[][][][][]', 'number[][][][][][]'];

/** tensorNd(values, shape?, dtype?): values nested n deep or flat with a shape of n numbers. */
function tensorNd(n: number): FunctionOp {
  return defineFunction({
    names: [`tfjs.tensor${n}d`],
    signature: 'values, shape=None, dtype=None',
    rule(a) {
      const name = `tensor${n}d()`;
      if (!isNone(a.shape) && sequenceArg(a.shape).length !== n) tfFail('tfjs-values', `${name} requires shape to have ${RANK_WORDS[n]} numbers`);
      const known = a.values.kind === 'list' || a.values.kind === 'tuple';
      if (known) {
        const rank = nestedShape(a.values).shape.length;
        if (rank !== n && rank !== 1) tfFail('tfjs-values', `${name} requires values to be ${ARRAY_TYPES[n]} or flat/TypedArray`);
        if (rank === 1 && isNone(a.shape)) tfFail('tfjs-values', `${name} requires shape to be provided when \`values\` are a flat/TypedArray`);
      }
      return madeTensor(a.values, a.shape, a.dtype);
    },
  });
}

const tensor = defineFunction({
  names: ['tfjs.tensor'],
  signature: 'values, shape=None, dtype=None',
  rule: (a) => madeTensor(a.values, a.shape, a.dtype),
});

const tensor1d = defineFunction({
  names: ['tfjs.tensor1d'],
  signature: 'values, dtype=None',
  rule(a) {
    if ((a.values.kind === 'list' || a.values.kind === 'tuple') && nestedShape(a.values).shape.length !== 1) {
      tfFail('tfjs-values', 'tensor1d() requires values to be a flat/TypedArray');
    }
    return madeTensor(a.values, undefined, a.dtype);
  },
});

const scalar = defineFunction({
  names: ['tfjs.scalar'],
  signature: 'value, dtype=None',
  rule(a) {
    if (a.value.kind === 'list' || a.value.kind === 'tuple') tfFail('tfjs-values', 'Error creating a new Scalar: value must be a primitive (number|boolean|string)');
    return tfOut([], isNone(a.dtype) ? (a.value.kind === 'bool' ? 'bool' : a.value.kind === 'str' ? undefined : 'float32') : dtypeName(a.dtype, undefined));
  },
});

/** zeros / ones and the random fills: a shape and a dtype (float32 unless given). */
function fromShape(name: string, signature: string): FunctionOp {
  return defineFunction({
    names: [`tfjs.${name}`],
    signature,
    rule(a) {
      const shape = shapeArg(a.shape);
      assertNonNegative(shape);
      return tfOut(shape, dtypeName(a.dtype, 'float32'));
    },
  });
}

const fill = defineFunction({
  names: ['tfjs.fill'],
  signature: 'shape, value, dtype=None',
  rule(a) {
    const dflt: DType | undefined = a.value.kind === 'str' ? undefined : a.value.kind === 'bool' ? 'bool' : 'float32';
    return tfOut(shapeArg(a.shape), dtypeName(a.dtype, dflt));
  },
});

function likeOp(name: string): FunctionOp {
  return defineFunction({ names: [`tfjs.${name}`], signature: 'x', rule: (a) => {
    const x = tensorLike(a.x);
    return tfOut(x.shape, x.dtype);
  } });
}

const linspace = defineFunction({
  names: ['tfjs.linspace'],
  signature: 'start, stop, num',
  rule(a) {
    const num = constIntArg(a.num);
    if (num <= 0) tfFail('tfjs-values', 'The number of values should be positive.');
    return tfOut([num], 'float32');
  },
});

/** tf.range: TF.js's rangeImpl counts |ceil((stop - start) / step)| values; a step of 1 flips sign. */
const range = defineFunction({
  names: ['tfjs.range'],
  signature: 'start, stop, step=1, dtype=None',
  rule(a) {
    const start = floatArg(a.start);
    const stop = floatArg(a.stop);
    const step = floatArg(a.step);
    if (step === 0) tfFail('tfjs-values', 'Cannot have a step of zero');
    const dtype = dtypeName(a.dtype, 'float32');
    const empty = start === stop || (start < stop && step < 0) || (stop < start && step > 1);
    return tfOut([empty ? 0 : Math.abs(Math.ceil((stop - start) / step))], dtype);
  },
});

const oneHot = defineFunction({
  names: ['tfjs.oneHot'],
  signature: "indices, depth, onValue=1, offValue=0, dtype='int32'",
  rule(a) {
    const depth = constIntArg(a.depth);
    if (depth < 2) tfFail('tfjs-values', `Error in oneHot: depth must be >=2, but it is ${depth}`);
    const idx = tensorLike(a.indices);
    if (a.indices.kind === 'tensor') requireDtype(idx, 'int32', 'indices', 'oneHot');
    return tfOut([...idx.shape, Dim.of(depth)], dtypeName(a.dtype, 'int32'));
  },
});

const eye = defineFunction({
  names: ['tfjs.eye'],
  signature: "numRows, numColumns=None, batchShape=None, dtype='float32'",
  rule(a) {
    const rows = constIntArg(a.numRows);
    const cols = isNone(a.numColumns) ? rows : constIntArg(a.numColumns);
    const batch = isNone(a.batchShape) ? [] : sequenceArg(a.batchShape).map(constIntArg);
    if (batch.length > 3) tfFail('tfjs-values', `eye() currently supports only 1D and 2D batchShapes, but received ${batch.length}D.`);
    return tfOut([...batch, rows, cols], dtypeName(a.dtype, 'float32'));
  },
});

export const creationOps: readonly FunctionOp[] = [
  tensor, tensor1d, tensorNd(2), tensorNd(3), tensorNd(4), tensorNd(5), tensorNd(6), scalar,
  fromShape('zeros', "shape, dtype='float32'"), fromShape('ones', "shape, dtype='float32'"), fill,
  fromShape('randomNormal', 'shape, mean=0, stdDev=1, dtype=None, seed=None'),
  fromShape('randomUniform', "shape, minval=0, maxval=1, dtype='float32', seed=None"),
  fromShape('truncatedNormal', 'shape, mean=0, stdDev=1, dtype=None, seed=None'),
  fromShape('randomStandardNormal', 'shape, dtype=None, seed=None'),
  likeOp('zerosLike'), likeOp('onesLike'), linspace, range, oneHot, eye,
];

