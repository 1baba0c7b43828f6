// The engine's one analysis call: run a lowered file, then seed the forward passes nobody called
// (test functions, annotated inputs, and symbolic inputs inferred from a model's first layer).
import { FLATTENED, seedThroughFlatten } from './probeFlatten';
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import type { Expr, ModuleIR, Range, Stmt } from './ir';
import { AnalysisAborted, Interpreter, PyRaise, SeedFound } from './interpreter';
import { ClassObj, FunctionObj, InstanceObj, LayerObj, ProbeShapeObj, PyModuleObj, SymbolicObj, obj, refOf, type CallArgs } from './objects';
import { noteTypeAliases, sizeInputByUse, sizeInputKind, sizeTupleArgument } from './sizeInputs';
import { int, listOf, tupleOf } from './pyvalues';
import { assignsAnything, comparesToNone, constantIndices, delegatedMethod, embeddedNames, readsAttributeOf, subscriptKeys, superInitGiven, testsPresence, usedAsSequence, usesName } from './irSearch';
import { Recorder, isTensorHint, type ShapeDiagnostic, type ShapeHint } from './record';
import { parseShapeComments, type ShapeComment } from './annotations';
import { formatShape } from '../shape/shape';
import { collectInsight, type Insight } from './insight';
import { symbolicMember } from './seeds';
import { shapeKeepingFactories } from './layerFactorySeeds';
import { Dim } from '../shape/dim';
import { squareSizeFor, describeSquareSize } from './squareSizes';
import type { Scope } from './scope';
import type { ModuleCache } from './moduleCache';
import { sliceFor } from './slice';
import { runFactoryFunctions } from './factoryFunctions';
import { keepCountInvariant } from './loopCounts';
import { indexedSizesArgument, unpackedSizesArgument } from './indexedArguments';
import { fieldsClass } from './fieldInputs';
import { ProbeContainerObj, SeedSlots, containerInputKind, levelsInputKind, noteTypeComments, ownItemSizes, typeCommentKinds } from './containerProbes';
import { fixedRankInput, seedThroughChannelsLastPool, seedThroughPassage, seedThroughReorder } from './probePassage';
import { docstringShapes } from './docstringShapes';
import { assertedRanks } from './assertedRank';
import { assertedGiven, presenceAsserted, presenceSets } from './presenceAssertions';
import { forwardSwitches, layerSizesNoneCannotBe, shadowedSwitches } from './flagVariants';
import { AUTOGRAD_FUNCTION } from './torchApi';
import { annotatedModelClass, annotatedSequence, assertedFraction, defaultsAssertedAway, sequencesNoneCannotBe } from './constructorArguments';
import { attributesRead, wrappedModelClass } from './wrappedModels';
import { ANALYSED_MODULE } from './analysedModule';
import { configWithSizes } from './configSizes';
import type { DataFiles } from './dataFiles';
import { holdsOnlyAtSizeOne } from './sizeOneConditions';
import { concatenatesInput } from './cacheInputs';

export interface AnalyzeOptions {
  readonly isCancelled?: () => boolean;
  readonly resolveImport?: (module: string, level: number, from?: ModuleIR) => ModuleIR | undefined;
  readonly maxSteps?: number;
  /** Imported modules shared across analyses (see moduleCache.ts). */
  readonly moduleCache?: ModuleCache;
  /**
   * Only the hints inside this range are wanted (an editor's visible lines): run just the
   * statements they depend on (slice.ts), when that is exact; otherwise everything runs.
   */
  readonly focus?: Range;
  /** Workspace files the code may read (a YAML config): see dataFiles.ts. */
  readonly dataFiles?: DataFiles;
}

export interface AnalysisResult extends Insight {
  readonly hints: readonly ShapeHint[];
  readonly diagnostics: readonly ShapeDiagnostic[];
  /** True when the run stopped early (cancelled or out of budget): results are partial. */
  readonly partial: boolean;
  /** Set when only the statements a range depends on ran: hints are exact inside it only. */
  readonly focus?: Range;
}

export function analyzeModule(ir: ModuleIR, options: AnalyzeOptions = {}): AnalysisResult {
  const recorder = new Recorder();
  const interp = new Interpreter({ recorder, ...options });
  analysedModules.set(interp, ir);
  let partial = false;
  const sliced = options.focus ? sliceFor(ir, options.focus) : undefined;
  const slice = sliced && sliced.length < ir.body.length ? sliced : undefined;
  const run: ModuleIR = slice ? { ...ir, body: slice.map((i) => ir.body[i]) } : ir;
  try {
    const scope = interp.runModule(run);
    const comments = parseShapeComments(ir.comments);
    noteTypeAliases(interp, run.body);
    noteTypeComments(interp, ir.comments);
    runTestFunctions(interp, scope, run.body);
    // Models are usually defined after their blocks and run them with their own inputs: seed
    // classes last to first, so a block is seeded on its own only when no model reached it.
    for (const stmt of [...run.body].reverse()) {
      if (stmt.k === 'class') seedModelClass(interp, scope, scope.vars.get(stmt.name), stmt, comments);
    }
    // A model whose constructor takes what only the file builds: the file's factory functions.
    // (So is one whose assumed arguments stopped its forward partway: `ResNet(block, num_block)`
    // built by `resnet18()` goes through the stages a symbolic block could not.)
    runFactoryFunctions(interp, scope, run.body, (def) => {
      const fdef = findDef(def.body, 'forward');
      return fdef !== undefined && (!keptHintIn(interp, fdef) || stoppedPartway(interp, scope.vars.get(def.name), fdef));
    }, guarded);
    // A block whose assumed arguments gave nothing (`MLP(input_dim, hidden_dim, output_dim,
    // num_layers)`: a list of num_layers layers) may have been built by a model of the file with
    // arguments that say more (`MLP(hidden_dim, hidden_dim, 4, 3)` in DETR's __init__).
    for (const stmt of [...run.body].reverse()) {
      if (stmt.k === 'class') seedBuiltInstance(interp, run.body, scope.vars.get(stmt.name), stmt, comments);
    }
    for (const stmt of run.body) {
      if (stmt.k === 'def' && !stmt.name.startsWith('test')) seedAnnotatedFunction(interp, scope.vars.get(stmt.name), stmt, comments);
    }
  } catch (e) {
    if (!(e instanceof AnalysisAborted)) throw e;
    partial = true;
  }
  const result = resultOf(recorder.allHints(), recorder.allDiagnostics(), partial, interp);
  return slice ? Object.defineProperty(result, 'focus', { value: options.focus, enumerable: true }) : result;
}

/**
 * Seed the model classes of `ir` that `pick` chooses, last to first, as the file's own analysis
 * seeds them (another file's run uses this for the classes that build its models: workspaceCalls.ts).
 */
export function seedModelClasses(
  interp: Interpreter, scope: Scope, ir: ModuleIR, pick: (def: Extract<Stmt, { k: 'class' }>) => boolean,
  switchesOf?: (def: Extract<Stmt, { k: 'class' }>, cls: ClassObj, init: FunctionObj) => string[],
): void {
  if (!analysedModules.has(interp)) analysedModules.set(interp, ir);
  const comments = parseShapeComments(ir.comments);
  const picked = [...ir.body].reverse().filter((s): s is Extract<Stmt, { k: 'class' }> => s.k === 'class' && pick(s));
  for (const stmt of picked) guarded(() => seedModelClass(interp, scope, scope.vars.get(stmt.name), stmt, comments));
  // (Then each with the switches `switchesOf` names on, once all ran with their defaults.)
  for (const stmt of switchesOf ? picked : []) {
    const clsValue = scope.vars.get(stmt.name);
    const cls = clsValue && refOf(clsValue, ClassObj);
    const init = cls?.lookup('__init__');
    const initFn = init && refOf(init.value, FunctionObj);
    const fwd = cls?.lookup('forward');
    const fn = fwd && refOf(fwd.value, FunctionObj);
    if (!cls || !initFn || !fn) continue;
    const switches = switchesOf!(stmt, cls, initFn);
    if (switches.length === 0) continue;
    interp.forwardsRun.delete(fn);
    guarded(() => seedWithSwitchesOn(interp, scope, cls, stmt, comments, fn, switches));
  }
}

/**
 * Layers and models are collected on first read: hovers and forward passes need them, inlay
 * hints and diagnostics (most requests after an edit) do not. The interpreter is finished by
 * now, so collecting later sees exactly what collecting at once would have.
 */
function resultOf(hints: readonly ShapeHint[], diagnostics: readonly ShapeDiagnostic[], partial: boolean, interp: Interpreter): AnalysisResult {
  let insight: Insight | undefined;
  const collected = (): Insight => (insight ??= collectInsight(interp));
  return {
    hints,
    diagnostics,
    partial,
    get layers() {
      return collected().layers;
    },
    get models() {
      return collected().models;
    },
  };
}

function guarded(run: () => void): void {
  try {
    run();
  } catch (e) {
    if (e instanceof PyRaise || e instanceof SeedFound) return;
    throw e;
  }
}

/** Run the file's test functions (`def test_forward():`): they build and call models as users do. */
export function runTestFunctions(interp: Interpreter, scope: Scope, body: readonly Stmt[]): void {
  for (const stmt of body) {
    if (stmt.k === 'def' && stmt.name.startsWith('test')) runTestFunction(interp, scope.vars.get(stmt.name), stmt.range);
  }
}

function runTestFunction(interp: Interpreter, fnValue: Value | undefined, site: Range): void {
  const fn = fnValue && refOf(fnValue, FunctionObj);
  if (!fn || fn.params.some((p) => !p.default && (p.kind === 'positional-or-keyword' || p.kind === 'positional-only' || p.kind === 'keyword-only'))) return;
  guarded(() => interp.callFunction(fn, { args: [], kwargs: {} }, site, undefined));
}

/** Annotated inputs for a function's parameters: jaxtyping annotations, then `# shape:` comments. */
function annotatedInputs(fn: FunctionObj, def: Extract<Stmt, { k: 'def' }>, comments: readonly ShapeComment[]): Map<string, Value> {
  const out = new Map(fn.annotatedShapes);
  const bodyStart = def.body[0]?.range.start ?? def.range.end;
  for (const c of comments) {
    // A comment on the def line or just above it (within a few lines' worth of text).
    if (c.offset < bodyStart && c.offset >= def.range.start - 240 && fn.params.some((p) => p.name === c.name) && !out.has(c.name)) {
      out.set(c.name, c.value);
    }
  }
  return out;
}

function seedAnnotatedFunction(interp: Interpreter, fnValue: Value | undefined, def: Extract<Stmt, { k: 'def' }>, comments: readonly ShapeComment[]): void {
  const fn = fnValue && refOf(fnValue, FunctionObj);
  if (!fn) return;
  const inputs = annotatedInputs(fn, def, comments);
  if (inputs.size === 0) return;
  const args = positionalArgs(fn, 0, inputs);
  if (args) guarded(() => interp.callFunction(fn, { args, kwargs: {} }, def.nameRange, undefined));
}

/** Arguments for the positional parameters from `skip` on; undefined if one is missing. */
function positionalArgs(fn: FunctionObj, skip: number, inputs: Map<string, Value>): Value[] | undefined {
  const out: Value[] = [];
  for (const p of fn.params.slice(skip)) {
    if (p.kind !== 'positional-or-keyword' && p.kind !== 'positional-only') break;
    const v = inputs.get(p.name);
    if (v) out.push(v);
    else if (fn.defaults.has(p.name)) break;
    else return undefined;
  }
  return out;
}

/**
 * A model class whose forward no call site reached: build it with its defaults (required
 * arguments stand for themselves: `dim` is the size `dim`, `config.n_embd` the size `n_embd`) and
 * run forward on inputs the code describes. Each required input starts as a probe; the run stops
 * where a probe first says what it must be (`B, T, C = x.size()`, an einops pattern, its first
 * layer) and starts again with that input, until every input is known or nothing more is said.
 */
function seedModelClass(interp: Interpreter, scope: Scope, clsValue: Value | undefined, def: Extract<Stmt, { k: 'class' }>, comments: readonly ShapeComment[]): void {
  const cls = clsValue && refOf(clsValue, ClassObj);
  if (!cls) return;
  seedModel(interp, cls, def, comments, () => buildInstance(interp, scope, cls, def.nameRange));
  seedSwitchedOn(interp, scope, cls, def, comments, true);
  seedSwitchedOn(interp, scope, cls, def, comments, false);
}

/**
 * After the model built with its defaults: the features switched off by default that forward
 * tests (flagVariants.ts) switched on in a second build, seeded like the first (with `on` false,
 * those switched on by default whose off side builds a layer, switched off). Only places no
 * earlier run hinted take its hints, and what it reports is dropped (a combination of switches
 * may not go together).
 */
function seedSwitchedOn(interp: Interpreter, scope: Scope, cls: ClassObj, def: Extract<Stmt, { k: 'class' }>, comments: readonly ShapeComment[], on: boolean): void {
  const fdef = findDef(def.body, 'forward');
  const init = cls.lookup('__init__');
  const initFn = init && refOf(init.value, FunctionObj);
  const fwd = cls.lookup('forward');
  const fn = fwd && refOf(fwd.value, FunctionObj);
  if (!fdef || !initFn || !fn || !Array.isArray(initFn.body) || !seededOnAssumptions(interp).has(cls) || !hasUnhintedName(interp, fdef.body)) return;
  const switches = forwardSwitches(initFn.params.slice(1), initFn.defaults, initFn.body as readonly Stmt[], fdef.body, on);
  seedWithSwitchesOn(interp, scope, cls, def, comments, fn, switches, on);
  // (A switch forward tests only after another, in an `elif`, gets a build of its own.)
  for (const alone of shadowedSwitches(initFn.body as readonly Stmt[], fdef.body, switches)) {
    if (hasUnhintedName(interp, fdef.body)) seedWithSwitchesOn(interp, scope, cls, def, comments, fn, [alone], on);
  }
}

/**
 * Seed a second build of a class with `switches` set to `on` (arguments that default to the
 * other value). Only places no earlier run hinted take its hints, and what it reports is dropped
 * (a combination of switches may not go together).
 */
export function seedWithSwitchesOn(
  interp: Interpreter, scope: Scope, cls: ClassObj, def: Extract<Stmt, { k: 'class' }>, comments: readonly ShapeComment[], fn: FunctionObj, switches: readonly string[],
  on = true,
): void {
  if (switches.length === 0) return;
  const recorder = interp.options.recorder;
  const hints = recorder.hintsSnapshot();
  const diagnostics = recorder.diagnosticsSnapshot();
  const given: Record<string, Value> = Object.fromEntries(switches.map((n) => [n, { kind: 'bool', value: on } as Value]));
  // (Sizes left None by default that the switched-on layers are built with: given, by name.)
  const init = cls.lookup('__init__');
  const initFn = init && refOf(init.value, FunctionObj);
  if (on && initFn && Array.isArray(initFn.body)) {
    for (const n of layerSizesNoneCannotBe(initFn.params.slice(1), initFn.defaults, initFn.body as readonly Stmt[])) {
      const size = symbolicMember(n);
      if (size.kind === 'int') given[n] = size;
    }
  }
  interp.forwardsRun.delete(fn);
  try {
    seedModel(interp, cls, def, comments, () => buildInstance(interp, scope, cls, def.nameRange, given),
      `the arguments assumed for ${cls.name}(...) with ${switches.map((n) => `${n}=${on ? 'True' : 'False'}`).join(', ')} (nothing in this file builds and calls it)`,
      settledInputs(interp).get(cls));
  } finally {
    recorder.keepOnlyNewPlaces(hints);
    recorder.restoreDiagnostics(diagnostics);
  }
}

/** How many of the instances the file built a block is seeded with. */
const MAX_BUILT_SEEDS = 4;

function seedBuiltInstance(interp: Interpreter, body: readonly Stmt[], clsValue: Value | undefined, def: Extract<Stmt, { k: 'class' }>, comments: readonly ShapeComment[]): void {
  const cls = clsValue && refOf(clsValue, ClassObj);
  const fdef = findDef(def.body, 'forward');
  if (!cls || !fdef || (keptHintIn(interp, fdef) && !stoppedPartway(interp, clsValue, fdef))) return;
  const ownerOf = (site: Range): Extract<Stmt, { k: 'class' }> | undefined =>
    body.find((s): s is Extract<Stmt, { k: 'class' }> => s.k === 'class' && s.range.start <= site.start && site.end <= s.range.end);
  // Built by another class or a function of the file (not by this class's own seeding): each
  // instance, as a call of the model would run each (ConvNeXt's stages build blocks of 96, 192,
  // 384, 768 channels; MaxViT's `MBConv(...)` function builds its residual wrapper).
  const functionOf = (site: Range): Extract<Stmt, { k: 'def' }> | undefined =>
    body.find((s): s is Extract<Stmt, { k: 'def' }> => s.k === 'def' && s.range.start <= site.start && site.end <= s.range.end);
  const builder = (site: Range): string | undefined => ownerOf(site)?.name ?? functionOf(site)?.name;
  const built = (interp.builtInstances.get(cls) ?? []).filter((i) => i.constructedAt && builder(i.constructedAt) && ownerOf(i.constructedAt) !== def).slice(0, MAX_BUILT_SEEDS);
  if (built.length === 0) return;
  const owners = [...new Set(built.map((i) => builder(i.constructedAt!)!))].join(', ');
  // Blocks it calls that were seeded on their own keep their hints: the sizes these instances
  // pass them would only add shapes to places that already read well.
  const before = interp.options.recorder.hintsSnapshot();
  for (const inst of built) {
    // (Said in the guess: places the seeding on assumed arguments lost stay the assumption's own.)
    if (!argumentNotes.has(inst)) argumentNotes.set(inst, [`${cls.name} as ${builder(inst.constructedAt!)} builds it`]);
    interp.forwardsRun.delete(refOf(cls.lookup('forward')!.value, FunctionObj)!);
    seedModel(interp, cls, def, comments, () => obj(inst), `the arguments ${owners} build${built.length > 1 ? '' : 's'} ${cls.name}(...) with (nothing in this file calls it on a known input)`);
  }
  interp.options.recorder.keepOnlyNewPlaces(before);
}

/**
 * Run the forward of a model class nobody called on a known input, on inputs the code describes.
 * `build` makes the instance: built here with assumed arguments, or one another file built
 * (workspaceCalls.ts: `model = GPT(config)` in train.py, whose calls we could not follow).
 */
export function seedModel(
  interp: Interpreter, cls: ClassObj, def: Extract<Stmt, { k: 'class' }>, comments: readonly ShapeComment[], build: () => Value | undefined,
  built = `the arguments assumed for ${cls.name}(...) (nothing in this file builds and calls it)`,
  inputs: ReadonlyMap<string, Value> = new Map(),
): void {
  // (A torch.autograd.Function's static forward(ctx, ...) is seeded as a model's, ctx aside.)
  if (!cls.isModule && !cls.mro().includes(AUTOGRAD_FUNCTION)) return;
  const fwd = cls.lookup('forward');
  const fn = fwd && refOf(fwd.value, FunctionObj);
  if (!fn) return;
  const fdef = findDef(def.body, 'forward');
  // A forward that ran but kept no hint (its only call sat in a loop of unknown count whose
  // shapes did not settle, so its hints were dropped) is seeded as if nobody called it.
  // A forward the file's code ran, where that run left names without a hint (it reached them
  // without a shape: Swin's WindowAttention inside SwinTransformer's stages; or never reached them:
  // lines after `if return_hiddens: return ...` when every call passes return_hiddens=True), is
  // seeded on its own for those names only: the places the file's run hinted keep its shapes.
  let keepModelPlaces: ReturnType<Recorder['hintsSnapshot']> | undefined;
  // A forward inherited from a mixin of the file (DistillMixin under DistillableViT and
  // DistillableEfficientViT) whose seeding under another class raised: this class may go further;
  // the places the first seeding hinted keep its shapes.
  const retryInherited = !fdef && raisedInheritedSeeds.get(interp)?.has(fn) === true;
  // (What such a run reports of a forward the file's code called is dropped: the call reported
  // what it met, and only hints at places it left are added.)
  let keepDiagnostics: ReturnType<Recorder['diagnosticsSnapshot']> | undefined;
  if (interp.forwardsRun.has(fn) && (!fdef || keptHintIn(interp, fdef)) && !retryInherited) {
    if (!fdef || !hasUnhintedName(interp, fdef.body)) return;
    keepModelPlaces = interp.options.recorder.hintsSnapshot();
    if (!onlyGuessedHintsIn(interp, fdef.range)) keepDiagnostics = interp.options.recorder.diagnosticsSnapshot();
  }
  if (retryInherited) keepModelPlaces = interp.options.recorder.hintsSnapshot();
  // Nothing in this file builds or calls the model: what follows stands on what we assume.
  interp.guess = built;
  const counted = interp.symbolicCounts;
  // (Even splits a helper function's seeding assumed are this class's only: seedBeforeHelperFunction.)
  const divisibilityKnown = interp.divisibility.length;
  try {
    const steps = interp.stepsTaken;
    const prior = interp.options.recorder.hintsSnapshot();
    seedBuilt(interp, cls, def, fn, fdef, comments, build, inputs);
    // Loops over a count nobody gave left names of the forward unhinted: the counts they agree on
    // (three runs more, each costing about what this one did, when the step budget has room for them).
    const cost = interp.stepsTaken - steps;
    if (fdef && interp.symbolicCounts > counted && hasUnhintedName(interp, fdef.body) && interp.stepsLeft > 8 * cost + 50_000) {
      const forwardsRun = new Set(interp.forwardsRun);
      const builtInstances = new Map(interp.builtInstances);
      keepCountInvariant(interp.options.recorder, (k) => (interp.assumedLoopCount = k), () => {
        interp.guess = built;
        try {
          return seedBuilt(interp, cls, def, fn, fdef, comments, build, inputs);
        } catch (e) {
          if (!(e instanceof PyRaise || e instanceof SeedFound)) throw e;
          return false;
        } finally {
          // (What the runs on invented counts ran and built is not the file's.)
          interp.forwardsRun.clear();
          for (const f of forwardsRun) interp.forwardsRun.add(f);
          interp.builtInstances.clear();
          for (const [c, b] of builtInstances) interp.builtInstances.set(c, b);
          interp.seededSymbols = new Set();
          interp.seedOwnSymbols = new Map();
          interp.seedConstructorNames = new Set();
        }
      }, prior);
    }
  } finally {
    interp.divisibility.length = divisibilityKnown;
    interp.guess = undefined;
    interp.seededSymbols = new Set();
    interp.seedOwnSymbols = new Map();
    interp.seedConstructorNames = new Set();
    if (keepModelPlaces) interp.options.recorder.keepOnlyNewPlaces(keepModelPlaces);
    if (keepDiagnostics) interp.options.recorder.restoreDiagnostics(keepDiagnostics);
  }
}

/** Build the model and seed its forward (then its optional inputs) on assumed inputs: whether a run went through. */
function seedBuilt(
  interp: Interpreter, cls: ClassObj, def: Extract<Stmt, { k: 'class' }>, fn: FunctionObj, fdef: Extract<Stmt, { k: 'def' }> | undefined,
  comments: readonly ShapeComment[], build: () => Value | undefined, inputs: ReadonlyMap<string, Value>,
): boolean {
  const ranBefore = interp.forwardsRun.has(fn);
  const instance = build();
  if (!instance) return false;
  // A constructor that runs its own forward on an input it makes (BYOL, DINO, EsViT: `self.forward(
  // torch.randn(2, 3, image_size, image_size))` to build their lazily made heads) called it: the
  // places that run hinted keep its shapes, and the seeding below adds only the places it left.
  const kept = !ranBefore && interp.forwardsRun.has(fn) && fdef && keptHintIn(interp, fdef) ? interp.options.recorder.hintsSnapshot() : undefined;
  try {
    seededOnAssumptions(interp).add(cls);
    const annotated = new Map([...inputs, ...(fdef ? annotatedInputs(fn, fdef, comments) : [])]);
    const positional = fn.params.slice(1).filter((p) => p.kind === 'positional-or-keyword' || p.kind === 'positional-only');
    // Required keyword-only inputs (`forward(self, x, *, mask)`) are passed by name after them.
    const keywordOnly = fn.params.filter((p) => p.kind === 'keyword-only' && !fn.defaults.has(p.name));
    let required = [...positional.filter((p) => !fn.defaults.has(p.name)), ...keywordOnly];
    // `forward(self, *args, **kwargs)` that hands them to `self.forward_features(*args, **kwargs)`:
    // the inputs are that method's (DINOv2's vision transformer).
    const varArgs = fn.params.find((p) => p.kind === 'var-positional');
    if (required.length === 0 && varArgs && fdef) {
      const method = delegatedMethod(fdef.body, varArgs.name);
      const target = method && cls.lookup(method);
      const targetFn = target && refOf(target.value, FunctionObj);
      if (targetFn && targetFn !== fn) required = targetFn.params.slice(1).filter((p) => (p.kind === 'positional-or-keyword' || p.kind === 'positional-only') && !targetFn.defaults.has(p.name));
      // `forward(self, *inputs)` that reads `inputs[0]` (and `inputs[1]`): that many inputs.
      else {
        const read = constantIndices(fdef.body, varArgs.name);
        const count = read.length > 0 && read.length <= 4 ? read[read.length - 1] + 1 : 0;
        if (count <= 4) required = Array.from({ length: count }, (_, i) => ({ name: `${varArgs.name}[${i}]`, kind: 'positional-only' as const, range: varArgs.range }));
      }
    }
    // `forward(self, input, **kwargs)` that reads `kwargs['labels']`: an input passed by that name.
    const varKeywords = fn.params.find((p) => p.kind === 'var-keyword');
    if (varKeywords && fdef) {
      for (const { key, range } of subscriptKeys(fdef.body, varKeywords.name)) {
        if (/^[A-Za-z_]\w*$/.test(key) && !fn.params.some((p) => p.name === key)) required = [...required, { name: key, kind: 'keyword-only', range }];
      }
    }
    const settled = new Map<string, Value>();
    const ended = seedForward(interp, cls, def, instance, fn, annotated, required, required, undefined, settled);
    if (ended === 'done') settledInputs(interp).set(cls, settled);
    if (!fdef) {
      const raised = raisedInheritedSeeds.get(interp) ?? new Set<FunctionObj>();
      raisedInheritedSeeds.set(interp, raised);
      if (ended === 'done') raised.delete(fn);
      else raised.add(fn);
    }
    // (The required inputs as that run settled them: the places it hinted keep its shapes, so what
    // the optional input's run adds stands on the same inputs.)
    if (ended === 'done' && fdef) seedGivenOptionals(interp, cls, def, fdef, instance, fn, annotated, positional, keywordOnly, required, [], settled);
    if (ended === 'done' || !fdef) return ended === 'done';
    const given = seedAssertedPresence(interp, cls, def, fdef, instance, fn, annotated, positional, keywordOnly);
    if (given) {
      // (Then the other optional inputs, each beside those.)
      const byName = [...keywordOnly, ...given.filter((p) => p.kind === 'keyword-only')];
      // (Not the others the assertions read: they decided those.)
      const decided = presenceAsserted(fdef.body, fn.params.map((p) => p.name));
      const others = fn.params.filter((p) => decided.has(p.name) && !given.includes(p));
      seedGivenOptionals(interp, cls, def, fdef, instance, fn, annotated, positional, byName, [...required, ...given], others);
      return true;
    }
    // The run with the defaults raised: an optional input the forward needs after all (`t=None`
    // then `assert t is not None`, or `timesteps=None` used as a tensor without a test against
    // None) is seeded like a required one. Those asserted first, then each untested one alone.
    const optional = positional.filter((p) => fn.defaults.get(p.name)?.kind === 'none');
    const asserted = assertedGiven(fdef.body, new Set(optional.map((p) => p.name)));
    const untested = optional.filter((p) => !asserted.has(p.name) && usesName(fdef.body, p.name) && !comparesToNone(fdef.body, p.name));
    const tries = [...(asserted.size > 0 ? [asserted] : []), ...untested.map((p) => new Set([p.name]))];
    for (const given of tries) {
      const last = positional.reduce((at, p, i) => (given.has(p.name) ? i : at), -1);
      const upTo = [...positional.slice(0, last + 1), ...keywordOnly];
      const probed = upTo.filter((p) => !fn.defaults.has(p.name) || given.has(p.name));
      if (seedForward(interp, cls, def, instance, fn, annotated, probed, upTo) === 'done') return true;
    }
    return false;
  } finally {
    if (kept) interp.options.recorder.keepOnlyNewPlaces(kept);
  }
}

/** The inputs the seeding of a class settled on with its defaults (the switched-on build reuses them). */
const settledInputsOf = new WeakMap<Interpreter, Map<ClassObj, Map<string, Value>>>();
function settledInputs(interp: Interpreter): Map<ClassObj, Map<string, Value>> {
  let m = settledInputsOf.get(interp);
  if (!m) settledInputsOf.set(interp, (m = new Map()));
  return m;
}

/** Classes seeded with assumed arguments or inputs (nothing in the file calls them on known ones). */
const seededOnAssumptionsOf = new WeakMap<Interpreter, Set<ClassObj>>();
function seededOnAssumptions(interp: Interpreter): Set<ClassObj> {
  let s = seededOnAssumptionsOf.get(interp);
  if (!s) seededOnAssumptionsOf.set(interp, (s = new Set()));
  return s;
}

/**
 * Whether the class's seeding on assumptions left names of its forward unhinted (it stopped
 * partway, or a symbolic argument made what followed unknown): arguments the file's own code
 * builds it with may take it further.
 */
function stoppedPartway(interp: Interpreter, clsValue: Value | undefined, fdef: Extract<Stmt, { k: 'def' }>): boolean {
  const cls = clsValue && refOf(clsValue, ClassObj);
  return cls !== undefined && seededOnAssumptions(interp).has(cls) && hasUnhintedName(interp, fdef.body);
}

/** How many optional inputs of one forward are each tried as given (each try is a whole run). */
const MAX_GIVEN_OPTIONALS = 3;

/**
 * After a run with the defaults went through: each optional input the forward tests for presence
 * (`mask = None` then `if exists(mask):`, `context = None`, `text_embeds = None`) is given in a run
 * of its own, seeded like a required input, so the lines of the branch a caller takes when it
 * passes one get their shapes. Only a run that goes through counts, and only places no earlier run
 * hinted take its hints; its diagnostics are dropped (the input and the defaults may not go
 * together: a low-resolution image for a model built without that conditioning).
 */
function seedGivenOptionals(
  interp: Interpreter, cls: ClassObj, def: Extract<Stmt, { k: 'class' }>, fdef: Extract<Stmt, { k: 'def' }>, instance: Value, fn: FunctionObj,
  annotated: ReadonlyMap<string, Value>, positional: readonly FunctionObj['params'][number][], keywordOnly: readonly FunctionObj['params'][number][], required: readonly FunctionObj['params'][number][],
  leftOut: readonly FunctionObj['params'][number][] = [], settled: ReadonlyMap<string, Value> = new Map(),
): void {
  const optional = [...positional, ...fn.params.filter((p) => p.kind === 'keyword-only')]
    .filter((p) => fn.defaults.get(p.name)?.kind === 'none' && !required.includes(p) && !leftOut.includes(p) && !annotated.has(p.name) && usesName(fdef.body, p.name) && testsPresence(fdef.body, p.name))
    .slice(0, MAX_GIVEN_OPTIONALS);
  const recorder = interp.options.recorder;
  for (const p of optional) {
    const hints = recorder.hintsSnapshot();
    const diagnostics = recorder.diagnosticsSnapshot();
    const guess = interp.guess;
    const at = positional.indexOf(p);
    const last = Math.max(at, positional.reduce((end, q, i) => (required.includes(q) ? i : end), -1));
    const upTo = [...positional.slice(0, last + 1), ...keywordOnly, ...(p.kind === 'keyword-only' ? [p] : [])];
    const probed = [...required, p];
    let ended: ReturnType<typeof seedForward> = 'raised';
    const unresolved = new Set<string>();
    const ranOn = new Map<string, Value>();
    try {
      ended = seedForward(interp, cls, def, instance, fn, annotated, probed, upTo, unresolved, ranOn);
    } catch (e) {
      if (e instanceof AnalysisAborted) throw e;
    }
    interp.guess = guess;
    // Shapes that stand on an input no op described (still a probe) are not kept; nor those of a run
    // whose required inputs are not the ones the run with the defaults settled (the places that run
    // hinted keep its shapes, and an input beside them would be another run's: mmcv's FFN, where
    // `identity` is added to what the layers make of x, seeded [B, d] there and [B, N, d] here).
    // (Unless the input is a cache the code concatenates with the step's own keys and values, and the
    // step is the defaults' inputs but for one length of the seed's own: one token or a fresh length,
    // as local-attention's `assert seq_len == 1` under `if exists(cache)` asks, or that length plus
    // the cache's, XLNet's attention mask over `mems` and the step's tokens.)
    const sameInputs = [...settled].every(([name, v]) => !ranOn.has(name) || sameShape(ranOn.get(name)!, v))
      || (concatenatesInput(fdef.body, p.name) && decodingStep(settled, ranOn, p.name, constructorNamesOf(cls)));
    if (ended === 'done' && unresolved.size === 0 && sameInputs) recorder.keepOnlyNewPlaces(hints);
    else recorder.restoreHints(hints);
    recorder.restoreDiagnostics(diagnostics);
  }
}

/**
 * The run with the defaults failed an assertion on which optional inputs were given (`assert
 * exists(texts) ^ exists(text_embeds)`): each smallest set of inputs that satisfies those
 * assertions (presenceAssertions.ts) is given in a run of its own, until one goes through with
 * every given input described by an op (a `texts` list handed to a tokenizer we cannot follow says
 * nothing; its `text_embeds` alternative does). Failing that, the first set that went through.
 * Says which inputs were given in the run that stood, if one did.
 */
function seedAssertedPresence(
  interp: Interpreter, cls: ClassObj, def: Extract<Stmt, { k: 'class' }>, fdef: Extract<Stmt, { k: 'def' }>, instance: Value, fn: FunctionObj,
  annotated: ReadonlyMap<string, Value>, positional: readonly FunctionObj['params'][number][], keywordOnly: readonly FunctionObj['params'][number][],
): FunctionObj['params'][number][] | undefined {
  const optional = [...positional, ...fn.params.filter((p) => p.kind === 'keyword-only')].filter((p) => fn.defaults.get(p.name)?.kind === 'none');
  const self = refOf(instance, InstanceObj);
  const sets = presenceSets(fdef.body, optional.map((p) => p.name), (name) => self?.attrs.get(name));
  const recorder = interp.options.recorder;
  const run = (set: readonly string[], unresolved?: Set<string>): ReturnType<typeof seedForward> => {
    const last = positional.reduce((at, p, i) => (set.includes(p.name) ? i : at), -1);
    const upTo = [...positional.slice(0, last + 1), ...keywordOnly, ...optional.filter((p) => p.kind === 'keyword-only' && set.includes(p.name))];
    const probed = upTo.filter((p) => !fn.defaults.has(p.name) || set.includes(p.name));
    return seedForward(interp, cls, def, instance, fn, annotated, probed, upTo, unresolved);
  };
  let fallback: readonly string[] | undefined;
  for (const set of sets) {
    const hints = recorder.hintsSnapshot();
    const diagnostics = recorder.diagnosticsSnapshot();
    const guess = interp.guess;
    const unresolved = new Set<string>();
    const ended = run(set, unresolved);
    if (ended === 'done' && unresolved.size === 0) return optional.filter((p) => set.includes(p.name));
    if (ended === 'done') fallback ??= set;
    recorder.restoreHints(hints);
    recorder.restoreDiagnostics(diagnostics);
    interp.guess = guess;
  }
  return fallback !== undefined && run(fallback) === 'done' ? optional.filter((p) => fallback!.includes(p.name)) : undefined;
}

/** Forwards inherited from a class of the file whose last seeding raised (see seedModel). */
const raisedInheritedSeeds = new WeakMap<Interpreter, Set<FunctionObj>>();

/**
 * Run `forward` with probes for `probed` (the other parameters up to the last of `upTo` keep their
 * defaults), seeding each probe from what the code asks of it. Says how the last run ended.
 */
function seedForward(
  interp: Interpreter, cls: ClassObj, def: Extract<Stmt, { k: 'class' }>, instance: Value, fn: FunctionObj,
  annotated: ReadonlyMap<string, Value>, probed: readonly { name: string }[], upTo: readonly { name: string }[] = probed,
  unresolved?: Set<string>, settled?: Map<string, Value>,
): 'done' | 'assertion' | 'raised' {
  const used = { documented: false };
  const ended = seedForwardOnce(interp, cls, def, instance, fn, annotated, probed, upTo, unresolved, settled, used);
  // (A docstring's shapes that failed: the seeding again, on the code's evidence alone.)
  return ended !== 'done' && used.documented ? seedForwardOnce(interp, cls, def, instance, fn, annotated, probed, upTo, unresolved, settled) : ended;
}

function seedForwardOnce(
  interp: Interpreter, cls: ClassObj, def: Extract<Stmt, { k: 'class' }>, instance: Value, fn: FunctionObj,
  annotated: ReadonlyMap<string, Value>, probed: readonly { name: string }[], upTo: readonly { name: string }[],
  unresolved: Set<string> | undefined, settled: Map<string, Value> | undefined, docstrings?: { documented: boolean },
): 'done' | 'assertion' | 'raised' {
  {
    const params = probed;
    const args: Value[] = [];
    const probes = new Map<Value, string>();
    const byName = upTo.filter((p) => (p as { kind?: string }).kind === 'keyword-only').map((p) => p.name);
    // Inputs annotated as sizes (sizeInputs.ts): `H: int` the size H; a list of sizes, the shape
    // of a probe that the code's unpacking names (its seed is then that tuple or list of sizes).
    const sizeNames: string[] = [];
    const sizeLists = new Map<Value, { arg: Value; kind: 'list' | 'tuple' }>();
    // Inputs that hold tensors (containerProbes.ts): `x: List[Tensor]`, `Dict[str, Tensor]`.
    const slots = new SeedSlots(args);
    const containerEvidence: string[] = [];
    const body = Array.isArray(fn.body) ? (fn.body as readonly Stmt[]) : [];
    const commentKinds = typeCommentKinds(interp, fn.params.slice(1).filter((p) => p.kind === 'positional-or-keyword' || p.kind === 'positional-only').map((p) => p.name), fn.params[fn.params.length - 1]?.range.end ?? 0, body[0]?.range.start ?? 0);
    const fieldsOf = (p: { name: string }): ReturnType<typeof fieldsClass> => fieldsClass((p as { annotation?: Expr }).annotation, (n) => interp.forced(fn.closure.lookup(n)));
    for (const p of upTo) {
      const given = annotated.get(p.name);
      const annotation = (p as { annotation?: Expr }).annotation;
      const byUse = annotation ? undefined : sizeInputByUse(body, p.name, upTo.map((q) => q.name));
      const sizeKind = annotation ? sizeInputKind(annotation, interp) : typeof byUse === 'string' ? byUse : undefined;
      const containerKind = containerInputKind((p as { annotation?: Expr }).annotation) ?? commentKinds.get(p.name) ?? (annotation ? undefined : levelsInputKind(body, p.name));
      if (!params.includes(p)) args.push(fn.defaults.get(p.name) ?? UNKNOWN);
      else if (given) args.push(given);
      else if (typeof byUse === 'object') {
        // Sizes named by position (`x_size[0]`): taken names, as an `H: int` input's is.
        if (byUse.kind === 'tuple') for (const item of byUse.items) if (item.kind === 'int') sizeNames.push(...item.dim.symbols());
        args.push(byUse);
      } else if (fieldsOf(p)) {
        // `tensor_list: NestedTensor`: each field the class keeps, an input of its own.
        const fields = fieldsOf(p)!;
        const container = new ProbeContainerObj('dict', p.name, () => interp.newProbe(), fields);
        slots.containers.push(container);
        containerEvidence.push(`${p.name}: a ${fields.cls.name} of tensors (${fields.names.join(', ')}) from its annotation`);
        args.push(obj(container));
      } else if (containerKind) {
        const container = new ProbeContainerObj(containerKind, p.name, () => interp.newProbe());
        slots.containers.push(container);
        const said = containerInputKind((p as { annotation?: Expr }).annotation) ? 'its annotation' : commentKinds.has(p.name) ? 'its type comment' : 'its name and its iteration';
        containerEvidence.push(`${p.name}: a ${container.kind} of tensors from ${said}`);
        args.push(obj(container));
      } else if (sizeKind === 'int') {
        sizeNames.push(p.name);
        args.push(int(Dim.sym(p.name)));
      } else {
        const probe: Value = { kind: 'tensor', shape: undefined, dtype: undefined };
        interp.probes.add(probe);
        probes.set(probe, p.name);
        if (sizeKind) sizeLists.set(probe, { arg: obj(new ProbeShapeObj(probe)), kind: sizeKind });
        args.push(sizeLists.get(probe)?.arg ?? probe);
      }
    }
    // A rank the forward asserts (`_assert(x.dim() == 4, ...)`): what the input is when no op says more.
    const ranks = assertedRanks(findDef(def.body, 'forward')?.body ?? []);
    // The shape forward's docstring states, where the assertion (if any) agrees with its rank.
    const documented = docstrings ? docstringShapes(body, [...probes.values()]) : new Map<string, Dim[]>();
    for (const [probe, name] of probes) {
      const k = ranks.get(name);
      const dims = documented.get(name);
      if (dims && (k === undefined || k === dims.length) && !interp.probeFallbacks.has(probe as object)) {
        interp.probeFallbacks.set(probe as object, { seed: { kind: 'tensor', shape: dims, dtype: 'float32' }, evidence: DOCUMENTED });
      }
      const seed = k !== undefined ? fixedRankInput({ origin: probe, minRank: k, maxRank: k, via: '' }) : undefined;
      if (seed && !interp.probeFallbacks.has(probe as object)) interp.probeFallbacks.set(probe as object, { seed, evidence: `its rank, which an assertion (\`${name}.dim() == ${k}\`) states` });
    }
    const instanceObj = refOf(instance, InstanceObj);
    // Inputs forward hands as they are to an nn.Embedding of the model (`x = self.token_emb(x)`):
    // token ids, whatever other input is still unknown when the sizes read of them seed them.
    const embedded = embeddedNames(body, (attr) => {
      const layer = instanceObj && refOf(instanceObj.attrs.get(attr) ?? UNKNOWN, LayerObj);
      return layer?.instance.op.names[0] === 'torch.nn.Embedding';
    });
    const evidence: string[] = [...((instanceObj && argumentNotes.get(instanceObj)) ?? []), ...containerEvidence];
    const recorder = interp.options.recorder;
    // Each symbol a seed introduced, with the input whose seed named it first; the interpreter
    // reads their names (a fresh size's name must not be one of them).
    const seeded = new Map<string, string>();
    const seededNames = new Set<string>();
    interp.seededSymbols = seededNames;
    interp.seedOwnSymbols = seeded;
    for (const n of sizeNames) seededNames.add(n);
    // (Those of the bases' constructors too: `super().__init__(*args, **kwargs)` passes them on.)
    const constructorNames = constructorNamesOf(cls);
    interp.seedConstructorNames = constructorNames;
    const solved = new Map<string, Dim>();
    // (Each item a container input has read may take a run of its own.)
    const rounds = (): number => params.length + 3 + slots.itemCount();
    // Inputs (by place) whose rank the seeding chose (Interpreter.rankAssumed).
    const rankAssumedAt = new Set<number>();
    // The spatial sizes a flatten into a written-down Linear fixes (squareSizes.ts): put in
    // place, the run taken back, and said in the guess.
    const solveSquareSize = (): boolean => {
      const square = squareSizeFor(interp.guessConditions, seeded, solved, BATCH_NAMES);
      if (!square) return false;
      recorder.rollback(mark);
      for (const sym of square.symbols) solved.set(sym, square.size);
      slots.mapAll((v) => substituted(v, solved));
      evidence.push(describeSquareSize(square));
      interp.guess = `the input assumed for ${cls.name}.forward, ${evidence.join('; ')} (nothing in this file calls it)`;
      return true;
    };
    let mark!: ReturnType<Recorder['begin']>;
    // A docstring's shape in place: a run it makes fail or report anything keeps nothing (the
    // docstring may be stale: SSD's `loc_data` documented [batch, num_priors*4], used as [batch, num_priors, 4]).
    const documentedUsed = (): boolean => docstrings?.documented === true;
    for (let round = 0; round <= rounds(); round++) {
      mark = recorder.begin();
      const diagnosticsBefore = recorder.diagnosticsSnapshot().size;
      const droppedBefore = interp.assumedPythonFailures;
      interp.guessConditions.length = 0;
      slots.startRun();
      // A run taken back starts the next from the model as built (attributes it set are put back);
      // the run that stands keeps them, as a call would (MUNIT's decoder assigns its AdaIN weights).
      const attributes = interp.trackAttributes();
      let runStands = false;
      try {
        for (const i of rankAssumedAt) interp.rankAssumed.add(args[i] as object);
        interp.callModuleValue(instance, callArgsOf(args, byName), def.nameRange);
        // A size the seed named but the model fixes (`B, T, C = x.size()` then Linear(n_embd)
        // needs C = n_embd): run again with it in place, so hints read n_embd, not C.
        const more = solveSeedSymbols(interp.guessConditions, seeded, solved);
        if (more.size > 0 && round < rounds()) {
          recorder.rollback(mark);
          for (const [k, v] of more) solved.set(k, v);
          slots.mapAll((v) => substituted(v, solved));
          continue;
        }
        if (round < rounds() && solveSquareSize()) continue;
        // An input no op said enough of but whose rank an op fixed (a pooling head): seed that.
        for (const [probe, label] of slots.newItemProbes((v) => interp.probes.has(v), probes)) probes.set(probe, label);
        const fallback = fallbackFor(interp, probes);
        if (fallback && round < rounds()) {
          recorder.rollback(mark);
          const [probe, found] = fallback;
          if (found.evidence === DOCUMENTED) docstrings!.documented = true;
          const slot = slots.locate(probe);
          if (!slot) return 'raised';
          const name = probes.get(probe)!;
          probes.delete(probe);
          const ranked = 'at' in slot ? found.seed : ownItemSizes(found.seed, seeded, name, constructorNames);
          // (Named a mask or inverted, booleans, as a seed found otherwise is.)
          const fallbackSeed = ranked.kind === 'tensor' && (MASK_NAME.test(name) || interp.booleanProbes.has(probe as object)) ? { ...ranked, dtype: 'bool' as const } : ranked;
          for (const d of fallbackSeed.kind === 'tensor' ? fallbackSeed.shape ?? [] : []) for (const s of d.symbols()) { seededNames.add(s); if (!seeded.has(s) && !constructorNames.has(s)) seeded.set(s, name); }
          slots.put(slot, substituted(fallbackSeed, solved));
          evidence.push(`${name}: ${formatShape(found.seed.kind === 'tensor' ? found.seed.shape : undefined)} from ${found.evidence}`);
          interp.guess = `the input assumed for ${cls.name}.forward, ${evidence.join('; ')} (nothing in this file calls it)`;
          continue;
        }
        if (documentedUsed() && recorder.diagnosticsSnapshot().size > diagnosticsBefore) {
          recorder.rollback(mark);
          return 'raised';
        }
        recorder.commit(mark);
        runStands = true;
        // (Inputs no op said anything of: the run went through with them still probes.)
        if (unresolved) for (const name of probes.values()) unresolved.add(name);
        // (The inputs the run stood on, each described by an op.)
        if (settled) upTo.forEach((p, i) => { const v = args[i]; if (v?.kind === 'tensor' && v.shape && !interp.probes.has(v)) settled.set(p.name, v); });
        // (And inputs whose sizes were solved to what may hold nothing, a concatenation's `0` or
        // `3 - C` channels beside the input the first conv reads: it does not go with the model as built.)
        if (unresolved) upTo.forEach((p, i) => { const v = args[i]; if (v?.kind === 'tensor' && v.shape?.some((d) => !d.provablyAtLeast(1))) unresolved.add(p.name); });
        return 'done';
      } catch (caught) {
        for (const [probe, label] of slots.newItemProbes((v) => interp.probes.has(v), probes)) probes.set(probe, label);
        const found = caught instanceof SeedFound ? atOrigin(interp, caught) : caught;
        const stop = found instanceof SeedFound && !probes.has(found.probe) ? (interp.seedBeforeOwnModule(found, def.nameRange) ?? found) : found;
        if (stop instanceof SeedFound && probes.has(stop.probe)) {
          // What the probe run saw stands on an input nobody knew: forget it.
          recorder.rollback(mark);
          // Nothing said by the op that stopped it (`nn.Flatten` after a pooling): what an op
          // before it fixed, if one did. (A layer that said what the pooling cannot have given,
          // a Linear's last axis, leaves the input unknown.)
          const saidNothing = caught instanceof SeedFound && caught.seed === undefined && caught.alternatives.length === 0;
          const fallback = stop.seed || !saidNothing ? undefined : interp.probeFallbacks.get(stop.probe as object);
          let e = fallback ? new SeedFound(stop.probe, fallback.seed, fallback.evidence) : stop;
          if (fallback?.evidence === DOCUMENTED) docstrings!.documented = true;
          // A rank the code checks before raising (`if cos.dim() != 3: raise`): seeds of another
          // rank are inputs it rejects; with none left, the input stays unknown.
          const rank = interp.checkedProbeRanks.get(e.probe as object);
          if (rank !== undefined && e.seed) {
            const [kept, ...others] = [e.seed, ...e.alternatives].filter((c) => c.kind !== 'tensor' || c.shape === undefined || c.shape.length === rank);
            e = new SeedFound(e.probe, kept, e.evidence, others, e.sharesSizes);
          }
          if (!e.seed) return 'raised';
          const name = probes.get(e.probe)!;
          probes.delete(e.probe);
          const sizeList = sizeLists.get(e.probe);
          const slot = slots.locate(sizeList?.arg ?? e.probe);
          if (!slot) return 'raised';
          // Sizes another input's seed named (`H`, `W` of x) are this one's own (`H2`, `W2`) unless
          // the code makes them equal (a condition then solves them): a latent beside the image is
          // not the image's size. The batch is shared.
          // (Those of each candidate: [B, dim] names no tokens, [B, N, dim] beside it does.)
          const own = e.sharesSizes ? new Map<string, Dim>() : new Map([e.seed, ...e.alternatives].flatMap((c) => [...ownSizes(c, name, seeded, constructorNames, seededNames)]));
          e = new SeedFound(e.probe, substituted(e.seed, own), e.evidence, e.alternatives.map((a) => substituted(a, own)));
          let seed = e.seed!;
          if (sizeList) {
            if (seed.kind !== 'tensor' || !seed.shape) return 'raised';
            const sizes = seed.shape.map((d) => int(d));
            for (const d of seed.shape) for (const sym of d.symbols()) { seededNames.add(sym); if (!seeded.has(sym) && !constructorNames.has(sym)) seeded.set(sym, name); }
            slots.put(slot, sizeList.kind === 'list' ? listOf(sizes) : tupleOf(sizes));
            evidence.push(`${name}: (${seed.shape.join(', ')}) from ${e.evidence}`);
            interp.guess = `the input assumed for ${cls.name}.forward, ${evidence.join('; ')} (nothing in this file calls it)`;
            continue;
          }
          // Several inputs fit what the probe said: keep the one the rest of forward goes
          // furthest with (no exception, most recorded; an input still a probe ends every run alike).
          if (e.alternatives.length > 0) {
            let best = -Infinity;
            for (const candidate of [e.seed!, ...e.alternatives]) {
              slots.put(slot, substituted(candidate, solved));
              // (A failure reported on a path that may not run, where the run goes on, counts too.)
              const conditions: GuessCondition[] = [];
              // Sizes of the candidate's own (its `N`), a seed's while it is scored as they are once it
              // stands: a tensor made from it (`out = self.layers(x)`) is not one of the model's beside another input.
              const own = withSeedSymbols(seeded, candidate, name, constructorNames);
              interp.seedOwnSymbols = own;
              let score: number;
              try {
                score = scoreRun(interp, instance, callArgsOf(args, byName), def.nameRange, true, true, conditions);
                // Those the model's configuration fixes (`N = h_s*w_s` by a rearrange, then needed again
                // by an addition): scored as the run that stands will run it, with them in place. (Not a
                // size made another input's: that is the code's demand.)
                const fixed = new Map([...solveSeedSymbols(conditions, own, solved)].filter(([x, v]) => !seeded.has(x) && [...v.symbols()].every((y) => constructorNames.has(y))));
                if (fixed.size > 0) {
                  slots.put(slot, substituted(substituted(candidate, solved), fixed));
                  score = Math.max(score, scoreRun(interp, instance, callArgsOf(args, byName), def.nameRange, true));
                }
              } finally {
                interp.seedOwnSymbols = seeded;
              }
              if (score > best) {
                best = score;
                seed = candidate;
              }
            }
          }
          // Named a mask or inverted (`~mask`): booleans. Named like indices (`idx`, `input_ids`, `tokens`, `labels`): an int64 tensor.
          if (seed.kind === 'tensor' && (MASK_NAME.test(name) || interp.booleanProbes.has(e.probe as object))) seed = { ...seed, dtype: 'bool' };
          else if (seed.kind === 'tensor' && e.evidence.endsWith('= its shape') && (INDEX_NAME.test(name) || embedded.has(name))) seed = { ...seed, dtype: 'int64' };
          // Named otherwise but read by an nn.Embedding (`b, n = x.shape` then `self.token_emb(x)`):
          // int64 where forward goes further with it.
          // (So is one seeded by `x[:, None]` and read by an nn.Embedding, stable diffusion's ClassEmbedder.)
          else if (seed.kind === 'tensor' && (e.evidence.endsWith('= its shape') || e.evidence === NONE_INDEXED) && probes.size === 0) seed = indexDtypeIfFurther(interp, instance, args, byName, (v) => slots.put(slot, v), seed, solved, def.nameRange);
          // An item of a container input: sizes of its own unless the code named them.
          if (!('at' in slot) && !e.evidence.endsWith('= its shape')) seed = ownItemSizes(seed, seeded, name, constructorNames);
          // (A constructor argument's symbol in it, `dim` of [B, N, dim], is not the seed's own.)
          if (seed.kind === 'tensor') for (const d of seed.shape ?? []) for (const s of d.symbols()) { seededNames.add(s); if (!seeded.has(s) && !constructorNames.has(s)) seeded.set(s, name); }
          const container = seed.kind === 'object' ? refOf(seed, ProbeContainerObj) : undefined;
          if (container) container.name = name;
          slots.put(slot, substituted(seed, solved));
          if ('at' in slot && e.evidence.includes(FLATTENED)) rankAssumedAt.add(slot.at);
          evidence.push(`${name}: ${container ? `a ${container.kind} of tensors` : formatShape(seed.kind === 'tensor' ? seed.shape : undefined)} from ${e.evidence}`);
          interp.guess = `the input assumed for ${cls.name}.forward, ${evidence.join('; ')} (nothing in this file calls it)`;
          continue;
        }
        // A run that raised further on still met the sizes before it: the seed's sizes the model
        // fixed there (`c` of [b, c, H, W] = 3) are put in place, as after a run that went through.
        const more = stop instanceof PyRaise || stop instanceof SeedFound ? solveSeedSymbols(interp.guessConditions, seeded, solved) : new Map<string, Dim>();
        if (more.size > 0 && round < rounds()) {
          recorder.rollback(mark);
          for (const [k, v] of more) solved.set(k, v);
          slots.mapAll((v) => substituted(v, solved));
          continue;
        }
        if ((stop instanceof PyRaise || stop instanceof SeedFound) && round < rounds() && solveSquareSize()) continue;
        // Stopped by an index or an unpacking that fails only on what was assumed (Interpreter.diagnose
        // left it out): what the run hinted stands on an input of the wrong rank, so nothing stays.
        if ((stop instanceof PyRaise && interp.assumedPythonFailures > droppedBefore) || documentedUsed()) {
          recorder.rollback(mark);
          return 'raised';
        }
        recorder.commit(mark);
        runStands = true;
        if (stop instanceof PyRaise) return stop.pyType === 'AssertionError' ? 'assertion' : 'raised';
        if (stop instanceof SeedFound) return 'raised';
        throw stop;
      } finally {
        attributes.end(!runStands);
      }
    }
  }
  return 'raised';
}

/** The evidence of an input seeded with its docstring's shape (docstringShapes.ts). */
const DOCUMENTED = 'its shape, which the docstring of forward states';

/** Whether two seeded inputs have the same shape. */
function sameShape(a: Value, b: Value): boolean {
  if (a.kind !== 'tensor' || b.kind !== 'tensor') return a === b;
  return a.shape === b.shape || (a.shape !== undefined && b.shape !== undefined && a.shape.length === b.shape.length && a.shape.every((d, i) => d.same(b.shape![i])));
}

/**
 * Whether the inputs a run with the cache `cache` given ran on (`ranOn`) are those the run with the
 * defaults settled but for at most one size each, a size of the seed's own (`N`, not a constructor
 * argument's `dim`) that is 1 there, a fresh symbol (not the cache's, nor a constructor argument's),
 * or itself plus sizes of the cache's own (the keys' length, `N + i`): the tokens of a decoding step,
 * or what it attends over.
 */
function decodingStep(settled: ReadonlyMap<string, Value>, ranOn: ReadonlyMap<string, Value>, cache: string, constructorNames: ReadonlySet<string>): boolean {
  const symbolsOf = (v: Value | undefined): string[] => (v?.kind === 'tensor' ? (v.shape ?? []).flatMap((d) => [...d.symbols()]) : []);
  const settledSymbols = new Set([...settled.values()].flatMap(symbolsOf));
  const cacheSymbols = new Set(symbolsOf(ranOn.get(cache)).filter((x) => !settledSymbols.has(x)));
  const soleSymbol = (d: Dim): string | undefined => {
    const [x, more] = d.symbols();
    return x !== undefined && more === undefined && d.same(Dim.sym(x)) ? x : undefined;
  };
  return [...settled].every(([name, whole]) => {
    const step = ranOn.get(name);
    if (!step || sameShape(step, whole)) return true;
    if (step.kind !== 'tensor' || whole.kind !== 'tensor' || !step.shape || !whole.shape || step.shape.length !== whole.shape.length) return false;
    const changed = whole.shape.map((d, i) => [d, step.shape![i]] as const).filter(([a, b]) => !a.same(b));
    return changed.length === 1 && changed.every(([a, b]) => {
      const own = soleSymbol(a);
      if (own === undefined || constructorNames.has(own)) return false;
      const fresh = soleSymbol(b);
      if (b.value === 1 || (fresh !== undefined && !settledSymbols.has(fresh) && !cacheSymbols.has(fresh) && !constructorNames.has(fresh))) return true;
      const added = b.sub(a);
      return added.symbols().size > 0 && [...added.symbols()].every((x) => cacheSymbols.has(x)) && added.provablyAtLeast(0);
    });
  });
}

/** The names of the class's constructors' parameters (the bases' too). */
function constructorNamesOf(cls: ClassObj): Set<string> {
  return new Set(cls.mro().flatMap((c) => {
    const init = c.attrs.get('__init__');
    return (init && refOf(init, FunctionObj)?.params.map((p) => p.name)) ?? [];
  }));
}

/** `seeded` with the sizes `candidate` (input `input`'s) introduces, as they would be if it stood. */
function withSeedSymbols(seeded: ReadonlyMap<string, string>, candidate: Value, input: string, constructorNames: ReadonlySet<string>): Map<string, string> {
  const out = new Map(seeded);
  if (candidate.kind !== 'tensor') return out;
  for (const d of candidate.shape ?? []) for (const s of d.symbols()) if (!out.has(s) && !constructorNames.has(s)) out.set(s, input);
  return out;
}

/** Fresh names for the sizes of `seed` that another input's seed named first (all but the batch `B`). */
function ownSizes(seed: Value, input: string, seeded: ReadonlyMap<string, string>, constructorNames: ReadonlySet<string>, taken: ReadonlySet<string>): Map<string, Dim> {
  const out = new Map<string, Dim>();
  if (seed.kind !== 'tensor' || !seed.shape) return out;
  const used = new Set(taken);
  for (const d of seed.shape) {
    for (const sym of d.symbols()) {
      const owner = seeded.get(sym);
      if (sym === 'B' || out.has(sym) || constructorNames.has(sym) || owner === undefined || owner === input) continue;
      let k = 2;
      while (used.has(`${sym}${k}`)) k++;
      used.add(`${sym}${k}`);
      out.set(sym, Dim.sym(`${sym}${k}`));
    }
  }
  return out;
}

/** Whether every hint inside `range` stands on assumed inputs (no call site of the file reached it). */
function onlyGuessedHintsIn(interp: Interpreter, range: Range): boolean {
  return interp.options.recorder.allHints().every((h) => h.range.start < range.start || h.range.end > range.end || h.guessed);
}

/** Whether a name an assignment in `body` binds has no hint (of any kind). */
function hasUnhintedName(interp: Interpreter, body: readonly Stmt[]): boolean {
  const hinted = new Set(interp.options.recorder.allHints().map((h) => h.range.start));
  const names = (e: Expr): Expr[] => (e.k === 'name' ? [e] : e.k === 'tuple' || e.k === 'list' ? e.items.flatMap(names) : e.k === 'starred' ? names(e.value) : []);
  const visit = (stmts: readonly Stmt[]): boolean => stmts.some((st) => {
    if (st.k === 'assign') return st.targets.flatMap(names).some((t) => !hinted.has(t.range.start));
    if (st.k === 'if' || st.k === 'for' || st.k === 'while') return visit(st.body) || visit(st.orelse);
    if (st.k === 'with') return visit(st.body);
    return false;
  });
  return visit(body);
}

/** An input still a probe that an op fixed the rank of (interp.probeFallbacks), with that seed. */
function fallbackFor(interp: Interpreter, probes: ReadonlyMap<Value, string>): [Value, { seed: Value; evidence: string }] | undefined {
  for (const probe of probes.keys()) {
    const f = interp.probeFallbacks.get(probe as object);
    if (f) return [probe, f];
  }
  return undefined;
}

/**
 * What a probe that passed ops keeping its batch, channels and rank (`F.interpolate`) was found to
 * be, said of the input it came from (probePassage.ts); others as they are.
 */
function atOrigin(interp: Interpreter, found: SeedFound): SeedFound {
  let e = found;
  // Through every reorder and passage back to the input (a permute after a pooling...).
  for (let step = 0; step < 8; step++) {
    const back = reorderedBack(interp, e) ?? passedBack(interp, e) ?? pooledBack(interp, e) ?? flattenedBack(interp, e);
    if (!back) break;
    e = back;
  }
  return e;
}

/** What a channels-last pooled probe was found to be, said of the probe it pooled. */
function pooledBack(interp: Interpreter, e: SeedFound): SeedFound | undefined {
  const p = interp.probeChannelsLastPools.get(e.probe as object);
  if (!p) return undefined;
  return carriedBack(e, p.origin, (s) => seedThroughChannelsLastPool(p, s), 'a channels-last pooling');
}

/** What a flattened probe was found to be, said of the probe it flattened (probeFlatten.ts). */
function flattenedBack(interp: Interpreter, e: SeedFound): SeedFound | undefined {
  const f = interp.probeFlattens.get(e.probe as object);
  if (!f) return undefined;
  // (The rank is the seeding's choice unless a product of sizes said the flattened axes.)
  const start = f.start ?? 1;
  const through = (s: Value | undefined): Value | undefined => seedThroughFlatten(s, start, e.sharesSizes);
  const made = through(e.seed);
  const split = made?.kind === 'tensor' && e.seed?.kind === 'tensor' && (made.shape?.length ?? 0) > (e.seed.shape?.length ?? 0);
  return carriedBack(e, f.origin, through, split ? `Tensor.flatten(${start})` : `a flattening (${FLATTENED})`);
}

/** What a reordered probe was found to be, said of the probe it reordered. */
function reorderedBack(interp: Interpreter, e: SeedFound): SeedFound | undefined {
  const r = interp.probeReorders.get(e.probe as object);
  if (!r) return undefined;
  return carriedBack(e, r.origin, (s) => seedThroughReorder(r, s), `Tensor.${'order' in r ? 'permute' : 'transpose'}`);
}

/** What a probe that passed ops keeping its batch, channels and rank was found to be, said of its input. */
function passedBack(interp: Interpreter, e: SeedFound): SeedFound | undefined {
  const p = interp.probePassages.get(e.probe as object);
  if (!p) return undefined;
  const named = e.evidence.endsWith('= its shape');
  return carriedBack(e, p.origin, (s) => seedThroughPassage(p, s, named), p.via);
}

/** What `e` says of a probe, said of the probe `origin` it came from: each seed carried back by `through`. */
function carriedBack(e: SeedFound, origin: Value, through: (seed: Value | undefined) => Value | undefined, after: string): SeedFound {
  const [seed, ...alternatives] = [e.seed, ...e.alternatives].flatMap((s) => {
    const at = through(s);
    return at ? [at] : [];
  });
  return new SeedFound(origin, seed, `${e.evidence} after ${after}`, alternatives, e.sharesSizes);
}

/** What the interpreter says of a probe indexed `x[:, None]` (its dtype is not said). */
const NONE_INDEXED = 'its indexing with one axis and None';

/** Names of inputs that hold masks (`mask`, `attn_mask`, `key_padding_mask`, a NestedTensor's `tensor_list.mask`): booleans. */
const MASK_NAME = /(^|[_.])mask$/i;

/** Names of inputs that hold indices rather than features. */
const INDEX_NAME = /(^|_)(idx|ids|id|index|indices|tokens?|token_ids|labels?|targets?|classes|positions?|timesteps?|t)$/i;

/**
 * `seed` as int64 indices when forward run with floats at `at` draws a complaint (an nn.Embedding
 * given floats) that indices do not, and gets as far with them.
 */
function indexDtypeIfFurther(interp: Interpreter, instance: Value, args: Value[], byName: readonly string[], place: (v: Value) => void, seed: Value, solved: ReadonlyMap<string, Dim>, site: Range): Value {
  if (seed.kind !== 'tensor') return seed;
  const indices: Value = { ...seed, dtype: 'int64' };
  place(substituted(seed, solved));
  const asFloat = scoreRun(interp, instance, callArgsOf(args, byName), site, true);
  place(substituted(indices, solved));
  const asIndices = scoreRun(interp, instance, callArgsOf(args, byName), site, true);
  return asIndices >= asFloat + 100 ? indices : seed;
}

/** Run forward tentatively: how far it got (recorded hints), minus a lot if it raised. */
/** The call of forward with `args`, the last `byName.length` of them passed by those names. */
function callArgsOf(args: readonly Value[], byName: readonly string[]): CallArgs {
  const positional = args.length - byName.length;
  return { args: args.slice(0, positional), kwargs: Object.fromEntries(byName.map((n, i) => [n, args[positional + i]])) };
}

type GuessCondition = Interpreter['guessConditions'][number];

function scoreRun(interp: Interpreter, instance: Value, call: CallArgs, site: Range, countDiagnostics = false, lookAhead = true, conditions?: GuessCondition[]): number {
  const recorder = interp.options.recorder;
  const diagnosticsBefore = recorder.diagnosticsSnapshot().size;
  const droppedBefore = interp.assumedPythonFailures;
  const mark = recorder.begin();
  const boundElsewhere = interp.shapesBoundElsewhere;
  let raised = false;
  let nextInput: SeedFound | undefined;
  try {
    interp.undoingAttributes(() => interp.callModuleValue(instance, call, site));
  } catch (e) {
    if (!(e instanceof PyRaise) && !(e instanceof SeedFound)) {
      recorder.rollback(mark);
      throw e;
    }
    // (Stopped at an item of a container input still a probe, `kx` of `kx, vx = xl_memories`: as
    // far as any candidate goes before that item is seeded, not a failure of this one.)
    raised = !(e instanceof SeedFound && interp.probes.has(e.probe) && !interp.probePassages.has(e.probe) && [...call.args, ...Object.values(call.kwargs)].some((v) => refOf(v, ProbeContainerObj)?.keyOf(e.probe) !== undefined));
    if (e instanceof SeedFound && e.seed && [...call.args, ...Object.values(call.kwargs)].includes(e.probe)) nextInput = e;
  }
  // The run stopped at another input still a probe (a cross-attention's `context` after `x`):
  // every candidate for this one would stop there alike, so the next input is seeded too, with its
  // own best candidate, once (LinearCrossAttention: x [B, N, dim] is kept where context [B, N, dim]
  // goes through and [B, dim] fails the heads' rearrange).
  if (nextInput && lookAhead) {
    recorder.rollback(mark);
    interp.guessConditions.length = 0;
    const found = nextInput;
    const put = (v: Value, seed: Value): Value => (v === found.probe ? seed : v);
    let best = -Infinity;
    for (const seed of [found.seed!, ...found.alternatives]) {
      const next: CallArgs = { args: call.args.map((v) => put(v, seed)), kwargs: Object.fromEntries(Object.entries(call.kwargs).map(([k, v]) => [k, put(v, seed)])) };
      best = Math.max(best, scoreRun(interp, instance, next, site, countDiagnostics, false));
    }
    return best;
  }
  const recorded = recorder.recordedSince(mark) + interp.shapesBoundElsewhere - boundElsewhere;
  conditions?.push(...interp.guessConditions);
  const warned = interp.guessConditions.length;
  // (A condition that holds only where a size of the model is 1, a view of [B, dim] as heads of
  // [B, dim, h, dim // h], fits few builds: it counts against the run, though less than a raise,
  // which fits none. T2T-ViT's token attention reshapes to one head, and is built with one.)
  const fitsFewBuilds = interp.guessConditions.some((c) => c.relation === '=' && holdsOnlyAtSizeOne(c.lhs, c.rhs, interp.seedConstructorNames));
  interp.guessConditions.length = 0;
  // (Failures left out under the assumed input still count against it: see Interpreter.diagnose.)
  const complaints = countDiagnostics ? recorder.diagnosticsSnapshot().size - diagnosticsBefore + interp.assumedPythonFailures - droppedBefore : 0;
  recorder.rollback(mark);
  return recorded - warned - (raised ? 1000 : fitsFewBuilds ? 500 : 0) - 100 * complaints;
}

/**
 * Whether the analysis kept a tensor's hint in the body of `fdef` (this file's): a size
 * (`h = self.heads`) says nothing of the inputs, and an input's own hint kept while every name the
 * body binds lost its hints (the call ran in a loop whose shapes did not settle) shows nothing of
 * the body. A body that binds no name (`return self.net(x)`) has its inputs' hints only.
 */
function keptHintIn(interp: Interpreter, fdef: Extract<Stmt, { k: 'def' }>): boolean {
  const start = assignsAnything(fdef.body) && fdef.body.length > 0 ? fdef.body[0].range.start : fdef.range.start;
  return interp.options.recorder.allHints().some((h) => isTensorHint(h) && h.range.start >= start && h.range.end <= fdef.range.end);
}

/** Names of a seed's batch axis: never a spatial size a condition fixes. */
const BATCH_NAMES: ReadonlySet<string> = new Set(['B', 'b', 'batch', 'bs', 'bsz', 'batch_size']);

/** Values for symbols the seeding introduced that the conditions met fix (linear, exact). */
function solveSeedSymbols(conditions: readonly { lhs: Dim; rhs: Dim; relation: '=' | '>=' }[], seeded: ReadonlyMap<string, string>, solved: ReadonlyMap<string, Dim>): Map<string, Dim> {
  const out = new Map<string, Dim>();
  for (const c of conditions) {
    if (c.relation !== '=') continue;
    const d = c.lhs.sub(c.rhs);
    // The symbol seeded last is solved for: a later input is named after the first (`mask` after `x`).
    const order = [...seeded.keys()];
    for (const s of [...d.symbols()].sort((a, b) => order.indexOf(b) - order.indexOf(a))) {
      if (!seeded.has(s) || solved.has(s) || out.has(s)) continue;
      // Every term a multiple of s (`3*B*N*(dim // h)*h = 3*B*N*dim`): s times the rest is 0, and
      // a size is not 0, so the rest is (a divisibility, `dim % h = 0`), not s.
      if (d.substitute(new Map([[s, Dim.of(0)]])).value === 0) continue;
      const value = d.solveFor(s);
      // Two sizes of one input stay apart (`H = W` is the code's requirement, not a fact of the
      // input); a size of another input is the same size (`mask` [b, i] against `x` [B, N]).
      // (A symbol already given a value, or already standing for another, is not solved again.)
      const taken = [...out.values()].some((v) => v.symbols().has(s));
      if (value && !taken && ![...value.symbols()].some((x) => out.has(x) || (seeded.get(x) === seeded.get(s) && !solved.has(x) && x !== s))) {
        out.set(s, value);
        break;
      }
      // Not solvable for it (`patch_size` of c*patch_size*patch_size = 3*patch_size*patch_size,
      // a size of a model built as an argument): the symbol seeded before it may be.
    }
  }
  return out;
}

function substituted(v: Value, env: ReadonlyMap<string, Dim>): Value {
  if (v.kind !== 'tensor' || !v.shape || env.size === 0) return v;
  return { ...v, shape: v.shape.map((d) => d.substitute(env)) };
}

/** The bodies of the functions a class and its bases define. */
function methodBodies(cls: ClassObj): (readonly Stmt[])[] {
  const out: (readonly Stmt[])[] = [];
  for (const c of cls.mro()) {
    for (const v of c.attrs.values()) {
      const f = refOf(v, FunctionObj);
      if (f && Array.isArray(f.body)) out.push(f.body as readonly Stmt[]);
    }
  }
  return out;
}

function findDef(body: readonly Stmt[], name: string): Extract<Stmt, { k: 'def' }> | undefined {
  for (const s of body) if (s.k === 'def' && s.name === name) return s;
  return undefined;
}

/**
 * Instantiate with defaults. A required argument stands for what its annotation or name says:
 * a dataclass config with defaults is built (`config: GPTConfig`), a size is a symbol named after
 * it (`dim`), and anything else is a symbolic object whose members are named (`config.n_embd`).
 */
function buildInstance(interp: Interpreter, scope: Scope, cls: ClassObj, site: Range, overrides: Readonly<Record<string, Value>> = {}): Value | undefined {
  const init = cls.lookup('__init__');
  const fn = init && refOf(init.value, FunctionObj);
  const kwargs: Record<string, Value> = {};
  const notes: string[] = [];
  if (fn) {
    // An argument whose default None the constructor asserts away (`assert image_size is not None`,
    // EfficientNet's static same-padding convs): required after all, it stands for itself.
    const noneDefaults = new Set(fn.params.filter((p) => fn.defaults.get(p.name)?.kind === 'none').map((p) => p.name));
    // (Asserted where every construction passes: at the constructor's top level, not under an `if`
    // its defaults may not take, as timm's ECA asserts `channels` only for its `use_mlp` variant.)
    const assertedGivenArgs = Array.isArray(fn.body) && noneDefaults.size > 0 ? assertedGiven((fn.body as readonly Stmt[]).filter((s) => s.k === 'assert'), noneDefaults) : new Set<string>();
    // (So is one it uses as a sequence wherever it is built: `range(len(interaction_indexes))`.)
    if (Array.isArray(fn.body) && noneDefaults.size > 0) for (const n of sequencesNoneCannotBe(fn.body as readonly Stmt[], noneDefaults)) assertedGivenArgs.add(n);
    const intDefaults = new Map<string, number>();
    for (const [name, v] of fn.defaults) if (v.kind === 'int' && v.dim.value !== undefined) intDefaults.set(name, v.dim.value);
    const assertedAway = Array.isArray(fn.body) ? defaultsAssertedAway(fn.body as readonly Stmt[], intDefaults) : new Set<string>();
    for (const p of fn.params.slice(1)) {
      // A size whose default this file cannot compute (`text_embed_dim = get_encoded_dim(T5_NAME)`,
      // read from a pretrained model's config): it stands for itself, as if required.
      if (fn.defaults.get(p.name)?.kind === 'unknown' && (p.kind === 'positional-or-keyword' || p.kind === 'keyword-only')) {
        const size = symbolicMember(p.name);
        if (size.kind === 'int') kwargs[p.name] = size;
        continue;
      }
      if ((fn.defaults.has(p.name) && !assertedGivenArgs.has(p.name) && !assertedAway.has(p.name)) || p.kind === 'var-positional' || p.kind === 'var-keyword') continue;
      const body = Array.isArray(fn.body) ? (fn.body as readonly Stmt[]) : [];
      // `assert isinstance(depth, tuple)` (MaxViT's depths per stage): a sequence nobody knows.
      // (`assert 0 < masking_ratio < 1`: a fraction, unknown; `vit: ViT`: that model, built.)
      const guessed = assertedSequence(body, p.name) ? obj(new SymbolicObj(p.name)) : assertedFraction(body, p.name) ? UNKNOWN
        : annotatedArgument(interp, scope, p.annotation, site) ?? sizeTupleArgument(p.name, p.annotation, interp) ?? assertedInstance(interp, scope, body, p.name, cls, site)
          ?? argumentModel(interp, scope, annotatedModelClass(scope, p.annotation), cls, site) ?? wrappedArgument(interp, scope, cls, body, p.name, site, notes) ?? intByAnnotation(symbolicMember(p.name), p.name, p.annotation);
      // A list or tuple by its annotation or its use (`levels: list[int]`, `for l in levels`): of
      // unknown length, never a size (`tensor(levels)` of a size would be a scalar).
      const sequence = guessed.kind === 'int' || guessed.kind === 'unknown' || refOf(guessed, SymbolicObj)
        ? annotatedSequence(p.annotation) ?? (usedAsSequence(body, p.name) ? 'items' : undefined) : undefined;
      // A name like a size (`attn_layers`, `block_cfg` read as `attn_layers.dim`) used as an object is one.
      kwargs[p.name] = sequence === 'either' ? UNKNOWN : sequence ? obj(new SymbolicObj(p.name, sequence))
        : guessed.kind === 'int' && readsAttributeOf(fn.body, p.name) ? obj(new SymbolicObj(p.name))
        // Read only at constant indices (`fpn_dims[0]`): sizes named by position.
        : guessed.kind === 'int' ? indexedSizesArgument(body, p.name, methodBodies(cls)) ?? unpackedSizesArgument(body, methodBodies(cls), p.name) ?? guessed : guessed;
    }
    // `def __init__(self, *args, **kwargs): super().__init__(*args, **kwargs)`: the arguments
    // the next base's constructor requires stand for themselves, by name. (Only where the
    // constructor takes nothing of its own: one that does may pass the base's by name itself.)
    const passesAll = fn.params.slice(1).every((p) => p.kind === 'var-positional' || p.kind === 'var-keyword' || fn.defaults.has(p.name));
    const rest = fn.params.find((p) => p.kind === 'var-keyword');
    // A constructor with arguments of its own that passes `**kwargs` on to super().__init__
    // (glide's Text2ImUNet over UNetModel): the base's required arguments it does not give itself.
    const given = !passesAll && rest && Array.isArray(fn.body) ? superInitGiven(fn.body as readonly Stmt[], rest.name) : undefined;
    if ((passesAll || given) && rest && usesName(fn.body, rest.name)) {
      const own = new Set(fn.params.map((p) => p.name));
      const next = cls.mro().slice(1).map((c) => c.attrs.get('__init__')).find((v) => v !== undefined);
      const base = next && refOf(next, FunctionObj);
      for (const [i, p] of (base?.params.slice(1) ?? []).entries()) {
        if (base!.defaults.has(p.name) || own.has(p.name) || (p.kind !== 'positional-or-keyword' && p.kind !== 'keyword-only')) continue;
        if (given && ((p.kind === 'positional-or-keyword' && i < given.positional) || given.named.has(p.name))) continue;
        const guessed = annotatedArgument(interp, scope, p.annotation, site) ?? intByAnnotation(symbolicMember(p.name), p.name, p.annotation);
        kwargs[p.name] = guessed.kind === 'int' && readsAttributeOf(base!.body, p.name) ? obj(new SymbolicObj(p.name)) : guessed;
      }
    }
    Object.assign(kwargs, shapeKeepingFactories(fn), overrides);
  } else if (cls.dataclassFields) {
    // A generated __init__ (`@dataclass`, attrs' `@attr.s`): its fields without a default stand for themselves.
    for (const f of cls.dataclassFields) if (f.default === undefined && f.factory === undefined) kwargs[f.name] = symbolicMember(f.name);
  } else if (cls.frameworkBase) {
    // `class GroupNorm32(nn.GroupNorm)` with no __init__ of its own: the layer's required arguments.
    for (const p of cls.frameworkBase.init.params) {
      if (p.defaultText === undefined && (p.kind === 'positional-or-keyword' || p.kind === 'keyword-only')) kwargs[p.name] = symbolicMember(p.name);
    }
  }
  let value: Value | undefined;
  guarded(() => {
    value = interp.call(obj(cls), { args: [], kwargs }, site);
  });
  // The defaults failed an assertion that an argument was given where they lead (`if exists(clip):
  // ... else: assert exists(image_embed_dim)`): each smallest set of such arguments, given as they
  // stand for themselves (presenceAssertions.ts), until one builds.
  if (!(value && refOf(value, InstanceObj)) && fn && Array.isArray(fn.body)) {
    const optional = fn.params.slice(1).filter((p) => fn.defaults.get(p.name)?.kind === 'none' && !(p.name in kwargs)).map((p) => p.name);
    for (const set of presenceSets(fn.body as readonly Stmt[], optional, () => undefined)) {
      const given = { ...kwargs, ...Object.fromEntries(set.map((n) => [n, symbolicMember(n)])) };
      guarded(() => {
        value = interp.call(obj(cls), { args: [], kwargs: given }, site);
      });
      if (value && refOf(value, InstanceObj)) break;
    }
  }
  // A config that cannot build the class as it defaults (`cfg: TransformerCfg = TransformerCfg()`
  // with its window None, timm's MaxxVit blocks): its None sizes stand for themselves (configSizes.ts).
  if (!(value && refOf(value, InstanceObj)) && fn) {
    const given: Record<string, Value> = { ...kwargs };
    let changed = false;
    for (const p of fn.params.slice(1)) {
      const cfg = given[p.name] ?? fn.defaults.get(p.name);
      const sized = cfg && configWithSizes(interp, cfg, site);
      if (sized) [given[p.name], changed] = [sized, true];
    }
    if (changed) {
      guarded(() => {
        value = interp.call(obj(cls), { args: [], kwargs: given }, site);
      });
    }
  }
  const instance = value && refOf(value, InstanceObj);
  if (instance && notes.length > 0) argumentNotes.set(instance, notes);
  return instance ? value : undefined;
}

/**
 * `assert isinstance(vit, ViT)` in the constructor, ViT a model class of this file: the argument
 * is that model, built as it would be on its own (vit-pytorch's adapters and wrappers).
 */
function assertedInstance(interp: Interpreter, scope: Scope, body: readonly Stmt[], name: string, owner: ClassObj, site: Range): Value | undefined {
  for (const s of body) {
    if (s.k !== 'assert' || s.test.k !== 'call' || s.test.fn.k !== 'name' || s.test.fn.id !== 'isinstance' || s.test.args.length !== 2) continue;
    const [arg, type] = s.test.args.map((a) => a.value);
    if (arg.k !== 'name' || arg.id !== name) continue;
    // (`isinstance(net, (SinkhornTransformer, SinkhornTransformerLM))`: the first that builds.)
    const types = type.k === 'name' ? [type] : type.k === 'tuple' ? type.items : [];
    for (const t of types) {
      const v = t.k === 'name' ? scope.vars.get(t.id) : undefined;
      const forced = v && interp.forced(v);
      const built = argumentModel(interp, scope, forced && refOf(forced, ClassObj), owner, site);
      if (built) return built;
    }
    return undefined;
  }
  return undefined;
}

/**
 * A model the wrapper reads attributes of (`MPP(transformer, ...)` reads `transformer.cls_token`,
 * `.pos_embedding`...), when one model class of the file, else of its package, sets them all
 * (wrappedModels.ts): built as it would be on its own.
 */
function wrappedArgument(interp: Interpreter, scope: Scope, owner: ClassObj, body: readonly Stmt[], name: string, site: Range, notes: string[]): Value | undefined {
  const read = attributesRead(owner, body, name);
  if (!read) return undefined;
  const classesIn = (vars: Iterable<Value | undefined>): ClassObj[] => [...vars].flatMap((v) => {
    const c = v && refOf(v, ClassObj);
    return c ? [c] : [];
  });
  const fileClasses = (): ClassObj[] => classesIn(scope.vars.values());
  const packageClasses = (): ClassObj[] => {
    // The package the file is in (its `__init__.py`), never the file itself.
    const home = analysedModules.get(interp);
    const ir = interp.options.resolveImport?.('', 1, home);
    if (!ir || ir === home || ir === ANALYSED_MODULE) return [];
    const mod = interp.importModule('', 1);
    const attrs = mod.kind === 'object' && mod.ref instanceof PyModuleObj ? mod.ref.attrs : undefined;
    return attrs ? classesIn([...attrs.values()].map((v) => interp.forced(v))) : [];
  };
  const fit = wrappedModelClass(read, owner, [fileClasses, packageClasses]);
  const chosen = fit?.chosen;
  const built = argumentModel(interp, scope, chosen, owner, site);
  // What the hints then stand on is said with them (seedForward's evidence).
  if (built && chosen) {
    const where = fileClasses().includes(chosen) ? 'of this file' : 'of its package';
    const family = [...new Set([...fileClasses(), ...packageClasses()])].filter((c) => c !== chosen && c.mro().includes(chosen)).map((c) => c.name);
    notes.push(fit!.others.length > 0
      ? `${name}: a ${chosen.name} assumed, of the model classes ${where} that set every attribute ${owner.name} reads of it (${fit!.others.map((c) => c.name).join(', ')} too)`
      : family.length === 0
      ? `${name}: a ${chosen.name}, the one model class ${where} that sets every attribute ${owner.name} reads of it`
      : `${name}: a ${chosen.name}, the model class ${where} that sets every attribute ${owner.name} reads of it, whose forward ${family.join(', ')} share`);
  }
  return built;
}

/** What a model built here was given that the hints stand on (a wrapped model chosen by its attributes). */
const argumentNotes = new WeakMap<InstanceObj, string[]>();

/** The module each analysis runs (a package's `__init__.py` is looked up beside it). */
const analysedModules = new WeakMap<Interpreter, ModuleIR>();

/** `target`, a model class of the file, built as it would be on its own, as the argument of `owner`'s constructor. */
function argumentModel(interp: Interpreter, scope: Scope, target: ClassObj | undefined, owner: ClassObj, site: Range): Value | undefined {
  if (!target?.isModule || target === owner || target.mro().includes(owner) || buildingArguments.has(target)) return undefined;
  // (Two classes asserting each other's instances are not built in a circle.)
  buildingArguments.add(target);
  try {
    return buildInstance(interp, scope, target, site);
  } finally {
    buildingArguments.delete(target);
  }
}

/** Whether `body` asserts `isinstance(name, tuple)` (or list, or a tuple of those). */
function assertedSequence(body: readonly Stmt[], name: string): boolean {
  const sequence = (e: Expr): boolean => (e.k === 'name' && (e.id === 'tuple' || e.id === 'list')) || (e.k === 'tuple' && e.items.length > 0 && e.items.every(sequence));
  return body.some((s) => s.k === 'assert' && s.test.k === 'call' && s.test.fn.k === 'name' && s.test.fn.id === 'isinstance' && s.test.args.length === 2
    && s.test.args[0].value.k === 'name' && s.test.args[0].value.id === name && sequence(s.test.args[1].value));
}

/** Classes being built as the argument of another's constructor (see assertedInstance). */
const buildingArguments = new Set<ClassObj>();

/** `dim: int` is a size; `config: GPTConfig` (a dataclass of this file with defaults) is built. */
/**
 * An argument annotated `int` whose name says nothing (`d_ff: int`, the feed-forward width) is a
 * size named after it, not an object; names of flags and settings stay as their name says.
 */
function intByAnnotation(guessed: Value, name: string, annotation: Expr | undefined): Value {
  return annotation?.k === 'name' && annotation.id === 'int' && refOf(guessed, SymbolicObj) ? int(Dim.sym(name)) : guessed;
}

function annotatedArgument(interp: Interpreter, scope: Scope, annotation: Expr | undefined, site: Range): Value | undefined {
  if (!annotation) return undefined;
  const name = annotation.k === 'name' ? annotation.id : annotation.k === 'str' ? annotation.value : annotation.k === 'attr' ? annotation.name : undefined;
  if (name === undefined || name === 'int' || name === 'float' || name === 'bool' || name === 'str') return undefined;
  const cls = scope.vars.get(name);
  const c = cls && refOf(cls, ClassObj);
  if (!c?.dataclassFields || !c.dataclassFields.every((f) => f.default !== undefined || f.factory !== undefined)) return undefined;
  let value: Value | undefined;
  guarded(() => {
    value = interp.call(cls!, { args: [], kwargs: {} }, site);
  });
  return value;
}

export { UNKNOWN };
