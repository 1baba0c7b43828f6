// Quick fixes for Keras / TF.js shape errors, edited where the program wrote the numbers: the
// first layer's inputShape (or the Input's shape) from the data predict / fit received, a Reshape
// layer's targetShape, the units / filters of a layer whose output must match the other inputs of
// a merge, and a -1 where a reshape's product is off.
import type { Dim } from '../../shape/dim';
import { numel, type Shape } from '../../shape/shape';
import type { TensorValue, Value } from '../../value';
import type { OpError } from '../../ops/op';
import type { Host } from '../host';
import type { Arg } from '../ir';
import type { Fix } from '../record';
import { InputLayerRecord, producerOf } from './graph';
import { KerasLayerObj, type ConfigSyntax } from './layer';
import { KerasModelObj } from './model';
import { tensorsOf } from './state';

const text = (shape: readonly Dim[]): string => `[${shape.map((d) => (d.isNone ? 'null' : d.toString())).join(', ')}]`;

function knownSize(shape: Shape | undefined): number | undefined {
  return shape ? numel(shape).value : undefined;
}

/** `tf.reshape(x, [2, 5])` on 12 values: `-1` where the other sizes divide the count. */
export function reshapeFixes(x: Value | undefined, shape: Value | undefined, expr: Arg | undefined): Fix[] {
  if (!x || x.kind !== 'tensor' || !shape || shape.kind !== 'list' || !expr || expr.value.k !== 'list') return [];
  const n = knownSize(x.shape);
  const sizes = shape.items.map((d) => (d.kind === 'int' ? d.dim.value : undefined));
  const items = expr.value.items;
  if (n === undefined || sizes.some((s) => s === undefined || s < 0) || items.length !== sizes.length) return [];
  const out: Fix[] = [];
  sizes.forEach((_, i) => {
    const others = sizes.reduce((acc: number, s, j) => (j === i ? acc : acc * s!), 1);
    if (others <= 0 || n % others !== 0) return;
    out.push({ title: `Use -1 for dimension ${i} (${n / others})`, edits: [{ range: items[i].range, newText: '-1' }], preferred: out.length === 0 });
  });
  return out;
}

/** Set a config property (or add it to the object literal). */
function setProp(syntax: ConfigSyntax | undefined, key: string, value: string, title: string, preferred: boolean): Fix | undefined {
  if (!syntax) return undefined;
  const prop = syntax.props.get(key);
  if (prop) return { title, edits: [{ range: prop.value, newText: value }], preferred };
  const open = syntax.object.start + 1;
  return { title, edits: [{ range: { start: open, end: open }, newText: `${key}: ${value}, ` }], preferred };
}

/** The first layer's input declaration, set to what the data gives (predict / fit failed its check). */
function inputShapeFixes(host: Host, model: KerasModelObj, data: readonly TensorValue[]): Fix[] {
  const out: Fix[] = [];
  model.inputs.forEach((input, i) => {
    const shape = data[i]?.shape;
    if (!shape || shape.length === 0) return;
    const rest = shape.slice(1);
    const p = producerOf(host, input);
    const layer = p?.node.layer;
    if (!(layer instanceof InputLayerRecord)) return;
    if (layer.syntax) {
      const fix = setProp(layer.syntax, 'shape', text(rest), `Set shape to ${text(rest)}`, out.length === 0);
      if (fix) out.push(fix);
      return;
    }
    // A Sequential's input layer comes from its first layer's inputShape / batchInputShape / inputDim.
    const first = model.added[0];
    if (!(first instanceof KerasLayerObj) || !first.syntax) return;
    // Only a shape the first layer takes: [64, 28, 28] into a Conv2D is the data's fault.
    if (!first.accepts([input.shape?.[0] ?? shape[0], ...rest], data[i].dtype)) return;
    const props = first.syntax.props;
    let fix: Fix | undefined;
    if (props.has('batchInputShape')) fix = setProp(first.syntax, 'batchInputShape', text([shape[0].isNone ? shape[0] : input.shape![0], ...rest]), `Set batchInputShape to ${text([input.shape![0], ...rest])}`, out.length === 0);
    else if (props.has('inputDim') && rest.length === 1) fix = setProp(first.syntax, 'inputDim', rest[0].toString(), `Set inputDim to ${rest[0]}`, out.length === 0);
    else fix = setProp(first.syntax, 'inputShape', text(rest), `Set inputShape of ${first.layerName} to ${text(rest)}`, out.length === 0);
    if (fix) out.push(fix);
  });
  return out;
}

/** The size parameter that sets a layer's last output dimension (`units`, `filters`...). */
const SIZE_PARAMS = ['units', 'filters', 'outputDim'];

/** A merge of [N, 64] and [N, 32]: make the layer that produced one input give the other's size. */
function mergeFixes(host: Host, input: Value): Fix[] {
  const ts = tensorsOf(input);
  const lasts = ts.map((t) => t.shape?.[t.shape.length - 1]);
  if (lasts.some((d) => d === undefined || d.value === undefined)) return [];
  const out: Fix[] = [];
  ts.forEach((t, i) => {
    const want = lasts.find((d, j) => j !== i && d!.value !== lasts[i]!.value);
    if (!want) return;
    const producer = producerOf(host, t)?.node.layer;
    if (!(producer instanceof KerasLayerObj) || !producer.syntax) return;
    const param = SIZE_PARAMS.find((p) => producer.syntax!.props.has(p));
    if (!param) return;
    const fix = setProp(producer.syntax, param, want!.toString(), `Set ${param} of ${producer.layerName} to ${want}`, out.length === 0);
    if (fix) out.push(fix);
  });
  return out;
}

/** A Reshape layer whose target does not hold the input: a target with the right product. */
function targetShapeFixes(layer: KerasLayerObj, input: Value): Fix[] {
  const t = tensorsOf(input)[0];
  const per = knownSize(t?.shape?.slice(1));
  const target = layer.config.get('targetShape');
  if (per === undefined || !target || target.kind !== 'list' || !layer.syntax?.props.has('targetShape')) return [];
  const sizes = target.items.map((d) => (d.kind === 'int' ? d.dim.value : undefined));
  if (sizes.some((s) => s === undefined)) return [];
  const out: Fix[] = [];
  const show = (xs: readonly number[]): string => `[${xs.join(', ')}]`;
  sizes.forEach((_, i) => {
    const others = sizes.reduce((acc: number, s, j) => (j === i ? acc : acc * (s! < 0 ? 1 : s!)), 1);
    if (others <= 0 || per % others !== 0 || sizes.some((s, j) => j !== i && s! < 0)) return;
    const solved = sizes.map((s, j) => (j === i ? per / others : s!));
    const fix = setProp(layer.syntax, 'targetShape', show(solved), `Set targetShape to ${show(solved)}`, out.length === 0);
    if (fix && !out.some((f) => f.title === fix.title)) out.push(fix);
  });
  if (sizes.length > 0 && !out.some((f) => f.title.includes('[-1'))) {
    const flat = [per];
    const fix = setProp(layer.syntax, 'targetShape', show(flat), `Set targetShape to ${show(flat)}`, out.length === 0);
    if (fix && !out.some((f) => f.title === fix.title)) out.push(fix);
  }
  return out;
}

/**
 * Fixes a layer offers when it rejects the data fed to the model now running (Keras Python: a
 * Sequential's first layer checks the batches itself): set by pyFit around the run.
 */
export const dataInputFixes = new Map<KerasLayerObj, Fix[]>();
const INPUT_CHECKS = new Set(['keras-input-axis', 'keras-input-ndim', 'keras-input-shape']);

export function layerFixes(host: Host, layer: KerasLayerObj, error: OpError, input: Value): Fix[] {
  const fromData = dataInputFixes.get(layer);
  if (fromData && INPUT_CHECKS.has(error.code)) return fromData;
  if (error.code === 'keras-merge-shapes' || error.code === 'keras-concat-shapes') return mergeFixes(host, input);
  if (error.code === 'keras-reshape' && layer.className === 'Reshape') return targetShapeFixes(layer, input);
  return [];
}

/** Targets of another width than the output: the units of the layer that makes the output. */
function outputSizeFixes(host: Host, model: KerasModelObj, targets: readonly TensorValue[]): Fix[] {
  const out: Fix[] = [];
  model.outputs.forEach((t, i) => {
    const want = targets[i]?.shape?.[targets[i].shape!.length - 1];
    const producer = producerOf(host, t)?.node.layer;
    if (!want || want.value === undefined || !(producer instanceof KerasLayerObj) || !producer.syntax) return;
    const param = SIZE_PARAMS.find((p) => producer.syntax!.props.has(p));
    if (!param) return;
    const fix = setProp(producer.syntax, param, want.toString(), `Set ${param} of ${producer.layerName} to ${want}`, out.length === 0);
    if (fix) out.push(fix);
  });
  return out;
}

export function modelFixes(host: Host, model: KerasModelObj, error: OpError, data: readonly TensorValue[]): Fix[] {
  if (error.code === 'keras-target-shape') return outputSizeFixes(host, model, data);
  if (error.code !== 'keras-input-shape') return [];
  return inputShapeFixes(host, model, data);
}

KerasLayerObj.fixer = layerFixes;
KerasModelObj.fixer = modelFixes;
