// Runs one numeric op golden through the executor: decode, apply the declaration (recording a
// one-node trace), lower, run in onnxruntime, compare with PyTorch's values.
import { lowerRun, tensorsIn, type TensorArray } from '../../engine/exec/lower';
import { applyFunction, callModule, constructModule, type ModuleInstance } from '../../engine/ops/apply';
import { lookupOp } from '../../engine/ops/registry';
import type { TraceNode } from '../../engine/ops/trace';
import type { TensorValue, Value } from '../../engine/value';
import type { OnnxRunner, RunResult } from '../../server/exec/runner';
import { decodeKwargs, decodeValue, type Json } from '../oracle/goldenCodec';
import { UnsupportedDtype, decodeWithData, relativeError, resultTensors, type TensorJson, tensorData } from './goldenData';

export interface OpGolden {
  id: string;
  kind: 'module' | 'function';
  op: string;
  args: Json[];
  kwargs: Record<string, Json>;
  inputs?: Json[];
  callKwargs?: Record<string, Json>;
  state?: Record<string, TensorJson>;
  train?: boolean;
  random?: boolean;
  result: Json;
}

export type CaseOutcome =
  | { status: 'pass'; error: number }
  | { status: 'mismatch'; error: number; detail: string }
  | { status: 'no-kernel'; detail: string }
  | { status: 'no-shape'; detail: string }
  | { status: 'failed'; detail: string };

/**
 * 'whole': the model with its weights as initializers, in one session. 'tiers': as a preview runs
 * it, in parts: first with the parameters as graph inputs, then on the optimised session that
 * replaces it; both must match.
 */
export type RunMode = 'whole' | 'tiers';

export async function runOpGolden(runner: OnnxRunner, g: OpGolden, tolerance = 1e-4, mode: RunMode = 'whole'): Promise<CaseOutcome> {
  try {
    return await runOpGoldenUnchecked(runner, g, tolerance, mode);
  } catch (e) {
    if (e instanceof UnsupportedDtype) return { status: 'no-kernel', detail: e.message };
    throw e;
  }
}

async function runOpGoldenUnchecked(runner: OnnxRunner, g: OpGolden, tolerance: number, mode: RunMode): Promise<CaseOutcome> {
  const op = lookupOp(g.op);
  if (!op) return { status: 'no-shape', detail: 'not in the registry' };
  const data = new Map<TensorValue, TensorArray>();
  const dec = (j: Json): Value => decodeWithData(j, data);
  let node: TraceNode;
  let module: ModuleInstance | undefined;
  let inputs: Value[];
  if (g.kind === 'module') {
    if (op.kind !== 'module') return { status: 'failed', detail: 'not a module' };
    const built = constructModule(op, g.args.map(decodeValue), decodeKwargs(g.kwargs));
    if (!built.ok || !built.module) return { status: 'no-shape', detail: 'construct failed' };
    module = built.module;
    inputs = (g.inputs ?? []).map(dec);
    const kw: Record<string, Value> = {};
    for (const [k, v] of Object.entries(g.callKwargs ?? {})) kw[k] = dec(v);
    const r = callModule(module, inputs, kw, g.train ?? false);
    if (!r.ok || r.value.kind === 'unknown') return { status: 'no-shape', detail: r.ok ? 'unknown result' : r.error.message };
    node = { index: 0, op, name: g.op, module, training: g.train ?? false, args: r.args ?? {}, output: r.value, site: { start: 0, end: 0 } };
    inputs = [...inputs, ...Object.values(kw)];
  } else {
    if (op.kind !== 'function') return { status: 'failed', detail: 'not a function' };
    inputs = g.args.map(dec);
    const kw: Record<string, Value> = {};
    for (const [k, v] of Object.entries(g.kwargs)) kw[k] = dec(v);
    const r = applyFunction(op, inputs, kw);
    if (!r.ok || r.value.kind === 'unknown') return { status: 'no-shape', detail: r.ok ? 'unknown result' : r.error.message };
    node = { index: 0, op, name: g.op, training: false, args: r.args ?? {}, output: r.value, site: { start: 0, end: 0 } };
    inputs = [...inputs, ...Object.values(kw)];
  }
  if (tensorsIn(node.output).length === 0) {
    // size(), dim(), numel(): Python values, nothing runs; the lowering must emit nothing.
    if (resultTensors(g.result).length > 0) return { status: 'failed', detail: 'no tensor result' };
    return node.op.onnx ? { status: 'pass', error: 0 } : { status: 'no-kernel', detail: 'no lowering' };
  }
  const inputTensors = inputs.flatMap((v) => tensorsIn(v));
  const weights = new Map<string, TensorArray>();
  for (const [k, v] of Object.entries(g.state ?? {})) weights.set(k, tensorData(v));
  const run = {
    site: { start: 0, end: 0 }, inputs: inputTensors, output: node.output, nodes: [node],
    modulePaths: new Map(module ? [[module, '']] : []), tensorPaths: new Map(), producerOf: () => undefined,
  };
  // A tensor may be passed twice (x + x): one graph input per distinct tensor.
  const distinct = [...new Set(inputTensors)];
  const lowered = lowerRun({ ...run, inputs: distinct }, { symbolicDimSize: 2, weights, inputs: distinct.map((t) => data.get(t)), mode: 'as-traced' });
  if (!lowered.ok) return { status: 'no-kernel', detail: lowered.reason };
  const expected = resultTensors(g.result);
  const m = lowered.model;
  const key = `op:${mode}:${g.id}`;
  const runs: RunResult[] = [];
  try {
    if (mode === 'whole') {
      runs.push(await runner.run({ key, bytes: () => m.bytes, inputs: m.inputs }));
    } else {
      // The golden's arrays stay the test's: the worker gets copies.
      const parts = () => ({ layout: m.layout, params: m.makeParams().map((p) => ({ ...p, data: p.data.slice() })) });
      runs.push(await runner.run({ key, parts, inputs: m.inputs }));
      await runner.idle();
      const optimised = await runner.run({ key, inputs: m.inputs });
      if (optimised.tier !== 'optimised') return { status: 'failed', detail: 'no optimised session after the upgrade' };
      runs.push(optimised);
    }
  } catch (e) {
    return { status: 'failed', detail: `onnxruntime: ${(e as Error).message.split('\n')[0]}` };
  }
  let worst = 0;
  for (const result of runs) {
    if (result.outputs.length !== expected.length) return { status: 'failed', detail: `${result.outputs.length} outputs, expected ${expected.length}` };
    for (let i = 0; i < expected.length; i++) {
      const got = result.outputs[i];
      const want = expected[i];
      if (got.dims.join(',') !== want.shape.join(',')) return { status: 'failed', detail: `output ${i} (${result.tier}): shape [${got.dims}] vs PyTorch [${want.shape}]` };
      if (g.random) continue;
      worst = Math.max(worst, relativeError(got.data as ArrayLike<number>, want.data as ArrayLike<number>));
    }
  }
  if (worst > tolerance || Number.isNaN(worst)) return { status: 'mismatch', error: worst, detail: `max relative error ${worst.toExponential(2)}` };
  return { status: 'pass', error: worst };
}
