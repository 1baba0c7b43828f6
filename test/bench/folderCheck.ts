// A folder run as CI makes it: a generated 300-file package with timm's import shape (a package
// whose __init__ re-exports a `layers` subpackage and every model file, model files importing
// layers by absolute and relative imports and registering their constructors) checked the way
// `shape-hints check` does, against parsing and lowering the same files in the same run.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeText } from '../../server/analyzeFile';
import { lowerPython } from '../../server/frontends/python/parser';
import { LoweredFiles, workspaceImportResolver } from '../../server/workspaceImports';
import { ModuleCache } from '../../engine/interp/moduleCache';
import type { BenchResult } from './result';

const LAYERS = 20;

function layerFile(i: number): string {
  return `import torch
import torch.nn as nn
import torch.nn.functional as F


class Block${i}(nn.Module):
    def __init__(self, dim, hidden=None, drop=0.0):
        super().__init__()
        hidden = hidden or dim * 4
        self.fc1 = nn.Linear(dim, hidden)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(hidden, dim)
        self.drop = nn.Dropout(drop)

    def forward(self, x):
        x = self.fc1(x)
        x = self.act(x)
        x = self.drop(x)
        return self.fc2(x)
`;
}

function modelFile(i: number): string {
  const l = i % LAYERS;
  return `import torch
import torch.nn as nn
from pkg.layers import Block${l}, Block${(l + 1) % LAYERS}
from ..layers.block${(l + 2) % LAYERS} import Block${(l + 2) % LAYERS}
from ._registry import register_model

__all__ = ['Net${i}']


class Net${i}(nn.Module):
    def __init__(self, in_chans=3, num_classes=1000, dim=${32 + (i % 4) * 16}, depth=${2 + (i % 3)}):
        super().__init__()
        self.stem = nn.Conv2d(in_chans, dim, 4, stride=4)
        self.blocks = nn.Sequential(*[Block${l}(dim) for _ in range(depth)])
        self.mix = Block${(l + 1) % LAYERS}(dim)
        self.extra = Block${(l + 2) % LAYERS}(dim)
        self.head = nn.Linear(dim, num_classes)

    def forward(self, x):
        x = self.stem(x)
        x = x.flatten(2).transpose(1, 2)
        x = self.blocks(x)
        x = self.mix(x)
        x = self.extra(x)
        return self.head(x.mean(1))


@register_model
def net${i}(pretrained=False, **kwargs):
    return Net${i}(**kwargs)
`;
}

export function generateTimmLikePackage(dir: string, files: number): string[] {
  const pkg = path.join(dir, 'pkg');
  const models = files - LAYERS - 5;
  fs.mkdirSync(path.join(pkg, 'layers'), { recursive: true });
  fs.mkdirSync(path.join(pkg, 'models'), { recursive: true });
  const write = (rel: string, text: string): void => fs.writeFileSync(path.join(pkg, rel), text);
  write('__init__.py', 'from .layers import *\nfrom .models import *\n');
  write('layers/__init__.py', Array.from({ length: LAYERS }, (_, i) => `from .block${i} import Block${i}\n`).join(''));
  for (let i = 0; i < LAYERS; i++) write(`layers/block${i}.py`, layerFile(i));
  write('models/_registry.py', '_model_entrypoints = {}\n\n\ndef register_model(fn):\n    _model_entrypoints[fn.__name__] = fn\n    return fn\n');
  write('models/__init__.py', Array.from({ length: models }, (_, i) => `from .net${i} import *\n`).join(''));
  for (let i = 0; i < models; i++) write(`models/net${i}.py`, modelFile(i));
  write('models/helpers.py', 'def to_2tuple(x):\n    return (x, x)\n');
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else out.push(path.join(d, e.name));
    }
  };
  walk(pkg);
  return out;
}

export function benchFolderCheck(): BenchResult[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shape-hints-folder-'));
  try {
    const files = generateTimmLikePackage(dir, 300);
    const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
    const t0 = performance.now();
    for (const t of texts) lowerPython(t);
    const parseMs = performance.now() - t0;
    const rss0 = process.memoryUsage().rss;
    const t1 = performance.now();
    const lowered = new LoweredFiles();
    const moduleCache = new ModuleCache();
    let hints = 0;
    files.forEach((file, i) => {
      const r = analyzeText(texts[i], { fileName: file }, { resolveImport: workspaceImportResolver(file, [dir], [], lowered), moduleCache });
      hints += r.hints.length;
    });
    const checkMs = performance.now() - t1;
    const rssMb = Math.max(0, process.memoryUsage().rss - rss0) / 2 ** 20;
    if (hints === 0) throw new Error('the generated package gave no hints: the benchmark measures nothing');
    const perFile = checkMs / files.length;
    const parsePerFile = parseMs / files.length;
    const r2 = (x: number): number => Math.round(x * 100) / 100;
    return [
      { name: 'check-folder-files-per-second', unit: 'files/s', value: r2(1000 / perFile), reference: 'tree-sitter-parse-and-lower-files-per-second', referenceValue: r2(1000 / parsePerFile), ratio: null },
      { name: 'check-folder-ms-per-file', unit: 'ms', value: r2(perFile), reference: 'tree-sitter-parse-and-lower-ms-per-file', referenceValue: r2(parsePerFile), ratio: r2(perFile / parsePerFile) },
      { name: 'check-folder-memory-mb', unit: 'MB', value: r2(rssMb), reference: null, referenceValue: null, ratio: null },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void (async () => {
    const { initPythonParser } = await import('../../server/frontends/python/parser');
    await initPythonParser();
    console.table(benchFolderCheck());
  })();
}
