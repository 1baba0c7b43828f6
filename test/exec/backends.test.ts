// The same conformance checks on both onnxruntime builds: the native one (onnxruntime-node,
// chosen by 'auto' here) and the wasm fallback (onnxruntime-web, forced with backend 'web').
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerRun, type TensorArray } from '../../engine/exec/lower';
import { OnnxRunner, type OrtBackend } from '../../server/exec/runner';
import { readGolden, relativeError, resultTensors, tensorData, type TensorJson } from './goldenData';
import type { Json } from '../oracle/goldenCodec';
import { runOpGolden, type OpGolden } from './opConformance';
import { smallCnn } from './modelTraces';
import { TraceRecorder } from './traceBuilder';

interface ModelGolden {
  inputs: TensorJson[];
  state: Record<string, TensorJson>;
  result: Json;
}

/** A few op cases that exercise different kernels: conv, recurrent, special functions, data-dependent sizes. */
const OPS = /^extra:torch\.(nn\.(GRU|LSTM|Conv2d|MaxUnpool2d|EmbeddingBag|functional\.interpolate)|lgamma|erfinv|nonzero|masked_select)#/;

for (const [option, expected] of [['auto', 'node'], ['web', 'web']] as const) {
  describe(`backend ${option}`, () => {
    const runner = new OnnxRunner({ threads: 1, maxSessions: 2, backend: option });
    after(() => runner.dispose());

    test(`loads onnxruntime-${expected}`, async () => {
      const b = await runner.backend();
      assert.equal(b.backend, expected as OrtBackend, b.loadError);
    });

    test('the CNN conformance model matches PyTorch', async () => {
      const golden = readGolden<ModelGolden>('model_cnn.json');
      const input = golden.inputs[0];
      const traced = smallCnn(new TraceRecorder().input(input.tensor, input.dtype));
      const weights = new Map<string, TensorArray>(Object.entries(golden.state).map(([k, v]) => [k, tensorData(v)]));
      const lowered = lowerRun(traced.run, { symbolicDimSize: 2, weights, inputs: golden.inputs.map(tensorData) });
      assert.ok(lowered.ok, lowered.ok ? '' : lowered.reason);
      const result = await runner.run({ key: 'cnn', bytes: () => lowered.model.bytes, inputs: lowered.model.inputs });
      assert.equal(result.backend, expected);
      const want = resultTensors(golden.result)[0];
      assert.deepEqual(result.outputs[0].dims, want.shape);
      const err = relativeError(result.outputs[0].data as Float32Array, want.data as Float32Array);
      console.log(`# ${expected}: cnn max relative error ${err.toExponential(2)}`);
      assert.ok(err < 1e-4, `relative error ${err}`);
    });

    test('op cases match PyTorch', async () => {
      const cases = readGolden<OpGolden[]>('ops.json').filter((g) => OPS.test(g.id));
      assert.ok(cases.length >= 10, `only ${cases.length} cases selected`);
      const bad: string[] = [];
      let passed = 0;
      for (const g of cases) {
        const o = await runOpGolden(runner, g);
        if (o.status === 'pass') passed++;
        // A case a lowering refuses (antialiased interpolate) is a gap on both backends, not a failure.
        else if (o.status !== 'no-kernel') bad.push(`${g.id}: ${o.status} ${'detail' in o ? o.detail : ''}`);
      }
      assert.deepEqual(bad, []);
      assert.ok(passed >= 10, `${passed} cases passed`);
    });
  });
}
