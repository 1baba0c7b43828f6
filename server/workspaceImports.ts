// Resolving `import models.resnet` / `from .blocks import Bottleneck` to workspace files (and to
// packages installed in a workspace virtualenv or an extra path), read and lowered once per run.
// Only files are read; nothing from the workspace is executed.
import { ANALYSED_MODULE } from '../engine/interp/analysedModule';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModuleIR } from '../engine/interp/ir';
import { frontendForPath } from './frontends';
import { pythonImportCandidates } from './frontends/python/frontend';

/** Lowered files by path, shared by the resolvers of one run (each file is lowered once). */
export class LoweredFiles {
  readonly byPath = new Map<string, ModuleIR | undefined>();
  readonly pathOf = new WeakMap<ModuleIR, string>();

  /** The file lowered once per run; undefined when it is not a file a frontend reads. */
  lower(file: string): ModuleIR | undefined {
    if (!this.byPath.has(file)) {
      let ir: ModuleIR | undefined;
      try {
        if (fs.statSync(file).isFile()) ir = lowerFile(file);
      } catch {
        ir = undefined; // no such file: remembered, so the next import does not ask the disk again
      }
      if (ir) this.pathOf.set(ir, file);
      this.byPath.set(file, ir);
    }
    return this.byPath.get(file);
  }
}

export function workspaceImportResolver(
  file: string, roots: readonly string[], extraPaths: readonly string[] = [], files = new LoweredFiles(),
): (module: string, level: number, from?: ModuleIR) => ModuleIR | undefined {
  const searchPath = importSearchPath(roots, extraPaths);
  return (module, level, from) => {
    for (const candidate of importCandidates(module, level, (from && files.pathOf.get(from)) ?? file, searchPath)) {
      // The file itself: the interpreter answers with the running file (see analysedModule.ts).
      if (candidate === file) return ANALYSED_MODULE;
      const ir = files.lower(candidate);
      if (ir) return ir;
    }
    return undefined;
  };
}

/** Where absolute imports look after the importing file's folder: roots, extra paths, virtualenvs. */
export function importSearchPath(roots: readonly string[], extraPaths: readonly string[]): string[] {
  return [...roots, ...extraPaths, ...roots.flatMap(sitePackages), ...environmentSitePackages()];
}

/**
 * Installed libraries that hold no model code and are large to read (pandas alone is hundreds of
 * files): their names stay unknown, so reading them never uses up a file's analysis budget (a
 * yolov5 file importing pandas, PIL and requests lost 12 of its 15 hinted classes).
 */
const UNREAD_LIBRARIES = new Set([
  'pandas', 'matplotlib', 'scipy', 'sklearn', 'requests', 'urllib3', 'PIL', 'cv2', 'yaml', 'tqdm', 'IPython',
  'sympy', 'networkx', 'seaborn', 'plotly', 'tensorboard', 'wandb', 'boto3', 'botocore', 'h5py', 'skimage',
  'psutil', 'git', 'setuptools', 'pkg_resources', 'jinja2', 'pytest', 'numba', 'pyarrow', 'sentencepiece', 'tokenizers',
]);

/** The files an import may name, in the importing file's language's search order. */
export function importCandidates(module: string, level: number, importer: string | undefined, searchPath: readonly string[]): string[] {
  if (level === 0 && UNREAD_LIBRARIES.has(module.split('.')[0])) return [];
  const frontend = importer !== undefined ? frontendForPath(importer) : undefined;
  return (frontend?.importCandidates ?? pythonImportCandidates)(module, level, importer, searchPath);
}

/** A file lowered by the frontend of its language, or undefined for files no frontend reads. */
export function lowerFile(file: string, text = fs.readFileSync(file, 'utf8')): ModuleIR | undefined {
  return frontendForPath(file)?.lower(text, file);
}

/** A virtual environment's site-packages in a workspace root (`.venv`, `venv`, `env`), read statically. */
export function sitePackages(root: string): string[] {
  return ['.venv', 'venv', 'env'].flatMap((env) => prefixSitePackages(path.join(root, env)));
}

/** The site-packages of a Python installation prefix (a virtualenv, a conda environment). */
export function prefixSitePackages(prefix: string): string[] {
  const out: string[] = [];
  for (const lib of ['lib', 'lib64']) {
    const dir = path.join(prefix, lib);
    let entries: string[];
    try {
      entries = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const py of entries.filter((e) => /^python3(\.\d+)?$/.test(e)).sort()) {
      for (const kind of ['site-packages', 'dist-packages']) {
        const candidate = path.join(dir, py, kind);
        if (fs.existsSync(candidate)) out.push(candidate);
      }
    }
  }
  const windows = path.join(prefix, 'Lib', 'site-packages');
  if (fs.existsSync(windows)) out.push(windows);
  return out;
}

/**
 * Packages of the Python the user runs, found by reading folders (never by running it): the
 * active virtualenv or conda environment, then the system's (Debian's python3-torchvision
 * installs in /usr/lib/python3/dist-packages).
 */
export function environmentSitePackages(env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  for (const prefix of [env.VIRTUAL_ENV, env.CONDA_PREFIX]) if (prefix) out.push(...prefixSitePackages(prefix));
  out.push(...prefixSitePackages('/usr/local'));
  if (fs.existsSync('/usr/lib/python3/dist-packages')) out.push('/usr/lib/python3/dist-packages');
  return [...new Set(out)];
}
