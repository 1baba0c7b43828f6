// ONNX lowering of Julia's array functions and NNlib's whole-array functions (see lowerFlux.ts for
// the column-major convention): reshapes keep Julia's linear order, so they are a plain Reshape to
// the Julia dimensions; everything else works on the reversed view and reverses back.
import type { Value } from '../../value';
import type { DType } from '../dtype';
import type { OnnxCall, OnnxGraph } from '../lowering';
import { intArg, isNone, sequenceArg, strArg } from '../args';
import { activation, calledName, juliaDims, rowMajor } from './lowerFlux';
import { ColonMarker, isObject } from './julia';

const reversed = (xs: readonly number[]): number[] => [...xs].reverse();

/** reshape, flatten, vec, dropdims: Julia's reshape keeps the column-major order, so the data is unchanged. */
export function lowerJuliaReshape(g: OnnxGraph, call: OnnxCall): string {
  return g.op('Reshape', [g.input(call.args.x), g.ints(g.shape(call.output))]);
}

function cast(g: OnnxGraph, x: string, from: DType, to: DType): string {
  if (from === to) return x;
  const code: Partial<Record<DType, number>> = { float32: 1, uint8: 2, int8: 3, int16: 5, int32: 6, int64: 7, bool: 9, float16: 10, float64: 11 };
  const c = code[to];
  return c === undefined ? g.noKernel(`no kernel for ${to} arrays yet`) : g.op('Cast', [x], { to: c });
}

/** relu(x), σ(x)... on a whole array: elementwise, in any layout. */
export function lowerWholeActivation(g: OnnxGraph, call: OnnxCall): string {
  const x = call.args.x;
  const out = (call.output as { dtype?: DType }).dtype ?? 'float32';
  return activation(g, calledName(call), cast(g, g.input(x), g.dtype(x), out));
}

/** softmax(x; dims=d) / logsoftmax: over ONNX's axis rank - d. */
export function lowerSoftmax(g: OnnxGraph, call: OnnxCall): string {
  const x = call.args.x;
  const rank = g.shape(x).length;
  const d = g.int(call.args.dims);
  const y = g.op(calledName(call) === 'logsoftmax' ? 'LogSoftmax' : 'Softmax', [cast(g, rowMajor(g, x), g.dtype(x), 'float32')], { axis: rank - d });
  return juliaDims(g, y, call.output);
}

const BINARY: Readonly<Record<string, string>> = { '+': 'Add', '-': 'Sub', '*': 'Mul', '/': 'Div', '^': 'Pow', max: 'Max', min: 'Min' };
const COMPARE: Readonly<Record<string, string>> = { '==': 'Equal', '<': 'Less', '>': 'Greater', '<=': 'LessOrEqual', '>=': 'GreaterOrEqual' };
const UNARY: Readonly<Record<string, string>> = { '-': 'Neg', abs: 'Abs', exp: 'Exp', log: 'Log', sqrt: 'Sqrt', sin: 'Sin', cos: 'Cos', identity: 'Identity' };
const TYPES: Readonly<Record<string, DType>> = { Float32: 'float32', Float64: 'float64', Int: 'int64', Int64: 'int64', Int32: 'int32', Bool: 'bool' };

/** broadcast(f, args...): Julia's first-axis alignment is ONNX's last-axis alignment of the reversed views. */
export function lowerBroadcast(g: OnnxGraph, call: OnnxCall): string {
  const f = strArg(call.args.f);
  const args = sequenceArg(call.args.args);
  const out = (call.output as { dtype?: DType }).dtype ?? 'float32';
  // Operands in the output's element type (Julia promotes; ONNX does not), comparisons in their common one.
  const operandType: DType = COMPARE[f] ? (args.some((a) => a.kind === 'float' || (a.kind === 'tensor' && g.dtype(a).startsWith('float'))) ? 'float32' : 'int64') : out;
  const operand = (a: Value): string => (a.kind === 'tensor' ? cast(g, rowMajor(g, a), g.dtype(a), operandType) : g.scalar(a.kind === 'float' ? a.value : Number(intArg(a).value ?? g.noKernel('a symbolic scalar')), operandType));
  const xs = args.map(operand);
  let y: string;
  if (TYPES[f]) y = xs[0]; // the operand is already in the target type
  else if (xs.length === 2 && BINARY[f]) y = g.op(BINARY[f], xs);
  else if (xs.length === 2 && COMPARE[f]) y = g.op(COMPARE[f], xs);
  else if (xs.length === 1 && UNARY[f]) y = g.op(UNARY[f], xs);
  else if (xs.length === 1) y = activation(g, f, xs[0]);
  else if (f === 'leakyrelu' && xs.length === 2) y = g.op('Where', [g.op('Greater', [xs[0], g.scalar(0, operandType)]), xs[0], g.op('Mul', [xs[0], xs[1]])]);
  else return g.noKernel(`no kernel for ${f}.(...) yet`);
  return juliaDims(g, y, call.output);
}

/** A * B is ONNX's B' @ A' on the reversed views (a vector on the left is a one-column matrix). */
export function lowerJuliaMatmul(g: OnnxGraph, call: OnnxCall): string {
  const { a, b } = call.args;
  const out = (call.output as { dtype?: DType }).dtype ?? 'float32';
  const sa = g.shape(a);
  let ar = cast(g, rowMajor(g, a), g.dtype(a), out);
  if (sa.length === 1) ar = g.op('Reshape', [ar, g.ints([1, sa[0]])]);
  const br = cast(g, rowMajor(g, b), g.dtype(b), out);
  const y = g.op('MatMul', [br, ar]);
  g.flops(2 * sa[0] * (sa[1] ?? 1) * (g.shape(b)[1] ?? 1));
  return juliaDims(g, y, call.output);
}

export function lowerPermutedims(g: OnnxGraph, call: OnnxCall): string {
  const x = call.args.x;
  const n = g.shape(x).length;
  const p = isNone(call.args.perm) ? (n === 2 ? [2, 1] : undefined) : sequenceArg(call.args.perm).map((v) => Number(intArg(v).value));
  if (!p) return lowerJuliaReshape(g, { ...call, args: { x } });
  // Julia's out[i] = in[p[i]]; on the reversed views q[j] = n - p[n - 1 - j].
  const q = Array.from({ length: n }, (_, j) => n - p[n - 1 - j]);
  return juliaDims(g, g.op('Transpose', [rowMajor(g, x)], { perm: q }), call.output);
}

export function lowerJuliaTranspose(g: OnnxGraph, call: OnnxCall): string {
  const x = call.args.x;
  if (g.shape(x).length === 1) return lowerJuliaReshape(g, call);
  return juliaDims(g, g.op('Transpose', [rowMajor(g, x)], { perm: [1, 0] }), call.output);
}

/** cat(xs...; dims=d): missing trailing dimensions are 1s (leading ones on the reversed views). */
export function lowerJuliaCat(g: OnnxGraph, call: OnnxCall): string {
  const xs = sequenceArg(call.args.xs);
  const d = g.int(call.args.dims);
  const rank = g.shape(call.output).length;
  const out = (call.output as { dtype?: DType }).dtype ?? 'float32';
  const parts = xs.map((x) => {
    const shape = g.shape(x);
    const full = [...shape, ...Array.from({ length: rank - shape.length }, () => 1)];
    return cast(g, g.op('Reshape', [g.input(x), g.ints(reversed(full))]), g.dtype(x), out);
  });
  return juliaDims(g, g.op('Concat', parts, { axis: rank - d }), call.output);
}

/** x[i, j, ...] with as many indices as dimensions: one Gather per indexed axis, last Julia axis first. */
export function lowerJuliaGetindex(g: OnnxGraph, call: OnnxCall): string {
  const x = call.args.x;
  const ix = sequenceArg(call.args.indices);
  const shape = g.shape(x);
  if (ix.length !== shape.length) return g.noKernel('indexing with fewer indices than dimensions has no kernel yet');
  let y = rowMajor(g, x);
  // Gather on a higher ONNX axis first so the lower ones keep their positions.
  for (let i = 0; i < ix.length; i++) {
    const v = ix[i];
    const axis = shape.length - 1 - i;
    if (isObject(v, ColonMarker)) continue;
    if (v.kind === 'int') y = g.op('Gather', [y, g.constant(BigInt64Array.from([BigInt(g.int(v) - 1)]), [], 'int64')], { axis });
    else if (v.kind === 'list' || v.kind === 'tuple') y = g.op('Gather', [y, g.ints(v.items.map((k) => g.int(k) - 1))], { axis });
    else if (v.kind === 'slice') {
      const start = g.int(v.start);
      const stop = g.int(v.stop);
      const step = isNone(v.step) ? 1 : g.int(v.step);
      const picks: number[] = [];
      for (let k = start; step > 0 ? k <= stop : k >= stop; k += step) picks.push(k - 1);
      y = g.op('Gather', [y, g.ints(picks)], { axis });
    } else return g.noKernel('no kernel for this index yet');
  }
  return juliaDims(g, y, call.output);
}

/** sum/mean/maximum/minimum/prod(x; dims): the reduced Julia dimensions are ONNX's rank - d. */
export function lowerJuliaReduce(g: OnnxGraph, call: OnnxCall): string {
  const x = call.args.x;
  const rank = g.shape(x).length;
  const dims = call.args.dims.kind === 'int' ? [g.int(call.args.dims)] : sequenceArg(call.args.dims).map((v) => g.int(v));
  const kind = isNone(call.args.kind) ? 'sum' : strArg(call.args.kind);
  const op = { sum: 'ReduceSum', mean: 'ReduceMean', maximum: 'ReduceMax', minimum: 'ReduceMin', prod: 'ReduceProd' }[kind];
  if (!op) return g.noKernel(kind);
  const out = (call.output as { dtype?: DType }).dtype ?? 'float32';
  const xr = cast(g, rowMajor(g, x), g.dtype(x), out);
  const axes = dims.map((d) => rank - d);
  const y = op === 'ReduceSum' ? g.op(op, [xr, g.ints(axes)], { keepdims: 1 }) : g.op(op, [xr], { axes, keepdims: 1 });
  return juliaDims(g, y, call.output);
}
