// einops.layers.torch.EinMix: an einsum with a weight (and bias) the layer owns, between an
// optional Rearrange into elementary axes and one back. EinMix('t b cin -> t b cout',
// weight_shape='cin cout', bias_shape='cout', cin=10, cout=20): [T, B, 10] -> [T, B, 20], weight
// [10, 20], bias [20]. A port of einops/layers/_einmix.py and layers/torch.py:33-72
// (arogozhnikov/einops 0.9.0dev, /work/corpus/arogozhnikov+einops), with its error texts.
import { Dim } from '../../shape/dim';
import { shapesEqual, type Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { strArg, tensorArg } from '../args';
import { broadcastShapes } from '../common/broadcast';
import { einsumShape } from '../math/einsum';
import type { OnnxCall, OnnxGraph, ParamInit } from '../lowering';
import type { BoundArgs } from '../signature';
import { defineModule, fail, giveUp, newContext, OpFailure, type NamedShape } from '../op';
import { listText, tensor } from '../reshape/helpers';
import { ELLIPSIS, EinopsFailure, parseExpression, setText, type Axis, type Group } from './parsing';
import { applyLayerPattern, checkLayerPattern, layerRepr } from './layers';
import { lowerPlan } from './lowerPattern';
import { splitArrow } from './recipe';
import { axesLengthsArg } from './transform';

interface Rearrangement {
  readonly pattern: string;
  readonly lengths: readonly (readonly [string, Dim])[];
}

/** What EinMix.__init__ computes (_einmix.py:67-187). */
interface EinMixSetup {
  readonly pre: Rearrangement | undefined;
  readonly post: Rearrangement | undefined;
  readonly weight: readonly Dim[];
  /** Positions in the weight of the axes that are summed over (the fan-in). */
  readonly fanInAxes: readonly number[];
  readonly bias: readonly Dim[] | undefined;
  readonly equation: string;
}

const einops = (message: string): never => {
  throw new OpFailure({ code: 'einops-einmix', exception: 'EinopsError', message });
};

/** _report_axes (_einmix.py:10-12). */
function report(axes: readonly Axis[], message: (set: string) => string): void {
  if (axes.length > 0) einops(message(setText(axes)));
}

/** Rearrange's recipe check for the layers EinMix builds, with Rearrange's own wrapper. */
function rearrangement(pattern: string, lengths: readonly (readonly [string, Dim])[]): Rearrangement {
  checkLayerPattern(layerRepr('Rearrange', [pattern], lengths), pattern, 'rearrange', lengths);
  return { pattern, lengths };
}

/** The elementary axis names of a composition, `...` for the ellipsis (_einmix.py:92-95). */
function flatNames(composition: readonly Group[]): string[] {
  return composition.flatMap((g) => (g === ELLIPSIS ? ['...'] : g.map((a) => (a === ELLIPSIS ? '...' : String(a)))));
}

function einmixSetup(self: BoundArgs): EinMixSetup {
  const pattern = strArg(self.pattern);
  const weightShape = strArg(self.weight_shape);
  const lengths = axesLengthsArg(self.axes_lengths);
  const given = new Map(lengths);
  try {
    const [leftText, rightText] = splitArrow(pattern);
    const left = parseExpression(leftText);
    const right = parseExpression(rightText);
    const weight = parseExpression(weightShape);
    const isIn = (a: Axis, ...es: { identifiers: readonly Axis[] }[]): boolean => es.some((e) => e.identifiers.includes(a));
    report(right.identifiers.filter((a) => !isIn(a, left, weight)), (s) => `Unrecognized identifiers on the right side of EinMix ${s}`); // _einmix.py:72-75
    if (weight.hasEllipsis) einops('Ellipsis is not supported in weight, as its shape should be fully specified'); // _einmix.py:77
    if (left.hasEllipsis || right.hasEllipsis) {
      if (!(left.hasEllipsis && right.hasEllipsis)) einops(`Ellipsis in EinMix should be on both sides, ${pattern}`); // _einmix.py:80
      if (left.hasEllipsisParenthesized) einops(`Ellipsis on left side can't be in parenthesis, got ${pattern}`); // _einmix.py:82
    }
    if ([left, right, weight].some((e) => e.hasNonUnitaryAnonymousAxes)) einops('Anonymous axes (numbers) are not allowed in EinMix'); // _einmix.py:84
    if (weightShape.includes('(') || weightShape.includes(')')) einops(`Parenthesis is not allowed in weight shape: ${weightShape}`); // _einmix.py:86
    let pre: Rearrangement | undefined;
    if (left.composition.some((g) => g.length !== 1)) {
      const names = flatNames(left.composition);
      pre = rearrangement(`${leftText}-> ${names.join(' ')}`, lengths.filter(([k]) => names.includes(k))); // _einmix.py:91-98
    }
    let post: Rearrangement | undefined;
    if (right.composition.some((g) => g.length !== 1) || right.hasEllipsisParenthesized) {
      post = rearrangement(`${flatNames(right.composition).join(' ')} ->${rightText}`, []); // _einmix.py:100-106
    }
    for (const axis of weight.identifiers) {
      if (typeof axis === 'string' && !given.has(axis)) einops(`Dimension ${axis} of weight should be specified`); // _einmix.py:112
    }
    report(lengths.map(([k]) => k).filter((k) => !isIn(k, left, weight)), (s) => `Axes ${s} are not used in pattern`); // _einmix.py:113-116
    report(weight.identifiers.filter((a) => !isIn(a, left, right)), (s) => `Weight axes ${s} are redundant`); // _einmix.py:117-119
    const weightAxes = weight.composition.map((g) => {
      if (g === ELLIPSIS || g.length !== 1) {
        throw new OpFailure({ code: 'einops-einmix', exception: 'ValueError', message: `not enough values to unpack (expected 1, got ${g.length})` }); // _einmix.py:123
      }
      return g[0] as string;
    });
    const fanInAxes = weightAxes.flatMap((a, i) => (right.identifiers.includes(a) ? [] : [i]));
    let bias: Dim[] | undefined;
    const biasShape: Value = self.bias_shape;
    if (biasShape.kind !== 'none') {
      if (biasShape.kind !== 'str') {
        if (biasShape.kind === 'unknown' || biasShape.kind === 'object') giveUp('bias_shape');
        einops('bias shape should be string specifying which axes bias depends on'); // _einmix.py:129
      }
      const b = parseExpression((biasShape as { value: string }).value);
      report(b.identifiers.filter((a) => !right.identifiers.includes(a)), (s) => `Bias axes ${s} not present in output`); // _einmix.py:131-134
      report(b.identifiers.filter((a) => typeof a !== 'string' || !given.has(a)), (s) => `Sizes not provided for bias axes ${s}`); // _einmix.py:135-138
      bias = [];
      let used = false;
      for (const g of right.composition) {
        for (const axis of g === ELLIPSIS ? [ELLIPSIS] : g) {
          if (axis === ELLIPSIS) {
            if (used) einops('all bias dimensions should go after ellipsis in the output'); // _einmix.py:145, 151
          } else if (b.identifiers.includes(axis)) {
            bias.push(given.get(axis as string)!);
            used = true;
          } else bias.push(Dim.of(1));
        }
      }
    }
    // Single-letter einsum axes: the sorted names take a, b, c... (_einmix.py:164-187).
    const mapped = [...new Set([...left.identifiers, ...right.identifiers, ...weight.identifiers].filter((a) => a !== ELLIPSIS))].map(String).sort();
    if (mapped.length > 26) giveUp('more than 26 EinMix axes');
    const letter = new Map(mapped.map((a, i) => [a, 'abcdefghijklmnopqrstuvwxyz'[i]]));
    const flat = (composition: readonly Group[]): string => composition.map((g) => (g === ELLIPSIS ? '...' : g.map((a) => letter.get(String(a))).join(''))).join('');
    return {
      pre, post, bias, fanInAxes,
      weight: weightAxes.map((a) => given.get(a)!),
      equation: `${flat(left.composition)},${flat(weight.composition)}->${flat(right.composition)}`,
    };
  } catch (e) {
    if (e instanceof EinopsFailure) einops(e.message);
    throw e;
  }
}

/** uniform(-bound, bound) with einops's bounds: sqrt(3 / fan_in) for the weight, sqrt(1 / fan_in) for the bias (_einmix.py:160-162, layers/torch.py:37-46). */
const resetEinMix: ParamInit = (self, p, rng, all) => {
  const setup = einmixSetup(self);
  const weight = all.find((q) => q.name === 'weight');
  if (!weight) return undefined;
  const fanIn = setup.fanInAxes.reduce((n, i) => n * weight.shape[i], 1);
  const bound = Math.sqrt((p.name === 'weight' ? 3 : 1) / fanIn);
  return rng.uniform(p.shape.reduce((a, b) => a * b, 1), -bound, bound);
};

function lowerEinMix(g: OnnxGraph, call: OnnxCall): string {
  const self = call.self ?? g.noKernel('layer arguments');
  const setup = einmixSetup(self);
  const run = (r: Rearrangement): [string, Dim][] => r.lengths.map(([k, v]) => [k, Dim.of(v.value ?? g.noKernel('symbolic axis length'))]);
  let x = g.inputAs(call.args.input, 'float32');
  let shape = g.shape(call.args.input);
  if (setup.pre) ({ name: x, shape } = lowerPlan(g, x, shape, setup.pre.pattern, 'rearrange', run(setup.pre), 'float32', 'float32'));
  const weightShape = g.paramShape('weight');
  const out = einsumShape(newContext(), setup.equation, [{ shape: shape.map((d) => Dim.of(d)), dtype: 'float32' }, { shape: weightShape.map((d) => Dim.of(d)), dtype: 'float32' }]);
  shape = out.map((d) => d.value ?? g.noKernel('symbolic size'));
  g.flops(2 * shape.reduce((p, q) => p * q, 1) * setup.fanInAxes.reduce((n, i) => n * weightShape[i], 1));
  let y = g.op('Einsum', [x, g.param('weight')], { equation: setup.equation });
  if (g.hasParam('bias')) y = g.op('Add', [y, g.param('bias')]);
  if (setup.post) y = lowerPlan(g, y, shape, setup.post.pattern, 'rearrange', [], 'float32', 'float32').name;
  return y;
}

/** EinMix(pattern, weight_shape, bias_shape=None, **axes_lengths) (_einmix.py:16). */
export const EinMix = defineModule({
  names: ['einops.layers.torch.EinMix'],
  init: 'pattern, weight_shape, bias_shape=None, **axes_lengths',
  forward: 'input',
  check: (self) => void einmixSetup(self),
  params(self): NamedShape[] {
    const setup = einmixSetup(self);
    const out: NamedShape[] = [{ name: 'weight', shape: setup.weight, dtype: 'float32' }];
    if (setup.bias) out.push({ name: 'bias', shape: setup.bias, dtype: 'float32' });
    return out;
  },
  reset: resetEinMix,
  onnx: lowerEinMix,
  rule(self, inputs, ctx) {
    const setup = einmixSetup(self);
    let x = tensorArg(inputs.input);
    // forward (layers/torch.py:64-72): pre_rearrange, torch.einsum with the weight, += bias, post_rearrange.
    if (setup.pre) x = { shape: applyLayerPattern(ctx, x, setup.pre.pattern, 'rearrange', setup.pre.lengths), dtype: x.dtype };
    // Another dtype meets the float32 weight in torch.einsum: torch's own dtype error, not predicted here.
    if (x.dtype !== 'float32') giveUp('EinMix input dtype');
    let shape: Shape = einsumShape(ctx, setup.equation, [x, { shape: setup.weight, dtype: 'float32' }]);
    if (setup.bias) {
      const full = broadcastShapes(ctx, shape, setup.bias);
      if (shapesEqual(full, shape) === 'no') {
        fail('broadcast-shapes', 'RuntimeError', `output with shape ${listText(shape)} doesn't match the broadcast shape ${listText(full)}`);
      }
    }
    if (setup.post) shape = applyLayerPattern(ctx, { shape, dtype: 'float32' }, setup.post.pattern, 'rearrange', []);
    return tensor(shape, 'float32');
  },
});
