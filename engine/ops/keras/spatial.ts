// UpSampling1D/2D/3D, ZeroPadding1D/2D/3D and Cropping1D/2D/3D: each spatial size is
// multiplied, grown or shrunk. UpSampling2D((2, 2)) [N, 7, 7, C] -> [N, 14, 14, C];
// ZeroPadding2D(1) [N, 7, 7, C] -> [N, 9, 9, C]; Cropping2D(1) [N, 7, 7, C] -> [N, 5, 5, C].
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { constIntArg, tensor } from '../args';
import { giveUp } from '../op';
import { dataFormatArg, tupleArg, type DataFormat } from './args';
import { kerasFail, pyShape, pyValue, type KerasCtx } from './dialect';
import { defineLayer, type KerasLayerOp } from './layer';
import { mapKnown, spatialDims, withSpatial } from './shapes';
import type { OnnxCall, OnnxGraph } from '../lowering';
import { strArg } from '../args';

/** The input's spatial axes (after the batch; before or after the channels). */
function spatialAxes(rank: number, f: DataFormat): number[] {
  return Array.from({ length: rank - 2 }, (_, i) => (f === 'channels_first' ? i + 2 : i + 1));
}

/** Nearest-neighbour upsampling by whole factors: each element repeated (a reshape, an expand, a reshape). */
function lowerUpSampling(g: OnnxGraph, call: OnnxCall, k: KerasCtx, n: number): string {
  const self = call.self!;
  if (self.interpolation && strArg(self.interpolation) !== 'nearest') return g.noKernel(`${strArg(self.interpolation)} upsampling`);
  const s = sizes(self, n, k);
  if (!s) return g.noKernel('upsampling sizes TF.js reads as NaN');
  const x = call.args.inputs;
  const shape = g.shape(x);
  const axes = spatialAxes(shape.length, format(self, k));
  const spread: number[] = [];
  const grown: number[] = [];
  shape.forEach((d, i) => {
    spread.push(d);
    grown.push(d);
    const at = axes.indexOf(i);
    if (at >= 0) {
      spread.push(1);
      grown.push(s[at]);
    }
  });
  const y = g.op('Expand', [g.op('Reshape', [g.input(x), g.ints(spread)]), g.ints(grown)]);
  return g.op('Reshape', [y, g.ints(g.shape(call.output))]);
}

function lowerZeroPadding(g: OnnxGraph, call: OnnxCall, k: KerasCtx, n: number): string {
  const x = call.args.inputs;
  const rank = g.shape(x).length;
  const pads = pairsArg(call.self!.padding, n, 'padding', k);
  const axes = spatialAxes(rank, format(call.self!, k));
  const begin = Array.from({ length: rank }, (_, i) => (axes.includes(i) ? pads[axes.indexOf(i)][0] : 0));
  const end = Array.from({ length: rank }, (_, i) => (axes.includes(i) ? pads[axes.indexOf(i)][1] : 0));
  return g.op('Pad', [g.input(x), g.ints([...begin, ...end])], { mode: 'constant' });
}

function lowerCropping(g: OnnxGraph, call: OnnxCall, k: KerasCtx, n: number): string {
  const x = call.args.inputs;
  const shape = g.shape(x);
  const crops = pairsArg(call.self!.cropping, n, 'cropping', k);
  const axes = spatialAxes(shape.length, format(call.self!, k));
  if (axes.some((a, i) => crops[i][0] + crops[i][1] >= shape[a])) return g.noKernel('cropping everything');
  return g.op('Slice', [g.input(x), g.ints(crops.map((c) => c[0])), g.ints(axes.map((a, i) => shape[a] - crops[i][1])), g.ints(axes)]);
}

const ORDINAL = ['1st', '2nd', '3rd'];

function channelsOf(shape: Shape, format: DataFormat): Dim {
  return format === 'channels_first' ? shape[1] : shape[shape.length - 1];
}

function format(self: Record<string, Value>, k: KerasCtx): DataFormat {
  // Keras' 1-D layers take data_format too (ZeroPadding1D), UpSampling1D and Cropping1D do not.
  return self.data_format === undefined ? 'channels_last' : dataFormatArg(self.data_format, k);
}

/** A Python tuple of pairs: `((1, 1), (2, 2))`. */
function pairsText(pairs: readonly (readonly [number, number])[]): string {
  return `(${pairs.map(([a, b]) => `(${a}, ${b})`).join(', ')}${pairs.length === 1 ? ',' : ''})`;
}

/**
 * Per-dimension (before, after) amounts for ZeroPadding/Cropping: an int, n ints, or n pairs.
 * Keras: zero_padding{2,3}d.py / cropping{2,3}d.py constructors (standardize_tuple per entry).
 * TF.js: padding.ts ZeroPadding2D and convolutional.ts Cropping2D constructors.
 */
function pairsArg(v: Value, n: number, what: 'padding' | 'cropping', k: KerasCtx): [number, number][] {
  if (n === 1) {
    const [a, b] = tupleArg(v, 2, what, k, true);
    return [[a, b]];
  }
  if (v.kind === 'int') {
    const x = constIntArg(v);
    // keras/src/layers/reshaping/cropping2d.py:62
    if (k.dialect === 'keras' && what === 'cropping' && x < 0) kerasFail('keras-config', `\`cropping\` cannot be negative. Received: cropping=${x}.`);
    return Array.from({ length: n }, () => [x, x]);
  }
  if (v.kind !== 'list' && v.kind !== 'tuple') return giveUp(what);
  if (v.items.length !== n) {
    if (k.dialect === 'tfjs') {
      if (what === 'padding') kerasFail('keras-config', `ZeroPadding2D expects padding to be a length-2 array, but received a length-${v.items.length} array.`);
      return giveUp('cropping');
    }
    if (n === 2) kerasFail('keras-config', `\`${what}\` should have two elements. Received: ${what}=${pyValue(v)}.`);
    kerasFail('keras-config', what === 'padding' ? `\`padding\` should have 3 elements. Received: ${pyValue(v)}.` : `\`cropping\` should have 3 elements. Received: ${pyValue(v)}.`);
  }
  if (k.dialect === 'tfjs') {
    if (v.items[0].kind === 'int') return v.items.map((x) => [constIntArg(x), constIntArg(x)]);
    return v.items.map((x, i) => {
      const items = x.kind === 'list' || x.kind === 'tuple' ? x.items : giveUp(what);
      if (items.length !== 2 && what === 'padding') kerasFail('keras-config', `ZeroPadding2D expects ${i === 0 ? 'height' : 'width'} padding to be a length-2 array, but received a length-${items.length} array.`);
      return [constIntArg(items[0]), constIntArg(items[1])];
    });
  }
  return v.items.map((x, i) => {
    const [a, b] = tupleArg(x, 2, `${ORDINAL[i]} entry of ${what}`, k, true);
    return [a, b];
  });
}

function upSampling(n: 1 | 2 | 3, tfjs: string[]): KerasLayerOp {
  return defineLayer({
    className: `UpSampling${n}D`, tfjs,
    init: n === 1 ? 'size=2' : n === 2 ? "size=(2, 2), data_format=None, interpolation='nearest'" : 'size=(2, 2, 2), data_format=None',
    call: 'inputs',
    check: (self, k) => void sizes(self, n, k),
    inputSpec: () => [{ ndim: n + 2 }],
    output(self, x, k) {
      const shape = x.shapes[0];
      const f = format(self, k);
      const s = sizes(self, n, k);
      // TF.js' UpSampling2D uses `size` as an array: a plain number gives NaN sizes, which its
      // symbolic shapes show as null (convolutional.ts UpSampling2D.computeOutputShape).
      const out = spatialDims(shape, f).map((L, i) => (s === undefined ? Dim.none() : mapKnown(L, (l) => l.mul(s[i]))));
      return tensor(withSpatial(shape[0], out, channelsOf(shape, f), f));
    },
    onnx: (g, call, k) => lowerUpSampling(g, call, k, n),
  });
}

function sizes(self: Record<string, Value>, n: number, k: KerasCtx): number[] | undefined {
  if (k.dialect === 'tfjs') {
    const v = self.size;
    if (v.kind === 'list' || v.kind === 'tuple') return v.items.map(constIntArg);
    return undefined;
  }
  if (n === 1) {
    const v = self.size;
    // keras/src/layers/reshaping/up_sampling1d.py:47 and 51
    if (v.kind !== 'int') {
      const typeName = v.kind === 'float' ? 'float' : v.kind === 'bool' ? 'bool' : v.kind === 'list' ? 'list' : v.kind === 'tuple' ? 'tuple' : undefined;
      if (!typeName) return giveUp('size');
      kerasFail('keras-config', `Expected an integer value for \`size\`, got <class '${typeName}'>.`, 'TypeError');
    }
    const s = constIntArg(v);
    if (s <= 0) kerasFail('keras-config', `Argument \`size\` should be a positive integer. Received: size=${s}`);
    return [s];
  }
  return tupleArg(self.size, n, 'size', k);
}

export const UpSampling1D = upSampling(1, []);
export const UpSampling2D = upSampling(2, ['upSampling2d']);
export const UpSampling3D = upSampling(3, []);

function zeroPadding(n: 1 | 2 | 3, tfjs: string[]): KerasLayerOp {
  return defineLayer({
    className: `ZeroPadding${n}D`, tfjs,
    init: `padding=${n === 1 ? '1' : n === 2 ? '(1, 1)' : '((1, 1), (1, 1), (1, 1))'}, data_format=None`,
    call: 'inputs',
    check: (self, k) => void pairsArg(self.padding, n, 'padding', k),
    inputSpec: () => [{ ndim: n + 2 }],
    output(self, x, k) {
      const shape = x.shapes[0];
      const f = format(self, k);
      const pads = pairsArg(self.padding, n, 'padding', k);
      const out = spatialDims(shape, f).map((L, i) => mapKnown(L, (l) => {
        // TF.js treats a negative size as unknown (padding.ts ZeroPadding2D.computeOutputShape).
        if (k.dialect === 'tfjs' && l.value !== undefined && l.value < 0) return Dim.none();
        return l.add(pads[i][0] + pads[i][1]);
      }));
      return tensor(withSpatial(shape[0], out, channelsOf(shape, f), f));
    },
    onnx: (g, call, k) => lowerZeroPadding(g, call, k, n),
  });
}

export const ZeroPadding1D = zeroPadding(1, []);
export const ZeroPadding2D = zeroPadding(2, ['zeroPadding2d']);
export const ZeroPadding3D = zeroPadding(3, []);

function cropping(n: 1 | 2 | 3, tfjs: string[]): KerasLayerOp {
  return defineLayer({
    className: `Cropping${n}D`, tfjs,
    init: n === 1 ? 'cropping=(1, 1)' : n === 2 ? 'cropping=((0, 0), (0, 0)), data_format=None' : 'cropping=((1, 1), (1, 1), (1, 1)), data_format=None',
    call: 'inputs',
    check: (self, k) => void pairsArg(self.cropping, n, 'cropping', k),
    inputSpec: () => [{ ndim: n + 2 }],
    output(self, x, k) {
      const shape = x.shapes[0];
      const f = format(self, k);
      const crops = pairsArg(self.cropping, n, 'cropping', k);
      const spatial = spatialDims(shape, f);
      if (k.dialect === 'tfjs') {
        // TF.js subtracts from null as JavaScript does (null - 1 - 1 is -2): convolutional.ts
        // Cropping2D.computeOutputShape.
        const out = spatial.map((L, i) => (L.isNone ? Dim.of(0) : L).sub(crops[i][0] + crops[i][1]));
        return tensor(withSpatial(shape[0], out, channelsOf(shape, f), f));
      }
      const out = spatial.map((L, i) => mapKnown(L, (l) => {
        const o = l.sub(crops[i][0] + crops[i][1]);
        if (o.value !== undefined && o.value <= 0) {
          kerasFail('keras-cropping', n === 1
            // keras/src/layers/reshaping/cropping1d.py:56
            ? `\`cropping\` parameter of \`Cropping1D\` layer must be smaller than the input length. Received: input_shape=${pyShape(shape)}, cropping=(${crops[0][0]}, ${crops[0][1]})`
            // keras/src/layers/reshaping/cropping2d.py:99 (cropping3d.py:115)
            : `Values in \`cropping\` argument should be smaller than the corresponding spatial dimension of the input. Received: input_shape=${pyShape(shape)}, cropping=${pairsText(crops)}`);
        }
        return o;
      }));
      return tensor(withSpatial(shape[0], out, channelsOf(shape, f), f));
    },
    onnx: (g, call, k) => lowerCropping(g, call, k, n),
  });
}

export const Cropping1D = cropping(1, []);
export const Cropping2D = cropping(2, ['cropping2D']);
export const Cropping3D = cropping(3, []);

export const spatialLayers = [UpSampling1D, UpSampling2D, UpSampling3D, ZeroPadding1D, ZeroPadding2D, ZeroPadding3D, Cropping1D, Cropping2D, Cropping3D];

