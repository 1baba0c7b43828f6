// The sample forward pass on Keras Python code, against the same real tfjs-layers goldens as
// forwardPass.test.ts: each TF.js case (test/oracle/goldens/tfjs/forward) is written again as
// Keras Python (tf.layers.dense({units: 5}) -> keras.layers.Dense(units=5)), its model.predict and
// model(x) on NumPy float64 data (cast to float32 as Keras does) lowered to ONNX with the case's
// weights and compared with TF.js' output within 1e-4.
// Cases where Keras 3 computes something else than TF.js are left out, each with the reason.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerRun } from '../../../engine/exec/lower';
import { TFJS_LAYERS } from '../../../engine/ops/keras';
import { initFrontends } from '../../../server/frontends';
import { analyzeText } from '../../../server/analyzeFile';
import { OnnxRunner } from '../../../server/exec/runner';
import { relativeError, tensorData } from '../../exec/goldenData';
import { forwardCases, runWeights, type ForwardCase } from './forwardCase';


/** Cases Keras 3 computes differently from TF.js (so TF.js is no oracle for them). */
const KERAS_DIFFERS: Record<string, string> = {
  // keras/src/activations/activations.py:518 hard_sigmoid is relu6(x + 3) / 6; TF.js clips 0.2 x + 0.5.
  'dense hardSigmoid': 'hard_sigmoid differs',
  // keras/src/activations/activations.py:338 gelu(approximate=False) is the erf form; TF.js' gelu is the tanh approximation.
  'dense gelu': 'gelu differs',
  // Keras has no gelu_new activation.
  'dense gelu_new': 'no Keras activation',
  // keras/src/layers/rnn/gru.py:489 reset_after=True by default (TF.js' GRU is reset_after=False, one bias).
  gru: 'GRU reset_after differs',
  'gru sequences': 'GRU reset_after differs',
  // Keras 3's Embedding has no input_length (keras/src/layers/core/embedding.py:87 __init__).
  embedding: 'no input_length in Keras 3',
  'text model: embedding, lstm, dense': 'no input_length in Keras 3',
  // keras/src/layers/rnn/lstm.py:452 recurrent_activation="sigmoid"; TF.js' LSTM defaults to
  // hardSigmoid (the case 'lstm sequences, sigmoid gates' sets sigmoid and is compared).
  lstm: 'LSTM recurrent_activation differs',
  'lstm without bias': 'LSTM recurrent_activation differs',
  'timeDistributed dense (seq2seq head)': 'LSTM recurrent_activation differs',
  // Not lowered yet: Dot(normalize=True) has a kernel for TF.js' l2Normalize only.
  'dot normalized (cosine)': "no kernel for Keras' normalize yet",
};

/** TF.js' weight names where a Keras 3 layer names the weight otherwise. */
const KERAS_WEIGHT_NAMES: Record<string, string> = {
  // keras/src/layers/convolutional/base_depthwise_conv.py:165-166: the depthwise kernel is "kernel".
  depthwise_kernel: 'kernel',
};

const cases = forwardCases().filter((c) => !(c.name in KERAS_DIFFERS));
const runner = new OnnxRunner({ threads: 1, maxSessions: 1 });

before(async () => {
  await initFrontends();
});
after(() => runner.dispose());

const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** Config keys whose arrays Keras spells as tuples (shapes). */
const TUPLE_KEYS = new Set(['input_shape', 'shape', 'target_shape', 'kernel_size', 'pool_size', 'strides', 'size', 'dims', 'dilation_rate']);

/** TF.js layer code as Keras Python writes it. */
export function toPython(js: string): string {
  let py = js.replace(/tf\.layers\.(\w+)\(/g, (_m, f: string) => {
    const op = TFJS_LAYERS.get(f);
    if (!op) throw new Error(`no Keras class for tf.layers.${f}`);
    return `keras.layers.${op.keras.className}(`;
  });
  py = py.replace(/tf\.input\(/g, 'keras.Input(').replace(/tf\.model\(/g, 'keras.Model(').replace(/\.apply\(/g, '(');
  py = py.replace(/\(\{/g, '(').replace(/\}\)/g, ')');
  py = py.replace(/(\w+): /g, (_m, k: string) => `${snake(k)}=`);
  // A shape-like list as a tuple: [10] -> (10,), [3, -1] -> (3, -1).
  py = py.replace(/(\w+)=\[([^[\]]*)\]/g, (m, k: string, items: string) => (TUPLE_KEYS.has(k) ? `${k}=(${items}${items.includes(',') ? '' : ','})` : m));
  py = py.replace(/'(channelsFirst|channelsLast|logSoftmax)'/g, (_m, v: string) => `'${snake(v)}'`);
  py = py.replace(/\btrue\b/g, 'True').replace(/\bfalse\b/g, 'False');
  py = py.replace(/\bconst /g, '').replace(/;\s*/g, '\n');
  return py;
}

/** `predict` runs the step on batches; calling the model runs it on the array as it is. */
type Call = 'predict' | 'call';

function program(c: ForwardCase, call: Call): string {
  const xs = c.inputs.map((t, i) => `x${i} = np.zeros((${t.tensor.join(', ')}))`);
  return [
    'import numpy as np',
    'import keras',
    c.code ? toPython(c.code) : `model = keras.Sequential([${c.layers!.map(toPython).join(', ')}])`,
    ...xs,
    `y = model${call === 'predict' ? '.predict' : ''}(${c.code ? `[${c.inputs.map((_, i) => `x${i}`).join(', ')}]` : 'x0'})`,
    '',
  ].join('\n');
}

for (const [c, call] of cases.flatMap((c) => [[c, 'predict'], [c, 'call']] as const)) {
  test(`Keras Python forward pass (${call}): ${c.name}`, async () => {
    const text = program(c, call);
    const result = analyzeText(text, { fileName: 'forward.py' });
    assert.deepEqual(result.diagnostics.map((d) => d.message), [], text);
    const run = result.models.flatMap((m) => m.runs)[0];
    assert.ok(run, `a traced predict in:\n${text}`);
    // Under both names: SeparableConv2D keeps depthwise_kernel (separable_conv.py), DepthwiseConv2D does not.
    const weights = runWeights(run, c, (name) => new Set([name, KERAS_WEIGHT_NAMES[name] ?? name]));
    const lowered = lowerRun(run, { symbolicDimSize: c.inputs[0].tensor[0], weights, inputs: c.inputs.map(tensorData) });
    assert.ok(lowered.ok, lowered.ok ? '' : lowered.reason);
    for (const name of lowered.model.weights.keys()) assert.ok(weights.has(name), `weight ${name} not given`);
    const r = await runner.run({ key: `keras:${call}:${c.name}`, bytes: () => lowered.model.bytes, inputs: lowered.model.inputs });
    const want = tensorData(c.result);
    assert.deepEqual(r.outputs[0].dims, want.shape);
    const err = relativeError(r.outputs[0].data as Float32Array, want.data as Float32Array);
    assert.ok(err < 1e-4, `max relative error ${err.toExponential(2)}\n${text}`);
  });
}

test('most TF.js forward cases run as Keras Python too', () => {
  assert.ok(cases.length >= 75, `${cases.length} cases`);
});
