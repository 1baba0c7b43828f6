// Replays every TF.js op case (test/oracle/goldens/tfjs/ops/*.json, made by real tfjs-core on the
// CPU backend) on the engine's `tfjs.*` declarations: output shapes and dtypes, or TF.js's exact
// error text. A chained method (`x.flatten()`) uses its `tfjs.Tensor.*` declaration when it has one.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Value } from '../../../engine/value';
import { applyFunction } from '../../../engine/ops/apply';
import { lookupOp } from '../../../engine/ops/registry';
import { decodeValue, encodeValue, type Json } from '../goldenCodec';

interface TfjsCase {
  id: string;
  op: string;
  method?: string;
  args: Json[];
  result?: Json;
  error?: { type: string; message: string };
}

const dir = path.join(__dirname, '..', 'goldens', 'tfjs', 'ops');

/** The goldens' form of a result; TF.js returns plain objects (moments) as {dict: ...}. */
function encode(v: Value): Json {
  if (v.kind === 'dict') return { dict: Object.fromEntries(v.entries.map(([k, x]) => [k.kind === 'str' ? k.value : '?', encode(x)])) };
  if (v.kind === 'list') return v.items.map(encode);
  return encodeValue(v);
}

function check(c: TfjsCase): string | undefined {
  const op = (c.method && lookupOp(`tfjs.Tensor.${c.method}`)) || lookupOp(`tfjs.${c.op}`);
  if (!op || op.kind !== 'function') return `no declaration for tfjs.${c.op}`;
  const r = applyFunction(op, c.args.map(decodeValue));
  if (c.error) {
    if (r.ok) return `expected ${c.error.type}: ${c.error.message}\n      got ${JSON.stringify(encode(r.value))}`;
    if (r.error.exception === c.error.type && r.error.message === c.error.message) return undefined;
    return `error ${r.error.exception}: ${r.error.message}\n      expected ${c.error.type}: ${c.error.message}`;
  }
  if (!r.ok) return `unexpected ${r.error.exception}: ${r.error.message}\n      expected ${JSON.stringify(c.result)}`;
  const got = JSON.stringify(encode(r.value));
  if (got !== JSON.stringify(c.result)) return `result ${got} != ${JSON.stringify(c.result)}`;
  if (r.assumptions.length > 0) return `open assumptions on concrete input: ${r.assumptions.map((a) => a.message).join('; ')}`;
  return undefined;
}

for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const cases = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as TfjsCase[];
  const byOp = new Map<string, TfjsCase[]>();
  for (const c of cases) byOp.set(c.method ? `x.${c.method}` : c.op, [...(byOp.get(c.method ? `x.${c.method}` : c.op) ?? []), c]);
  describe(`tfjs oracle: ${file.slice(0, -5)} (${cases.length} cases)`, () => {
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
          if (diff) failures.push(`${c.id} ${JSON.stringify(c.args)}\n      ${diff}`);
        }
        assert.equal(failures.length, 0, `${failures.length}/${opCases.length} cases differ from TF.js:\n${failures.slice(0, 12).join('\n')}`);
      });
    }
  });
}
