// nn.RNNCell, nn.LSTMCell, nn.GRUCell: one recurrence step. [N, in] -> [N, H] (LSTM: (h, c)).
import { lowerCell, rnnInit } from './lowerRnn';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { boolArg, checkParamDtype, intArg, isNone, sequenceArg, strArg, tensor, tensorArg, tuple } from '../args';
import { defineModule, fail, giveUp, requireEqual, type ModuleOp, type OpContext } from '../op';
import type { BoundArgs } from '../signature';
import { param, squeeze, unsqueeze } from './common';

type Kind = 'RNNCell' | 'LSTMCell' | 'GRUCell';

const CHUNKS: Record<Kind, number> = { RNNCell: 1, LSTMCell: 4, GRUCell: 3 };

function cellForward(kind: Kind, self: BoundArgs, inputV: Value, hxV: Value, ctx: OpContext): Value {
  const x = tensorArg(inputV);
  const rank = x.shape.length;
  if (rank !== 1 && rank !== 2) {
    fail('cell-input-rank', 'AssertionError', `${kind}: Expected input to be 1-D or 2-D but received ${rank}-D tensor`);
  }
  const batched = rank === 2;
  const input = batched ? x.shape : unsqueeze(x.shape, 0);
  const H = intArg(self.hidden_size);
  const I = intArg(self.input_size);
  let hs: Shape[] = [];
  if (!isNone(hxV)) {
    const raw = kind === 'LSTMCell' ? sequenceArg(hxV).map((v) => tensorArg(v).shape) : [tensorArg(hxV).shape];
    if (raw.length !== (kind === 'LSTMCell' ? 2 : 1)) giveUp('hx');
    hs = batched ? raw : raw.map((s) => unsqueeze(s, 0));
  }
  if (kind === 'RNNCell') {
    const nl = strArg(self.nonlinearity);
    if (nl !== 'tanh' && nl !== 'relu') fail('cell-nonlinearity', 'RuntimeError', `Unknown nonlinearity: ${nl}`);
  }
  // ATen's check_rnn_cell_forward_input / _hidden; LSTMCell labels both h and c "hidden0".
  const inSize = input[1];
  requireEqual(ctx, inSize, I, () => ({
    code: 'cell-input-size', exception: 'RuntimeError',
    message: `input has inconsistent input_size: got ${inSize} expected ${I}`,
    fixes: [{ param: 'input_size', value: inSize }],
  }));
  for (const h of hs) {
    if (h.length === 0) giveUp('0-d hx');
    requireEqual(ctx, input[0], h[0], () => ({
      code: 'cell-hidden-batch', exception: 'RuntimeError',
      message: `Input batch size ${input[0]} doesn't match hidden0 batch size ${h[0]}`,
    }));
    if (h.length < 2) giveUp('1-d hx');
    requireEqual(ctx, h[1], H, () => ({
      code: 'cell-hidden-size', exception: 'RuntimeError',
      message: `hidden0 has inconsistent hidden_size: got ${h[1]}, expected ${H}`,
      fixes: [{ param: 'hidden_size', value: h[1] }],
    }));
    if (h.length !== 2) giveUp('hx rank'); // ATen goes on to a matmul error we do not model
  }
  checkParamDtype(self, x.dtype, 'cell-dtype');
  const out = batched ? [input[0], H] : squeeze([input[0], H], 0);
  return kind === 'LSTMCell' ? tuple([tensor(out, x.dtype), tensor(out, x.dtype)]) : tensor(out, x.dtype);
}

function cell(kind: Kind, init: string): ModuleOp {
  return defineModule({
    names: [`torch.nn.${kind}`],
    init,
    forward: 'input, hx=None',
    params(self) {
      const I = intArg(self.input_size);
      const H = intArg(self.hidden_size);
      const gate = H.mul(CHUNKS[kind]);
      const ps = [param('weight_ih', [gate, I]), param('weight_hh', [gate, H])];
      return boolArg(self.bias) ? [...ps, param('bias_ih', [gate]), param('bias_hh', [gate])] : ps;
    },
    reset: rnnInit((self) => intArg(self.hidden_size).value ?? 0),
    onnx(g, call) {
      const self = call.self!;
      const mode = kind === 'LSTMCell' ? 'LSTM' : kind === 'GRUCell' ? 'GRU' : 'RNN';
      const nl = kind === 'RNNCell' && strArg(self.nonlinearity) === 'relu' ? 'relu' : 'tanh';
      return lowerCell(g, mode, g.int(self.hidden_size), boolArg(self.bias), nl, call.args.input, call.args.hx, (n) => g.param(n));
    },
    rule(self, { input, hx }, ctx) {
      return cellForward(kind, self, input, hx, ctx);
    },
  });
}

/** [N, in] -> [N, H] */
export const RNNCell = cell('RNNCell', "input_size, hidden_size, bias=True, nonlinearity='tanh', device=None, dtype=None");
/** [N, in] -> ([N, H], [N, H]) */
export const LSTMCell = cell('LSTMCell', 'input_size, hidden_size, bias=True, device=None, dtype=None');
/** [N, in] -> [N, H] */
export const GRUCell = cell('GRUCell', 'input_size, hidden_size, bias=True, device=None, dtype=None');
