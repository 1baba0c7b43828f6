// Keras Python code that once broke the analysis (found running keras' own guides and examples):
// a layer returning its input object in a functional graph (the graph looped), and a user build()
// reading input_shape[-1] when the input is not known (a false IndexError). Unknown stays silent.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initFrontends } from '../../server/frontends';
import { analyzeText } from '../../server/analyzeFile';
import { fileReport } from '../../server/report/fileReport';

before(async () => {
  await initFrontends();
});

function errors(text: string): string[] {
  return analyzeText(text, { fileName: 'x.py' }, {}).diagnostics.map((d) => `${d.severity} ${d.message}`);
}

test('a layer that returns its input keeps the functional graph finite', () => {
  const text = `import keras
from keras import layers

class Identity(layers.Layer):
    def call(self, x):
        return x

inputs = keras.Input(shape=(8,))
x = Identity()(inputs)
x = layers.Dense(4)(x)
model = keras.Model(inputs, x)
model.summary()
`;
  const r = analyzeText(text, { fileName: 'x.py' }, {});
  assert.deepEqual(r.diagnostics, []);
  assert.ok(r.models.some((m) => m.summary && m.summary.some((l) => l.includes('identity (Identity)'))), JSON.stringify(r.models.map((m) => m.summary)));
});

test('build(input_shape) of a layer called on an unknown input reports nothing', () => {
  const text = `import keras
from keras import layers

class MyDense(layers.Layer):
    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.w = self.add_weight(shape=(input_dim, 4))

    def call(self, inputs):
        return inputs

y = MyDense()(load_features())
`;
  assert.deepEqual(errors(text), []);
});

test('keras.ops inside a custom layer call mixes the symbolic input with a weight: the shape, no graph node', () => {
  // keras' guides/functional_api.py, CustomDense.
  const text = `import keras
from keras import layers, ops

class CustomDense(layers.Layer):
    def __init__(self, units=32):
        super().__init__()
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal", trainable=True)
        self.b = self.add_weight(shape=(self.units,), initializer="random_normal", trainable=True)

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b

inputs = keras.Input((4,))
outputs = CustomDense(10)(inputs)
model = keras.Model(inputs, outputs)
`;
  const r = analyzeText(text, { fileName: 'x.py' }, {});
  assert.deepEqual(r.diagnostics, []);
  const hint = fileReport('x.py', text, r).hints.find((h) => h.name === 'outputs');
  assert.equal(hint?.label, '(None, 10)');
});
