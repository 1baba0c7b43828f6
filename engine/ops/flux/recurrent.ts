// Flux 0.15+ recurrent layers (Flux.jl src/layers/recurrent.jl): RNN, LSTM and GRU take a whole
// sequence, (in, len) or (in, len, batch), and return every hidden state, (out, len[, batch]).
// One bias per cell (PyTorch keeps two): Wi (g*out, in), Wh (g*out, out), bias (g*out).
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { boolArg, isNone, tensorArg } from '../args';
import { defineModule, requireEqual, type ModuleOp, type NamedShape } from '../op';
import type { BoundArgs } from '../signature';
import { assertionError, fluxTensor, functionName, hasBias, pairDims, sliceSummary } from './julia';
import { glorotInit } from './lowerFlux';
import { lowerFluxRecurrent } from './lowerRecurrent';

type Kind = 'RNN' | 'LSTM' | 'GRU';
const GATES: Readonly<Record<Kind, number>> = { RNN: 1, LSTM: 4, GRU: 3 };

/** `RNN(3 => 5, tanh)`, `LSTM(3 => 5)`, `GRU(3 => 5)` (recurrent.jl:315-319, 526, 720-722). */
export function showRecurrent(kind: Kind, self: BoundArgs, cell = false): string {
  const [inF, outF] = pairDims(self.ch);
  // RNN's activation defaults to tanh and is always printed.
  const act = kind === 'RNN' ? `, ${isNone(self.σ) ? 'tanh' : functionName(self.σ) ?? 'identity'}` : '';
  return `${kind}${cell ? 'Cell' : ''}(${inF} => ${outF}${act})`;
}

function recurrentLayer(kind: Kind): ModuleOp {
  const gates = GATES[kind];
  const init = kind === 'RNN'
    ? 'ch, σ=None, *, return_state=False, init_kernel=None, init_recurrent_kernel=None, bias=True'
    : 'ch, *, return_state=False, init_kernel=None, init_recurrent_kernel=None, bias=True';
  return defineModule({
    names: [`Flux.${kind}`],
    init,
    forward: 'x, h=None',
    params(self): NamedShape[] {
      const [inF, outF] = pairDims(self.ch);
      const out: NamedShape[] = [
        { name: 'cell.Wi', shape: [outF.mul(gates), inF], dtype: 'float32' },
        { name: 'cell.Wh', shape: [outF.mul(gates), outF], dtype: 'float32' },
      ];
      // GRUCell names its bias `b` (recurrent.jl:586-590, 603-605).
      if (hasBias(self.bias)) out.push({ name: kind === 'GRU' ? 'cell.b' : 'cell.bias', shape: [outF.mul(gates)], dtype: 'float32' });
      return out;
    },
    rule(self, { x }, ctx): Value {
      const t = tensorArg(x);
      const [inF, outF] = pairDims(self.ch);
      // `@assert ndims(x) == 2 || ndims(x) == 3` (recurrent.jl:296, 511, 705)
      if (t.shape.length !== 2 && t.shape.length !== 3) assertionError('rnn-ndims', 'ndims(x) == 2 || ndims(x) == 3');
      // The cell's `_size_check` sees one time step, a view of the input (recurrent.jl:193-194, 411-412, 614-615).
      requireEqual(ctx, t.shape[0], inF, () => ({
        code: 'rnn-input-size',
        exception: 'DimensionMismatch',
        message: `DimensionMismatch: layer ${showRecurrent(kind, self, true)} expects size(input, 1) == ${inF}, but got ${sliceSummary(t.shape, t.dtype)}`,
        fixes: [{ param: 'ch', value: t.shape[0], side: 0, label: 'in' }],
      }));
      const y = fluxTensor([outF, ...t.shape.slice(1)], 'float32');
      if (!boolArg(self.return_state)) return y;
      const state: Shape = t.shape.length === 3 ? [outF, t.shape[2]] : [outF];
      const h = fluxTensor(state, 'float32');
      return { kind: 'tuple', items: [y, kind === 'LSTM' ? { kind: 'tuple', items: [h, fluxTensor(state, 'float32')] } : h] };
    },
    onnx: lowerFluxRecurrent(kind),
    // glorot_uniform kernels, zero bias (recurrent.jl constructors).
    reset: glorotInit,
  });
}

export const RNN = recurrentLayer('RNN');
export const LSTM = recurrentLayer('LSTM');
export const GRU = recurrentLayer('GRU');

export const recurrentOps = [RNN, LSTM, GRU];
