// torch.meshgrid: N 0-d or 1-d tensors -> N grids of their sizes. indexing='ij' (the default,
// which PyTorch 1.13 warns about when it is left out): [2], [3] -> [2, 3] x2; 'xy' swaps the first
// two axes: [2], [3] -> [3, 2] x2.
import { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import { isNone, sequenceArg, strArg, tensorArg, type TensorArg } from '../args';
import { reshapeTo } from '../common/onnx';
import type { Lowered, OnnxCall, OnnxGraph } from '../lowering';
import { defineFunction, fail, giveUp } from '../op';
import { tensor } from './helpers';

/** meshgrid(a, b) and meshgrid([a, b]) name the same tensors. */
function tensorValues(v: Value): readonly Value[] {
  const items = sequenceArg(v);
  return items.length === 1 && (items[0].kind === 'list' || items[0].kind === 'tuple') ? items[0].items : items;
}

function indexingOf(v: Value): string {
  return isNone(v) ? 'ij' : strArg(v);
}

/** Grid axis of input i: its own position, the first two swapped for 'xy'. */
function axisOf(i: number, n: number, indexing: string): number {
  if (indexing !== 'xy' || n < 2 || i > 1) return i;
  return 1 - i;
}

export const meshgrid = defineFunction({
  names: ['torch.meshgrid'],
  signature: '*tensors, indexing=None',
  rule(args) {
    const xs: TensorArg[] = tensorValues(args.tensors).map(tensorArg);
    if (xs.length === 0) fail('meshgrid-empty', 'RuntimeError', 'meshgrid expects a non-empty TensorList');
    for (let i = 0; i + 1 < xs.length; i++) {
      if (xs[i].dtype === undefined || xs[i + 1].dtype === undefined) giveUp('unknown dtype');
      if (xs[i].dtype !== xs[i + 1].dtype) fail('meshgrid-dtype', 'RuntimeError', 'meshgrid expects all tensors to have the same dtype');
    }
    const indexing = indexingOf(args.indexing);
    if (indexing !== 'xy' && indexing !== 'ij') {
      fail('meshgrid-indexing', 'RuntimeError', `torch.meshgrid: indexing must be one of "xy" or "ij", but received: ${indexing}`);
    }
    // A 2-D input's error prints the tensor's values, which are not known here.
    if (xs.some((x) => x.shape.length > 1)) giveUp('meshgrid of a tensor with more than one dimension');
    const sizes: Dim[] = xs.map((x) => x.shape[0] ?? Dim.of(1));
    const shape = sizes.map((_, axis) => sizes[xs.findIndex((__, i) => axisOf(i, xs.length, indexing) === axis)]);
    return { kind: 'tuple', items: xs.map((x) => tensor(shape, x.dtype)) };
  },
  onnx(g: OnnxGraph, call: OnnxCall): Lowered {
    const inputs = tensorValues(call.args.tensors);
    const indexing = indexingOf(call.args.indexing);
    const out = call.output.kind === 'tuple' ? call.output.items : [];
    const shape = g.shape(out[0]);
    return inputs.map((v, i) => {
      const axes = shape.map(() => 1);
      axes[axisOf(i, inputs.length, indexing)] = shape[axisOf(i, inputs.length, indexing)];
      return g.op('Expand', [reshapeTo(g, g.input(v), axes), g.ints(shape)]);
    });
  },
});
