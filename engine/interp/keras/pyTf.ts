// The few TensorFlow ops Keras programs feed models with (`tf.zeros((1, 28, 28, 1))`, tf.reshape,
// tf.concat, tf.expand_dims, tf.squeeze, tf.one_hot), on the TF.js declarations, whose shape rules
// are TensorFlow's. Their failures give no hint rather than a TF.js-worded error in Python code.
// keras.ops on KerasTensors are operations of the functional graph (pyOps.ts FunctionLayer); a tf
// function on a KerasTensor raises in Keras 3 (keras/src/backend/common/keras_tensor.py:193-205)
// and is a TFOpLambda in Keras 2: which one runs is unknown here, so its result is unknown.
import type { Value } from '../../value';
import { UNKNOWN } from '../../value';
import { Dim } from '../../shape/dim';
import { applyFunction } from '../../ops/apply';
import type { FunctionOp } from '../../ops/op';
import { lookupOp } from '../../ops/registry';
import { BuiltinObj, obj, type CallArgs } from '../objects';
import { tagged } from './values';
import { symbolicOp } from './pyOps';
import { isSymbolic, tensorsOf } from './state';

/** Python name -> TF.js declaration and the Python parameter names in the TF.js order. */
const OPS: readonly [string, string, readonly string[]][] = [
  ['zeros', 'tfjs.zeros', ['shape', 'dtype']],
  ['ones', 'tfjs.ones', ['shape', 'dtype']],
  ['zeros_like', 'tfjs.zerosLike', ['input']],
  ['ones_like', 'tfjs.onesLike', ['input']],
  ['reshape', 'tfjs.reshape', ['tensor', 'shape']],
  ['concat', 'tfjs.concat', ['values', 'axis']],
  ['stack', 'tfjs.stack', ['values', 'axis']],
  ['expand_dims', 'tfjs.expandDims', ['input', 'axis']],
  ['squeeze', 'tfjs.squeeze', ['input', 'axis']],
  ['one_hot', 'tfjs.oneHot', ['indices', 'depth']],
  ['transpose', 'tfjs.transpose', ['a', 'perm']],
  ['matmul', 'tfjs.matMul', ['a', 'b', 'transpose_a', 'transpose_b']],
];

/** Python tuples are the lists the TF.js rules take; tf.squeeze(x, 1) squeezes one axis of a list. */
function arg(v: Value | undefined, param: string, op: string): Value | undefined {
  if (!v) return v;
  if (v.kind === 'tuple') return { kind: 'list', items: v.items };
  if (op === 'squeeze' && param === 'axis' && v.kind === 'int') return { kind: 'list', items: [v] };
  return v;
}

function tfOp(pyName: string, opName: string, params: readonly string[], defaults: Readonly<Record<string, Value>> = {}, prefix = 'tf', opClass?: string): Value | undefined {
  const op = lookupOp(opName);
  if (!op || op.kind !== 'function') return undefined;
  return obj(new BuiltinObj(`${prefix}.${pyName}`, ({ args, kwargs }: CallArgs, _site, host) => {
    const given = params.map((p, i) => arg(kwargs[p] ?? args[i] ?? defaults[p], p, pyName));
    while (given.length > 0 && given[given.length - 1] === undefined) given.pop();
    if (given.some((v) => v === undefined)) return UNKNOWN;
    if (given.some((v) => v!.kind === 'unknown')) return UNKNOWN;
    const tensors = (given as Value[]).flatMap(tensorsOf);
    const symbolic = tensors.some((t) => isSymbolic(host, t));
    if (symbolic && !opClass) return UNKNOWN;
    const r = applyFunction(op as FunctionOp, given as Value[]);
    if (!r.ok) return UNKNOWN;
    const out = tagged(r.value, 'keras');
    // A KerasTensor beside a real tensor (a layer's weight inside its call, a graph constant): the
    // shape, no graph node (a model reaching it through here is not followed).
    if (!symbolic || !tensors.every((t) => isSymbolic(host, t)) || host.inForeignCode) return out;
    return symbolicOp(host, opClass!, op as FunctionOp, given as Value[], out);
  }));
}

const AXIS_0: Readonly<Record<string, Value>> = { axis: { kind: 'int', dim: Dim.of(0) } };

/**
 * keras.ops (Keras 3's backend-independent ops): NumPy's names and defaults, and the Operation
 * class each makes on a KerasTensor (keras/src/ops/numpy.py, nn.py), on the TF.js declarations
 * (TensorFlow's broadcasting, matmul, reshape and reduction rules).
 */
const KERAS_OPS: readonly [string, string, readonly string[], string | undefined, Readonly<Record<string, Value>>?][] = [
  ['zeros', 'tfjs.zeros', ['shape', 'dtype'], undefined],
  ['ones', 'tfjs.ones', ['shape', 'dtype'], undefined],
  ['reshape', 'tfjs.reshape', ['x', 'newshape'], 'Reshape'],
  ['concatenate', 'tfjs.concat', ['xs', 'axis'], 'Concatenate', AXIS_0],
  ['stack', 'tfjs.stack', ['x', 'axis'], 'Stack', AXIS_0],
  ['expand_dims', 'tfjs.expandDims', ['x', 'axis'], 'ExpandDims'],
  ['squeeze', 'tfjs.squeeze', ['x', 'axis'], 'Squeeze'],
  ['matmul', 'tfjs.matMul', ['x1', 'x2'], 'Matmul'],
  ['transpose', 'tfjs.transpose', ['x', 'axes'], 'Transpose'],
  ['one_hot', 'tfjs.oneHot', ['x', 'num_classes'], 'OneHot'],
  ['add', 'tfjs.add', ['x1', 'x2'], 'Add'],
  ['subtract', 'tfjs.sub', ['x1', 'x2'], 'Subtract'],
  ['multiply', 'tfjs.mul', ['x1', 'x2'], 'Multiply'],
  ['maximum', 'tfjs.maximum', ['x1', 'x2'], 'Maximum'],
  ['minimum', 'tfjs.minimum', ['x1', 'x2'], 'Minimum'],
  ['mean', 'tfjs.mean', ['x', 'axis', 'keepdims'], 'Mean'],
  ['sum', 'tfjs.sum', ['x', 'axis', 'keepdims'], 'Sum'],
  ['max', 'tfjs.max', ['x', 'axis', 'keepdims'], 'Max'],
  ['min', 'tfjs.min', ['x', 'axis', 'keepdims'], 'Min'],
];

export function kerasOps(): [string, Value][] {
  const out: [string, Value][] = [];
  for (const [py, name, params, opClass, defaults] of KERAS_OPS) {
    const v = tfOp(py, name, params, defaults, 'keras.ops', opClass);
    if (v) out.push([py, v]);
  }
  return out;
}

export function tfOps(): [string, Value][] {
  const out: [string, Value][] = [];
  for (const [py, name, params] of OPS) {
    const v = tfOp(py, name, params);
    if (v) out.push([py, v]);
  }
  // Dtypes as their names (tf.float32).
  for (const d of ['float32', 'float64', 'float16', 'int32', 'int64', 'bool', 'uint8', 'string']) out.push([d, { kind: 'str', value: d }]);
  return out;
}
