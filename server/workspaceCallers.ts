// The files of the workspace that import a model file and may build and call its models
// (`train.py`, tests, scripts): found by reading their import lines and resolving them with the
// import search path, never by running anything. Shared by the CLI and the language server.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModuleIR, Range } from '../engine/interp/ir';
import { runCaller, withCallerRuns, type CallerRun } from '../engine/interp/workspaceCalls';
import type { AnalysisResult } from '../engine/interp/analysis';
import { LineIndex } from './lineIndex';
import { workspaceDataFiles } from './dataFiles';
import { LoweredFiles, importCandidates, importSearchPath, lowerFile, workspaceImportResolver } from './workspaceImports';
import { configCallersIn, constructorsOf, mayNameClass, parseConfig, type ConfigCaller, type Constructor, type ParsedConfig } from './configCallers';

type Resolver = (module: string, level: number, from?: ModuleIR) => ModuleIR | undefined;

/** Folders never searched for callers: environments, caches, build output, VCS. */
const SKIPPED_DIRS = new Set(['node_modules', '__pycache__', 'site-packages', 'dist-packages', 'venv', 'env', 'build', 'dist']);
/** Python files looked at per workspace root (a huge monorepo is searched only so far). */
const MAX_FILES = 4000;
/** How long a file's scan is trusted without asking the disk again (ms). */
const RESCAN_MS = 2000;
/** Callers run per model file: the first few tell most of what the workspace does with it. */
export const MAX_CALLERS = 3;
/** YAML files larger than this are data, not configs. */
const MAX_CONFIG_BYTES = 256 * 1024;

/**
 * One name an import binds: `from model import GPT as Net` binds Net to model's GPT (`name`),
 * and also to the submodule model.GPT if there is one; `import pkg.model as m` binds m to a module.
 */
export interface ImportLine {
  readonly module: string;
  readonly level: number;
  /** The name taken from the module (`from module import name`); absent when the module itself is bound. */
  readonly name?: string;
  /** The name the importing file uses. */
  readonly bound: string;
}

interface Scanned {
  readonly mtimeMs: number;
  readonly imports: readonly ImportLine[];
  readonly text: string;
  /** Every name written just before a `(` (`GPT` in `GPT(cfg)` and in `m.GPT(cfg)`): a quick filter. */
  readonly called: ReadonlySet<string>;
}

export interface CallerSource {
  readonly ir: ModuleIR;
  readonly text: string;
}

export class WorkspaceCallers {
  private readonly filesOf = new Map<string, string[]>();
  private readonly scanned = new Map<string, Scanned>();
  private readonly checkedAt = new Map<string, number>();
  private readonly configFilesOf = new Map<string, string[]>();
  /** The import lines of a file (a package's `__init__.py` re-exporting a model file's classes). */
  private readonly importsOf = (file: string): readonly ImportLine[] | undefined => this.scan(file)?.imports;
  private readonly configTexts = new Map<string, { mtimeMs: number; text: string | undefined; parsed?: ParsedConfig | null }>();

  /** Files were added or removed: list the folders again (texts are re-read by modification time). */
  invalidate(): void {
    this.filesOf.clear();
    this.checkedAt.clear();
    this.configFilesOf.clear();
  }

  /**
   * The YAML mappings under `roots` that build one of `names` of `target` by its dotted path
   * (configs/*.yaml's `target: ldm.models.diffusion.ddpm.LatentDiffusion`), or name one by a registry
   * entry that fits its constructor (`constructors`, see configCallers.ts), by path, at most `max`.
   */
  configCallersOf(
    target: string, roots: readonly string[], extraPaths: readonly string[], names: readonly string[], max = MAX_CALLERS,
    constructors: ReadonlyMap<string, Constructor> = new Map(),
  ): ConfigCaller[] {
    if (names.length === 0 || max <= 0) return [];
    const searchPath = importSearchPath(roots, extraPaths);
    const out: ConfigCaller[] = [];
    for (const root of roots) {
      let files = this.configFilesOf.get(root);
      if (!files) this.configFilesOf.set(root, (files = listFiles(root, /\.ya?ml$/i)));
      for (const file of files) {
        const seen = this.configText(file);
        if (seen?.text === undefined || !mayNameClass(seen.text, names)) continue;
        // Parsed once per modification time (null: it does not parse).
        if (seen.parsed === undefined) seen.parsed = parseConfig(seen.text) ?? null;
        if (seen.parsed) out.push(...configCallersIn(file, seen.parsed, target, names, root, searchPath, constructors));
        if (out.length >= max) return out.slice(0, max);
      }
    }
    return out;
  }

  private configText(file: string): { text: string | undefined; parsed?: ParsedConfig | null } | undefined {
    return this.fresh(this.configTexts, file, (st) => {
      let text: string | undefined;
      try {
        text = st.size <= MAX_CONFIG_BYTES ? fs.readFileSync(file, 'utf8') : undefined;
      } catch {
        text = undefined;
      }
      return { mtimeMs: st.mtimeMs, text };
    });
  }

  /**
   * What `read` made of `file`, read again only when its modification time changed. A file looked
   * at moments ago (the same CLI run, the same burst of edits) is taken as it was: a change on
   * disk also arrives as invalidate().
   */
  private fresh<T extends { mtimeMs: number }>(cache: Map<string, T>, file: string, read: (st: fs.Stats) => T | undefined): T | undefined {
    const recent = cache.get(file);
    const now = Date.now();
    if (recent && now - (this.checkedAt.get(file) ?? 0) < RESCAN_MS) return recent;
    this.checkedAt.set(file, now);
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      return undefined;
    }
    const seen = cache.get(file);
    if (seen && seen.mtimeMs === st.mtimeMs) return seen;
    const made = read(st);
    if (made) cache.set(file, made);
    return made;
  }

  /**
   * Files under `roots` whose imports resolve to `target`, those that call one of `names`
   * (`GPT(`) first, at most a few. A function of the file that builds one of them (detr's
   * `build(args)`) is called like them, and so is a function of another file that calls what it
   * imports of them (`build_model(args): return build(args)` in models/__init__.py): one step.
   */
  callersOf(target: string, roots: readonly string[], extraPaths: readonly string[], names: readonly string[]): string[] {
    if (names.length === 0) return [];
    const searchPath = importSearchPath(roots, extraPaths);
    const text = this.scan(target)?.text;
    const builders = text ? buildersIn(text, names) : [];
    const callNames = [...names, ...builders];
    const found = this.direct(target, roots, searchPath, callNames);
    if (found.length < MAX_CALLERS) {
      // Files that wrap the model file's classes or builders in functions of their own.
      for (const file of roots.flatMap((r) => this.files(r))) {
        if (file === target) continue;
        const s = this.scan(file);
        if (!s || !s.imports.some((i) => i.name !== undefined && callNames.includes(i.name) && s.called.has(i.bound))) continue;
        const bound = s.imports.filter((i) => i.name !== undefined && callNames.includes(i.name) && resolvesTo(i, file, searchPath, target, this.importsOf)).map((i) => i.bound);
        const wrappers = bound.length > 0 ? buildersIn(s.text, bound) : [];
        if (wrappers.length === 0) continue;
        for (const f of this.direct(file, roots, searchPath, wrappers)) {
          if (f.file !== target && !found.some((x) => x.file === f.file)) found.push({ file: f.file, near: false });
        }
      }
    }
    // Scripts beside the model file first (nanoGPT's train.py beside model.py), then by path.
    found.sort((a, b) => Number(b.near) - Number(a.near) || a.file.localeCompare(b.file));
    // Then the package's model files that build its classes inside their own (`reversible.py`'s
    // `ReversibleSequence` in `SinkhornTransformer.__init__`): their models are seeded in the run.
    if (found.length < MAX_CALLERS) {
      for (const file of this.users(target, roots, searchPath, names)) if (!found.some((f) => f.file === file)) found.push({ file, near: false });
    }
    return found.slice(0, MAX_CALLERS).map((f) => f.file);
  }

  /** Files that import one of `names` from `target` by name and use it inside a class of their own. */
  private users(target: string, roots: readonly string[], searchPath: readonly string[], names: readonly string[]): string[] {
    const out: string[] = [];
    for (const file of roots.flatMap((r) => this.files(r))) {
      if (file === target || path.basename(file) === '__init__.py') continue;
      const s = this.scan(file);
      if (!s) continue;
      const bound = s.imports.filter((i) => i.name !== undefined && names.includes(i.name) && resolvesTo(i, file, searchPath, target, this.importsOf)).map((i) => i.bound);
      if (bound.length === 0) continue;
      const use = new RegExp(`(?<![\\w.])(?:${bound.map(escapeRegExp).join('|')})(?!\\w)`, 'g');
      const lines = s.text.split('\n');
      for (const m of s.text.matchAll(use)) {
        const line = s.text.slice(0, m.index).split('\n').length - 1;
        if (enclosingHeaders(lines, line).some((h) => /^class\s/.test(h))) {
          out.push(file);
          break;
        }
      }
    }
    return out.sort();
  }

  /** Files whose imports resolve to `target` and that call one of `names` where running them runs it. */
  private direct(target: string, roots: readonly string[], searchPath: readonly string[], names: readonly string[]): { file: string; near: boolean }[] {
    const found: { file: string; near: boolean }[] = [];
    for (const file of roots.flatMap((r) => this.files(r))) {
      if (file === target || path.basename(file) === '__init__.py') continue;
      const s = this.scan(file);
      if (!s) continue;
      if (!names.some((n) => s.called.has(n)) && !s.imports.some((i) => i.name !== undefined && names.includes(i.name) && s.called.has(i.bound))) continue;
      // A call of one of the model file's classes through a name this file imported from it,
      // where running or testing the file runs it.
      const calls = s.imports.flatMap((i) => {
        const call = callPattern(i, names);
        return call && call.test(s.text) && resolvesTo(i, file, searchPath, target, this.importsOf) ? [call] : [];
      });
      if (!calls.some((c) => runsSomething(s.text, c))) continue;
      found.push({ file, near: path.dirname(file) === path.dirname(target) });
    }
    return found;
  }

  private files(root: string): string[] {
    let files = this.filesOf.get(root);
    if (!files) this.filesOf.set(root, (files = listPythonFiles(root)));
    return files;
  }

  private scan(file: string): Scanned | undefined {
    return this.fresh(this.scanned, file, (st) => {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
      const called = new Set<string>();
      for (const m of text.matchAll(/([A-Za-z_]\w*)\s*\(/g)) called.add(m[1]);
      return { mtimeMs: st.mtimeMs, imports: importLines(text), text, called };
    });
  }
}

/**
 * Run each caller with `home` (what each gave, undefined when nothing reached home's code) (the IR of `target` that imports resolve to, so relative imports
 * inside it work) as the file recorded; `source` gives a caller's lowered IR and text (an open
 * document's or the disk's), `resolverFor` the import resolver a file's own analysis uses.
 */
export function runCallers(
  target: string, home: ModuleIR, callers: readonly string[], roots: readonly string[],
  source: (file: string) => CallerSource | undefined,
  resolverFor: (file: string) => { resolve: Resolver; pathOf: (ir: ModuleIR) => string | undefined },
  isCancelled?: () => boolean,
): Map<string, CallerRun | undefined> {
  const runs = new Map<string, CallerRun | undefined>();
  for (const file of callers) {
    if (isCancelled?.()) break;
    const src = source(file);
    if (!src) continue;
    const lines = new LineIndex(src.text);
    const shown = shownPath(file, roots);
    runs.set(file, runOne(target, home, src.ir, file, file, roots, (site) => `${shown}:${lines.position(site.start).line + 1}`, resolverFor, isCancelled));
  }
  return runs;
}

/**
 * Run the callers YAML configs stand for (configCallers.ts), like a file's: what they gave, by
 * `file:line` of the mapping (undefined when nothing reached home's code). Every place of the
 * generated caller is described as that line of the YAML, which hovers cite.
 */
export function runConfigCallers(
  target: string, home: ModuleIR, configs: readonly ConfigCaller[], roots: readonly string[],
  resolverFor: (file: string) => { resolve: Resolver; pathOf: (ir: ModuleIR) => string | undefined },
  isCancelled?: () => boolean,
): Map<string, CallerRun | undefined> {
  const runs = new Map<string, CallerRun | undefined>();
  for (const c of configs) {
    if (isCancelled?.()) break;
    const ir = lowerFile(c.importer, c.text);
    if (!ir) continue;
    const shown = `${shownPath(c.file, roots)}:${c.line}`;
    runs.set(shown, runOne(target, home, ir, c.importer, c.file, roots, () => shown, resolverFor, isCancelled, `the values of ${shown}`));
  }
  return runs;
}

function runOne(
  target: string, home: ModuleIR, ir: ModuleIR, importer: string, reader: string, roots: readonly string[], describeSite: (site: Range) => string,
  resolverFor: (file: string) => { resolve: Resolver; pathOf: (ir: ModuleIR) => string | undefined },
  isCancelled?: () => boolean, configuration?: string,
): CallerRun | undefined {
  const { resolve, pathOf } = resolverFor(importer);
  const run = runCaller(ir, home, {
    resolveImport: (module, level, from) => {
      const found = resolve(module, level, from);
      return found && found !== home && pathOf(found) === target ? home : found;
    },
    isCancelled,
    describeSite,
    dataFiles: workspaceDataFiles(reader, roots, (m) => (m === home ? target : pathOf(m))),
    ...(configuration !== undefined ? { configuration } : {}),
  });
  return run && run.hints.length + run.diagnostics.length > 0 ? run : undefined;
}

/**
 * True when some of a file's results stand on inputs assumed for a model nobody in it calls, or
 * when the file alone gives nothing (a LatentDiffusion whose sub-models only its configs name).
 */
export function needsCallers(result: AnalysisResult): boolean {
  return result.hints.length === 0 || result.hints.some((h) => h.guessed) || result.diagnostics.some((d) => d.assumed);
}

/** The classes a file defines at its top level (what a caller would build: `GPT(`). */
export function topLevelClasses(ir: ModuleIR): string[] {
  return ir.body.flatMap((s) => (s.k === 'class' ? [s.name] : []));
}

/** A CLI run's callers: files read from disk, lowered once per run with the run's other imports. */
export function withDiskCallers(
  result: AnalysisResult & { ir: ModuleIR }, file: string, callers: WorkspaceCallers, roots: readonly string[], extraPaths: readonly string[],
  lowered: LoweredFiles,
): AnalysisResult & { ir: ModuleIR } {
  if (!file.endsWith('.py') || !needsCallers(result)) return result;
  const names = topLevelClasses(result.ir);
  const files = callers.callersOf(file, roots, extraPaths, names);
  const configs = callers.configCallersOf(file, roots, extraPaths, names, MAX_CALLERS - files.length, constructorsOf(result.ir));
  const home = files.length + configs.length > 0 ? lowered.lower(file) : undefined;
  if (!home) return result;
  const resolverFor = (f: string) => ({ resolve: workspaceImportResolver(f, roots, extraPaths, lowered), pathOf: (ir: ModuleIR) => lowered.pathOf.get(ir) });
  const runs = runCallers(file, home, files, roots, (f) => {
    const ir = lowered.lower(f);
    return ir && { ir, text: fs.readFileSync(f, 'utf8') };
  }, resolverFor);
  const configRuns = runConfigCallers(file, home, configs, roots, resolverFor);
  const found = [...runs.values(), ...configRuns.values()].filter((r): r is CallerRun => r !== undefined);
  return found.length > 0 ? Object.assign(withCallerRuns(result, found), { ir: result.ir }) : result;
}

/**
 * The top-level functions of a file's text that call one of `names` (`def build(args): ...
 * model = DETR(...)`): calling them builds the model.
 */
export function buildersIn(text: string, names: readonly string[]): string[] {
  const escape = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const call = new RegExp(`(?<![\\w.])(?:${names.map(escape).join('|')})\\s*\\(`);
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:async[ \t]+)?def[ \t]+([A-Za-z_]\w*)[ \t]*\(/gm)) {
    // The body: up to the next line that starts at column 0 (not blank, not a comment).
    const after = text.slice(m.index + m[0].length);
    const end = after.search(/\n(?=[^\s#])/);
    const body = (end < 0 ? after : after.slice(0, end)).replace(/#[^\n]*/g, '');
    if (call.test(body) && !names.includes(m[1])) out.push(m[1]);
  }
  return out;
}

/**
 * A file that runs the call when run or tested, not only a library defining more classes: the
 * call is in top-level code (under `if`/`for`/`with` too), in a test function, or in any
 * top-level function of a file with a `__main__` block (where `main()` builds the model).
 */
function runsSomething(text: string, call: RegExp): boolean {
  const hasMain = /^if __name__ == ['"]__main__['"]/m.test(text);
  const lines = text.split('\n');
  const global = new RegExp(call.source, 'g');
  for (const m of text.matchAll(global)) {
    const line = text.slice(0, m.index).split('\n').length - 1;
    const chain = enclosingHeaders(lines, line);
    const defs = chain.filter((h) => /^\s*(async\s+)?(def|class)\s/.test(h));
    if (defs.length === 0) return true;
    const outer = defs[defs.length - 1];
    if (/^(async\s+)?def\s+test/.test(outer)) return true;
    if (/^class\s+Test/.test(outer) && defs.length >= 2 && /^\s+(async\s+)?def\s+test/.test(defs[defs.length - 2])) return true;
    if (hasMain && /^(async\s+)?def\s/.test(outer)) return true;
  }
  return false;
}

/** The block headers a line sits in, innermost first (each less indented than the one before). */
function enclosingHeaders(lines: readonly string[], at: number): string[] {
  const indent = (l: string): number => l.length - l.trimStart().length;
  const out: string[] = [];
  let level = indent(lines[at]);
  for (let i = at - 1; i >= 0 && level > 0; i--) {
    const l = lines[i];
    if (l.trim() === '' || l.trimStart().startsWith('#')) continue;
    if (indent(l) < level) {
      out.push(l);
      level = indent(l);
    }
  }
  return out;
}

function shownPath(file: string, roots: readonly string[]): string {
  for (const r of roots) {
    const rel = path.relative(r, file);
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
  }
  return path.basename(file);
}

function escapeRegExp(t: string): string {
  return t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * True when the name `i` imports is `target`'s: the module is `target`, or a package whose
 * `__init__.py` re-exports the name from it (`from vector_quantize_pytorch import ResidualVQ`,
 * the package's `from vector_quantize_pytorch.residual_vq import ResidualVQ`), a few steps deep.
 */
function resolvesTo(
  i: ImportLine, importer: string, searchPath: readonly string[], target: string,
  importsOf?: (file: string) => readonly ImportLine[] | undefined, depth = 0,
): boolean {
  const first = importCandidates(i.module, i.level, importer, searchPath).find((c) => fs.existsSync(c));
  if (first === target) return true;
  if (first === undefined || !importsOf || depth >= 3 || i.name === undefined || i.name === '*' || path.basename(first) !== '__init__.py') return false;
  const name = i.name;
  return (importsOf(first) ?? []).some((r) => r.name === name && r.bound === name && resolvesTo(r, first, searchPath, target, importsOf, depth + 1));
}

/** What a call of one of `names` through this import looks like (`Net(`, `m.GPT(`), if it can call one. */
function callPattern(i: ImportLine, names: readonly string[]): RegExp | undefined {
  const escape = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const classes = names.map(escape).join('|');
  if (i.name === '*') return new RegExp(`(?<![\\w.])(?:${classes})\\s*\\(`);
  if (i.name !== undefined) return names.includes(i.name) ? new RegExp(`(?<![\\w.])${escape(i.bound)}\\s*\\(`) : undefined;
  return new RegExp(`(?<![\\w.])${escape(i.bound)}\\.(?:${classes})\\s*\\(`);
}

/** The names `import` and `from ... import` lines bind (see ImportLine). */
export function importLines(text: string): ImportLine[] {
  const out: ImportLine[] = [];
  for (const m of text.matchAll(/^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)/gm)) {
    const level = m[1].length;
    const base = m[2];
    for (const part of m[3].replace(/[()]/g, '').replace(/#[^\n]*/g, '').split(/[,\n\\]/)) {
      const [name, as, alias] = part.trim().split(/\s+/);
      if (name === '*') out.push({ module: base, level, name, bound: name });
      if (!name || !/^\w+$/.test(name)) continue;
      const bound = as === 'as' && alias ? alias : name;
      out.push({ module: base, level, name, bound });
      out.push({ module: base ? `${base}.${name}` : name, level, bound });
    }
  }
  for (const m of text.matchAll(/^[ \t]*import[ \t]+([\w., \t]+)(?:#.*)?$/gm)) {
    for (const part of m[1].split(',')) {
      const [module, as, alias] = part.trim().split(/\s+/);
      if (module && /^[\w.]+$/.test(module)) out.push({ module, level: 0, bound: as === 'as' && alias ? alias : module });
    }
  }
  return out;
}

function listPythonFiles(root: string): string[] {
  return listFiles(root, /\.py$/);
}

function listFiles(root: string, kind: RegExp): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (out.length >= MAX_FILES || depth > 8) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (out.length >= MAX_FILES) return;
      if (e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) walk(p, depth + 1);
      } else if (e.isFile() && kind.test(e.name)) out.push(p);
    }
  };
  walk(root, 0);
  return out;
}
