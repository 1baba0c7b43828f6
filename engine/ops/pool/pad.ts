// F.pad (constant, reflect, replicate, circular) and the padding layers ReflectionPad1d/2d/3d,
// ReplicationPad1d/2d/3d, ConstantPad1d/2d/3d, ZeroPad2d. [N, C, W] + (l, r) -> [N, C, W + l + r]
import { padTorch } from '../common/onnx';
import { Dim } from '../../shape/dim';
import { provablyNonNegative } from '../../shape/nonNegative';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { constIntArg, constIntsArg, floatArg, isNone, strArg, tensor, tensorArg, type TensorArg } from '../args';
import { defineFunction, defineModule, fail, giveUp } from '../op';
import { isZero, legacyTypeName, requireFloating, sizesText } from './poolShape';

const rt = (code: string, message: string): never => fail(code, 'RuntimeError', message);
const below = (d: Dim, n: number): boolean => d.value !== undefined && d.value < n;
/** `a < b` known false (a padding not smaller than a known size). */
const notLess = (a: number, b: Dim): boolean => b.value !== undefined && !(a < b.value);

/** ATen's constant_pad_nd: negative pads narrow the input first, then the output is allocated. */
function constantPad(x: Shape, pad: readonly number[]): Shape {
  const rank = x.length;
  const lPad = pad.length / 2;
  const lDiff = rank - lPad;
  const cur = [...x];
  let allNonPositive = true;
  const narrow = (i: number, start: number, length: Dim): void => {
    const size = cur[i].value;
    const len = length.value;
    if (size !== undefined && len !== undefined) {
      if (start !== size) {
        if (size === 0) giveUp('narrow of an empty dim');
        if (start < -size || start > size - 1) {
          fail('pad-negative', 'IndexError', `Dimension out of range (expected to be in range of [${-size}, ${size - 1}], but got ${start})`);
        }
      }
      if (len < 0 || start > size - len) rt('pad-negative', `start (${start}) + length (${len}) exceeds dimension size (${size}).`);
    }
    cur[i] = length;
  };
  for (let i = lDiff; i < rank; i++) {
    const idx = 2 * (rank - i - 1);
    const [l, r] = [pad[idx], pad[idx + 1]];
    if (l < 0) narrow(i, -l, cur[i].add(l));
    else if (l !== 0) allNonPositive = false;
    if (r < 0) narrow(i, 0, cur[i].add(r));
    else if (r !== 0) allNonPositive = false;
  }
  if (allNonPositive) return cur;
  const out = x.slice(0, lDiff);
  for (let i = 0; i < lPad; i++) {
    const idx = pad.length - (i + 1) * 2;
    const size = x[lDiff + i];
    const dim = size.add(pad[idx] + pad[idx + 1]);
    if (below(dim, 1)) {
      rt('pad-negative', `The input size ${size}, plus negative padding ${pad[idx]} and ${pad[idx + 1]} resulted in a negative output size, which is invalid. Check dimension ${lDiff + i} of your input.`);
    }
    out.push(dim);
  }
  return out;
}

/** check_valid_input<n>: a batch of 0 is allowed, any other empty dimension is not. */
function checkValidInput(n: number, x: Shape): void {
  const batch = x.length === n + 2;
  const ok = x.every((d, i) => (batch && i === 0) || !isZero(d));
  if (!ok) rt('pad-empty', `Expected ${n + 1}D or ${n + 2}D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: ${sizesText(x)}`);
}

/** Sizes of the last n dims (D, H, W order) and their padded sizes. */
function padded(x: Shape, pad: readonly number[], n: number): { sizes: Dim[]; outs: Dim[]; pads: [number, number][] } {
  const sizes = x.slice(x.length - n);
  // pad lists (left, right) of the last dim first.
  const pads = sizes.map((_, i) => [pad[2 * (n - 1 - i)], pad[2 * (n - 1 - i) + 1]] as [number, number]);
  const outs = sizes.map((s, i) => s.add(pads[i][0] + pads[i][1]));
  return { sizes, outs, pads };
}

function finish(x: Shape, n: number, outs: Dim[]): Shape {
  // A negative size that passed the "too small" check fails later in allocation; no hint.
  if (outs.some((d) => below(d, 0))) giveUp('negative padded size');
  return [...x.slice(0, x.length - n), ...outs];
}

function reflectionPad(n: number, t: TensorArg, pad: readonly number[]): Shape {
  const x = t.shape;
  const rank = x.length;
  if (n < 3) {
    // reflection_pad1d/2d: every dim but the first must be non-empty; the message prints the tensor.
    if (x.slice(1).some(isZero)) {
      rt('pad-empty', `${n + 1}D or ${n + 2}D (batch mode) tensor expected for input, but got: [ ${legacyTypeName(t.dtype)}{${x.join(',')}} ]`);
    }
  } else checkValidInput(3, x);
  const { sizes, outs, pads } = padded(x, pad, n);
  const labels = ['#8', '#6', '#4'].slice(3 - n);
  for (let i = n - 1; i >= 0; i--) {
    const [l, r] = pads[i];
    if (notLess(l, sizes[i]) || notLess(r, sizes[i])) {
      const of = n === 2 ? String(rank) : sizesText(x);
      rt('pad-reflect-size', `Argument ${labels[i]}: Padding size should be less than the corresponding input dimension, but got: padding (${l}, ${r}) at dimension ${rank - n + i} of input ${of}`);
    }
  }
  if (outs.every((d) => below(d, 1))) {
    if (n === 1) rt('pad-too-small', `2input (W: ${sizes[0]})is too small. Calculated output W: ${outs[0]}`);
    if (n === 2) rt('pad-too-small', `input (H: ${sizes[0]}, W: ${sizes[1]})is too small. Calculated output H: ${outs[0]} W: ${outs[1]}`);
    rt('pad-too-small', `input (D: ${sizes[0]} H: ${sizes[1]}, W: ${sizes[2]}) is too small. Calculated output D: ${outs[0]} H: ${outs[1]} W: ${outs[2]}`);
  }
  return finish(x, n, outs);
}

function replicationPad(n: number, x: Shape, pad: readonly number[]): Shape {
  checkValidInput(n, x);
  const { sizes, outs } = padded(x, pad, n);
  if (outs.every((d) => below(d, 1))) {
    if (n === 1) rt('pad-too-small', `input (W: ${sizes[0]}) is too small. Calculated output W: ${outs[0]}`);
    if (n === 2) rt('pad-too-small', `input (H: ${sizes[0]}, W: ${sizes[1]} ) is too small. Calculated output H: ${outs[0]} W: ${outs[1]}`);
    rt('pad-too-small', `input (D: ${sizes[0]} H: ${sizes[1]}, W: ${sizes[2]}) is too small. Calculated output D: ${outs[0]} H: ${outs[1]} W: ${outs[2]}`);
  }
  return finish(x, n, outs);
}

function circularPad(x: Shape, pad: readonly number[]): Shape {
  const n = x.length - 2;
  if (pad.length + 4 !== x.length * 2) rt('pad-length', `Invalid padding size, expected ${n * 2} but got ${pad.length}`);
  const { sizes, outs, pads } = padded(x, pad, n);
  for (let i = 0; i < n; i++) {
    const [l, r] = pads[i];
    const s = sizes[i].value;
    if (s !== undefined && !(l <= s && r <= s)) rt('pad-circular-wrap', 'Padding value causes wrapping around more than once.');
    if (below(outs[i], 0)) rt('pad-negative', 'Negative padding value is resulting in an empty dimension');
  }
  return [x[0], x[1], ...outs];
}

/** torch._C._nn.pad's dispatch, in its order of checks. */
export function padShape(t: TensorArg, pad: readonly number[], mode: string, value: number | undefined): Shape {
  const x = t.shape;
  if (!['constant', 'reflect', 'replicate', 'circular'].includes(mode)) {
    fail('pad-mode', 'NotImplementedError', `Unrecognised padding mode ${mode}`);
  }
  if (pad.length % 2 !== 0) rt('pad-length', 'Padding length must be divisible by 2');
  if (pad.length > 2 * x.length) rt('pad-length', 'Padding length too large');
  if (mode === 'constant') return constantPad(x, pad);
  if (value !== undefined && value !== 0) rt('pad-value', `Padding mode "${mode}" doesn't take in value argument`);
  const n = pad.length / 2;
  if (n >= 1 && n <= 3 && (x.length === n + 1 || x.length === n + 2)) {
    if (mode !== 'circular') requireFloating(t.dtype);
    if (mode === 'reflect') return reflectionPad(n, t, pad);
    if (mode === 'replicate') return replicationPad(n, x, pad);
    return circularPad(x, pad);
  }
  return fail('pad-rank', 'NotImplementedError', 'Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now');
}

export const pad = defineFunction({
  names: ['torch.nn.functional.pad'],
  signature: "input, pad, mode='constant', value=None",
  onnx(g, { args: a }) {
    const value = isNone(a.value) ? 0 : floatArg(a.value);
    return padTorch(g, g.input(a.input), g.shape(a.input), constIntsArg(a.pad), strArg(a.mode), value, g.dtype(a.input)) ;
  },
  rule(a) {
    const x = tensorArg(a.input);
    const value = isNone(a.value) ? undefined : floatArg(a.value);
    const sizes = symbolicPads(a.pad);
    if (sizes) return tensor(symbolicConstantPad(x.shape, sizes, strArg(a.mode)), x.dtype);
    return tensor(padShape(x, constIntsArg(a.pad), strArg(a.mode), value), x.dtype);
  },
});

/** Pads given as a sequence with a symbolic size among them (`(0, pad_w, 0, pad_h)`); else undefined. */
function symbolicPads(v: Value): Dim[] | undefined {
  if ((v.kind !== 'tuple' && v.kind !== 'list') || !v.items.every((i) => i.kind === 'int')) return undefined;
  const dims = v.items.map((i) => (i as Extract<Value, { kind: 'int' }>).dim);
  return dims.some((d) => !d.isKnown) ? dims : undefined;
}

/**
 * Constant padding by sizes known only symbolically, as windowed attention pads to a multiple
 * of the window (`pad_h = (win - H % win) % win`): [.., S] -> [.., S + l + r] when every pad is
 * provably not negative (a negative one narrows first, see constantPad); otherwise no hint.
 */
function symbolicConstantPad(x: Shape, pad: readonly Dim[], mode: string): Shape {
  if (mode !== 'constant') giveUp('non-constant padding by symbolic sizes');
  if (pad.length % 2 !== 0) rt('pad-length', 'Padding length must be divisible by 2');
  if (pad.length > 2 * x.length) rt('pad-length', 'Padding length too large');
  if (!pad.every(provablyNonNegative)) giveUp('a symbolic padding not known to be non-negative');
  const lPad = pad.length / 2;
  const out = x.slice(0, x.length - lPad);
  for (let i = 0; i < lPad; i++) {
    const idx = pad.length - (i + 1) * 2;
    out.push(x[x.length - lPad + i].add(pad[idx]).add(pad[idx + 1]));
  }
  return out;
}

/** A padding layer's `padding`: an int is repeated 2n times (_pair, _quadruple, _ntuple(6)). */
export function layerPads(v: Value, n: number): number[] {
  if (v.kind === 'int' || v.kind === 'bool') return Array.from({ length: 2 * n }, () => constIntArg(v));
  return constIntsArg(v);
}

function layer(name: string, n: number, mode: string, withValue: boolean) {
  return defineModule({
    names: [`torch.nn.${name}`],
    init: withValue ? 'padding, value' : 'padding',
    forward: 'input',
    params: () => [],
    onnx(g, call) {
      const input = call.args.input;
      const value = withValue ? floatArg(call.self!.value) : 0;
      return padTorch(g, g.input(input), g.shape(input), layerPads(call.self!.padding, n), mode, value, g.dtype(input));
    },
    rule(self, { input }) {
      const x = tensorArg(input);
      if (withValue) floatArg(self.value);
      return tensor(padShape(x, layerPads(self.padding, n), mode, undefined), x.dtype);
    },
  });
}

export const padOps = [
  pad,
  ...[1, 2, 3].flatMap((n) => [
    layer(`ReflectionPad${n}d`, n, 'reflect', false),
    layer(`ReplicationPad${n}d`, n, 'replicate', false),
    layer(`ConstantPad${n}d`, n, 'constant', true),
  ]),
  layer('ZeroPad2d', 2, 'constant', false),
];
