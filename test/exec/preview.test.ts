// The sample forward pass preview: shapes first, then numbers; the memory budget refusal names
// the largest tensor; an op without a kernel is named; cancellation returns no numbers.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPreviewMarkdown, prepareSamplePass, prepareSamplePreview, runSamplePreview, type Preview } from '../../server/exec/preview';
import { OnnxRunner } from '../../server/exec/runner';
import { resnet18, smallCnn } from './modelTraces';
import { TraceRecorder, bool, str, tuple, int } from './traceBuilder';

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

test('the optimised session is profiled: one time per layer, summed from the kernels the layers lowered to', async () => {
  const { run } = smallCnn(new TraceRecorder().input([2, 1, 12, 12]));
  const first = await runSamplePreview(run, { symbolicDimSize: 2, memoryBudgetMB: 512, runner });
  assert.equal(first.status, 'ok', first.message);
  // The first pass runs before the optimised session exists: its profile comes with the next pass.
  assert.equal(first.layerMs, undefined);
  await runner.idle();
  const p = await runSamplePreview(run, { symbolicDimSize: 2, memoryBudgetMB: 512, runner });
  assert.equal(p.status, 'ok', p.message);
  assert.equal(p.backend, 'node');
  assert.ok(p.timings.cachedSession);
  assert.equal(p.layerMs?.length, p.layers.length);
  // The whole model's kernels take time, and the softmax (never fused) has its own.
  assert.ok(p.layerMs!.reduce((a, b) => a + b, 0) > 0);
  assert.ok(p.layerMs![p.layers.findIndex((l) => l.type === 'softmax')] > 0);
  const md = formatPreviewMarkdown(p);
  assert.match(md, /\| Layer \| Type \| Output shape \| Parameters \| FLOPs \| Time \|/);
  assert.match(md, /kernel time in a warm run/);
  // A cached session keeps the times of its profile.
  const again = await runSamplePreview(run, { symbolicDimSize: 2, memoryBudgetMB: 512, runner });
  assert.equal(again.timings.sessionMs, 0);
  assert.deepEqual(again.layerMs, p.layerMs);
});

test('a data-dependent size (masked_select) is shown as ? with the shapes and known after the run', async () => {
  const t = new TraceRecorder();
  const x = t.input([3, 4]);
  const y = t.fn('torch.masked_select', [x, t.fn('torch.Tensor.__gt__', [x, int(0)])]);
  let early: Preview | undefined;
  const p = await runSamplePreview(t.run([x], y), { symbolicDimSize: 2, memoryBudgetMB: 512, runner, onShapes: (s) => (early = s) });
  assert.equal(p.status, 'ok', p.message);
  assert.deepEqual(early?.outputs[0].shape, [-1]);
  assert.match(formatPreviewMarkdown(early!), /Output: `\[\?\]`/);
  // The seeded normal input has some positive values; every selected value is positive.
  const n = p.outputs[0].shape[0];
  assert.ok(n > 0 && n < 12, `selected ${n}`);
  assert.ok(p.outputs[0].stats!.min > 0);
});

test('a pass over the memory budget is refused, naming the largest tensor and a smaller input', async () => {
  const { run } = smallCnn(new TraceRecorder().input([64, 1, 12, 12]));
  const p = await runSamplePreview(run, { symbolicDimSize: 2, memoryBudgetMB: 0.05, runner });
  assert.equal(p.status, 'over-budget');
  assert.match(p.message!, /largest tensor is the output of conv1 \(Conv2d\), \[64, 4, 12, 12\]/);
  assert.match(p.message!, /smaller input/);
  assert.ok(p.layers.length > 0, 'shapes are still reported');
});

test('a call without a kernel is named, never skipped', async () => {
  const t = new TraceRecorder();
  const x = t.input([1, 2, 8, 8]);
  const y = t.fn('torch.nn.functional.interpolate', [t.fn('torch.tanh', [x])], { size: tuple(int(3), int(5)), mode: str('bilinear'), antialias: bool(true) });
  const p = await runSamplePreview(t.run([x], y), { symbolicDimSize: 2, memoryBudgetMB: 512, runner });
  assert.equal(p.status, 'no-kernel');
  assert.match(p.message!, /no kernel for torch\.nn\.functional\.interpolate yet \(antialiased/);
  assert.match(formatPreviewMarkdown(p), /no kernel for torch\.nn\.functional\.interpolate yet/);
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

test('cancelling while a run is in progress stops it, and the runner works afterwards', async () => {
  const own = new OnnxRunner({ threads: 1 });
  try {
    // ResNet-18 on four 224x224 images: its first run takes well over 100 ms (the session itself
    // is made in milliseconds, its parameters being inputs).
    const { run } = resnet18(new TraceRecorder().input([4, 3, 224, 224]));
    let cancelled = false;
    let stages: string[] = [];
    const p = await runSamplePreview(run, {
      symbolicDimSize: 2, memoryBudgetMB: 512, runner: own, layerTimes: false,
      isCancelled: () => cancelled,
      onProgress: (stage) => {
        stages.push(stage);
        // Cancel once the worker has the model (the run under way).
        if (stage === 'session') setTimeout(() => (cancelled = true), 20);
      },
    });
    assert.deepEqual(stages, ['lowering', 'session']);
    assert.equal(p.status, 'cancelled');
    assert.equal(p.outputs[0].stats, undefined);
    assert.match(formatPreviewMarkdown(p), /Cancelled\./);
    // The worker running it was dropped with its sessions: the next pass starts a fresh one.
    stages = [];
    const small = smallCnn(new TraceRecorder().input([2, 1, 12, 12])).run;
    const next = await runSamplePreview(small, { symbolicDimSize: 2, memoryBudgetMB: 512, runner: own });
    assert.equal(next.status, 'ok', next.message);
    assert.ok(next.timings.sessionMs > 0);
    const again = await runSamplePreview(run, { symbolicDimSize: 2, memoryBudgetMB: 512, runner: own, layerTimes: false, onProgress: (s) => stages.push(s) });
    assert.equal(again.status, 'ok', again.message);
    assert.ok(again.timings.sessionMs > 0, 'the cancelled session was not kept');
    assert.deepEqual(again.outputs[0].shape, [4, 1000]);
  } finally {
    own.dispose();
  }
});

test('a pass prepared when its hover opened finds its lowering done; inputs over the budget are not made on a hover', async () => {
  const { run } = smallCnn(new TraceRecorder().input([4, 1, 12, 12]));
  prepareSamplePreview(run, { symbolicDimSize: 2, memoryBudgetMB: 512 });
  const p = await runSamplePreview(run, { symbolicDimSize: 2, memoryBudgetMB: 512, runner });
  assert.equal(p.status, 'ok', p.message);
  assert.equal(p.timings.encodeMs, 0, 'lowered (and encoded) when the hover opened');
  const big = smallCnn(new TraceRecorder().input([64, 1, 12, 12])).run;
  prepareSamplePreview(big, { symbolicDimSize: 2, memoryBudgetMB: 0.01 });
  const refused = await runSamplePreview(big, { symbolicDimSize: 2, memoryBudgetMB: 0.01, runner });
  assert.equal(refused.status, 'over-budget');
  assert.ok(refused.timings.encodeMs > 0, 'lowered by the pass, not by the hover');
});

test('a small model hovered is run ahead: the click finds its numbers; a big one is only lowered', async () => {
  const own = new OnnxRunner({ threads: 1 });
  try {
    const { run } = smallCnn(new TraceRecorder().input([5, 1, 12, 12]));
    await prepareSamplePass(run, { symbolicDimSize: 2, memoryBudgetMB: 512, runner: own });
    assert.deepEqual((await own.sessionKeys()).length, 1, 'the hover made the session');
    const click = await runSamplePreview(run, { symbolicDimSize: 2, memoryBudgetMB: 512, runner: own });
    assert.equal(click.status, 'ok', click.message);
    assert.equal(click.timings.reused, true);
    assert.equal(click.timings.initMs + click.timings.sessionMs + click.timings.runMs, 0);
    // The numbers a pass that runs gives.
    const rerun = await runSamplePreview(run, { symbolicDimSize: 2, memoryBudgetMB: 512, runner: own, reuse: false });
    assert.equal(rerun.timings.reused, undefined);
    assert.ok(rerun.timings.cachedSession);
    assert.ok(relativeError(click.outputs[0].first!, rerun.outputs[0].first!) < 1e-5);
    assert.match(formatPreviewMarkdown(click), /the numbers of the last pass of this model/);
    // ResNet-18 (47 MB of weights): lowered on the hover, run only by the click.
    const big = resnet18(new TraceRecorder().input([1, 3, 64, 64])).run;
    await prepareSamplePass(big, { symbolicDimSize: 2, memoryBudgetMB: 512, runner: own });
    assert.equal((await own.sessionKeys()).length, 1);
  } finally {
    await own.dispose();
  }
});

test('a model hovered and never clicked loses its session when another model is hovered; a newer hover cancels one waiting', async () => {
  const own = new OnnxRunner({ threads: 1 });
  try {
    const a = smallCnn(new TraceRecorder().input([6, 1, 12, 12])).run;
    const b = smallCnn(new TraceRecorder().input([7, 1, 12, 12])).run;
    await prepareSamplePass(a, { symbolicDimSize: 2, memoryBudgetMB: 512, runner: own });
    const [keyA] = await own.sessionKeys();
    await prepareSamplePass(b, { symbolicDimSize: 2, memoryBudgetMB: 512, runner: own });
    await own.idle();
    const keys = await own.sessionKeys();
    assert.equal(keys.length, 1);
    assert.notEqual(keys[0], keyA);
    // Two hovers in a row: the first, still waiting for its turn, is cancelled, never run.
    const c = smallCnn(new TraceRecorder().input([8, 1, 12, 12])).run;
    const d = smallCnn(new TraceRecorder().input([9, 1, 12, 12])).run;
    const first = prepareSamplePass(c, { symbolicDimSize: 2, memoryBudgetMB: 512, runner: own });
    const second = prepareSamplePass(d, { symbolicDimSize: 2, memoryBudgetMB: 512, runner: own });
    await Promise.all([first, second]);
    await own.idle();
    const clickC = await runSamplePreview(c, { symbolicDimSize: 2, memoryBudgetMB: 512, runner: own });
    assert.equal(clickC.status, 'ok', clickC.message);
    assert.equal(clickC.timings.reused, undefined, 'the cancelled hover left no numbers');
    const clickD = await runSamplePreview(d, { symbolicDimSize: 2, memoryBudgetMB: 512, runner: own });
    assert.equal(clickD.timings.reused, true);
  } finally {
    await own.dispose();
  }
});

function relativeError(a: readonly number[], b: readonly number[]): number {
  return Math.max(...a.map((x, i) => Math.abs(x - b[i]) / Math.max(1e-6, Math.abs(b[i]))));
}

test('a pass run ahead is not stopped once in the worker: cancelling it keeps the worker and its sessions', async () => {
  const own = new OnnxRunner({ threads: 1 });
  try {
    const small = smallCnn(new TraceRecorder().input([11, 1, 12, 12])).run;
    const kept = await runSamplePreview(small, { symbolicDimSize: 2, memoryBudgetMB: 512, runner: own, layerTimes: false });
    assert.equal(kept.status, 'ok', kept.message);
    // ResNet-18 on two 224x224 images: its first run takes well over the 10 ms a cancellation is polled at.
    const { run } = resnet18(new TraceRecorder().input([2, 3, 224, 224]));
    let cancelled = false;
    const p = await runSamplePreview(run, {
      symbolicDimSize: 2, memoryBudgetMB: 512, runner: own, layerTimes: false, ahead: true,
      isCancelled: () => cancelled,
      onProgress: (stage) => { if (stage === 'session') setTimeout(() => (cancelled = true), 5); },
    });
    assert.equal(p.status, 'ok', p.message);
    assert.equal((await own.sessionKeys()).length, 2, 'both sessions kept');
  } finally {
    await own.dispose();
  }
});
