// tf.data.Dataset as Keras programs feed models with it: from_tensor_slices of an array or a tuple of
// arrays (elements drop the first axis), batch (full batches, then the partial one unless
// drop_remainder), shuffle / prefetch / cache keep the elements, repeat and take change how many,
// map with a function we do not run makes the element unknown. A `for` loop sees the batches;
// model.fit(dataset) checks the element against the model as fit(x, y) does (pyFit.ts).
import { Dim } from '../../shape/dim';
import type { TensorValue, Value } from '../../value';
import { UNKNOWN } from '../../value';
import type { AttrSource, IterSource } from '../attrSource';
import type { Host } from '../host';
import { BuiltinObj, obj, refOf, type CallArgs } from '../objects';
import { intOf, truthy, tupleOf } from '../pyvalues';
import { tagged } from './values';

/** Past this many batches a loop is not listed (its shapes stay unknown). */
const MAX_LISTED = 64;

interface Batching {
  readonly size: number;
  readonly dropRemainder: boolean;
}

export class DatasetObj implements AttrSource, IterSource {
  /**
   * `element`: one sample, a tensor or a tuple of tensors (undefined when not known); `count`: how
   * many samples (undefined when not known); `batching`: set by batch().
   */
  constructor(readonly element: Value | undefined, readonly count: number | undefined, readonly batching?: Batching) {}

  /** The value one batch of `size` samples is (the element with a first axis of `size`). */
  private batchOf(size: Dim): Value | undefined {
    const add = (v: Value): Value | undefined => (v.kind === 'tensor' && v.shape ? { ...v, shape: [size, ...v.shape] } : undefined);
    const e = this.element;
    if (!e) return undefined;
    if (e.kind === 'tuple') {
      const items = e.items.map(add);
      return items.every((x): x is Value => x !== undefined) ? tupleOf(items) : undefined;
    }
    return add(e);
  }

  /** The element a Keras step sees: the batch with None unless every batch is full (drop_remainder). */
  stepElement(): Value | undefined {
    if (!this.batching) return undefined;
    return this.batchOf(this.batching.dropRemainder ? Dim.of(this.batching.size) : Dim.none());
  }

  iterItems(): Value[] | undefined {
    if (!this.element || this.count === undefined) return undefined;
    if (!this.batching) return this.count <= MAX_LISTED ? Array.from({ length: this.count }, () => this.element!) : undefined;
    const { size, dropRemainder } = this.batching;
    const full = Math.floor(this.count / size);
    const rest = this.count % size;
    if (full + (rest > 0 ? 1 : 0) > MAX_LISTED) return undefined;
    const fullBatch = this.batchOf(Dim.of(size));
    const items: Value[] = Array.from({ length: full }, () => fullBatch ?? UNKNOWN);
    if (rest > 0 && !dropRemainder) items.push(this.batchOf(Dim.of(rest)) ?? UNKNOWN);
    return items;
  }

  attr(_host: Host, name: string): Value | undefined {
    const same = (): Value => obj(this);
    const method = (f: (a: CallArgs) => Value): Value => obj(new BuiltinObj(`Dataset.${name}`, (a) => f(a)));
    switch (name) {
      case 'shuffle':
      case 'prefetch':
      case 'cache':
        return method(same);
      case 'batch':
        return method(({ args, kwargs }) => {
          const size = intOf(args[0] ?? kwargs.batch_size);
          const drop = args[1] ?? kwargs.drop_remainder;
          const dropRemainder = drop === undefined ? false : truthy(drop);
          // A batch of batches is not modelled.
          if (size === undefined || size <= 0 || dropRemainder === undefined || this.batching) return obj(new DatasetObj(undefined, undefined));
          return obj(new DatasetObj(this.element, this.count, { size, dropRemainder }));
        });
      case 'repeat':
        return method(({ args, kwargs }) => {
          const times = args[0] ?? kwargs.count;
          const n = times === undefined || times.kind === 'none' ? undefined : intOf(times);
          // repeat() without a count never ends: the elements are the same, their number unknown.
          return obj(new DatasetObj(this.element, n !== undefined && this.count !== undefined && !this.batching ? n * this.count : undefined, this.batching));
        });
      case 'take':
        return method(({ args, kwargs }) => {
          const n = intOf(args[0] ?? kwargs.count);
          if (this.batching) return obj(new DatasetObj(this.element, undefined, this.batching));
          return obj(new DatasetObj(this.element, n !== undefined && this.count !== undefined && n >= 0 ? Math.min(n, this.count) : undefined));
        });
      case 'map':
        // The function is not run here: what it returns is not known.
        return method(() => obj(new DatasetObj(undefined, this.count, this.batching)));
      default:
        return undefined;
    }
  }
}

/** One sample of an array: its first axis dropped (undefined for a scalar or an unknown shape). */
function slice(v: Value): TensorValue | undefined {
  return v.kind === 'tensor' && v.shape && v.shape.length > 0 ? (tagged({ ...v, shape: v.shape.slice(1) }, 'keras') as TensorValue) : undefined;
}

/** `tf.data.Dataset.from_tensor_slices(x)` / `((x, y))`. */
export const fromTensorSlices = obj(new BuiltinObj('tf.data.Dataset.from_tensor_slices', ({ args, kwargs }) => {
  const v = args[0] ?? kwargs.tensors;
  if (!v) return UNKNOWN;
  const parts = v.kind === 'tuple' ? v.items : [v];
  const slices = parts.map(slice);
  const counts = parts.map((p) => (p.kind === 'tensor' ? p.shape?.[0]?.value : undefined));
  // Arrays of different lengths raise in TensorFlow: nothing is said here.
  if (slices.some((s) => !s) || new Set(counts).size > 1) return obj(new DatasetObj(undefined, undefined));
  const element = v.kind === 'tuple' ? tupleOf(slices as TensorValue[]) : slices[0]!;
  return obj(new DatasetObj(element, counts[0]));
}));

export function datasetOf(v: Value): DatasetObj | undefined {
  return refOf(v, DatasetObj);
}
