// The sample forward pass on TF.js code: each case (test/oracle/goldens/tfjs/forward, made by
// generate_tfjs_forward_goldens.mjs with the real tfjs-layers) is analysed as TypeScript, its
// predict lowered to ONNX with the case's weights, run in onnxruntime, and compared with TF.js'
// output within 1e-4. Channels-last layers run through ONNX's channels-first kernels.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lowerRun, type TensorArray } from '../../../engine/exec/lower';
import type { ModuleInstance } from '../../../engine/ops/apply';
import { KERAS_LAYERS } from '../../../engine/ops/keras';
import { initFrontends } from '../../../server/frontends';
import { analyzeText } from '../../../server/analyzeFile';
import { OnnxRunner } from '../../../server/exec/runner';
import { relativeError, tensorData, type TensorJson } from '../../exec/goldenData';

interface ForwardCase {
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

const cases = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'goldens', 'tfjs', 'forward', 'cases.json'), 'utf8')) as ForwardCase[];
const runner = new OnnxRunner({ threads: 1, maxSessions: 1 });
/** Declarations that ran in a case that matched TF.js. */
const checked = new Set<object>();

before(async () => {
  await initFrontends();
});
after(() => runner.dispose());

function program(c: ForwardCase): string {
  const xs = c.inputs.map((t, i) => `const x${i} = tf.zeros([${t.tensor.join(', ')}]);`);
  return [
    "import * as tf from '@tensorflow/tfjs';",
    c.code ?? `const model = tf.sequential({layers: [${c.layers!.join(', ')}]});`,
    ...xs,
    `const y = model.predict(${c.code ? `[${c.inputs.map((_, i) => `x${i}`).join(', ')}]` : 'x0'});`,
    '',
  ].join('\n');
}

for (const c of cases) {
  test(`TF.js forward pass: ${c.name}`, async () => {
    const text = program(c);
    const result = analyzeText(text, { fileName: 'forward.ts' });
    assert.deepEqual(result.diagnostics.map((d) => d.message), []);
    const run = result.models.flatMap((m) => m.runs)[0];
    assert.ok(run, `a traced predict in:\n${text}`);
    // The golden names weights by the layer's position in the model; the run by the layer's name.
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
      weights.set(`${run.modulePaths.get(m)}.${name}`, tensorData(value));
    }
    const lowered = lowerRun(run, { symbolicDimSize: 2, weights, inputs: c.inputs.map(tensorData) });
    assert.ok(lowered.ok, lowered.ok ? '' : lowered.reason);
    for (const name of lowered.model.weights.keys()) assert.ok(weights.has(name), `weight ${name} not given`);
    const r = await runner.run({ key: `tfjs:${c.name}`, bytes: () => lowered.model.bytes, inputs: lowered.model.inputs });
    const want = tensorData(c.result);
    assert.deepEqual(r.outputs[0].dims, want.shape);
    const err = relativeError(r.outputs[0].data as Float32Array, want.data as Float32Array);
    assert.ok(err < 1e-4, `max relative error ${err.toExponential(2)}`);
    for (const node of run.nodes) checked.add(node.op);
  });
}

test('every Keras layer with a lowering matched TF.js in at least one case', () => {
  const lowered = new Set(KERAS_LAYERS.filter((op) => op.onnx));
  assert.deepEqual([...lowered].filter((op) => !checked.has(op)).map((op) => op.keras.className), []);
});
