// ONNX lowering of unary elementwise math, by op name. The input is cast to the output dtype
// first (exp of an int tensor computes in float), except for the bool-valued tests.
import { floatArg, isNone, optFloatArg } from '../args';
import type { DType } from '../dtype';
import { isFloating } from '../dtype';
import type { OnnxCall, OnnxGraph } from '../lowering';

const DIRECT: Record<string, string> = {
  exp: 'Exp', log: 'Log', sqrt: 'Sqrt', sin: 'Sin', cos: 'Cos', tan: 'Tan', tanh: 'Tanh', sigmoid: 'Sigmoid',
  reciprocal: 'Reciprocal', erf: 'Erf', asin: 'Asin', acos: 'Acos', atan: 'Atan', sinh: 'Sinh', cosh: 'Cosh',
  asinh: 'Asinh', acosh: 'Acosh', atanh: 'Atanh', arcsin: 'Asin', arccos: 'Acos', arctan: 'Atan',
  abs: 'Abs', absolute: 'Abs', neg: 'Neg', negative: 'Neg', relu: 'Relu', floor: 'Floor', ceil: 'Ceil',
  sign: 'Sign', sgn: 'Sign', isnan: 'IsNaN', logical_not: 'Not',
};

export function lowerUnary(g: OnnxGraph, call: OnnxCall, op: string): string {
  const input = call.args.input;
  const out: DType = g.dtype(call.output);
  const inDtype = g.dtype(input);
  g.flops(g.shape(input).reduce((a, b) => a * b, 1));
  const computeIn: DType = out === 'bool' ? inDtype : out;
  const x = op === 'logical_not' ? g.inputAs(input, 'bool') : g.inputAs(input, computeIn);
  const c = (v: number): string => g.scalar(v, computeIn);
  const isInt = !isFloating(computeIn);
  if (isInt && ['floor', 'ceil', 'round', 'trunc', 'fix'].includes(op)) return g.op('Identity', [x]);
  if (op in DIRECT && !(isInt && (op === 'abs' || op === 'absolute' || op === 'neg' || op === 'negative' || op === 'sign' || op === 'sgn') && computeIn === 'bool')) {
    if (op === 'isnan' && isInt) return g.op('Cast', [g.op('Mul', [x, c(0)])], { to: 9 });
    return g.op(DIRECT[op], [x]);
  }
  switch (op) {
    case 'log2': return g.op('Div', [g.op('Log', [x]), c(Math.LN2)]);
    case 'log10': return g.op('Div', [g.op('Log', [x]), c(Math.LN10)]);
    case 'log1p': return g.op('Log', [g.op('Add', [x, c(1)])]);
    case 'expm1': return g.op('Sub', [g.op('Exp', [x]), c(1)]);
    case 'exp2': return g.op('Pow', [c(2), x]);
    case 'rsqrt': return g.op('Reciprocal', [g.op('Sqrt', [x])]);
    case 'erfc': return g.op('Sub', [c(1), g.op('Erf', [x])]);
    case 'square': return g.op('Mul', [x, x]);
    case 'positive': return g.op('Identity', [x]);
    case 'trunc': case 'fix': return g.op('Where', [g.op('Less', [x, c(0)]), g.op('Ceil', [x]), g.op('Floor', [x])]);
    case 'frac': return g.op('Sub', [x, g.op('Where', [g.op('Less', [x, c(0)]), g.op('Ceil', [x]), g.op('Floor', [x])])]);
    case 'round': {
      const decimals = isNone(call.args.decimals) ? 0 : g.int(call.args.decimals);
      if (decimals === 0) return g.op('Round', [x]); // both round half to even
      const scale = c(10 ** decimals);
      return g.op('Div', [g.op('Round', [g.op('Mul', [x, scale])]), scale]);
    }
    case 'sinc': {
      const px = g.op('Mul', [x, c(Math.PI)]);
      const v = g.op('Div', [g.op('Sin', [px]), px]);
      return g.op('Where', [g.op('Equal', [x, c(0)]), c(1), v]);
    }
    case 'logit': {
      const eps = optFloatArg(call.args.eps);
      const z = eps === undefined ? x : g.op('Clip', [x, c(eps), c(1 - eps)]);
      return g.op('Log', [g.op('Div', [z, g.op('Sub', [c(1), z])])]);
    }
    case 'isinf': return isInt ? g.op('Cast', [g.op('Mul', [x, c(0)])], { to: 9 }) : g.op('IsInf', [x]);
    case 'isposinf': return isInt ? g.op('Cast', [g.op('Mul', [x, c(0)])], { to: 9 }) : g.op('IsInf', [x], { detect_negative: 0 });
    case 'isneginf': return isInt ? g.op('Cast', [g.op('Mul', [x, c(0)])], { to: 9 }) : g.op('IsInf', [x], { detect_positive: 0 });
    case 'isfinite': {
      if (isInt) return g.op('Not', [g.op('Cast', [g.op('Mul', [x, c(0)])], { to: 9 })]);
      return g.op('Not', [g.op('Or', [g.op('IsInf', [x]), g.op('IsNaN', [x])])]);
    }
    case 'isreal': return g.op('Not', [g.op('Cast', [g.op('Mul', [x, c(0)])], { to: 9 })]);
    case 'signbit': {
      if (isInt) return g.op('Less', [x, c(0)]);
      // -0.0 has its sign bit set: 1 / -0 = -inf.
      return g.op('Or', [g.op('Less', [x, c(0)]), g.op('Less', [g.op('Reciprocal', [x]), c(0)])]);
    }
    case 'nan_to_num': {
      const big = computeIn === 'float64' ? Number.MAX_VALUE : 3.4028234663852886e38;
      const nan = isNone(call.args.nan) ? 0 : floatArg(call.args.nan);
      const pos = optFloatArg(call.args.posinf) ?? big;
      const neg = optFloatArg(call.args.neginf) ?? -big;
      if (isInt) return g.op('Identity', [x]);
      let y = g.op('Where', [g.op('IsNaN', [x]), c(nan), x]);
      y = g.op('Where', [g.op('IsInf', [y], { detect_negative: 0 }), c(pos), y]);
      return g.op('Where', [g.op('IsInf', [y], { detect_positive: 0 }), c(neg), y]);
    }
    case 'bitwise_not': return computeIn === 'bool' ? g.op('Not', [x]) : g.op('Sub', [c(-1), x]);
    case 'abs': case 'absolute': case 'neg': case 'negative': case 'sign': case 'sgn': return g.noKernel(`${op} of bool`);
    default: return g.noKernel(op);
  }
}


