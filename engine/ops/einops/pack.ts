// einops.pack / unpack: tensors whose `*` axes are flattened and concatenated, and back.
// pack([[B, D], [B, N, D]], 'b * d') -> ([B, N + 1, D], [(), (N,)]). Citations `file:line` point
// into arogozhnikov/einops 0.9.0dev (/work/corpus/arogozhnikov+einops), einops/packing.py.
import { Dim } from '../../shape/dim';
import { numel, type Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { intArg, sequenceArg, strArg, tensorArg, type TensorArg } from '../args';
import { newContext, defineFunction, fail, giveUp, OpFailure, type OpContext } from '../op';
import { reshapeTo, sliceAxis } from '../common/onnx';
import type { Lowered, OnnxCall, OnnxGraph } from '../lowering';
import { inferViewShape, tensor } from '../reshape/helpers';
import { catShapes } from '../reshape/join';
import { axisNameProblem } from './parsing';
import { markTorchSize, torchSizeText, valueRepr } from './pyRepr';

const einopsFail = (message: string): never => fail('einops-pack', 'EinopsError', message);

interface PackPattern {
  readonly before: number;
  readonly after: number;
}

/** analyze_pattern (packing.py:13-30). */
function analyzePattern(pattern: string, opname: 'pack' | 'unpack'): PackPattern {
  const axes = pattern.split(/\s+/).filter((a) => a !== '');
  if (new Set(axes).size !== axes.length) einopsFail(`Duplicates in axes names in ${opname}(..., "${pattern}")`); // packing.py:19
  if (!axes.includes('*')) einopsFail(`No *-axis in ${opname}(..., "${pattern}")`); // packing.py:21
  for (const axis of axes) {
    if (axis !== '*' && axisNameProblem(axis) !== undefined) einopsFail(`Invalid axis name ${axis} in ${opname}(..., "${pattern}")`); // packing.py:26
  }
  const before = axes.indexOf('*');
  return { before, after: axes.length - before - 1 };
}

function pythonSequence(v: Value): readonly Value[] {
  if (v.kind !== 'list' && v.kind !== 'tuple') giveUp('expected a list of tensors');
  return v.items;
}

/** pack(tensors, pattern) (packing.py:33-87): each tensor reshaped to (*before, -1, *after), then torch.cat. */
export const pack = defineFunction({
  names: ['einops.pack'],
  signature: 'tensors, pattern',
  onnx: lowerPack,
  rule(args, ctx) {
    const { before, after } = analyzePattern(strArg(args.pattern), 'pack');
    const items = pythonSequence(args.tensors);
    // `get_backend(tensors[0])` on an empty sequence (packing.py:72).
    if (items.length === 0) fail('einops-pack', 'IndexError', `${args.tensors.kind} index out of range`);
    const ts = items.map(tensorArg);
    const pattern = strArg(args.pattern);
    const flat: TensorArg[] = [];
    const packedShapes: Value[] = [];
    ts.forEach((t, i) => {
      const rank = t.shape.length;
      if (rank < before + after) {
        einopsFail(`packed tensor #${i} (enumeration starts with 0) has shape ${torchSizeText(t.shape)}, while pattern ${pattern} assumes at least ${before + after} axes`); // packing.py:79-82
      }
      const end = rank - after;
      packedShapes.push(markTorchSize({ kind: 'tuple', items: t.shape.slice(before, end).map((d) => ({ kind: 'int', dim: d })) }));
      const sizes = [...t.shape.slice(0, before), Dim.of(-1), ...t.shape.slice(end)];
      flat.push({ shape: inferViewShape(ctx, sizes, numel(t.shape)), dtype: t.dtype });
    });
    const packed = catShapes(ctx, flat, before);
    return { kind: 'tuple', items: [packed, { kind: 'list', items: packedShapes }] };
  },
});

/** The sizes a packed shape lists (each a tuple, list or torch.Size of ints). */
function packedShapesArg(v: Value): Dim[][] {
  return pythonSequence(v).map((p) => sequenceArg(p).map(intArg));
}

/** Python's slice `[a:b]` length on an axis of `size` (einops slices with computed bounds). */
function sliceLength(a: Dim, b: Dim, size: Dim): Dim {
  const [x, y, n] = [a.value, b.value, size.value];
  if (x !== undefined && y !== undefined && n !== undefined) {
    const clamp = (i: number): number => (i < 0 ? Math.max(i + n, 0) : Math.min(i, n));
    return Dim.of(Math.max(clamp(y) - clamp(x), 0));
  }
  if ((x !== undefined && x < 0) || (y !== undefined && y < 0)) giveUp('negative slice bound on a symbolic axis');
  return b.sub(a);
}

interface UnpackPlan {
  readonly before: number;
  readonly bounds: readonly (readonly [Dim, Dim])[];
  readonly outputs: readonly Shape[];
}

/** unpack's split positions and reshapes (packing.py:138-189). */
function unpackPlan(ctx: OpContext, x: TensorArg, packedShapesValue: Value, pattern: string): UnpackPlan {
  const { before, after } = analyzePattern(pattern, 'unpack');
  const shape = x.shape;
  if (shape.length !== before + 1 + after) einopsFail(`unpack(..., ${pattern}) received input of wrong dim with shape ${torchSizeText(shape)}`); // packing.py:143
  const packedShapes = packedShapesArg(packedShapesValue);
  const psText = (): string => valueRepr(packedShapesValue) ?? giveUp('packed shapes repr');
  const lengths = packedShapes.map((p) => (p.some((d) => d.value === -1) ? undefined : p.reduce((a, d) => a.mul(d), Dim.of(1))));
  const nUnknown = lengths.filter((l) => l === undefined).length;
  if (nUnknown > 1) einopsFail(`unpack(..., ${pattern}) received more than one -1 in ${psText()} and can't infer dimensions`); // packing.py:151-153
  const total = shape[before];
  const splits: Dim[] = [...packedShapes.map(() => Dim.of(0)), total];
  if (nUnknown === 0) {
    lengths.slice(0, -1).forEach((l, i) => (splits[i + 1] = splits[i].add(l!)));
  } else {
    const u = lengths.indexOf(undefined);
    for (let i = 0; i < u; i++) splits[i + 1] = splits[i].add(lengths[i]!);
    for (let j = lengths.length - 1; j > u; j--) splits[j] = splits[j + 1].sub(lengths[j]!);
  }
  const start = shape.slice(0, before);
  const end = shape.slice(before + 1);
  const outputs = packedShapes.map((p, i) => {
    const piece = [...start, sliceLength(splits[i], splits[i + 1], total), ...end];
    const sub = newContext(ctx.training);
    try {
      const out = inferViewShape(sub, [...start, ...p, ...end], numel(piece));
      ctx.assumptions.push(...sub.assumptions.map((a) => ({ ...a, code: 'einops-unpack' })));
      return out;
    } catch (e) {
      // A reshape that fails means the shapes were wrong (packing.py:184-188).
      if (e instanceof OpFailure) {
        einopsFail(`Error during unpack(..., "${pattern}"): could not split axis of size ${splits[splits.length - 1]} into requested ${psText()}`);
      }
      throw e;
    }
  });
  return { before, bounds: packedShapes.map((_, i) => [splits[i], splits[i + 1]] as const), outputs };
}

/** unpack(tensor, packed_shapes, pattern) (packing.py:97-189): [B, N + 1, D] with [(), (N,)] -> [[B, D], [B, N, D]] */
export const unpack = defineFunction({
  names: ['einops.unpack'],
  signature: 'tensor, packed_shapes, pattern',
  onnx: lowerUnpack,
  rule(args, ctx) {
    const x = tensorArg(args.tensor);
    const plan = unpackPlan(ctx, x, args.packed_shapes, strArg(args.pattern));
    return { kind: 'list', items: plan.outputs.map((s) => tensor(s, x.dtype)) };
  },
});

function lowerPack(g: OnnxGraph, call: OnnxCall): Lowered {
  const out = call.output.kind === 'tuple' ? call.output.items[0] : g.noKernel('pack output');
  const dtype = g.dtype(out);
  const { before, after } = analyzePattern(strArg(call.args.pattern), 'pack');
  const parts = pythonSequence(call.args.tensors).map((t) => {
    const s = g.shape(t);
    const packed = s.slice(before, s.length - after).reduce((p, q) => p * q, 1);
    return reshapeTo(g, g.inputAs(t, dtype), [...s.slice(0, before), packed, ...s.slice(s.length - after)]);
  });
  // The packed shapes are Python values: no tensor to produce for them.
  return [parts.length === 1 ? g.op('Identity', parts) : g.op('Concat', parts, { axis: before }), undefined];
}

function lowerUnpack(g: OnnxGraph, call: OnnxCall): Lowered {
  const x = call.args.tensor;
  const shape = g.shape(x);
  const concrete: TensorArg = { shape: shape.map((d) => Dim.of(d)), dtype: g.dtype(x) };
  const plan = unpackPlan(newContext(), concrete, call.args.packed_shapes, strArg(call.args.pattern));
  const name = g.input(x);
  return plan.outputs.map((s, i) => {
    const [a, b] = plan.bounds[i].map((d) => d.value ?? g.noKernel('symbolic split'));
    const n = shape[plan.before];
    // Python slice bounds (negative ones count from the end); ONNX Slice clamps the same way.
    const piece = sliceAxis(g, name, plan.before, a < 0 ? Math.max(a + n, 0) : a, b < 0 ? Math.max(b + n, 0) : b);
    return reshapeTo(g, piece, s.map((d) => d.value ?? g.noKernel('symbolic size')));
  });
}
