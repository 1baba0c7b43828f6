// Numeric goldens (test/oracle/conformance/goldens): tensors carry base64 little-endian data.
// Decoding keeps each tensor's abstract value and its numbers together, by identity.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TensorArray } from '../../engine/exec/lower';
import type { DType } from '../../engine/ops/dtype';
import { Dim } from '../../engine/shape/dim';
import type { TensorValue, Value } from '../../engine/value';
import { decodeValue, type Json } from '../oracle/goldenCodec';

export const GOLDEN_DIR = join(__dirname, '..', 'oracle', 'conformance', 'goldens');

/** A golden tensor of a dtype previews do not run (float16, complex). */
export class UnsupportedDtype extends Error {
  constructor(readonly dtype: string) {
    super(`no ${dtype} tensors in previews`);
  }
}

export interface TensorJson {
  tensor: number[];
  dtype: DType;
  data: string;
}

export function readGolden<T>(file: string): T {
  return JSON.parse(readFileSync(join(GOLDEN_DIR, file), 'utf8')) as T;
}

export function tensorData(j: TensorJson): TensorArray {
  const buf = Buffer.from(j.data, 'base64');
  const bytes = new Uint8Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const n = j.tensor.reduce((a, b) => a * b, 1);
  let data: TensorArray['data'];
  switch (j.dtype) {
    case 'float32': data = new Float32Array(bytes.buffer, 0, n); break;
    case 'float64': data = new Float64Array(bytes.buffer, 0, n); break;
    case 'int64': data = new BigInt64Array(bytes.buffer, 0, n); break;
    case 'int32': data = new Int32Array(bytes.buffer, 0, n); break;
    case 'bool': case 'uint8': data = new Uint8Array(bytes.buffer, 0, n); break;
    default: throw new UnsupportedDtype(j.dtype);
  }
  return { shape: j.tensor, dtype: j.dtype, data };
}

function isTensorJson(j: Json): j is Json & TensorJson {
  return typeof j === 'object' && j !== null && !Array.isArray(j) && 'tensor' in j && 'data' in j;
}

/** A float16 result as float32 values (the runner hands float16 outputs out that way). */
function halfTensorData(j: TensorJson): TensorArray {
  const buf = Buffer.from(j.data, 'base64');
  const out = new Float32Array(buf.length / 2);
  for (let i = 0; i < out.length; i++) {
    const h = buf.readUInt16LE(2 * i);
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >> 10) & 0x1f;
    const frac = h & 0x3ff;
    out[i] = exp === 0 ? sign * frac * 2 ** -24 : exp === 31 ? (frac ? NaN : sign * Infinity) : sign * (1 + frac / 1024) * 2 ** (exp - 15);
  }
  return { shape: j.tensor, dtype: 'float16', data: out };
}

/** Decode a value; tensors with data are recorded in `data`. */
export function decodeWithData(j: Json, data: Map<TensorValue, TensorArray>): Value {
  if (isTensorJson(j)) {
    const t: TensorValue = { kind: 'tensor', shape: j.tensor.map((d) => Dim.of(d)), dtype: j.dtype };
    data.set(t, tensorData(j));
    return t;
  }
  if (Array.isArray(j)) return { kind: 'list', items: j.map((x) => decodeWithData(x, data)) };
  if (typeof j === 'object' && j !== null && 'tuple' in j) return { kind: 'tuple', items: (j.tuple as Json[]).map((x) => decodeWithData(x, data)) };
  if (typeof j === 'object' && j !== null && 'dict' in j) {
    const d = j.dict as Record<string, Json>;
    return { kind: 'dict', entries: Object.entries(d).map(([k, v]) => [{ kind: 'str', value: k }, decodeWithData(v, data)] as const) };
  }
  return decodeValue(j);
}

/** Golden result tensors, in order (tuples and lists flattened). */
export function resultTensors(j: Json): TensorArray[] {
  if (isTensorJson(j)) return [j.dtype === 'float16' ? halfTensorData(j) : tensorData(j)];
  if (Array.isArray(j)) return j.flatMap(resultTensors);
  if (typeof j === 'object' && j !== null && 'tuple' in j) return (j.tuple as Json[]).flatMap(resultTensors);
  return [];
}

/** max |a - b| / max(1, max |b|): the relative error the conformance bound is stated in. */
export function relativeError(actual: ArrayLike<number | bigint>, expected: ArrayLike<number | bigint>): number {
  let maxDiff = 0;
  let maxRef = 1;
  for (let i = 0; i < expected.length; i++) {
    const a = Number(actual[i]);
    const b = Number(expected[i]);
    if (Number.isFinite(b)) maxRef = Math.max(maxRef, Math.abs(b));
    if (Number.isNaN(a) && Number.isNaN(b)) continue;
    if (a === b) continue;
    maxDiff = Math.max(maxDiff, Math.abs(a - b));
    if (!Number.isFinite(maxDiff)) return Infinity;
  }
  return maxDiff / maxRef;
}
