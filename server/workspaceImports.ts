// Resolving `import models.resnet` / `from .blocks import Bottleneck` to workspace files (and to
// packages installed in a workspace virtualenv or an extra path), read and lowered once per analysis. Only files are read; nothing from the workspace is executed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModuleIR } from '../engine/interp/ir';
import { lowerPython } from './frontends/python/parser';

export function workspaceImportResolver(
  file: string, roots: readonly string[], extraPaths: readonly string[] = [],
): (module: string, level: number, from?: ModuleIR) => ModuleIR | undefined {
  const cache = new Map<string, ModuleIR | undefined>();
  const pathOf = new WeakMap<ModuleIR, string>();
  const searchPath = [...roots, ...extraPaths, ...roots.flatMap(sitePackages)];
  return (module, level, from) => {
    const importer = (from && pathOf.get(from)) ?? file;
    const bases: string[] = [];
    if (level > 0) {
      let dir = path.dirname(importer);
      for (let i = 1; i < level; i++) dir = path.dirname(dir);
      bases.push(dir);
    } else bases.push(path.dirname(importer), ...searchPath);
    const rel = module ? module.split('.') : [];
    for (const base of bases) {
      for (const candidate of [path.join(base, ...rel) + '.py', path.join(base, ...rel, '__init__.py')]) {
        if (candidate === file) continue;
        if (cache.has(candidate)) return cache.get(candidate);
        let ir: ModuleIR | undefined;
        try {
          if (fs.statSync(candidate).isFile()) ir = lowerPython(fs.readFileSync(candidate, 'utf8'));
          if (ir) pathOf.set(ir, candidate);
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

/** A virtual environment's site-packages in a workspace root (`.venv`, `venv`, `env`), read statically. */
export function sitePackages(root: string): string[] {
  const out: string[] = [];
  for (const env of ['.venv', 'venv', 'env']) {
    for (const lib of ['lib', 'lib64']) {
      const dir = path.join(root, env, lib);
      let entries: string[];
      try {
        entries = fs.readdirSync(dir);
      } catch {
        continue;
      }
      for (const py of entries.filter((e) => /^python3(\.\d+)?$/.test(e)).sort()) out.push(path.join(dir, py, 'site-packages'));
    }
    const windows = path.join(root, env, 'Lib', 'site-packages');
    if (fs.existsSync(windows)) out.push(windows);
  }
  return out;
}
