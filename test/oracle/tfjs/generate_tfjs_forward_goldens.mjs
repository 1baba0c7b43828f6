// The TF.js forward-pass oracle: each case is a Sequential model written as TF.js code, built and
// run by the real @tensorflow/tfjs-layers on the CPU backend with weights and input drawn from a
// fixed generator (so regenerating gives the same file), and recorded with its output. The test
// (forwardPass.test.ts) analyses the same code, lowers its predict to ONNX with these weights and
// compares. Run by `npm run oracle`; writes test/oracle/goldens/tfjs/forward/cases.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const { tf } = await import('./runtime/tfjs.mjs');
const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'goldens', 'tfjs', 'forward');

/** A small deterministic generator (mulberry32): the goldens must not depend on Math.random. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cases = [];
/**
 * `layers`: TF.js expressions of the Sequential's layers (the first with its inputShape);
 * `input`: the predict input's shape; `ints`: integer ids below that bound (Embedding).
 */
function add(name, layers, input, options = {}) {
  cases.push({ name, layers, input, ...options });
}

/**
 * A functional model: `code` binds `model` (layers with weights are named, so the goldens can
 * key their weights by name); `inputs`: the shapes predict gets, as a list.
 */
function addGraph(name, code, inputs) {
  cases.push({ name, code, inputs });
}

// Dense and the activations by name (tfjs-layers/src/activations.ts).
add('dense relu', ["tf.layers.dense({units: 5, activation: 'relu', inputShape: [10]})"], [4, 10]);
add('dense without bias on 3-D', ["tf.layers.dense({units: 3, useBias: false, inputShape: [5, 6]})"], [2, 5, 6]);
for (const act of ['linear', 'sigmoid', 'tanh', 'softmax', 'logSoftmax', 'elu', 'selu', 'relu6', 'softplus', 'softsign', 'hardSigmoid', 'swish', 'mish', 'gelu', 'gelu_new']) {
  add(`dense ${act}`, [`tf.layers.dense({units: 6, activation: '${act}', inputShape: [7]})`], [3, 7]);
}
add('activation layer', ["tf.layers.activation({activation: 'tanh', inputShape: [4, 5]})"], [2, 4, 5]);

// Convolutions: channelsLast by default (NHWC), TF's 'same' padding puts the odd pad at the end.
add('conv2d valid relu', ["tf.layers.conv2d({filters: 4, kernelSize: 3, activation: 'relu', inputShape: [9, 8, 3]})"], [2, 9, 8, 3]);
add('conv2d same stride 2', ["tf.layers.conv2d({filters: 5, kernelSize: [3, 2], strides: 2, padding: 'same', inputShape: [9, 8, 2]})"], [2, 9, 8, 2]);
add('conv2d same kernel 4', ["tf.layers.conv2d({filters: 3, kernelSize: 4, padding: 'same', inputShape: [7, 6, 2]})"], [1, 7, 6, 2]);
add('conv2d dilated', ["tf.layers.conv2d({filters: 3, kernelSize: 3, dilationRate: 2, inputShape: [10, 9, 2]})"], [2, 10, 9, 2]);
add('conv2d channelsFirst no bias', ["tf.layers.conv2d({filters: 4, kernelSize: 3, dataFormat: 'channelsFirst', useBias: false, inputShape: [3, 8, 7]})"], [2, 3, 8, 7]);
add('conv1d valid', ["tf.layers.conv1d({filters: 4, kernelSize: 3, inputShape: [10, 3]})"], [2, 10, 3]);
add('conv1d same stride 2', ["tf.layers.conv1d({filters: 2, kernelSize: 4, strides: 2, padding: 'same', activation: 'tanh', inputShape: [11, 3]})"], [2, 11, 3]);
add('conv3d', ["tf.layers.conv3d({filters: 2, kernelSize: 2, inputShape: [4, 5, 3, 2]})"], [1, 4, 5, 3, 2]);
add('conv2dTranspose valid', ["tf.layers.conv2dTranspose({filters: 3, kernelSize: 3, inputShape: [5, 4, 2]})"], [2, 5, 4, 2]);
add('conv2dTranspose same stride 2', ["tf.layers.conv2dTranspose({filters: 2, kernelSize: 3, strides: 2, padding: 'same', inputShape: [4, 3, 3]})"], [1, 4, 3, 3]);
add('conv3dTranspose', ["tf.layers.conv3dTranspose({filters: 2, kernelSize: 2, strides: 2, inputShape: [2, 3, 2, 3]})"], [1, 2, 3, 2, 3]);
add('depthwiseConv2d multiplier 2 same', ["tf.layers.depthwiseConv2d({kernelSize: 3, depthMultiplier: 2, padding: 'same', inputShape: [6, 5, 3]})"], [2, 6, 5, 3]);
add('separableConv2d', ["tf.layers.separableConv2d({filters: 4, kernelSize: 3, depthMultiplier: 2, activation: 'relu', inputShape: [7, 7, 2]})"], [2, 7, 7, 2]);

// Pools: average pools with 'same' divide by the cells inside the input.
add('maxPooling2d', ["tf.layers.maxPooling2d({poolSize: 2, inputShape: [6, 7, 3]})"], [2, 6, 7, 3]);
add('maxPooling2d same stride 1', ["tf.layers.maxPooling2d({poolSize: 3, strides: 1, padding: 'same', inputShape: [5, 5, 2]})"], [2, 5, 5, 2]);
add('averagePooling2d same', ["tf.layers.averagePooling2d({poolSize: 3, strides: 2, padding: 'same', inputShape: [7, 6, 2]})"], [2, 7, 6, 2]);
add('averagePooling2d channelsFirst', ["tf.layers.averagePooling2d({poolSize: 2, dataFormat: 'channelsFirst', inputShape: [2, 6, 6]})"], [2, 2, 6, 6]);
add('maxPooling1d', ["tf.layers.maxPooling1d({poolSize: 3, inputShape: [10, 4]})"], [2, 10, 4]);
add('averagePooling1d same', ["tf.layers.averagePooling1d({poolSize: 2, padding: 'same', inputShape: [9, 3]})"], [2, 9, 3]);
add('averagePooling3d same', ["tf.layers.averagePooling3d({poolSize: 2, strides: 1, padding: 'same', inputShape: [3, 3, 3, 2]})"], [1, 3, 3, 3, 2]);
add('maxPooling3d', ["tf.layers.maxPooling3d({poolSize: 2, inputShape: [4, 4, 4, 2]})"], [1, 4, 4, 4, 2]);
add('globalAveragePooling2d', ["tf.layers.globalAveragePooling2d({inputShape: [5, 4, 3]})"], [2, 5, 4, 3]);
add('globalMaxPooling2d channelsFirst', ["tf.layers.globalMaxPooling2d({dataFormat: 'channelsFirst', inputShape: [3, 5, 4]})"], [2, 3, 5, 4]);
add('globalAveragePooling1d', ["tf.layers.globalAveragePooling1d({inputShape: [6, 3]})"], [2, 6, 3]);
add('globalMaxPooling1d', ["tf.layers.globalMaxPooling1d({inputShape: [6, 3]})"], [2, 6, 3]);

// Reshaping.
add('conv, flatten, dense (MNIST style)', [
  "tf.layers.conv2d({filters: 4, kernelSize: 3, activation: 'relu', inputShape: [10, 10, 1]})",
  'tf.layers.maxPooling2d({poolSize: 2})',
  'tf.layers.flatten()',
  "tf.layers.dense({units: 5, activation: 'softmax'})",
], [3, 10, 10, 1]);
add('flatten channelsFirst', ["tf.layers.flatten({dataFormat: 'channelsFirst', inputShape: [3, 2, 4]})"], [2, 3, 2, 4]);
add('reshape with -1', ['tf.layers.reshape({targetShape: [3, -1], inputShape: [12]})'], [2, 12]);
add('permute', ['tf.layers.permute({dims: [2, 1], inputShape: [3, 5]})'], [2, 3, 5]);
add('repeatVector', ['tf.layers.repeatVector({n: 3, inputShape: [4]})'], [2, 4]);

add('upSampling2d', ['tf.layers.upSampling2d({size: [2, 3], inputShape: [3, 2, 2]})'], [2, 3, 2, 2]);
add('upSampling2d channelsFirst', ["tf.layers.upSampling2d({size: [2, 2], dataFormat: 'channelsFirst', inputShape: [2, 3, 2]})"], [1, 2, 3, 2]);
add('zeroPadding2d', ['tf.layers.zeroPadding2d({padding: [[1, 2], [0, 1]], inputShape: [3, 4, 2]})'], [2, 3, 4, 2]);
add('cropping2D', ['tf.layers.cropping2D({cropping: [[1, 0], [2, 1]], inputShape: [5, 6, 2]})'], [2, 5, 6, 2]);

// Inference: dropout and noise are the identity.
add('dropout', ['tf.layers.dropout({rate: 0.5, inputShape: [6]})', 'tf.layers.dense({units: 3})'], [4, 6]);
add('spatialDropout1d', ['tf.layers.spatialDropout1d({rate: 0.3, inputShape: [5, 3]})'], [2, 5, 3]);
add('gaussianNoise, gaussianDropout, alphaDropout', ['tf.layers.gaussianNoise({stddev: 1, inputShape: [5]})', 'tf.layers.gaussianDropout({rate: 0.4})', 'tf.layers.alphaDropout({rate: 0.2})'], [3, 5]);

// Normalisation (inference: moving statistics).
add('batchNormalization', ['tf.layers.batchNormalization({inputShape: [4, 5, 3]})'], [2, 4, 5, 3]);
// Axis 1 is the last here: on a non-last axis TF.js' CPU kernel (tfjs-backend-cpu BatchNorm.ts)
// reads the statistics by flat position, so its numbers depend on the backend; no kernel then.
add('batchNormalization axis 1, no scale', ['tf.layers.batchNormalization({axis: 1, scale: false, epsilon: 0.01, inputShape: [4]})'], [3, 4]);
add('layerNormalization', ['tf.layers.layerNormalization({inputShape: [4, 6]})'], [2, 4, 6]);

// Embedding: ids as a float tensor, as TF.js programs pass them.
add('embedding', ['tf.layers.embedding({inputDim: 10, outputDim: 4, inputLength: 5})'], [3, 5], { ints: 10 });

// Recurrent layers: TF.js gates with hardSigmoid by default and its GRU has no reset_after.
add('simpleRNN', ['tf.layers.simpleRNN({units: 4, inputShape: [5, 3]})'], [2, 5, 3]);
add('simpleRNN relu, sequences', ["tf.layers.simpleRNN({units: 3, activation: 'relu', returnSequences: true, inputShape: [4, 2]})"], [2, 4, 2]);
add('lstm', ['tf.layers.lstm({units: 4, inputShape: [5, 3]})'], [2, 5, 3]);
add('lstm sequences, sigmoid gates', ["tf.layers.lstm({units: 3, returnSequences: true, recurrentActivation: 'sigmoid', inputShape: [4, 2]})", 'tf.layers.dense({units: 2})'], [2, 4, 2]);
add('lstm without bias', ['tf.layers.lstm({units: 2, useBias: false, inputShape: [3, 4]})'], [2, 3, 4]);
add('gru', ['tf.layers.gru({units: 4, inputShape: [5, 3]})'], [2, 5, 3]);
add('gru sequences', ["tf.layers.gru({units: 3, returnSequences: true, activation: 'relu', inputShape: [4, 2]})"], [2, 4, 2]);
add('text model: embedding, lstm, dense', ['tf.layers.embedding({inputDim: 12, outputDim: 4, inputLength: 6})', 'tf.layers.lstm({units: 5})', "tf.layers.dense({units: 2, activation: 'softmax'})"], [3, 6], { ints: 12 });

add('timeDistributed dense (seq2seq head)', ['tf.layers.lstm({units: 4, returnSequences: true, inputShape: [5, 3]})', "tf.layers.timeDistributed({layer: tf.layers.dense({units: 3, activation: 'softmax'})})"], [2, 5, 3]);
add('timeDistributed conv2d', ["tf.layers.timeDistributed({layer: tf.layers.conv2d({filters: 2, kernelSize: 2}), inputShape: [3, 4, 4, 2]})"], [2, 3, 4, 4, 2]);

// Activation layers.
add('reLU maxValue', ['tf.layers.reLU({maxValue: 0.5, inputShape: [6]})'], [3, 6]);
add('leakyReLU', ['tf.layers.leakyReLU({alpha: 0.1, inputShape: [6]})'], [3, 6]);
add('leakyReLU default', ['tf.layers.leakyReLU({inputShape: [6]})'], [3, 6]);
add('elu layer', ['tf.layers.elu({inputShape: [6]})'], [3, 6]);
// Its default axis is 1 (the last one only on rank 2: on rank 3 TF.js throws "Softmax along a
// non-last dimension is not yet supported", and the lowering has no kernel).
add('softmax layer (axis 1)', ['tf.layers.softmax({inputShape: [4]})'], [3, 4]);
add('softmax layer axis -1', ['tf.layers.softmax({axis: -1, inputShape: [3, 4]})'], [2, 3, 4]);
add('thresholdedReLU', ['tf.layers.thresholdedReLU({theta: 0.3, inputShape: [6]})'], [3, 6]);
add('prelu', ['tf.layers.prelu({inputShape: [4, 3]})'], [2, 4, 3]);

// Merge layers (functional models): lower ranks get 1s after the batch axis (merge.ts Merge.call).
const twoInputs = "const a = tf.input({shape: [4, 3]}); const b = tf.input({shape: [4, 3]});";
for (const merge of ['add', 'multiply', 'average', 'maximum', 'minimum']) {
  addGraph(merge, `${twoInputs} const model = tf.model({inputs: [a, b], outputs: tf.layers.${merge}().apply([a, b])});`, [[2, 4, 3], [2, 4, 3]]);
}
addGraph('add of three, with broadcasting ranks', "const a = tf.input({shape: [4, 3]}); const b = tf.input({shape: [3]}); const c = tf.input({shape: [1, 3]}); const model = tf.model({inputs: [a, b, c], outputs: tf.layers.add().apply([a, b, c])});", [[2, 4, 3], [2, 3], [2, 1, 3]]);
addGraph('concatenate', `${twoInputs} const model = tf.model({inputs: [a, b], outputs: tf.layers.concatenate().apply([a, b])});`, [[2, 4, 3], [2, 4, 3]]);
addGraph('concatenate axis 1', "const a = tf.input({shape: [4, 3]}); const b = tf.input({shape: [2, 3]}); const model = tf.model({inputs: [a, b], outputs: tf.layers.concatenate({axis: 1}).apply([a, b])});", [[2, 4, 3], [2, 2, 3]]);
addGraph('dot of vectors', "const a = tf.input({shape: [5]}); const b = tf.input({shape: [5]}); const model = tf.model({inputs: [a, b], outputs: tf.layers.dot({axes: 1}).apply([a, b])});", [[3, 5], [3, 5]]);
addGraph('dot normalized (cosine)', "const a = tf.input({shape: [5]}); const b = tf.input({shape: [5]}); const model = tf.model({inputs: [a, b], outputs: tf.layers.dot({axes: -1, normalize: true}).apply([a, b])});", [[3, 5], [3, 5]]);
addGraph('dot of sequences, axes [2, 2]', "const a = tf.input({shape: [4, 3]}); const b = tf.input({shape: [6, 3]}); const model = tf.model({inputs: [a, b], outputs: tf.layers.dot({axes: [2, 2]}).apply([a, b])});", [[2, 4, 3], [2, 6, 3]]);
addGraph('dot of sequences, axes [1, 1]', "const a = tf.input({shape: [4, 3]}); const b = tf.input({shape: [4, 2]}); const model = tf.model({inputs: [a, b], outputs: tf.layers.dot({axes: [1, 1]}).apply([a, b])});", [[2, 4, 3], [2, 4, 2]]);
addGraph('residual block', [
  'const x = tf.input({shape: [6, 6, 4]});',
  "const h = tf.layers.conv2d({filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', name: 'c1'}).apply(x);",
  "const h2 = tf.layers.conv2d({filters: 4, kernelSize: 3, padding: 'same', name: 'c2'}).apply(h);",
  'const s = tf.layers.add().apply([x, h2]);',
  "const out = tf.layers.dense({units: 3, name: 'head'}).apply(tf.layers.globalAveragePooling2d({}).apply(s));",
  'const model = tf.model({inputs: x, outputs: out});',
].join(' '), [[2, 6, 6, 4]]);

function b64(typed) {
  return Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength).toString('base64');
}

function tensorJson(shape, values) {
  return { tensor: shape, dtype: 'float32', data: b64(Float32Array.from(values)) };
}

const out = [];
for (const [i, c] of cases.entries()) {
  const rand = generator(1000 + i);
  const model = c.code
    ? new Function('tf', `${c.code}\nreturn model;`)(tf)
    : tf.sequential({ layers: c.layers.map((src) => new Function('tf', `return ${src}`)(tf)) });
  const weights = {};
  model.layers.forEach((layer, li) => {
    if (c.code && layer.weights.length > 0 && !/^[a-z0-9]+$/.test(layer.name)) throw new Error(`${c.name}: name the layer ${layer.name}`);
    const values = layer.weights.map((w) => {
      const short = w.originalName.slice(w.originalName.lastIndexOf('/') + 1);
      const n = w.shape.reduce((a, b) => a * b, 1);
      // Variances must be positive; everything else in [-1, 1).
      const data = Array.from({ length: n }, () => (short === 'moving_variance' ? 0.5 + rand() : 2 * rand() - 1));
      weights[c.code ? `name:${layer.name}/${short}` : `${li}/${short}`] = tensorJson(w.shape, data);
      return tf.tensor(data, w.shape);
    });
    if (values.length > 0) layer.setWeights(values);
  });
  const inputs = (c.inputs ?? [c.input]).map((shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    return { shape, data: Array.from({ length: n }, () => (c.ints ? Math.floor(rand() * c.ints) : 2 * rand() - 1)) };
  });
  const xs = inputs.map((x) => tf.tensor(x.data, x.shape));
  const y = model.predict(c.inputs ? xs : xs[0]);
  out.push({
    name: c.name, ...(c.code ? { code: c.code } : { layers: c.layers }),
    inputs: inputs.map((x) => tensorJson(x.shape, x.data)), weights, result: tensorJson(y.shape, y.dataSync()),
  });
}

fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'cases.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`${out.length} TF.js forward cases -> ${path.relative(process.cwd(), outDir)}/cases.json`);
