// Memory of the sample forward pass, in a process of its own (the bench's own process holds the
// other benchmarks' heaps): RSS with onnxruntime loaded, with a ResNet-18 session open (after its
// optimised session replaced the first one), and after the idle timeout freed it. Prints JSON (MB).
// Run with --expose-gc: each figure is taken after a collection of this thread's garbage (what a
// server holds, not what it has yet to collect); the worker collects its own after an upgrade.
import { setTimeout as sleep } from 'node:timers/promises';
import { runSamplePreview } from '../../server/exec/preview';
import { OnnxRunner } from '../../server/exec/runner';
import { resnet18 } from '../exec/modelTraces';
import { TraceRecorder } from '../exec/traceBuilder';

const IDLE_MS = 1000;

async function main(): Promise<void> {
  const mb = (): number => {
    (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage().rss / (1024 * 1024);
  };
  const runner = new OnnxRunner({ threads: 1, idleMs: IDLE_MS });
  await runner.warmUp();
  const runtimeMB = mb();
  const run = resnet18(new TraceRecorder().input([1, 3, 224, 224])).run;
  const p = await runSamplePreview(run, { symbolicDimSize: 1, memoryBudgetMB: 4096, runner });
  if (p.status !== 'ok') throw new Error(`${p.status}: ${p.message}`);
  await runner.idle();
  // A moment for the collectors of both threads, as a server between two requests.
  await sleep(300);
  const sessionMB = mb();
  await sleep(IDLE_MS + 300);
  if ((await runner.sessionKeys()).length !== 0) throw new Error('the idle session was not freed');
  await runner.warmUp();
  await sleep(300);
  const idleMB = mb();
  runner.dispose();
  console.log(JSON.stringify({ runtimeMB, sessionMB, idleMB }));
}

void main();
