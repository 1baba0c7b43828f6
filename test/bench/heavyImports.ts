// First hints of a model file whose imports are heavy (timm.layers' shape: a package `__init__`
// that re-exports 300 submodules by name; the model file uses three of them), from cold caches
// as when a file is first opened. The reference is parsing and lowering every file of the
// package in the same run: what importing it all would cost before running a line of it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeText } from '../../server/analyzeFile';
import { lowerPython } from '../../server/frontends/python/parser';
import { LoweredFiles, workspaceImportResolver } from '../../server/workspaceImports';
import { ModuleCache } from '../../engine/interp/moduleCache';
import type { BenchResult } from './result';

const MODULES = 300;

function submodule(i: number): string {
  const helpers = Array.from({ length: 12 }, (_, j) => `
def helper${i}_${j}(x, scale=${j + 1}):
    """A helper the model file never calls."""
    if isinstance(x, (list, tuple)):
        return [helper${i}_${j}(v, scale) for v in x]
    return x * scale
`).join('');
  return `import math
import torch
import torch.nn as nn
import torch.nn.functional as F
${i > 0 ? `from .mod${i - 1} import helper${i - 1}_0\n` : ''}
${helpers}

class Thing${i}(nn.Module):
    def __init__(self, dim, hidden=None):
        super().__init__()
        hidden = hidden or dim * 2
        self.fc1 = nn.Linear(dim, hidden)
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))
`;
}

const MODEL = `import torch
import torch.nn as nn
from heavy import Thing3, Thing150, Thing299


class Model(nn.Module):
    def __init__(self, dim=64, classes=10):
        super().__init__()
        self.a = Thing3(dim)
        self.b = Thing150(dim)
        self.c = Thing299(dim)
        self.head = nn.Linear(dim, classes)

    def forward(self, x):
        x = self.a(x)
        x = self.b(x)
        x = self.c(x)
        return self.head(x)


model = Model()
logits = model(torch.randn(8, 64))
`;

export function benchHeavyImports(): BenchResult[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shape-hints-heavy-'));
  try {
    const pkg = path.join(dir, 'heavy');
    fs.mkdirSync(pkg);
    const files: string[] = [];
    const write = (rel: string, text: string): void => {
      fs.writeFileSync(path.join(dir, rel), text);
      files.push(path.join(dir, rel));
    };
    write('heavy/__init__.py', Array.from({ length: MODULES }, (_, i) => `from .mod${i} import Thing${i}, helper${i}_0\n`).join(''));
    for (let i = 0; i < MODULES; i++) write(`heavy/mod${i}.py`, submodule(i));
    const modelFile = path.join(dir, 'model.py');
    fs.writeFileSync(modelFile, MODEL);

    const heap0 = process.memoryUsage().heapUsed;
    const t1 = performance.now();
    const r = analyzeText(MODEL, { fileName: modelFile }, { resolveImport: workspaceImportResolver(modelFile, [dir], [], new LoweredFiles()), moduleCache: new ModuleCache() });
    const firstMs = performance.now() - t1;
    const heapMb = Math.max(0, process.memoryUsage().heapUsed - heap0) / 2 ** 20;
    const t0 = performance.now();
    for (const f of files) lowerPython(fs.readFileSync(f, 'utf8'));
    const lowerAllMs = performance.now() - t0;
    const logits = r.hints.find((h) => h.name === 'logits');
    if (!logits || logits.shapes[0]?.map((d) => d.value).join(',') !== '8,10') throw new Error('the heavy-imports model gave no [8, 10] hint: the benchmark measures nothing');
    const r2 = (x: number): number => Math.round(x * 100) / 100;
    return [
      { name: 'first-hints-heavy-imports-ms', unit: 'ms', value: r2(firstMs), reference: 'parse-and-lower-every-imported-file', referenceValue: r2(lowerAllMs), ratio: r2(firstMs / lowerAllMs) },
      { name: 'first-hints-heavy-imports-heap-mb', unit: 'MB', value: r2(heapMb), reference: null, referenceValue: null, ratio: null },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void (async () => {
    const { initPythonParser } = await import('../../server/frontends/python/parser');
    await initPythonParser();
    console.table([...benchHeavyImports(), ...benchTorchvisionImport()]);
  })();
}

const TRANSFER = (classes: number): string => `import torch
import torch.nn as nn
import torchvision

model = torchvision.models.resnet18()
model.fc = nn.Linear(model.fc.in_features, ${classes})
logits = model(torch.randn(2, 3, 224, 224))
`;

/**
 * A second file importing the installed torchvision must not pay the first one's cost (the
 * library's modules are cached across files): its analysis against the first's, same run. Empty
 * where torchvision is not installed.
 */
export function benchTorchvisionImport(): BenchResult[] {
  if (!fs.existsSync('/usr/lib/python3/dist-packages/torchvision')) return [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shape-hints-tv-'));
  try {
    const lowered = new LoweredFiles();
    const moduleCache = new ModuleCache();
    const run = (name: string, classes: number): number => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, TRANSFER(classes));
      const t = performance.now();
      const r = analyzeText(TRANSFER(classes), { fileName: file }, { resolveImport: workspaceImportResolver(file, [dir], [], lowered), moduleCache });
      const ms = performance.now() - t;
      const logits = r.hints.find((h) => h.name === 'logits');
      if (logits?.shapes[0]?.map((d) => d.value).join(',') !== `2,${classes}`) throw new Error('torchvision transfer gave no hint: the benchmark measures nothing');
      return ms;
    };
    const cold = run('first.py', 10);
    const warm = run('second.py', 7);
    const r2 = (x: number): number => Math.round(x * 100) / 100;
    return [{ name: 'analysis-torchvision-import-warm', unit: 'ms', value: r2(warm), reference: 'analysis-torchvision-import-cold', referenceValue: r2(cold), ratio: r2(warm / cold) }];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
