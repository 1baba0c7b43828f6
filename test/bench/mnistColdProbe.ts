// A probe, not a benchmark (no reference): MNIST cold passes after a ResNet-18 one, each after the
// bench's settle (a full collection, 20 ms idle), as forward.ts times them; each stage's median
// and minimum over the passes, and the time to the optimised session; then the weight fill alone
// (1.2M draws into memory already mapped, as the weight pool gives it).
// `node --import tsx test/bench/mnistColdProbe.ts` (PASSES=n; VERBOSE=1 prints every pass;
// --trace-deopt to see the generator or the lowering deoptimised).
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { runSamplePreview } from '../../server/exec/preview';
import { OnnxRunner } from '../../server/exec/runner';
import { mnistCnn, resnet18 } from '../exec/modelTraces';
import { TraceRecorder } from '../exec/traceBuilder';
import { SeededRandom } from '../../engine/exec/random';

setFlagsFromString('--expose_gc');
const collect = runInNewContext('gc') as () => void;

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

async function main(): Promise<void> {
  const runner = new OnnxRunner({ threads: 1, maxSessions: 4 });
  const w0 = performance.now();
  await runner.warmUp();
  console.log(`warm-up ${(performance.now() - w0).toFixed(1)} ms`);
  const input = (s: number[]) => new TraceRecorder().input(s);
  const opts = { symbolicDimSize: 1, memoryBudgetMB: 4096, runner };
  await runSamplePreview(resnet18(input([1, 3, 224, 224])).run, { ...opts, seed: 1 });
  await runner.idle();
  const names = ['total', 'lowering', 'encoding', 'init', 'session', 'run', 'other', 'optimised'];
  const rows: number[][] = [];
  const passes = Number(process.env.PASSES ?? 20);
  for (let i = 0; i < passes; i++) {
    const run = mnistCnn(input([1, 1, 28, 28])).run;
    collect();
    await sleep(20);
    const t0 = performance.now();
    const p = await runSamplePreview(run, { ...opts, seed: 100 + i });
    const ms = performance.now() - t0;
    const t = p.timings;
    const u0 = performance.now();
    await runner.idle();
    const row = [ms, t.lowerMs - t.encodeMs, t.encodeMs, t.initMs, t.sessionMs, t.runMs, ms - t.lowerMs - t.initMs - t.sessionMs - t.runMs, performance.now() - u0];
    rows.push(row);
    if (process.env.VERBOSE) console.log(names.map((n, k) => `${n} ${row[k].toFixed(2)}`).join(' '));
  }
  console.log(`median/min of ${passes} passes (ms): ${names.map((n, k) => `${n} ${median(rows.map((r) => r[k])).toFixed(2)}/${Math.min(...rows.map((r) => r[k])).toFixed(2)}`).join('  ')}`);
  const buf = new ArrayBuffer(1_200_000 * 4);
  const rng = new SeededRandom(1, (n) => new Float32Array(buf, 0, n));
  const fills: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    rng.uniform(1_179_648, -0.1, 0.1);
    fills.push(performance.now() - t0);
  }
  console.log(`uniform fill of MNIST's fc1 (1,179,648 draws): median ${median(fills).toFixed(2)} ms, min ${Math.min(...fills).toFixed(2)} ms`);
  await runner.dispose();
}
void main();
