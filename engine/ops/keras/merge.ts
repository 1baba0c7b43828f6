// Merge layers: Add, Subtract, Multiply, Average, Maximum, Minimum (broadcast their inputs),
// Concatenate (sizes along `axis` add up) and Dot (batched dot product).
// Add [[N, 4, 5], [N, 1, 5]] -> [N, 4, 5]; Concatenate() [[N, 4], [N, 6]] -> [N, 10];
// Dot(axes=1) [[N, 4], [N, 4]] -> [N, 1].
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { constIntArg, tensor } from '../args';
import { alignRight } from '../common/broadcast';
import { giveUp, requireEqual } from '../op';
import type { BoundArgs } from '../signature';
import { jsonShape, jsonShapes, kerasFail, pyShape, pyValue, type KerasCtx } from './dialect';
import { defineLayer, type KerasLayerOp, type LayerInput } from './layer';
import type { OnnxCall, OnnxGraph } from '../lowering';
import { floatInput } from './lowerKeras';

/** A list of shapes as Python prints it: `[(None, 4), (None, 5)]`. */
function pyShapes(shapes: readonly Shape[]): string {
  return `[${shapes.map(pyShape).join(', ')}]`;
}

/**
 * Keras' and TF.js' `_compute_elemwise_op_output_shape` (keras/src/layers/merging/base_merge.py:
 * 89-124; tfjs-layers/src/layers/merge.ts Merge.computeElementwiseOpOutputShape): sizes paired
 * from the right; an unknown size on either side gives an unknown size (before the 1 rule), a 1
 * stretches. The longer shape comes first in the message.
 */
function elementwise(k: KerasCtx, s1: Shape, s2: Shape): Shape {
  if (s1.length < s2.length) return elementwise(k, s2, s1);
  if (s2.length === 0) return s1;
  const mismatch = () => ({
    code: 'keras-merge-shapes', exception: 'ValueError',
    message: k.dialect === 'tfjs'
      ? `Operands could not be broadcast together with shapes ${jsonShape(s1)} ${jsonShape(s2)}`
      // keras/src/layers/merging/base_merge.py:94
      : `Inputs have incompatible shapes. Received shapes ${pyShape(s1)} and ${pyShape(s2)}`,
  });
  return alignRight(s1, s2).map(([i, j]) => {
    if (i.isNone || j.isNone) return Dim.none();
    if (i.value === 1) return j;
    if (j.value === 1) return i;
    requireEqual(k.op, i, j, mismatch);
    return i;
  });
}

/** The inputs as a list of at least the number the merge needs (base_merge.py build; merge.ts Merge.build). */
function mergeInputs(x: LayerInput, k: KerasCtx): readonly Shape[] {
  if (k.dialect === 'tfjs') {
    const n = x.isList ? x.shapes.length : 1;
    if (n < 2) kerasFail('keras-merge-inputs', `A merge layer should be called on an Array of at least 2 inputs. Got ${n} input(s).`);
    return x.shapes;
  }
  if (!x.isList) {
    // keras/src/layers/merging/base_merge.py:104
    kerasFail('keras-merge-inputs', `A merge layer should be called on a list of inputs. Received: input_shape=${pyShape(x.shapes[0])} (not a list of shapes)`);
  }
  if (x.shapes.length < 1) giveUp('empty list');
  return x.shapes;
}

/** Batch sizes that are known must agree (base_merge.py:118; merge.ts Merge.build). */
function checkBatch(shapes: readonly Shape[], k: KerasCtx): Dim | undefined {
  const known = shapes.map((s) => s[0]).filter((d) => d !== undefined && !d.isNone);
  const distinct: Dim[] = [];
  for (const d of known) {
    if (distinct.some((e) => e.equals(d) === 'yes')) continue;
    if (distinct.some((e) => e.equals(d) === 'unknown')) return giveUp('symbolic batch sizes');
    distinct.push(d);
  }
  if (distinct.length > 1) {
    kerasFail('keras-merge-batch', k.dialect === 'tfjs'
      ? `Can not merge tensors with different batch sizes. Got tensors with shapes: ${jsonShapes(shapes)}.`
      : `Cannot merge tensors with different batch sizes. Received tensors with shapes ${pyShapes(shapes)}`);
  }
  return distinct[0];
}

/** The output of an elementwise merge: the broadcast non-batch shape after the batch size. */
function elementwiseOutput(shapes: readonly Shape[], k: KerasCtx): Value {
  let out: Shape = shapes[0].slice(1);
  for (const s of shapes.slice(1)) out = elementwise(k, out, s.slice(1));
  const batch = checkBatch(shapes, k) ?? Dim.none();
  return tensor([batch, ...out]);
}

function elementwiseLayer(className: string, tfjs: string[], exactlyTwo = false): KerasLayerOp {
  return defineLayer({
    className, tfjs,
    init: '',
    call: 'inputs',
    build(_self, x, k) {
      const shapes = mergeInputs(x, k);
      elementwiseOutput(shapes, k);
      if (exactlyTwo && shapes.length !== 2) {
        // keras/src/layers/merging/subtract.py:37, after the base Merge.build's checks.
        kerasFail('keras-merge-inputs', `A \`Subtract\` layer should be called on exactly 2 inputs. Received: input_shape=${pyShapes(shapes)}`);
      }
      return {};
    },
    output: (_self, x, k) => elementwiseOutput(mergeInputs(x, k), k),
    onnx: (g, call) => lowerElementwise(g, call, className),
  });
}

/** The merge's input tensors (a list), each as float32. */
function mergeTensors(call: OnnxCall): readonly Value[] {
  const v = call.args.inputs;
  return v.kind === 'list' || v.kind === 'tuple' ? v.items : [v];
}

/**
 * Inputs of lower rank get 1s after the batch axis first (tfjs-layers merge.ts Merge.call and
 * keras base_merge.py call expand_dims at axis 1), then ONNX's broadcasting does the rest.
 */
function lowerElementwise(g: OnnxGraph, call: OnnxCall, className: string): string {
  const inputs = mergeTensors(call);
  const rank = Math.max(...inputs.map((t) => g.shape(t).length));
  const xs = inputs.map((t) => {
    const s = g.shape(t);
    const x = floatInput(g, t);
    return s.length === rank ? x : g.op('Reshape', [x, g.ints([s[0], ...Array(rank - s.length).fill(1), ...s.slice(1)])]);
  });
  const fold = (op: string): string => xs.slice(1).reduce((a, b) => g.op(op, [a, b]), xs[0]);
  switch (className) {
    case 'Add': return fold('Add');
    case 'Subtract': return g.op('Sub', [xs[0], xs[1]]);
    case 'Multiply': return fold('Mul');
    case 'Average': return g.op('Div', [fold('Add'), g.scalar(xs.length)]);
    case 'Maximum': return g.op('Max', xs);
    case 'Minimum': return g.op('Min', xs);
    default: return g.noKernel(className);
  }
}

export const Add = elementwiseLayer('Add', ['add']);
export const Subtract = elementwiseLayer('Subtract', [], true);
export const Multiply = elementwiseLayer('Multiply', ['multiply']);
export const Average = elementwiseLayer('Average', ['average']);
export const Maximum = elementwiseLayer('Maximum', ['maximum']);
export const Minimum = elementwiseLayer('Minimum', ['minimum']);

/** Two sizes the same for Concatenate's check: equal, or (Keras only) one of them unknown. */
function sameSize(a: Dim | undefined, b: Dim | undefined, k: KerasCtx, fail: () => never): void {
  if (a === undefined || b === undefined) return a === b ? undefined : fail();
  if (a.isNone || b.isNone) return k.dialect === 'keras' || (a.isNone && b.isNone) ? undefined : fail();
  const t = a.equals(b);
  if (t === 'no') fail();
  if (t === 'unknown') requireEqual(k.op, a, b, () => ({ code: 'keras-concat-shapes', exception: 'ValueError', message: `needs ${a} = ${b}` }));
}

/**
 * Concatenate's check: the shapes without the concatenation axis must agree.
 * TF.js (merge.ts Concatenate.build): `splice(axis, 1)` and exact equality, None included.
 * Keras 3 (keras/src/layers/merging/concatenate.py:42-87): the entry at `axis` is deleted (when
 * the shape is longer than `axis` as written), then ranks must agree and known sizes must match.
 */
function checkConcat(shapes: readonly Shape[], axis: number, k: KerasCtx): void {
  const reduced = shapes.map((s) => {
    const r = [...s];
    if (k.dialect === 'tfjs') {
      const at = axis < 0 ? Math.max(r.length + axis, 0) : axis;
      if (at < r.length) r.splice(at, 1);
    } else if (r.length > axis) {
      const at = axis < 0 ? r.length + axis : axis;
      if (at < 0) giveUp('axis out of range');
      r.splice(at, 1);
    }
    return r;
  });
  const fail = (): never => kerasFail('keras-concat-shapes', k.dialect === 'tfjs'
    ? `A \`Concatenate\` layer requires inputs with matching shapes except for the concat axis. Got input shapes: ${jsonShapes(shapes)}`
    : `A \`Concatenate\` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape=${pyShapes(shapes)}`);
  const first = reduced[0];
  for (const r of reduced.slice(1)) {
    if (r.length !== first.length) fail();
    for (let i = 0; i < r.length; i++) sameSize(first[i], r[i], k, fail);
  }
}

function concatInputs(x: LayerInput, k: KerasCtx): readonly Shape[] {
  if (k.dialect === 'tfjs') {
    if (!x.isList || x.shapes.length === 1) kerasFail('keras-merge-inputs', 'A `Concatenate` layer should be called on a list of at least 2 inputs');
    return x.shapes;
  }
  if (!x.isList || x.shapes.length < 1) {
    // keras/src/layers/merging/concatenate.py:49
    kerasFail('keras-merge-inputs', `A \`Concatenate\` layer should be called on a list of at least 1 input. Received: input_shape=${x.isList ? '[]' : pyShape(x.shapes[0])}`);
  }
  return x.shapes;
}

/** keras.layers.Concatenate: sizes along `axis` add up; unknown if any is unknown. */
export const Concatenate = defineLayer({
  className: 'Concatenate', tfjs: ['concatenate'],
  init: 'axis=-1',
  call: 'inputs',
  build(self, x, k) {
    checkConcat(concatInputs(x, k), constIntArg(self.axis), k);
    return {};
  },
  output(self, x, k) {
    const shapes = concatInputs(x, k);
    const out = [...shapes[0]];
    const axis = constIntArg(self.axis);
    const at = axis < 0 ? out.length + axis : axis;
    if (at < 0) giveUp('axis out of range');
    if (at >= out.length) {
      // TF.js writes past the end of the JS array (merge.ts Concatenate.computeOutputShape): the
      // symbolic shape grows unknown entries up to `axis`. Keras' compute_output_shape raises
      // IndexError there, whose text names no shape.
      if (k.dialect === 'keras') giveUp('axis out of range');
      while (out.length <= at) out.push(Dim.none());
      return tensor(out);
    }
    for (const s of shapes.slice(1)) {
      const d = s[at];
      if (out[at].isNone || d === undefined || d.isNone) {
        out[at] = Dim.none();
        break;
      }
      out[at] = out[at].add(d);
    }
    return tensor(out);
  },
  onnx(g, call) {
    const inputs = mergeTensors(call);
    const rank = g.shape(inputs[0]).length;
    const axis = constIntArg(call.self!.axis);
    if (axis >= rank || axis < -rank) return g.noKernel('concatenation past the last axis');
    return g.op('Concat', inputs.map((t) => floatInput(g, t)), { axis: axis < 0 ? axis + rank : axis });
  },
});

/** Dot's axes as given: an int, or a pair. */
function axesArg(self: BoundArgs, k: KerasCtx): number | [number, number] {
  const v = self.axes;
  if (v.kind === 'int') return constIntArg(v);
  if (v.kind !== 'list' && v.kind !== 'tuple') {
    if (k.dialect === 'tfjs') return giveUp('axes');
    // keras/src/layers/merging/dot.py:247
    return kerasFail('keras-config', `Invalid type for argument \`axes\`: it should be a list or an int. Received: axes=${pyValue(v)}`, 'TypeError');
  }
  if (v.items.length !== 2) {
    if (k.dialect === 'tfjs') return giveUp('axes');
    // keras/src/layers/merging/dot.py:252
    return kerasFail('keras-config', `Invalid format for argument \`axes\`: it should contain two elements. Received: axes=${pyValue(v)}`);
  }
  return [constIntArg(v.items[0]), constIntArg(v.items[1])];
}

/**
 * The axes each input is reduced on. An int is wrapped per input (TF.js adds the rank until it is
 * non-negative; Keras takes it modulo the rank); a pair is used as written by both frameworks' build
 * (merge.ts Dot.interpretAxes; dot.py:280).
 */
function dotAxes(axes: number | [number, number], s1: Shape, s2: Shape): [number, number] {
  if (Array.isArray(axes)) return axes;
  const wrap = (a: number, n: number) => (a < 0 ? ((a % n) + n) % n : a);
  return [wrap(axes, s1.length), wrap(axes, s2.length)];
}

function dotInputs(x: LayerInput, k: KerasCtx): [Shape, Shape] {
  if (!x.isList || x.shapes.length !== 2) {
    if (k.dialect === 'tfjs') kerasFail('keras-merge-inputs', 'A `Dot` layer should be called on a list of exactly 2 inputs.', 'Error');
    // keras/src/layers/merging/dot.py:272
    kerasFail('keras-merge-inputs', `A \`Dot\` layer should be called on a list of 2 inputs. Received: input_shape=${x.isList ? pyShapes(x.shapes) : pyShape(x.shapes[0])}`);
  }
  const [s1, s2] = x.shapes;
  if (k.dialect === 'tfjs' && (s1.length > 3 || s2.length > 3)) {
    kerasFail('keras-unsupported', 'Dot layer does not support tensors of 4D or higher rank yet.', 'NotImplementedError');
  }
  return [s1, s2];
}

/** Python-style index (negative from the end). */
function at(s: Shape, i: number): Dim | undefined {
  return s[i < 0 ? s.length + i : i];
}

/** keras.layers.Dot (keras/src/layers/merging/dot.py; tfjs-layers/src/layers/merge.ts Dot). */
export const Dot = defineLayer({
  className: 'Dot', tfjs: ['dot'],
  init: 'axes, normalize=False',
  call: 'inputs',
  check(self, k) {
    const v = self.axes;
    if ((v.kind === 'list' || v.kind === 'tuple') && v.items.length === 2 && v.items.some((a) => a.kind !== 'int') && k.dialect === 'keras') {
      // keras/src/layers/merging/dot.py:257
      kerasFail('keras-config', `Invalid format for argument \`axes\`: list elements should be integers. Received: axes=${pyValue(v)}`);
    }
    axesArg(self, k);
  },
  build(self, x, k) {
    const [s1, s2] = dotInputs(x, k);
    const [a1, a2] = dotAxes(axesArg(self, k), s1, s2);
    const d1 = at(s1, a1);
    const d2 = at(s2, a2);
    if (d1 === undefined || d2 === undefined) return giveUp('axis out of range');
    const differ = d1.isNone || d2.isNone ? !(d1.isNone && d2.isNone) : d1.equals(d2) === 'no';
    if (differ) {
      const show = (d: Dim) => (d.isNone ? (k.dialect === 'tfjs' ? 'null' : 'None') : d.toString());
      kerasFail('keras-dot-shapes', k.dialect === 'tfjs'
        ? `Dimension incompatibility: ${show(d1)} !== ${show(d2)}`
        // keras/src/layers/merging/dot.py:288
        : `Incompatible input shapes: axis values ${show(d1)} (at axis ${a1}) != ${show(d2)} (at axis ${a2}). Full input shapes: ${pyShape(s1)}, ${pyShape(s2)}`);
    }
    if (!d1.isNone && d1.equals(d2) === 'unknown') requireEqual(k.op, d1, d2, () => ({ code: 'keras-dot-shapes', exception: 'ValueError', message: `needs ${d1} = ${d2}` }));
    return {};
  },
  output(self, x, k) {
    const [s1, s2] = dotInputs(x, k);
    const [a1, a2] = dotAxes(axesArg(self, k), s1, s2);
    const r1 = [...s1];
    const r2 = [...s2];
    r1.splice(a1 < 0 ? r1.length + a1 : a1, 1);
    r2.splice(a2 < 0 ? r2.length + a2 : a2, 1);
    r2.splice(0, 1);
    const out = [...r1, ...r2];
    if (out.length === 1) out.push(Dim.of(1));
    return tensor(out);
  },
  onnx: lowerDot,
});

/**
 * Dot of two rank-2 inputs (a row-wise dot product) or two rank-3 inputs (a batched matmul with
 * the reduced axes moved inward), as batchDot computes them (tfjs-layers merge.ts batchDot);
 * `normalize` L2-normalises along the axes first (TF.js' l2Normalize: x / sqrt(max(sum x², 1e-12))).
 */
function lowerDot(g: OnnxGraph, call: OnnxCall, k: KerasCtx): string {
  const [x, y] = mergeTensors(call);
  const s1 = g.shape(x);
  const s2 = g.shape(y);
  const given = axesArg(call.self!, k);
  const wrap = (a: number, n: number): number => ((a % n) + n) % n;
  const [a1, a2] = Array.isArray(given) ? [wrap(given[0], s1.length), wrap(given[1], s2.length)] : [wrap(given, s1.length), wrap(given, s2.length)];
  const normalize = flagValue(call.self!.normalize);
  if (normalize && k.dialect !== 'tfjs') return g.noKernel("Keras' normalize");
  const prepared = (v: Value, axis: number): string => {
    const t = floatInput(g, v);
    if (!normalize) return t;
    const sq = g.op('ReduceSum', [g.op('Mul', [t, t]), g.ints([axis])], { keepdims: 1 });
    return g.op('Div', [t, g.op('Sqrt', [g.op('Max', [sq, g.scalar(1e-12)])])]);
  };
  const xs = prepared(x, a1);
  const ys = prepared(y, a2);
  let out: string;
  if (s1.length === 2 && s2.length === 2 && a1 === 1 && a2 === 1) {
    out = g.op('ReduceSum', [g.op('Mul', [xs, ys]), g.ints([1])], { keepdims: 1 });
  } else if (s1.length === 3 && s2.length === 3 && a1 > 0 && a2 > 0) {
    const left = a1 === 2 ? xs : g.op('Transpose', [xs], { perm: [0, 2, 1] });
    const right = a2 === 1 ? ys : g.op('Transpose', [ys], { perm: [0, 2, 1] });
    out = g.op('MatMul', [left, right]);
  } else {
    return g.noKernel('Dot of these ranks');
  }
  return g.op('Reshape', [out, g.ints(g.shape(call.output))]);
}

function flagValue(v: Value | undefined): boolean {
  return v !== undefined && v.kind === 'bool' && v.value;
}

export const mergeLayers = [Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot];

