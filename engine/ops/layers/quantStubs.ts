// torch.ao.quantization's QuantStub and DeQuantStub: before a model is converted they give their
// input back (torch/ao/quantization/stubs.py, `def forward(self, x): return x`), and own nothing.
// No ONNX lowering yet: the op goldens have no case for them.
import { defineModule } from '../op';
import { elementwise } from './common';

const places = (name: string): string[] => ['torch.ao.quantization', 'torch.ao.quantization.stubs', 'torch.quantization', 'torch.quantization.stubs'].map((p) => `${p}.${name}`);

const stub = (name: string) => defineModule({
  names: places(name),
  init: 'qconfig=None',
  forward: 'x',
  unknownRankOk: true,
  params: () => [],
  rule: (_self, { x }) => elementwise(x),
});

export const QuantStub = stub('QuantStub');
export const DeQuantStub = stub('DeQuantStub');
