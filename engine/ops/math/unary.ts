// Unary elementwise math: the shape is kept; the dtype stays, turns float (exp, sqrt ...) or
// bool (isnan ...). [B, C, H, W] -> [B, C, H, W]
import { tensor, tensorArg } from '../args';
import { lowerUnary } from './lowerUnary';
import { isSpecial, lowerSpecial } from './lowerSpecial';
import { isComplex, isFloating, realOf, type DType } from '../dtype';
import { defineFunction, fail, giveUp, type FunctionOp } from '../op';
import { dtypeOf, notImplemented, toFloating } from './promote';

type Out = 'same' | 'float' | 'bool';


/** Ops that compute in floating point: integer and bool inputs give the default float type. */
const FLOAT_OPS = ['exp', 'log', 'log2', 'log10', 'log1p', 'expm1', 'sqrt', 'rsqrt', 'sin', 'cos', 'tan', 'tanh', 'sigmoid',
  'reciprocal', 'erf', 'erfc', 'erfinv', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'asinh', 'acosh', 'atanh', 'exp2', 'lgamma',
  'digamma', 'logit', 'arcsin', 'arccos', 'arctan', 'sinc', 'i0'];
/** Ops that keep the input dtype (some refuse bool or integer inputs). */
const SAME_OPS = ['abs', 'absolute', 'neg', 'negative', 'relu', 'floor', 'ceil', 'round', 'trunc', 'fix', 'frac', 'sign', 'sgn',
  'nan_to_num', 'positive', 'bitwise_not', 'square'];
const BOOL_OPS = ['isnan', 'isinf', 'isfinite', 'signbit', 'logical_not', 'isposinf', 'isneginf', 'isreal'];

/** Kernels without a bool (or integer) implementation, with the name their error prints. */
function checkInput(op: string, d: DType): void {
  if (d === 'bool') {
    if (op === 'neg' || op === 'negative') {
      fail('neg-bool', 'RuntimeError', 'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.');
    }
    if (op === 'positive') fail('positive-bool', 'RuntimeError', 'The `+` operator, on a bool tensor is not supported.');
    if (op === 'relu') fail('relu-bool', 'RuntimeError', 'Boolean inputs not supported for relu');
    if (op === 'abs' || op === 'absolute') notImplemented('abs_cpu', d);
    if (op === 'floor' || op === 'ceil' || op === 'round' || op === 'trunc' || op === 'fix') notImplemented(`${op === 'fix' ? 'trunc' : op}_vml_cpu`, d);
  }
  if (op === 'frac' && !isFloating(d)) notImplemented('frac_cpu', d);
  if (op === 'bitwise_not' && isFloating(d)) notImplemented('bitwise_not_cpu', d);
}

/**
 * Complex inputs (PyTorch 1.13, checked by the oracle's complex sweep): abs gives the parts' float
 * type, these ops keep the complex type, the bool ops still give bool, and every other op
 * refuses with its own message (an op in no list gives no hint).
 */
const COMPLEX_SAME = new Set(['neg', 'negative', 'exp', 'log', 'log2', 'log10', 'sqrt', 'rsqrt', 'sin', 'cos', 'tan', 'tanh', 'sigmoid',
  'reciprocal', 'square', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'asinh', 'acosh', 'atanh', 'sgn', 'positive', 'sinc', 'arcsin', 'arccos', 'arctan']);
const COMPLEX_BOOL = new Set(['isnan', 'isinf', 'isfinite', 'isreal', 'logical_not']);
const COMPLEX_ERRORS: Record<string, string> = {
  relu: 'clamp is not supported for complex types',
  floor: 'floor is not supported for complex inputs',
  ceil: 'ceil is not supported for complex inputs',
  trunc: 'trunc is not supported for complex inputs',
  fix: 'trunc is not supported for complex inputs',
  sign: 'Unlike NumPy, torch.sign is not intended to support complex numbers. Please use torch.sgn instead.',
  signbit: 'signbit is not implemented for complex tensors.',
  isposinf: 'isposinf does not support complex inputs.',
  isneginf: 'isneginf does not support complex inputs.',
};
/** The kernel name a complex input's dispatch error prints. */
const COMPLEX_KERNELS: Record<string, string> = {
  log1p: 'log1p_vml_cpu', expm1: 'expm1_vml_cpu', round: 'round_vml_cpu', frac: 'frac_cpu', erf: 'erf_vml_cpu', exp2: 'exp2',
  nan_to_num: 'nan_to_num', erfc: 'erfc_vml_cpu', lgamma: 'lgamma_vml_cpu', digamma: 'digamma', logit: 'logit_cpu',
  erfinv: 'erfinv_vml_cpu', i0: 'i0_vml_cpu', bitwise_not: 'bitwise_not_cpu',
};

function complexResult(op: string, d: DType): DType {
  if (op === 'abs' || op === 'absolute') return realOf(d);
  if (COMPLEX_SAME.has(op)) return d;
  if (COMPLEX_BOOL.has(op)) return 'bool';
  if (op in COMPLEX_ERRORS) fail('complex-unsupported', 'RuntimeError', COMPLEX_ERRORS[op]);
  if (op in COMPLEX_KERNELS) notImplemented(COMPLEX_KERNELS[op], d);
  return giveUp(`${op} of a complex tensor`);
}

/** Extra parameters of some unary ops (none of them changes the shape). */
const SIGNATURES: Record<string, string> = {
  round: 'input, *, decimals=0, out=None',
  nan_to_num: 'input, nan=0.0, posinf=None, neginf=None, *, out=None',
  logit: 'input, eps=None, *, out=None',
};

function unary(op: string, out: Out, names: string[]): FunctionOp {
  return defineFunction({
    names,
    signature: SIGNATURES[op] ?? 'input, *, out=None',
    onnx: isSpecial(op) ? (g, call) => lowerSpecial(g, call, op) : (g, call) => lowerUnary(g, call, op),
    rule(args) {
      const x = tensorArg(args.input);
      const d = dtypeOf(x);
      if (isComplex(d)) return tensor(x.shape, complexResult(op, d));
      checkInput(op, d);
      // square is pow(x, 2): a bool tensor promotes with the int 2 to int64.
      const dtype = out === 'bool' ? 'bool' : out === 'float' ? toFloating(d) : op === 'square' && d === 'bool' ? 'int64' : d;
      return tensor(x.shape, dtype);
    },
  });
}

const DUNDERS: Record<string, string> = { neg: '__neg__', abs: '__abs__', bitwise_not: '__invert__', positive: '__pos__' };

export const unaryOps: readonly FunctionOp[] = [
  ...FLOAT_OPS.map((op) => unary(op, 'float', [`torch.${op}`, `torch.Tensor.${op}`])),
  ...SAME_OPS.map((op) => unary(op, 'same', [`torch.${op}`, `torch.Tensor.${op}`, ...(DUNDERS[op] ? [`torch.Tensor.${DUNDERS[op]}`] : [])])),
  ...BOOL_OPS.map((op) => unary(op, 'bool', [`torch.${op}`, `torch.Tensor.${op}`])),
];
