// Flux's pooling layers (Flux.jl src/layers/conv.jl): MaxPool/MeanPool (stride defaults to the
// window, no ceil mode), AdaptiveMaxPool/AdaptiveMeanPool and GlobalMaxPool/GlobalMeanPool.
// (W, H, C, N) -> (W', H', C, N).
import { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import { isNone, tensorArg, type TensorArg } from '../args';
import { defineModule, giveUp, type ModuleOp } from '../op';
import type { BoundArgs } from '../signature';
import { maybeTupleString, padPairs, perAxis, storedPadding, windowedSizes } from './convGeometry';
import { lowerAdaptivePool, lowerFluxPool, lowerGlobalPool } from './lowerFlux';
import { constTuple, dimensionMismatch, fluxTensor, juliaTuple, summary } from './julia';

interface PoolGeometry {
  readonly kernel: number[];
  readonly stride: number[];
  readonly pad: number[];
}

/** `MaxPool(k; pad=0, stride=k)` (conv.jl:728-732): SamePad with dilation 1. */
function poolGeometry(self: BoundArgs): PoolGeometry {
  const kernel = constTuple(self.k);
  const stride = isNone(self.stride) ? kernel : perAxis(self.stride, kernel.length, 'stride');
  return { kernel, stride, pad: storedPadding(self.pad, kernel, kernel.map(() => 1)) };
}

/** `MaxPool((5, 5), pad=2, stride=3)` (conv.jl:740-745, 800-805). */
function showPool(name: string, g: PoolGeometry): string {
  const pad = g.pad.every((p) => p === 0) ? '' : `, pad=${maybeTupleString(g.pad)}`;
  const stride = g.stride.length === g.kernel.length && g.stride.every((s, i) => s === g.kernel[i]) ? '' : `, stride=${maybeTupleString(g.stride)}`;
  return `${name}(${juliaTuple(g.kernel)}${pad}${stride})`;
}

/** `_pool_size_check` (conv.jl:807-811): the input has the window's rank plus channel and batch. */
function poolSizeCheck(layer: string, n: number, x: TensorArg): void {
  if (x.shape.length !== n + 2) dimensionMismatch('pool-ndims', `layer ${layer} expects ndims(input) == ${n + 2}, but got ${summary(x.shape, x.dtype)}`);
}

function windowPool(name: 'MaxPool' | 'MeanPool'): ModuleOp {
  return defineModule({
    names: [`Flux.${name}`],
    init: 'k, *, pad=0, stride=None',
    forward: 'x',
    onnx: lowerFluxPool(name),
    params: () => [],
    rule(self, { x }) {
      const g = poolGeometry(self);
      const t = tensorArg(x);
      const n = g.kernel.length;
      poolSizeCheck(showPool(name, g), n, t);
      const spatial = windowedSizes('pool-kernel-size', t.shape, g.kernel, g.stride, padPairs(g.pad, n), g.kernel.map(() => 1));
      return fluxTensor([...spatial, ...t.shape.slice(n)], t.dtype);
    },
  });
}

/** AdaptiveMaxPool((a, b)): (W, H, C, N) -> (a, b, C, N) (conv.jl:553-562). */
function adaptivePool(name: 'AdaptiveMaxPool' | 'AdaptiveMeanPool'): ModuleOp {
  return defineModule({
    names: [`Flux.${name}`],
    init: 'out',
    forward: 'x',
    onnx: lowerAdaptivePool(name),
    params: () => [],
    rule(self, { x }) {
      const out = constTuple(self.out);
      const t = tensorArg(x);
      // The call method only accepts arrays of rank N+2 (conv.jl:553): another rank is a MethodError.
      if (t.shape.length !== out.length + 2) return giveUp('no method for this rank');
      // A smaller input makes a zero stride, which NNlib rejects in its own way: no hint.
      if (out.some((o, i) => t.shape[i].value === undefined || t.shape[i].value! < o)) return giveUp('input smaller than the output');
      return fluxTensor([...out.map(Dim.of), ...t.shape.slice(out.length)], t.dtype);
    },
  });
}

/** GlobalMaxPool(): (W, H, C, N) -> (1, 1, C, N), any number of spatial axes (conv.jl:634-643). */
function globalPool(name: 'GlobalMaxPool' | 'GlobalMeanPool'): ModuleOp {
  return defineModule({
    names: [`Flux.${name}`],
    init: '',
    forward: 'x',
    onnx: lowerGlobalPool(name),
    params: () => [],
    rule(_self, { x }): Value {
      const t = tensorArg(x);
      if (t.shape.length < 3) return giveUp('no spatial axes');
      return fluxTensor([...t.shape.slice(0, -2).map(() => Dim.of(1)), ...t.shape.slice(-2)], t.dtype);
    },
  });
}

export const poolOps = [
  windowPool('MaxPool'), windowPool('MeanPool'), adaptivePool('AdaptiveMaxPool'), adaptivePool('AdaptiveMeanPool'),
  globalPool('GlobalMaxPool'), globalPool('GlobalMeanPool'),
];

export function showPoolLayer(op: string, self: BoundArgs): string | undefined {
  const name = op.replace(/^Flux\./, '');
  if (name === 'MaxPool' || name === 'MeanPool') return showPool(name, poolGeometry(self));
  if (name === 'AdaptiveMaxPool' || name === 'AdaptiveMeanPool') return `${name}(${juliaTuple(constTuple(self.out))})`;
  if (name === 'GlobalMaxPool' || name === 'GlobalMeanPool') return `${name}()`;
  return undefined;
}
