// Every way Keras programs import Keras gives the same analysis: the body of a mirror-checked
// fixture (test/fixtures/keras/mnist_mlp_functional.py) under each import header has the hints of
// the original, and a PyTorch program with NumPy beside it keeps PyTorch's style.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initFrontends } from '../../server/frontends';
import { analyzeText } from '../../server/analyzeFile';
import { fileReport } from '../../server/report/fileReport';

before(async () => {
  await initFrontends();
});

const fixture = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'keras', 'mnist_mlp_functional.py'), 'utf8');
const body = fixture.split('\n').filter((l) => !/^(import|from) /.test(l)).join('\n');

/** Headers that bind `keras`, `layers` and `tf` as the fixture uses them. */
const HEADERS: readonly string[] = [
  'import keras\nimport tensorflow as tf\nfrom keras import layers',
  'from tensorflow import keras\nfrom tensorflow.keras import layers\nimport tensorflow as tf',
  'import tensorflow as tf\nkeras = tf.keras\nlayers = tf.keras.layers',
  'import tensorflow as tf\nfrom tensorflow import keras\nimport tensorflow.keras.layers as layers',
  'import tensorflow as tf\nimport tensorflow.keras as keras\nfrom tensorflow.keras import layers as layers',
  'import tensorflow as tf\nfrom tensorflow.keras import Input, Model, layers\nclass keras:\n    Input = Input\n    Model = Model',
  'import tensorflow as tf\nimport keras\nfrom keras.layers import Dense\nclass layers:\n    Dense = Dense',
];

function hints(text: string): string[] {
  const report = fileReport('x.py', text, analyzeText(text, { fileName: 'x.py' }, {}));
  return report.hints.map((h) => `${h.name} ${h.label}`);
}

test('each import header gives the original fixture\'s hints', () => {
  const want = hints(fixture);
  assert.ok(want.length >= 6, JSON.stringify(want));
  for (const header of HEADERS) assert.deepEqual(hints(`${header}\n${body}`), want, header);
});

test('an unknown module named like Keras gives no hint and no error', () => {
  const text = 'import kerasish as keras\nfrom kerasish import layers\ninputs = keras.Input(shape=(784,))\nx = layers.Dense(64)(inputs)\n';
  const r = analyzeText(text, { fileName: 'x.py' }, {});
  assert.deepEqual(fileReport('x.py', text, r).hints, []);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
});

test('NumPy arrays beside PyTorch print as NumPy shapes, tensors as PyTorch ones', () => {
  const text = 'import numpy as np\nimport torch\na = np.zeros((2, 3))\nt = torch.zeros(2, 3)\n';
  const labels = hints(text);
  assert.equal(labels.length, 2);
  assert.equal(labels[0], `a ${'(2, 3)'}`);
  assert.equal(labels[1], `t ${'[2, 3]'}`);
});
