// torchvision's datasets and transforms as the interpreter sees them (their sources are not read:
// MNIST's __getitem__ decodes files). A dataset is its sample (a PIL image through its transforms,
// and an int label) and its length; DataLoader (dataLoader.ts) batches it. Sizes and lengths are
// torchvision's own (cited at each dataset); a transform not listed here makes the sample unknown.
import { Dim } from '../shape/dim';
import type { TensorValue, Value } from '../value';
import { UNKNOWN } from '../value';
import { BuiltinObj, FrameworkModuleObj, PyModuleObj, obj, refOf, type CallArgs } from './objects';
import type { Host } from './host';
import { intOf, truthy } from './pyvalues';

/** What a dataset item's image is before or after ToTensor: a PIL image (channels, height, width) or a tensor. */
type Sample = { readonly pil: true; readonly c: number; readonly h: Dim; readonly w: Dim } | { readonly pil: false; readonly tensor: TensorValue };

/**
 * A transform: what it makes of a sample, undefined when not known. torchvision's transforms are
 * nn.Modules (since 0.8): called on a tensor image (`self.local_crop(x)`, BYOL/DINO's augmentations
 * in a model's forward) or inside an nn.Sequential, they make of it what they make of an image.
 */
export class ImageTransformObj extends FrameworkModuleObj {
  readonly typeName: string;
  constructor(readonly name: string, readonly apply: (s: Sample) => Sample | undefined) {
    super(undefined);
    this.typeName = name;
  }
  children(): [string, Value][] {
    return [];
  }
  run(_host: Host, args: CallArgs): Value {
    const x = args.args[0] ?? args.kwargs.img ?? args.kwargs.tensor;
    if (x?.kind !== 'tensor' || !x.shape || x.shape.length < 2 || args.args.length > 1) return UNKNOWN;
    const out = this.apply({ pil: false, tensor: x });
    // (A new value: the transform's output is not its input, even where the shape is the same.)
    return out && !out.pil && out.tensor.shape ? { kind: 'tensor', shape: out.tensor.shape, dtype: out.tensor.dtype } : UNKNOWN;
  }
}

/** A dataset of (image, int label) items: the image as its transforms make it, and how many items (undefined: not known). */
export class ImageDatasetObj {
  constructor(readonly image: TensorValue | undefined, readonly length: number | undefined, readonly labeled: boolean) {}
}

const pil = (c: number, h: Dim | number, w: Dim | number): Sample => ({ pil: true, c, h: Dim.of(h), w: Dim.of(w) });

/** `size` of Resize/CenterCrop/RandomCrop: an int (square crop) or (h, w); undefined when not known. */
function sizePair(v: Value | undefined): [number, number] | undefined {
  if (!v) return undefined;
  const n = intOf(v);
  if (n !== undefined) return [n, n];
  if ((v.kind === 'tuple' || v.kind === 'list') && v.items.length === 1) {
    const one = intOf(v.items[0]);
    return one === undefined ? undefined : [one, one];
  }
  if ((v.kind === 'tuple' || v.kind === 'list') && v.items.length === 2) {
    const h = intOf(v.items[0]);
    const w = intOf(v.items[1]);
    return h === undefined || w === undefined ? undefined : [h, w];
  }
  return undefined;
}

function transform(name: string, make: (a: CallArgs) => ((s: Sample) => Sample | undefined) | undefined): [string, Value] {
  return [name, obj(new BuiltinObj(`torchvision.transforms.${name}`, (a) => {
    const apply = make(a);
    return apply ? obj(new ImageTransformObj(name, apply)) : UNKNOWN;
  }))];
}

/** Both sides of a PIL image or of a tensor's last two axes. */
function resized(s: Sample, h: Dim, w: Dim): Sample {
  return s.pil ? pil(s.c, h, w) : { pil: false, tensor: { ...s.tensor, shape: [...s.tensor.shape!.slice(0, -2), h, w] } };
}
const sides = (s: Sample): [Dim, Dim] => (s.pil ? [s.h, s.w] : [s.tensor.shape![s.tensor.shape!.length - 2], s.tensor.shape![s.tensor.shape!.length - 1]]);

/**
 * torchvision/transforms/functional.py _compute_resized_output_size: (h, w) is the size; an int,
 * or a sequence of one, sets the shorter side and the other keeps the ratio (int()).
 */
function resizeTo(s: Sample, size: Value | undefined): Sample | undefined {
  const seq = size && (size.kind === 'tuple' || size.kind === 'list') ? size.items : undefined;
  const pair = seq && seq.length === 2 ? sizePair(size) : undefined;
  if (pair) return resized(s, Dim.of(pair[0]), Dim.of(pair[1]));
  const n = intOf(seq && seq.length === 1 ? seq[0] : size);
  const [h, w] = sides(s);
  if (n === undefined || h.value === undefined || w.value === undefined) return undefined;
  const short = Math.min(h.value, w.value);
  const long = Math.max(h.value, w.value);
  const newLong = Math.trunc((n * long) / short);
  return h.value <= w.value ? resized(s, Dim.of(n), Dim.of(newLong)) : resized(s, Dim.of(newLong), Dim.of(n));
}

/** `size` of a crop as sizes, symbolic ones too (`T.RandomResizedCrop((image_size, image_size))`). */
function sizeDims(v: Value | undefined): [Dim, Dim] | undefined {
  if (!v) return undefined;
  if (v.kind === 'int') return [v.dim, v.dim];
  const items = v.kind === 'tuple' || (v.kind === 'list' && !v.open) ? v.items : undefined;
  if (!items || items.length < 1 || items.length > 2 || items.some((d) => d.kind !== 'int')) return undefined;
  const [h, w] = items.map((d) => (d as { dim: Dim }).dim);
  return [h, w ?? h];
}
const cropTo = (a: CallArgs) => {
  const pair = sizeDims(a.args[0] ?? a.kwargs.size);
  return pair ? (s: Sample) => resized(s, pair[0], pair[1]) : undefined;
};
const same = () => (s: Sample) => s;
/** The channels of a tensor image, [..., C, H, W]: undefined for a PIL image or a tensor of fewer axes. */
const channels = (s: Sample): Dim | undefined => (s.pil || s.tensor.shape!.length < 3 ? undefined : s.tensor.shape![s.tensor.shape!.length - 3]);
/**
 * A colour transform (functional_tensor.py `_assert_channels(img, [1, 3])`): the image as it is,
 * a tensor of 1 or 3 channels; RandomGrayscale keeps the channels it is given.
 */
const colour = () => (s: Sample) => {
  if (s.pil) return s;
  const c = channels(s);
  return c && (c.value === undefined || c.value === 1 || c.value === 3) ? s : undefined;
};

function sameSample(a: Sample, b: Sample): boolean {
  if (a.pil || b.pil) return a.pil && b.pil && a.c === b.c && a.h.same(b.h) && a.w.same(b.w);
  const [x, y] = [a.tensor.shape!, b.tensor.shape!];
  return x.length === y.length && x.every((d, i) => d.same(y[i]));
}

const TRANSFORMS = new Map<string, Value>([
  transform('Compose', (a) => {
    const list = a.args[0] ?? a.kwargs.transforms;
    if (!list || (list.kind !== 'list' && list.kind !== 'tuple') || (list.kind === 'list' && list.open)) return undefined;
    const steps = list.items.map((t) => refOf(t, ImageTransformObj));
    return steps.every((t) => t !== undefined) ? (s) => steps.reduce<Sample | undefined>((acc, t) => (acc ? t!.apply(acc) : undefined), s) : undefined;
  }),
  // functional.py to_tensor: a PIL image of `c` channels, H x W, becomes float32 [c, H, W].
  transform('ToTensor', () => (s) => (s.pil ? { pil: false, tensor: { kind: 'tensor', shape: [Dim.of(s.c), s.h, s.w], dtype: 'float32' } } : undefined)),
  // A tensor image [..., C, H, W] less its mean per channel (a mean of C values, or of one).
  transform('Normalize', (a) => {
    const mean = a.args[0] ?? a.kwargs.mean;
    const n = mean && (mean.kind === 'tuple' || (mean.kind === 'list' && !mean.open)) ? mean.items.length
      : mean?.kind === 'tensor' && mean.shape?.length === 1 ? mean.shape[0].value : undefined;
    return (s) => {
      const c = s.pil ? undefined : channels(s);
      if (!c) return undefined;
      return n === undefined || n === 1 || c.value === undefined || c.value === n ? s : undefined;
    };
  }),
  // max_size caps the longer side: not modelled.
  transform('Resize', (a) => (a.kwargs.max_size && a.kwargs.max_size.kind !== 'none' ? undefined : (s) => resizeTo(s, a.args[0] ?? a.kwargs.size))),
  // CenterCrop pads an image smaller than the crop (functional.py center_crop): the size is the crop's.
  transform('CenterCrop', cropTo),
  // RandomCrop pads by `padding` first; an image still smaller than the crop raises unless
  // pad_if_needed (transforms.py RandomCrop.forward / get_params).
  transform('RandomCrop', (a) => {
    const pair = sizePair(a.args[0] ?? a.kwargs.size);
    const padArg = a.args[1] ?? a.kwargs.padding;
    const pad = padArg === undefined || padArg.kind === 'none' ? 0 : intOf(padArg);
    const ifNeeded = a.kwargs.pad_if_needed === undefined ? false : truthy(a.kwargs.pad_if_needed);
    if (!pair || pad === undefined || ifNeeded === undefined) return undefined;
    return (s) => {
      const [h, w] = sides(s);
      if (!ifNeeded && (h.value === undefined || w.value === undefined || h.value + 2 * pad < pair[0] || w.value + 2 * pad < pair[1])) return undefined;
      return resized(s, Dim.of(pair[0]), Dim.of(pair[1]));
    };
  }),
  transform('RandomResizedCrop', cropTo),
  transform('RandomHorizontalFlip', same),
  transform('RandomVerticalFlip', same),
  transform('ColorJitter', colour),
  transform('RandomGrayscale', colour),
  transform('GaussianBlur', same),
  // Its transforms or none of them: known where they keep the image as it is.
  transform('RandomApply', (a) => {
    const list = a.args[0] ?? a.kwargs.transforms;
    if (!list || (list.kind !== 'list' && list.kind !== 'tuple') || (list.kind === 'list' && list.open)) return undefined;
    const steps = list.items.map((t) => refOf(t, ImageTransformObj));
    if (steps.some((t) => t === undefined)) return undefined;
    return (s) => {
      const out = steps.reduce<Sample | undefined>((acc, t) => (acc ? t!.apply(acc) : undefined), s);
      return out && sameSample(out, s) ? s : undefined;
    };
  }),
  transform('Grayscale', (a) => {
    const n = a.args[0] ?? a.kwargs.num_output_channels;
    const c = n === undefined ? 1 : intOf(n);
    return c === 1 || c === 3 ? (s) => (s.pil ? pil(c, s.h, s.w) : undefined) : undefined;
  }),
]);

/** A dataset of images of `c` x `h` x `w` with `train`/`test` lengths (None: not known). */
function imageDataset(name: string, c: number, h: number, w: number, lengths: { train: number; test: number } | undefined): [string, Value] {
  return [name, obj(new BuiltinObj(`torchvision.datasets.${name}`, (a) => {
    const train = a.kwargs.train ?? a.args[1];
    const isTrain = train === undefined ? true : truthy(train);
    const length = lengths && isTrain !== undefined ? (isTrain ? lengths.train : lengths.test) : undefined;
    return dataset(pil(c, h, w), a.kwargs.transform ?? a.args[2], a.kwargs.target_transform ?? a.args[3], length);
  }))];
}

function dataset(image: Sample, transformArg: Value | undefined, targetTransform: Value | undefined, length: number | undefined): Value {
  // A label transform of the user's may make anything of the int: no batch is known then.
  if (targetTransform && targetTransform.kind !== 'none') return obj(new ImageDatasetObj(undefined, length, true));
  let s: Sample | undefined = image;
  if (transformArg && transformArg.kind !== 'none') {
    const t = refOf(transformArg, ImageTransformObj);
    s = t ? t.apply(image) : undefined;
  }
  // Without ToTensor the items are PIL images, which the default collate cannot batch.
  return obj(new ImageDatasetObj(s && !s.pil ? s.tensor : undefined, length, true));
}

const DATASETS = new Map<string, Value>([
  // torchvision/datasets/mnist.py:142 makes each item `Image.fromarray(img.numpy(), mode="L")`; the
  // files it reads (mnist.py:20, http://yann.lecun.com/exdb/mnist/) hold 60,000 training and 10,000
  // test images of 28x28. Fashion-MNIST and KMNIST keep MNIST's format and counts.
  imageDataset('MNIST', 1, 28, 28, { train: 60000, test: 10000 }),
  imageDataset('FashionMNIST', 1, 28, 28, { train: 60000, test: 10000 }),
  imageDataset('KMNIST', 1, 28, 28, { train: 60000, test: 10000 }),
  // torchvision/datasets/cifar.py:89 `reshape(-1, 3, 32, 32)` (RGB items); cifar.py:13,
  // https://www.cs.toronto.edu/~kriz/cifar.html: 50,000 training and 10,000 test images.
  imageDataset('CIFAR10', 3, 32, 32, { train: 50000, test: 10000 }),
  imageDataset('CIFAR100', 3, 32, 32, { train: 50000, test: 10000 }),
  // torchvision/datasets/fakedata.py: `size` images of image_size (C, H, W), made with ToPILImage.
  ['FakeData', obj(new BuiltinObj('torchvision.datasets.FakeData', (a) => {
    const size = intOf(a.kwargs.size ?? a.args[0] ?? { kind: 'int', dim: Dim.of(1000) });
    const shapeArg = a.kwargs.image_size ?? a.args[1];
    const dims = shapeArg ? (shapeArg.kind === 'tuple' || shapeArg.kind === 'list' ? shapeArg.items.map(intOf) : [undefined]) : [3, 224, 224];
    if (dims.length !== 3 || dims.some((d) => d === undefined) || (dims[0] !== 1 && dims[0] !== 3)) return UNKNOWN;
    return dataset(pil(dims[0]!, dims[1]!, dims[2]!), a.kwargs.transform ?? a.args[3], a.kwargs.target_transform ?? a.args[4], size);
  }))],
]);

export function torchvisionDataModule(name: string): Value | undefined {
  if (name === 'torchvision.transforms') return obj(new PyModuleObj(name, TRANSFORMS));
  if (name === 'torchvision.datasets') return obj(new PyModuleObj(name, DATASETS));
  return undefined;
}
