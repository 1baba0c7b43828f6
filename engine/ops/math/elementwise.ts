// Binary elementwise ops: arithmetic, comparisons, logical and bitwise ops. Shapes broadcast,
// dtypes follow result_type (Python scalars rank lowest). [2, 1, 3] + [4, 3] -> [2, 4, 3]
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { isNone, strArg, tensor } from '../args';
import { broadcastShapes as broadcastPair } from '../common/broadcast';
import { dtypeCategory, isFloating, type DType } from '../dtype';
import { defineFunction, fail, giveUp, type FunctionOp, type OpContext } from '../op';
import { lowerBinary } from './lowerBinary';
import { isScalar, notImplemented, resultTypeIfKnown, toFloating } from './promote';

/** Shape of an operand: a Python scalar broadcasts like a 0-d tensor. */
export function operandShape(v: Value): Shape {
  if (v.kind === 'tensor') return v.shape ?? giveUp('unknown rank');
  if (isScalar(v)) return [];
  return giveUp('not a tensor or number');
}

/** Broadcast the operands' shapes in order; at least one must be a tensor. */
export function broadcastOperands(ctx: OpContext, operands: readonly Value[]): Shape {
  if (!operands.some((v) => v.kind === 'tensor')) giveUp('no tensor operand');
  return operands.map(operandShape).reduce((acc, s) => broadcastPair(ctx, acc, s));
}

const isBoolOperand = (v: Value): boolean => v.kind === 'bool' || (v.kind === 'tensor' && v.dtype === 'bool');

function checkSub(a: Value, b: Value): void {
  if (isBoolOperand(a) && isBoolOperand(b)) {
    fail('sub-bool', 'RuntimeError', 'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.');
  }
  if (isBoolOperand(a) || isBoolOperand(b)) {
    fail('sub-bool', 'RuntimeError', 'Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.');
  }
}

function checkAlpha(alpha: Value | undefined, out: DType): void {
  if (alpha === undefined) return;
  if (alpha.kind === 'float' && dtypeCategory(out) < 2) {
    fail('alpha-type', 'RuntimeError', 'For integral input tensors, argument alpha must not be a floating point number.');
  }
  if (alpha.kind === 'bool' && out !== 'bool') fail('alpha-type', 'RuntimeError', 'Boolean alpha only supported for Boolean results.');
}

type Kind = 'arith' | 'float' | 'compare' | 'logical' | 'bitwise';

interface BinarySpec {
  names: string[];
  signature: string;
  kind: Kind;
  /** Parameter names of the two operands, in PyTorch's order of broadcasting. */
  operands?: [string, string];
  /** Reflected dunder (`__rsub__`): the op computes `other OP self`. */
  reflected?: boolean;
  /** Extra check on the operands and the result dtype (dtype-specific kernel errors). */
  check?(a: Value, b: Value, out: DType, args: Readonly<Record<string, Value>>): void;
}

function binary(spec: BinarySpec): FunctionOp {
  const [p, q] = spec.operands ?? ['input', 'other'];
  return defineFunction({
    names: spec.names,
    signature: spec.signature,
    onnx: (g, call) => lowerBinary(g, call, call.args[spec.reflected ? q : p], call.args[spec.reflected ? p : q]),
    rule(args, ctx) {
      const a = spec.reflected ? args[q] : args[p];
      const b = spec.reflected ? args[p] : args[q];
      const shape = broadcastOperands(ctx, [a, b]);
      const known = resultTypeIfKnown([a, b]);
      if (known === undefined) return tensor(shape, spec.kind === 'compare' || spec.kind === 'logical' ? 'bool' : undefined);
      let out = known;
      spec.check?.(a, b, out, args);
      if (spec.kind === 'float') out = toFloating(out);
      if (spec.kind === 'compare' || spec.kind === 'logical') out = 'bool';
      if (spec.kind === 'bitwise' && isFloating(out)) notImplemented(`bitwise_${spec.names[0].split('_').pop()}_cpu`, out);
      return tensor(shape, out);
    },
  });
}

const T = 'torch.';
const V = 'torch.Tensor.';

const unsupported = (kernel: string, bad: (d: DType) => boolean) => (_a: Value, _b: Value, out: DType): void => {
  if (bad(out)) notImplemented(kernel, out);
};
const isBool = (d: DType): boolean => d === 'bool';

function powCheck(a: Value, b: Value, out: DType): void {
  if (out === 'bool') notImplemented('pow', out);
  // An integer base to a negative Python-int exponent is refused before any computation.
  if (dtypeCategory(out) === 1 && b.kind === 'int' && (b.dim.value ?? 0) < 0 && a.kind === 'tensor') {
    fail('pow-negative-int', 'RuntimeError', 'Integers to negative integer powers are not allowed.');
  }
}

function divCheck(a: Value, b: Value, out: DType, args: Readonly<Record<string, Value>>): void {
  const mode = isNone(args.rounding_mode) ? undefined : strArg(args.rounding_mode);
  if (mode === 'floor' && out === 'bool') notImplemented('div_floor_cpu', out);
  if (mode === 'trunc' && out === 'bool') notImplemented('div_trunc_cpu', out);
}

/** True division makes integers floats; rounding modes keep the promoted type. */
const div = (names: string[], signature: string, reflected = false): FunctionOp =>
  defineFunction({
    names,
    signature,
    onnx: (g, call) => lowerBinary(g, call, reflected ? call.args.other : call.args.input, reflected ? call.args.input : call.args.other),
    rule(args, ctx) {
      const a = reflected ? args.other : args.input;
      const b = reflected ? args.input : args.other;
      const shape = broadcastOperands(ctx, [a, b]);
      const out = resultTypeIfKnown([a, b]);
      if (out === undefined) return tensor(shape, undefined);
      divCheck(a, b, out, args);
      const mode = args.rounding_mode === undefined || isNone(args.rounding_mode) ? undefined : strArg(args.rounding_mode);
      return tensor(shape, mode === undefined ? toFloating(out) : out);
    },
  });

export const elementwiseOps: readonly FunctionOp[] = [
  binary({ names: [T + 'add', V + 'add'], signature: 'input, other, *, alpha=1, out=None', kind: 'arith',
    check: (_a, _b, out, args) => checkAlpha(args.alpha, out) }),
  binary({ names: [V + '__add__', V + '__radd__'], signature: 'input, other', kind: 'arith' }),
  binary({ names: [T + 'sub', V + 'sub', T + 'subtract', V + 'subtract'], signature: 'input, other, *, alpha=1, out=None', kind: 'arith',
    check: (a, b, out, args) => { checkSub(a, b); checkAlpha(args.alpha, out); } }),
  binary({ names: [V + '__sub__'], signature: 'input, other', kind: 'arith', check: (a, b) => checkSub(a, b) }),
  binary({ names: [V + '__rsub__'], signature: 'input, other', kind: 'arith', reflected: true, check: (a, b) => checkSub(a, b) }),
  binary({ names: [T + 'mul', V + 'mul', T + 'multiply', V + 'multiply'], signature: 'input, other, *, out=None', kind: 'arith' }),
  binary({ names: [V + '__mul__', V + '__rmul__'], signature: 'input, other', kind: 'arith' }),
  div([T + 'div', V + 'div', T + 'divide', V + 'divide'], 'input, other, *, rounding_mode=None, out=None'),
  div([T + 'true_divide', V + 'true_divide', V + '__truediv__'], 'input, other'),
  div([V + '__rtruediv__', V + '__rdiv__'], 'input, other', true),
  binary({ names: [T + 'floor_divide', V + 'floor_divide', V + '__floordiv__'], signature: 'input, other', kind: 'arith',
    check: unsupported('div_floor_cpu', isBool) }),
  binary({ names: [V + '__rfloordiv__'], signature: 'input, other', kind: 'arith', reflected: true, check: unsupported('div_floor_cpu', isBool) }),
  binary({ names: [T + 'pow', V + 'pow', V + '__pow__'], signature: 'input, exponent', operands: ['input', 'exponent'], kind: 'arith', check: powCheck }),
  binary({ names: [V + '__rpow__'], signature: 'input, other', kind: 'arith', reflected: true, check: powCheck }),
  binary({ names: [T + 'remainder', V + 'remainder', V + '__mod__'], signature: 'input, other', kind: 'arith',
    check: unsupported('remainder_cpu', isBool) }),
  binary({ names: [T + 'fmod', V + 'fmod'], signature: 'input, other', kind: 'arith', check: unsupported('fmod_cpu', isBool) }),
  binary({ names: [T + 'maximum', V + 'maximum', T + 'minimum', V + 'minimum', T + 'fmax', T + 'fmin'], signature: 'input, other', kind: 'arith' }),
  binary({ names: [T + 'atan2', V + 'atan2', T + 'arctan2'], signature: 'input, other', kind: 'float',
    check: unsupported('atan2_cpu', (d) => d === 'float16') }),
  binary({ names: [T + 'hypot', V + 'hypot'], signature: 'input, other', kind: 'arith',
    check: unsupported('hypot_cpu', (d) => !isFloating(d)) }),
  binary({
    names: [T + 'eq', V + 'eq', T + 'ne', V + 'ne', T + 'lt', V + 'lt', T + 'le', V + 'le', T + 'gt', V + 'gt', T + 'ge', V + 'ge',
      V + '__eq__', V + '__ne__', V + '__lt__', V + '__le__', V + '__gt__', V + '__ge__',
      T + 'greater', T + 'less', T + 'greater_equal', T + 'less_equal', T + 'not_equal'],
    signature: 'input, other', kind: 'compare',
  }),
  binary({ names: [T + 'logical_and', V + 'logical_and', T + 'logical_or', V + 'logical_or', T + 'logical_xor', V + 'logical_xor'],
    signature: 'input, other', kind: 'logical' }),
  binary({ names: [T + 'bitwise_and', V + 'bitwise_and', V + '__and__', V + '__rand__'], signature: 'input, other', kind: 'bitwise' }),
  binary({ names: [T + 'bitwise_or', V + 'bitwise_or', V + '__or__', V + '__ror__'], signature: 'input, other', kind: 'bitwise' }),
  binary({ names: [T + 'bitwise_xor', V + 'bitwise_xor', V + '__xor__', V + '__rxor__'], signature: 'input, other', kind: 'bitwise' }),
];
