// Elementwise activations (modules and their torch.nn.functional forms): [*] -> [*]
// Only PReLU and GLU look at a dimension; they live in their own files.
import { defineFunction, defineModule, fail, type OpDecl } from '../op';
import { floatArg, optFloatArg } from '../args';
import type { BoundArgs } from '../signature';
import { elementwise } from './common';
import { lowerActivation } from './lowerActivation';

interface Activation {
  /** nn module class name, its __init__ parameters, the functional name and its parameters after `input`. */
  readonly module?: string;
  readonly init?: string;
  readonly fn?: string;
  readonly fnParams?: string;
  readonly check?: (self: BoundArgs) => void;
}

// Signatures as PyTorch 1.13 declares them (inspect.signature, or the docstring for builtins).
const ACTIVATIONS: readonly Activation[] = [
  { module: 'ReLU', init: 'inplace=False', fn: 'relu', fnParams: 'inplace=False' },
  { module: 'ReLU6', init: 'inplace=False', fn: 'relu6', fnParams: 'inplace=False' },
  { module: 'LeakyReLU', init: 'negative_slope=0.01, inplace=False', fn: 'leaky_relu', fnParams: 'negative_slope=0.01, inplace=False' },
  { module: 'ELU', init: 'alpha=1.0, inplace=False', fn: 'elu', fnParams: 'alpha=1.0, inplace=False' },
  { module: 'SELU', init: 'inplace=False', fn: 'selu', fnParams: 'inplace=False' },
  { module: 'CELU', init: 'alpha=1.0, inplace=False', fn: 'celu', fnParams: 'alpha=1.0, inplace=False' },
  { module: 'GELU', init: "approximate='none'", fn: 'gelu', fnParams: "approximate='none'" },
  { module: 'SiLU', init: 'inplace=False', fn: 'silu', fnParams: 'inplace=False' },
  { module: 'Mish', init: 'inplace=False', fn: 'mish', fnParams: 'inplace=False' },
  { module: 'Sigmoid', init: '', fn: 'sigmoid', fnParams: '' },
  { module: 'Tanh', init: '', fn: 'tanh', fnParams: '' },
  {
    module: 'Hardtanh', init: 'min_val=-1.0, max_val=1.0, inplace=False, min_value=None, max_value=None',
    fn: 'hardtanh', fnParams: 'min_val=-1.0, max_val=1.0, inplace=False',
    check(self) {
      // The deprecated min_value/max_value win when given; then `assert self.max_val > self.min_val`.
      const lo = optFloatArg(self.min_value) ?? floatArg(self.min_val);
      const hi = optFloatArg(self.max_value) ?? floatArg(self.max_val);
      if (!(hi > lo)) fail('hardtanh-range', 'AssertionError', '');
    },
  },
  { module: 'Hardsigmoid', init: 'inplace=False', fn: 'hardsigmoid', fnParams: 'inplace=False' },
  { module: 'Hardswish', init: 'inplace=False', fn: 'hardswish', fnParams: 'inplace=False' },
  { module: 'Softplus', init: 'beta=1, threshold=20', fn: 'softplus', fnParams: 'beta=1, threshold=20' },
  { module: 'Softsign', init: '', fn: 'softsign', fnParams: '' },
  { module: 'Softshrink', init: 'lambd=0.5', fn: 'softshrink', fnParams: 'lambd=0.5' },
  { module: 'Hardshrink', init: 'lambd=0.5', fn: 'hardshrink', fnParams: 'lambd=0.5' },
  { module: 'Tanhshrink', init: '', fn: 'tanhshrink', fnParams: '' },
  { module: 'Threshold', init: 'threshold, value, inplace=False', fn: 'threshold', fnParams: 'threshold, value, inplace=False' },
  { module: 'LogSigmoid', init: '', fn: 'logsigmoid', fnParams: '' },
  {
    module: 'RReLU', init: 'lower=0.125, upper=0.3333333333333333, inplace=False',
    fn: 'rrelu', fnParams: 'lower=0.125, upper=0.3333333333333333, training=False, inplace=False',
  },
  // In-place functional forms (C builtins; parameters from their docstrings).
  { fn: 'relu_', fnParams: '' },
  { fn: 'elu_', fnParams: 'alpha=1.0' },
  { fn: 'leaky_relu_', fnParams: 'negative_slope=0.01' },
  { fn: 'threshold_', fnParams: 'threshold, value' },
  { fn: 'hardtanh_', fnParams: 'min_val=-1.0, max_val=1.0' },
  { fn: 'rrelu_', fnParams: 'lower=0.125, upper=0.3333333333333333, training=False' },
  { fn: 'celu_', fnParams: 'alpha=1.0' },
  { fn: 'selu_', fnParams: '' },
];

/** Activations whose kernels keep integer inputs' dtype (checked against PyTorch). */
const INT_SAFE = new Set(['ReLU', 'relu', 'relu_']);

function declare(a: Activation): OpDecl[] {
  const out: OpDecl[] = [];
  if (a.module !== undefined) {
    out.push(defineModule({
      names: [`torch.nn.${a.module}`],
      init: a.init ?? '',
      forward: 'input',
      check: a.check,
      unknownRankOk: true,
      params: () => [],
      rule: (_self, { input }) => elementwise(input, !INT_SAFE.has(a.module!)),
      onnx: (g, call) => lowerActivation(g, a.fn!, call.args.input, { ...call.self, ...call.args }),
    }));
  }
  if (a.fn !== undefined) {
    out.push(defineFunction({
      names: [`torch.nn.functional.${a.fn}`],
      signature: a.fnParams ? `input, ${a.fnParams}` : 'input',
      unknownRankOk: true,
      rule: (args) => elementwise(args.input, !INT_SAFE.has(a.fn!)),
      onnx: (g, call) => lowerActivation(g, a.fn!.replace(/_$/, ''), call.args.input, call.args),
    }));
  }
  return out;
}

export const activationOps: readonly OpDecl[] = ACTIVATIONS.flatMap(declare);
