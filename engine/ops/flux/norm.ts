// Flux's normalisation and dropout layers (Flux.jl src/layers/normalise.jl): BatchNorm over the
// channel dimension N-1 (trainable β, γ; running μ, σ² kept but not trained), LayerNorm over the
// first dimensions (a Scale with scale and bias), Dropout. Shapes pass through unchanged.
import type { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import { boolArg, floatArg, intArg, isNone, sequenceArg, tensorArg } from '../args';
import { defineModule, giveUp, type NamedShape } from '../op';
import type { BoundArgs } from '../signature';
import { sizeCheck } from './dense';
import { fluxNormInit, lowerBatchNorm, lowerIdentity, lowerLayerNorm } from './lowerFlux';
import { argumentError, fluxTensor, functionName } from './julia';

/** `BatchNorm(64, relu, affine=false)` (normalise.jl:309-315). */
export function showBatchNorm(self: BoundArgs): string {
  const f = functionName(self.λ);
  const active = isNone(self.active) ? '' : `, active=${boolArg(self.active)}`;
  return `BatchNorm(${intArg(self.chs)}${f ? `, ${f}` : ''}${boolArg(self.affine) ? '' : ', affine=false'}${active})`;
}

/** BatchNorm(chs): any array whose dimension N-1 has `chs` entries (normalise.jl:292-293). */
export const BatchNorm = defineModule({
  names: ['Flux.BatchNorm'],
  init: 'chs, λ=None, *, initβ=None, initγ=None, affine=True, track_stats=True, active=None, eps=1e-5, momentum=0.1',
  forward: 'x',
  reset: fluxNormInit,
  onnx: lowerBatchNorm,
  params(self) {
    const c = intArg(self.chs);
    return boolArg(self.affine) ? [{ name: 'β', shape: [c], dtype: 'float32' }, { name: 'γ', shape: [c], dtype: 'float32' }] : [];
  },
  buffers(self) {
    const c = intArg(self.chs);
    return boolArg(self.track_stats) ? [{ name: 'μ', shape: [c], dtype: 'float32' }, { name: 'σ²', shape: [c], dtype: 'float32' }] : [];
  },
  rule(self, { x }, ctx) {
    const t = tensorArg(x);
    sizeCheck(ctx, showBatchNorm(self), t, t.shape.length - 1, intArg(self.chs), 'batchnorm-channels', { param: 'chs' });
    return fluxTensor(t.shape, t.dtype);
  },
});

/**
 * LayerNorm(size..., λ=identity; affine, eps) (normalise.jl:194-199): sizes as integers or one
 * tuple, optionally followed by the activation.
 */
export function layerNormSize(self: BoundArgs): { size: Dim[]; act: Value | undefined } {
  const items = sequenceArg(self.size);
  if (items.length === 0) return giveUp('LayerNorm()');
  if (items[0].kind === 'tuple') {
    if (items.length > 2) return giveUp('LayerNorm(tuple, λ, ...)');
    return { size: sequenceArg(items[0]).map(intArg), act: items[1] };
  }
  const last = items[items.length - 1];
  if (last.kind === 'int') return { size: items.map(intArg), act: undefined };
  return { size: items.slice(0, -1).map(intArg), act: last };
}

/** `LayerNorm(5, 3, relu, affine=false)` (normalise.jl:212-217). */
export function showLayerNorm(self: BoundArgs): string {
  const { size, act } = layerNormSize(self);
  const f = functionName(act);
  return `LayerNorm(${size.join(', ')}${f ? `, ${f}` : ''}${boolArg(self.affine) ? '' : ', affine=false'})`;
}

export const LayerNorm = defineModule({
  names: ['Flux.LayerNorm'],
  init: '*size, affine=True, eps=1e-5',
  forward: 'x',
  reset: fluxNormInit,
  onnx: lowerLayerNorm,
  params(self): NamedShape[] {
    const { size } = layerNormSize(self);
    return boolArg(self.affine) ? [{ name: 'diag.scale', shape: size, dtype: 'float32' }, { name: 'diag.bias', shape: size, dtype: 'float32' }] : [];
  },
  rule(self, { x }, ctx) {
    const t = tensorArg(x);
    const { size } = layerNormSize(self);
    // The size check runs only with an affine Scale (normalise.jl:204-208); the fix is the `size`.
    if (boolArg(self.affine)) size.forEach((n, i) => sizeCheck(ctx, showLayerNorm(self), t, i + 1, n, 'layernorm-size'));
    else if (t.shape.length < size.length) return giveUp('fewer dimensions than the normalised size');
    return fluxTensor(t.shape, t.dtype);
  },
});

/** `Dropout(0.5, dims=3)` (normalise.jl:88-93). */
export function showDropout(self: BoundArgs): string {
  const dims = isNone(self.dims) ? '' : `, dims=${self.dims.kind === 'int' ? self.dims.dim : giveUp('dims')}`;
  const active = isNone(self.active) ? '' : `, active=${boolArg(self.active)}`;
  return `Dropout(${self.p.kind === 'float' ? juliaFloat(self.p.value) : floatArg(self.p)}${dims}${active})`;
}

export const Dropout = defineModule({
  names: ['Flux.Dropout'],
  init: 'p, *, dims=None, active=None, rng=None',
  forward: 'x',
  onnx: lowerIdentity,
  check(self) {
    const p = floatArg(self.p);
    // normalise.jl:77
    if (!(p >= 0 && p <= 1)) argumentError('dropout-p', `Dropout expects 0 ≤ p ≤ 1, got p = ${self.p.kind === 'float' ? juliaFloat(p) : p}`);
  },
  params: () => [],
  rule(_self, { x }) {
    const t = tensorArg(x);
    return fluxTensor(t.shape, t.dtype);
  },
});

/** A Float64 as Julia prints it (`0.5`, `2.0`, `-0.1`). */
function juliaFloat(v: number): string {
  return Number.isInteger(v) ? `${v}.0` : String(v);
}

export const normOps = [BatchNorm, LayerNorm, Dropout];
