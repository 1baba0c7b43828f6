// tfjs-mnist-forward-cold (issue 9): the sample forward pass of a TF.js MNIST convnet, analysed
// from its TypeScript source as a user's file (its predict lowered to ONNX, weights made, session,
// first run: the hover's path), against plain TF.js in this process (tfjs-layers on its CPU
// backend) building the same model from the same source and running its first predict.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { initFrontends } from '../../server/frontends';
import { analyzeText } from '../../server/analyzeFile';
import { runSamplePreview } from '../../server/exec/preview';
import { OnnxRunner } from '../../server/exec/runner';
import type { BenchResult } from './result';

/** The layers of the TF.js tutorial's MNIST convnet (tfjs-examples mnist, as test/fixtures/tfjs/mnist_convnet.ts). */
const LAYERS = [
  "tf.layers.conv2d({inputShape: [28, 28, 1], kernelSize: 5, filters: 8, strides: 1, activation: 'relu', kernelInitializer: 'varianceScaling'})",
  'tf.layers.maxPooling2d({poolSize: [2, 2], strides: [2, 2]})',
  "tf.layers.conv2d({kernelSize: 5, filters: 16, strides: 1, activation: 'relu', kernelInitializer: 'varianceScaling'})",
  'tf.layers.maxPooling2d({poolSize: [2, 2], strides: [2, 2]})',
  'tf.layers.flatten()',
  "tf.layers.dense({units: 10, kernelInitializer: 'varianceScaling', activation: 'softmax'})",
];
const BATCH = 1;
const PROGRAM = [
  "import * as tf from '@tensorflow/tfjs';",
  `const model = tf.sequential({layers: [${LAYERS.join(', ')}]});`,
  `const images = tf.zeros([${BATCH}, 28, 28, 1]);`,
  'const probs = model.predict(images);',
  '',
].join('\n');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const round = (x: number): number => Math.round(x * 100) / 100;

interface Tf {
  sequential(config: object): { predict(x: unknown): { dataSync(): unknown; dispose(): void }; dispose(): void };
  zeros(shape: number[]): { dispose(): void };
  setBackend(name: string): Promise<boolean>;
}

/** Plain TF.js: build the model (its weights initialised) and run its first predict. */
async function tfjsCold(runs: number): Promise<number[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const core = require('@tensorflow/tfjs-core') as object;
  require('@tensorflow/tfjs-backend-cpu');
  const layers = require('@tensorflow/tfjs-layers') as object;
  const tf = { ...core, ...layers } as Tf & Record<string, unknown>;
  const warn = console.warn;
  console.warn = () => {}; // tfjs suggests tfjs-node once
  try {
    await tf.setBackend('cpu');
    const build = new Function('tf', `return [${LAYERS.join(', ')}];`) as (t: unknown) => unknown[];
    const once = (): number => {
      const t0 = performance.now();
      const model = tf.sequential({ layers: build(tf) });
      const x = tf.zeros([BATCH, 28, 28, 1]);
      const y = model.predict(x);
      y.dataSync();
      const ms = performance.now() - t0;
      y.dispose();
      x.dispose();
      model.dispose();
      return ms;
    };
    once(); // the backend's own start, as the runner's worker is started beforehand
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      await sleep(20);
      times.push(once());
    }
    return times;
  } finally {
    console.warn = warn;
  }
}

export async function benchTfjsForward(): Promise<BenchResult[]> {
  await initFrontends();
  const runner = new OnnxRunner({ threads: 1, maxSessions: 8 });
  await runner.warmUp();
  try {
    const ours: number[] = [];
    for (let seed = 1; seed <= 5; seed++) {
      // A fresh analysis each time (a new trace), and a seed no session was made for: a cold pass.
      const run = analyzeText(PROGRAM, { fileName: 'mnist.ts' }).models[0]?.runs[0];
      if (!run) throw new Error('the TF.js model has no analysed predict');
      await sleep(20);
      const t0 = performance.now();
      const preview = await runSamplePreview(run, { symbolicDimSize: 1, memoryBudgetMB: 4096, runner, seed });
      const ms = performance.now() - t0;
      if (preview.status !== 'ok' || preview.timings.cachedSession) throw new Error(`not a cold pass: ${preview.status} ${preview.message ?? ''}`);
      ours.push(ms);
      await runner.idle();
    }
    const theirs = await tfjsCold(5);
    const value = median(ours);
    const reference = median(theirs);
    return [{ name: 'tfjs-mnist-forward-cold', unit: 'ms', value: round(value), reference: 'tfjs-cpu-build-and-first-predict', referenceValue: round(reference), ratio: round(value / reference) }];
  } finally {
    runner.dispose();
  }
}

if (require.main === module) void benchTfjsForward().then((r) => console.table(r));
