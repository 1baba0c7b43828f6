// A framework layer's attribute read back as PyTorch stores it: a convolution keeps its
// kernel_size, stride, padding, dilation and output_padding as tuples of one int per spatial
// axis (`nn.Conv2d(3, 4, 3).stride == (1, 1)`; a padding string stays a string), so code that
// reads `self.stride[0]` or `len(self.stride)` (EfficientNet's same-padding convs) sees tuples;
// a bias turned off is None.
import type { Value } from '../value';
import type { ModuleInstance } from '../ops/apply';
import { tupleOf } from './pyvalues';
import { NONE } from '../value';

const CONV = /^torch\.nn\.(?:Conv|ConvTranspose)([123])d$/;
const PER_AXIS = new Set(['kernel_size', 'stride', 'padding', 'dilation', 'output_padding']);

/** The layer's argument `name` as the layer's attribute, or undefined where it has none. */
export function layerAttribute(layer: ModuleInstance, name: string): Value | undefined {
  const a = layer.args[name];
  if (!a) return undefined;
  // A layer built with `bias=False` has no bias parameter: its `bias` attribute is None
  // (`F.conv2d(x, self.weight, self.bias, ...)` in a subclass's forward).
  if (name === 'bias' && a.kind === 'bool' && a.value === false) return NONE;
  const conv = CONV.exec(layer.op.names[0]);
  if (conv && PER_AXIS.has(name) && (a.kind === 'int' || a.kind === 'bool')) return tupleOf(Array.from({ length: Number(conv[1]) }, () => a));
  if (conv && PER_AXIS.has(name) && a.kind === 'list') return tupleOf(a.items);
  return a;
}
