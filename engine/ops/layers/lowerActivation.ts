// ONNX lowering of the elementwise activations, by functional name (`relu`, `gelu`...); module
// and functional forms share it. Formulas follow PyTorch's definitions where ONNX has no op.
import type { Value } from '../../value';
import { floatArg, isNone, optFloatArg, strArg } from '../args';
import { float, type OnnxGraph } from '../lowering';
import type { BoundArgs } from '../signature';

export function lowerActivation(g: OnnxGraph, fn: string, input: Value, a: BoundArgs): string {
  const x = g.input(input);
  const dtype = g.dtype(input);
  const c = (v: number): string => g.scalar(v, dtype);
  const n = g.shape(input).reduce((p, q) => p * q, 1);
  g.flops(n);
  switch (fn) {
    case 'relu': return g.op('Relu', [x]);
    case 'relu6': return g.op('Clip', [x, c(0), c(6)]);
    case 'leaky_relu': return g.op('LeakyRelu', [x], { alpha: float(floatArg(a.negative_slope)) });
    case 'elu': return g.op('Elu', [x], { alpha: float(floatArg(a.alpha)) });
    case 'selu': return g.op('Selu', [x], { alpha: float(1.6732632423543772), gamma: float(1.0507009873554805) });
    case 'celu': return g.op('Celu', [x], { alpha: float(floatArg(a.alpha)) });
    case 'gelu': {
      if (strArg(a.approximate) === 'tanh') {
        // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
        const x3 = g.op('Mul', [g.op('Mul', [x, x]), x]);
        const inner = g.op('Mul', [g.op('Add', [x, g.op('Mul', [x3, c(0.044715)])]), c(Math.sqrt(2 / Math.PI))]);
        return g.op('Mul', [g.op('Mul', [x, c(0.5)]), g.op('Add', [g.op('Tanh', [inner]), c(1)])]);
      }
      const erf = g.op('Erf', [g.op('Div', [x, c(Math.SQRT2)])]);
      return g.op('Mul', [g.op('Mul', [x, c(0.5)]), g.op('Add', [erf, c(1)])]);
    }
    case 'silu': return g.op('Mul', [x, g.op('Sigmoid', [x])]);
    case 'mish': return g.op('Mul', [x, g.op('Tanh', [softplus(g, x, 1, 20, c)])]);
    case 'sigmoid': return g.op('Sigmoid', [x]);
    case 'tanh': return g.op('Tanh', [x]);
    case 'hardtanh': {
      const lo = optFloatArg(a.min_value) ?? floatArg(a.min_val);
      const hi = optFloatArg(a.max_value) ?? floatArg(a.max_val);
      return g.op('Clip', [x, c(lo), c(hi)]);
    }
    case 'hardsigmoid': return g.op('HardSigmoid', [x], { alpha: float(1 / 6), beta: float(0.5) });
    case 'hardswish': return g.op('HardSwish', [x]);
    case 'softplus': return softplus(g, x, floatArg(a.beta), floatArg(a.threshold), c);
    case 'softsign': return g.op('Softsign', [x]);
    case 'softshrink': {
      const l = floatArg(a.lambd);
      return g.op('Shrink', [x], { lambd: float(l), bias: float(l) });
    }
    case 'hardshrink': return g.op('Shrink', [x], { lambd: float(floatArg(a.lambd)), bias: float(0) });
    case 'tanhshrink': return g.op('Sub', [x, g.op('Tanh', [x])]);
    case 'threshold': return g.op('Where', [g.op('Greater', [x, c(floatArg(a.threshold))]), x, c(floatArg(a.value))]);
    case 'logsigmoid': return g.op('Neg', [softplus(g, g.op('Neg', [x]), 1, 20, c)]);
    case 'rrelu': {
      // Eval mode: a fixed slope, the mean of lower and upper.
      if (!isNone(a.training) && a.training.kind === 'bool' && a.training.value) return g.noKernel('rrelu in training mode');
      return g.op('LeakyRelu', [x], { alpha: float((floatArg(a.lower) + floatArg(a.upper)) / 2) });
    }
    default: return g.noKernel(fn);
  }
}

/** PyTorch's softplus: log(1 + exp(beta x)) / beta, linear above `threshold` (beta x > threshold). */
export function softplus(g: OnnxGraph, x: string, beta: number, threshold: number, c: (v: number) => string): string {
  const bx = beta === 1 ? x : g.op('Mul', [x, c(beta)]);
  let sp = g.op('Softplus', [bx]);
  if (beta !== 1) sp = g.op('Div', [sp, c(beta)]);
  return g.op('Where', [g.op('Greater', [bx, c(threshold)]), x, sp]);
}
