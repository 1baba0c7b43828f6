// `npm run bench`: prints a table and writes bench-results.json (the contract in
// ARCHITECTURE.md). Every timing is reported against a reference measured in the same run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Dim } from '../../engine/shape/dim';
import { callModule, constructModule } from '../../engine/ops/apply';
import { lookupOp } from '../../engine/ops/registry';
import type { ModuleOp } from '../../engine/ops/op';
import type { Value } from '../../engine/value';
import { initPythonParser, lowerPython, pythonParser } from '../../server/frontends/python/parser';
import { analyzeModule } from '../../engine/interp/analysis';
import { syntheticModelFile } from './syntheticModel';

import type { BenchResult as Result } from './result';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => void, runs: number): number {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return median(out);
}

/** Shape-rule throughput: a 50-layer conv/bn/relu stack on a symbolic and a concrete input. */
function shapeRuleThroughput(): Result {
  const int = (n: number): Value => ({ kind: 'int', dim: Dim.of(n) });
  const mod = (name: string, args: Value[], kwargs: Record<string, Value> = {}) => {
    const built = constructModule(lookupOp(name) as ModuleOp, args, kwargs);
    if (!built.ok || !built.module) throw new Error(`cannot build ${name}`);
    return built.module;
  };
  const layers: ReturnType<typeof mod>[] = [];
  for (let i = 0; i < 50; i++) {
    const k = i % 3;
    layers.push(k === 0 ? mod('torch.nn.Conv2d', [int(16), int(16), int(3)], { padding: int(1) }) : k === 1 ? mod('torch.nn.BatchNorm2d', [int(16)]) : mod('torch.nn.ReLU', []));
  }
  const inputs: Value[] = [
    { kind: 'tensor', shape: [Dim.of(8), Dim.of(16), Dim.of(64), Dim.of(64)], dtype: 'float32' },
    { kind: 'tensor', shape: [Dim.sym('B'), Dim.of(16), Dim.sym('H'), Dim.sym('W')], dtype: 'float32' },
  ];
  let ops = 0;
  const ms = time(() => {
    for (let rep = 0; rep < 20; rep++) {
      for (const input of inputs) {
        let x = input;
        for (const l of layers) {
          const r = callModule(l, [x]);
          if (!r.ok) throw new Error('unexpected error');
          x = r.value;
          ops++;
        }
      }
    }
  }, 15);
  const perRun = (20 * 2 * 50);
  return { name: 'shape-rules-50-layer', unit: 'ops/s', value: Math.round(perRun / (ms / 1000)), reference: null, referenceValue: null, ratio: null };
}

async function main(): Promise<void> {
  await initPythonParser();
  const results: Result[] = [shapeRuleThroughput()];
  const source = syntheticModelFile(2000);
  const parser = pythonParser();
  const parseMs = time(() => parser.parse(source)?.delete(), 15);
  // Cold: the first analysis in a fresh process state (lowering included); warm: repeated.
  const t0 = performance.now();
  analyzeModule(lowerPython(source));
  const coldMs = performance.now() - t0;
  const warmMs = time(() => analyzeModule(lowerPython(source)), 10);
  const analysisOnlyMs = (() => {
    const ir = lowerPython(source);
    return time(() => analyzeModule(ir), 10);
  })();
  results.push(
    { name: 'analysis-2000-lines-cold', unit: 'ms', value: round(coldMs), reference: 'tree-sitter-parse-2000-lines', referenceValue: round(parseMs), ratio: round(coldMs / parseMs) },
    { name: 'analysis-2000-lines-warm', unit: 'ms', value: round(warmMs), reference: 'tree-sitter-parse-2000-lines', referenceValue: round(parseMs), ratio: round(warmMs / parseMs) },
    { name: 'interpret-2000-lines-warm', unit: 'ms', value: round(analysisOnlyMs), reference: 'tree-sitter-parse-2000-lines', referenceValue: round(parseMs), ratio: round(analysisOnlyMs / parseMs) },
  );
  const { benchFolderCheck } = await import('./folderCheck');
  results.push(...benchFolderCheck());
  const { benchHeavyImports, benchTorchvisionImport } = await import('./heavyImports');
  results.push(...benchHeavyImports(), ...benchTorchvisionImport());
  // The editor and forward-pass benchmarks run the built server and onnxruntime; each reports its
  // own results (with its reference measured in the same run).
  const { benchLspLatency } = await import('./lspLatency');
  results.push(...(await benchLspLatency()));
  const { benchLspTsLatency } = await import('./lspTsLatency');
  results.push(...(await benchLspTsLatency()));
  const { benchForward } = await import('./forward');
  results.push(...(await benchForward()));
  const { benchTfjsForward } = await import('./tfjsForward');
  results.push(...(await benchTfjsForward()));
  const out = path.join(__dirname, '..', '..', 'bench-results.json');
  fs.writeFileSync(out, `${JSON.stringify({ version: 1, results }, null, 2)}\n`);
  console.table(results.map((r) => ({ name: r.name, value: `${r.value} ${r.unit}`, reference: r.reference ?? '-', referenceValue: r.referenceValue ?? '-', ratio: r.ratio ?? '-' })));
  console.log(`lines: ${source.split('\n').length}; wrote ${path.relative(process.cwd(), out)}`);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

void main();
