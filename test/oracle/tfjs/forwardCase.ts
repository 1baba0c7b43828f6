// One TF.js forward case (test/oracle/goldens/tfjs/forward/cases.json, made by the real
// tfjs-layers): its weights placed on the layers of an analysed run, shared by the TF.js and the
// Keras Python forward-pass tests.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TensorArray } from '../../../engine/exec/lower';
import type { ModuleInstance } from '../../../engine/ops/apply';
import type { ModelRun } from '../../../engine/ops/trace';
import { tensorData, type TensorJson } from '../../exec/goldenData';

export interface ForwardCase {
  name: string;
  /** A Sequential's layers, or code that binds `model` (a functional model). */
  layers?: string[];
  code?: string;
  /** predict's inputs: one tensor for a Sequential, a list for a functional model. */
  inputs: TensorJson[];
  /** `<layer index>/<weight>` (Sequential) or `name:<layer name>/<weight>` -> values. */
  weights: Record<string, TensorJson>;
  result: TensorJson;
}

export function forwardCases(): ForwardCase[] {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'goldens', 'tfjs', 'forward', 'cases.json'), 'utf8')) as ForwardCase[];
}

/**
 * The case's weights by the run's names: the golden names a weight by its layer's position in
 * the model (or its name), the run by the layer's path; `names` gives the names a weight may go by.
 */
export function runWeights(run: ModelRun, c: ForwardCase, names: (weight: string) => Iterable<string> = (w) => [w]): Map<string, TensorArray> {
  const layers: ModuleInstance[] = [];
  for (const n of run.nodes) if (n.module && !layers.includes(n.module)) layers.push(n.module);
  const weights = new Map<string, TensorArray>();
  for (const [key, value] of Object.entries(c.weights)) {
    const [layer, name] = key.split('/');
    if (layer.startsWith('name:')) {
      weights.set(`${layer.slice(5)}.${name}`, tensorData(value));
      continue;
    }
    const m = layers[Number(layer)];
    assert.ok(m, `layer ${layer} ran`);
    for (const n of names(name)) weights.set(`${run.modulePaths.get(m)}.${n}`, tensorData(value));
  }
  return weights;
}
