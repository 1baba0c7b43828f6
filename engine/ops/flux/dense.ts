// Flux's Dense and Embedding (Flux.jl src/layers/basic.jl): weights in Flux's layout, (out, in).
// Dense acts on the first dimension: (in, N...) -> (out, N...).
import { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import { intArg, isNone, tensorArg, type TensorArg } from '../args';
import { defineModule, giveUp, requireEqual, type OpContext, type OpFix } from '../op';
import { glorotInit, lowerDense, lowerEmbedding, randnInit } from './lowerFlux';
import { argumentError, dimensionMismatch, fluxTensor, functionName, hasBias, isObject, JuliaPair, pairDims, summary } from './julia';

/** `in => out`, or the softly deprecated `Dense(in, out, σ)` (Flux.jl src/deprecations.jl:6). */
function denseSizes(self: Readonly<Record<string, Value>>): { inF: Dim; outF: Dim; act: Value | undefined } {
  if (isObject(self.ch, JuliaPair)) {
    const [inF, outF] = pairDims(self.ch);
    if (!isNone(self.σ2)) return giveUp('Dense(in => out, σ) takes one activation');
    return { inF, outF, act: self.σ };
  }
  if (self.ch.kind === 'int' && self.σ.kind === 'int') return { inF: intArg(self.ch), outF: intArg(self.σ), act: self.σ2 };
  return giveUp('Dense from a weight matrix');
}

/** `Dense(100 => 10, relu; bias=false)` as Flux's `show` prints it (basic.jl:207-212). */
export function showDense(self: Readonly<Record<string, Value>>): string {
  const { inF, outF, act } = denseSizes(self);
  const f = functionName(act);
  return `Dense(${inF} => ${outF}${f ? `, ${f}` : ''}${hasBias(self.bias) ? '' : '; bias=false'})`;
}

/**
 * Flux's `_size_check(layer, x, d => n)` (basic.jl:217-221): the layer's input must have at least
 * `d` dimensions and size `n` along dimension `d`, else a DimensionMismatch naming the layer
 * and the input's summary. `side` says which side of the constructor's `in => out` fixes it.
 */
export function sizeCheck(ctx: OpContext, layer: string, x: TensorArg, d: number, n: Dim, code: string, fix?: Omit<OpFix, 'value'>): void {
  if (!(0 < d && d <= x.shape.length)) {
    dimensionMismatch(code, `layer ${layer} expects ndims(input) >= ${d}, but got ${summary(x.shape, x.dtype)}`);
  }
  const got = x.shape[d - 1];
  requireEqual(ctx, got, n, () => ({
    code,
    exception: 'DimensionMismatch',
    message: `DimensionMismatch: layer ${layer} expects size(input, ${d}) == ${n}, but got ${summary(x.shape, x.dtype)}`,
    fixes: fix ? [{ ...fix, value: got }] : undefined,
  }));
}

/** Dense(in => out, σ): (in, N...) -> (out, N...). */
export const Dense = defineModule({
  names: ['Flux.Dense'],
  init: 'ch, σ=None, σ2=None, *, bias=True, init=None',
  forward: 'x',
  reset: glorotInit,
  onnx: lowerDense,
  params(self) {
    const { inF, outF } = denseSizes(self);
    const weight = { name: 'weight', shape: [outF, inF], dtype: 'float32' as const };
    return hasBias(self.bias) ? [weight, { name: 'bias', shape: [outF], dtype: 'float32' as const }] : [weight];
  },
  rule(self, { x }, ctx) {
    const t = tensorArg(x);
    const { inF, outF } = denseSizes(self);
    sizeCheck(ctx, showDense(self), t, 1, inF, 'dense-in', { param: 'ch', side: 0, label: 'in' });
    // `_match_eltype` converts Float64 and integer input to the weight's Float32.
    return fluxTensor([outF, ...t.shape.slice(1)], 'float32');
  },
});

/** `Embedding(26 => 4)` as Flux prints it (basic.jl:814-818). */
export function showEmbedding(self: Readonly<Record<string, Value>>): string {
  const [inF, outF] = embeddingSizes(self);
  return `Embedding(${inF} => ${outF}${isNone(self.padding_idx) ? '' : `, padding_idx=${intArg(self.padding_idx)}`})`;
}

function embeddingSizes(self: Readonly<Record<string, Value>>): [Dim, Dim] {
  if (isObject(self.ch, JuliaPair)) return pairDims(self.ch);
  // Embedding(in, out) (deprecations.jl:10)
  if (self.ch.kind === 'int' && self.out.kind === 'int') return [intArg(self.ch), intArg(self.out)];
  return giveUp('Embedding from a weight matrix');
}

/**
 * Embedding(in => out): indices of any shape s -> (out, s...); a one-hot Bool array
 * (in, s...) -> (out, s...) (basic.jl:794-800).
 */
export const Embedding = defineModule({
  names: ['Flux.Embedding'],
  init: 'ch, out=None, *, init=None, padding_idx=None',
  forward: 'x',
  reset: randnInit,
  onnx: lowerEmbedding,
  check(self) {
    const [inF] = embeddingSizes(self);
    if (!isNone(self.padding_idx)) {
      const p = intArg(self.padding_idx).value;
      const n = inF.value;
      // basic.jl:786
      if (p !== undefined && n !== undefined && !(1 <= p && p <= n)) argumentError('embedding-padding-idx', `padding_idx=${p} must be in 1:${n}`);
    }
  },
  params(self) {
    const [inF, outF] = embeddingSizes(self);
    return [{ name: 'weight', shape: [outF, inF], dtype: 'float32' }];
  },
  rule(self, { x }) {
    const [inF, outF] = embeddingSizes(self);
    if (x.kind === 'int') return fluxTensor([outF], 'float32');
    const t = tensorArg(x);
    if (t.dtype === 'bool') {
      // `weight * onehot`: the first dimension must be the vocabulary size.
      if (t.shape.length === 0 || t.shape[0].equals(inF) !== 'yes') return giveUp('one-hot size');
      return fluxTensor([outF, ...t.shape.slice(1)], 'float32');
    }
    if (t.dtype && t.dtype !== 'int64' && t.dtype !== 'int32' && t.dtype !== 'int16' && t.dtype !== 'int8' && t.dtype !== 'uint8') return giveUp('float indices');
    return fluxTensor([outF, ...t.shape], 'float32');
  },
});

export const denseOps = [Dense, Embedding];
