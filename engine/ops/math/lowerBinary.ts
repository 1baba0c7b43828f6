// ONNX lowering of the binary elementwise ops, chosen by the name the op was called with
// (`add`, `__rsub__`, `gt`...). Operands are cast to the computation type first: ONNX does not
// promote, and Python scalars take the tensor's type as in PyTorch's result_type.
import type { Value } from '../../value';
import { isNone, strArg } from '../args';
import type { DType } from '../dtype';
import { isFloating } from '../dtype';
import type { OnnxCall, OnnxGraph } from '../lowering';
import { resultType, toFloating } from './promote';

/** `torch.Tensor.__radd__` -> `add`; `torch.greater_equal` -> `greater_equal`. */
function baseName(name: string): string {
  let n = name.slice(name.lastIndexOf('.') + 1);
  if (n.startsWith('__') && n.endsWith('__')) {
    n = n.slice(2, -2);
    if (n.startsWith('r') && !['rshift'].includes(n) && n !== 'rand' && n !== 'ror' && n !== 'rxor') n = n.slice(1);
    if (n === 'rand' || n === 'ror' || n === 'rxor') n = n.slice(1);
  }
  return n;
}

const COMPARE: Record<string, [string, boolean]> = {
  eq: ['Equal', false], ne: ['Equal', true], not_equal: ['Equal', true],
  lt: ['Less', false], less: ['Less', false], le: ['LessOrEqual', false], less_equal: ['LessOrEqual', false],
  gt: ['Greater', false], greater: ['Greater', false], ge: ['GreaterOrEqual', false], greater_equal: ['GreaterOrEqual', false],
};

export function lowerBinary(g: OnnxGraph, call: OnnxCall, a: Value, b: Value): string {
  const name = baseName(call.name);
  const out = g.dtype(call.output);
  const promoted = resultType([a, b]);
  const n = g.shape(call.output).reduce((p, q) => p * q, 1);
  g.flops(n);
  if (name in COMPARE) {
    const [op, negate] = COMPARE[name];
    const r = g.op(op, [g.inputAs(a, promoted), g.inputAs(b, promoted)]);
    return negate ? g.op('Not', [r]) : r;
  }
  if (name.startsWith('logical_')) {
    const op = { logical_and: 'And', logical_or: 'Or', logical_xor: 'Xor' }[name];
    if (!op) return g.noKernel(name);
    return g.op(op, [g.inputAs(a, 'bool'), g.inputAs(b, 'bool')]);
  }
  if (name.startsWith('bitwise_') || name === 'and' || name === 'or' || name === 'xor') {
    const key = name.replace('bitwise_', '');
    if (out !== 'bool') return g.noKernel(`${name} on integers (ONNX BitwiseAnd is opset 18)`);
    const op = { and: 'And', or: 'Or', xor: 'Xor' }[key];
    if (!op) return g.noKernel(name);
    return g.op(op, [g.inputAs(a, 'bool'), g.inputAs(b, 'bool')]);
  }
  const x = g.inputAs(a, out);
  const y = g.inputAs(b, out);
  switch (name) {
    case 'add': case 'sub': case 'subtract': {
      const alpha = call.args.alpha;
      const scaled = alpha && !isNone(alpha) && !(alpha.kind === 'int' && alpha.dim.value === 1)
        ? g.op('Mul', [y, g.input(alpha, out)]) : y;
      return g.op(name === 'add' ? 'Add' : 'Sub', [x, scaled]);
    }
    case 'mul': case 'multiply': return g.op('Mul', [x, y]);
    case 'div': case 'divide': case 'true_divide': case 'truediv': case 'rtruediv': case 'rdiv': {
      const mode = call.args.rounding_mode === undefined || isNone(call.args.rounding_mode) ? undefined : strArg(call.args.rounding_mode);
      return divide(g, a, b, promoted, out, mode);
    }
    case 'floor_divide': case 'floordiv': return divide(g, a, b, promoted, out, 'floor');
    case 'pow': return g.op('Pow', [x, isFloating(out) ? y : g.inputAs(b, out)]);
    case 'remainder': case 'mod': {
      if (!isFloating(out)) return g.op('Mod', [x, y], { fmod: 0 });
      // Python's remainder: a - floor(a / b) * b (the sign of the divisor).
      return g.op('Sub', [x, g.op('Mul', [g.op('Floor', [g.op('Div', [x, y])]), y])]);
    }
    case 'fmod': return g.op('Mod', [x, y], { fmod: isFloating(out) ? 1 : 0 });
    case 'maximum': case 'fmax': return g.op('Max', [x, y]);
    case 'minimum': case 'fmin': return g.op('Min', [x, y]);
    case 'atan2': case 'arctan2': {
      // atan(y / x), moved to the right quadrant; x = 0 gives +-pi/2 (0 when y = 0 too).
      const zero = g.scalar(0, out);
      const base = g.op('Atan', [g.op('Div', [x, y])]);
      const xNeg = g.op('Less', [y, zero]);
      const yNeg = g.op('Less', [x, zero]);
      const shift = g.op('Where', [yNeg, g.scalar(-Math.PI, out), g.scalar(Math.PI, out)]);
      const withQuadrant = g.op('Where', [xNeg, g.op('Add', [base, shift]), base]);
      const onAxis = g.op('Mul', [g.op('Sign', [x]), g.scalar(Math.PI / 2, out)]);
      return g.op('Where', [g.op('Equal', [y, zero]), onAxis, withQuadrant]);
    }
    case 'hypot': return g.op('Sqrt', [g.op('Add', [g.op('Mul', [x, x]), g.op('Mul', [y, y])])]);
    default: return g.noKernel(name);
  }
}

/** Division: true division in floats; floor/trunc rounding in the promoted type. */
function divide(g: OnnxGraph, a: Value, b: Value, promoted: DType, out: DType, mode: string | undefined): string {
  const ft: DType = isFloating(promoted) ? promoted : toFloating(promoted);
  const q = g.op('Div', [g.inputAs(a, ft), g.inputAs(b, ft)]);
  if (mode === undefined) return ft === out ? q : g.op('Cast', [q], { to: onnxCode(out, g) });
  const rounded = g.op(mode === 'floor' ? 'Floor' : 'Ceil', [q]);
  const r = mode === 'trunc' ? g.op('Where', [g.op('Less', [q, g.scalar(0, ft)]), g.op('Ceil', [q]), g.op('Floor', [q])]) : rounded;
  return ft === out ? r : castTo(g, r, out);
}

function castTo(g: OnnxGraph, x: string, dtype: DType): string {
  return g.op('Cast', [x], { to: onnxCode(dtype, g) });
}

const CODES: Partial<Record<DType, number>> = { float32: 1, uint8: 2, int8: 3, int16: 5, int32: 6, int64: 7, bool: 9, float16: 10, float64: 11 };

function onnxCode(dtype: DType, g: OnnxGraph): number {
  return CODES[dtype] ?? g.noKernel(`${dtype} results`);
}
