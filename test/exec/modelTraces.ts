// The conformance models of test/oracle/conformance/models/*.py, traced by hand through the op
// declarations (as the interpreter will), with PyTorch's state_dict paths. Until the interpreter
// produces ModelRuns, these are how whole-model lowering is tested.
import type { ModelRun } from '../../engine/ops/trace';
import type { TensorValue, Value } from '../../engine/value';
import { TraceRecorder, int, list, tuple } from './traceBuilder';

export interface TracedModel {
  readonly run: ModelRun;
  readonly recorder: TraceRecorder;
}

/** models/cnn.py: SmallCNN on [B, 1, 12, 12]. */
export function smallCnn(input: TensorValue): TracedModel {
  const t = new TraceRecorder();
  const conv1 = t.module('torch.nn.Conv2d', 'conv1', [int(1), int(4), int(3)], { padding: int(1) });
  const bn1 = t.module('torch.nn.BatchNorm2d', 'bn1', [int(4)]);
  const pool = t.module('torch.nn.MaxPool2d', 'pool', [int(2)]);
  const conv2 = t.module('torch.nn.Conv2d', 'conv2', [int(4), int(4), int(3)], { padding: int(1) });
  const conv3 = t.module('torch.nn.Conv2d', 'conv3', [int(8), int(8), int(3)]);
  const avg = t.module('torch.nn.AdaptiveAvgPool2d', 'avg', [tuple(int(3), int(3))]);
  const fc = t.module('torch.nn.Linear', 'fc', [int(72), int(10)]);
  let x = t.call(pool, [t.fn('torch.nn.functional.relu', [t.call(bn1, [t.call(conv1, [input])])])]);
  const y = t.fn('torch.Tensor.__add__', [t.fn('torch.relu', [t.call(conv2, [x])]), x]);
  x = t.fn('torch.cat', [list(x, y)], { dim: int(1) });
  x = t.call(avg, [t.fn('torch.nn.functional.relu', [t.call(conv3, [x])])]);
  x = t.fn('torch.flatten', [x, int(1)]);
  x = t.call(fc, [x]);
  const out = t.fn('torch.nn.functional.softmax', [x], { dim: int(1) });
  return { run: t.run([input], out), recorder: t };
}

/** torchvision's resnet18 (BasicBlock, [2, 2, 2, 2]), state_dict paths as torchvision names them. */
export function resnet18(input: TensorValue, numClasses = 1000): TracedModel {
  const t = new TraceRecorder();
  const conv = (path: string, cin: number, cout: number, k: number, stride: number, pad: number) =>
    t.module('torch.nn.Conv2d', path, [int(cin), int(cout), int(k)], { stride: int(stride), padding: int(pad), bias: { kind: 'bool', value: false } });
  const bn = (path: string, c: number) => t.module('torch.nn.BatchNorm2d', path, [int(c)]);
  const relu = t.module('torch.nn.ReLU', 'relu', [], { inplace: { kind: 'bool', value: true } });
  let x = t.call(conv('conv1', 3, 64, 7, 2, 3), [input]);
  x = t.call(relu, [t.call(bn('bn1', 64), [x])]);
  x = t.call(t.module('torch.nn.MaxPool2d', 'maxpool', [int(3)], { stride: int(2), padding: int(1) }), [x]);
  let cin = 64;
  [64, 128, 256, 512].forEach((planes, li) => {
    for (let b = 0; b < 2; b++) {
      const p = `layer${li + 1}.${b}`;
      const stride = b === 0 && li > 0 ? 2 : 1;
      const identity = x;
      let y = t.call(t.module('torch.nn.ReLU', `${p}.relu`, [], { inplace: { kind: 'bool', value: true } }), [t.call(bn(`${p}.bn1`, planes), [t.call(conv(`${p}.conv1`, cin, planes, 3, stride, 1), [x])])]);
      y = t.call(bn(`${p}.bn2`, planes), [t.call(conv(`${p}.conv2`, planes, planes, 3, 1, 1), [y])]);
      let skip = identity;
      if (stride !== 1 || cin !== planes) skip = t.call(bn(`${p}.downsample.1`, planes), [t.call(conv(`${p}.downsample.0`, cin, planes, 1, stride, 0), [identity])]);
      x = t.fn('torch.relu', [t.fn('torch.Tensor.__add__', [y, skip])]);
      cin = planes;
    }
  });
  x = t.call(t.module('torch.nn.AdaptiveAvgPool2d', 'avgpool', [tuple(int(1), int(1))]), [x]);
  x = t.fn('torch.flatten', [x, int(1)]);
  const out = t.call(t.module('torch.nn.Linear', 'fc', [int(512), int(numClasses)]), [x]);
  return { run: t.run([input], out), recorder: t };
}

/** The MNIST CNN of PyTorch's examples: two convs, max pool, two linears. [B, 1, 28, 28] -> [B, 10] */
export function mnistCnn(input: TensorValue): TracedModel {
  const t = new TraceRecorder();
  let x = t.fn('torch.nn.functional.relu', [t.call(t.module('torch.nn.Conv2d', 'conv1', [int(1), int(32), int(3)]), [input])]);
  x = t.fn('torch.nn.functional.relu', [t.call(t.module('torch.nn.Conv2d', 'conv2', [int(32), int(64), int(3)]), [x])]);
  x = t.fn('torch.nn.functional.max_pool2d', [x, int(2)]);
  x = t.fn('torch.flatten', [x, int(1)]);
  x = t.fn('torch.nn.functional.relu', [t.call(t.module('torch.nn.Linear', 'fc1', [int(9216), int(128)]), [x])]);
  const out = t.fn('torch.nn.functional.log_softmax', [t.call(t.module('torch.nn.Linear', 'fc2', [int(128), int(10)]), [x])], { dim: int(1) });
  return { run: t.run([input], out), recorder: t };
}

/** nn.TransformerEncoder of `layers` post-norm layers (batch_first). [N, S, d] -> [N, S, d] */
export function transformerEncoder(input: TensorValue, d = 512, heads = 8, ff = 2048, layers = 6): TracedModel {
  const t = new TraceRecorder();
  const layerOp = t.module('torch.nn.TransformerEncoderLayer', '', [int(d), int(heads)], { dim_feedforward: int(ff), batch_first: { kind: 'bool', value: true } });
  t.modulePaths.delete(layerOp);
  const enc = t.module('torch.nn.TransformerEncoder', 'encoder', [{ kind: 'object', ref: layerOp }, int(layers)], { enable_nested_tensor: { kind: 'bool', value: false } });
  const out = t.call(enc, [input]);
  return { run: t.run([input], out), recorder: t };
}

/** models/transformer_encoder.py: TinyTransformer on token ids [B, S]. */
export function tinyTransformer(tokens: TensorValue): TracedModel {
  const t = new TraceRecorder();
  const embed = t.module('torch.nn.Embedding', 'embed', [int(16), int(8)]);
  const pos = t.input([1, 10, 8]);
  t.tensorPaths.set(pos, { path: 'pos', kind: 'parameter' });
  const layer = t.module('torch.nn.TransformerEncoderLayer', '', [int(8), int(2)], { dim_feedforward: int(16), batch_first: { kind: 'bool', value: true } });
  t.modulePaths.delete(layer);
  const enc = t.module('torch.nn.TransformerEncoder', 'encoder', [{ kind: 'object', ref: layer }, int(2)], { enable_nested_tensor: { kind: 'bool', value: false } });
  const head = t.module('torch.nn.Linear', 'head', [int(8), int(4)]);
  const none: Value = { kind: 'none' };
  const seq = tokens.shape![1].value!;
  const p = t.fn('torch.Tensor.__getitem__', [pos, tuple({ kind: 'slice', start: none, stop: none, step: none }, { kind: 'slice', start: none, stop: int(seq), step: none })]);
  let x = t.fn('torch.Tensor.__add__', [t.call(embed, [tokens]), p]);
  x = t.call(enc, [x]);
  const out = t.call(head, [t.fn('torch.mean', [x], { dim: int(1) })]);
  return { run: t.run([tokens], out), recorder: t };
}
