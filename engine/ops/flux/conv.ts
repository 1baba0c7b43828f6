// Flux's convolutions (Flux.jl src/layers/conv.jl): Conv, CrossCor, DepthwiseConv and
// ConvTranspose on WHCN arrays, weights in Flux's layout (kw, kh, cin÷groups, cout) and, for
// ConvTranspose, (kw, kh, cout÷groups, cin). (W, H, C, N) -> (W', H', out, N).
import { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import { tensorArg } from '../args';
import { transposedWindowOutput } from '../common/window';
import { defineModule, requireEqual, type ModuleOp, type NamedShape, type OpContext } from '../op';
import type { BoundArgs } from '../signature';
import { convGeometry, convWeightShape, padPairs, showConv, windowedSizes, type ConvGeometry, type ConvKind as Kind } from './convGeometry';

export { convGeometry, showConv };
import { glorotInit, lowerFluxConv } from './lowerFlux';
import { assertionError, dimensionMismatch, fluxTensor, hasBias, summary } from './julia';

function checkGroups(g: ConvGeometry): void {
  // convfilter's asserts; ConvTranspose builds its filter from `out => in` (conv.jl:183-184, 312).
  const [first, second] = g.kind === 'ConvTranspose' ? [g.cout, g.cin] : [g.cin, g.cout];
  const divisible = (d: Dim): boolean | undefined => {
    const v = d.value;
    return v === undefined ? undefined : v % g.groups === 0;
  };
  if (divisible(first) === false) assertionError('conv-groups', 'Input channel dimension must be divisible by groups.');
  if (divisible(second) === false) assertionError('conv-groups', 'Output channel dimension must be divisible by groups.');
}

function convParams(g: ConvGeometry, self: BoundArgs): NamedShape[] {
  const weight: NamedShape = { name: 'weight', shape: convWeightShape(g), dtype: 'float32' };
  return hasBias(self.bias) ? [weight, { name: 'bias', shape: [g.cout], dtype: 'float32' }] : [weight];
}

/**
 * `_conv_size_check` (conv.jl:498-505): the input has the weight's rank and `in` channels in
 * dimension N+1; a wrong channel count is fixed by the constructor's `in`.
 */
function convSizeCheck(ctx: OpContext, g: ConvGeometry, layer: string, x: { shape: readonly Dim[]; dtype: import('../dtype').DType | undefined }): void {
  const rank = g.kernel.length + 2;
  if (x.shape.length !== rank) dimensionMismatch('conv-ndims', `layer ${layer} expects ndims(input) == ${rank}, but got ${summary(x.shape, x.dtype)}`);
  const d = rank - 1;
  const got = x.shape[d - 1];
  requireEqual(ctx, got, g.cin, () => ({
    code: 'conv-in-channels',
    exception: 'DimensionMismatch',
    message: `DimensionMismatch: layer ${layer} expects size(input, ${d}) == ${g.cin}, but got ${summary(x.shape, x.dtype)}`,
    fixes: [{ param: 'ch', value: got, side: 0, label: 'in' }],
  }));
}

function convRule(kind: Kind) {
  return (self: BoundArgs, { x }: BoundArgs, ctx: OpContext): Value => {
    const g = convGeometry(kind, self);
    const t = tensorArg(x);
    const layer = showConv(g, self);
    convSizeCheck(ctx, g, layer, t);
    const n = g.kernel.length;
    const pads = padPairs(g.pad, n);
    const spatial = kind === 'ConvTranspose'
      // conv_transpose_dims (conv.jl:318-330): (x - 1)*stride + 1 + (k - 1)*dilation - (lo + hi) + outpad
      ? g.kernel.map((k, i) => transposedWindowOutput(t.shape[i], k, g.stride[i], (pads[i][0] + pads[i][1]) / 2, g.dilation[i], g.outpad[i]))
      : windowedSizes('conv-kernel-size', t.shape, g.kernel, g.stride, pads, g.dilation);
    return fluxTensor([...spatial, g.cout, t.shape[n + 1]], 'float32');
  };
}

const CONV_INIT = 'k, ch, σ=None, *, init=None, stride=1, pad=0, dilation=1, groups=1, bias=True';

function convLayer(kind: Kind, init: string): ModuleOp {
  return defineModule({
    names: [`Flux.${kind}`],
    init,
    forward: 'x',
    reset: glorotInit,
    onnx: lowerFluxConv(kind),
    check(self) {
      checkGroups(convGeometry(kind, self));
    },
    params: (self) => convParams(convGeometry(kind, self), self),
    rule: convRule(kind),
  });
}

export const Conv = convLayer('Conv', CONV_INIT);
export const CrossCor = convLayer('CrossCor', 'k, ch, σ=None, *, init=None, stride=1, pad=0, dilation=1, bias=True');
export const DepthwiseConv = convLayer('DepthwiseConv', 'k, ch, σ=None, *, stride=1, pad=0, dilation=1, bias=True, init=None');
export const ConvTranspose = convLayer('ConvTranspose', 'k, ch, σ=None, *, init=None, stride=1, pad=0, outpad=0, dilation=1, groups=1, bias=True');

export const convOps = [Conv, CrossCor, DepthwiseConv, ConvTranspose];
