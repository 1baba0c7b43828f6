// The Keras/TF.js weight layout shown in hovers, against the layouts @tensorflow/tfjs-layers
// builds for the same layers (test/oracle/keras/generate_keras_layouts.cjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Dim } from '../../engine/shape/dim';
import type { Value } from '../../engine/value';
import { constructModule } from '../../engine/ops/apply';
import { lookupOp } from '../../engine/ops/registry';
import { kerasLayout } from '../../engine/ops/kerasLayout';

type Json = number | boolean | Json[];
interface Case { torch: [string, Json[], Record<string, Json>]; keras: { layer: string }; weights: [string, number[]][] }

const cases = JSON.parse(fs.readFileSync(path.join(__dirname, '../oracle/goldens/keras/layouts.json'), 'utf8')) as Case[];
const value = (j: Json): Value => (typeof j === 'number' ? { kind: 'int', dim: Dim.of(j) } : typeof j === 'boolean' ? { kind: 'bool', value: j } : { kind: 'tuple', items: j.map(value) });

for (const c of cases) {
  const [name, args, kwargs] = c.torch;
  test(`${name}(${JSON.stringify(args).slice(1, -1)}) as Keras ${c.keras.layer}`, () => {
    const op = lookupOp(name);
    assert.ok(op && op.kind === 'module');
    const built = constructModule(op, args.map(value), Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [k, value(v)])));
    assert.ok(built.ok && built.module);
    const layout = kerasLayout(built.module);
    assert.ok(layout, 'no Keras layout');
    assert.deepEqual(layout.weights.map((w) => [w.name, w.shape.map((d) => d.value)]), c.weights);
  });
}
