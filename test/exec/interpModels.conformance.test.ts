// Whole models through the real pipeline: the model source (test/oracle/conformance/models/*.py)
// is analysed by the interpreter, its recorded ModelRun lowered with PyTorch's state_dict (by
// state_dict names) and run; outputs must match PyTorch within 1e-4, parameter counts exactly.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lowerRun, type TensorArray } from '../../engine/exec/lower';
import { analyzePythonText } from '../../server/analyzeFile';
import { initPythonParser } from '../../server/frontends/python/parser';
import { OnnxRunner } from '../../server/exec/runner';
import type { Json } from '../oracle/goldenCodec';
import { GOLDEN_DIR, readGolden, relativeError, resultTensors, tensorData, type TensorJson } from './goldenData';

interface ModelGolden {
  model: string;
  source: string;
  paramCount: number;
  inputs: TensorJson[];
  state: Record<string, TensorJson>;
  result: Json;
}

const ROOT = join(__dirname, '..', '..');
const runner = new OnnxRunner({ threads: 1 });
before(async () => initPythonParser({}));
after(() => runner.dispose());

const goldens = readdirSync(GOLDEN_DIR).filter((f) => f.startsWith('model_')).map((f) => readGolden<ModelGolden>(f));

for (const golden of goldens) {
  test(`${golden.model} (interpreted from ${golden.source}) matches PyTorch`, async () => {
    const analysis = analyzePythonText(readFileSync(join(ROOT, golden.source), 'utf8'));
    const model = analysis.models.find((m) => m.runs.length > 0);
    assert.ok(model, 'the interpreter recorded no model call');
    assert.equal(model.totalParams, golden.paramCount, 'parameter count');
    const run = model.runs[0];
    const weights = new Map<string, TensorArray>(Object.entries(golden.state).map(([k, v]) => [k, tensorData(v)]));
    const lowered = lowerRun(run, { symbolicDimSize: 2, weights, inputs: golden.inputs.map(tensorData) });
    assert.ok(lowered.ok, lowered.ok ? '' : lowered.reason);
    assert.equal(lowered.model.totalParams, golden.paramCount, 'parameters in the lowered layers');
    for (const name of lowered.model.weights.keys()) assert.ok(weights.has(name), `weight ${name} not in PyTorch's state_dict`);
    const r = await runner.run({ key: `interp:${golden.model}`, bytes: () => lowered.model.bytes, inputs: lowered.model.inputs });
    const expected = resultTensors(golden.result);
    assert.equal(r.outputs.length, expected.length);
    expected.forEach((want, i) => {
      assert.deepEqual(r.outputs[i].dims, want.shape);
      const err = relativeError(r.outputs[i].data as Float32Array, want.data as Float32Array);
      console.log(`# ${golden.model} output ${i}: max relative error ${err.toExponential(2)}`);
      assert.ok(err < 1e-4, `relative error ${err}`);
    });
  });
}
