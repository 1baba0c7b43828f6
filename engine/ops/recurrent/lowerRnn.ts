// ONNX lowering of RNN/LSTM/GRU and their cells onto ONNX's RNN, LSTM and GRU ops. PyTorch and
// ONNX order the gates differently (LSTM i,f,g,o vs i,o,f,c; GRU r,z,n vs z,r,h), and ONNX's Y
// is [seq, dirs, batch, H] where PyTorch's output is [seq, batch, dirs*H].
import type { Value } from '../../value';
import { isNone, sequenceArg } from '../args';
import type { Lowered, OnnxAttr, OnnxGraph, ParamInit } from '../lowering';

export type RnnMode = 'RNN' | 'LSTM' | 'GRU';

/** ONNX gate chunk k is PyTorch's chunk ORDER[k]. */
const ORDER: Record<RnnMode, number[]> = { RNN: [0], LSTM: [0, 3, 1, 2], GRU: [1, 0, 2] };

export interface RnnLayerSpec {
  readonly mode: RnnMode;
  readonly hidden: number;
  readonly numLayers: number;
  readonly dirs: number;
  readonly bias: boolean;
  readonly batchFirst: boolean;
  readonly nonlinearity: 'tanh' | 'relu';
}

/** uniform(-1/sqrt(hidden), 1/sqrt(hidden)) for every weight and bias (RNNBase.reset_parameters). */
export function rnnInit(hidden: (self: Parameters<ParamInit>[0]) => number): ParamInit {
  return (self, p, rng) => {
    const h = hidden(self);
    const bound = h > 0 ? 1 / Math.sqrt(h) : 0;
    return rng.uniform(p.shape.reduce((a, b) => a * b, 1), -bound, bound);
  };
}

/** A PyTorch gate-stacked weight [G*H, ...] reordered to ONNX's gates, with a leading 1. */
function reorder(g: OnnxGraph, w: string, mode: RnnMode, hidden: number, rest: number[]): string {
  const gates = ORDER[mode].length;
  const split = g.op('Reshape', [w, g.ints([gates, hidden, ...rest])]);
  const ordered = mode === 'RNN' ? split : g.op('Gather', [split, g.ints(ORDER[mode])], { axis: 0 });
  return g.op('Reshape', [ordered, g.ints([1, gates * hidden, ...rest])]);
}

/** One layer's W, R, B for all directions, named as in PyTorch (`weight_ih_l0_reverse`). */
function layerWeights(g: OnnxGraph, s: RnnLayerSpec, layer: number, param: (name: string) => string, inSize: number) {
  const W: string[] = [];
  const R: string[] = [];
  const B: string[] = [];
  for (let d = 0; d < s.dirs; d++) {
    const sfx = `l${layer}${d === 1 ? '_reverse' : ''}`;
    W.push(reorder(g, param(`weight_ih_${sfx}`), s.mode, s.hidden, [inSize]));
    R.push(reorder(g, param(`weight_hh_${sfx}`), s.mode, s.hidden, [s.hidden]));
    if (s.bias) {
      const bi = reorder(g, param(`bias_ih_${sfx}`), s.mode, s.hidden, []);
      const bh = reorder(g, param(`bias_hh_${sfx}`), s.mode, s.hidden, []);
      B.push(g.op('Concat', [bi, bh], { axis: 1 }));
    }
  }
  const cat = (xs: string[]): string => (xs.length === 1 ? xs[0] : g.op('Concat', xs, { axis: 0 }));
  return { W: cat(W), R: cat(R), B: s.bias ? cat(B) : '' };
}

function rnnAttrs(mode: RnnMode, hidden: number, dirs: number, nonlinearity: 'tanh' | 'relu'): Record<string, OnnxAttr> {
  const a: Record<string, OnnxAttr> = { hidden_size: hidden, direction: dirs === 2 ? 'bidirectional' : 'forward' };
  if (mode === 'GRU') a.linear_before_reset = 1;
  if (mode === 'RNN') a.activations = { strings: Array.from({ length: dirs }, () => (nonlinearity === 'relu' ? 'Relu' : 'Tanh')) };
  return a;
}

/** nn.RNN / nn.LSTM / nn.GRU forward: (output, h_n) or (output, (h_n, c_n)). */
export function lowerRnn(g: OnnxGraph, s: RnnLayerSpec, input: Value, hx: Value, param: (name: string) => string): Lowered {
  const inShape = g.shape(input);
  const batched = inShape.length === 3;
  let x = g.input(input);
  if (!batched) x = g.op('Unsqueeze', [x, g.ints([s.batchFirst ? 0 : 1])]);
  if (s.batchFirst) x = g.op('Transpose', [x], { perm: [1, 0, 2] });
  const full = batched ? inShape : s.batchFirst ? [1, ...inShape] : [inShape[0], 1, inShape[1]];
  const seq = s.batchFirst ? full[1] : full[0];
  const batch = s.batchFirst ? full[0] : full[1];
  let h0: string | undefined;
  let c0: string | undefined;
  if (!isNone(hx)) {
    const hs = s.mode === 'LSTM' ? sequenceArg(hx).map((v) => g.input(v)) : [g.input(hx)];
    const fix = (h: string): string => (batched ? h : g.op('Unsqueeze', [h, g.ints([1])]));
    h0 = fix(hs[0]);
    c0 = hs[1] !== undefined ? fix(hs[1]) : undefined;
  }
  const opType = s.mode;
  const hn: string[] = [];
  const cn: string[] = [];
  let inSize = full[2];
  for (let layer = 0; layer < s.numLayers; layer++) {
    const { W, R, B } = layerWeights(g, s, layer, param, inSize);
    const slice = (t: string | undefined): string =>
      t === undefined ? '' : g.op('Slice', [t, g.ints([layer * s.dirs]), g.ints([(layer + 1) * s.dirs]), g.ints([0])]);
    const inputs = [x, W, R, B, '', slice(h0)];
    if (s.mode === 'LSTM') inputs.push(slice(c0));
    while (inputs.length > 3 && inputs[inputs.length - 1] === '') inputs.pop();
    const outs = g.node(opType, inputs, rnnAttrs(s.mode, s.hidden, s.dirs, s.nonlinearity), s.mode === 'LSTM' ? 3 : 2);
    // Y [seq, dirs, batch, H] -> [seq, batch, dirs*H]
    x = g.op('Reshape', [g.op('Transpose', [outs[0]], { perm: [0, 2, 1, 3] }), g.ints([seq, batch, s.dirs * s.hidden])]);
    hn.push(outs[1]);
    if (s.mode === 'LSTM') cn.push(outs[2]);
    inSize = s.dirs * s.hidden;
    g.flops(2 * seq * batch * s.dirs * ORDER[s.mode].length * s.hidden * (inSize + s.hidden));
  }
  const stack = (xs: string[]): string => (xs.length === 1 ? xs[0] : g.op('Concat', xs, { axis: 0 }));
  let out = s.batchFirst ? g.op('Transpose', [x], { perm: [1, 0, 2] }) : x;
  let h = stack(hn);
  let c = s.mode === 'LSTM' ? stack(cn) : undefined;
  if (!batched) {
    out = g.op('Squeeze', [out, g.ints([s.batchFirst ? 0 : 1])]);
    h = g.op('Squeeze', [h, g.ints([1])]);
    if (c) c = g.op('Squeeze', [c, g.ints([1])]);
  }
  return s.mode === 'LSTM' ? [out, [h, c]] : [out, h];
}

/** RNNCell / LSTMCell / GRUCell: one step, as a one-step sequence. */
export function lowerCell(g: OnnxGraph, mode: RnnMode, hidden: number, bias: boolean, nonlinearity: 'tanh' | 'relu', input: Value, hx: Value, param: (name: string) => string): Lowered {
  const inShape = g.shape(input);
  const batched = inShape.length === 2;
  let x = g.input(input);
  if (!batched) x = g.op('Unsqueeze', [x, g.ints([0])]);
  const inSize = batched ? inShape[1] : inShape[0];
  x = g.op('Unsqueeze', [x, g.ints([0])]); // [1, N, in]
  const W = reorder(g, param('weight_ih'), mode, hidden, [inSize]);
  const R = reorder(g, param('weight_hh'), mode, hidden, [hidden]);
  const B = bias ? g.op('Concat', [reorder(g, param('bias_ih'), mode, hidden, []), reorder(g, param('bias_hh'), mode, hidden, [])], { axis: 1 }) : '';
  const state = (v: Value | undefined): string => {
    if (v === undefined) return '';
    let h = g.input(v);
    if (!batched) h = g.op('Unsqueeze', [h, g.ints([0])]);
    return g.op('Unsqueeze', [h, g.ints([0])]);
  };
  const hs = isNone(hx) ? [] : mode === 'LSTM' ? sequenceArg(hx) : [hx];
  const inputs = [x, W, R, B, '', state(hs[0])];
  if (mode === 'LSTM') inputs.push(state(hs[1]));
  while (inputs.length > 3 && inputs[inputs.length - 1] === '') inputs.pop();
  const outs = g.node(mode, inputs, rnnAttrs(mode, hidden, 1, nonlinearity), mode === 'LSTM' ? 3 : 2);
  const n = batched ? inShape[0] : 1;
  g.flops(2 * n * ORDER[mode].length * hidden * (inSize + hidden));
  const unstate = (t: string): string => g.op('Squeeze', [t, g.ints(batched ? [0] : [0, 1])]);
  return mode === 'LSTM' ? [unstate(outs[1]), unstate(outs[2])] : unstate(outs[1]);
}

