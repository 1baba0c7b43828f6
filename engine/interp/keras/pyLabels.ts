// Keras 3's labels-against-output checks for fit / evaluate in Python, by the compiled loss, and
// what runs without error but cannot learn (a warning in our words). The loss wrapper first
// squeezes or expands y_true to the output's rank (losses/losses.py:28-34, losses/loss.py:119-137);
// then the backend's loss checks ranks and shapes (backend/tensorflow/nn.py).
import type { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import { pyShape } from '../../ops/keras/dialect';
import type { TensorValue } from '../../value';
import type { Host } from '../host';
import type { Range } from '../ir';
import type { Fix } from '../record';
import { producerOf } from './graph';
import { KerasLayerObj } from './layer';
import type { KerasModelObj } from './model';

const ERROR = (message: string, code: string) => ({ code, exception: 'ValueError', message });

/** losses/loss.py:119-137 squeeze_or_expand_to_same_rank(y_true, y_pred) (expand_rank_1=True). */
function sameRank(target: Shape, output: Shape): [Shape, Shape] {
  const last = (s: Shape): number | undefined => s[s.length - 1]?.value;
  if (target.length === output.length + 1 && last(target) === 1) {
    return output.length === 1 ? [target, [...output, target[target.length - 1]]] : [target.slice(0, -1), output];
  }
  if (output.length === target.length + 1 && last(output) === 1) {
    return target.length === 1 ? [[...target, output[output.length - 1]], output] : [target, output.slice(0, -1)];
  }
  return [target, output];
}

/** The fix that writes another loss in compile's string. */
function lossFix(model: KerasModelObj, loss: string, preferred: boolean): Fix[] {
  return model.lossSyntax ? [{ title: `Use loss="${loss}"`, edits: [{ range: model.lossSyntax, newText: `"${loss}"` }], preferred }] : [];
}

/** The fix that sets the units of the Dense layer making output `i` (written as a number). */
function unitsFix(host: Host, model: KerasModelObj, i: number, units: number): Fix[] {
  const out = model.outputs[i];
  const layer = out ? producerOf(host, out)?.node.layer : undefined;
  const at = layer instanceof KerasLayerObj && layer.className === 'Dense' ? layer.syntax?.props.get('units') : undefined;
  return at && layer instanceof KerasLayerObj ? [{ title: `Set units of ${layer.layerName} to ${units}`, edits: [{ range: at.value, newText: String(units) }], preferred: false }] : [];
}

/**
 * y (`target`, one per output) against the model's outputs under the compiled loss. `batch` is the
 * step's batch size as the traced step sees it (None when there is a partial batch).
 */
export function checkLabels(host: Host, model: KerasModelObj, ys: readonly TensorValue[], outputs: readonly (TensorValue | undefined)[], batch: (t: TensorValue) => Dim, site: Range, member: string): void {
  const opName = `${model.layerName}.${member}`;
  ys.forEach((t, i) => {
    const o = outputs[i];
    const loss = model.lossNames[i] ?? model.lossNames[0];
    if (!o || !o.shape || !t.shape) return;
    const b = batch(t);
    let target: Shape = [b, ...t.shape.slice(1)];
    const output: Shape = [b, ...o.shape.slice(1)];
    const width = output[output.length - 1]?.value;
    if (loss === 'sparse_categorical_crossentropy') {
      // backend/tensorflow/nn.py:1494-1498 (one-hot labels given to the sparse loss).
      if (target.length === output.length && target[target.length - 1].value === 1) target = target.slice(0, -1);
      if (target.length !== output.length - 1) {
        host.raiseOpError(ERROR(`Argument \`output\` must have rank (ndim) \`target.ndim - 1\`. Received: target.shape=${pyShape(target)}, output.shape=${pyShape(output)}`, 'keras-target-shape'), site, opName, undefined, undefined, lossFix(model, 'categorical_crossentropy', true));
      }
      return;
    }
    if (loss !== 'categorical_crossentropy' && loss !== 'binary_crossentropy') return;
    const [y, p] = sameRank(target, output);
    // Integer class ids (rank 1, or a last axis of 1) given to the one-hot loss: the sparse loss is the fix.
    const classIds = loss === 'categorical_crossentropy' && width !== undefined && width > 1 && (t.shape.length === 1 || (t.shape.length === o.shape.length && t.shape[t.shape.length - 1].value === 1));
    const labelWidth = t.shape.length === o.shape.length ? t.shape[t.shape.length - 1].value : undefined;
    const fixes = classIds ? lossFix(model, 'sparse_categorical_crossentropy', true) : loss === 'binary_crossentropy' && labelWidth !== undefined && labelWidth > 1 && width === 1 ? unitsFix(host, model, i, labelWidth) : [];
    if (y.length !== p.length) {
      // backend/tensorflow/nn.py:1421-1426 (categorical) and 1535-1540 (binary).
      host.raiseOpError(ERROR(`Arguments \`target\` and \`output\` must have the same rank (ndim). Received: target.shape=${pyShape(y)}, output.shape=${pyShape(p)}`, 'keras-target-shape'), site, opName, undefined, undefined, fixes);
    }
    if (y.some((d, j) => !d.isNone && !p[j].isNone && d.equals(p[j]) === 'no')) {
      // backend/tensorflow/nn.py:1427-1433 (categorical) and 1541-1547 (binary).
      host.raiseOpError(ERROR(`Arguments \`target\` and \`output\` must have the same shape. Received: target.shape=${pyShape(y)}, output.shape=${pyShape(p)}`, 'keras-target-shape'), site, opName, undefined, undefined, fixes);
    }
    // Runs, but cannot learn: softmax cross-entropy over one unit is log(1) = 0 whatever the weights.
    if (loss === 'categorical_crossentropy' && width === 1) {
      host.warn(site, 'keras-loss-one-unit', `categorical_crossentropy over an output of width 1 is always 0: the model does not learn. For two classes use binary_crossentropy with this output, or one-hot labels and an output of width 2.`, lossFix(model, 'binary_crossentropy', true));
    }
  });
}
