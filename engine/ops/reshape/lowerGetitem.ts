// ONNX lowering of x[key] for basic indexing (ints, slices, None, Ellipsis) and one integer
// tensor index; boolean masks are data-dependent and have no kernel.
import type { Value } from '../../value';
import { isNone } from '../args';
import type { OnnxCall, OnnxGraph } from '../lowering';

const BIG = 2 ** 53 - 1;

export function lowerGetitem(g: OnnxGraph, call: OnnxCall): string {
  const input = call.args.input;
  const key = call.args.key;
  const items: Value[] = key.kind === 'tuple' ? [...key.items] : [key];
  const rank = g.shape(input).length;
  const consumes = (v: Value): number => (v.kind === 'none' || v.kind === 'ellipsis' ? 0 : v.kind === 'tensor' ? (v.dtype === 'bool' ? g.shape(v).length : 1) : 1);
  const used = items.reduce((n, v) => n + consumes(v), 0);
  if (items.filter((v) => v.kind === 'tensor' || v.kind === 'list').length > 1) return g.noKernel('indexing with several index tensors');
  let x = g.input(input);
  let axis = 0;
  for (const item of items) {
    switch (item.kind) {
      case 'none':
        x = g.op('Unsqueeze', [x, g.ints([axis])]);
        axis++;
        break;
      case 'ellipsis':
        axis += rank - used;
        break;
      case 'int': case 'bool':
        if (item.kind === 'bool') return g.noKernel('indexing with a bool');
        x = g.op('Gather', [x, g.scalar(g.int(item), 'int64')], { axis });
        break;
      case 'slice': {
        const step = isNone(item.step) ? 1 : g.int(item.step);
        const start = isNone(item.start) ? (step > 0 ? 0 : BIG) : g.int(item.start);
        const stop = isNone(item.stop) ? (step > 0 ? BIG : -BIG) : g.int(item.stop);
        x = g.op('Slice', [x, g.ints([start]), g.ints([stop]), g.ints([axis]), g.ints([step])]);
        axis++;
        break;
      }
      case 'tensor': case 'list': {
        if (item.kind === 'tensor' && item.dtype === 'bool') return g.noKernel('a boolean mask index (data-dependent size)');
        if (item.kind === 'list' && !item.items.every((v) => v.kind === 'int')) return g.noKernel('a list index that is not all ints');
        const idx = item.kind === 'tensor' ? g.inputAs(item, 'int64') : g.ints(item.items.map((v) => g.int(v)));
        x = g.op('Gather', [x, idx], { axis });
        axis += item.kind === 'tensor' ? g.shape(item).length : 1;
        break;
      }
      default:
        return g.noKernel(`indexing with ${item.kind}`);
    }
  }
  return g.op('Reshape', [x, g.ints(g.shape(call.output))]);
}
