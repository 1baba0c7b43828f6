// Small building blocks for ONNX lowerings, shared by the op families: the traced output,
// batch dims in and out, reshapes to known sizes, and F.pad's argument order turned into ONNX's.
import type { TensorValue, Value } from '../../value';
import type { DType } from '../dtype';
import { float, type Lowered, type OnnxCall, type OnnxGraph } from '../lowering';

/** The call's output as a tensor (lowerings of single-output ops). */
export function outTensor(call: OnnxCall): TensorValue {
  const v = call.output;
  if (v.kind !== 'tensor') throw new Error('expected a tensor output');
  return v;
}

/** Concrete output shape of a single-tensor op. */
export function outShape(g: OnnxGraph, call: OnnxCall): number[] {
  return g.shape(outTensor(call));
}

export function unsqueeze(g: OnnxGraph, x: string, axes: readonly number[]): string {
  return g.op('Unsqueeze', [x, g.ints(axes)]);
}

export function squeeze(g: OnnxGraph, x: string, axes: readonly number[]): string {
  return g.op('Squeeze', [x, g.ints(axes)]);
}

/** Reshape to a known shape (our shapes are concrete at lowering time). */
export function reshapeTo(g: OnnxGraph, x: string, shape: readonly number[]): string {
  return g.op('Reshape', [x, g.ints(shape)]);
}

/** An op that keeps the input as it is (dropout in eval, contiguous, detach). */
export function identity(g: OnnxGraph, x: Value): string {
  return g.op('Identity', [g.input(x)]);
}

/** Lower an op that takes `[N, C, *]` on an input that may be unbatched `[C, *]`. */
export function withBatch(g: OnnxGraph, x: Value, batchedRank: number, body: (batched: string) => string): string {
  const name = g.input(x);
  if (g.shape(x).length === batchedRank) return body(name);
  return squeeze(g, body(unsqueeze(g, name, [0])), [0]);
}

/**
 * ONNX `pads` from F.pad's order: F.pad lists (left, right) pairs from the last dim backwards;
 * ONNX lists all begins, then all ends, from the first dim.
 */
export function onnxPads(rank: number, torchPads: readonly number[]): number[] {
  const begins = new Array<number>(rank).fill(0);
  const ends = new Array<number>(rank).fill(0);
  for (let j = 0; j < torchPads.length / 2; j++) {
    const axis = rank - 1 - j;
    begins[axis] = torchPads[2 * j];
    ends[axis] = torchPads[2 * j + 1];
  }
  return [...begins, ...ends];
}

/** F.pad with any mode; circular is slices and concats (ONNX's `wrap` is opset 19). */
export function padTorch(g: OnnxGraph, x: string, shape: readonly number[], torchPads: readonly number[], mode: string, value = 0, dtype: DType = 'float32'): string {
  if (torchPads.every((p) => p === 0)) return x;
  const rank = shape.length;
  if (mode === 'circular') {
    let cur = x;
    for (let j = 0; j < torchPads.length / 2; j++) {
      const axis = rank - 1 - j;
      const [left, right] = [torchPads[2 * j], torchPads[2 * j + 1]];
      let n = shape[axis];
      // Negative pads crop first, and the wrapped borders copy from what is left (PyTorch fills
      // the centre, then the borders from the centre).
      if (left < 0 || right < 0) {
        cur = g.op('Slice', [cur, g.ints([Math.max(-left, 0)]), g.ints([n - Math.max(-right, 0)]), g.ints([axis])]);
        n -= Math.max(-left, 0) + Math.max(-right, 0);
      }
      const parts: string[] = [];
      if (left > 0) parts.push(g.op('Slice', [cur, g.ints([n - left]), g.ints([n]), g.ints([axis])]));
      parts.push(cur);
      if (right > 0) parts.push(g.op('Slice', [cur, g.ints([0]), g.ints([right]), g.ints([axis])]));
      cur = parts.length === 1 ? cur : g.op('Concat', parts, { axis });
    }
    return cur;
  }
  const onnxMode = mode === 'replicate' ? 'edge' : mode === 'reflect' ? 'reflect' : 'constant';
  const inputs = [x, g.ints(onnxPads(rank, torchPads))];
  if (onnxMode === 'constant') inputs.push(g.scalar(value, dtype));
  return g.op('Pad', inputs, { mode: onnxMode });
}

/** `alpha`-style float attributes. */
export { float };

/** The outputs of a tuple-returning op as nested names. */
export function tupleOf(...items: Lowered[]): Lowered {
  return items;
}

/** The first tensor-valued argument named `input`, `self` or `tensor`. */
export function mainInput(call: OnnxCall): Value {
  const a = call.args;
  return a.input ?? a.self ?? a.tensor;
}

/** Lowering of ops whose result is the input's data in a new shape (view, flatten, squeeze...). */
export function reshapeLowering(g: OnnxGraph, call: OnnxCall): string {
  if (g.dtype(mainInput(call)) !== g.dtype(outTensor(call))) return g.noKernel('a view as another dtype');
  const x = g.input(mainInput(call));
  const shape = outShape(g, call);
  const inShape = g.shape(mainInput(call));
  if (inShape.length === shape.length && inShape.every((d, i) => d === shape[i])) return g.op('Identity', [x]);
  return reshapeTo(g, x, shape);
}

/** Lowering of ops that keep data and shape (contiguous, clone, detach, dropout in eval). */
export function identityLowering(g: OnnxGraph, call: OnnxCall): string {
  return identity(g, mainInput(call));
}

/** Lowering of ops that change only the element type. */
export function castLowering(g: OnnxGraph, call: OnnxCall): string {
  const out = outTensor(call);
  return g.inputAs(mainInput(call), g.dtype(out));
}

/** Ops that return Python values (size, dim, numel): nothing to run. */
export function noTensorLowering(): Lowered {
  return undefined;
}

const ONNX_TYPE_CODES: Partial<Record<DType, number>> = {
  float32: 1, uint8: 2, int8: 3, int16: 5, int32: 6, int64: 7, bool: 9, float16: 10, float64: 11,
};

/** Cast an ONNX value (not a traced argument) to `dtype`. */
export function castTo(g: OnnxGraph, x: string, dtype: DType): string {
  const to = ONNX_TYPE_CODES[dtype];
  if (to === undefined) return g.noKernel(`${dtype} tensors`);
  return g.op('Cast', [x], { to });
}

/** Sum or mean of every element, a 0-d result (a 0-d input is its own sum and mean). */
export function reduceAll(g: OnnxGraph, x: string, rank: number, op: 'ReduceSum' | 'ReduceMean' | 'ReduceMax'): string {
  if (rank === 0) return g.op('Identity', [x]);
  const flat = reshapeTo(g, x, [-1]);
  if (op === 'ReduceSum') return g.op(op, [flat, g.ints([0])], { keepdims: 0 });
  return g.op(op, [flat], { axes: [0], keepdims: 0 });
}

/** Sum over some axes (ReduceSum takes them as an input in opset 13+). */
export function sumAxes(g: OnnxGraph, x: string, axes: readonly number[], keep: boolean): string {
  return g.op('ReduceSum', [x, g.ints(axes)], { keepdims: keep ? 1 : 0 });
}

/** Slice `[start, end)` of one axis. */
export function sliceAxis(g: OnnxGraph, x: string, axis: number, start: number, end: number): string {
  return g.op('Slice', [x, g.ints([start]), g.ints([end]), g.ints([axis])]);
}
