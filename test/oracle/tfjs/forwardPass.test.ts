// The sample forward pass on TF.js code: each case (test/oracle/goldens/tfjs/forward, made by
// generate_tfjs_forward_goldens.mjs with the real tfjs-layers) is analysed as TypeScript, its
// predict lowered to ONNX with the case's weights, run in onnxruntime, and compared with TF.js'
// output within 1e-4. Channels-last layers run through ONNX's channels-first kernels.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerRun } from '../../../engine/exec/lower';
import { KERAS_LAYERS } from '../../../engine/ops/keras';
import { initFrontends } from '../../../server/frontends';
import { analyzeText } from '../../../server/analyzeFile';
import { OnnxRunner } from '../../../server/exec/runner';
import { relativeError, tensorData } from '../../exec/goldenData';
import { forwardCases, runWeights, type ForwardCase } from './forwardCase';


const cases = forwardCases();
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
    const weights = runWeights(run, c);
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
