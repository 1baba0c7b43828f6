// nn.RNN, nn.LSTM, nn.GRU: multi-layer recurrences over a sequence.
// [L, N, in] -> ([L, N, D*H], [layers*D, N, H]); LSTM returns (output, (h_n, c_n)).
import { lowerRnn, rnnInit } from './lowerRnn';
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { boolArg, checkParamDtype, floatArg, intArg, isNone, sequenceArg, strArg, tensor, tensorArg, tuple, type TensorArg } from '../args';
import { defineModule, fail, giveUp, requireEqual, type ModuleOp, type NamedShape, type OpContext } from '../op';
import type { BoundArgs } from '../signature';
import { bindVarArgs, compare, kwargsOf, param, pyList, pyTuple, requireShape, sig, squeeze, unsqueeze } from './common';

type Mode = 'RNN' | 'LSTM' | 'GRU';

/** RNNBase.__init__ after the mode: what RNN/LSTM/GRU forward their *args, **kwargs to. */
const BASE = sig('input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0, bidirectional=False, proj_size=0, device=None, dtype=None');

interface RnnConfig {
  mode: Mode;
  inputSize: Dim;
  hiddenSize: Dim;
  numLayers: number;
  bias: boolean;
  batchFirst: boolean;
  dirs: number;
  projSize: Dim;
}

/** The constructor's checks, in RNN.__init__ / RNNBase.__init__ order. */
function config(mode: Mode, self: BoundArgs): RnnConfig {
  const kwargs = kwargsOf(self.kwargs);
  if (mode !== 'LSTM' && 'proj_size' in kwargs) {
    fail('rnn-proj-size', 'ValueError', 'proj_size argument is only supported for LSTM, not RNN or GRU');
  }
  if (mode === 'RNN') {
    // RNN pops nonlinearity from the keywords only; positionally the 4th argument is num_layers.
    const nl = kwargs.nonlinearity === undefined ? 'tanh' : strArg(kwargs.nonlinearity);
    if (nl !== 'tanh' && nl !== 'relu') fail('rnn-nonlinearity', 'ValueError', `Unknown nonlinearity '${nl}'`);
  }
  const a = bindVarArgs(self, BASE, ['nonlinearity']);
  const dropoutV = a.dropout;
  if (dropoutV.kind === 'bool') dropoutFail();
  const dropout = floatArg(dropoutV);
  if (!(dropout >= 0 && dropout <= 1)) dropoutFail();
  const projSize = intArg(a.proj_size);
  const hiddenSize = intArg(a.hidden_size);
  if (compare(projSize, 0) < 0) fail('rnn-proj-size', 'ValueError', 'proj_size should be a positive integer or zero to disable projections');
  if (projSize.value !== 0 && compare(projSize, hiddenSize) >= 0) {
    fail('rnn-proj-size', 'ValueError', 'proj_size has to be smaller than hidden_size');
  }
  const numLayers = intArg(a.num_layers).value ?? giveUp('symbolic num_layers');
  return {
    mode, inputSize: intArg(a.input_size), hiddenSize, numLayers, bias: boolArg(a.bias),
    batchFirst: boolArg(a.batch_first), dirs: boolArg(a.bidirectional) ? 2 : 1, projSize,
  };
}

/** Whether the layer takes its input batch first (`batch_first=True`); undefined when its arguments do not bind. */
export function recurrentBatchFirst(self: BoundArgs): boolean | undefined {
  try {
    const v = bindVarArgs(self, BASE, ['nonlinearity']).batch_first;
    return v.kind === 'bool' ? v.value : undefined;
  } catch {
    return undefined;
  }
}

function dropoutFail(): never {
  return fail('rnn-dropout', 'ValueError', 'dropout should be a number in range [0, 1] representing the probability of an element being zeroed');
}

function gates(mode: Mode): number {
  return mode === 'LSTM' ? 4 : mode === 'GRU' ? 3 : 1;
}

/** Size of h: proj_size when projecting, else hidden_size. */
function realHidden(c: RnnConfig): Dim {
  return c.projSize.value === 0 ? c.hiddenSize : c.projSize;
}

function rnnParams(c: RnnConfig): NamedShape[] {
  const out: NamedShape[] = [];
  const gate = c.hiddenSize.mul(gates(c.mode));
  const real = realHidden(c);
  const proj = c.projSize.value !== 0;
  for (let layer = 0; layer < c.numLayers; layer++) {
    for (let d = 0; d < c.dirs; d++) {
      const sfx = `l${layer}${d === 1 ? '_reverse' : ''}`;
      const layerIn = layer === 0 ? c.inputSize : real.mul(c.dirs);
      out.push(param(`weight_ih_${sfx}`, [gate, layerIn]), param(`weight_hh_${sfx}`, [gate, real]));
      if (c.bias) out.push(param(`bias_ih_${sfx}`, [gate]), param(`bias_hh_${sfx}`, [gate]));
      if (proj) out.push(param(`weight_hr_${sfx}`, [c.projSize, c.hiddenSize]));
    }
  }
  return out;
}

function rnnForward(c: RnnConfig, inputV: Value, hxV: Value, ctx: OpContext, self: Readonly<Record<string, Value>> = {}): Value {
  const x = tensorArg(inputV);
  const rank = x.shape.length;
  const batched = rank === 3;
  const batchDim = c.batchFirst ? 0 : 1;
  if (!batched && rank < batchDim) giveUp('unsqueeze of a scalar');
  let hs: TensorArg[] | undefined;
  if (!isNone(hxV)) {
    hs = c.mode === 'LSTM' ? sequenceArg(hxV).map(tensorArg) : [tensorArg(hxV)];
    if (hs.length !== (c.mode === 'LSTM' ? 2 : 1)) giveUp('hx');
    const want = batched ? 3 : 2;
    if (hs.some((h) => h.shape.length !== want)) {
      const what = batched ? 'batched 3-D' : 'unbatched 2-D';
      const msg = c.mode === 'LSTM'
        ? `For ${what} input, hx and cx should also be ${want}-D but got (${hs[0].shape.length}-D, ${hs[1].shape.length}-D) tensors`
        : `For ${what} input, hx should also be ${want}-D but got ${hs[0].shape.length}-D tensor`;
      fail('rnn-hidden-rank', 'RuntimeError', msg);
    }
    if (!batched) hs = hs.map((h) => ({ ...h, shape: unsqueeze(h.shape, 1) }));
  }
  const input = batched ? x.shape : unsqueeze(x.shape, batchDim);
  if (input.length !== 3) fail('rnn-input-rank', 'RuntimeError', `input must have 3 dimensions, got ${input.length}`);
  const last = input[2];
  requireEqual(ctx, last, c.inputSize, () => ({
    code: 'rnn-input-size', exception: 'RuntimeError',
    message: `input.size(-1) must be equal to input_size. Expected ${c.inputSize}, got ${last}`,
    fixes: [{ param: 'input_size', value: last }],
  }));
  const batch = input[batchDim];
  const stack = Dim.of(c.numLayers * c.dirs);
  const hShape: Shape = [stack, batch, realHidden(c)];
  const cShape: Shape = [stack, batch, c.hiddenSize];
  if (hs) {
    const label = c.mode === 'LSTM' ? 'hidden[0] size' : 'hidden size';
    const h0 = hs[0].shape;
    requireShape(ctx, h0, hShape, () => ({
      code: 'rnn-hidden-size', exception: 'RuntimeError', message: `Expected ${label} ${pyTuple(hShape)}, got ${pyList(h0)}`,
    }));
    if (c.mode === 'LSTM') {
      const c0 = hs[1].shape;
      requireShape(ctx, c0, cShape, () => ({
        code: 'rnn-hidden-size', exception: 'RuntimeError', message: `Expected hidden[1] size ${pyTuple(cShape)}, got ${pyList(c0)}`,
      }));
    }
  }
  const seq = input[c.batchFirst ? 1 : 0];
  if (seq.value === 0) fail('rnn-empty', 'RuntimeError', 'Expected sequence length to be larger than 0 in RNN');
  // The weights' dtype (float32 unless dtype= / .double()): another input dtype fails in the first matmul.
  checkParamDtype(self, x.dtype, 'rnn-dtype');
  let out: Shape = [input[0], input[1], realHidden(c).mul(c.dirs)];
  let h = hShape;
  let cell = cShape;
  if (!batched) {
    out = squeeze(out, batchDim);
    h = squeeze(h, 1);
    cell = squeeze(cell, 1);
  }
  const hn = tensor(h, x.dtype);
  const hidden = c.mode === 'LSTM' ? tuple([hn, tensor(cell, x.dtype)]) : hn;
  return tuple([tensor(out, x.dtype), hidden]);
}

function recurrent(mode: Mode): ModuleOp {
  return defineModule({
    names: [`torch.nn.${mode}`],
    // PyTorch declares these as `*args, **kwargs` and forwards them to RNNBase (see BASE).
    init: '*args, **kwargs',
    forward: 'input, hx=None',
    check(self) {
      config(mode, self);
    },
    params(self) {
      return rnnParams(config(mode, self));
    },
    reset: rnnInit((self) => config(mode, self).hiddenSize.value ?? 0),
    onnx(g, call) {
      const c = config(mode, call.self!);
      if (c.projSize.value !== 0) return g.noKernel('LSTM with proj_size');
      const kw = kwargsOf(call.self!.kwargs);
      const nl = kw.nonlinearity === undefined ? 'tanh' : strArg(kw.nonlinearity);
      return lowerRnn(g, {
        mode, hidden: g.int({ kind: 'int', dim: c.hiddenSize }), numLayers: c.numLayers, dirs: c.dirs, bias: c.bias,
        batchFirst: c.batchFirst, nonlinearity: nl === 'relu' ? 'relu' : 'tanh',
      }, call.args.input, call.args.hx, (name) => g.param(name));
    },
    rule(self, { input, hx }, ctx) {
      return rnnForward(config(mode, self), input, hx, ctx, self);
    },
  });
}

/** [L, N, in] -> ([L, N, D*H], [layers*D, N, H]) */
export const RNN = recurrent('RNN');
/** [L, N, in] -> ([L, N, D*(proj or H)], ([layers*D, N, proj or H], [layers*D, N, H])) */
export const LSTM = recurrent('LSTM');
/** [L, N, in] -> ([L, N, D*H], [layers*D, N, H]) */
export const GRU = recurrent('GRU');
