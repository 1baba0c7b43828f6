// keras.layers.SimpleRNN, GRU and LSTM: [N, T, F] -> [N, units], or [N, T, units] with
// return_sequences; return_state adds the final states ([N, units] each; LSTM has h and c).
// Weights: kernel (F, g*units), recurrent_kernel (units, g*units), bias, with g gates.
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { tensor } from '../args';
import { giveUp } from '../op';
import type { BoundArgs } from '../signature';
import { flag, positiveInt } from './args';
import { kerasFail, pyShape, pyValue, type KerasCtx } from './dialect';
import type { InputSpec } from './inputSpec';
import { defineLayer, type KerasLayerOp, type Weight } from './layer';
import { activationArg } from './core';
import { floats, type Lowered, type OnnxAttr, type OnnxCall, type OnnxGraph } from '../lowering';
import { isNone } from '../args';
import { floatInput } from './lowerKeras';

type Kind = 'SimpleRNN' | 'GRU' | 'LSTM';

const GATES: Record<Kind, number> = { SimpleRNN: 1, GRU: 3, LSTM: 4 };
const CELL: Record<Kind, string> = { SimpleRNN: 'simple_rnn_cell', GRU: 'gru_cell', LSTM: 'lstm_cell' };

const COMMON = "use_bias=True, kernel_initializer='glorot_uniform', recurrent_initializer='orthogonal', bias_initializer='zeros'";

/** Keras 3 `__init__`s: keras/src/layers/rnn/simple_rnn.py:296, gru.py:465, lstm.py:448. */
const INIT: Record<Kind, string> = {
  SimpleRNN: `units, activation='tanh', ${COMMON}, kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, recurrent_constraint=None, bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, return_sequences=False, return_state=False, go_backwards=False, stateful=False, unroll=False, seed=None`,
  GRU: `units, activation='tanh', recurrent_activation='sigmoid', ${COMMON}, kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, recurrent_constraint=None, bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, seed=None, return_sequences=False, return_state=False, go_backwards=False, stateful=False, unroll=False, reset_after=True, use_cudnn='auto'`,
  LSTM: `units, activation='tanh', recurrent_activation='sigmoid', ${COMMON}, unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, recurrent_constraint=None, bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, seed=None, return_sequences=False, return_state=False, go_backwards=False, stateful=False, unroll=False, use_cudnn='auto'`,
};

function units(self: BoundArgs, k: KerasCtx): number {
  // keras/src/layers/rnn/simple_rnn.py:100 (gru.py:109, lstm.py:111); TF.js assertPositiveInteger.
  return positiveInt(self.units, 'units', k, `Received an invalid value for argument \`units\`, expected a positive integer, got ${pyValue(self.units)}.`);
}

function check(kind: Kind, self: BoundArgs, k: KerasCtx): void {
  if (k.dialect === 'tfjs' && kind === 'GRU' && flag(self.reset_after)) {
    // tfjs-layers/src/layers/recurrent.ts GRUCell constructor: TF.js has no reset_after.
    kerasFail('keras-config', 'GRUCell does not support reset_after parameter set to true.');
  }
  units(self, k);
  activationArg(self.activation, k);
}

/** The cell's weights for a step input of `inputDim` features. */
export function cellWeights(kind: Kind, self: BoundArgs, inputDim: Dim, k: KerasCtx): Weight[] {
  const u = units(self, k);
  const g = GATES[kind];
  const scope = CELL[kind];
  const weights: Weight[] = [
    { name: 'kernel', shape: [inputDim, Dim.of(g * u)], scope },
    { name: 'recurrent_kernel', shape: [Dim.of(u), Dim.of(g * u)], scope },
  ];
  if (flag(self.use_bias)) {
    // Keras 3's GRU with reset_after keeps an input and a recurrent bias (gru.py:165-171).
    const bias = kind === 'GRU' && flag(self.reset_after) ? [Dim.of(2), Dim.of(g * u)] : [Dim.of(g * u)];
    weights.push({ name: 'bias', shape: bias, scope });
  }
  return weights;
}

/** The number of state tensors returned with return_state. */
function stateCount(kind: Kind): number {
  return kind === 'LSTM' ? 2 : 1;
}

/**
 * Outputs (keras/src/layers/rnn/rnn.py compute_output_shape, lines 214-236; TF.js recurrent.ts
 * RNN.computeOutputShape): the output, then one [N, units] per state when return_state.
 */
export function rnnOutput(kind: Kind, self: BoundArgs, shape: Shape, k: KerasCtx): Value {
  const u = Dim.of(units(self, k));
  const out = tensor(flag(self.return_sequences) ? [shape[0], shape[1], u] : [shape[0], u]);
  if (!flag(self.return_state)) return out;
  return { kind: 'list', items: [out, ...Array.from({ length: stateCount(kind) }, () => tensor([shape[0], u]))] };
}

/** keras/src/layers/rnn/rnn.py:282: a stateful RNN needs a known batch size. */
function checkStateful(self: BoundArgs, shape: Shape, k: KerasCtx): void {
  if (k.dialect === 'keras' && flag(self.stateful) && shape[0].isNone) {
    kerasFail('keras-stateful', `When using \`stateful=True\` in a RNN, the batch size must be static. Found dynamic batch size: sequence.shape=${pyShape(shape)}`);
  }
}

function rnnLayer(kind: Kind, tfjs: string[]): KerasLayerOp {
  return defineLayer({
    className: kind, tfjs,
    init: INIT[kind],
    call: 'sequences, initial_state=None, mask=None, training=False',
    check: (self, k) => check(kind, self, k),
    // keras/src/layers/rnn/simple_rnn.py:350 (gru.py:526, lstm.py:509); TF.js RNN constructor.
    inputSpec: () => [{ ndim: 3 }],
    build(self, x, k) {
      const shape = x.shapes[0];
      checkStateful(self, shape, k);
      const weights = cellWeights(kind, self, shape[shape.length - 1], k);
      if (k.dialect === 'keras') return { weights };
      // TF.js pins the batch (stateful only) and the features after build (RNN.build).
      const spec: InputSpec = { shape: [flag(self.stateful) ? shape[0] : Dim.none(), Dim.none(), ...shape.slice(2)] };
      return { weights, inputSpec: [spec] };
    },
    output(self, x, k, _call, built) {
      const shape = x.shapes[0];
      const kernelIn = built.weights?.[0]?.shape[0];
      const features = shape[shape.length - 1];
      // Keras 3 keeps ndim=3 as the only spec: other features on a later call fail in the
      // backend's matmul, whose text depends on the backend; no answer then.
      if (k.dialect === 'keras' && kernelIn && !features.isNone && kernelIn.equals(features) === 'no') giveUp('features differ from the build');
      return rnnOutput(kind, self, shape, k);
    },
    onnx: (g, call, k) => lowerRnn(g, call, k, kind),
  });
}

/** Keras' gate blocks (kernel columns) in ONNX's order: LSTM i,f,c,o -> i,o,f,c; GRU z,r,h as is. */
const ONNX_GATES: Record<Kind, readonly number[]> = { SimpleRNN: [0], GRU: [0, 1, 2], LSTM: [0, 3, 1, 2] };

/** An activation by name as ONNX's recurrent ops take it: name, then its alpha/beta if any. */
function rnnActivation(v: Value | undefined, k: KerasCtx): { name: string; alpha?: number; beta?: number } | undefined {
  const name = v === undefined || isNone(v) ? 'linear' : v.kind === 'str' ? v.value : undefined;
  switch (name) {
    case 'tanh': return { name: 'Tanh' };
    case 'sigmoid': return { name: 'Sigmoid' };
    case 'relu': return { name: 'Relu' };
    case 'linear': return { name: 'Affine', alpha: 1, beta: 0 };
    case 'softsign': return { name: 'Softsign' };
    case 'softplus': return { name: 'Softplus' };
    case 'elu': return { name: 'Elu', alpha: 1 };
    // TF.js: clip(0.2 x + 0.5) (activations.ts); Keras 3: relu6(x + 3) / 6.
    case 'hardSigmoid': return { name: 'HardSigmoid', alpha: 0.2, beta: 0.5 };
    case 'hard_sigmoid': return { name: 'HardSigmoid', alpha: k.dialect === 'tfjs' ? 0.2 : 1 / 6, beta: 0.5 };
    default: return undefined;
  }
}

/**
 * SimpleRNN / GRU / LSTM as ONNX's RNN / GRU / LSTM (one direction, zero initial state): the
 * [N, T, F] input goes time-major, Keras' kernel (F, g*u) becomes W (1, g*u, F) with the gate
 * blocks in ONNX's order, the bias Wb (R's bias zero; GRU with reset_after has both, and
 * linear_before_reset). The output is the last step's state, or every step's (return_sequences),
 * then the states (return_state).
 */
function lowerRnn(g: OnnxGraph, call: OnnxCall, k: KerasCtx, kind: Kind): Lowered {
  const self = call.self!;
  if (flag(self.go_backwards)) return g.noKernel('go_backwards');
  if (call.args.initial_state && !isNone(call.args.initial_state)) return g.noKernel('an initial state');
  const x = call.args.sequences;
  const [n, t, f] = g.shape(x);
  const u = units(self, k);
  const gates = GATES[kind];
  const order = ONNX_GATES[kind];
  const acts = [...(kind === 'SimpleRNN' ? [] : [rnnActivation(self.recurrent_activation, k)]), rnnActivation(self.activation, k)];
  if (kind === 'LSTM') acts.push(acts[1]);
  if (acts.some((a) => a === undefined)) return g.noKernel('this activation in a recurrent layer');
  // (rows, g*u) -> (1, g*u, rows), gate blocks reordered.
  const gateMatrix = (p: string, rows: number): string => {
    const blocks = g.node('Split', [g.param(p), g.ints(Array(gates).fill(u))], { axis: 1 }, gates);
    const reordered = gates === 1 ? blocks[0] : g.op('Concat', order.map((i) => blocks[i]), { axis: 1 });
    return g.op('Reshape', [g.op('Transpose', [reordered], { perm: [1, 0] }), g.ints([1, gates * u, rows])]);
  };
  const gateVector = (v: string): string => {
    if (gates === 1) return v;
    const blocks = g.node('Split', [v, g.ints(Array(gates).fill(u))], { axis: 0 }, gates);
    return g.op('Concat', order.map((i) => blocks[i]), { axis: 0 });
  };
  const w = gateMatrix('kernel', f);
  const r = gateMatrix('recurrent_kernel', u);
  let b = '';
  if (g.hasParam('bias')) {
    const twoBiases = g.paramShape('bias').length === 2;
    const halves = twoBiases ? g.node('Split', [g.op('Reshape', [g.param('bias'), g.ints([2 * gates * u])]), g.ints([gates * u, gates * u])], { axis: 0 }, 2) : [g.param('bias')];
    const rb = twoBiases ? gateVector(halves[1]) : g.constant(new Float32Array(gates * u), [gates * u], 'float32');
    b = g.op('Reshape', [g.op('Concat', [gateVector(halves[0]), rb], { axis: 0 }), g.ints([1, 2 * gates * u])]);
  }
  const xt = g.op('Transpose', [floatInput(g, x)], { perm: [1, 0, 2] });
  const attrs: Record<string, OnnxAttr> = {
    hidden_size: u,
    activations: { strings: acts.map((a) => a!.name) },
  };
  const alphas = acts.filter((a) => a!.alpha !== undefined).map((a) => a!.alpha!);
  const betas = acts.filter((a) => a!.beta !== undefined).map((a) => a!.beta!);
  if (alphas.length > 0) attrs.activation_alpha = floats(alphas);
  if (betas.length > 0) attrs.activation_beta = floats(betas);
  // Keras' reset_after applies the reset gate after the recurrent product (gru.py GRUCell.call).
  if (kind === 'GRU') attrs.linear_before_reset = flag(self.reset_after) ? 1 : 0;
  const opType = kind === 'SimpleRNN' ? 'RNN' : kind;
  const outs = g.node(opType, [xt, w, r, ...(b ? [b] : [])], attrs, kind === 'LSTM' ? 3 : 2);
  g.flops(2 * n * t * gates * u * (f + u));
  const last = (s: string): string => g.op('Reshape', [s, g.ints([n, u])]);
  const y = flag(self.return_sequences)
    ? g.op('Transpose', [g.op('Reshape', [outs[0], g.ints([t, n, u])])], { perm: [1, 0, 2] })
    : last(outs[1]);
  if (!flag(self.return_state)) return y;
  return kind === 'LSTM' ? [y, last(outs[1]), last(outs[2])] : [y, last(outs[1])];
}

export const SimpleRNN = rnnLayer('SimpleRNN', ['simpleRNN']);
export const GRU = rnnLayer('GRU', ['gru']);
export const LSTM = rnnLayer('LSTM', ['lstm']);

export const recurrentLayers = [SimpleRNN, GRU, LSTM];

