// The sample forward pass on Flux code: each case (test/oracle/goldens/flux/numeric, made by
// generate_flux_numeric.py from PyTorch twins) is analysed as Julia source, its model call lowered
// to ONNX with the case's weights in Flux's layout, run in onnxruntime, and compared with
// PyTorch's output (axes reversed) within 1e-4. Flux's Conv flips its kernel, CrossCor does not.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lowerRun, type TensorArray } from '../../../engine/exec/lower';
import { initFrontends } from '../../../server/frontends';
import { analyzeText } from '../../../server/analyzeFile';
import { OnnxRunner } from '../../../server/exec/runner';
import { LineIndex } from '../../../server/lineIndex';
import { relativeError, tensorData, type TensorJson } from '../../exec/goldenData';
import { fluxOps } from '../../../engine/ops/flux';

interface NumericCase {
  name: string;
  kind: 'layer' | 'expr';
  src: string;
  inputs: TensorJson[];
  state: Record<string, TensorJson>;
  result: TensorJson;
}

const cases = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'goldens', 'flux', 'numeric', 'cases.json'), 'utf8')) as NumericCase[];
const runner = new OnnxRunner({ threads: 1, maxSessions: 1 });
/** Declarations that ran in a case that matched PyTorch. */
const checked = new Set<object>();

before(async () => {
  await initFrontends();
});
after(() => runner.dispose());

/** Julia source building `m` and calling it on inputs of the case's sizes and element types. */
function program(c: NumericCase): string {
  const names = c.inputs.map((_, i) => `x${i + 1}`);
  const inputs = c.inputs.map((t, i) => `${names[i]} = ${t.dtype === 'int64' ? `rand(1:10, ${t.tensor.join(', ')})` : `rand(Float32, ${t.tensor.join(', ')})`}`);
  const model = c.kind === 'layer' ? c.src : names.length === 1 ? `Chain(x1 -> ${c.src})` : `Parallel((${names.join(', ')}) -> ${c.src}, ${names.map(() => 'identity').join(', ')})`;
  return ['using Flux', ...inputs, `m = ${model}`, `y = m(${names.join(', ')})`, ''].join('\n');
}

for (const c of cases) {
  test(`forward pass: ${c.name} (${c.src})`, async () => {
    const text = program(c);
    const result = analyzeText(text, { fileName: 'forward.jl' });
    assert.deepEqual(result.diagnostics.map((d) => d.message), []);
    const index = new LineIndex(text);
    const callLine = text.split('\n').length - 2;
    const run = result.models.flatMap((m) => m.runs).find((r) => index.position(r.site.start).line === callLine);
    assert.ok(run, `a model call at line ${callLine + 1}:\n${text}`);
    const weights = new Map<string, TensorArray>(Object.entries(c.state).map(([k, v]) => [k, tensorData(v)]));
    const lowered = lowerRun(run, { symbolicDimSize: 2, weights, inputs: c.inputs.map(tensorData) });
    assert.ok(lowered.ok, lowered.ok ? '' : lowered.reason);
    for (const name of lowered.model.weights.keys()) assert.ok(weights.has(name) || Object.keys(c.state).length === 0, `weight ${name} not given`);
    const r = await runner.run({ key: `flux:${c.name}`, bytes: () => lowered.model.bytes, inputs: lowered.model.inputs });
    const want = tensorData(c.result);
    assert.deepEqual(r.outputs[0].dims, want.shape);
    const err = relativeError(r.outputs[0].data as Float32Array, want.data as Float32Array);
    assert.ok(err < 1e-4, `max relative error ${err.toExponential(2)}`);
    for (const node of run.nodes) checked.add(node.op);
  });
}

test('every Flux declaration with a lowering matched PyTorch in at least one case', () => {
  assert.deepEqual(fluxOps.filter((op) => op.onnx && !checked.has(op)).map((op) => op.names[0]), []);
});
