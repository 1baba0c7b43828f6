// Replays every oracle case (test/oracle/goldens/ops/*.json, made by real PyTorch) on the engine:
// output shapes and dtypes, parameter and buffer shapes, parameter counts, exception texts.
// ORACLE_FAMILY=conv (comma-separated) limits the run to some families.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyFunction, callModule, constructModule, parameterCount } from '../../engine/ops/apply';
import { lookupOp } from '../../engine/ops/registry';
import { decodeKwargs, decodeValue, encodeValue, matches, type GoldenCase, type Json } from './goldenCodec';

const dir = path.join(__dirname, 'goldens', 'ops');
const only = process.env.ORACLE_FAMILY?.split(',').filter(Boolean);
const families = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5))
  .filter((f) => !only || only.includes(f)).sort();

/** Check one case; returns a description of the difference, or undefined when it matches. */
function check(c: GoldenCase): string | undefined {
  const op = lookupOp(c.op);
  if (!op) return `no declaration for ${c.op}`;
  const args = c.args.map(decodeValue);
  const kwargs = decodeKwargs(c.kwargs);
  if (c.kind === 'module') {
    if (op.kind !== 'module') return `${c.op} is declared as a function`;
    const built = constructModule(op, args, kwargs);
    if (c.initError) {
      if (built.ok) return `expected constructor error ${c.initError.type}: ${c.initError.message}`;
      return compareError(c.initError, built.error);
    }
    if (!built.ok) return `unexpected constructor error ${built.error.exception}: ${built.error.message}`;
    if (!built.module) return 'constructor arguments not understood';
    const params = built.module.params.map((p) => [p.name, p.shape.map((d) => d.toJSON())] as Json);
    if (!matches(c.params as Json, params, false)) return `params ${JSON.stringify(params)} != ${JSON.stringify(c.params)}`;
    if (parameterCount(built.module) !== c.paramCount) return `param count ${parameterCount(built.module)} != ${c.paramCount}`;
    const buffers = built.module.buffers.map((b) => [b.name, b.shape.map((d) => d.toJSON()), b.dtype] as Json);
    if (!matches(c.buffers as Json, buffers, false)) return `buffers ${JSON.stringify(buffers)} != ${JSON.stringify(c.buffers)}`;
    return compareResult(c, callModule(built.module, (c.inputs ?? []).map(decodeValue), decodeKwargs(c.callKwargs), c.train ?? false));
  }
  if (op.kind !== 'function') return `${c.op} is declared as a module`;
  return compareResult(c, applyFunction(op, args, kwargs));
}

function compareResult(c: GoldenCase, r: ReturnType<typeof applyFunction>): string | undefined {
  if (c.error) {
    if (r.ok) return `expected ${c.error.type}: ${c.error.message}\n      got ${JSON.stringify(encodeValue(r.value))}`;
    return compareError(c.error, r.error);
  }
  if (!r.ok) return `unexpected ${r.error.exception}: ${r.error.message}\n      expected ${JSON.stringify(c.result)}`;
  const actual = encodeValue(r.value);
  if (!matches(c.result as Json, actual, c.dataDependent ?? false)) {
    return `result ${JSON.stringify(actual)} != ${JSON.stringify(c.result)}`;
  }
  if (r.assumptions.length > 0) return `open assumptions on concrete input: ${r.assumptions.map((a) => a.message).join('; ')}`;
  return undefined;
}

function compareError(expected: { type: string; message: string }, actual: { exception: string; message: string }): string | undefined {
  if (expected.type === actual.exception && expected.message === actual.message) return undefined;
  return `error ${actual.exception}: ${actual.message}\n      expected ${expected.type}: ${expected.message}`;
}

for (const family of families) {
  const cases = JSON.parse(fs.readFileSync(path.join(dir, `${family}.json`), 'utf8')) as GoldenCase[];
  const byOp = new Map<string, GoldenCase[]>();
  for (const c of cases) byOp.set(c.op, [...(byOp.get(c.op) ?? []), c]);
  describe(`oracle: ${family} (${cases.length} cases)`, () => {
    for (const [op, opCases] of byOp) {
      test(`${op} (${opCases.length})`, () => {
        const failures: string[] = [];
        for (const c of opCases) {
          let diff: string | undefined;
          try {
            diff = check(c);
          } catch (e) {
            diff = `engine threw: ${(e as Error).stack}`;
          }
          if (diff) failures.push(`${c.id} ${JSON.stringify({ args: c.args, kwargs: c.kwargs, inputs: c.inputs })}\n      ${diff}`);
        }
        assert.equal(failures.length, 0, `${failures.length}/${opCases.length} cases differ from PyTorch:\n${failures.slice(0, 15).join('\n')}`);
      });
    }
  });
}
