// Labels against the model's output in Keras Python fit: what trains fine gives nothing (the loss
// wrapper's rank adjustment, keras/src/losses/loss.py:119-137), a loss object we do not read gives
// nothing, and categorical_crossentropy over one output unit, which Keras runs without error but
// whose loss is always 0, is a warning in our words with the fix to binary_crossentropy.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initFrontends } from '../../server/frontends';
import { analyzeText } from '../../server/analyzeFile';

before(async () => {
  await initFrontends();
});

function program(y: string, units: number, activation: string, loss: string): string {
  return `import numpy as np
import keras
from keras import layers

x = np.random.rand(256, 8)
y = ${y}
model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(units=${units}, activation="${activation}")])
model.compile(optimizer="adam", loss=${loss})
model.fit(x, y, epochs=2)
`;
}

const FINE: readonly [string, string, number, string, string][] = [
  ['one-hot labels, categorical', 'keras.utils.to_categorical(np.random.randint(0, 4, size=(256,)), 4)', 4, 'softmax', '"categorical_crossentropy"'],
  ['class ids, sparse', 'np.random.randint(0, 4, size=(256,))', 4, 'softmax', '"sparse_categorical_crossentropy"'],
  ['class id column, sparse', 'np.random.randint(0, 4, size=(256, 1))', 4, 'softmax', '"sparse_categorical_crossentropy"'],
  // Rank 1 labels are expanded to (None, 1) by the loss wrapper.
  ['0/1 labels of rank 1, binary', 'np.random.randint(0, 2, size=(256,))', 1, 'sigmoid', '"binary_crossentropy"'],
  ['0/1 column, binary', 'np.random.randint(0, 2, size=(256, 1))', 1, 'sigmoid', '"binary_crossentropy"'],
  ['multi-label, binary', 'np.random.randint(0, 2, size=(256, 5))', 5, 'sigmoid', '"binary_crossentropy"'],
  // A loss object is not read: no check, no false error.
  ['a loss object', 'np.random.randint(0, 4, size=(256,))', 4, 'softmax', 'keras.losses.CategoricalCrossentropy()'],
  ['mse on class ids', 'np.random.rand(256, 1)', 1, 'linear', '"mse"'],
];

for (const [name, y, units, activation, loss] of FINE) {
  test(`trains as written: ${name}`, () => {
    const r = analyzeText(program(y, units, activation, loss), { fileName: 'x.py' }, {});
    assert.deepEqual(r.diagnostics.map((d) => `${d.severity} ${d.message}`), []);
  });
}

test('categorical_crossentropy over one unit: a warning at fit with the binary loss as the fix', () => {
  const text = program('np.random.randint(0, 2, size=(256, 1))', 1, 'sigmoid', '"categorical_crossentropy"');
  const r = analyzeText(text, { fileName: 'x.py' }, {});
  assert.equal(r.diagnostics.length, 1, JSON.stringify(r.diagnostics));
  const d = r.diagnostics[0];
  assert.equal(d.severity, 'warning');
  assert.equal(d.code, 'keras-loss-one-unit');
  assert.equal(text.slice(d.range.start, d.range.end), 'model.fit(x, y, epochs=2)');
  const fix = d.fixes.find((f) => f.title === 'Use loss="binary_crossentropy"');
  assert.ok(fix, JSON.stringify(d.fixes));
  let fixed = text;
  for (const e of fix.edits) fixed = fixed.slice(0, e.range.start) + e.newText + fixed.slice(e.range.end);
  assert.ok(fixed.includes('loss="binary_crossentropy"'), fixed);
  assert.deepEqual(analyzeText(fixed, { fileName: 'x.py' }, {}).diagnostics, []);
});

// 256 samples are 8 full batches of 32: the traced step's batch is 32 (pyFit.ts, array_data_adapter.py).
test('compile(optimizer, loss) written positionally is read too', () => {
  const text = program('np.random.randint(0, 4, size=(256,))', 4, 'softmax', '"categorical_crossentropy"').replace('model.compile(optimizer="adam", loss=', 'model.compile("adam", ');
  const r = analyzeText(text, { fileName: 'x.py' }, {});
  assert.deepEqual(r.diagnostics.map((d) => d.message), ['Arguments `target` and `output` must have the same rank (ndim). Received: target.shape=(32,), output.shape=(32, 4)']);
  assert.deepEqual(r.diagnostics[0].fixes.map((f) => f.title), ['Use loss="sparse_categorical_crossentropy"']);
});
