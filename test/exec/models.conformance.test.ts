// Whole models against PyTorch: the same state_dict and input, outputs within 1e-4 (relative),
// parameter counts equal to PyTorch's.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerRun, type TensorArray } from '../../engine/exec/lower';
import { OnnxRunner } from '../../server/exec/runner';
import { readGolden, relativeError, resultTensors, tensorData, type TensorJson } from './goldenData';
import type { Json } from '../oracle/goldenCodec';
import { smallCnn, tinyTransformer, type TracedModel } from './modelTraces';
import { TraceRecorder } from './traceBuilder';
import type { TensorValue } from '../../engine/value';

interface ModelGolden {
  model: string;
  paramCount: number;
  inputs: TensorJson[];
  state: Record<string, TensorJson>;
  result: Json;
}

const runner = new OnnxRunner({ threads: 1 });
after(() => runner.dispose());

const MODELS: Record<string, (input: TensorValue) => TracedModel> = {
  cnn: smallCnn,
  transformer_encoder: tinyTransformer,
};

for (const [name, trace] of Object.entries(MODELS)) {
  test(`${name}: output matches PyTorch and parameter count is PyTorch's`, async () => {
    const golden = readGolden<ModelGolden>(`model_${name}.json`);
    const input = golden.inputs[0];
    const traced = trace(new TraceRecorder().input(input.tensor, input.dtype));
    const weights = new Map<string, TensorArray>(Object.entries(golden.state).map(([k, v]) => [k, tensorData(v)]));
    const lowered = lowerRun(traced.run, { symbolicDimSize: 2, weights, inputs: golden.inputs.map(tensorData) });
    assert.ok(lowered.ok, lowered.ok ? '' : lowered.reason);
    assert.equal(lowered.model.totalParams, golden.paramCount);
    const result = await runner.run({ key: `model:${name}`, bytes: () => lowered.model.bytes, inputs: lowered.model.inputs });
    const expected = resultTensors(golden.result);
    assert.equal(result.outputs.length, expected.length);
    expected.forEach((want, i) => {
      assert.deepEqual(result.outputs[i].dims, want.shape);
      const err = relativeError(result.outputs[i].data as Float32Array, want.data as Float32Array);
      console.log(`# ${name} output ${i}: max relative error ${err.toExponential(2)}`);
      assert.ok(err < 1e-4, `relative error ${err}`);
    });
  });
}
