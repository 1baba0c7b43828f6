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
  });
}

export const SimpleRNN = rnnLayer('SimpleRNN', ['simpleRNN']);
export const GRU = rnnLayer('GRU', ['gru']);
export const LSTM = rnnLayer('LSTM', ['lstm']);

export const recurrentLayers = [SimpleRNN, GRU, LSTM];

