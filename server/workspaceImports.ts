// Resolving `import models.resnet` / `from .blocks import Bottleneck` to workspace files, read
// and lowered once per analysis. Only files are read; nothing from the workspace is executed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModuleIR } from '../engine/interp/ir';
import { lowerPython } from './frontends/python/parser';

export function workspaceImportResolver(file: string, roots: readonly string[]): (module: string, level: number) => ModuleIR | undefined {
  const cache = new Map<string, ModuleIR | undefined>();
  return (module, level) => {
    const bases: string[] = [];
    if (level > 0) {
      let dir = path.dirname(file);
      for (let i = 1; i < level; i++) dir = path.dirname(dir);
      bases.push(dir);
    } else bases.push(path.dirname(file), ...roots);
    const rel = module ? module.split('.') : [];
    for (const base of bases) {
      for (const candidate of [path.join(base, ...rel) + '.py', path.join(base, ...rel, '__init__.py')]) {
        if (candidate === file) continue;
        if (cache.has(candidate)) return cache.get(candidate);
        let ir: ModuleIR | undefined;
        try {
          if (fs.statSync(candidate).isFile()) ir = lowerPython(fs.readFileSync(candidate, 'utf8'));
        } catch {
          continue;
        }
        cache.set(candidate, ir);
        if (ir) return ir;
      }
    }
    return undefined;
  };
}
