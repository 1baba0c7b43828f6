// A probe, not a benchmark (no reference): MNIST cold passes after a ResNet-18 one, each stage's
// wall time, the process's CPU time over the pass (all threads) and the time to the optimised
// session; then fresh-memory draws. `node --import tsx test/bench/mnistColdProbe.ts`
// (with --trace-deopt to see the generator or the lowering deoptimised).
import { setTimeout as sleep } from 'node:timers/promises';
import { runSamplePreview } from '../../server/exec/preview';
import { OnnxRunner } from '../../server/exec/runner';
import { mnistCnn, resnet18 } from '../exec/modelTraces';
import { TraceRecorder } from '../exec/traceBuilder';
import { SeededRandom } from '../../engine/exec/random';

async function main(): Promise<void> {
  const runner = new OnnxRunner({ threads: 1, maxSessions: 4 });
  const w0 = performance.now();
  await runner.warmUp();
  console.log(`warm-up ${(performance.now() - w0).toFixed(1)} ms`);
  const input = (s: number[]) => new TraceRecorder().input(s);
  const opts = { symbolicDimSize: 1, memoryBudgetMB: 4096, runner };
  await runSamplePreview(resnet18(input([1, 3, 224, 224])).run, { ...opts, seed: 1 });
  await runner.idle();
  for (let i = 0; i < 8; i++) {
    const run = mnistCnn(input([1, 1, 28, 28])).run;
    const spare = (runner as unknown as { pool: { spareBytes: number } }).pool.spareBytes;
    await sleep(20);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const p = await runSamplePreview(run, { ...opts, seed: 100 + i });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const t = p.timings;
    console.log(`spare ${(spare / 1e6).toFixed(1)}MB total ${ms.toFixed(2)} cpu ${((cpu.user + cpu.system) / 1000).toFixed(2)} lower ${t.lowerMs.toFixed(2)} init ${t.initMs.toFixed(2)} session ${t.sessionMs.toFixed(2)} run ${t.runMs.toFixed(2)} other ${(ms - t.lowerMs - t.initMs - t.sessionMs - t.runMs).toFixed(2)}`);
    const u0 = performance.now();
    await runner.idle();
    console.log(`  optimised session ready after ${(performance.now() - u0).toFixed(2)} ms`);
  }
  const rng = new SeededRandom(1);
  const buf = new Float32Array(1_200_000);
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    rng.uniform(buf.length, -0.1, 0.1);
    console.log(`uniform 1.2M: ${(performance.now() - t0).toFixed(2)} ms`);
  }
  await runner.dispose();
}
void main();
