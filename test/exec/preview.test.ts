// The sample forward pass preview: shapes first, then numbers; the memory budget refusal names
// the largest tensor; an op without a kernel is named; cancellation returns no numbers.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPreviewMarkdown, runSamplePreview, type Preview } from '../../server/exec/preview';
import { OnnxRunner } from '../../server/exec/runner';
import { smallCnn } from './modelTraces';
import { TraceRecorder } from './traceBuilder';

const runner = new OnnxRunner({ threads: 1 });
after(() => runner.dispose());

test('preview of a model with a symbolic batch: shapes, per-layer rows, totals, output statistics', async () => {
  const { run } = smallCnn(new TraceRecorder().input(['B', 1, 12, 12]));
  let early: Preview | undefined;
  const p = await runSamplePreview(run, { symbolicDimSize: 3, memoryBudgetMB: 512, runner, onShapes: (s) => (early = s) });
  assert.equal(p.status, 'ok', p.message);
  assert.equal(early?.status, 'shapes');
  assert.deepEqual(p.inputs.map((i) => i.shape), [[3, 1, 12, 12]]);
  assert.deepEqual(p.outputs.map((o) => o.shape), [[3, 10]]);
  assert.equal(p.totalParams, 1510);
  const conv1 = p.layers.find((l) => l.name === 'conv1');
  assert.deepEqual(conv1 && { type: conv1.type, shape: conv1.outputShapes[0], params: conv1.params }, { type: 'Conv2d', shape: [3, 4, 12, 12], params: 40 });
  // Softmax rows sum to 1: the mean of [3, 10] probabilities is 0.1.
  assert.ok(Math.abs(p.outputs[0].stats!.mean - 0.1) < 1e-6);
  assert.ok(p.outputs[0].stats!.min >= 0 && p.outputs[0].stats!.max <= 1);
  assert.ok((p.totalFlops ?? 0) > 0);
  const md = formatPreviewMarkdown(p);
  for (const text of ['`[3, 1, 12, 12]`', '| conv1 | Conv2d | [3, 4, 12, 12] | 40 |', '1,510 parameters', 'mean 0.1000', 'First values', 'Elapsed']) {
    assert.ok(md.includes(text), `markdown lacks ${text}:\n${md}`);
  }
});

test('a pass over the memory budget is refused, naming the largest tensor and a smaller input', async () => {
  const { run } = smallCnn(new TraceRecorder().input([64, 1, 12, 12]));
  const p = await runSamplePreview(run, { symbolicDimSize: 2, memoryBudgetMB: 0.05, runner });
  assert.equal(p.status, 'over-budget');
  assert.match(p.message!, /largest tensor is the output of conv1 \(Conv2d\), \[64, 4, 12, 12\]/);
  assert.match(p.message!, /smaller input/);
  assert.ok(p.layers.length > 0, 'shapes are still reported');
});

test('an op without a kernel is named, never skipped', async () => {
  const t = new TraceRecorder();
  const x = t.input([2, 3]);
  const y = t.fn('torch.erfinv', [t.fn('torch.tanh', [x])]);
  const p = await runSamplePreview(t.run([x], y), { symbolicDimSize: 2, memoryBudgetMB: 512, runner });
  assert.equal(p.status, 'no-kernel');
  assert.match(p.message!, /no kernel for torch\.erfinv yet/);
  assert.match(formatPreviewMarkdown(p), /no kernel for torch\.erfinv yet/);
});

test('a cancelled preview returns shapes and no numbers', async () => {
  const { run } = smallCnn(new TraceRecorder().input([2, 1, 12, 12]));
  const p = await runSamplePreview(run, { symbolicDimSize: 2, memoryBudgetMB: 512, runner, isCancelled: () => true });
  assert.equal(p.status, 'cancelled');
  assert.equal(p.outputs[0].stats, undefined);
});

test('the same run is lowered once and its session reused', async () => {
  const { run } = smallCnn(new TraceRecorder().input([2, 1, 12, 12]));
  const first = await runSamplePreview(run, { symbolicDimSize: 2, memoryBudgetMB: 512, runner });
  const second = await runSamplePreview(run, { symbolicDimSize: 2, memoryBudgetMB: 512, runner });
  assert.equal(second.status, 'ok');
  assert.equal(second.timings.sessionMs, 0);
  assert.deepEqual(second.outputs[0].first, first.outputs[0].first);
});
