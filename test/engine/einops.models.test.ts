// The einops fixture models end to end, as a preview runs them: the file analysed by the
// interpreter, the recorded model call lowered to ONNX with PyTorch's state_dict and inputs
// (test/oracle/goldens/einops/models.json, made on the oracle's PyTorch translation of einops)
// and run in onnxruntime; outputs must match PyTorch within 1e-4.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lowerRun, type TensorArray } from '../../engine/exec/lower';
import { analyzePythonText } from '../../server/analyzeFile';
import { initPythonParser } from '../../server/frontends/python/parser';
import { OnnxRunner } from '../../server/exec/runner';
import { LineIndex } from '../../server/lineIndex';
import type { Json } from '../oracle/goldenCodec';
import { relativeError, resultTensors, tensorData, type TensorJson } from '../exec/goldenData';

interface ModelCall {
  file: string;
  line: number;
  type: string;
  inputs: TensorJson[];
  state: Record<string, TensorJson>;
  result: Json;
}

const ROOT = join(__dirname, '..', '..');
const calls = JSON.parse(readFileSync(join(ROOT, 'test', 'oracle', 'goldens', 'einops', 'models.json'), 'utf8')) as ModelCall[];
const runner = new OnnxRunner({ threads: 1, maxSessions: 1 });
before(async () => initPythonParser({}));
after(() => runner.dispose());

for (const call of calls) {
  test(`${call.type} (${call.file}:${call.line}) runs as in PyTorch`, async () => {
    const text = readFileSync(join(ROOT, call.file), 'utf8');
    const analysis = analyzePythonText(text);
    const index = new LineIndex(text);
    const model = analysis.models.find((m) => m.name === call.type && m.runs.some((r) => index.position(r.site.start).line + 1 === call.line));
    assert.ok(model, `no run of ${call.type} at line ${call.line}`);
    const run = model.runs.find((r) => index.position(r.site.start).line + 1 === call.line)!;
    const weights = new Map<string, TensorArray>(Object.entries(call.state).map(([k, v]) => [k, tensorData(v)]));
    const lowered = lowerRun(run, { symbolicDimSize: 2, weights, inputs: call.inputs.map(tensorData) });
    assert.ok(lowered.ok, lowered.ok ? '' : lowered.reason);
    for (const name of lowered.model.weights.keys()) assert.ok(weights.has(name), `weight ${name} not in PyTorch's state_dict`);
    const r = await runner.run({ key: `einops:${call.file}:${call.line}`, bytes: () => lowered.model.bytes, inputs: lowered.model.inputs });
    const expected = resultTensors(call.result);
    assert.equal(r.outputs.length, expected.length);
    expected.forEach((want, i) => {
      assert.deepEqual(r.outputs[i].dims, want.shape);
      const err = relativeError(r.outputs[i].data as Float32Array, want.data as Float32Array);
      assert.ok(err < 1e-4, `output ${i}: relative error ${err}`);
    });
  });
}
