// Forward-pass benchmarks (issue 5): the engine (lowering + onnxruntime-node in its worker) against
// PyTorch on the same machine, same thread count, measured in the same run. Warm: session cached;
// cold: lowering (with default initialisation) + session creation + run. Also the process memory
// with a ResNet-18 session open.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { lowerRun } from '../../engine/exec/lower';
import type { ModelRun } from '../../engine/ops/trace';
import { OnnxRunner } from '../../server/exec/runner';
import { TraceRecorder } from '../exec/traceBuilder';
import { mnistCnn, resnet18, transformerEncoder } from '../exec/modelTraces';

import type { BenchResult } from './result';

const THREADS = 1;
const PYTHON = '/usr/bin/python3';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** PyTorch's timings for the same models, or undefined when torch is not installed. */
function pytorchReference(): Record<string, number> | undefined {
  if (!existsSync(PYTHON)) return undefined;
  try {
    const out = execFileSync(PYTHON, [join(__dirname, 'forward_reference.py'), String(THREADS)], {
      encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: String(THREADS) }, stdio: ['ignore', 'pipe', 'ignore'], timeout: 300_000,
    });
    return JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
  } catch {
    return undefined;
  }
}

let keyCounter = 0;

async function cold(runner: OnnxRunner, trace: () => ModelRun): Promise<{ ms: number; key: string; run: ModelRun }> {
  const run = trace();
  const t0 = performance.now();
  const lowered = lowerRun(run, { symbolicDimSize: 1 });
  if (!lowered.ok) throw new Error(lowered.reason);
  const key = `bench${++keyCounter}`;
  await runner.run({ key, bytes: () => lowered.model.bytes, inputs: lowered.model.inputs });
  const ms = performance.now() - t0;
  // Keep the inputs for warm runs.
  warmInputs.set(key, lowered.model.inputs);
  return { ms, key, run };
}

const warmInputs = new Map<string, Parameters<OnnxRunner['run']>[0]['inputs']>();

async function warm(runner: OnnxRunner, key: string, runs: number): Promise<number> {
  const inputs = warmInputs.get(key)!;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await runner.run({ key, bytes: () => { throw new Error('session evicted'); }, inputs });
    times.push(performance.now() - t0);
  }
  return median(times);
}

export async function benchForward(): Promise<BenchResult[]> {
  const ref = pytorchReference();
  const refName = `pytorch-cpu-${THREADS}-thread`;
  const result = (name: string, value: number, refKey: string): BenchResult => {
    const r = ref?.[refKey];
    return { name, unit: 'ms', value: round(value), reference: r === undefined ? null : refName, referenceValue: r === undefined ? null : round(r), ratio: r === undefined ? null : round(value / r) };
  };
  const runner = new OnnxRunner({ threads: THREADS, maxSessions: 4 });
  await runner.warmUp();
  const input = (shape: number[]) => new TraceRecorder().input(shape);
  const out: BenchResult[] = [];
  try {
    // Cold first (median of 3 fresh sessions), then warm on the last session.
    const resnetCold: number[] = [];
    let resnetKey = '';
    for (let i = 0; i < 3; i++) {
      const c = await cold(runner, () => resnet18(input([1, 3, 224, 224])).run);
      resnetCold.push(c.ms);
      resnetKey = c.key;
    }
    out.push(result('resnet18-forward-warm', await warm(runner, resnetKey, 10), 'resnet18-warm'));
    out.push(result('resnet18-forward-cold', median(resnetCold), 'resnet18-cold'));
    const rss = process.memoryUsage().rss / (1024 * 1024);
    out.push({ name: 'resnet18-session-memory', unit: 'MB', value: round(rss), reference: null, referenceValue: null, ratio: null });
    const mnistCold: number[] = [];
    for (let i = 0; i < 5; i++) mnistCold.push((await cold(runner, () => mnistCnn(input([1, 1, 28, 28])).run)).ms);
    out.push(result('mnist-cnn-forward-cold', median(mnistCold), 'mnist-cnn-cold'));
    const tr = await cold(runner, () => transformerEncoder(input([1, 128, 512])).run);
    out.push(result('transformer-encoder-forward-warm', await warm(runner, tr.key, 5), 'transformer-encoder-warm'));
  } finally {
    runner.dispose();
  }
  return out;
}

if (require.main === module) {
  void benchForward().then((r) => console.table(r));
}
