// Julia's array functions on Flux arrays, with Julia's rules: 1-based dimensions, broadcasting
// that aligns the FIRST axes, `*` as a matrix product, `reshape` with a Colon, `cat` along any
// dimension (missing trailing dimensions count as 1), `getindex` with integers, ranges and `:`.
// Error texts are Julia's (JuliaLang/julia base/broadcast.jl `_bcs1`, base/reshapedarray.jl
// `reshape`/`_reshape_uncolon`; LinearAlgebra.jl src/matmul.jl `matmul_size_check_error`).
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { intArg, isNone, sequenceArg, strArg, tensorArg, type TensorArg } from '../args';
import type { DType } from '../dtype';
import { defineFunction, giveUp, requireEqual, type OpContext } from '../op';
import { lowerBroadcast, lowerJuliaCat, lowerJuliaGetindex, lowerJuliaMatmul, lowerJuliaReduce, lowerJuliaReshape, lowerJuliaTranspose, lowerPermutedims } from './lowerArrays';
import { ColonMarker, dimensionMismatch, fluxTensor, isObject, juliaTuple } from './julia';

/** Broadcast shapes the Julia way: axes line up from the first; sizes agree or one is 1. */
export function juliaBroadcastShape(ctx: OpContext, shapes: readonly Shape[]): Shape {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    let d: Dim = Dim.of(1);
    for (const s of shapes) {
      const e = s[i] ?? Dim.of(1);
      if (e.value === 1) continue;
      if (d.value === 1) {
        d = e;
        continue;
      }
      const a = d;
      requireEqual(ctx, a, e, () => ({
        code: 'broadcast-shapes',
        exception: 'DimensionMismatch',
        message: `DimensionMismatch: arrays could not be broadcast to a common size; got a dimension with lengths ${a} and ${e}`,
      }));
    }
    out.push(d);
  }
  return out;
}

/** `broadcast(f, args...)`: `f` is the function's name (for the forward pass), `eltype` the result's element type. */
export const broadcast = defineFunction({
  names: ['julia.broadcast'],
  signature: 'f, *args, eltype=None',
  onnx: lowerBroadcast,
  rule({ args, eltype }, ctx) {
    const arrays = sequenceArg(args).filter((a) => a.kind === 'tensor').map(tensorArg);
    if (arrays.length === 0) return giveUp('no array');
    const shape = juliaBroadcastShape(ctx, arrays.map((a) => a.shape));
    return fluxTensor(shape, isNone(eltype) ? undefined : (strArg(eltype) as DType));
  },
});

/** `A * B`: (m, n) * (n, p) -> (m, p), (m, n) * (n,) -> (m,), (m,) * (1, p) -> (m, p). */
export const matmul = defineFunction({
  names: ['julia.matmul'],
  signature: 'a, b',
  onnx: lowerJuliaMatmul,
  rule({ a, b }, ctx) {
    const A = tensorArg(a);
    const B = tensorArg(b);
    if (A.shape.length > 2 || B.shape.length > 2 || A.shape.length === 0 || B.shape.length === 0) return giveUp('matrix product of higher ranks');
    // A vector on the left is a one-column matrix (matmul.jl:64-67).
    const sizeA = A.shape.length === 1 ? [A.shape[0], Dim.of(1)] : A.shape;
    requireEqual(ctx, sizeA[1], B.shape[0], () => ({ code: 'matmul-shapes', exception: 'DimensionMismatch', message: matmulMessage(A.shape.length === 1 ? sizeA : A.shape, B.shape) }));
    const dtype = A.dtype === B.dtype ? A.dtype : A.dtype && B.dtype && (A.dtype === 'float64' || B.dtype === 'float64') ? 'float64' : A.dtype === 'float32' || B.dtype === 'float32' ? 'float32' : undefined;
    return fluxTensor(B.shape.length === 1 ? [sizeA[0]] : [sizeA[0], B.shape[1]], dtype);
  },
});

/** LinearAlgebra.jl src/matmul.jl:435-451, `matmul_size_check_error(sizeA, sizeB)`. */
function matmulMessage(sizeA: Shape, sizeB: Shape): string {
  const kind = (s: Shape): string => (s.length === 1 ? 'vector' : 'matrix');
  const same = sizeA.length === sizeB.length;
  const bLen = sizeB.length === 1;
  const bDesc = bLen ? `length ${sizeB[0]}` : `size ${juliaTuple(sizeB)}`;
  const posA = `${same ? 'first ' : ''}${kind(sizeA)}`;
  const posB = `${same ? 'second ' : ''}${kind(sizeB)}`;
  return 'DimensionMismatch: incompatible dimensions for matrix multiplication: '
    + `tried to multiply a ${kind(sizeA)} of size ${juliaTuple(sizeA)} with a ${kind(sizeB)} of ${bDesc}. `
    + `The second dimension of the ${posA}: ${sizeA[1] ?? 1}, does not match the ${bLen ? 'length' : 'first dimension'} of the ${posB}: ${sizeB[0]}.`;
}

const product = (dims: readonly Dim[]): Dim => dims.reduce((a, d) => a.mul(d), Dim.of(1));

/** `reshape(x, dims...)`, with at most one Colon standing for what is left. */
export const reshape = defineFunction({
  names: ['julia.reshape'],
  signature: 'x, dims',
  onnx: lowerJuliaReshape,
  rule({ x, dims }, ctx) {
    const t = tensorArg(x);
    const items = sequenceArg(dims);
    const n = product(t.shape);
    const colons = items.filter((v) => isObject(v, ColonMarker)).length;
    const written = items.map((v) => (isObject(v, ColonMarker) ? 'Colon()' : String(intArg(v))));
    if (colons > 1) dimensionMismatch('reshape-size', `new dimensions (${written.join(', ')}) may have at most one omitted dimension specified by \`Colon()\``);
    const known = items.filter((v) => !isObject(v, ColonMarker)).map(intArg);
    if (colons === 1) {
      const rest = product(known);
      const q = n.floordiv(rest);
      const r = n.mod(rest);
      if (q === undefined || r === undefined) return giveUp('division by zero');
      if (r.value !== undefined && r.value !== 0) dimensionMismatch('reshape-size', `array size ${n} must be divisible by the product of the new dimensions (${written.join(', ')}${written.length === 1 ? ',' : ''})`);
      if (r.value === undefined && !r.isKnown) ctx.assumptions.push({ code: 'reshape-size', lhs: r, rhs: Dim.of(0), message: `needs ${n} divisible by ${rest}` });
      return fluxTensor(items.map((v) => (isObject(v, ColonMarker) ? q : intArg(v))), t.dtype);
    }
    requireEqual(ctx, product(known), n, () => ({
      code: 'reshape-size',
      exception: 'DimensionMismatch',
      message: `DimensionMismatch: new dimensions ${juliaTuple(known)} must be consistent with array size ${n}`,
    }));
    return fluxTensor(known, t.dtype);
  },
});

/** `permutedims(x, perm)` with a 1-based permutation; a matrix without one is transposed. */
export const permutedims = defineFunction({
  names: ['julia.permutedims'],
  signature: 'x, perm=None',
  onnx: lowerPermutedims,
  rule({ x, perm }) {
    const t = tensorArg(x);
    if (isNone(perm)) {
      if (t.shape.length === 1) return fluxTensor([Dim.of(1), t.shape[0]], t.dtype);
      if (t.shape.length === 2) return fluxTensor([t.shape[1], t.shape[0]], t.dtype);
      return giveUp('permutedims without a permutation');
    }
    const p = sequenceArg(perm).map((v) => intArg(v).value ?? giveUp('symbolic permutation'));
    const sorted = [...p].sort((a, b) => a - b);
    if (p.length !== t.shape.length || sorted.some((v, i) => v !== i + 1)) return giveUp('not a permutation');
    return fluxTensor(p.map((i) => t.shape[i - 1]), t.dtype);
  },
});

/** `adjoint(x)` / `transpose(x)`: a matrix is transposed, a vector becomes a 1-row matrix. */
export const transpose = defineFunction({
  names: ['julia.transpose'],
  signature: 'x',
  onnx: lowerJuliaTranspose,
  rule({ x }) {
    const t = tensorArg(x);
    if (t.shape.length === 1) return fluxTensor([Dim.of(1), t.shape[0]], t.dtype);
    if (t.shape.length === 2) return fluxTensor([t.shape[1], t.shape[0]], t.dtype);
    return giveUp('transpose of a higher rank');
  },
});

/** `cat(xs...; dims)`, `vcat` (dims=1), `hcat` (dims=2): other dimensions must agree. */
export const cat = defineFunction({
  names: ['julia.cat'],
  signature: '*xs, dims',
  onnx: lowerJuliaCat,
  rule({ xs, dims }, ctx) {
    const arrays = sequenceArg(xs).map(tensorArg);
    if (arrays.length === 0) return giveUp('nothing to concatenate');
    const d = intArg(dims).value ?? giveUp('symbolic dims');
    if (d < 1) return giveUp('dims < 1');
    const rank = Math.max(d, ...arrays.map((a) => a.shape.length));
    const padded = arrays.map((a) => Array.from({ length: rank }, (_, i) => a.shape[i] ?? Dim.of(1)));
    const out = padded[0].map((dim, i) => {
      if (i === d - 1) return padded.reduce((acc, s) => acc.add(s[i]), Dim.of(0));
      for (const s of padded.slice(1)) {
        // Base's cat_size mismatch text differs across Julia versions: no message is quoted.
        if (s[i].equals(dim) === 'no') return giveUp('cat size mismatch');
        requireEqual(ctx, s[i], dim, () => ({ code: 'cat-sizes', exception: 'DimensionMismatch', message: `needs ${s[i]} = ${dim}` }));
      }
      return dim;
    });
    return fluxTensor(out, promoteAll(arrays));
  },
});

function promoteAll(arrays: readonly TensorArg[]): DType | undefined {
  const dt = arrays.map((a) => a.dtype);
  return dt.every((d) => d === dt[0]) ? dt[0] : undefined;
}

/**
 * `x[i, j, ...]`: an integer drops its dimension, `:` keeps it, a range or a vector of integers
 * selects that many. With fewer indices than dimensions the last index spans the rest.
 */
export const getindex = defineFunction({
  names: ['julia.getindex'],
  signature: 'x, *indices',
  onnx: lowerJuliaGetindex,
  rule({ x, indices }) {
    const t = tensorArg(x);
    const ix = sequenceArg(indices);
    if (ix.length === 0) return giveUp('x[]');
    const dims: Dim[] = ix.length >= t.shape.length
      ? [...t.shape, ...Array.from({ length: ix.length - t.shape.length }, () => Dim.of(1))]
      : [...t.shape.slice(0, ix.length - 1), product(t.shape.slice(ix.length - 1))];
    const out: Dim[] = [];
    ix.forEach((v, i) => {
      if (isObject(v, ColonMarker)) out.push(dims[i]);
      else if (v.kind === 'int') {
        // A scalar index: bounds are checked at run time; a known out-of-range index gives no hint.
        const k = v.dim.value;
        if (k !== undefined && dims[i].value !== undefined && (k < 1 || k > dims[i].value!)) giveUp('index out of bounds');
      } else if (v.kind === 'list' || v.kind === 'tuple') out.push(Dim.of(v.items.length));
      else if (v.kind === 'slice') out.push(rangeLength(v));
      else if (v.kind === 'tensor' && v.shape && v.shape.length === 1 && v.dtype !== 'bool') out.push(v.shape[0]);
      else giveUp('index kind');
    });
    if (out.length === 0) return giveUp('a single element');
    return fluxTensor(out, t.dtype);
  },
});

/** The length of a Julia range kept symbolic (`1:n` carried as a slice start..stop inclusive, step). */
function rangeLength(v: Extract<Value, { kind: 'slice' }>): Dim {
  const start = intArg(v.start);
  const stop = intArg(v.stop);
  const step = isNone(v.step) ? 1 : intArg(v.step).value ?? giveUp('symbolic step');
  if (step === 1) return Dim.max(stop.sub(start).add(1), 0);
  return stop.sub(start).floordiv(step)?.add(1) ?? giveUp('step');
}

/** `sum(x; dims)`, `mean`, `maximum`...: the reduced dimensions become 1. */
export const reduce = defineFunction({
  names: ['julia.reduce'],
  signature: 'x, *, dims=None, eltype=None, kind=None',
  onnx: lowerJuliaReduce,
  rule({ x, dims, eltype }) {
    const t = tensorArg(x);
    if (isNone(dims)) return giveUp('a scalar');
    const ds = dims.kind === 'int' ? [intArg(dims)] : sequenceArg(dims).map(intArg);
    const idx = ds.map((d) => d.value ?? giveUp('symbolic dims'));
    return fluxTensor(t.shape.map((d, i) => (idx.includes(i + 1) ? Dim.of(1) : d)), isNone(eltype) ? t.dtype : (strArg(eltype) as DType));
  },
});

/** `dropdims(x; dims)`: the named dimensions must have size 1. */
export const dropdims = defineFunction({
  names: ['julia.dropdims'],
  signature: 'x, *, dims',
  onnx: lowerJuliaReshape,
  rule({ x, dims }) {
    const t = tensorArg(x);
    const ds = (dims.kind === 'int' ? [intArg(dims)] : sequenceArg(dims).map(intArg)).map((d) => d.value ?? giveUp('symbolic dims'));
    if (ds.some((d) => d < 1 || d > t.shape.length || t.shape[d - 1].value !== 1)) return giveUp('dropdims of a dimension that is not 1');
    return fluxTensor(t.shape.filter((_, i) => !ds.includes(i + 1)), t.dtype);
  },
});

export const arrayOps = [broadcast, matmul, reshape, permutedims, transpose, cat, getindex, reduce, dropdims];
