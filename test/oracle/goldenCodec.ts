// The JSON form of oracle cases and results (written by generate_op_goldens.py), decoded into
// engine values and encoded back, so that goldens and engine results compare as plain data.
import { Dim } from '../../engine/shape/dim';
import type { Value } from '../../engine/value';
import type { DType } from '../../engine/ops/dtype';
import { constructModule } from '../../engine/ops/apply';
import { lookupOp } from '../../engine/ops/registry';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface GoldenCase {
  id: string;
  kind: 'module' | 'function';
  op: string;
  args: Json[];
  kwargs: Record<string, Json>;
  inputs?: Json[];
  callKwargs?: Record<string, Json>;
  initError?: { type: string; message: string };
  params?: [string, number[]][];
  paramCount?: number;
  buffers?: [string, number[], string][];
  result?: Json;
  error?: { type: string; message: string };
  dataDependent?: boolean;
  train?: boolean;
  note?: string;
}

export function decodeValue(j: Json): Value {
  if (j === null) return { kind: 'none' };
  if (typeof j === 'boolean') return { kind: 'bool', value: j };
  if (typeof j === 'number') return { kind: 'int', dim: Dim.of(j) };
  if (typeof j === 'string') return { kind: 'str', value: j };
  if (Array.isArray(j)) return { kind: 'list', items: j.map(decodeValue) };
  if ('tensor' in j) return { kind: 'tensor', shape: (j.tensor as number[]).map(Dim.of), dtype: j.dtype as DType };
  if ('tuple' in j) return { kind: 'tuple', items: (j.tuple as Json[]).map(decodeValue) };
  if ('float' in j) return { kind: 'float', value: j.float as number };
  if ('dtype' in j) return { kind: 'dtype', dtype: j.dtype as DType };
  if ('ellipsis' in j) return { kind: 'ellipsis' };
  if ('slice' in j) {
    const [start, stop, step] = (j.slice as Json[]).map(decodeValue);
    return { kind: 'slice', start, stop, step };
  }
  if ('dict' in j) {
    const d = j.dict as Record<string, Json>;
    return { kind: 'dict', entries: Object.entries(d).map(([k, v]) => [{ kind: 'str', value: k }, decodeValue(v)] as const) };
  }
  if ('module' in j) {
    const op = lookupOp(j.module as string);
    if (!op || op.kind !== 'module') return { kind: 'unknown' };
    const built = constructModule(op, (j.args as Json[]).map(decodeValue), decodeKwargs(j.kwargs as Record<string, Json>));
    return built.ok && built.module ? { kind: 'object', ref: built.module } : { kind: 'unknown' };
  }
  throw new Error(`cannot decode ${JSON.stringify(j)}`);
}

export function decodeKwargs(kw: Record<string, Json> | undefined): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(kw ?? {})) out[k] = decodeValue(v);
  return out;
}

/** An engine value in the goldens' JSON form; symbolic dims become strings, unknowns say so. */
export function encodeValue(v: Value): Json {
  switch (v.kind) {
    case 'none': return null;
    case 'bool': return v.value;
    case 'int': return v.dim.toJSON();
    case 'float': return { float: v.value };
    case 'str': return v.value;
    case 'list': return v.items.map(encodeValue);
    case 'tuple': return { tuple: v.items.map(encodeValue) };
    case 'tensor':
      return v.shape === undefined ? { tensor: null, dtype: v.dtype ?? null } : { tensor: v.shape.map((d) => d.toJSON()), dtype: v.dtype ?? null };
    case 'dtype': return { dtype: v.dtype };
    default: return { unknown: v.kind };
  }
}

/**
 * Does the engine's result match the golden? Exact, except that in a data-dependent case an
 * engine dimension it could not know (`?`) matches any size.
 */
export function matches(expected: Json, actual: Json, dataDependent: boolean): boolean {
  if (dataDependent && typeof actual === 'string' && actual.includes('?') && typeof expected === 'number') return true;
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(e, actual[i], dataDependent));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const keys = Object.keys(expected);
    return keys.length === Object.keys(actual).length && keys.every((k) => matches(expected[k], (actual as Record<string, Json>)[k], dataDependent));
  }
  return expected === actual;
}
