// Runs the engine on a program and keeps the latest result per program, valid until the
// program's text or one of the workspace files its imports read changes.
import { performance } from 'node:perf_hooks';
import { analyzeModule, type AnalysisResult } from '../../engine/interp/analysis';
import type { ModuleIR, Range } from '../../engine/interp/ir';
import type { Program } from './program';
import type { Dependencies, ModuleSources } from './moduleSources';
import { MAX_CALLERS, WorkspaceCallers, needsCallers, runCallers, runConfigCallers, topLevelClasses } from '../workspaceCallers';
import { workspaceDataFiles } from '../dataFiles';
import { constructorsOf } from '../configCallers';
import { withCallerRuns, type CallerRun } from '../../engine/interp/workspaceCalls';

export interface Analysis {
  readonly stamp: number;
  readonly result: AnalysisResult;
  readonly ir: ModuleIR;
  readonly deps: Dependencies;
  readonly ms: number;
  /** Shapes from workspace files that call this one joined the result (see withCallers). */
  readonly fromCallers?: boolean;
  /** The file's own result, shown while its workspace callers still have to run (joinCallers). */
  readonly callersPending?: boolean;
}

const EMPTY_IR: ModuleIR = { body: [], comments: [], syntaxErrors: [] };

export class Analyzer {
  private readonly entries = new Map<string, Analysis>();
  /** Analyses of part of a program (the statements a range of lines depends on), one per program. */
  private readonly focused = new Map<string, Analysis>();
  private readonly callers = new WorkspaceCallers();
  /** Callers that gave a model file nothing, by `model\0caller`: the caller's version then, plus one. */
  private readonly fruitless = new Map<string, number>();

  constructor(
    private readonly sources: ModuleSources,
    private readonly log: (message: string) => void,
  ) {}

  /** The cached analysis if it still matches the program and its imports. */
  fresh(program: Program): Analysis | undefined {
    const a = this.entries.get(program.uri);
    return a && a.stamp === program.stamp && this.sources.unchanged(a.deps) ? a : undefined;
  }

  /** The last analysis of the program, however old. */
  last(uri: string): Analysis | undefined {
    return this.entries.get(uri);
  }

  /**
   * Analyses now. Returns undefined when cancelled (nothing is cached then). An engine failure
   * is logged and cached as an empty result, so the same text is not retried on every request.
   */
  analyze(
    program: Program, roots: readonly string[], extraPaths: readonly string[], isCancelled: () => boolean, focus?: Range, deferCallers = false,
  ): Analysis | undefined {
    const stamp = program.stamp;
    const deps: Dependencies = new Map();
    const t0 = performance.now();
    let ir = EMPTY_IR;
    let result: AnalysisResult;
    let fromCallers = false;
    let callersPending = false;
    try {
      ir = program.lower();
      const cancelled = (): boolean => isCancelled() || program.stamp !== stamp;
      result = analyzeModule(ir, {
        isCancelled: cancelled,
        resolveImport: this.sources.resolver(program.path, roots, extraPaths, deps),
        focus,
        ...(program.path ? { dataFiles: workspaceDataFiles(program.path, roots, (m) => this.sources.pathOfModule(m)) } : {}),
      });
      if (deferCallers && !result.focus && !result.partial && this.hasCallers(program, ir, result, roots, extraPaths)) {
        callersPending = true;
      } else if (!result.focus && !result.partial) {
        const own = result;
        result = this.withCallers(program, ir, result, roots, extraPaths, deps, cancelled);
        fromCallers = result !== own;
      }
    } catch (e) {
      this.log(`analysis of ${program.uri} failed: ${(e as Error).stack ?? String(e)}`);
      result = { hints: [], diagnostics: [], partial: true, layers: [], models: [] };
    }
    if (result.partial && (isCancelled() || program.stamp !== stamp)) return undefined;
    const analysis: Analysis = {
      stamp, result, ir, deps, ms: performance.now() - t0, ...(fromCallers ? { fromCallers } : {}), ...(callersPending ? { callersPending } : {}),
    };
    // A focused analysis serves the hints of its range only: it never stands for the program.
    if (result.focus) this.focused.set(program.uri, analysis);
    else this.entries.set(program.uri, analysis);
    return analysis;
  }

  /**
   * The workspace callers of an analysis made with `deferCallers`, run now: the joined analysis
   * replaces it (undefined when cancelled or when the program changed meanwhile). A file's first
   * hints do not wait for train.py and its imports to run (timm's vision_transformer.py: 4 s
   * alone, 14 s with the files that import it).
   */
  joinCallers(program: Program, pending: Analysis, roots: readonly string[], extraPaths: readonly string[], isCancelled: () => boolean): Analysis | undefined {
    if (!pending.callersPending || this.entries.get(program.uri) !== pending) return undefined;
    const t0 = performance.now();
    const deps: Dependencies = new Map(pending.deps);
    const cancelled = (): boolean => isCancelled() || program.stamp !== pending.stamp;
    let result: AnalysisResult;
    try {
      result = this.withCallers(program, pending.ir, pending.result, roots, extraPaths, deps, cancelled);
    } catch (e) {
      this.log(`workspace callers of ${program.uri} failed: ${(e as Error).stack ?? String(e)}`);
      result = pending.result;
    }
    if (cancelled() || this.entries.get(program.uri) !== pending) return undefined;
    const analysis: Analysis = {
      stamp: pending.stamp, result, ir: pending.ir, deps, ms: pending.ms + performance.now() - t0, ...(result !== pending.result ? { fromCallers: true } : {}),
    };
    this.entries.set(program.uri, analysis);
    return analysis;
  }

  /** Whether withCallers would have workspace files or configs to run for this result. */
  private hasCallers(program: Program, ir: ModuleIR, result: AnalysisResult, roots: readonly string[], extraPaths: readonly string[]): boolean {
    const file = program.path;
    if (!file || !file.endsWith('.py') || roots.length === 0 || !needsCallers(result)) return false;
    const names = topLevelClasses(ir);
    const files = this.callers.callersOf(file, roots, extraPaths, names);
    return files.length > 0 || this.callers.configCallersOf(file, roots, extraPaths, names, MAX_CALLERS - files.length, constructorsOf(ir)).length > 0;
  }

  /**
   * A model file whose models nothing in it calls: the workspace files that import it (train.py,
   * tests) run with it as their home, and what their calls give it joins the result. Each caller
   * is a dependency, so editing train.py re-analyses the model file.
   */
  private withCallers(
    program: Program, ir: ModuleIR, result: AnalysisResult, roots: readonly string[], extraPaths: readonly string[], deps: Dependencies, cancelled: () => boolean,
  ): AnalysisResult {
    const file = program.path;
    if (!file || !file.endsWith('.py') || roots.length === 0 || !needsCallers(result)) return result;
    const names = topLevelClasses(ir);
    const files = this.callers.callersOf(file, roots, extraPaths, names);
    // YAML configs that name its classes (`target: ldm.models.autoencoder.AutoencoderKL`) fill the rest.
    const configs = this.callers.configCallersOf(file, roots, extraPaths, names, MAX_CALLERS - files.length, constructorsOf(ir));
    if (files.length + configs.length === 0) return result;
    const home = this.sources.module(file) ?? ir;
    for (const f of [...files, ...configs.map((c) => c.file)]) deps.set(f, this.sources.versionOf(f));
    // A caller that gave this file nothing (its calls sit in a parametrised test) is not run again
    // on every edit of the model file: only once it changes.
    const fruitful = files.filter((f) => this.fruitless.get(`${file}\0${f}`) !== this.sources.versionOf(f) + 1);
    const resolverFor = (f: string) => ({
      resolve: this.sources.resolver(f, roots, extraPaths, deps),
      pathOf: (m: ModuleIR) => this.sources.pathOfModule(m),
    });
    const runs = runCallers(file, home, fruitful, roots, (f) => this.sources.source(f), resolverFor, cancelled);
    const configRuns = runConfigCallers(file, home, configs, roots, resolverFor, cancelled);
    if (cancelled()) return { ...result, partial: true, layers: [], models: [] };
    for (const [f, run] of runs) if (!run) this.fruitless.set(`${file}\0${f}`, this.sources.versionOf(f) + 1);
    return withCallerRuns(result, [...runs.values(), ...configRuns.values()].filter((r): r is CallerRun => r !== undefined));
  }

  /** Files were created or deleted: the callers of model files are searched for again. */
  filesCreatedOrDeleted(): void {
    this.callers.invalidate();
  }

  /** The last focused analysis, if it is of this text and its range holds `range`. */
  freshFocused(program: Program, range: Range): Analysis | undefined {
    const a = this.focused.get(program.uri);
    const f = a?.result.focus;
    return a && f && a.stamp === program.stamp && this.sources.unchanged(a.deps) && f.start <= range.start && range.end <= f.end ? a : undefined;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
    this.focused.delete(uri);
  }

  /** Programs whose last analysis read `file`. */
  dependentsOf(file: string): string[] {
    const out: string[] = [];
    for (const [uri, a] of this.entries) if (a.deps.has(file)) out.push(uri);
    return out;
  }
}
