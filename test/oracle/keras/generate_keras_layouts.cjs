// Weight layouts of Keras layers as TensorFlow.js builds them, next to the PyTorch layer that
// computes the same thing: the golden for the hover line "Keras/TF.js: kernel (5, 5, 10, 5)".
// Run by `npm run oracle`; writes test/oracle/goldens/keras/layouts.json.
const fs = require('node:fs');
const path = require('node:path');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const tfl = require('@tensorflow/tfjs-layers');

const cases = [];
const add = (torch, kerasLayer, config, inputShape) => cases.push({ torch, keras: { layer: kerasLayer, config, inputShape } });
for (const [i, o] of [[2000, 4800], [10, 1], [3, 7]]) add(['torch.nn.Linear', [i, o], {}], 'dense', { units: o }, [null, i]);
add(['torch.nn.Linear', [6, 4], { bias: false }], 'dense', { units: 4, useBias: false }, [null, 6]);
for (const [cin, cout, k] of [[10, 5, 5], [3, 16, 3], [1, 8, 7]]) {
  add(['torch.nn.Conv2d', [cin, cout, k], {}], 'conv2d', { filters: cout, kernelSize: k }, [null, 32, 32, cin]);
  add(['torch.nn.Conv1d', [cin, cout, k], {}], 'conv1d', { filters: cout, kernelSize: k }, [null, 32, cin]);
  add(['torch.nn.ConvTranspose2d', [cin, cout, k], {}], 'conv2dTranspose', { filters: cout, kernelSize: k }, [null, 12, 12, cin]);
}
add(['torch.nn.Conv2d', [4, 6, [3, 5]], { bias: false }], 'conv2d', { filters: 6, kernelSize: [3, 5], useBias: false }, [null, 16, 16, 4]);
add(['torch.nn.Conv3d', [2, 4, 3], {}], 'conv3d', { filters: 4, kernelSize: 3 }, [null, 8, 8, 8, 2]);
for (const [n, d] of [[100, 16], [7, 3]]) add(['torch.nn.Embedding', [n, d], {}], 'embedding', { inputDim: n, outputDim: d }, [null, 5]);
for (const c of [10, 3]) add(['torch.nn.BatchNorm2d', [c], {}], 'batchNormalization', {}, [null, 6, 6, c]);
for (const [i, h] of [[3, 8], [16, 32]]) {
  add(['torch.nn.LSTM', [i, h], { batch_first: true }], 'lstm', { units: h }, [null, 7, i]);
  add(['torch.nn.GRU', [i, h], { batch_first: true }], 'gru', { units: h }, [null, 7, i]);
  add(['torch.nn.RNN', [i, h], { batch_first: true }], 'simpleRNN', { units: h }, [null, 7, i]);
}
add(['torch.nn.LayerNorm', [12], {}], 'layerNormalization', {}, [null, 5, 12]);

tf.setBackend('cpu');
const out = cases.map((c) => {
  // The orthogonal recurrent initializer needs tfjs's chained ops; the initializer does not change shapes.
  const config = ['lstm', 'gru', 'simpleRNN'].includes(c.keras.layer) ? { ...c.keras.config, recurrentInitializer: 'glorotUniform' } : c.keras.config;
  const layer = tfl.layers[c.keras.layer](config);
  layer.build(c.keras.inputShape);
  return { ...c, weights: layer.weights.map((w) => [w.originalName.split('/').pop().replace(/_\d+$/, ''), w.shape]) };
});
const file = path.join(__dirname, '..', 'goldens', 'keras', 'layouts.json');
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, `[\n${out.map((c) => `  ${JSON.stringify(c)}`).join(',\n')}\n]\n`);
console.log(`${out.length} Keras layouts from @tensorflow/tfjs-layers ${tfl.version_layers}`);
