// Attributes of Keras Python tensors (KerasTensors and eager tf tensors): `x.shape` is a tuple with
// None for the batch, `x.ndim`, `x.dtype`; anything else is not modelled (no hint, no error).
import type { TensorValue, Value } from '../../value';
import { NONE, UNKNOWN } from '../../value';
import { registerTensorAttrs } from '../attrSource';
import type { Host } from '../host';
import { int, str } from './values';

function shapeTuple(t: TensorValue): Value {
  if (!t.shape) return UNKNOWN;
  return { kind: 'tuple', items: t.shape.map((d) => (d.isNone ? NONE : int(d))) };
}

function kerasTensorAttr(_host: Host, t: TensorValue, name: string): Value | undefined {
  switch (name) {
    case 'shape': return shapeTuple(t);
    case 'ndim': return t.shape ? int(t.shape.length) : UNKNOWN;
    case 'dtype': return t.dtype ? str(t.dtype) : UNKNOWN;
    default: return UNKNOWN;
  }
}

registerTensorAttrs('keras', kerasTensorAttr);
