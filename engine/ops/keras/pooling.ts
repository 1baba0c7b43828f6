// keras.layers.MaxPooling1D/2D/3D, AveragePooling1D/2D/3D and the global pools.
// MaxPooling2D(2) [N, 28, 28, C] -> [N, 14, 14, C]; GlobalAveragePooling2D [N, H, W, C] -> [N, C]
// (keepdims: [N, 1, 1, C]). Window counts come from the shared sliding-window rule.
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { isNone, strArg, tensor } from '../args';
import { sameWindowOutput, slidingWindowOutput } from '../common/window';
import { giveUp } from '../op';
import type { BoundArgs } from '../signature';
import { dataFormatArg, flag, paddingArg, tupleArg, type DataFormat } from './args';
import { jsonValue, kerasFail, type KerasCtx } from './dialect';
import { defineLayer, type KerasLayerOp } from './layer';
import { mapKnown, spatialDims, withSpatial } from './shapes';
import type { OnnxCall, OnnxGraph } from '../lowering';
import { floatInput, fromChannelsFirst, tfPads, toChannelsFirst } from './lowerKeras';

interface PoolArgs {
  readonly pool: number[];
  readonly strides: number[];
  readonly padding: string;
  readonly format: DataFormat;
}

/**
 * Keras: keras/src/layers/pooling/base_pooling.py:23-33 (standardize_tuple; strides default to
 * pool_size; padding is not checked until the shape is computed).
 * TF.js: tfjs-layers/src/layers/pooling.ts Pooling1D/2D/3D constructors.
 */
function readArgs(self: BoundArgs, n: 1 | 2 | 3, k: KerasCtx): PoolArgs {
  if (k.dialect === 'keras') {
    const pool = tupleArg(self.pool_size, n, 'pool_size', k);
    const strides = isNone(self.strides) ? tupleArg(self.pool_size, n, 'strides', k, true) : tupleArg(self.strides, n, 'strides', k, true);
    const format = dataFormatArg(self.data_format, k);
    return { pool, strides, padding: strArg(self.padding), format };
  }
  let pool: number[];
  let strides: number[];
  if (n === 1) {
    pool = oneOf(self.pool_size, 'poolSize');
    strides = isNone(self.strides) ? pool : oneOf(self.strides, 'strides');
    positive(pool, 'poolSize');
    positive(strides, 'strides');
  } else {
    pool = ints(self.pool_size, n);
    if (isNone(self.strides)) strides = pool;
    else if (self.strides.kind === 'list' || self.strides.kind === 'tuple') {
      if (self.strides.items.length !== n) {
        kerasFail('keras-config', `If the strides property of a ${n}D pooling layer is an Array, it is expected to have a length of ${n}, but received length ${self.strides.items.length}.`);
      }
      strides = ints(self.strides, n);
    } else strides = ints(self.strides, n);
    positive(pool, 'poolSize');
    positive(strides, 'strides');
  }
  const padding = paddingArg(self.padding, k, true);
  // TF.js' 1-D pools have no data format (the config translation drops it).
  const format = n === 1 ? 'channels_last' : dataFormatArg(self.data_format, k);
  return { pool, strides, padding, format };
}

/** TF.js 1-D pools: a number or an array of one number. */
function oneOf(v: Value, name: string): number[] {
  if (v.kind === 'int') return [int(v)];
  if ((v.kind === 'list' || v.kind === 'tuple') && v.items.length === 1 && v.items[0].kind === 'int') return [int(v.items[0])];
  return kerasFail('keras-config', `${name} for 1D convolutional layer must be a number or an Array of a single number, but received ${jsonValue(v)}`);
}

function ints(v: Value, n: number): number[] {
  if (v.kind === 'list' || v.kind === 'tuple') return v.items.map(int);
  return Array.from({ length: n }, () => int(v));
}

function int(v: Value): number {
  const x = v.kind === 'int' ? v.dim.value : undefined;
  return x === undefined ? giveUp('expected an int') : x;
}

/** tfjs-layers/src/utils/generic_utils.ts assertPositiveInteger on an array. */
function positive(values: number[], name: string): void {
  values.forEach((v, i) => {
    if (!(Number.isInteger(v) && v > 0)) kerasFail('keras-config', `Expected element ${i + 1} of ${name} to be a positive integer, but got ${v}.`);
  });
}

/** A NumPy array as str() prints it: `[3 3]`, `[None 2 2 3]`. */
function npArray(xs: readonly (number | Dim)[]): string {
  return `[${xs.map((x) => (typeof x === 'number' ? String(x) : x.isNone ? 'None' : x.toString())).join(' ')}]`;
}

function tuple(xs: readonly number[]): string {
  return xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(', ')})`;
}

/** keras/src/ops/operation_utils.py compute_pooling_output_shape (lines 80-168); TF.js convOutputLength. */
function poolOutput(a: PoolArgs, shape: Shape, k: KerasCtx): Dim[] {
  const keras = k.dialect === 'keras';
  if (keras && a.padding !== 'valid' && a.padding !== 'same') {
    kerasFail('keras-config', `Argument \`padding\` must be either 'valid' or 'same'. Received: padding=${a.padding}`);
  }
  if (a.strides.some((s) => s === 0)) giveUp('zero stride');
  const out = spatialDims(shape, a.format).map((L, i) => mapKnown(L, (l) => {
    if (a.padding === 'same') return sameWindowOutput(l, a.strides[i]);
    const o = slidingWindowOutput(l, a.pool[i], a.strides[i], 0, 0);
    if (keras && o.value !== undefined && o.value <= 0) {
      // keras/src/ops/operation_utils.py:141
      kerasFail('keras-output-size', `Computed output size would be zero or negative. Received: \`inputs.shape=${npArray(shape)}\`, \`pool_size=${npArray(a.pool)}\`, \`strides=${tuple(a.strides)}\`, \`padding=${a.padding}\`.`);
    }
    return o;
  }));
  const channels = a.format === 'channels_first' ? shape[1] : shape[shape.length - 1];
  return withSpatial(shape[0], out, channels, a.format);
}

function poolLayer(kind: 'Max' | 'Average', n: 1 | 2 | 3, tfjs: string[]): KerasLayerOp {
  const defaultPool = kind === 'Max' ? (n === 1 ? '2' : `(${Array(n).fill('2').join(', ')})`) : undefined;
  return defineLayer({
    className: `${kind}Pooling${n}D`,
    aliases: [`keras.layers.${kind === 'Max' ? 'Max' : 'Avg'}Pool${n}D`],
    tfjs,
    // keras/src/layers/pooling/max_pooling{n}d.py and average_pooling{n}d.py (pool_size required).
    init: `${defaultPool ? `pool_size=${defaultPool}` : 'pool_size'}, strides=None, padding='valid', data_format=None, name=None`,
    call: 'inputs',
    check: (self, k) => void readArgs(self, n, k),
    inputSpec: () => [{ ndim: n + 2 }],
    output: (self, x, k) => tensor(poolOutput(readArgs(self, n, k), x.shapes[0], k)),
    onnx: (g, call, k) => {
      const a = readArgs(call.self!, n, k);
      const x = call.args.inputs;
      const shape = g.shape(x);
      const r = shape.length;
      const spatial = a.format === 'channels_first' ? shape.slice(2) : shape.slice(1, -1);
      const pads = tfPads(a.padding, spatial, a.pool, a.strides, a.pool.map(() => 1));
      const xs = toChannelsFirst(g, floatInput(g, x), r, a.format);
      // TensorFlow's average pool divides by the window's cells inside the input (padding excluded).
      const y = kind === 'Max'
        ? g.op('MaxPool', [xs], { kernel_shape: a.pool, strides: a.strides, pads })
        : g.op('AveragePool', [xs], { kernel_shape: a.pool, strides: a.strides, pads, count_include_pad: 0 });
      return fromChannelsFirst(g, y, r, a.format);
    },
  });
}

export const MaxPooling1D = poolLayer('Max', 1, ['maxPooling1d', 'maxPool1d']);
export const MaxPooling2D = poolLayer('Max', 2, ['maxPooling2d', 'maxPool2d']);
export const MaxPooling3D = poolLayer('Max', 3, ['maxPooling3d']);
export const AveragePooling1D = poolLayer('Average', 1, ['averagePooling1d', 'avgPool1d', 'avgPooling1d']);
export const AveragePooling2D = poolLayer('Average', 2, ['averagePooling2d', 'avgPool2d', 'avgPooling2d']);
export const AveragePooling3D = poolLayer('Average', 3, ['averagePooling3d', 'avgPool3d', 'avgPooling3d']);

/**
 * Global pools: keras/src/layers/pooling/base_global_pooling.py (spec ndim n+2, keepdims);
 * TF.js' have no keepdims and its 1-D ones no data format (pooling.ts GlobalPooling1D/2D).
 */
function globalPool(kind: 'Max' | 'Average', n: 1 | 2 | 3, tfjs: string[]): KerasLayerOp {
  return defineLayer({
    className: `Global${kind}Pooling${n}D`,
    aliases: [`keras.layers.Global${kind === 'Max' ? 'Max' : 'Avg'}Pool${n}D`],
    tfjs,
    init: 'data_format=None, keepdims=False',
    call: kind === 'Average' && n === 1 ? 'inputs, mask=None' : 'inputs',
    check: (self, k) => void dataFormatArg(self.data_format, k),
    inputSpec: () => [{ ndim: n + 2 }],
    output(self, x, k) {
      const shape = x.shapes[0];
      const format = dataFormatArg(self.data_format, k);
      const channels = format === 'channels_first' ? shape[1] : shape[shape.length - 1];
      if (!flag(self.keepdims)) return tensor([shape[0], channels]);
      return tensor(withSpatial(shape[0], Array.from({ length: shape.length - 2 }, () => Dim.of(1)), channels, format));
    },
    onnx: (g: OnnxGraph, call: OnnxCall, k) => {
      const x = call.args.inputs;
      const r = g.shape(x).length;
      const first = dataFormatArg(call.self!.data_format, k) === 'channels_first';
      const axes = Array.from({ length: r - 2 }, (_, i) => (first ? i + 2 : i + 1));
      const y = g.op(kind === 'Max' ? 'ReduceMax' : 'ReduceMean', [floatInput(g, x)], { axes, keepdims: 1 });
      return g.op('Reshape', [y, g.ints(g.shape(call.output))]);
    },
  });
}

export const GlobalMaxPooling1D = globalPool('Max', 1, ['globalMaxPooling1d', 'globalMaxPool1d']);
export const GlobalMaxPooling2D = globalPool('Max', 2, ['globalMaxPooling2d', 'globalMaxPool2d']);
export const GlobalMaxPooling3D = globalPool('Max', 3, []);
export const GlobalAveragePooling1D = globalPool('Average', 1, ['globalAveragePooling1d']);
export const GlobalAveragePooling2D = globalPool('Average', 2, ['globalAveragePooling2d']);
export const GlobalAveragePooling3D = globalPool('Average', 3, []);

export const poolingLayers = [
  MaxPooling1D, MaxPooling2D, MaxPooling3D, AveragePooling1D, AveragePooling2D, AveragePooling3D,
  GlobalMaxPooling1D, GlobalMaxPooling2D, GlobalMaxPooling3D, GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalAveragePooling3D,
];

