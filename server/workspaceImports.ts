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
  const searchPath = importSearchPath(roots, extraPaths);
  return (module, level, from) => {
    for (const candidate of importCandidates(module, level, (from && pathOf.get(from)) ?? file, searchPath)) {
      if (candidate === file) continue;
      if (!cache.has(candidate)) {
        let ir: ModuleIR | undefined;
        try {
          if (fs.statSync(candidate).isFile()) ir = lowerPython(fs.readFileSync(candidate, 'utf8'));
        } catch {
          continue;
        }
        if (ir) pathOf.set(ir, candidate);
        cache.set(candidate, ir);
      }
      const ir = cache.get(candidate);
      if (ir) return ir;
    }
    return undefined;
  };
}

/** Where absolute imports look after the importing file's folder: roots, extra paths, virtualenvs. */
export function importSearchPath(roots: readonly string[], extraPaths: readonly string[]): string[] {
  return [...roots, ...extraPaths, ...roots.flatMap(sitePackages)];
}

/**
 * The files an import may name, in Python's order: `a/b.py` then `a/b/__init__.py` in each base
 * (the importer's package for relative imports; its folder then the search path otherwise).
 */
export function importCandidates(module: string, level: number, importer: string | undefined, searchPath: readonly string[]): string[] {
  const bases: string[] = [];
  if (level > 0) {
    if (importer === undefined) return [];
    let dir = path.dirname(importer);
    for (let i = 1; i < level; i++) dir = path.dirname(dir);
    bases.push(dir);
  } else {
    if (importer !== undefined) bases.push(path.dirname(importer));
    bases.push(...searchPath);
  }
  const rel = module ? module.split('.') : [];
  return bases.flatMap((base) => [path.join(base, ...rel) + '.py', path.join(base, ...rel, '__init__.py')]);
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
