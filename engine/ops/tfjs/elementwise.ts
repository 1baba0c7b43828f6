// TF.js elementwise ops: broadcasting binary arithmetic and comparisons, unary math and
// activations, where, addN, clipByValue, prelu/leakyRelu/step. Broadcasting is the shared rule
// (common/broadcast.ts) with TF.js's message; dtypes follow TF.js (int32 / int32 divides to int32).
// tf.add([2, 3], [3]) -> [2, 3]; tf.greater(a, b) -> bool
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { floatArg, sequenceArg } from '../args';
import type { DType } from '../dtype';
import { broadcastShapesWith } from '../common/broadcast';
import { defineFunction, type FunctionOp, type OpContext } from '../op';
import { jsList, requireDtype, tensorLike, tfFail, tfOut, upcast, type TfTensor } from './tensorLike';

/** broadcast_util.assertAndGetBroadcastShape: `Operands could not be broadcast together with shapes 2,3 and 4.` */
export function tfBroadcast(ctx: OpContext, a: Shape, b: Shape): Shape {
  return broadcastShapesWith(ctx, a, b, () => ({
    code: 'broadcast-shapes', exception: 'Error', message: `Operands could not be broadcast together with shapes ${jsList(a)} and ${jsList(b)}.`,
  }));
}

type BinaryDtype = (a: DType | undefined, b: DType | undefined) => DType | undefined;

const upcastDtype: BinaryDtype = upcast;
const boolDtype: BinaryDtype = () => 'bool';

function binary(name: string, dtype: BinaryDtype, requireBool = false): FunctionOp {
  return defineFunction({
    names: [`tfjs.${name}`],
    signature: 'a, b',
    rule(args, ctx) {
      const a = tensorLike(args.a);
      const b = tensorLike(args.b);
      if (requireBool) {
        if (args.a.kind === 'tensor') requireDtype(a, 'bool', 'a', name);
        if (args.b.kind === 'tensor') requireDtype(b, 'bool', 'b', name);
      }
      return tfOut(tfBroadcast(ctx, a.shape, b.shape), dtype(a.dtype, b.dtype));
    },
  });
}

/** div of two int32 tensors is floorDiv (int32); anything else upcasts. */
const divDtype: BinaryDtype = (a, b) => (a === 'int32' && b === 'int32' ? 'int32' : upcast(a, b));

const BINARY: readonly FunctionOp[] = [
  binary('add', upcastDtype), binary('sub', upcastDtype), binary('mul', upcastDtype), binary('div', divDtype),
  binary('divNoNan', divDtype), binary('realDiv', upcastDtype),
  binary('floorDiv', () => 'int32'), binary('pow', upcastDtype), binary('maximum', upcastDtype), binary('minimum', upcastDtype),
  binary('squaredDifference', upcastDtype), binary('mod', upcastDtype), binary('atan2', upcastDtype),
  binary('equal', boolDtype), binary('notEqual', boolDtype), binary('less', boolDtype), binary('lessEqual', boolDtype),
  binary('greater', boolDtype), binary('greaterEqual', boolDtype),
  binary('logicalAnd', boolDtype, true), binary('logicalOr', boolDtype, true), binary('logicalXor', boolDtype, true),
  binary('prelu', upcastDtype),
];

/**
 * How a unary op treats dtypes: 'float' ops accept float32 tensors only (convertToTensor with
 * 'float32'), 'same' keep the input's, 'toFloat' cast to float32, 'toBool' answer bool.
 */
type UnaryKind = 'float' | 'same' | 'toFloat' | 'toBool';

const UNARY: Readonly<Record<string, UnaryKind>> = {
  relu: 'same', relu6: 'same', elu: 'float', selu: 'same', sigmoid: 'float', tanh: 'float', exp: 'toFloat', log: 'float',
  log1p: 'same', sqrt: 'float', rsqrt: 'float', square: 'same', abs: 'same', neg: 'same', softplus: 'same', sign: 'same',
  round: 'same', floor: 'float', ceil: 'float', reciprocal: 'same', sin: 'float', cos: 'float', tan: 'float', erf: 'toFloat',
  isNaN: 'toBool', isInf: 'toBool', isFinite: 'toBool', logSigmoid: 'same', expm1: 'same', asin: 'float', acos: 'float',
  atan: 'float', sinh: 'float', cosh: 'float', asinh: 'float', acosh: 'float', atanh: 'float', logicalNot: 'toBool',
};

function unary(name: string, kind: UnaryKind): FunctionOp {
  return defineFunction({
    names: [`tfjs.${name}`],
    signature: 'x',
    rule(args) {
      const x = tensorLike(args.x);
      if (name === 'logicalNot' && args.x.kind === 'tensor') requireDtype(x, 'bool', 'x', name);
      if (kind === 'float' && args.x.kind === 'tensor') requireDtype(x, 'float32', 'x', name);
      const dtype = kind === 'toBool' ? 'bool' : kind === 'toFloat' || kind === 'float' ? 'float32' : x.dtype;
      return tfOut(x.shape, dtype);
    },
  });
}

/** Ops with one tensor and scalar parameters that keep its shape and dtype. */
function shapeKeeping(name: string, signature: string, check?: (args: Readonly<Record<string, Value>>) => void): FunctionOp {
  return defineFunction({
    names: [`tfjs.${name}`],
    signature,
    rule(args) {
      const x = tensorLike(args.x);
      check?.(args);
      return tfOut(x.shape, x.dtype);
    },
  });
}

const clipByValue = shapeKeeping('clipByValue', 'x, clipValueMin, clipValueMax', (a) => {
  const lo = floatArg(a.clipValueMin);
  const hi = floatArg(a.clipValueMax);
  if (!(lo <= hi)) tfFail('tfjs-values', `Error in clip: min (${lo}) must be less than or equal to max (${hi}).`);
});

const where = defineFunction({
  names: ['tfjs.where'],
  signature: 'condition, a, b',
  rule(args, ctx) {
    const a = tensorLike(args.a);
    const b = tensorLike(args.b);
    const c = tensorLike(args.condition);
    if (args.condition.kind === 'tensor') requireDtype(c, 'bool', 'condition', 'where');
    return tfOut(tfBroadcast(ctx, tfBroadcast(ctx, c.shape, a.shape), b.shape), upcast(a.dtype, b.dtype));
  },
});

const addN = defineFunction({
  names: ['tfjs.addN'],
  signature: 'tensors',
  rule(args) {
    const ts: TfTensor[] = sequenceArg(args.tensors).map(tensorLike);
    if (ts.length < 1) tfFail('tfjs-values', `Must pass at least one tensor to tf.addN(), but got ${ts.length}`);
    const first = ts[0];
    if (ts.some((t) => t.dtype !== first.dtype)) tfFail('tfjs-dtype', 'All tensors passed to tf.addN() must have the same dtype');
    if (ts.some((t) => jsList(t.shape) !== jsList(first.shape))) tfFail('broadcast-shapes', 'All tensors passed to tf.addN() must have the same shape');
    return tfOut(first.shape, first.dtype);
  },
});

export const elementwiseOps: readonly FunctionOp[] = [
  ...BINARY,
  ...Object.entries(UNARY).map(([name, kind]) => unary(name, kind)),
  clipByValue,
  shapeKeeping('leakyRelu', 'x, alpha=0.2'),
  shapeKeeping('step', 'x, alpha=0.0'),
  where,
  addN,
];
