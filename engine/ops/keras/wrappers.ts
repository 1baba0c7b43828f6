// Wrappers: TimeDistributed(layer) applies `layer` to every time step, [N, T, ...] ->
// [N, T, ...layer output]; Bidirectional(rnn, merge_mode) runs a forward and a backward copy
// of an RNN and merges them ('concat' doubles the features; None returns both).
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { TensorValue, Value } from '../../value';
import { isNone, strArg, tensor } from '../args';
import { giveUp } from '../op';
import type { BoundArgs } from '../signature';
import { jsonShape, kerasFail, pyShape, type KerasCtx } from './dialect';
import { defineLayer, sublayerArg, sublayerBuild, sublayerLowering, sublayerName, sublayerOutput, type LayerInput, type Weight } from './layer';
import type { OnnxCall, OnnxGraph } from '../lowering';

function tensorInput(shape: Shape): LayerInput {
  const value: TensorValue = { kind: 'tensor', shape, dtype: 'float32' };
  return { value, shapes: [shape], isList: false };
}

/** The per-step input of TimeDistributed: the time axis removed. */
function childShape(shape: Shape, k: KerasCtx): Shape {
  if (shape.length < 3) {
    kerasFail('keras-input-ndim', k.dialect === 'tfjs'
      // tfjs-layers/src/layers/wrappers.ts TimeDistributed.build
      ? `TimeDistributed layer expects an input shape >= 3D, but received input shape ${jsonShape(shape)}`
      // keras/src/layers/rnn/time_distributed.py:59
      : `\`TimeDistributed\` Layer should be passed an \`input_shape\` with at least 3 dimensions, received: ${pyShape(shape)}`);
  }
  return [shape[0], ...shape.slice(2)];
}

/**
 * keras.layers.TimeDistributed (keras/src/layers/rnn/time_distributed.py; TF.js wrappers.ts
 * TimeDistributed). The wrapped layer is built on the per-step shape without its own input
 * spec; TF.js then pins the whole input shape, Keras pins nothing.
 */
export const TimeDistributed = defineLayer({
  className: 'TimeDistributed', tfjs: ['timeDistributed'],
  init: 'layer',
  call: 'inputs, training=None, mask=None',
  check: (self) => void sublayerArg(self.layer),
  build(self, x, k) {
    const shape = x.shapes[0];
    const sub = sublayerArg(self.layer);
    const built = sublayerBuild(sub, tensorInput(childShape(shape, k)), k.op);
    return { weights: built.weights, inputSpec: k.dialect === 'tfjs' ? [{ shape }] : undefined };
  },
  output(self, x, k) {
    const shape = x.shapes[0];
    const sub = sublayerArg(self.layer);
    const out = sublayerOutput(sub, tensorInput(childShape(shape, k)), k.op);
    if (out.kind !== 'tensor' || !out.shape) return giveUp('sublayer output is not one tensor');
    return tensor([out.shape[0], shape[1], ...out.shape.slice(1)]);
  },
  onnx: lowerTimeDistributed,
});

/**
 * TimeDistributed: the steps folded into the batch ([N, T, ...] -> [N*T, ...]), the wrapped
 * layer's own lowering on that (its weights are the wrapper's), unfolded ([N*T, ...] -> [N, T, ...]),
 * as tfjs-layers wrappers.ts TimeDistributed.call reshapes.
 */
function lowerTimeDistributed(g: OnnxGraph, call: OnnxCall): string {
  const sub = sublayerArg(call.self!.layer);
  const lower = sub.module.op.onnx;
  if (!lower) return g.noKernel(`${sub.spec.className} inside TimeDistributed`);
  const x = call.args.inputs;
  const [n, t, ...rest] = g.shape(x);
  const out = g.shape(call.output);
  const step = (dims: number[]): TensorValue => ({ kind: 'tensor', shape: [Dim.of(n * t), ...dims.map((d) => Dim.of(d))], dtype: 'float32' });
  const input = step(rest);
  g.bind(input, g.op('Reshape', [g.inputAs(x, 'float32'), g.ints([n * t, ...rest])]));
  const { args, self } = sublayerLowering(sub, call.self!, input);
  const y = lower(g, { name: sub.module.op.names[0], args, self, output: step(out.slice(2)), training: false });
  if (typeof y !== 'string') return g.noKernel(`${sub.spec.className} with several outputs inside TimeDistributed`);
  return g.op('Reshape', [y, g.ints(out)]);
}

type MergeMode = 'concat' | 'sum' | 'mul' | 'ave' | undefined;

/**
 * keras/src/layers/rnn/bidirectional.py:106 and TF.js' checkBidirectionalMergeMode
 * (generic_utils.checkStringTypeUnionValue).
 */
function mergeModeArg(v: Value, k: KerasCtx): MergeMode {
  if (isNone(v)) return undefined;
  const s = strArg(v);
  if (s === 'concat' || s === 'sum' || s === 'mul' || s === 'ave') return s;
  if (k.dialect === 'tfjs') kerasFail('keras-config', `${s} is not a valid BidirectionalMergeMode.  Valid values are sum,mul,concat,ave or null/undefined.`);
  return kerasFail('keras-config', `Invalid merge mode. Received: ${s}. Merge mode should be one of {"sum", "mul", "ave", "concat", None}`);
}

/** The RNN a Bidirectional wraps; its copies are named forward_<name> and backward_<name>. */
function rnnSublayer(self: BoundArgs) {
  const sub = sublayerArg(self.layer);
  if (!['SimpleRNN', 'GRU', 'LSTM'].includes(sub.spec.className)) giveUp('Bidirectional over a layer other than SimpleRNN/GRU/LSTM');
  return sub;
}

/** Keras' variable path nests the copies under the wrapper (bidirectional/forward_lstm/...). */
function copyName(direction: 'forward' | 'backward', inner: string, k: KerasCtx): string {
  return k.dialect === 'keras' ? `${k.name}/${direction}_${inner}` : `${direction}_${inner}`;
}

/**
 * keras.layers.Bidirectional (keras/src/layers/rnn/bidirectional.py compute_output_shape,
 * lines 180-196; TF.js wrappers.ts Bidirectional.computeOutputShape). Its input spec is the
 * wrapped layer's (ndim=3), in both frameworks.
 */
export const Bidirectional = defineLayer({
  className: 'Bidirectional', tfjs: ['bidirectional'],
  init: "layer, merge_mode='concat', weights=None, backward_layer=None",
  call: 'sequences, initial_state=None, mask=None, training=None',
  check(self, k) {
    rnnSublayer(self);
    mergeModeArg(self.merge_mode, k);
    if (!isNone(self.backward_layer)) giveUp('backward_layer');
  },
  inputSpec: () => [{ ndim: 3 }],
  build(self, x, k) {
    const sub = rnnSublayer(self);
    const inner = sublayerName(sub, k.op);
    const forward = sublayerBuild(sub, x, k.op, copyName('forward', inner, k));
    const backward = sublayerBuild(sub, x, k.op, copyName('backward', inner, k));
    const weights: Weight[] = [...(forward.weights ?? []), ...(backward.weights ?? [])];
    return { weights };
  },
  output(self, x, k) {
    const sub = rnnSublayer(self);
    const mode = mergeModeArg(self.merge_mode, k);
    const out = sublayerOutput(sub, x, k.op);
    const items = out.kind === 'list' ? out.items : [out];
    const shapes = items.map((t) => (t.kind === 'tensor' && t.shape ? t.shape : giveUp('RNN output')));
    const [output, ...states] = shapes;
    const stateTensors = [...states, ...states].map((s) => tensor(s));
    let merged: Value[];
    if (mode === 'concat') {
      const last = output[output.length - 1];
      merged = [tensor([...output.slice(0, -1), last.isNone ? Dim.none() : last.mul(2)])];
    } else if (mode === undefined) merged = [tensor(output), tensor(output)];
    else merged = [tensor(output)];
    const all = [...merged, ...stateTensors];
    return all.length === 1 ? all[0] : { kind: 'list', items: all };
  },
});

export const wrapperLayers = [TimeDistributed, Bidirectional];
