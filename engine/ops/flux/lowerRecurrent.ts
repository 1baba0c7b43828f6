// ONNX lowering of Flux 0.15's RNN, LSTM and GRU (Flux.jl src/layers/recurrent.jl): a sequence
// (in, len[, batch]) is ONNX's time-major (len, batch, in) after the row-major view, zero initial
// state. Gate blocks of Wi/Wh/bias (rows of the (g*out, in) matrices): LSTM i,f,c,o (ONNX i,o,f,c),
// GRU r,z,h (ONNX z,r,h). Flux's GRU adds `r .* (Wh_h * h)` before its one bias (recurrent.jl:623-626),
// which is ONNX's linear_before_reset with no recurrent bias.
import { floats, type Lowered, type OnnxAttr, type OnnxCall, type OnnxGraph } from '../lowering';
import { boolArg, isNone } from '../args';
import { layerActivation, param } from './lowerFlux';

type Kind = 'RNN' | 'LSTM' | 'GRU';
const GATES: Readonly<Record<Kind, number>> = { RNN: 1, LSTM: 4, GRU: 3 };
/** Flux's gate blocks in ONNX's order. */
const ONNX_ORDER: Readonly<Record<Kind, readonly number[]>> = { RNN: [0], LSTM: [0, 3, 1, 2], GRU: [1, 0, 2] };

/** RNN's σ as ONNX's recurrent activations name it (the LSTM and GRU gates are fixed). */
function rnnActivation(name: string | undefined): { name: string; alpha?: number; beta?: number } | undefined {
  switch (name) {
    case undefined: case 'tanh': case 'tanh_fast': return { name: 'Tanh' };
    case 'relu': return { name: 'Relu' };
    case 'σ': case 'sigmoid': case 'sigmoid_fast': return { name: 'Sigmoid' };
    case 'identity': return { name: 'Affine', alpha: 1, beta: 0 };
    case 'softplus': return { name: 'Softplus' };
    case 'softsign': return { name: 'Softsign' };
    default: return undefined;
  }
}

export function lowerFluxRecurrent(kind: Kind) {
  return (g: OnnxGraph, call: OnnxCall): Lowered => {
    const self = call.self!;
    if (call.args.h && !isNone(call.args.h)) return g.noKernel('an initial state');
    const x = call.args.x;
    const shape = g.shape(x);
    const [f, t] = shape;
    const n = shape.length === 3 ? shape[2] : 1;
    const gates = GATES[kind];
    const wiName = 'cell.Wi';
    const u = g.paramShape(wiName)[0] / gates;
    const order = ONNX_ORDER[kind];
    // Flux's (g*u, cols) matrix (row-major view: its transpose) -> (1, g*u, cols), blocks reordered.
    const matrix = (name: string, cols: number): string => {
      const m = g.op('Transpose', [param(g, name)], { perm: [1, 0] });
      const blocks = gates === 1 ? [m] : g.node('Split', [m, g.ints(Array(gates).fill(u))], { axis: 0 }, gates);
      const reordered = gates === 1 ? m : g.op('Concat', order.map((i) => blocks[i]), { axis: 0 });
      return g.op('Reshape', [reordered, g.ints([1, gates * u, cols])]);
    };
    const w = matrix(wiName, f);
    const r = matrix('cell.Wh', u);
    const biasName = kind === 'GRU' ? 'cell.b' : 'cell.bias';
    let b: string[] = [];
    if (g.hasParam(biasName)) {
      const v = g.param(biasName);
      const blocks = gates === 1 ? [v] : g.node('Split', [v, g.ints(Array(gates).fill(u))], { axis: 0 }, gates);
      const wb = gates === 1 ? v : g.op('Concat', order.map((i) => blocks[i]), { axis: 0 });
      const zeros = g.constant(new Float32Array(gates * u), [gates * u], 'float32');
      b = [g.op('Reshape', [g.op('Concat', [wb, zeros], { axis: 0 }), g.ints([1, 2 * gates * u])])];
    }
    const attrs: Record<string, OnnxAttr> = { hidden_size: u };
    if (kind === 'RNN') {
      const act = rnnActivation(layerActivation(self, 'σ'));
      if (!act) return g.noKernel('this activation in an RNN');
      attrs.activations = { strings: [act.name] };
      if (act.alpha !== undefined) attrs.activation_alpha = floats([act.alpha]);
      if (act.beta !== undefined) attrs.activation_beta = floats([act.beta]);
    }
    if (kind === 'GRU') attrs.linear_before_reset = 1;
    // (in, len, batch) column-major = (batch, len, in) row-major -> (len, batch, in).
    const xt = g.op('Transpose', [g.op('Reshape', [g.inputAs(x, 'float32'), g.ints([n, t, f])])], { perm: [1, 0, 2] });
    const outs = g.node(kind, [xt, w, r, ...b], attrs, kind === 'LSTM' ? 3 : 2);
    g.flops(2 * n * t * gates * u * (f + u));
    const outShape = shape.length === 3 ? [u, t, n] : [u, t];
    const y = g.op('Reshape', [g.op('Transpose', [g.op('Reshape', [outs[0], g.ints([t, n, u])])], { perm: [1, 0, 2] }), g.ints(outShape)]);
    if (!boolArg(self.return_state)) return y;
    const stateShape = shape.length === 3 ? [u, n] : [u];
    const state = (s: string): string => g.op('Reshape', [s, g.ints(stateShape)]);
    return kind === 'LSTM' ? [y, [state(outs[1]), state(outs[2])]] : [y, state(outs[1])];
  };
}
