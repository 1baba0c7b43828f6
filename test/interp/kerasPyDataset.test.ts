// tf.data.Dataset beyond the fixtures: what keeps the elements (shuffle, prefetch, cache, take),
// what makes them unknown (map with a function not run, repeat() forever, arrays of different
// lengths), drop_remainder, and fit on a dataset that is not checked (unbatched). Unknown stays silent.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initFrontends } from '../../server/frontends';
import { analyzeText } from '../../server/analyzeFile';
import { fileReport } from '../../server/report/fileReport';

before(async () => {
  await initFrontends();
});

function hints(body: string): { names: Record<string, string>; diagnostics: string[] } {
  const text = `import numpy as np
import tensorflow as tf
from tensorflow import keras

x = np.zeros((100, 6))
y = np.zeros((100,))
${body}`;
  const r = analyzeText(text, { fileName: 'x.py' }, {});
  const names: Record<string, string> = {};
  for (const h of fileReport('x.py', text, r).hints) names[h.name] = names[h.name] ? `${names[h.name]} | ${h.label}` : h.label;
  return { names, diagnostics: r.diagnostics.map((d) => d.message) };
}

const CASES: readonly [string, string, Record<string, string | undefined>][] = [
  ['unbatched elements', 'ds = tf.data.Dataset.from_tensor_slices((x, y)).take(3)\nfor a, b in ds:\n    pass', { a: '(6,)', b: '()' }],
  ['batches with the partial last one', 'ds = tf.data.Dataset.from_tensor_slices(x).shuffle(100).batch(32).cache()\nfor a in ds:\n    pass', { a: '(32, 6) | (4, 6)' }],
  ['drop_remainder leaves the partial batch out', 'ds = tf.data.Dataset.from_tensor_slices(x).batch(32, drop_remainder=True)\nfor a in ds:\n    pass', { a: '(32, 6)' }],
  ['map with a function not run', 'ds = tf.data.Dataset.from_tensor_slices((x, y)).map(lambda a, b: (a * 2, b)).batch(10)\nfor a, b in ds:\n    pass', { a: undefined, b: undefined }],
  ['repeat() forever: not listed', 'ds = tf.data.Dataset.from_tensor_slices(x).repeat().batch(10)\nfor a in ds:\n    pass', { a: undefined }],
  ['arrays of different lengths', 'ds = tf.data.Dataset.from_tensor_slices((x, np.zeros((90,)))).batch(10)\nfor a, b in ds:\n    pass', { a: undefined, b: undefined }],
];

for (const [name, body, want] of CASES) {
  test(`tf.data: ${name}`, () => {
    const r = hints(body);
    assert.deepEqual(r.diagnostics, []);
    for (const [k, v] of Object.entries(want)) assert.equal(r.names[k], v, JSON.stringify(r.names));
  });
}

test('fit on a batched dataset checks its element; on an unbatched one nothing is said', () => {
  const model = 'model = keras.Sequential([keras.Input(shape=(6,)), keras.layers.Dense(3, activation="softmax")])\nmodel.compile(optimizer="adam", loss="categorical_crossentropy")\n';
  assert.deepEqual(hints(`${model}model.fit(tf.data.Dataset.from_tensor_slices((x, y)).batch(20, drop_remainder=True), epochs=1)`).diagnostics, [
    // keras/src/backend/tensorflow/nn.py:1421-1426; every batch is full: the batch axis is 20.
    'Arguments `target` and `output` must have the same rank (ndim). Received: target.shape=(20,), output.shape=(20, 3)',
  ]);
  assert.deepEqual(hints(`${model}model.fit(tf.data.Dataset.from_tensor_slices((x, y)), epochs=1)`).diagnostics, []);
  assert.deepEqual(hints(`${model}model.fit(tf.data.Dataset.from_tensor_slices((x, keras.utils.to_categorical(y, 3))).batch(8), epochs=1)`).diagnostics, []);
});
