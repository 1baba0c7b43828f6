// Every TF.js oracle case (test/oracle/goldens/keras/*.json, made by @tensorflow/tfjs-layers with
// test/oracle/keras/generate_keras_goldens.cjs) through the Keras catalogue in the 'tfjs' dialect:
// output shapes, weights (name, shape, trainable), countParams() and error messages, exactly.
// KERAS_FAMILY=conv (comma-separated) limits the run to some families.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Dim } from '../../engine/shape/dim';
import type { Value } from '../../engine/value';
import { constructModule, type ModuleInstance } from '../../engine/ops/apply';
import { callLayer, isBuilt, kerasParamCount, TFJS_LAYERS, tfjsConfigToKwargs } from '../../engine/ops/keras';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Shape = (number | null)[];
type Call = Shape | { list: Shape[] } | { concrete: Shape } | { concreteList: Shape[] };
type Result = { output: Shape | { list: Shape[] } } | { error: string };

interface Case {
  id: string;
  layer: string;
  config: Record<string, Json>;
  inputs: Call[];
  name?: string;
  innerName?: string;
  constructError?: string;
  results?: Result[];
  weights?: [string, number[], boolean][];
  countParams?: number;
}

/**
 * Cases the catalogue answers differently by design, each with the reason. Nothing else may be
 * left unanswered: a case without an answer fails.
 */
const EXCLUDED: Readonly<Record<string, string>> = {
  'conv/234': "TF.js' \"required key 'kernelSize' not in config\": a missing required argument fails binding (Python's TypeError), which the frontends report, not the layer",
};

const dir = path.join(__dirname, '../oracle/goldens/keras');
const only = process.env.KERAS_FAMILY?.split(',').filter(Boolean);
const skip = new Set(['layouts', 'names', 'summaries', 'keras_source']);
const families = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5))
  .filter((f) => !skip.has(f) && (!only || only.includes(f))).sort();

function value(j: Json, innerName?: string): Value {
  if (j === null) return { kind: 'none' };
  if (typeof j === 'boolean') return { kind: 'bool', value: j };
  if (typeof j === 'number') return Number.isInteger(j) ? { kind: 'int', dim: Dim.of(j) } : { kind: 'float', value: j };
  if (typeof j === 'string') return { kind: 'str', value: j };
  if (Array.isArray(j)) return { kind: 'list', items: j.map((x) => value(x)) };
  if (typeof j.type === 'string' && j.config && typeof j.config === 'object' && !Array.isArray(j.config)) {
    const inner = build(j.type, j.config as Record<string, Json>, innerName);
    if (!inner.ok || !inner.module) throw new Error(`inner layer ${j.type} did not build`);
    return { kind: 'object', ref: inner.module };
  }
  throw new Error(`cannot decode ${JSON.stringify(j)}`);
}

function build(factory: string, config: Record<string, Json>, name?: string, innerName?: string) {
  const op = TFJS_LAYERS.get(factory);
  if (!op) throw new Error(`no declaration for tf.layers.${factory}`);
  const values: Record<string, Value> = {};
  for (const [k, v] of Object.entries(config)) values[k] = value(v, innerName);
  if (name !== undefined && !('name' in config)) values.name = { kind: 'str', value: name };
  return constructModule(op, [], tfjsConfigToKwargs(factory, values), 'tfjs');
}

const tensorOf = (shape: Shape): Value => ({ kind: 'tensor', shape: shape.map((d) => (d === null ? Dim.none() : Dim.of(d))), dtype: 'float32' });

function input(call: Call): Value {
  if (Array.isArray(call)) return tensorOf(call);
  if ('list' in call) return { kind: 'list', items: call.list.map(tensorOf) };
  if ('concrete' in call) return tensorOf(call.concrete);
  return { kind: 'list', items: call.concreteList.map(tensorOf) };
}

function encode(v: Value): Json {
  if (v.kind === 'tensor') return v.shape ? v.shape.map((d) => d.toJSON()) : 'unknown rank';
  if (v.kind === 'list' || v.kind === 'tuple') return { list: v.items.map(encode) };
  return `(${v.kind})`;
}

/** The difference between the catalogue and TF.js on one case, or undefined. */
function check(c: Case): string | undefined {
  const built = build(c.layer, c.config, c.name, c.innerName);
  if (c.constructError !== undefined) {
    if (built.ok) return built.module ? `built; TF.js: ${c.constructError}` : `no answer (arguments not understood); TF.js: ${c.constructError}`;
    return built.error.message === c.constructError ? undefined : `construct error\n      ours:  ${built.error.message}\n      TF.js: ${c.constructError}`;
  }
  if (!built.ok) return `unexpected construct error: ${built.error.message}`;
  if (!built.module) return 'no answer (arguments not understood)';
  let module: ModuleInstance = built.module;
  const calls: { args: Value[] }[] = c.layer === 'inputLayer' ? [{ args: [] }] : c.inputs.map((x) => ({ args: [input(x)] }));
  for (const [i, expected] of (c.results ?? []).entries()) {
    const r = callLayer(module, calls[i].args, {}, { dialect: 'tfjs' });
    module = r.module;
    if ('error' in expected) {
      if (r.result.ok) return `call ${i}: got ${JSON.stringify(encode(r.result.value))}; TF.js: ${expected.error}`;
      if (r.result.error.message !== expected.error) return `call ${i}: error\n      ours:  ${r.result.error.message}\n      TF.js: ${expected.error}`;
      continue;
    }
    if (!r.result.ok) return `call ${i}: unexpected error ${r.result.error.message}; TF.js: ${JSON.stringify(expected.output)}`;
    const got = encode(r.result.value);
    if (JSON.stringify(got) !== JSON.stringify(expected.output)) return `call ${i}: output ${JSON.stringify(got)}; TF.js: ${JSON.stringify(expected.output)}`;
    if (r.result.assumptions.length) return `call ${i}: open assumptions ${r.result.assumptions.map((a) => a.message).join('; ')}`;
  }
  if (c.weights === undefined) return isBuilt(module) && module.params.length + module.buffers.length > 0 ? 'built with weights; TF.js did not build' : undefined;
  const weights = [...module.params.map((p) => [p.name, p.shape.map((d) => d.toJSON()), true]), ...module.buffers.map((b) => [b.name, b.shape.map((d) => d.toJSON()), false])];
  if (JSON.stringify(weights) !== JSON.stringify(c.weights)) return `weights ${JSON.stringify(weights)}; TF.js: ${JSON.stringify(c.weights)}`;
  const count = kerasParamCount(module);
  if (count !== c.countParams) return `countParams ${count}; TF.js: ${c.countParams}`;
  return undefined;
}

let total = 0;
for (const family of families) {
  const cases = JSON.parse(fs.readFileSync(path.join(dir, `${family}.json`), 'utf8')) as Case[];
  total += cases.length;
  const byLayer = new Map<string, Case[]>();
  for (const c of cases) byLayer.set(c.layer, [...(byLayer.get(c.layer) ?? []), c]);
  describe(`tfjs oracle: ${family} (${cases.length} cases)`, () => {
    for (const [layer, layerCases] of byLayer) {
      test(`tf.layers.${layer} (${layerCases.length})`, () => {
        const failures: string[] = [];
        for (const c of layerCases) {
          if (EXCLUDED[c.id]) continue;
          let diff: string | undefined;
          try {
            diff = check(c);
          } catch (e) {
            diff = `threw: ${(e as Error).stack}`;
          }
          if (diff) failures.push(`${c.id} ${JSON.stringify(c.config)} ${JSON.stringify(c.inputs)}\n      ${diff}`);
        }
        assert.equal(failures.length, 0, `${failures.length}/${layerCases.length} cases differ from TF.js:\n${failures.slice(0, 12).join('\n')}`);
      });
    }
  });
}

test('the oracle has at least 800 cases and every exclusion names a real case', () => {
  if (only) return;
  assert.ok(total >= 800, `${total} cases`);
  const ids = new Set(families.flatMap((f) => (JSON.parse(fs.readFileSync(path.join(dir, `${f}.json`), 'utf8')) as Case[]).map((c) => c.id)));
  for (const id of Object.keys(EXCLUDED)) assert.ok(ids.has(id), `excluded ${id} is not a case`);
});
