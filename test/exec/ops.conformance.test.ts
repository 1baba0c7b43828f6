// Every numeric op golden through the executor. Ops with a lowering must match PyTorch within
// 1e-4 (relative); ops without one are listed, not failed, so the gap stays visible.
import { after, test } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { ALL_OPS } from '../../engine/ops/registry';
import { fluxOps } from '../../engine/ops/flux';
import { kerasOps } from '../../engine/ops/keras';
import { OnnxRunner } from '../../server/exec/runner';
import { readGolden } from './goldenData';
import { runOpGolden, type CaseOutcome, type OpGolden } from './opConformance';

// einops's numeric cases come from its own oracle (test/oracle/einops/generate_einops_goldens.py).
const einops = JSON.parse(readFileSync(`${__dirname}/../oracle/goldens/einops/numeric.json`, 'utf8')) as OpGolden[];
const goldens = [...readGolden<OpGolden[]>('ops.json'), ...einops];
const runner = new OnnxRunner({ threads: 1, maxSessions: 1 });
after(() => runner.dispose());

const outcomes = new Map<string, CaseOutcome>();

test('op goldens run on the executor', async () => {
  for (const g of goldens) outcomes.set(g.id, await runOpGolden(runner, g));
  const lowered = new Set(ALL_OPS.filter((op) => op.onnx).flatMap((op) => op.names));
  const bad = goldens.filter((g) => lowered.has(g.op)).map((g) => [g.id, outcomes.get(g.id)!] as const)
    .filter(([, o]) => o.status === 'mismatch' || o.status === 'failed');
  const partial = goldens.filter((g) => lowered.has(g.op)).map((g) => [g.id, outcomes.get(g.id)!] as const)
    .filter(([, o]) => o.status === 'no-kernel');
  const worst = Math.max(0, ...[...outcomes.values()].map((o) => (o.status === 'pass' ? o.error : 0)));
  const pass = [...outcomes.values()].filter((o) => o.status === 'pass').length;
  console.log(`# ${pass}/${goldens.length} op cases match PyTorch (worst relative error ${worst.toExponential(2)})`);
  if (partial.length) console.log(`# lowered ops that refused a case:\n${partial.map(([id, o]) => `#   ${id}: ${'detail' in o ? o.detail : ''}`).join('\n')}`);
  assert.deepEqual(bad.map(([id, o]) => `${id}: ${'detail' in o ? o.detail : ''}`), []);
});

test('op goldens run as a preview runs them: parameters as inputs, then the optimised session', async () => {
  // Only the cases that pass in one session: the two sessions a preview uses must match them too.
  const bad: string[] = [];
  let checked = 0;
  for (const g of goldens) {
    if (outcomes.get(g.id)?.status !== 'pass') continue;
    const o = await runOpGolden(runner, g, 1e-4, 'tiers');
    checked++;
    if (o.status !== 'pass') bad.push(`${g.id}: ${o.status} ${'detail' in o ? o.detail : ''}`);
  }
  console.log(`# ${checked - bad.length}/${checked} passing op cases match PyTorch on both sessions of a preview`);
  assert.deepEqual(bad, []);
});

test('ops without a lowering are listed (gaps, not failures)', () => {
  const missing = ALL_OPS.filter((op) => !op.onnx).map((op) => op.names[0]).sort();
  console.log(`# ${missing.length} of ${ALL_OPS.length} op declarations have no ONNX lowering yet:\n#   ${missing.join(', ')}`);
  assert.ok(missing.length < ALL_OPS.length);
});

test('every op that claims a lowering passes at least one numeric conformance case', () => {
  const unchecked: string[] = [];
  for (const op of ALL_OPS) {
    // Flux's declarations are checked on Julia programs by test/oracle/flux/forwardPass.test.ts,
    // the Keras layers on TF.js models by test/oracle/tfjs/forwardPass.test.ts.
    if (!op.onnx || fluxOps.includes(op) || kerasOps.includes(op)) continue;
    const cases = goldens.filter((g) => op.names.includes(g.op));
    if (!cases.some((g) => outcomes.get(g.id)?.status === 'pass')) unchecked.push(op.names[0]);
  }
  assert.deepEqual(unchecked, []);
});
