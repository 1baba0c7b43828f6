// Replays every einops golden (test/oracle/goldens/einops/cases.json, made by PyTorch running
// each case's einops program, cross-checked with einops's own code) on the einops declarations:
// output shapes and dtypes, layer parameters, exception type and text. Then again with the
// input sizes made symbolic: the symbolic answer must evaluate to PyTorch's, every assumption it
// records must hold for the real sizes, and a PyTorch error must be the same error or a broken
// assumption.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Dim } from '../../engine/shape/dim';
import type { Value } from '../../engine/value';
import { applyFunction, callModule, constructModule, parameterCount, type OpResult } from '../../engine/ops/apply';
import { lookupOp } from '../../engine/ops/registry';
import { isTorchSize, markTorchSize } from '../../engine/ops/einops/pyRepr';
import { decodeValue, encodeValue, matches, type GoldenCase, type Json } from '../oracle/goldenCodec';

interface EinopsCase extends GoldenCase {
  kwargOrder: string[];
}

const file = path.join(__dirname, '..', 'oracle', 'goldens', 'einops', 'cases.json');
const cases = JSON.parse(fs.readFileSync(file, 'utf8')) as EinopsCase[];

/** Golden JSON to a value; `{size: [...]}` is a torch.Size. Tensors go through `tensorOf`. */
function decode(j: Json, tensorOf: (t: Value) => Value = (t) => t): Value {
  if (Array.isArray(j)) return { kind: 'list', items: j.map((x) => decode(x, tensorOf)) };
  if (j !== null && typeof j === 'object') {
    if ('size' in j) return markTorchSize({ kind: 'tuple', items: (j.size as number[]).map((d) => ({ kind: 'int', dim: Dim.of(d) })) });
    if ('tuple' in j) return { kind: 'tuple', items: (j.tuple as Json[]).map((x) => decode(x, tensorOf)) };
    if ('tensor' in j) return tensorOf(decodeValue(j));
  }
  return decodeValue(j);
}

function kwargsOf(c: EinopsCase, tensorOf?: (t: Value) => Value): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const k of c.kwargOrder) out[k] = decode(c.kwargs[k], tensorOf);
  return out;
}

/** A result in the goldens' JSON form (dicts and torch.Size included), dims evaluated in `env`. */
function encode(v: Value, env?: Record<string, number>): Json {
  const dim = (d: Dim): Json => (env ? d.evaluate(env) ?? d.toString() : d.toJSON());
  switch (v.kind) {
    case 'int': return dim(v.dim);
    case 'tensor': return v.shape === undefined ? { tensor: null } : { dtype: v.dtype ?? null, tensor: v.shape.map(dim) };
    case 'list': return v.items.map((x) => encode(x, env));
    case 'tuple': return isTorchSize(v) ? { size: v.items.map((x) => encode(x, env)) } : { tuple: v.items.map((x) => encode(x, env)) };
    case 'dict': return { dict: Object.fromEntries(v.entries.map(([k, x]) => [(k as { value: string }).value, encode(x, env)])) };
    default: return encodeValue(v);
  }
}

/** Run a case; `tensorOf` may replace the input tensors (symbolic sizes). */
function run(c: EinopsCase, tensorOf?: (t: Value) => Value): { built?: OpResult | { ok: false; error: { exception: string; message: string } }; result?: OpResult; module?: ReturnType<typeof constructModule> } {
  const op = lookupOp(c.op);
  assert.ok(op, `no declaration for ${c.op}`);
  if (op.kind === 'module') {
    const module = constructModule(op, c.args.map((a) => decode(a)), kwargsOf(c));
    if (!module.ok || !module.module) return { module };
    return { module, result: callModule(module.module, (c.inputs ?? []).map((a) => decode(a, tensorOf)), {}) };
  }
  return { result: applyFunction(op, c.args.map((a) => decode(a, tensorOf)), kwargsOf(c, tensorOf)) };
}

const errorText = (e: { exception: string; message: string }): string => `${e.exception}: ${e.message}`;

function checkConcrete(c: EinopsCase): string | undefined {
  const { module, result } = run(c);
  if (c.initError) {
    if (!module || module.ok) return `expected constructor error ${c.initError.type}: ${c.initError.message}`;
    return errorText(module.error) === `${c.initError.type}: ${c.initError.message}` ? undefined : `constructor error ${errorText(module.error)}\n      expected ${c.initError.type}: ${c.initError.message}`;
  }
  if (module) {
    if (!module.ok) return `unexpected constructor error ${errorText(module.error)}`;
    if (!module.module) return 'constructor arguments not understood';
    const params = module.module.params.map((p) => [p.name, p.shape.map((d) => d.toJSON())] as Json);
    if (!matches(c.params as Json, params, false)) return `params ${JSON.stringify(params)} != ${JSON.stringify(c.params)}`;
    if (parameterCount(module.module) !== c.paramCount) return `param count ${parameterCount(module.module)} != ${c.paramCount}`;
  }
  const r = result!;
  if (c.error) {
    if (r.ok) return `expected ${c.error.type}: ${c.error.message}\n      got ${JSON.stringify(encode(r.value))}`;
    return errorText(r.error) === `${c.error.type}: ${c.error.message}` ? undefined : `error ${errorText(r.error)}\n      expected ${c.error.type}: ${c.error.message}`;
  }
  if (!r.ok) return `unexpected ${errorText(r.error)}\n      expected ${JSON.stringify(c.result)}`;
  if (!matches(c.result as Json, encode(r.value), false)) return `result ${JSON.stringify(encode(r.value))} != ${JSON.stringify(c.result)}`;
  if (r.assumptions.length > 0) return `open assumptions on concrete input: ${r.assumptions.map((a) => a.message).join('; ')}`;
  return undefined;
}

type SymbolicOutcome = 'exact' | 'error' | 'broken-assumption' | 'no-hint';

/** The case with every input size above 1 replaced by a symbol; undefined when that is not relevant. */
function checkSymbolic(c: EinopsCase): { outcome?: SymbolicOutcome; problem?: string } {
  if (c.initError) return {};
  const env: Record<string, number> = {};
  let n = 0;
  const symbolic = (t: Value): Value => {
    if (t.kind !== 'tensor' || !t.shape) return t;
    return {
      ...t,
      shape: t.shape.map((d) => {
        if ((d.value ?? 0) <= 1) return d;
        const name = `sym${n++}`;
        env[name] = d.value!;
        return Dim.sym(name);
      }),
    };
  };
  const { result } = run(c, symbolic);
  if (n === 0 || !result) return {};
  const held = (r: Extract<OpResult, { ok: true }>): boolean => r.assumptions.every((a) => a.lhs.evaluate(env) === a.rhs.evaluate(env));
  const substituted = (text: string): string => text.replace(/\bsym(\d+)\b/g, (_, i: string) => String(env[`sym${i}`]));
  if (c.error) {
    if (!result.ok) {
      return substituted(errorText(result.error)) === `${c.error.type}: ${c.error.message}`
        ? { outcome: 'error' } : { problem: `symbolic error ${errorText(result.error)}\n      expected ${c.error.type}: ${c.error.message}` };
    }
    if (result.value.kind === 'unknown') return { outcome: 'no-hint' };
    return held(result) ? { problem: `symbolic run succeeds with assumptions that hold: ${JSON.stringify(encode(result.value))}` } : { outcome: 'broken-assumption' };
  }
  if (!result.ok) return { problem: `symbolic error ${errorText(result.error)}` };
  if (result.value.kind === 'unknown') return { outcome: 'no-hint' };
  if (!matches(c.result as Json, encode(result.value, env), false)) {
    return { problem: `symbolic result ${JSON.stringify(encode(result.value))} evaluates to ${JSON.stringify(encode(result.value, env))}, expected ${JSON.stringify(c.result)}` };
  }
  if (!held(result)) return { problem: `an assumption fails for the real sizes: ${result.assumptions.map((a) => a.message).join('; ')}` };
  return { outcome: 'exact' };
}

const byOp = new Map<string, EinopsCase[]>();
for (const c of cases) byOp.set(c.op, [...(byOp.get(c.op) ?? []), c]);

describe(`einops oracle (${cases.length} cases)`, () => {
  for (const [op, opCases] of byOp) {
    test(`${op} (${opCases.length})`, () => {
      const failures: string[] = [];
      for (const c of opCases) {
        let diff: string | undefined;
        try {
          diff = checkConcrete(c);
        } catch (e) {
          diff = `engine threw: ${(e as Error).stack}`;
        }
        if (diff) failures.push(`${c.id} ${JSON.stringify({ args: c.args, kwargs: c.kwargs, inputs: c.inputs })}\n      ${diff}`);
      }
      assert.equal(failures.length, 0, `${failures.length}/${opCases.length} cases differ from PyTorch:\n${failures.slice(0, 15).join('\n')}`);
    });
  }

  test('the same cases with symbolic input sizes', () => {
    const failures: string[] = [];
    const counts = new Map<SymbolicOutcome, number>();
    const noHint: string[] = [];
    for (const c of cases) {
      let r: ReturnType<typeof checkSymbolic>;
      try {
        r = checkSymbolic(c);
      } catch (e) {
        r = { problem: `engine threw: ${(e as Error).stack}` };
      }
      if (r.problem) failures.push(`${c.id} ${JSON.stringify({ args: c.args, kwargs: c.kwargs, inputs: c.inputs })}\n      ${r.problem}`);
      if (r.outcome) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
      if (r.outcome === 'no-hint') noHint.push(c.id);
    }
    console.log(`# symbolic replay: ${[...counts].map(([k, v]) => `${v} ${k}`).join(', ')}${noHint.length ? `\n# no hint: ${noHint.join(', ')}` : ''}`);
    assert.equal(failures.length, 0, `${failures.length} symbolic cases disagree with PyTorch:\n${failures.slice(0, 15).join('\n')}`);
    // Symbols must not cost answers: every successful case is still answered exactly.
    assert.deepEqual(noHint.filter((id) => cases.find((c) => c.id === id)!.result !== undefined), []);
  });
});
