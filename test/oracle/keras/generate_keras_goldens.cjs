// The Keras layer catalogue's oracle: builds each layer from a TF.js config with the real
// @tensorflow/tfjs-layers, applies it to symbolic inputs (tf.input) or concrete tensors, and records
// output shapes, weights (name, shape, trainable), countParams() or the exact error message.
// Run by `npm run oracle`; writes test/oracle/goldens/keras/<family>.json, names.json, summaries.json.
const fs = require('node:fs');
const path = require('node:path');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const tfl = require('@tensorflow/tfjs-layers');

tf.setBackend('cpu');
// TF.js prints a warning for some configs (e.g. dilation with strides); the goldens need none of it.
console.warn = () => {};

const outDir = path.join(__dirname, '..', 'goldens', 'keras');

// ---------------------------------------------------------------------------------------------
// Auto names first, on fresh counters: the rule autoLayerName('tfjs', ...) reproduces.
const nameSequence = ['Dense', 'Dense', 'Conv2D', 'Dense', 'SimpleRNN', 'MaxPooling2D', 'Conv2D', 'LSTM', 'BatchNormalization', 'GlobalAveragePooling1D', 'Conv2DTranspose', 'ReLU', 'PReLU', 'UpSampling2D', 'ZeroPadding2D', 'Cropping2D', 'LayerNormalization', 'TimeDistributed', 'Bidirectional', 'LSTM', 'InputLayer', 'Dense'];
const factoryOf = { Dense: ['dense', { units: 1 }], Conv2D: ['conv2d', { filters: 1, kernelSize: 1 }], SimpleRNN: ['simpleRNN', { units: 1 }], MaxPooling2D: ['maxPooling2d', {}], LSTM: ['lstm', { units: 1 }], BatchNormalization: ['batchNormalization', {}], GlobalAveragePooling1D: ['globalAveragePooling1d', {}], Conv2DTranspose: ['conv2dTranspose', { filters: 1, kernelSize: 1 }], ReLU: ['reLU', {}], PReLU: ['prelu', {}], UpSampling2D: ['upSampling2d', {}], ZeroPadding2D: ['zeroPadding2d', {}], Cropping2D: ['cropping2D', { cropping: 1 }], LayerNormalization: ['layerNormalization', {}], InputLayer: ['inputLayer', { inputShape: [1] }] };
// [className, name] in creation order: a wrapper's layer is made before the wrapper.
const names = [];
for (const cls of nameSequence) {
  if (cls === 'TimeDistributed' || cls === 'Bidirectional') {
    const inner = cls === 'TimeDistributed' ? tfl.layers.dense({ units: 1 }) : tfl.layers.lstm({ units: 1 });
    names.push([inner.getClassName(), inner.name]);
    const layer = tfl.layers[cls === 'TimeDistributed' ? 'timeDistributed' : 'bidirectional']({ layer: inner });
    names.push([cls, layer.name]);
  } else {
    const layer = tfl.layers[factoryOf[cls][0]](factoryOf[cls][1]);
    names.push([cls, layer.name]);
  }
}

// ---------------------------------------------------------------------------------------------
// Cases. A call is a batch shape (symbolic input), {list: [shapes]} (several symbolic inputs),
// {concrete: shape} or {concreteList: [shapes]} (tf.zeros).
const families = new Map();
function add(family, layer, config, calls) {
  if (!families.has(family)) families.set(family, []);
  const list = families.get(family);
  list.push({ id: `${family}/${String(list.length).padStart(3, '0')}`, layer, config, inputs: calls });
}

let seed = 20240611;
function rand() {
  // mulberry32: the same sweep on every run.
  seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

// Dense
for (const units of [1, 10, 64]) {
  for (const shape of [[null, 784], [null, 5, 8], [null, 2, 3, 7], [4, 12]]) {
    for (const useBias of [true, false]) add('dense', 'dense', { units, useBias }, [shape]);
  }
}
add('dense', 'dense', { units: 10, activation: 'relu' }, [[null, 784], { concrete: [32, 784] }]);
add('dense', 'dense', { units: 10 }, [[null, 784], { concrete: [32, 100] }]);
add('dense', 'dense', { units: 10 }, [[null, 784], [null, 28, 28]]);
add('dense', 'dense', { units: 10 }, [[null, 5, 784], [null, 784]]);
add('dense', 'dense', { units: 10 }, [[null]]);
add('dense', 'dense', { units: 10 }, [[null, null]]);
add('dense', 'dense', { units: 3 }, [{ concrete: [2, 6] }]);
add('dense', 'dense', { units: 0 }, [[null, 4]]);
add('dense', 'dense', { units: -2 }, [[null, 4]]);
add('dense', 'dense', { units: 4, trainable: false }, [[null, 6]]);
add('dense', 'dense', { units: 4, inputDim: 6 }, [[null, 6]]);
add('dense', 'dense', { units: 4, inputShape: [6] }, [[null, 6]]);
add('dense', 'dense', { units: 4, name: 'my_dense' }, [[null, 6], [null, 7]]);
add('dense', 'dense', { units: 4 }, [{ list: [[null, 6], [null, 6]] }]);

// Convolutions
const convSpatial = { 1: [[null, 28, 3], [null, 9, 1], [null, 100, 16], [2, 15, 4], [null, null, 8]], 2: [[null, 28, 28, 3], [null, 32, 24, 1], [null, 7, 9, 5], [2, 13, 13, 2], [null, null, null, 3]], 3: [[null, 8, 8, 8, 2], [null, 10, 7, 6, 1], [2, 5, 9, 11, 3]] };
const toChannelsFirst = (s) => [s[0], s[s.length - 1], ...s.slice(1, -1)];
for (const rank of [1, 2, 3]) {
  const layer = `conv${rank}d`;
  const n = rank === 3 ? 40 : 90;
  for (let i = 0; i < n; i++) {
    const kernelSize = rank === 1 ? pick([1, 2, 3, 5, 7, [3]]) : pick([1, 2, 3, 5, rank === 2 ? [3, 1] : [3, 1, 2], rank === 2 ? [2, 4] : [2, 2, 3]]);
    const strides = pick([1, 1, 2, 3, rank === 1 ? [2] : rank === 2 ? [1, 2] : [2, 1, 1]]);
    const padding = pick(['valid', 'same']);
    const dilationRate = pick([1, 1, 1, 2]);
    const dataFormat = rank === 1 ? undefined : pick(['channelsLast', 'channelsLast', 'channelsFirst']);
    const filters = pick([1, 4, 16]);
    const useBias = pick([true, true, false]);
    let shape = pick(convSpatial[rank]);
    if (dataFormat === 'channelsFirst') shape = toChannelsFirst(shape);
    const config = { filters, kernelSize, strides, padding, dilationRate, useBias };
    if (dataFormat) config.dataFormat = dataFormat;
    add('conv', layer, config, [shape]);
  }
}
add('conv', 'conv1d', { filters: 4, kernelSize: 3, padding: 'causal' }, [[null, 10, 2]]);
add('conv', 'conv1d', { filters: 4, kernelSize: 3, padding: 'causal', dilationRate: 2 }, [[null, 10, 2]]);
add('conv', 'conv1d', { filters: 4, kernelSize: 3, padding: 'causal' }, [{ concrete: [1, 10, 2] }]);
add('conv', 'conv2d', { filters: 8, kernelSize: 3 }, [[null, 2, 2, 3]]);
add('conv', 'conv2d', { filters: 8, kernelSize: 5 }, [[null, 3, 3, 1]]);
add('conv', 'conv2d', { filters: 8, kernelSize: 3 }, [[null, 28, 28]]);
add('conv', 'conv2d', { filters: 8, kernelSize: 3 }, [[null, 28, 28, 3, 1]]);
add('conv', 'conv2d', { filters: 8, kernelSize: 3 }, [[null, 28, 28, null]]);
add('conv', 'conv2d', { filters: 8, kernelSize: 3, dataFormat: 'channelsFirst' }, [[null, null, 28, 28]]);
add('conv', 'conv2d', { filters: 8, kernelSize: 3 }, [[null, 28, 28, 3], [null, 28, 28, 4]]);
add('conv', 'conv2d', { filters: 8, kernelSize: 3 }, [[null, 28, 28, 3], [null, 14, 10, 3]]);
add('conv', 'conv2d', { filters: 8, kernelSize: 3 }, [{ concrete: [2, 10, 10, 3] }]);
add('conv', 'conv2d', { filters: 8, kernelSize: [3, 3, 3] }, [[null, 28, 28, 3]]);
add('conv', 'conv2d', { filters: 0, kernelSize: 3 }, [[null, 28, 28, 3]]);
add('conv', 'conv2d', { filters: 8 }, [[null, 28, 28, 3]]);
add('conv', 'conv2d', { filters: 8, kernelSize: 3, strides: [1, 2, 3] }, [[null, 28, 28, 3]]);
add('conv', 'conv2d', { filters: 8, kernelSize: 3, padding: 'full' }, [[null, 28, 28, 3]]);
add('conv', 'conv2d', { filters: 8, kernelSize: 3, dataFormat: 'nchw' }, [[null, 28, 28, 3]]);
add('conv', 'conv2d', { filters: 8, kernelSize: 3, dilationRate: [2, 2, 2] }, [[null, 28, 28, 3]]);
add('conv', 'conv1d', { filters: 8, kernelSize: 3 }, [[null, 28, 28, 3]]);
add('conv', 'conv1d', { filters: 8, kernelSize: 3 }, [[null, 28]]);
add('conv', 'conv1d', { filters: 8, kernelSize: [3, 3] }, [[null, 28, 3]]);
add('conv', 'conv3d', { filters: 8, kernelSize: 3 }, [[null, 28, 28, 3]]);
add('conv', 'conv3d', { filters: 8, kernelSize: [3, 3] }, [[null, 8, 8, 8, 3]]);
add('conv', 'conv2d', { filters: 4, kernelSize: 3, trainable: false }, [[null, 8, 8, 2]]);

// Transposed convolutions
for (let i = 0; i < 40; i++) {
  const kernelSize = pick([1, 2, 3, 4, 5, [3, 2]]);
  const strides = pick([1, 2, 3, [2, 1]]);
  const padding = pick(['valid', 'same']);
  const dataFormat = pick(['channelsLast', 'channelsLast', 'channelsFirst']);
  let shape = pick([[null, 7, 7, 16], [null, 14, 10, 3], [2, 5, 6, 1], [null, null, null, 4]]);
  if (dataFormat === 'channelsFirst') shape = toChannelsFirst(shape);
  add('convTranspose', 'conv2dTranspose', { filters: pick([1, 3, 8]), kernelSize, strides, padding, dataFormat, useBias: pick([true, false]) }, [shape]);
}
for (let i = 0; i < 16; i++) {
  const dataFormat = pick(['channelsLast', 'channelsFirst']);
  let shape = pick([[null, 4, 4, 4, 2], [null, 3, 5, 2, 1], [1, 2, 3, 4, 3]]);
  if (dataFormat === 'channelsFirst') shape = toChannelsFirst(shape);
  add('convTranspose', 'conv3dTranspose', { filters: pick([1, 4]), kernelSize: pick([1, 2, 3, [2, 3, 1]]), strides: pick([1, 2, [1, 2, 3]]), padding: pick(['valid', 'same']), dataFormat }, [shape]);
}
add('convTranspose', 'conv2dTranspose', { filters: 4, kernelSize: 3 }, [[null, 7, 7]]);
add('convTranspose', 'conv2dTranspose', { filters: 4, kernelSize: 3 }, [[null, 7, 7, null]]);
add('convTranspose', 'conv2dTranspose', { filters: 4, kernelSize: 3, padding: 'causal' }, [[null, 7, 7, 2]]);
add('convTranspose', 'conv2dTranspose', { filters: 4, kernelSize: 3 }, [[null, 7, 7, 2], [null, 7, 7, 3]]);
add('convTranspose', 'conv2dTranspose', { filters: 4, kernelSize: 3, strides: 2 }, [{ concrete: [1, 5, 5, 2] }]);
add('convTranspose', 'conv3dTranspose', { filters: 4, kernelSize: 3 }, [[null, 7, 7, 2]]);
add('convTranspose', 'conv3dTranspose', { filters: 4, kernelSize: 3 }, [[null, 4, 4, 4, null]]);

// Separable and depthwise convolutions
for (let i = 0; i < 30; i++) {
  const dataFormat = pick(['channelsLast', 'channelsLast', 'channelsFirst']);
  let shape = pick([[null, 28, 28, 3], [null, 9, 7, 8], [2, 6, 6, 1], [null, null, null, 4]]);
  if (dataFormat === 'channelsFirst') shape = toChannelsFirst(shape);
  add('separable', 'separableConv2d', { filters: pick([1, 4, 16]), kernelSize: pick([1, 3, 5, [3, 1]]), strides: pick([1, 2]), padding: pick(['valid', 'same']), depthMultiplier: pick([1, 2, 3]), dataFormat, useBias: pick([true, false]) }, [shape]);
}
for (let i = 0; i < 30; i++) {
  const dataFormat = pick(['channelsLast', 'channelsLast', 'channelsFirst']);
  let shape = pick([[null, 28, 28, 3], [null, 9, 7, 8], [2, 6, 6, 1], [null, null, null, 4]]);
  if (dataFormat === 'channelsFirst') shape = toChannelsFirst(shape);
  add('separable', 'depthwiseConv2d', { kernelSize: pick([1, 3, 5, [3, 1]]), strides: pick([1, 2]), padding: pick(['valid', 'same']), depthMultiplier: pick([1, 2, 3]), dataFormat, useBias: pick([true, false]) }, [shape]);
}
add('separable', 'separableConv2d', { filters: 4, kernelSize: 3 }, [[null, 28, 28]]);
add('separable', 'separableConv2d', { filters: 4, kernelSize: 3 }, [[null, 28, 28, null]]);
add('separable', 'separableConv2d', { filters: 4, kernelSize: 3 }, [[null, 28, 28, 3], [null, 28, 28, 2]]);
add('separable', 'separableConv2d', { filters: 4, kernelSize: 3, dilationRate: 2 }, [[null, 28, 28, 3]]);
add('separable', 'depthwiseConv2d', { kernelSize: 3 }, [[null, 28, 28]]);
add('separable', 'depthwiseConv2d', { kernelSize: 3 }, [[null, 28, 28, null]]);
add('separable', 'depthwiseConv2d', { kernelSize: 3 }, [[null, 28, 28, 3], [null, 28, 28, 2]]);
add('separable', 'depthwiseConv2d', { kernelSize: 3, dilationRate: 2 }, [[null, 28, 28, 3]]);
add('separable', 'depthwiseConv2d', { kernelSize: 3 }, [{ concrete: [1, 8, 8, 2] }]);

// Pooling
for (const kind of ['max', 'average']) {
  for (let i = 0; i < 30; i++) {
    add('pool', `${kind}Pooling1d`, { poolSize: pick([1, 2, 3, [2]]), strides: pick([undefined, 1, 2, 3]), padding: pick(['valid', 'same']) }, [pick([[null, 28, 3], [null, 9, 1], [2, 15, 4], [null, null, 8], [null, 2, 5]])]);
  }
  for (let i = 0; i < 40; i++) {
    const dataFormat = pick(['channelsLast', 'channelsLast', 'channelsFirst']);
    let shape = pick([[null, 28, 28, 3], [null, 9, 7, 8], [2, 6, 6, 1], [null, null, null, 4], [null, 3, 3, 2]]);
    if (dataFormat === 'channelsFirst') shape = toChannelsFirst(shape);
    add('pool', `${kind}Pooling2d`, { poolSize: pick([1, 2, 3, [2, 3], [3, 1]]), strides: pick([undefined, 1, 2, [1, 2]]), padding: pick(['valid', 'same']), dataFormat }, [shape]);
  }
  for (let i = 0; i < 16; i++) {
    const dataFormat = pick(['channelsLast', 'channelsFirst']);
    let shape = pick([[null, 8, 8, 8, 2], [null, 5, 7, 3, 1], [1, 4, 4, 4, 3]]);
    if (dataFormat === 'channelsFirst') shape = toChannelsFirst(shape);
    add('pool', `${kind}Pooling3d`, { poolSize: pick([1, 2, 3, [2, 1, 3]]), strides: pick([undefined, 1, 2, [1, 2, 1]]), padding: pick(['valid', 'same']), dataFormat }, [shape]);
  }
  add('pool', `${kind}Pooling1d`, {}, [[null, 28, 28, 3]]);
  add('pool', `${kind}Pooling2d`, {}, [[null, 28, 3]]);
  add('pool', `${kind}Pooling3d`, {}, [[null, 28, 28, 3]]);
  add('pool', `${kind}Pooling1d`, { poolSize: [2, 2] }, [[null, 28, 3]]);
  add('pool', `${kind}Pooling2d`, { poolSize: 2, strides: [1, 2, 3] }, [[null, 28, 28, 3]]);
  add('pool', `${kind}Pooling3d`, { poolSize: 2, strides: [1, 2] }, [[null, 8, 8, 8, 3]]);
  add('pool', `${kind}Pooling2d`, { poolSize: 0 }, [[null, 28, 28, 3]]);
  add('pool', `${kind}Pooling2d`, { poolSize: 2, padding: 'causal' }, [[null, 28, 28, 3]]);
  add('pool', `${kind}Pooling2d`, { poolSize: 2 }, [{ concrete: [2, 9, 9, 1] }]);
  add('pool', `${kind}Pooling1d`, { poolSize: 2, dataFormat: 'channelsFirst' }, [[null, 6, 10]]);
}
for (const layer of ['globalMaxPooling1d', 'globalAveragePooling1d']) {
  for (const shape of [[null, 10, 3], [2, 7, 5], [null, null, 8]]) add('globalPool', layer, {}, [shape]);
  add('globalPool', layer, {}, [[null, 10]]);
  add('globalPool', layer, {}, [[null, 10, 3, 2]]);
  add('globalPool', layer, {}, [{ concrete: [2, 4, 3] }]);
}
for (const layer of ['globalMaxPooling2d', 'globalAveragePooling2d']) {
  for (const dataFormat of [undefined, 'channelsLast', 'channelsFirst']) {
    for (const shape of [[null, 10, 8, 3], [2, 7, 5, 1], [null, null, null, 8]]) add('globalPool', layer, dataFormat ? { dataFormat } : {}, [shape]);
  }
  add('globalPool', layer, {}, [[null, 10, 3]]);
  add('globalPool', layer, {}, [[null, 10, 3, 2, 2]]);
  add('globalPool', layer, {}, [{ concrete: [2, 4, 3, 5] }]);
}

// Reshaping
for (const shape of [[null, 28, 28], [null, 4, 5, 6], [2, 3, 4], [null, 7, 1, 1, 2], [null, 10]]) {
  add('reshaping', 'flatten', {}, [shape]);
  add('reshaping', 'flatten', { dataFormat: 'channelsFirst' }, [shape]);
}
add('reshaping', 'flatten', {}, [[null, null, 3]]);
add('reshaping', 'flatten', {}, [[null, 4, null]]);
add('reshaping', 'flatten', {}, [{ concrete: [3, 4, 5] }]);
add('reshaping', 'flatten', {}, [{ concrete: [3, 4] }]);
for (const [targetShape, shape] of [[[784], [null, 28, 28]], [[-1], [null, 4, 5]], [[7, 4], [null, 28]], [[-1, 4], [null, 8, 2]], [[2, -1, 2], [null, 12]], [[3, 3], [null, 8]], [[-1, 3], [null, 8]], [[-1, -1], [null, 8]], [[4, 0], [null, 8]], [[2, 2, 2, 1], [null, 8]], [[5, -1], [null, null, 10]]]) {
  add('reshaping', 'reshape', { targetShape }, [shape]);
  add('reshaping', 'reshape', { targetShape }, [{ concrete: [2, ...shape.slice(1).map((d) => d ?? 10)] }]);
}
for (const [dims, shape] of [[[2, 1], [null, 3, 4]], [[1, 2], [null, 3, 4]], [[3, 1, 2], [null, 2, 3, 4]], [[2, 3, 1], [2, 5, 6, 7]], [[2, 1], [null, 3, 4, 5]], [[1, 1], [null, 3, 4]], [[0, 1], [null, 3, 4]], [[1, 3], [null, 3, 4]], [[2, 1], [null, null, 4]]]) {
  add('reshaping', 'permute', { dims }, [shape]);
}
add('reshaping', 'permute', { dims: [2, 1] }, [{ concrete: [2, 3, 4] }]);
for (const [n, shape] of [[3, [null, 5]], [1, [2, 4]], [10, [null, 32]], [3, [null, 5, 2]], [3, [null]], [2, [null, null]]]) add('reshaping', 'repeatVector', { n }, [shape]);

// Merging
for (const axis of [-1, 1, 2, undefined]) {
  for (const shapes of [[[null, 4, 5], [null, 4, 6]], [[null, 4, 5], [null, 3, 5]], [[null, 4, 5], [null, 4, 5], [null, 4, 5]], [[2, 3, 4], [2, 3, 4]], [[null, 4, 5], [null, 4]], [[null, null, 5], [null, 3, 5]]]) {
    add('merge', 'concatenate', axis === undefined ? {} : { axis }, [{ list: shapes }]);
  }
}
add('merge', 'concatenate', {}, [{ list: [[null, 4]] }]);
add('merge', 'concatenate', {}, [[null, 4]]);
add('merge', 'concatenate', { axis: 0 }, [{ list: [[null, 4], [null, 4]] }]);
add('merge', 'concatenate', { axis: 3 }, [{ list: [[null, 4, 5], [null, 4, 5]] }]);
add('merge', 'concatenate', {}, [{ concreteList: [[2, 3], [2, 5]] }]);
for (const layer of ['add', 'multiply', 'average', 'maximum', 'minimum']) {
  for (const shapes of [[[null, 4], [null, 4]], [[null, 4, 5], [null, 4, 5], [null, 4, 5]], [[null, 4, 5], [null, 1, 5]], [[null, 4, 5], [null, 5]], [[null, 4], [null, 5]], [[2, 3], [3, 3]], [[null, null, 5], [null, 7, 5]], [[null, 4, 1], [null, 1, 6]]]) {
    add('merge', layer, {}, [{ list: shapes }]);
  }
  add('merge', layer, {}, [{ list: [[null, 4]] }]);
  add('merge', layer, {}, [{ concreteList: [[2, 3], [2, 3]] }]);
}
for (const [axes, shapes] of [[-1, [[null, 4], [null, 4]]], [1, [[null, 4], [null, 4]]], [1, [[null, 3, 4], [null, 3, 5]]], [2, [[null, 3, 4], [null, 5, 4]]], [[2, 2], [[null, 3, 4], [null, 5, 4]]], [[1, 2], [[null, 3, 4], [null, 5, 3]]], [-1, [[null, 4], [null, 5]]], [1, [[null, 3, 4], [null, 4, 5]]], [[1, 1], [[null, 3, 4], [null, 3, 6]]], [1, [[null, 4], [null, 4], [null, 4]]]]) {
  add('merge', 'dot', { axes }, [{ list: shapes }]);
  add('merge', 'dot', { axes, normalize: true }, [{ list: shapes }]);
}

// Regularisation
for (const [layer, config] of [['dropout', { rate: 0.5 }], ['dropout', { rate: 0.1, noiseShape: [null, 1, 5] }], ['spatialDropout1d', { rate: 0.2 }], ['gaussianNoise', { stddev: 0.1 }], ['gaussianDropout', { rate: 0.3 }], ['alphaDropout', { rate: 0.3 }]]) {
  for (const shape of [[null, 4, 5], [2, 3, 5], [null, 10]]) add('regularization', layer, config, [shape]);
  add('regularization', layer, config, [{ concrete: [2, 4, 5] }]);
}

// Normalisation
for (const shape of [[null, 10], [null, 5, 4], [null, 8, 8, 3], [2, 4, 4, 4, 2], [null, null, 6]]) {
  for (const config of [{}, { axis: 1 }, { center: false }, { scale: false, center: false }, { trainable: false }]) add('normalization', 'batchNormalization', config, [shape]);
  for (const config of [{}, { axis: 1 }, { axis: [1, -1] }, { center: false }, { scale: false }]) add('normalization', 'layerNormalization', config, [shape]);
}
add('normalization', 'batchNormalization', {}, [[null, 4, null]]);
add('normalization', 'batchNormalization', { axis: 3 }, [[null, 4, 5]]);
add('normalization', 'batchNormalization', {}, [[null, 4], [null, 5]]);
add('normalization', 'batchNormalization', {}, [{ concrete: [2, 3, 4] }]);
add('normalization', 'layerNormalization', { axis: 3 }, [[null, 4, 5]]);
add('normalization', 'layerNormalization', { axis: [1, 1] }, [[null, 4, 5]]);
add('normalization', 'layerNormalization', {}, [[null, 4, null]]);
add('normalization', 'layerNormalization', {}, [{ concrete: [2, 3, 4] }]);

// Embedding
for (const [inputDim, outputDim] of [[100, 16], [7, 3], [1000, 64]]) {
  for (const shape of [[null, 5], [null, null], [2, 9], [null, 3, 4], [null]]) add('embedding', 'embedding', { inputDim, outputDim }, [shape]);
}
add('embedding', 'embedding', { inputDim: 10, outputDim: 4, inputLength: 5 }, [[null, 5]]);
add('embedding', 'embedding', { inputDim: 10, outputDim: 4, inputLength: 5 }, [[null, 6]]);
add('embedding', 'embedding', { inputDim: 10, outputDim: 4, inputLength: [3, 4] }, [[null, 3, 4]]);
add('embedding', 'embedding', { inputDim: 10, outputDim: 4, inputLength: [3, 4] }, [[null, 3, 5]]);
add('embedding', 'embedding', { inputDim: 10, outputDim: 4, inputLength: 5 }, [[null, null]]);
add('embedding', 'embedding', { inputDim: 10, outputDim: 4, maskZero: true }, [[null, 5]]);
add('embedding', 'embedding', { inputDim: 10, outputDim: 4 }, [{ concrete: [2, 5] }]);
add('embedding', 'embedding', { inputDim: 10, outputDim: 4, trainable: false }, [[null, 5]]);

// Recurrent
const recurrentInit = { recurrentInitializer: 'glorotUniform' };
for (const layer of ['simpleRNN', 'gru', 'lstm']) {
  for (let i = 0; i < 26; i++) {
    const config = { units: pick([1, 4, 16, 32]), returnSequences: pick([false, true]), returnState: pick([false, false, true]), goBackwards: pick([false, true]), useBias: pick([true, true, false]), ...recurrentInit };
    if (layer === 'gru') config.resetAfter = pick([false, true]);
    add('recurrent', layer, config, [pick([[null, 5, 3], [null, null, 8], [2, 7, 4], [null, 1, 16]])]);
  }
  add('recurrent', layer, { units: 4, ...recurrentInit }, [[null, 5]]);
  add('recurrent', layer, { units: 4, ...recurrentInit }, [[null, 5, 3, 2]]);
  add('recurrent', layer, { units: 4, ...recurrentInit }, [[null, 5, null]]);
  add('recurrent', layer, { units: 4, ...recurrentInit }, [[null, 5, 3], [null, 5, 4]]);
  add('recurrent', layer, { units: 4, ...recurrentInit }, [[null, 5, 3], [null, 9, 3]]);
  add('recurrent', layer, { units: 4, returnSequences: true, returnState: true, ...recurrentInit }, [{ concrete: [2, 5, 3] }]);
  add('recurrent', layer, { units: 4, trainable: false, ...recurrentInit }, [[null, 5, 3]]);
  add('recurrent', layer, { units: 0, ...recurrentInit }, [[null, 5, 3]]);
}

// Wrappers
for (const inner of ['simpleRNN', 'gru', 'lstm']) {
  for (const mergeMode of ['concat', 'sum', 'mul', 'ave', null, undefined]) {
    for (const returnSequences of [false, true]) {
      const config = { layer: { type: inner, config: { units: pick([2, 4, 8]), returnSequences, ...recurrentInit } } };
      if (mergeMode !== undefined) config.mergeMode = mergeMode;
      add('wrappers', 'bidirectional', config, [pick([[null, 5, 3], [2, 7, 4], [null, null, 6]])]);
    }
  }
  add('wrappers', 'bidirectional', { layer: { type: inner, config: { units: 4, returnState: true, ...recurrentInit } } }, [[null, 5, 3]]);
  add('wrappers', 'bidirectional', { layer: { type: inner, config: { units: 4, ...recurrentInit } } }, [[null, 5]]);
  add('wrappers', 'bidirectional', { layer: { type: inner, config: { units: 4, ...recurrentInit } }, mergeMode: 'max' }, [[null, 5, 3]]);
}
for (const [inner, shape] of [[{ type: 'dense', config: { units: 8 } }, [null, 10, 16]], [{ type: 'dense', config: { units: 3 } }, [2, 4, 5]], [{ type: 'dense', config: { units: 3 } }, [null, null, 5]], [{ type: 'dense', config: { units: 3 } }, [null, 4, 6, 5]], [{ type: 'conv2d', config: { filters: 4, kernelSize: 3 } }, [null, 5, 28, 28, 1]], [{ type: 'conv2d', config: { filters: 4, kernelSize: 3, padding: 'same' } }, [null, 5, 8, 8, 3]], [{ type: 'maxPooling2d', config: {} }, [null, 5, 8, 8, 3]], [{ type: 'flatten', config: {} }, [null, 5, 8, 8, 3]], [{ type: 'dense', config: { units: 3 } }, [null, 5]], [{ type: 'dropout', config: { rate: 0.5 } }, [null, 5, 6]], [{ type: 'conv2d', config: { filters: 4, kernelSize: 3 } }, [null, 5, 28, 28]], [{ type: 'dense', config: { units: 3 } }, { concrete: [2, 4, 5] }]]) {
  add('wrappers', 'timeDistributed', { layer: inner }, [shape]);
}
add('wrappers', 'timeDistributed', { layer: { type: 'dense', config: { units: 3 } } }, [[null, 4, 5], [null, 4, 6]]);
add('wrappers', 'timeDistributed', { layer: { type: 'dense', config: { units: 3 } } }, [[null, 4, 5], [null, 7, 5]]);

// Spatial: up-sampling, zero-padding, cropping
for (let i = 0; i < 14; i++) {
  const dataFormat = pick([undefined, 'channelsLast', 'channelsFirst']);
  let shape = pick([[null, 7, 7, 3], [2, 4, 5, 1], [null, null, 6, 2]]);
  if (dataFormat === 'channelsFirst') shape = toChannelsFirst(shape);
  const config = { size: pick([2, 3, [2, 3], [1, 2]]) };
  if (dataFormat) config.dataFormat = dataFormat;
  add('spatial', 'upSampling2d', config, [shape]);
}
add('spatial', 'upSampling2d', {}, [[null, 7, 7]]);
add('spatial', 'upSampling2d', {}, [{ concrete: [1, 3, 3, 2] }]);
for (let i = 0; i < 14; i++) {
  const dataFormat = pick([undefined, 'channelsLast', 'channelsFirst']);
  let shape = pick([[null, 7, 7, 3], [2, 4, 5, 1], [null, null, 6, 2]]);
  if (dataFormat === 'channelsFirst') shape = toChannelsFirst(shape);
  const config = { padding: pick([1, 2, [1, 2], [[1, 0], [2, 3]]]) };
  if (dataFormat) config.dataFormat = dataFormat;
  add('spatial', 'zeroPadding2d', config, [shape]);
}
add('spatial', 'zeroPadding2d', {}, [[null, 7, 7, 2]]);
add('spatial', 'zeroPadding2d', {}, [[null, 7, 7]]);
add('spatial', 'zeroPadding2d', { padding: [1, 2, 3] }, [[null, 7, 7, 2]]);
add('spatial', 'zeroPadding2d', { padding: [[1, 2, 3], [1, 2]] }, [[null, 7, 7, 2]]);
add('spatial', 'zeroPadding2d', { padding: 1 }, [{ concrete: [1, 3, 3, 2] }]);
for (let i = 0; i < 14; i++) {
  const dataFormat = pick([undefined, 'channelsLast', 'channelsFirst']);
  let shape = pick([[null, 7, 7, 3], [2, 9, 8, 1], [null, null, 6, 2]]);
  if (dataFormat === 'channelsFirst') shape = toChannelsFirst(shape);
  const config = { cropping: pick([1, 2, [1, 2], [[1, 0], [2, 3]]]) };
  if (dataFormat) config.dataFormat = dataFormat;
  add('spatial', 'cropping2D', config, [shape]);
}
add('spatial', 'cropping2D', { cropping: 4 }, [[null, 7, 7, 2]]);
add('spatial', 'cropping2D', { cropping: 1 }, [[null, 7, 7]]);
add('spatial', 'cropping2D', { cropping: 1 }, [{ concrete: [1, 5, 5, 2] }]);

// Activations
for (const [layer, config] of [['activation', { activation: 'relu' }], ['activation', { activation: 'softmax' }], ['reLU', {}], ['reLU', { maxValue: 6 }], ['leakyReLU', {}], ['leakyReLU', { alpha: 0.1 }], ['elu', {}], ['softmax', {}], ['softmax', { axis: 1 }], ['thresholdedReLU', { theta: 0.5 }], ['prelu', {}]]) {
  for (const shape of [[null, 10], [null, 4, 5], [2, 3, 4, 5]]) add('activations', layer, config, [shape]);
}
add('activations', 'activation', { activation: 'relu' }, [{ concrete: [2, 3] }]);
add('activations', 'prelu', { sharedAxes: [1, 2] }, [[null, 8, 8, 3]]);
add('activations', 'prelu', { sharedAxes: 1 }, [[null, 8, 3]]);
add('activations', 'prelu', {}, [[null, 8, 3], [null, 8, 4]]);
add('activations', 'prelu', {}, [[null, 8, 3], [null, 8, 3, 1]]);
add('activations', 'prelu', { trainable: false }, [[null, 8, 3]]);
add('activations', 'prelu', {}, [[null, null, 3]]);
add('activations', 'prelu', {}, [{ concrete: [2, 4, 3] }]);
add('activations', 'elu', { alpha: 0.5 }, [[null, 4]]);
add('activations', 'activation', { activation: 'nope' }, [[null, 4]]);

// Core odds and ends
for (const shape of [[null, 5, 3], [2, 4], [null, null, 8]]) add('core', 'masking', { maskValue: 0 }, [shape]);
add('core', 'masking', {}, [{ concrete: [2, 3, 4] }]);
for (const shape of [[null, 5, 3], [2, 4], [null, 28, 28, 1]]) {
  add('core', 'rescaling', { scale: 1 / 255 }, [shape]);
  add('core', 'rescaling', { scale: 2, offset: -1 }, [shape]);
}
add('core', 'rescaling', { scale: 1 / 255 }, [{ concrete: [2, 3] }]);
for (const config of [{ inputShape: [784] }, { inputShape: [28, 28, 1] }, { batchInputShape: [32, 10] }, { inputShape: [5], batchSize: 8 }, { batchInputShape: [null, null, 3] }, { inputShape: [4], batchInputShape: [null, 4] }, {}]) {
  add('core', 'inputLayer', config, []);
}

// ---------------------------------------------------------------------------------------------
function makeLayer(layer, config) {
  const c = JSON.parse(JSON.stringify(config));
  if (c.layer && c.layer.type) c.layer = tfl.layers[c.layer.type](c.layer.config);
  if (c.noiseShape) c.noiseShape = c.noiseShape; // kept as given: null stays null
  return tfl.layers[layer](c);
}

function makeInput(call) {
  if (Array.isArray(call)) return tfl.input({ batchShape: call });
  if (call.list) return call.list.map((s) => tfl.input({ batchShape: s }));
  if (call.concrete) return tf.zeros(call.concrete);
  if (call.concreteList) return call.concreteList.map((s) => tf.zeros(s));
  throw new Error(`bad call ${JSON.stringify(call)}`);
}

const shapesOf = (y) => (Array.isArray(y) ? { list: y.map((t) => t.shape) } : y.shape);

/** A weight's own name: the last path component of `dense_Dense1/kernel`. */
const shortName = (w) => w.originalName.split('/').pop();

function run(c) {
  let layer;
  try {
    layer = makeLayer(c.layer, c.config);
  } catch (e) {
    return { constructError: e.message };
  }
  const out = { name: layer.name, results: [] };
  // A wrapper's inner layer was auto-named by TF.js; its messages use that name.
  if (layer.layer) out.innerName = layer.layer.name;
  if (c.layer === 'inputLayer') {
    out.results.push({ output: layer.inboundNodes[0].outputTensors[0].shape });
  }
  for (const call of c.inputs) {
    try {
      const y = layer.apply(makeInput(call));
      out.results.push({ output: shapesOf(y) });
      if (!Array.isArray(call) && !call.list) tf.dispose(y);
    } catch (e) {
      out.results.push({ error: e.message });
      break;
    }
  }
  if (layer.built) {
    // Trainable means listed in trainableWeights (a frozen layer keeps its variables' own flags).
    out.weights = layer.weights.map((w) => [shortName(w), w.shape, layer.trainableWeights.includes(w)]);
    out.countParams = layer.countParams();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// model.summary() as TF.js prints it, with the per-layer data the formatter is given.
function summaryOf(model) {
  const lines = [];
  model.summary(undefined, undefined, (s) => lines.push(s));
  const layers = model.layers.map((l) => ({
    name: l.name, className: l.getClassName(),
    inputShapes: l.inboundNodes.map((n) => n.inputShapes),
    outputShape: l.outputShape, params: l.countParams(),
    connections: l.inboundNodes.flatMap((n) => n.inboundLayers.map((il, i) => `${il.name}[${n.nodeIndices[i]}][${n.tensorIndices[i]}]`)),
  }));
  const trainable = model.trainableWeights.reduce((a, w) => a + w.shape.reduce((x, y) => x * y, 1), 0);
  const nonTrainable = model.nonTrainableWeights.reduce((a, w) => a + w.shape.reduce((x, y) => x * y, 1), 0);
  return { layers, trainable, nonTrainable, lines };
}
const summaries = [];
{
  const m = tfl.sequential({ name: 'mlp', layers: [tfl.layers.dense({ units: 64, inputShape: [784], activation: 'relu', name: 'hidden' }), tfl.layers.dropout({ rate: 0.2, name: 'drop' }), tfl.layers.dense({ units: 10, name: 'logits' })] });
  summaries.push({ kind: 'sequential', ...summaryOf(m) });
}
{
  const m = tfl.sequential({ name: 'cnn', layers: [
    tfl.layers.conv2d({ filters: 32, kernelSize: 3, inputShape: [28, 28, 1], name: 'conv_a' }),
    tfl.layers.batchNormalization({ name: 'bn' }),
    tfl.layers.maxPooling2d({ poolSize: 2, name: 'pool' }),
    tfl.layers.flatten({ name: 'flat' }),
    tfl.layers.dense({ units: 10, name: 'out', trainable: false }),
  ] });
  summaries.push({ kind: 'sequential', ...summaryOf(m) });
}
{
  const a = tfl.input({ shape: [8], name: 'in_a' });
  const b = tfl.input({ shape: [8], name: 'in_b' });
  const d = tfl.layers.dense({ units: 4, name: 'shared' });
  const merged = tfl.layers.concatenate({ name: 'cat' }).apply([d.apply(a), d.apply(b)]);
  const out = tfl.layers.dense({ units: 1, name: 'score' }).apply(merged);
  const m = tfl.model({ inputs: [a, b], outputs: out, name: 'siamese' });
  summaries.push({ kind: 'functional', ...summaryOf(m) });
}
{
  const m = tfl.sequential({ name: 'rnn', layers: [
    tfl.layers.embedding({ inputDim: 1000, outputDim: 32, inputLength: 20, name: 'emb' }),
    tfl.layers.bidirectional({ layer: tfl.layers.lstm({ units: 16, returnSequences: true, ...recurrentInit }), name: 'bi' }),
    tfl.layers.globalMaxPooling1d({ name: 'gmp' }),
    tfl.layers.dense({ units: 2, activation: 'softmax', name: 'head' }),
  ] });
  summaries.push({ kind: 'sequential', ...summaryOf(m) });
}

// ---------------------------------------------------------------------------------------------
fs.mkdirSync(outDir, { recursive: true });
let total = 0;
const counts = [];
for (const [family, list] of families) {
  const results = list.map((c) => ({ ...c, ...run(c) }));
  total += results.length;
  counts.push(`${family} ${results.length}`);
  fs.writeFileSync(path.join(outDir, `${family}.json`), `[\n${results.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]\n`);
}
fs.writeFileSync(path.join(outDir, 'names.json'), `[\n${names.map((n) => `  ${JSON.stringify(n)}`).join(',\n')}\n]\n`);
// One model per block, one layer or printed line per row: diffs stay readable.
const summaryText = summaries.map((m) => [
  `  {"kind":${JSON.stringify(m.kind)},"trainable":${m.trainable},"nonTrainable":${m.nonTrainable},`,
  `   "layers":[\n${m.layers.map((l) => `    ${JSON.stringify(l)}`).join(',\n')}],`,
  `   "lines":[\n${m.lines.map((l) => `    ${JSON.stringify(l)}`).join(',\n')}]}`,
].join('\n')).join(',\n');
fs.writeFileSync(path.join(outDir, 'summaries.json'), `[\n${summaryText}\n]\n`);
console.log(`${total} Keras layer cases from @tensorflow/tfjs-layers ${tfl.version_layers} (${counts.join(', ')})`);
