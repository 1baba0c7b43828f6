// Sessions of the sample forward pass: keyed by the lowered model's content (a re-analysis after
// an unrelated edit reuses the session, a changed model does not), run first with the parameters
// as inputs and then upgraded to the optimised session (same numbers, PyTorch's), freed when unused;
// a small model's first session is in the server's thread (onnxruntime-node only).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePythonText } from '../../server/analyzeFile';
import { initPythonParser } from '../../server/frontends/python/parser';
import { lowerRun, type TensorArray } from '../../engine/exec/lower';
import { modelKey, runSamplePreview } from '../../server/exec/preview';
import { OnnxRunner } from '../../server/exec/runner';
import { readGolden, relativeError, resultTensors, tensorData, type TensorJson } from './goldenData';
import type { Json } from '../oracle/goldenCodec';
import { smallCnn, transformerEncoder } from './modelTraces';
import { TraceRecorder, int } from './traceBuilder';

const runner = new OnnxRunner({ threads: 1 });
before(async () => initPythonParser({}));
after(() => runner.dispose());
const opts = { symbolicDimSize: 2, memoryBudgetMB: 512, runner };

/** A small model with an embedding: `paddingIdx` changes its initial weights, not its graph. */
function embedder(paddingIdx: number | undefined, width = 8) {
  const t = new TraceRecorder();
  const ids = t.input([2, 5], 'int64');
  const embed = t.module('torch.nn.Embedding', 'embed', [int(10), int(width)], paddingIdx === undefined ? {} : { padding_idx: int(paddingIdx) });
  const fc = t.module('torch.nn.Linear', 'fc', [int(width), int(3)]);
  return t.run([ids], t.call(fc, [t.call(embed, [ids])]));
}

test('a re-analysed model (a new trace of the same code) reuses its session; a changed model does not', async () => {
  const first = await runSamplePreview(smallCnn(new TraceRecorder().input([2, 1, 12, 12])).run, opts);
  assert.equal(first.status, 'ok', first.message);
  assert.equal(first.timings.cachedSession, false);
  // An edit elsewhere in the file: the interpreter records a new trace, equal in content.
  const again = await runSamplePreview(smallCnn(new TraceRecorder().input([2, 1, 12, 12])).run, opts);
  assert.equal(again.timings.cachedSession, true);
  assert.equal(again.timings.sessionMs, 0);
  assert.equal(again.timings.initMs, 0, 'no weights made for a session that exists');
  // The same numbers, to onnxruntime's rounding: the first pass ran before the optimised session
  // (fused Conv + BatchNorm) replaced the parameters-as-inputs one.
  assert.ok(relativeError(again.outputs[0].first!, first.outputs[0].first!) < 1e-5);
  // Another input size is another graph: a session of its own.
  const bigger = await runSamplePreview(smallCnn(new TraceRecorder().input([3, 1, 12, 12])).run, opts);
  assert.equal(bigger.status, 'ok', bigger.message);
  assert.equal(bigger.timings.cachedSession, false);
});

test('through the interpreter: an edit elsewhere in the file reuses the session, an edit of the model does not', async () => {
  const source = readFileSync(join(__dirname, '..', '..', 'examples', 'mnist_cnn.py'), 'utf8');
  const pass = async (text: string) => {
    const model = analyzePythonText(text).models.find((m) => m.name === 'Net');
    assert.ok(model && model.runs[0], 'the interpreter recorded the call');
    const p = await runSamplePreview(model.runs[0], { ...opts, symbolicDimSize: 1, layerTimes: false });
    assert.equal(p.status, 'ok', p.message);
    return p;
  };
  const first = await pass(source);
  assert.equal(first.timings.cachedSession, false);
  // A comment and a helper function above the model: every offset moves, the model does not.
  const unrelated = await pass(`# a note\ndef helper(a, b):\n    return a + b\n\n${source}`);
  assert.equal(unrelated.timings.cachedSession, true);
  // A new layer size: another model.
  const edited = await pass(source.replace('nn.Linear(9216, 128)', 'nn.Linear(9216, 64)').replace('nn.Linear(128, num_classes)', 'nn.Linear(64, num_classes)'));
  assert.deepEqual(edited.layers.find((l) => l.name === 'fc1')?.outputShapes, [[64, 64]]);
  assert.equal(edited.timings.cachedSession, false);
});

test('the key covers what the weights are made from, not only the graph', () => {
  const key = (run: ReturnType<typeof embedder>, seed = 0) => {
    const l = lowerRun(run, { symbolicDimSize: 2, seed });
    assert.ok(l.ok, l.ok ? '' : l.reason);
    return { key: modelKey(l.model), graph: Buffer.from(l.model.layout.paramsAsInputs).toString('base64') };
  };
  const plain = key(embedder(undefined));
  assert.equal(key(embedder(undefined)).key, plain.key, 'equal models, equal keys');
  // padding_idx zeroes a row of the initial table: same graph, other weights.
  const padded = key(embedder(0));
  assert.equal(padded.graph, plain.graph);
  assert.notEqual(padded.key, plain.key);
  assert.notEqual(key(embedder(undefined), 1).key, plain.key, 'another seed');
  assert.notEqual(key(embedder(undefined, 16)).key, plain.key, 'another width');
  // A layer passed to a layer (TransformerEncoder(layer, 2)) is described by its own arguments.
  const encoder = (ff: number) => {
    const l = lowerRun(transformerEncoder(new TraceRecorder().input([1, 4, 8]), 8, 2, ff, 2).run, { symbolicDimSize: 2 });
    assert.ok(l.ok, l.ok ? '' : l.reason);
    return modelKey(l.model);
  };
  assert.equal(encoder(16), encoder(16));
  assert.notEqual(encoder(16), encoder(32));
  // Loaded weights are data, not a recipe: never shared.
  const loaded = lowerRun(embedder(undefined), { symbolicDimSize: 2, weights: new Map([['fc.bias', { shape: [3], dtype: 'float32', data: new Float32Array(3) } as TensorArray]]) });
  assert.ok(loaded.ok);
  assert.notEqual(modelKey(loaded.model), modelKey(loaded.model));
});

interface ModelGolden {
  inputs: TensorJson[];
  state: Record<string, TensorJson>;
  result: Json;
}

/** The small CNN of model_cnn.json, lowered with PyTorch's weights. */
function loweredCnn() {
  const golden = readGolden<ModelGolden>('model_cnn.json');
  const input = golden.inputs[0];
  const weights = new Map<string, TensorArray>(Object.entries(golden.state).map(([k, v]) => [k, tensorData(v)]));
  const lowered = lowerRun(smallCnn(new TraceRecorder().input(input.tensor, input.dtype)).run, { symbolicDimSize: 2, weights, inputs: golden.inputs.map(tensorData) });
  assert.ok(lowered.ok, lowered.ok ? '' : lowered.reason);
  return { golden, m: lowered.model };
}

for (const backend of ['auto', 'web'] as const) {
  test(`both sessions of a model given in parts give PyTorch's numbers (${backend})`, async () => {
    const own = new OnnxRunner({ threads: 1, backend });
    try {
      const { golden, m } = loweredCnn();
      let upgraded = 0;
      // The golden's arrays are shared by the test: hand the worker copies.
      const parts = () => ({ layout: m.layout, params: m.makeParams().map((p) => ({ ...p, data: p.data.slice() })) });
      const request = { key: 'cnn', parts, inputs: m.inputs, onUpgrade: () => upgraded++ };
      const want = resultTensors(golden.result)[0];
      const check = (data: ArrayLike<number>, what: string): void => {
        const err = relativeError(data, want.data as Float32Array);
        assert.ok(err < 1e-4, `${what}: relative error ${err}`);
      };
      const fast = await own.run(request);
      assert.equal(fast.tier, 'inputs');
      assert.deepEqual(fast.outputs[0].dims, want.shape);
      check(fast.outputs[0].data as Float32Array, 'parameters as inputs');
      await own.idle();
      assert.equal(upgraded, 1);
      const optimised = await own.run({ ...request, parts: () => assert.fail('the session exists') });
      assert.equal(optimised.tier, 'optimised');
      assert.equal(optimised.cached, true);
      check(optimised.outputs[0].data as Float32Array, 'optimised');
    } finally {
      own.dispose();
    }
  });
}

for (const backend of ['auto', 'web'] as const) {
  test(`a small model runs in this thread with onnxruntime-node, its optimised session in the worker; with the wasm build, in the worker (${backend})`, async () => {
    const own = new OnnxRunner({ threads: 1, backend });
    try {
      const { golden, m } = loweredCnn();
      const native = backend === 'auto' && (await own.backend()).backend === 'node';
      let upgraded = 0;
      const parts = () => ({ layout: m.layout, params: m.makeParams().map((p) => ({ ...p, data: p.data.slice() })) });
      const request = { key: 'cnn', parts, inputs: m.inputs, inThread: true, onUpgrade: () => upgraded++ };
      const want = resultTensors(golden.result)[0];
      const first = await own.run(request);
      assert.equal(first.inThread, native);
      assert.equal(first.backend, native ? 'node' : 'web');
      assert.equal(first.tier, 'inputs');
      assert.ok(relativeError(first.outputs[0].data as Float32Array, want.data as Float32Array) < 1e-4);
      assert.deepEqual(await own.sessionKeys(), ['cnn']);
      await own.idle();
      assert.equal(upgraded, 1);
      assert.deepEqual(await own.sessionKeys(), ['cnn'], 'one session, wherever it is');
      const second = await own.run({ ...request, parts: () => assert.fail('the session exists') });
      assert.equal(second.inThread, false, 'the optimised session is in the worker');
      assert.equal(second.tier, 'optimised');
      assert.ok(relativeError(second.outputs[0].data as Float32Array, want.data as Float32Array) < 1e-4);
      await own.drop('cnn');
      assert.deepEqual(await own.sessionKeys(), []);
    } finally {
      await own.dispose();
    }
  });
}

test('sessions unused for idleMs are freed (fake clock), used ones kept', async () => {
  let now = 0;
  const own = new OnnxRunner({ threads: 1, idleMs: 1000, now: () => now });
  try {
    const lower = (batch: number) => {
      const l = lowerRun(smallCnn(new TraceRecorder().input([batch, 1, 12, 12])).run, { symbolicDimSize: 2 });
      assert.ok(l.ok);
      const m = l.model;
      return { parts: () => ({ layout: m.layout, params: m.makeParams() }), inputs: m.inputs };
    };
    const a = lower(1);
    const b = lower(2);
    await own.run({ key: 'a', ...a });
    // Idle time counts from the last use or from the optimised session's arrival.
    await own.idle();
    now = 600;
    await own.run({ key: 'b', ...b });
    await own.idle();
    assert.deepEqual((await own.sessionKeys()).sort(), ['a', 'b']);
    now = 1200;
    await own.sweepIdle();
    assert.deepEqual(await own.sessionKeys(), ['b'], 'a was unused for 1200 ms');
    // Using a session keeps it.
    now = 1500;
    assert.equal((await own.run({ key: 'b', ...b })).cached, true);
    now = 2000;
    await own.sweepIdle();
    assert.deepEqual(await own.sessionKeys(), ['b']);
    now = 2600;
    await own.sweepIdle();
    assert.deepEqual(await own.sessionKeys(), [], 'every session freed');
    // The next pass makes its session again.
    const next = await own.run({ key: 'b', ...b });
    assert.equal(next.cached, false);
  } finally {
    own.dispose();
  }
});

test("a model's weight buffer comes back from the worker after the upgrade and holds the next model's weights", async () => {
  const own = new OnnxRunner({ threads: 1 });
  try {
    const lower = (batch: number) => {
      const l = lowerRun(smallCnn(new TraceRecorder().input([batch, 1, 12, 12])).run, { symbolicDimSize: 2 });
      assert.ok(l.ok);
      return l.model;
    };
    /** Sizes of the buffers the weights were made in, seen before they were handed over. */
    let sizes: number[] = [];
    const request = (m: ReturnType<typeof lower>, key: string, bytes: number) => ({
      key,
      inputs: m.inputs,
      parts: (arena: (bytes: number, arrays: number) => (n: number) => Float32Array) => {
        const alloc = arena(bytes, m.params.length);
        const params = m.makeParams((n) => {
          const a = alloc(n);
          sizes.push(a.buffer.byteLength);
          return a;
        });
        return { layout: m.layout, params };
      },
    });
    // Buffers under 1 MB are not handed back (cheap to make): ask for 2 MB.
    await own.run(request(lower(1), 'a', 2 << 20));
    const first = sizes[0];
    assert.ok(first >= 2 << 20 && sizes.every((s) => s === first), `one arena: ${sizes}`);
    await own.idle();
    sizes = [];
    // A smaller model: made in the first model's buffer, not in a new one of its own size.
    await own.run(request(lower(2), 'b', 1 << 20));
    assert.ok(sizes.length > 0 && sizes.every((s) => s === first), `arena sizes ${sizes[0]} vs ${first}`);
  } finally {
    own.dispose();
  }
});
