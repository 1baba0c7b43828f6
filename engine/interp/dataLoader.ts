// torch.utils.data's TensorDataset and DataLoader over it: the batches a training loop sees, the
// last partial one included (`for xb, yb in loader:` gives `[32, 784] | [4, 784]`).
import { Dim } from '../shape/dim';
import type { TensorValue, Value } from '../value';
import { UNKNOWN } from '../value';
import { BuiltinObj, obj, refOf } from './objects';
import { intOf, listOf, openListOf, truthy, tupleOf } from './pyvalues';
import { ImageDatasetObj } from './torchvisionData';

/** `TensorDataset(x, y)`: tensors indexed together along their first axis. */
export class TensorDatasetObj {
  constructor(readonly tensors: readonly TensorValue[]) {}
}

/** Past this many batches the loop sees "any number of full batches", then the partial one. */
const MAX_LISTED_BATCHES = 64;

export function tensorDatasetBuiltin(): Value {
  return obj(new BuiltinObj('torch.utils.data.TensorDataset', ({ args }) => {
    const tensors = args.filter((t): t is TensorValue => t.kind === 'tensor' && t.shape !== undefined && t.shape.length > 0);
    return tensors.length > 0 && tensors.length === args.length ? obj(new TensorDatasetObj(tensors)) : UNKNOWN;
  }));
}

export function dataLoaderBuiltin(): Value {
  return obj(new BuiltinObj('torch.utils.data.DataLoader', ({ args, kwargs }) => {
    const images = refOf(args[0] ?? kwargs.dataset ?? UNKNOWN, ImageDatasetObj);
    const dataset = images ? imageTensors(images) : refOf(args[0] ?? kwargs.dataset ?? UNKNOWN, TensorDatasetObj);
    const batchArg = args[1] ?? kwargs.batch_size;
    const batch = batchArg === undefined ? 1 : intOf(batchArg);
    const dropLast = kwargs.drop_last === undefined ? false : truthy(kwargs.drop_last);
    // A sampler or collate function of the user's decides what a batch is: not known here.
    if (!dataset || batch === undefined || batch <= 0 || dropLast === undefined || kwargs.collate_fn || kwargs.batch_sampler || kwargs.sampler) return UNKNOWN;
    const n = dataset.tensors[0].shape![0].value;
    if (n === undefined || dataset.tensors.some((t) => t.shape![0].value !== n)) return UNKNOWN;
    const batchOf = (size: number): Value => tupleOf(dataset.tensors.map((t): Value => ({ ...t, shape: [Dim.of(size), ...t.shape!.slice(1)] })));
    const full = Math.floor(n / batch);
    const rest = n % batch;
    const count = full + (rest > 0 && !dropLast ? 1 : 0);
    // Past the listed count: any number of full batches, then the partial one PyTorch ends with.
    // (A dataset of unknown length has no partial batch known.)
    const lengthKnown = !images || images.length !== undefined;
    if (count > MAX_LISTED_BATCHES) return lengthKnown ? openListOf(batchOf(batch), rest > 0 && !dropLast ? batchOf(rest) : undefined, count) : openListOf(batchOf(batch));
    const fullBatch = batchOf(batch);
    const items: Value[] = Array.from({ length: full }, () => fullBatch);
    if (rest > 0 && !dropLast) items.push(batchOf(rest));
    return listOf(items);
  }));
}

/**
 * A torchvision dataset as the tensors the default collate makes of its items: the images
 * stacked, [n, C, H, W], and the int labels as int64 [n] (n items, or any number when the
 * length is not known: then the loop sees full batches only).
 */
function imageTensors(d: ImageDatasetObj): TensorDatasetObj | undefined {
  if (!d.image?.shape) return undefined;
  const n = Dim.of(d.length ?? Number.MAX_SAFE_INTEGER);
  const images: TensorValue = { ...d.image, shape: [n, ...d.image.shape] };
  const labels: TensorValue = { kind: 'tensor', shape: [n], dtype: 'int64' };
  return new TensorDatasetObj([images, labels]);
}
