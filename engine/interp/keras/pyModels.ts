// Keras Python's model constructors onto the shared model semantics (model.ts): `keras.Input`,
// `keras.Sequential([...])`, the functional `keras.Model(inputs, outputs)`, named as Keras 3 names
// them (keras/src/utils/naming.py auto_name: `sequential`, `functional`, `input_layer`, then `_1`...).
import type { Value } from '../../value';
import { UNKNOWN } from '../../value';
import { applyFunction } from '../../ops/apply';
import { autoLayerName } from '../../ops/keras';
import type { FunctionOp } from '../../ops/op';
import { lookupOp } from '../../ops/registry';
import type { Host } from '../host';
import type { Range } from '../ir';
import { BuiltinObj, obj, type CallArgs } from '../objects';
import { makeInput } from './graph';
import { KerasModelObj, makeFunctional, registerModel } from './model';
import { KERAS_PY_API } from './pyLayers';
import { kerasRun } from './state';
import { dictValue, str } from './values';

function nameOf(host: Host, given: Value | undefined, className: string): string {
  return given?.kind === 'str' ? given.value : autoLayerName('keras', className, kerasRun(host).counters);
}

/** keras.Input(shape=(28, 28, 1)) (keras/src/layers/core/input_layer.py:147): a symbolic (None, 28, 28, 1). */
function input({ args, kwargs }: CallArgs, site: Range, host: Host): Value {
  const exprs = host.callArgExprs;
  const op = lookupOp('keras.Input') as FunctionOp;
  const r = applyFunction(op, args, kwargs);
  if (!r.ok) return host.raiseOpError(r.error, site, 'keras.Input', undefined);
  const t = r.value;
  if (t.kind !== 'tensor' || !t.shape) return UNKNOWN;
  // Where `shape=` is written, for the fix that sets it from the data (pyFit.ts).
  const shapeArg = exprs?.find((a) => a.name === 'shape') ?? (exprs?.[0] && !exprs[0].name && !exprs[0].star ? exprs[0] : undefined);
  const syntax = shapeArg ? { object: site, props: new Map([['shape', { value: shapeArg.value.range, whole: shapeArg.range }]]) } : undefined;
  return makeInput(host, nameOf(host, kwargs.name, 'InputLayer'), t.shape, t.dtype, 'keras', syntax);
}

/** keras.Sequential(layers=None, trainable=True, name=None) (keras/src/models/sequential.py:69). */
function sequential({ args, kwargs }: CallArgs, site: Range, host: Host): Value {
  const model = new KerasModelObj(KERAS_PY_API, 'sequential', nameOf(host, kwargs.name ?? args[2], 'Sequential'), site);
  registerModel(host, model);
  const layers = kwargs.layers ?? args[0];
  if (layers && (layers.kind === 'list' || layers.kind === 'tuple')) for (const l of layers.items) model.add(host, l, site);
  else if (layers && layers.kind !== 'none') model.add(host, UNKNOWN, site);
  return obj(model);
}

/** keras.Model(inputs, outputs, name=None): a functional model (keras/src/models/functional.py). */
export function functional({ args, kwargs }: CallArgs, site: Range, host: Host): Value {
  const inputs = kwargs.inputs ?? args[0];
  const outputs = kwargs.outputs ?? args[1];
  if (!inputs || !outputs) return UNKNOWN;
  const name = nameOf(host, kwargs.name, 'Functional');
  return makeFunctional(host, KERAS_PY_API, dictValue([['inputs', inputs], ['outputs', outputs], ['name', str(name)]]), site);
}

export const pyInput = obj(new BuiltinObj('keras.Input', input));
export const pySequential = obj(new BuiltinObj('keras.Sequential', sequential));
