// A tiny model the forward-pass worker runs once when it starts, with its parameters as inputs as
// a new model's first session has them: onnxruntime initialises its kernels and allocators on the
// first session of a process (about 45 ms), which the first real pass then does not pay.
import type { NamedArray } from '../../engine/exec/lower';
import { encodeModel, type GraphData, type ValueInfo } from '../../engine/exec/onnxModel';

/** Conv, BatchNormalization, Relu, MaxPool, Flatten, Gemm, Softmax: the common kernels of a first pass. */
export function warmUpModel(): { bytes: Uint8Array; feeds: NamedArray[] } {
  const tensors: [string, number[]][] = [
    ['x', [1, 2, 6, 6]], ['conv.weight', [4, 2, 3, 3]], ['conv.bias', [4]],
    ['bn.weight', [4]], ['bn.bias', [4]], ['bn.running_mean', [4]], ['bn.running_var', [4]],
    ['fc.weight', [5, 36]], ['fc.bias', [5]],
  ];
  const inputs: ValueInfo[] = tensors.map(([name, dims]) => ({ name, elem: 'float32', dims }));
  const graph: GraphData = {
    name: 'warm-up',
    nodes: [
      { opType: 'Conv', inputs: ['x', 'conv.weight', 'conv.bias'], outputs: ['c'], attrs: { pads: [1, 1, 1, 1] } },
      { opType: 'BatchNormalization', inputs: ['c', 'bn.weight', 'bn.bias', 'bn.running_mean', 'bn.running_var'], outputs: ['b'] },
      { opType: 'Relu', inputs: ['b'], outputs: ['r'] },
      { opType: 'MaxPool', inputs: ['r'], outputs: ['p'], attrs: { kernel_shape: [2, 2], strides: [2, 2] } },
      { opType: 'Flatten', inputs: ['p'], outputs: ['f'], attrs: { axis: 1 } },
      { opType: 'Gemm', inputs: ['f', 'fc.weight', 'fc.bias'], outputs: ['g'], attrs: { transB: 1 } },
      { opType: 'Softmax', inputs: ['g'], outputs: ['y'], attrs: { axis: 1 } },
    ],
    initializers: [],
    inputs,
    outputs: [{ name: 'y', elem: 'float32', dims: [1, 5] }],
  };
  const feeds = tensors.map(([name, shape]) => ({
    name, shape, dtype: 'float32' as const, data: new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(0.5),
  }));
  return { bytes: encodeModel(graph), feeds };
}
