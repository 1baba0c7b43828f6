// Shapes a model file gets from the calls other files of the workspace make: `train.py` builds
// `GPT(config)` and calls it on a batch, so `model.py`'s hints can be concrete where the file
// alone has only symbols. The other file runs with `model.py` as its home: its own statements
// record nothing, and what runs in model.py's code is recorded at model.py's places, marked with
// the call that led there. Nothing is executed: the other file is interpreted like any import.
import type { ModuleIR, Range } from './ir';
import { AnalysisAborted, Interpreter } from './interpreter';
import { Recorder, sameTuple, type ShapeDiagnostic, type ShapeHint } from './record';
import { sameShape } from '../shape/shape';
import { runTestFunctions, seedModel, type AnalysisResult, type AnalyzeOptions } from './analysis';
import { seedUsers } from './libraryUsers';
import type { Scope } from './scope';
import { parseShapeComments } from './annotations';
import { obj, type ClassObj } from './objects';
import type { Stmt } from './ir';

/** Statement budget of a caller's own run (a training script's loop must not cost the model file much). */
const CALLER_STEPS = 80_000;
/** Statements left for running the models a caller built (seedModelsBuilt), whatever it spent. */
const SEED_STEPS = 30_000;

/** What one caller's run gave the home file. */
export interface CallerRun {
  /** Hints at the home file's places, each with the calls (`train.py:42`) that reached it. */
  readonly hints: readonly ShapeHint[];
  readonly diagnostics: readonly ShapeDiagnostic[];
  /** Functions of the home file the caller's inputs ran (by their definition's range). */
  readonly functionsRun: readonly Range[];
}

export interface CallerOptions extends Pick<AnalyzeOptions, 'isCancelled' | 'resolveImport' | 'dataFiles'> {
  /** Statement budget for the caller (a training script's loop must not cost the model file much). */
  readonly maxSteps?: number;
  /** `train.py:42` for a place in the caller. */
  readonly describeSite: (site: Range) => string;
  /**
   * What the caller stands for when it is one setting among others (a YAML config: `the values
   * of configs/vae.yaml:2`): hints say so, and a failure is a warning that names it.
   */
  readonly configuration?: string;
}

/**
 * Run `caller` (whose imports resolve `home` to the very IR given) and keep what reached home's
 * code. Undefined when the caller never ran any of home's functions or was cancelled.
 */
export function runCaller(caller: ModuleIR, home: ModuleIR, options: CallerOptions): CallerRun | undefined {
  const recorder = new Recorder();
  if (options.configuration !== undefined) recorder.configuration = options.configuration;
  const interp = new Interpreter({
    recorder,
    home,
    describeSite: options.describeSite,
    resolveImport: options.resolveImport,
    isCancelled: options.isCancelled,
    dataFiles: options.dataFiles,
    maxSteps: options.maxSteps ?? CALLER_STEPS,
  });
  let scope: Scope | undefined;
  try {
    scope = interp.runModule(caller);
    runTestFunctions(interp, scope, caller.body);
  } catch (e) {
    if (!(e instanceof AnalysisAborted)) throw e;
    // Out of budget: what ran so far is still what the caller's inputs give.
    if (options.isCancelled?.()) return undefined;
  }
  // Models the script built get a budget of their own: a training loop that spent the rest
  // must not leave them unrun.
  interp.grantSteps(SEED_STEPS);
  try {
    seedModelsBuilt(interp, home, options.describeSite);
    if (interp.homeFunctionsRun.size === 0 && scope) seedUsers(interp, scope, caller, home);
  } catch (e) {
    if (!(e instanceof AnalysisAborted)) throw e;
    if (options.isCancelled?.()) return undefined;
  }
  if (interp.homeFunctionsRun.size === 0) return undefined;
  return {
    hints: recorder.allHints().filter((h) => h.calledFrom !== undefined),
    diagnostics: recorder.allDiagnostics(),
    functionsRun: [...interp.homeFunctionsRun],
  };
}

/**
 * Models the caller built but never called on an input we know (`X, Y = get_batch('train')`
 * from a memory-mapped file): their forward runs on inputs the code describes, as for a model
 * nobody builds, but with the sizes the caller gave (`n_embd` is 768). Findings stay warnings.
 */
function seedModelsBuilt(interp: Interpreter, home: ModuleIR, describeSite: (site: Range) => string): void {
  const comments = parseShapeComments(home.comments);
  const seen = new Set<ClassObj>();
  for (const inst of interp.homeModelsBuilt) {
    if (seen.has(inst.cls)) continue;
    seen.add(inst.cls);
    const def = home.body.find((s): s is Extract<Stmt, { k: 'class' }> => s.k === 'class' && s.range.start === inst.cls.range.start);
    if (!def || !inst.constructedAt) continue;
    const where = describeSite(inst.constructedAt);
    interp.options.recorder.origin = where;
    try {
      seedModel(interp, inst.cls, def, comments, () => obj(inst), `the input assumed for the ${inst.cls.name} built at ${where}`);
    } finally {
      interp.options.recorder.origin = undefined;
    }
  }
}

/**
 * The home file's own analysis with what its callers gave: a hint that stood only on assumed
 * inputs gives way to the callers' shapes at the same place, other hints gain theirs (as a
 * second call in the file would); a finding that stood only on assumed inputs inside a function
 * a caller ran is dropped (the caller's run said what really happens there).
 */
export function withCallerRuns(own: AnalysisResult, runs: readonly CallerRun[]): AnalysisResult {
  if (runs.length === 0) return own;
  const hints = new Map<string, ShapeHint>();
  const key = (r: Range): string => `${r.start}:${r.end}`;
  for (const h of own.hints) hints.set(key(h.range), h);
  const replaced = new Set<string>();
  for (const run of runs) {
    for (const h of run.hints) {
      const k = key(h.range);
      const mine = hints.get(k);
      if (!mine || (mine.guessed && !replaced.has(k))) {
        hints.set(k, h);
        replaced.add(k);
        continue;
      }
      // A tensor here in one run and a size in another: the tensor's hint is kept (as the recorder does).
      if (mine.kind !== h.kind) {
        if (h.kind === undefined) hints.set(k, h);
        continue;
      }
      hints.set(k, unionHints(mine, h));
    }
  }
  const ran = runs.flatMap((r) => r.functionsRun);
  const inRan = (r: Range): boolean => ran.some((f) => f.start <= r.start && r.end <= f.end);
  const diagnostics = own.diagnostics.filter((d) => !(d.assumed && inRan(d.range)));
  for (const run of runs) {
    for (const d of run.diagnostics) {
      if (!diagnostics.some((x) => x.range.start === d.range.start && x.range.end === d.range.end && x.code === d.code && x.message === d.message)) diagnostics.push(d);
    }
  }
  return {
    hints: [...hints.values()].sort((a, b) => a.range.start - b.range.start),
    diagnostics,
    partial: own.partial,
    ...(own.focus ? { focus: own.focus } : {}),
    get layers() {
      return own.layers;
    },
    get models() {
      return own.models;
    },
  };
}

function unionHints(a: ShapeHint, b: ShapeHint): ShapeHint {
  const shapes = [...a.shapes];
  const dtypes = [...a.dtypes];
  b.shapes.forEach((s, i) => {
    if (!shapes.some((x) => sameShape(x, s))) {
      shapes.push(s);
      dtypes.push(b.dtypes[i]);
    }
  });
  const calledFrom = [...(a.calledFrom ?? []), ...(b.calledFrom ?? []).filter((c) => !a.calledFrom?.includes(c))];
  const { guessed: _guessed, assumption: _assumption, ...rest } = a;
  const items = a.items && b.items ? [...a.items, ...b.items.filter((t) => !a.items!.some((x) => sameTuple(x, t)))] : a.items;
  return {
    ...rest,
    shapes,
    dtypes,
    ...(items ? { items } : {}),
    producers: [...a.producers, ...b.producers.filter((p) => !a.producers.includes(p))],
    ...(calledFrom.length > 0 ? { calledFrom } : {}),
    ...(a.configuration ?? b.configuration ? { configuration: a.configuration ?? b.configuration } : {}),
  };
}
