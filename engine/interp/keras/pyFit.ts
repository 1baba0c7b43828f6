// Keras 3's data-against-model checks for `predict` / `fit` / `evaluate` in Python. With the
// TensorFlow backend, arrays become a tf.data pipeline of batches (array_data_adapter.py:127-196):
// full batches of batch_size (32 by default), then the partial one; the step functions are traced
// on its element spec, so errors print the batch as batch_size when every batch is full and as
// None when there is a partial batch: `(None, 100)`.
//  - x and y with different sample counts (data_adapter_utils.py:103-117);
//  - a functional model's input spec: shape (None, ...) with the last axis squeezable
//    (functional.py:390-425, input_spec.py:246-260);
//  - the rank adjustment of Functional._adjust_input_rank (functional.py:294-320): a missing or
//    extra last axis of size 1 is fixed; another rank difference raises a text that prints the
//    data's values, so it is not reported (the outputs are unknown);
//  - every layer's own check on the batches (the catalogue's Keras texts);
//  - labels against the outputs under the compiled loss (pyLabels.ts).
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import { pyShape } from '../../ops/keras/dialect';
import type { TensorValue, Value } from '../../value';
import { UNKNOWN } from '../../value';
import type { OpError } from '../../ops/op';
import type { Host } from '../host';
import type { Range } from '../ir';
import { execute, InputLayerRecord, producerOf } from './graph';
import { KerasModelObj } from './model';
import { autocast, tagged } from './values';
import { checkLabels } from './pyLabels';
import { datasetOf } from './tfData';
import { dataInputFixes } from './fixes';
import { KerasLayerObj } from './layer';
import type { Fix } from '../record';

function valueError(message: string, code: string): OpError {
  return { code, exception: 'ValueError', message };
}

/** The data as a list of arrays (one per model input), undefined when any shape is unknown. */
function arrays(x: Value): TensorValue[] | undefined {
  const items = x.kind === 'list' || x.kind === 'tuple' ? x.items : [x];
  return items.every((t) => t.kind === 'tensor' && t.shape && t.shape.length > 0) ? (items as TensorValue[]) : undefined;
}

/**
 * The batch size the traced step sees for `n` samples (validation_split takes the last part
 * away first: trainers/data_adapters/array_slicing.py:450-486, floor).
 */
function stepBatch(n: Dim, kwargs: Readonly<Record<string, Value>>): Dim {
  const bs = kwargs.batch_size;
  const size = bs === undefined || bs.kind === 'none' ? 32 : bs.kind === 'int' ? bs.dim.value : undefined;
  const split = kwargs.validation_split;
  let count = n.value;
  if (count !== undefined && split && split.kind === 'float') count = Math.floor(count * (1 - split.value));
  else if (split && split.kind !== 'int') count = undefined;
  if (size === undefined || count === undefined) return Dim.none();
  return count >= size && count % size === 0 ? Dim.of(size) : Dim.none();
}

const inBatches = (t: TensorValue, batch: Dim): TensorValue => ({ ...t, shape: [batch, ...t.shape!.slice(1)] });

/** input_spec.py:246-260 with allow_last_axis_squeeze. */
function checkSpec(host: Host, model: KerasModelObj, data: readonly TensorValue[], site: Range, member: string): void {
  const layers = model.inputs.map((t) => producerOf(host, t)?.node.layer);
  data.forEach((t, i) => {
    const ref = model.inputs[i]?.shape;
    const layer = layers[i];
    if (!ref || !(layer instanceof InputLayerRecord)) return;
    const spec: Shape = [Dim.none(), ...ref.slice(1)];
    let shape = t.shape!;
    let specShape = spec;
    if (shape.length > 0 && shape[shape.length - 1].value === 1) shape = shape.slice(0, -1);
    if (specShape.length > 0 && specShape[specShape.length - 1].value === 1) specShape = specShape.slice(0, -1);
    for (let j = 0; j < Math.min(shape.length, specShape.length); j++) {
      const a = specShape[j];
      const b = shape[j];
      if (a.isNone || b.isNone) continue;
      if (a.equals(b) === 'no') {
        // The fix most people need: the Input's shape from the data that reaches it.
        const at = layer.syntax?.props.get('shape')?.value;
        const wanted = pyShape(t.shape!.slice(1));
        const fixes = at && !t.shape!.slice(1).some((d) => d.value === undefined) ? [{ title: `Set the Input shape to ${wanted}`, edits: [{ range: at, newText: wanted }], preferred: true }] : [];
        host.raiseOpError(valueError(`Input ${i} with name '${layer.layerName}' of layer '${model.layerName}' is incompatible with the layer: expected shape=${pyShape(spec)}, found shape=${pyShape(shape)}`, 'keras-input-shape'), site, `${model.layerName}.${member}`, undefined, undefined, fixes);
      }
    }
  });
}

/** Functional._adjust_input_rank; undefined when Keras would raise its value-printing error. */
function adjustRank(model: KerasModelObj, data: readonly TensorValue[]): TensorValue[] | undefined {
  const out: TensorValue[] = [];
  for (const [i, t] of data.entries()) {
    const ref = model.inputs[i]?.shape;
    const shape = t.shape!;
    if (!ref) return undefined;
    if (shape.length === ref.length) out.push(t);
    else if (shape.length === ref.length + 1 && shape[shape.length - 1].value === 1) out.push({ ...t, shape: shape.slice(0, -1) });
    else if (shape.length === ref.length - 1 && ref[ref.length - 1].value === 1) out.push({ ...t, shape: [...shape, Dim.of(1)] });
    else return undefined;
  }
  return out;
}

/**
 * A Sequential's input declaration set to the data's shape (its first layer rejects the batches
 * itself, models/sequential.py:237-239): `input_shape=` of the first layer, or its keras.Input's
 * shape; only when the first layer takes the data's shape (a missing channel axis is the data's fault).
 */
function sequentialInputFix(host: Host, model: KerasModelObj, data: readonly TensorValue[]): { layer: KerasLayerObj; fix: Fix } | undefined {
  const first = model.added[0];
  const input = model.inputs[0];
  if (data.length !== 1 || !(first instanceof KerasLayerObj) || !input?.shape) return undefined;
  const rest = data[0].shape!.slice(1);
  if (rest.some((d) => d.value === undefined) || !first.accepts([Dim.none(), ...rest], data[0].dtype === 'float64' ? 'float32' : data[0].dtype)) return undefined;
  const wanted = pyShape(rest);
  const declared = producerOf(host, input)?.node.layer;
  const at = declared instanceof InputLayerRecord ? declared.syntax?.props.get('shape') : undefined;
  if (at) return { layer: first, fix: { title: `Set the Input shape to ${wanted}`, edits: [{ range: at.value, newText: wanted }], preferred: true } };
  const own = first.syntax?.props.get('input_shape');
  return own ? { layer: first, fix: { title: `Set input_shape to ${wanted}`, edits: [{ range: own.value, newText: wanted }], preferred: true } } : undefined;
}

/** The model on the data: its checks raise at `site`; the outputs with the data's batch. */
export function runOnData(host: Host, model: KerasModelObj, x: Value, site: Range, member: string, kwargs: Readonly<Record<string, Value>>, ran?: (feeds: readonly Value[], output: Value) => void, batched = false): Value {
  const data = arrays(x);
  if (!data || model.inputs.length === 0 || data.length !== model.inputs.length) return UNKNOWN;
  // A dataset's element is a batch already (its batch axis as the step sees it).
  const batch = batched ? data[0].shape![0] : stepBatch(data[0].shape![0], kwargs);
  const batches = data.map((t) => inBatches(t, batch));
  if (model.kind === 'functional') checkSpec(host, model, batches, site, member);
  const adjusted = adjustRank(model, batches)?.map(autocast);
  if (!adjusted) return UNKNOWN;
  // predict returns NumPy arrays (trainers/trainer.py predict: tree.map_structure of np.concatenate).
  const fixes = model.kind === 'sequential' ? sequentialInputFix(host, model, data) : undefined;
  if (fixes) dataInputFixes.set(fixes.layer, [fixes.fix]);
  let raw: Value[];
  try {
    raw = execute(host, model.inputs, adjusted, model.outputs, site);
  } finally {
    if (fixes) dataInputFixes.delete(fixes.layer);
  }
  ran?.(adjusted, raw.length === 1 ? raw[0] : { kind: 'list', items: raw });
  const outs = raw.map((v) => tagged(v, 'numpy'));
  // The batch the data has, where the model keeps it.
  const n = data[0].shape![0];
  const withBatch = outs.map((v) => (v.kind === 'tensor' && v.shape && v.shape[0]?.same(batch) && data.every((t) => t.shape![0].equals(n) === 'yes') ? { ...v, shape: [n, ...v.shape.slice(1)] } : v));
  return withBatch.length === 1 ? withBatch[0] : { kind: 'list', items: withBatch };
}

/** fit / evaluate: sample counts, x through the model, y against the outputs and the loss. */
export function pyFit(host: Host, model: KerasModelObj, x0: Value, y0: Value | undefined, site: Range, member: string, kwargs: Readonly<Record<string, Value>>): void {
  // fit(dataset): its (x, y) element, batched (an unbatched dataset or another element is not checked).
  const dataset = datasetOf(x0);
  let x = x0;
  let y = y0;
  if (dataset) {
    const e = dataset.stepElement();
    if (!e || e.kind !== 'tuple' || e.items.length !== 2) return;
    [x, y] = e.items;
  }
  const xs = arrays(x);
  const ys = y ? arrays(y) : undefined;
  if (xs && ys && !dataset) {
    const counts = [...xs, ...ys].map((t) => t.shape![0].value);
    if (counts.every((c) => c !== undefined) && new Set(counts).size > 1) {
      const sizes = (ts: TensorValue[]): string => ts.map((t) => t.shape![0].value).join(', ');
      host.raiseOpError(valueError(`Data cardinality is ambiguous. Make sure all arrays contain the same number of samples.'x' sizes: ${sizes(xs)}\n'y' sizes: ${sizes(ys)}\n`, 'keras-cardinality'), site, `${model.layerName}.${member}`, undefined);
    }
  }
  const out = runOnData(host, model, x, site, member, kwargs, undefined, dataset !== undefined);
  if (!ys) return;
  const outputs = out.kind === 'list' ? out.items : [out];
  // Batches of y and of the output have the step's batch size.
  const batchOf = (t: TensorValue): Dim => (dataset ? t.shape![0] : stepBatch(t.shape![0], kwargs));
  checkLabels(host, model, ys, outputs.map((o) => (o.kind === 'tensor' ? o : undefined)), batchOf, site, member);
}

KerasModelObj.pyFit = pyFit;
KerasModelObj.pyPredict = (host, model, x, site, kwargs, ran) => runOnData(host, model, x, site, 'predict', kwargs, ran);
