// The abstract interpreter: runs the core IR the way Python and PyTorch would, on abstract
// values. Tensors carry shapes; every op goes through the registry; unknown things become
// Unknown and quietly yield no hint. A failing op raises like PyTorch would, and that path stops.
import { ANALYSED_MODULE } from './analysedModule';
import { checkedRank } from './rankChecks';
import { attrsDecorator, attrsFields } from './attrsClasses';
import { layerAttribute } from './layerAttributes';
import { divisibilityHolding, holdsByDivisibility, type DivisibilityFact } from './divisibility';
import { Dim, floorDivisionsIn } from '../shape/dim';
import type { TensorValue, Value } from '../value';
import { UNKNOWN, NONE } from '../value';
import { isIterSource, tensorOpHook } from './attrSource';
import { applyFunction as applyDecl, callModule as callDecl, constructModule as constructDecl, type ModuleInstance, type OpResult } from '../ops/apply';
import type { TraceNode } from '../ops/trace';
import type { OpDecl } from '../ops/op';
import { assumptionFixes, constructorSyntax, errorFixes, readableProduct, viewSizeFixes, type ConstructorSyntax, type OuterCall } from './fixes';
import type { ModuleOp, OpError } from '../ops/op';
import { lookupOp } from '../ops/registry';
import type { Arg, BinaryOp, CompareOp, Expr, ModuleIR, Param, Range, Stmt } from './ir';
import {
  BoundMethodObj, BuiltinObj, ClassObj, ContainerObj, DeviceObj, DictObj, FieldObj, FrameworkModuleObj, FunctionObj, InstanceObj, LayerObj, OpRefObj, type DataclassField,
  LazyImportObj, PartialObj, ProbeShapeObj, PyModuleObj, containerView, SuperObj, SymbolicObj, UnionObj, foreignObjects, isModuleLike, nextSerial, obj, refOf, type CallArgs,
} from './objects';
import { DictViewObj, IteratorObj, RangeObj, SetObj, bool, dictSet, int, iteratorOf, keyOf, lastOfOpen, listOf, isOpaque, markOpen, rangeItem, setOf, str, truthy, tupleOf } from './pyvalues';
import { countedRepeat } from './loopCounts';
import { inplaceBinary, scalarBinary, scalarCompare, scalarRaises, valuesEqual } from './pyOperators';
import { deleteItem, setListOrDictItem } from './pyMethods';
import { pyRepr, pyStr, strItem } from './pyStrings';
import { MutableState, branchRoots } from './unknownFlow';
import { builtinException, catches } from './pyExceptions';
import { isSuppress, type DataFiles } from './dataFiles';
import { pythonBuiltins } from './builtins';
import { literalValue, PYTHON_BUILTIN_NAMES } from './evalString';
import { PyRaise, raise } from './pyRaise';
import type { Fix, Recorder, ShapeDiagnostic } from './record';
import { recordValueHints } from './valueHints';
import { legacyTypeDtype } from './legacyTensorTypes';
import { Scope } from './scope';
import { profileOf, type LanguageProfile } from './languages';
import { timmFallbackModule } from './timmHelpers';
import { isTimmModelBuilder, timmBuild } from './timmBuilder';
import { INDEXING_METHODS, classIndicesFor, logitsSeed, overClasses } from './lossInputs';
import { fairscaleFallbackModule } from './fairscaleLayers';
import { mmcvFallbackModule } from './mmcvLayers';
import { detectron2FallbackModule } from './detectron2Layers';
import { rotaryFallbackModule } from './rotaryEmbedding';
import { knownModule } from './knownModules';
import { moduleAttr } from './moduleMethods';
import type { Host } from './host';
import type { ModuleCache, Resolution } from './moduleCache';
import { joinBranches, joinValues } from './join';
import { freeNames, generatorKind, generatorOf, watchedObjects, type GeneratorRun } from './generators';
import { describeConditions } from './conditions';
import { MutationLog } from './speculation';
import { conditionNames, configurationCondition, flipsWithNoneInputs, comparedNumbersRead, untakenPath } from './untakenBranches';
import { foldedValues } from './valueFolding';
import { namedUnsettledWidth } from './namedWidths';
import { namedLibrarySize } from './librarySizes';
import { dropReturnFacts, joinReturns, noteGuardedReturns, type ReturnFacts } from './guardedReturns';
import { branchFacts, combinedFacts, joinUnderFacts, negatedFacts, sizeEqualityUnknown, sizeOrderUnknown, sizeTruthUnknown, substitutionOf } from './sizeFacts';
import { itemPastKnown, lostShape } from './openItems';
import { decoratedBy } from './decorators';
import { forgetLastItem, readLastItem } from './lastItems';
import { exitsByIteration } from './loopExits';
import { attentionMemoryInput, keyPaddingMaskInput, inputBesideConcatenated, inputsBesidePacked, inputsBroadcastWith, inputForConvFunction, inputForEinsumTerm, einsumTerms, inputViewedBySizes, inputsForCdist, inputsForMatmul, inputsForNormFunction, inputForPattern, inputsForEllipsisPattern, inputsAfterOwnModule, inputsForLayer, symbolicMember } from './seeds';
import { branchesOn, usesName, valuesAssigned } from './irSearch';
import { partialAttr } from './functionTypes';
import { sizeAtUnknownKey } from './sizeTables';
import { SOME_FLOAT, isOpen, openListOf, repeatedItem, sampleOf, sameValue } from './pyvalues';
import { ProbeContainerObj } from './containerProbes';
import { joinOfAlikeItems, tensorOfAlikeNumbers } from './alikeItemsJoin';
import { AUTOGRAD_CONTEXT, AUTOGRAD_FUNCTION, resolveTorchAttr, tensorAttr } from './torchApi';
import { PackedSequenceObj, packedRecurrentInput, packedSequenceAttr } from './packedSequences';
import { recurrentBatchFirst } from '../ops/recurrent/rnn';
import { annotationShape } from './annotations';
import { FLATTENED, type Flatten, flattenedWidth, inputForRows, isFlattenFunction, isFlattenLayer, isFlattenMethod, isFlattenView, trailingFlattenStart } from './probeFlatten';
import { assertedLength, starredSizeNames } from './starredCounts';
import { freshSizeName, inputsBeforeTransposedInput, rightOperandBeside } from './matmulSeeds';
import { NAMED_TUPLE_BASE, namedTupleAttr, namedTupleInstance } from './namedTuples';
import { LIGHTNING_MODULE, savedHyperparameters } from './lightning';
import { builtinMixin, enumBaseMixin, enumLookup, makeEnumMembers } from './enums';
import { channelsLastPoolOf, fixedRankInput, functionRanks, globalPoolRank, layerRanks, passageOf, reductionRanks, reorderOf, reorderRank, type ChannelsLastPool, type Passage, type Reorder } from './probePassage';

export { PyRaise };

/** The run was cancelled or ran out of budget: stop everything. */
export class AnalysisAborted extends Error {}

/**
 * A probe input told what it must be: it reached its first layer, was unpacked into named
 * sizes (`B, T, C = x.size()`) or met an einops pattern. Rerun with `seed` in its place
 * (undefined: nothing to seed it with).
 */
export class SeedFound {
  constructor(
    readonly probe: Value,
    readonly seed: Value | undefined,
    readonly evidence: string,
    /** Other inputs the evidence admits (a Linear first layer: [B, d] or [B, N, d]). */
    readonly alternatives: readonly Value[] = [],
    /** The seed is a tensor's the code combines the input with, sizes and all (not the input's own names). */
    readonly sharesSizes = false,
  ) {}
}

type Completion = 'normal' | 'return' | 'break' | 'continue';

interface Frame {
  readonly scope: Scope;
  readonly returns: Value[];
  /** The class being defined (class bodies) or owning the running method (for super()). */
  readonly owner?: ClassObj;
  readonly self?: Value;
  /** The function running (for locals()). */
  readonly fn?: FunctionObj;
  /** Iterations the loops enclosing the running statement make together (see execFor). */
  loopIterations?: number;
  /** How many `break` and `return` statements this frame ran (a loop that may end early). */
  exits?: number;
  /** What held where returns under an undecided size condition ran (guardedReturns.ts). */
  returnFacts?: ReturnFacts;
  /** A generator function's body running: what it yields (generators.ts). */
  generator?: GeneratorRun;
}

export interface InterpreterOptions {
  readonly recorder: Recorder;
  readonly isCancelled?: () => boolean;
  /** Resolve `import x` / `from .y import z` of workspace files to their lowered IR. */
  /** `from` is the imported file doing the import (undefined: the file being analysed). */
  readonly resolveImport?: (module: string, level: number, from?: ModuleIR) => ModuleIR | undefined;
  /** Statement budget for one analysis (guards against runaway loops). */
  readonly maxSteps?: number;
  /** Imported modules shared with other analyses (a folder run, the editor's next analysis). */
  readonly moduleCache?: ModuleCache;
  /**
   * Record for this imported file instead of the file run (workspaceCalls.ts: `train.py` run to
   * see what its calls give `model.py`): the file run is then the foreign one.
   */
  readonly home?: ModuleIR;
  /** Words for a place in the file run (`train.py:42`), when `home` is set. */
  readonly describeSite?: (site: Range) => string;
  /** Workspace files the code may read (a YAML config): dataFiles.ts. */
  readonly dataFiles?: DataFiles;
}

const MAX_DEPTH = 40;
const MAX_RECURSION = 12;
/** Instances of one class one outermost construction may make (a model has far fewer). */
const MAX_INSTANCES_PER_BUILD = 512;
const MAX_LOOP = 2000;
/** Loop iterations run one by one in a file run for another's sake (see loopBudget). */
const VISITING_LOOP = 4;

/** One outermost call of a model (user module or container) and the trace it produced. */
export interface ModelCall {
  readonly model: Value;
  readonly site: Range;
  readonly inputs: readonly Value[];
  readonly output: Value;
  readonly traceStart: number;
  readonly traceEnd: number;
}

/** Statements one analysis runs at most (`maxSteps` overrides it). */
const MAX_STEPS = 400_000;

export class Interpreter implements Host {
  /** The language of the code running now (its builtins and plain-value methods). */
  profile: LanguageProfile = profileOf('python');
  readonly probes = new WeakSet<object>();
  /** Symbols the seeding of a model nobody calls already gave its inputs (analysis.ts): a new input's sizes take other names. */
  seededSymbols: ReadonlySet<string> = new Set();
  /** Of those, the ones a seed introduced itself (`B`, `N`), not a constructor argument's (`dim`). */
  seedOwnSymbols: ReadonlyMap<string, string> = new Map();
  /** The model's constructor arguments' names, sizes the seeding of its forward does not choose (a condition they are 1 fits no build). */
  seedConstructorNames: ReadonlySet<string> = new Set();
  /** Sizes read off an input probe (`n = x.shape[1]`): named for the seeding, shown only once the input is seeded. */
  readonly probeSizes = new WeakSet<object>();
  /** Probes made by passing a probe through an op that keeps its batch, channels and rank (probePassage.ts). */
  readonly probePassages = new WeakMap<object, Passage>();
  /**
   * What an input probe is when nothing after says more (analysis.ts seeds it then): the rank an
   * op it passed fixes (`nn.AdaptiveAvgPool2d` takes [B, C, H, W]), with the op for evidence.
   */
  readonly probeFallbacks = new WeakMap<object, { seed: Value; evidence: string }>();
  /** Ranks a check before a raise states of input probes (rankChecks.ts): seeds of another rank are rejected. */
  readonly checkedProbeRanks = new WeakMap<object, number>();
  /** Probes made by a channels-last global pooling of a probe (`x.mean((1, 2), keepdim=True)`). */
  readonly probeChannelsLastPools = new WeakMap<object, ChannelsLastPool>();
  /**
   * Assumed inputs whose rank is the seeding's choice, not the code's (one flattened before its
   * first layer: [B, 784] stands for any input of as many elements). They get no hint; what the
   * flattening makes of them does.
   */
  readonly rankAssumed = new WeakSet<object>();
  /** Probes that are another probe flattened from its second axis on (probeFlatten.ts). */
  readonly probeFlattens = new WeakMap<object, Flatten>();
  /** Probe inputs whose `.shape` or `.size` the code read (its sizes, or its rank, say what they are). */
  readonly shapeReadProbes = new WeakSet<object>();
  /** Probe inputs the code inverts (`~mask`, `mask.logical_not()`): booleans, whatever their name. */
  readonly booleanProbes = new WeakSet<object>();
  /** Probes made by reordering a probe's axes (`x.permute(0, 3, 1, 2)` before a Conv2d). */
  readonly probeReorders = new WeakMap<object, Reorder>();
  /**
   * Statistics of a probe input kept over the axes they reduce (`u = x.mean(1, keepdim=True)`,
   * `torch.rsqrt(x.pow(2).mean(1, keepdim=True) + eps)`), each with its probe: broadcast back
   * against that probe, they keep its shape (a norm written with ops: ConvNeXt's channel LayerNorm).
   */
  private readonly probeStatistics = new WeakMap<object, Value>();
  /** Probes a module of the model's own gave back, having told the probe nothing (see keepsShape). */
  private readonly probesThroughModules = new WeakMap<object, { origin: Value; through: string; module: Value }>();
  private steps = 0;
  /** Statements granted beyond `maxSteps` (grantSteps). */
  private granted = 0;
  /** Statements run so far (what a run cost, for budgets of optional reruns). */
  get stepsTaken(): number {
    return this.steps;
  }

  /** Statements the run may still take before it stops (see `maxSteps`). */
  get stepsLeft(): number {
    return (this.options.maxSteps ?? MAX_STEPS) + this.granted - this.steps;
  }

  /** Let the run take at least `n` more statements (a later phase with a budget of its own). */
  grantSteps(n: number): void {
    this.granted += Math.max(0, n - this.stepsLeft);
  }
  private depth = 0;
  /** Call sites from the outermost user call to the innermost (for related information). */
  readonly callSites: Range[] = [];
  /** Forward methods that ran at least once on a known input (so the fallback seeding can skip them). */
  readonly forwardsRun = new Set<FunctionObj>();
  /** The first few instances of each module class that the file's own code built (a model's `__init__` building its blocks). */
  readonly builtInstances = new Map<ClassObj, InstanceObj[]>();
  private readonly importCache = new Map<ModuleIR, Value>();
  /** The imported files being run (innermost last); the main file is not on it. */
  private readonly importing: ModuleIR[] = [];
  /** Resolutions made while each imported module being run runs (for the shared module cache). */
  private readonly resolutionLog: Resolution[][] = [];
  /** Every op applied to tensors, in order (the executor lowers slices of it). */
  readonly trace: TraceNode[] = [];
  /**
   * Which trace node made a tensor (by identity). A Map, not a WeakMap: the trace holds every
   * key anyway, and weak tables cost every garbage collection extra work.
   */
  readonly producers = new Map<object, TraceNode>();
  /** Tensors an in-place method changed (`x.add_(y)` returns x itself). */
  readonly changedInPlace = new WeakSet<object>();
  /** Every framework layer built, in construction order (for layer hovers). */
  readonly layersBuilt: LayerObj[] = [];
  /** Tensors wrapped in nn.Parameter / registered as buffers (their state_dict kind). */
  readonly parameterTensors = new WeakSet<object>();
  readonly bufferTensors = new WeakSet<object>();
  /** Outermost model calls from user code, with the slice of the trace they ran. */
  readonly modelCalls: ModelCall[] = [];
  private modelDepth = 0;
  /** The outermost model call running now: fixes may rewrite where that model is built (Flux's @autosize). */
  private outerCall: OuterCall | undefined;
  private pendingArgExprs: readonly Arg[] | undefined;
  /** The callee expression of that view/reshape (`c.view`): its receiver's name. */
  private pendingFnExpr: Expr | undefined;
  /** The argument expressions of the builtin being called, while its call starts (for fixes). */
  callArgExprs: readonly Arg[] | undefined;
  /**
   * Code from other files (imports) runs too, but its hints and ranges belong to those files:
   * while it runs nothing is recorded at its offsets, and an error it raises is reported at the
   * call in this file that led there.
   */
  private mainScope: Scope | undefined;
  /** The scope of `options.home` once imported: its code is the one recorded. */
  private homeScope: Scope | undefined;
  /** Where the file run entered `options.home`'s code, innermost last. */
  private readonly homeEntry: Range[] = [];
  /** Modules of `options.home`'s classes the file run built itself (`model = GPT(config)`). */
  readonly homeModelsBuilt: InstanceObj[] = [];
  /** The module whose code runs now, innermost last (a function's, or a module's top level). */
  private readonly runningModules: Scope[] = [];
  /** Calls made by the file run's own code, innermost last: where a call into home came from. */
  private readonly mainCallSites: Range[] = [];
  /** Functions of `options.home` that ran (by their definition's range). */
  readonly homeFunctionsRun = new Set<Range>();
  /** Call sites before this index are the file run's, not home's (see `related`). */
  private ownCallSitesFrom = 0;
  /**
   * Whose code runs, innermost last: true for another file's (an import's top level, a library
   * function), false for this file's — a callback of this file run by a library (`checkpoint(
   * self._forward, ...)`) records its hints here again.
   */
  private readonly foreignStack: boolean[] = [];
  /** Where this file's code entered another file's, innermost last. */
  private readonly foreignEntry: Range[] = [];
  /** Classes, layers and instances made by code of another file (their ranges are not ours). */
  readonly foreign = foreignObjects;
  /** Loops of unknown count running speculatively, innermost last: what each changed. */
  private readonly mutationLogs: MutationLog[] = [];
  /** A layer's parameter tensors keep their identity across attribute reads. */
  private readonly paramValues = new WeakMap<ModuleInstance, Map<string, Value>>();

  constructor(readonly options: InterpreterOptions) {}

  // ---- statements -------------------------------------------------------------------------

  runModule(ir: ModuleIR, name = '__main__'): Scope {
    const scope = this.moduleScope(ir, name);
    this.mainScope ??= scope;
    const frame: Frame = { scope, returns: [] };
    const outer = this.profile;
    this.profile = scope.profile!;
    // Run for another file's sake: this file's own statements record nothing.
    const visiting = this.options.home !== undefined && this.options.home !== ir;
    if (visiting) {
      this.foreignStack.push(true);
      this.foreignEntry.push(IMPORTING);
    }
    this.runningModules.push(scope);
    try {
      for (const stmt of ir.body) this.execTopLevel(stmt, frame);
    } finally {
      this.runningModules.pop();
      this.profile = outer;
      if (visiting) {
        this.foreignStack.pop();
        this.foreignEntry.pop();
      }
    }
    return scope;
  }

  /** The scope whose code is recorded: the file run, or `options.home` when set. */
  private get ownScope(): Scope | undefined {
    return this.options.home ? this.homeScope : this.mainScope;
  }

  /** Called from the file run into home's code: the innermost such call (for hovers), if any. */
  get homeCaller(): Range | undefined {
    return this.homeEntry[this.homeEntry.length - 1];
  }

  private moduleScope(ir: ModuleIR, name: string): Scope {
    const scope = new Scope(undefined, undefined);
    scope.profile = profileOf(ir.language);
    scope.module = ir;
    scope.vars.set('__name__', str(name));
    return scope;
  }

  /**
   * Names bound to a shaped tensor outside home's code in a run for another file's sake (nothing
   * records them): how far a seeding candidate went there counts as it does in home's code.
   */
  shapesBoundElsewhere = 0;

  get inForeignCode(): boolean {
    return this.foreignStack.length > 0 && this.foreignStack[this.foreignStack.length - 1];
  }

  /**
   * Set while a run stands on inputs the analysis invented (a model nobody calls here, built
   * with default or symbolic constructor arguments and given an input guessed from its first
   * layer): what fails then may fail only because of the guess, so it is at most a warning that
   * names the guess. Errors need facts from the user's code.
   */
  get guess(): string | undefined {
    return this.guessText;
  }

  set guess(text: string | undefined) {
    this.guessText = text;
    this.options.recorder.guess = text;
    // (Names of unsettled widths are a guess's own: the next one starts again.)
    if (text === undefined) this.namedWidths.clear();
  }

  private guessText: string | undefined;
  /** How many calls of each function are running (recursion limits). */
  private readonly activeCalls = new Map<FunctionObj, number>();
  /** Depth of branches run because their condition is not known (see diagnose). */
  private uncertainPaths = 0;
  /** Loop bodies running for any number of iterations (runSpeculatively). */
  private speculativeRuns = 0;
  /** Set just before callFunction runs a generator's body (runGenerator). */
  private startingGenerator: GeneratorRun | undefined;

  /**
   * The body of a generator `fn` run to its end, collecting what it yields: undefined when it
   * did not run or raised. Yields on a path that may not run, or that runs any number of times,
   * leave their count unknown (`uncertain`).
   */
  runGenerator(fn: FunctionObj, args: CallArgs, site: Range, self: Value | undefined): GeneratorRun | undefined {
    const run: GeneratorRun = { items: [], uncertain: false, poisoned: false, ran: false, base: [this.uncertainPaths, this.speculativeRuns, this.untakenRuns, this.forkRuns] };
    // What the body reads from outside: names it does not bind, and the objects it was given.
    const names = freeNames(fn).map((n) => [n, fn.closure.lookup(n)] as const);
    const objects: object[] = [];
    for (const v of [...args.args, ...Object.values(args.kwargs), ...names.map(([, v]) => v)]) watchedObjects(v, objects);
    this.startingGenerator = run;
    const diagnostics = this.options.recorder.diagnosticsSnapshot();
    try {
      this.callFunction(fn, args, site, self);
    } catch (e) {
      // A body that raises before its first item raises where it is first iterated. One that
      // raises after some items gives those; CPython raises only if more are asked for (not
      // known here: its error is not reported, and what follows the items is unknown).
      if (!(e instanceof PyRaise) || run.items.length === 0) throw e;
      this.options.recorder.restoreDiagnostics(diagnostics);
      run.truncated = true;
    } finally {
      this.startingGenerator = undefined;
    }
    // CPython computes each later item only when it is asked for: if what the body reads has
    // changed by then (the consumer set an attribute, appended, rebound a name), the items
    // computed now may not be those.
    const since = this.mutationClock;
    run.changed = () => this.changedSince(objects, since) || names.some(([n, v]) => fn.closure.lookup(n) !== v);
    return run.ran && !run.poisoned ? run : undefined;
  }

  private mutationClock = 0;
  /** When each list, dict or object was last changed in place (noteMutation), by mutationClock. */
  private readonly lastMutated = new WeakMap<object, number>();

  private changedSince(objects: readonly object[], since: number): boolean {
    if (this.mutationClock <= since) return false;
    for (const o of objects) if ((this.lastMutated.get(o) ?? 0) > since) return true;
    return false;
  }

  private evalYield(e: Extract<Expr, { k: 'yield' }>, frame: Frame, run: GeneratorRun): Value {
    const v = e.value ? this.eval(e.value, frame) : NONE;
    const [paths, speculative, untaken, forks] = run.base;
    if (this.untakenRuns > untaken || this.forkRuns > forks) run.poisoned = true;
    if (this.uncertainPaths > paths || this.speculativeRuns > speculative) run.uncertain = true;
    if (!e.from) run.items.push(v);
    else {
      const items = this.iterate(v);
      if (items) run.items.push(...items);
      else {
        const sample = sampleOf(v);
        if (sample.kind === 'unknown') run.poisoned = true;
        else {
          run.uncertain = true;
          run.items.push(sample);
        }
      }
    }
    // What `send()` gives the generator is not modelled (next() and a for loop give None).
    return UNKNOWN;
  }
  /**
   * While set (a model seeded on assumed arguments, run again per count: loopCounts.ts), how many
   * times a loop over a symbolic count (`range(depth)`) runs; `symbolicCounts` counts such loops met.
   */
  assumedLoopCount: number | undefined;
  symbolicCounts = 0;
  /** Conditions on sizes met while a guess stood (the seeding solves them for its own symbols). */
  readonly guessConditions: { lhs: Dim; rhs: Dim; relation: '=' | '>=' }[] = [];
  /** Divisibility of symbolic sizes that asserts and guarded raises have stated so far. */
  readonly divisibility: DivisibilityFact[] = [];

  readDataFile(path: string): string | undefined {
    return this.options.dataFiles?.read(path, this.runningModules[this.runningModules.length - 1]?.module);
  }

  parseYaml(text: string): unknown {
    return this.options.dataFiles?.parseYaml(text);
  }

  assumeConfiguration(what: string, site: Range): void {
    const where = this.options.describeSite?.(site);
    this.options.recorder.configuration ??= where ? `${what} at ${where}` : what;
  }

  /** Python index and unpacking failures left out under assumed inputs (scoring seeds still counts them). */
  assumedPythonFailures = 0;

  /** Record a diagnostic, moved to this file's call site when foreign code raised it. */
  private diagnose(d: ShapeDiagnostic): void {
    // With other flags the code may run: a failure under the defaults is a warning naming them.
    const configuration = this.options.recorder.configuration;
    // Python's own failures (an index, an unpacking) under flags that steer code we see only in
    // part (yolov5's attempt_load with a default weights path) are left out, as on uncertain paths.
    if (configuration !== undefined && d.code.startsWith('python-')) return;
    if (configuration !== undefined && d.severity === 'error') {
      d = { ...d, severity: 'warning', explanation: `${d.explanation ? `${d.explanation}; ` : ''}with ${configuration}` };
    }
    // Python's own index and unpacking failures under inputs or constructor arguments the analysis
    // assumed are the assumption's, not the code's (a seed of the wrong rank, `B, N, C = x.shape` on
    // a [B, dim] candidate; `widths[0]` of a default `()` every real caller replaces): the run stops
    // there, so the class gets no hint past it, and no warning.
    if (this.guess !== undefined && (d.code === 'python-unpack' || d.code === 'python-index')) {
      this.assumedPythonFailures++;
      return;
    }
    if (this.guess !== undefined && d.severity === 'error') {
      d = { ...d, severity: 'warning', explanation: `${d.explanation ? `${d.explanation}; ` : ''}only under ${this.guess}` };
    }
    if (this.guess !== undefined) d = { ...d, assumed: true };
    // On a path taken only because its condition is not known here, a failure may be one
    // CPython never meets (`if order == 3:` when order is 2): a framework's error is a warning
    // that says so, and Python's own (an unpacking, an index) is not reported.
    if (this.uncertainPaths > 0 && d.severity === 'error') {
      if (d.code.startsWith('python-')) return;
      d = { ...d, severity: 'warning', explanation: `${d.explanation ? `${d.explanation}; ` : ''}only if the branch around it runs (its condition is not known here)` };
    }
    if (!this.inForeignCode) {
      const caller = this.options.home ? this.homeCaller : undefined;
      if (caller) d = { ...d, explanation: `${d.explanation ? `${d.explanation}; ` : ''}with the inputs of the call at ${this.options.describeSite?.(caller) ?? 'another file'}` };
      this.options.recorder.diagnostic(d);
      return;
    }
    const entry = this.foreignEntry[this.foreignEntry.length - 1];
    if (!entry || entry === IMPORTING) return; // raised while importing: that file's own problem
    const explanation = `${d.explanation ? `${d.explanation}, ` : ''}inside code imported from another file`;
    this.options.recorder.diagnostic({ ...d, range: entry, explanation, related: [], fixes: [] });
  }

  /** A top-level statement: an exception ends that statement only, the file goes on. */
  execTopLevel(stmt: Stmt, frame: Frame): void {
    try {
      this.exec(stmt, frame);
    } catch (e) {
      if (e instanceof PyRaise || e instanceof SeedFound) return;
      throw e;
    }
  }

  execBlock(stmts: readonly Stmt[], frame: Frame): Completion {
    for (let i = 0; i < stmts.length; i++) {
      if (stmts[i].k === 'if') this.afterIf = { stmts, from: i + 1 };
      const c = this.exec(stmts[i], frame);
      if (c !== 'normal') return c;
    }
    return 'normal';
  }

  private tick(): void {
    this.steps++;
    if (this.steps > (this.options.maxSteps ?? MAX_STEPS) + this.granted) throw new AnalysisAborted('step budget exhausted');
    if ((this.steps & 255) === 0 && this.options.isCancelled?.()) throw new AnalysisAborted('cancelled');
  }

  exec(stmt: Stmt, frame: Frame): Completion {
    this.tick();
    switch (stmt.k) {
      case 'expr':
        this.eval(stmt.value, frame);
        return 'normal';
      case 'assign': {
        if (!stmt.value) return 'normal';
        let value = this.eval(stmt.value, frame);
        // A width a constructor cannot settle under assumed arguments: named after its variable (namedWidths.ts).
        if (this.constructing > 0 && this.guess !== undefined && !this.inForeignCode && stmt.targets.length === 1 && stmt.targets[0].k === 'name') {
          value = namedUnsettledWidth(value, stmt.targets[0].id, this.namedWidths);
        }
        // A size read from a library we cannot follow, likewise (librarySizes.ts).
        // (With or without assumed arguments: no call of the file tells it either.)
        if (this.constructing > 0 && !this.inForeignCode && stmt.targets.length === 1) {
          const t = stmt.targets[0];
          const name = t.k === 'name' ? t.id : t.k === 'attr' && t.obj.k === 'name' && t.obj.id === 'self' ? t.name : undefined;
          if (name !== undefined) value = namedLibrarySize(value, name, stmt.value, (callee) => this.isForeignCallee(callee, frame), this.namedWidths);
        }
        const annotated = stmt.annotation && value.kind === 'tensor' ? value : undefined;
        void annotated;
        for (const t of stmt.targets) this.assign(t, value, frame, producerOf(stmt.value));
        if (this.profile.language === 'python' && !this.inForeignCode) for (const t of stmt.targets) recordValueHints(this.options.recorder, t, value, stmt.value, producerOf(stmt.value), (v) => this.probeSizes.has(v as object));
        return 'normal';
      }
      case 'augassign': {
        const current = this.eval(stmt.target, frame);
        const value = this.binary(stmt.op, current, this.eval(stmt.value, frame), stmt.range, true);
        // `self.layers += [...]` we could not follow may hide sub-modules: named as a producer.
        this.assign(stmt.target, value, frame, producerOf(stmt.value) ?? `${stmt.op}=`);
        return 'normal';
      }
      case 'if': {
        const after = this.afterIf;
        this.afterIf = undefined;
        const tested = this.eval(stmt.test, frame);
        const test = truthy(tested);
        if (test !== undefined) {
          const rest = after && after.stmts[after.from - 1] === stmt ? after.stmts.slice(after.from) : [];
          this.runUntakenBranch(stmt.test, test ? untakenPath(stmt.orelse, stmt.body, rest) : untakenPath(stmt.body, stmt.orelse, rest), test, frame);
        }
        if (test === true) return this.execBlock(stmt.body, frame);
        if (test === false) return this.execBlock(stmt.orelse, frame);
        // `if d % h != 0: raise ...`: past it, d % h == 0.
        if (stmt.body.length === 1 && stmt.body[0].k === 'raise' && stmt.orelse.length === 0) {
          this.divisibility.push(...divisibilityHolding(stmt.test, (e) => this.eval(e, frame), true));
          this.noteCheckedRank(stmt.test, true, frame);
          // What the test says when false holds past it, as an assertion's (`if not (x.shape[2] ==
          // self.image_size): raise`: the seed's H is image_size).
          if (tested.kind === 'unknown' && tested.facts?.ifFalse) this.assertionHolds({ kind: 'unknown', facts: { ifTrue: tested.facts.ifFalse } });
        }
        const condition = tested.kind === 'int' ? sizeTruthUnknown(tested.dim) : tested;
        // (At the top of a method's body, what follows the `if` is the rest of the method: see forkRest.)
        const fnBody = frame.fn && Array.isArray(frame.fn.body) ? frame.fn.body : undefined;
        const rest = after && after.stmts === fnBody && after.stmts[after.from - 1] === stmt ? after.stmts.slice(after.from) : undefined;
        return this.execBothBranches(stmt.body, stmt.orelse, frame, this.keepingProbes(branchJoin(condition)), condition, rest);
      }
      case 'for':
        return this.execFor(stmt, frame);
      case 'while':
        return this.execWhile(stmt, frame);
      case 'return':
        frame.returns.push(stmt.value ? this.eval(stmt.value, frame) : NONE);
        frame.exits = (frame.exits ?? 0) + 1;
        return 'return';
      case 'break':
        frame.exits = (frame.exits ?? 0) + 1;
        return stmt.k;
      case 'continue':
        return stmt.k;
      case 'pass':
        return 'normal';
      case 'def':
        frame.scope.assign(stmt.name, this.makeFunction(stmt, frame));
        return 'normal';
      case 'class':
        frame.scope.assign(stmt.name, this.makeClass(stmt, frame));
        return 'normal';
      case 'import':
        for (const n of stmt.names) {
          if (n.asname) frame.scope.assign(n.asname, this.importModule(n.name, 0));
          else {
            const top = n.name.split('.')[0];
            frame.scope.assign(top, this.importModule(top, 0));
          }
        }
        return 'normal';
      case 'importfrom': {
        // In a library module, names are imported when first read (a star import needs the
        // module's names now); the user's own file imports as it runs.
        const importer = this.importing[this.importing.length - 1];
        if (importer && !stmt.names.some((n) => n.name === '*') && !(stmt.level === 0 && knownModule(stmt.module))) {
          for (const n of stmt.names) frame.scope.assign(n.asname ?? n.name, obj(new LazyImportObj(stmt.module, stmt.level, importer, n.name, n.range)));
          return 'normal';
        }
        const mod = this.importModule(stmt.module, stmt.level);
        for (const n of stmt.names) {
          if (n.name === '*') {
            const m = refOf(mod, PyModuleObj);
            if (m?.attrs) for (const [k, v] of m.attrs) if (!k.startsWith('_')) frame.scope.assign(k, this.importedBack(v, frame) ?? v);
            else frame.scope.moduleScope.unknownStarImport = true;
            continue;
          }
          let v = this.getAttr(mod, n.name, n.range);
          // `from ..ops import misc`: a submodule the package's __init__ does not name.
          if (v.kind === 'unknown') v = this.importModule(stmt.module ? `${stmt.module}.${n.name}` : n.name, stmt.level);
          frame.scope.assign(n.asname ?? n.name, v);
        }
        return 'normal';
      }
      case 'try': {
        let c: Completion;
        try {
          c = this.execBlock(stmt.body, frame);
          if (c === 'normal') c = this.execBlock(stmt.orelse, frame);
        } catch (e) {
          if (!(e instanceof PyRaise) || stmt.handlers.length === 0) {
            this.execBlock(stmt.finalbody, frame);
            throw e;
          }
          // A builtin exception goes to the clause that catches it; otherwise which handler matches
          // is rarely decidable, and the first one stands for all.
          const h = e.pyType ? stmt.handlers.find((x) => catches(x.type, e.pyType!)) : stmt.handlers[0];
          if (!h) {
            this.execBlock(stmt.finalbody, frame);
            throw e;
          }
          if (h.name) frame.scope.assign(h.name, UNKNOWN);
          c = this.execBlock(h.body, frame);
        }
        const f = this.execBlock(stmt.finalbody, frame);
        return f === 'normal' ? c : f;
      }
      case 'with': {
        const suppressing: Expr[] = [];
        for (const item of stmt.items) {
          const v = this.eval(item.ctx, frame);
          if (isSuppress(v) && item.ctx.k === 'call') for (const a of item.ctx.args) if (!a.name && !a.star) suppressing.push(a.value);
          if (item.target) this.assign(item.target, v.kind === 'object' && v.ref instanceof FunctionObj ? UNKNOWN : v, frame, undefined);
        }
        // `with pytest.raises(...)` / `self.assertRaises(...)`: the body is meant to fail, so
        // its failure is no diagnostic and the code after it goes on.
        if (stmt.items.some((i) => i.ctx.k === 'call' && EXPECTS_RAISE.test(calleeName(i.ctx) ?? ''))) {
          const mark = this.options.recorder.begin();
          try {
            const c = this.execBlock(stmt.body, frame);
            this.options.recorder.commit(mark);
            return c;
          } catch (e) {
            if (!(e instanceof PyRaise)) {
              this.options.recorder.commit(mark);
              throw e;
            }
            this.options.recorder.rollback(mark);
            return 'normal';
          }
        }
        // `with contextlib.suppress(NameError):` ends its block quietly on the builtin exceptions it names.
        if (suppressing.length > 0) {
          try {
            return this.execBlock(stmt.body, frame);
          } catch (e) {
            if (e instanceof PyRaise && e.pyType !== undefined && suppressing.some((c) => catches(c, e.pyType!))) return 'normal';
            throw e;
          }
        }
        return this.execBlock(stmt.body, frame);
      }
      case 'raise': {
        if (stmt.exc) this.eval(stmt.exc, frame);
        // `raise ValueError(...)` / `raise KeyError`: a builtin exception (unless the name is rebound).
        const cls = stmt.exc?.k === 'call' ? stmt.exc.fn : stmt.exc;
        const name = cls?.k === 'name' && frame.scope.lookup(cls.id) === undefined ? builtinException(cls.id) : undefined;
        throw new PyRaise(undefined, name);
      }
      case 'assert': {
        const t = truthy(this.eval(stmt.test, frame));
        if (t === false) throw new PyRaise(undefined, 'AssertionError');
        if (t === undefined) this.divisibility.push(...divisibilityHolding(stmt.test, (e) => this.eval(e, frame)));
        if (t === undefined) this.assertionHolds(this.eval(stmt.test, frame));
        if (t === undefined) this.noteCheckedRank(stmt.test, false, frame);
        return 'normal';
      }
      case 'del':
        for (const t of stmt.targets) {
          if (t.k === 'name') frame.scope.vars.delete(t.id);
          else if (t.k === 'subscript') {
            const holder = this.eval(t.obj, frame);
            const dict = refOf(holder, DictObj);
            if (dict) dict.maybe = undefined;
            deleteItem(holder, this.eval(t.index, frame));
          }
        }
        return 'normal';
      case 'global':
        for (const n of stmt.names) frame.scope.globalNames.add(n);
        return 'normal';
      case 'nonlocal':
        for (const n of stmt.names) frame.scope.nonlocalNames.add(n);
        return 'normal';
      case 'unknown':
        return 'normal';
    }
  }

  /**
   * An `if` whose condition is not known: run both branches from the same state and join what
   * they bound. Lists, dicts, sets and instances the branches name start each branch alike and
   * are joined after (unknownFlow.ts); attributes any code in them sets (a helper method too) are
   * joined like names; a container changed by code the branches do not name becomes open.
   */
  private execBothBranches(
    body: readonly Stmt[], orelse: readonly Stmt[], frame: Frame, join: (a: Value, b: Value) => Value = joinValues, condition?: Value,
    rest?: readonly Stmt[],
  ): Completion {
    const before = new Map(frame.scope.vars);
    const state = new MutableState(branchRoots(body, orelse, frame.scope));
    const start = state.save();
    const run = (stmts: readonly Stmt[]): { c: Completion | 'raise'; vars: Map<string, Value>; log: MutationLog; contents: ReturnType<MutableState['save']> } => {
      frame.scope.vars.clear();
      for (const [k, v] of before) frame.scope.vars.set(k, v);
      state.restore(start);
      let c: Completion | 'raise';
      const log = new MutationLog(nextSerial());
      this.mutationLogs.push(log);
      this.uncertainPaths++;
      try {
        c = this.execBlock(stmts, frame);
      } catch (e) {
        if (!(e instanceof PyRaise)) throw e;
        c = 'raise';
      } finally {
        this.uncertainPaths--;
        this.mutationLogs.pop();
      }
      return { c, vars: new Map(frame.scope.vars), log, contents: state.save() };
    };
    const returnsBefore = frame.returns.length;
    const a = run(body);
    const aReturns = frame.returns.length;
    const aAttrs = a.log.attributeChanges();
    a.log.restoreAttributes();
    const b = run(orelse);
    const bAttrs = b.log.attributeChanges();
    // Both paths return (`if in_chs != out_chs: return ConvNormAct(...) else: return nn.Identity()`):
    // their values join as the branches' names do, with what the test says of sizes on each.
    if (a.c === 'return' && b.c === 'return' && aReturns > returnsBefore && frame.returns.length > aReturns) {
      const ra = frame.returns.slice(returnsBefore, aReturns).reduce(joinValues);
      const rb = frame.returns.slice(aReturns).reduce(joinValues);
      frame.returns.length = returnsBefore;
      dropReturnFacts(frame.returnFacts, returnsBefore);
      frame.returns.push(join(ra, rb));
    } else if (condition && (a.c === 'return') !== (b.c === 'return')) {
      // One path returns early (`if n == m: return x`): its returns ran where the test's facts hold.
      const facts = (frame.returnFacts ??= new Map());
      if (a.c === 'return') noteGuardedReturns(facts, returnsBefore, aReturns, branchFacts(condition, true));
      else noteGuardedReturns(facts, aReturns, frame.returns.length, branchFacts(condition, false));
    }
    // The two paths leave a tensor with two different shapes (`if self.is_video and x.ndim == 4:
    // x = rearrange(x, 'b c h w -> b c 1 h w')` under a flag the assumed arguments leave unknown):
    // joined, it would have none. The rest of the method runs once along the orelse path here,
    // then along the body's path as the run goes on. (If that run fails, the paths join as before.)
    const forked = rest !== undefined && a.c === 'normal' && b.c === 'normal' && aAttrs.length === 0 && bAttrs.length === 0
      && this.canFork(frame, rest) && shapeLostByJoin(a.vars, b.vars, join) && this.forkRest(rest, b.vars, b.contents, state, frame);
    const live = forked ? [a] : [a, b].filter((r) => r.c === 'normal');
    frame.scope.vars.clear();
    let completion: Completion = 'normal';
    if (live.length === 0) {
      for (const [k, v] of before) frame.scope.vars.set(k, v);
      state.restore(a.c === 'raise' ? b.contents : a.contents);
      completion = (a.c === 'raise' ? b.c : a.c) as Completion;
    } else if (live.length === 1) {
      for (const [k, v] of live[0].vars) frame.scope.vars.set(k, v);
      state.restore(live[0].contents);
    } else {
      state.join(a.contents, b.contents, join);
      const names = new Set([...a.vars.keys(), ...b.vars.keys()]);
      for (const n of names) {
        const va = a.vars.get(n);
        const vb = b.vars.get(n);
        frame.scope.vars.set(n, va && vb ? join(va, vb) : UNKNOWN);
      }
    }
    for (const r of [a, b]) {
      r.log.openChangedContainers((t) => state.tracks(t));
      this.mutationLogs[this.mutationLogs.length - 1]?.absorb(r.log);
    }
    // Attributes: a raising branch changed nothing; otherwise both possibilities are joined.
    const attrs = new Map<{ attrs: Map<string, Value> }, Map<string, { before: Value | undefined; a?: Value; b?: Value }>>();
    const put = (changes: typeof aAttrs, which: 'a' | 'b', isLive: boolean): void => {
      for (const ch of changes) {
        let m = attrs.get(ch.holder);
        if (!m) attrs.set(ch.holder, (m = new Map()));
        const e = m.get(ch.name) ?? { before: ch.before };
        if (isLive) e[which] = ch.after;
        m.set(ch.name, e);
      }
    };
    put(aAttrs, 'a', a.c === 'normal');
    put(bAttrs, 'b', b.c === 'normal');
    for (const [holder, m] of attrs) {
      for (const [name, e] of m) {
        const va = a.c === 'normal' ? ('a' in e ? e.a : e.before) : undefined;
        const vb = b.c === 'normal' ? ('b' in e ? e.b : e.before) : undefined;
        // A tensor only one path sets (`if not self.flash: self.register_buffer("bias", ...)`): the
        // code that reads it runs on that path, where it is this tensor; elsewhere it is absent.
        const onePath = va === undefined ? vb : vb === undefined ? va : undefined;
        // So is a sub-module only one path makes (`if use_conv: self.conv = nn.Conv2d(...)`):
        // reading a module attribute never set raises, so code that reads it ran that path.
        const onlyThere = onePath && isModuleLike(onePath) && !(holder instanceof InstanceObj && holder.cls.lookup(name)) ? onePath : undefined;
        const v = va !== undefined && vb !== undefined ? join(va, vb)
          : a.c === 'normal' && b.c === 'normal' ? (onePath?.kind === 'tensor' ? { ...onePath, maybeNone: true } : onlyThere ?? UNKNOWN)
          : va ?? vb ?? e.before;
        if (v === undefined) holder.attrs.delete(name);
        else holder.attrs.set(name, v);
      }
    }
    if (a.c === 'raise' && b.c === 'raise') throw new PyRaise(undefined);
    return completion;
  }

  private execFor(stmt: Extract<Stmt, { k: 'for' }>, frame: Frame): Completion {
    const iterable = this.eval(stmt.iter, frame);
    const items = this.iterate(iterable);
    const prefix = items ? [] : knownPrefix(iterable);
    if (prefix.length > 0) {
      // The certain first items of a list or container a loop of unknown count extended
      // (`blocks = [conv_in]` then `for _ in range(depth): blocks.append(...)`) run one by one
      // first. Their hints in the body stay only if the rest leaves the shapes as they are: a
      // place the unknown rest reaches with other shapes must not show the first ones alone.
      const recorder = this.options.recorder;
      const mark = recorder.begin();
      try {
        for (const item of prefix) {
          this.assign(stmt.target, item, frame, undefined);
          const c = this.execBlock(stmt.body, frame);
          if (c === 'break' || c === 'return') {
            recorder.commit(mark);
            return c === 'break' ? 'normal' : c;
          }
        }
      } catch (e) {
        recorder.rollback(mark);
        throw e;
      }
      // The rest settles `mark` (kept or rolled back with its own first pass).
      return this.runSpeculatively(stmt.body, frame, [stmt.target], (v) => this.assign(stmt.target, v, frame, undefined), sampleOf(iterable), mark);
    }
    // An iteration we cannot enumerate, or one past the budget: it runs speculatively. Nested
    // loops share the budget (tiny_vit's 196 x 196 offsets of a bias table, a buffer no shape
    // depends on, would otherwise cost more than the whole model).
    const enclosing = frame.loopIterations ?? 1;
    if (!items || items.length * enclosing > this.loopBudget(frame)) {
      const exits = frame.exits ?? 0;
      const c = this.runSpeculatively(stmt.body, frame, [stmt.target], (v) => this.assign(stmt.target, v, frame, undefined), sampleOf(iterable));
      // A DataLoader's partial batch comes after the full ones: one more iteration with it, unless
      // the loop may end before it (a `break` or `return` ran on some path, under a condition that
      // changes from one iteration to the next; `if args.dry_run: break` is a run's setting).
      const last = items ? undefined : lastOfOpen(iterable);
      const endsEarly = (frame.exits ?? 0) > exits && exitsByIteration(stmt.body, new Set([...assignedNames(stmt.body), ...assignedNames([{ k: 'assign', targets: [stmt.target], range: stmt.range }])]));
      if (!last || c !== 'normal' || endsEarly) return c;
      // A raise there (its error reported) leaves what follows the loop analysed, as the loop of
      // full batches alone did.
      try {
        this.assign(stmt.target, last, frame, undefined);
        const after = this.execBlock(stmt.body, frame);
        return after === 'return' ? after : 'normal';
      } catch (e) {
        if (e instanceof PyRaise) return 'normal';
        throw e;
      }
    }
    frame.loopIterations = enclosing * Math.max(1, items.length);
    const generator = refOf(iterable, IteratorObj);
    try {
      for (let i = 0; i < items.length; i++) {
        // A generator's later items computed before the body changed what it reads: the rest is not known.
        if (i > 0 && generator?.changed()) return this.runSpeculatively(stmt.body, frame, [stmt.target], (v) => this.assign(stmt.target, v, frame, undefined), UNKNOWN);
        this.assign(stmt.target, items[i], frame, undefined);
        const c = this.execBlock(stmt.body, frame);
        if (c === 'break') return 'normal';
        if (c === 'return') return c;
      }
    } finally {
      frame.loopIterations = enclosing;
    }
    return this.execBlock(stmt.orelse, frame);
  }

  /**
   * Iterations a loop runs one by one. A file run only for another file's sake (a training
   * script run to see what it gives `model.py`) does not run its epochs: past a few iterations
   * its loops run speculatively, which keeps only what every iteration agrees on.
   */
  private loopBudget(frame: Frame): number {
    return this.options.home && frame.scope.moduleScope === this.mainScope ? VISITING_LOOP : MAX_LOOP;
  }

  private execWhile(stmt: Extract<Stmt, { k: 'while' }>, frame: Frame): Completion {
    const budget = this.loopBudget(frame);
    for (let i = 0; i < budget; i++) {
      const t = truthy(this.eval(stmt.test, frame));
      if (t === false) return this.execBlock(stmt.orelse, frame);
      if (t === undefined) return this.runSpeculatively(stmt.body, frame, [], () => undefined, UNKNOWN);
      const c = this.execBlock(stmt.body, frame);
      if (c === 'break') return 'normal';
      if (c === 'return') return c;
    }
    // Out of budget: the rest of the loop runs any number of times.
    return this.runSpeculatively(stmt.body, frame, [], () => undefined, UNKNOWN);
  }

  /**
   * A loop body that may run any number of times (zero included), each time with an item like
   * `sample`. First it runs once from the state before the loop: if that leaves every name bound
   * before the loop as it was (`x = block(x)` keeps x's shape), that iteration stands for every
   * one and its hints are kept. Otherwise they are dropped and the body runs again with the names
   * it binds unknown (their loop-carried values are not known); afterwards what it may have
   * changed is joined with what was there before (see speculation.ts).
   */
  private runSpeculatively(body: readonly Stmt[], frame: Frame, targets: readonly Expr[], bindTarget: (item: Value) => void, sample: Value, prefixMark?: number): Completion {
    const names = assignedNames(body);
    // The loop's own target is rebound from the iterable each time: its value before the loop
    // says nothing of whether an iteration keeps the state as it was.
    const targetNames = new Set<string>();
    for (const t of targets) for (const n of assignedNames([{ k: 'assign', targets: [t], range: t.range }])) targetNames.add(n);
    const bodyNames = new Set(names);
    for (const n of targetNames) names.add(n);
    const before = new Map<string, Value | undefined>();
    for (const n of names) before.set(n, frame.scope.vars.get(n));
    const recorder = this.options.recorder;
    const returns = frame.returns.length;
    const yields = frame.generator?.items.length ?? 0;
    // A list's last item the body read and left otherwise (speculation.ts): not settled either.
    let lastUnsettled = false;
    const once = (): boolean => {
      const log = new MutationLog(nextSerial());
      this.mutationLogs.push(log);
      let raised = false;
      this.speculativeRuns++;
      try {
        bindTarget(sample);
        this.execBlock(body, frame);
      } catch (e) {
        if (!(e instanceof PyRaise)) throw e;
        raised = true;
      } finally {
        this.speculativeRuns--;
        this.mutationLogs.pop();
      }
      log.forget();
      if (log.lastUnsettled) lastUnsettled = true;
      this.mutationLogs[this.mutationLogs.length - 1]?.absorb(log);
      return raised;
    };
    const mark = recorder.begin();
    let raised: boolean;
    try {
      raised = once();
    } catch (e) {
      recorder.rollback(mark); // a probe said what it is, or the run stops: nothing of this try stays
      if (prefixMark !== undefined) recorder.rollback(prefixMark);
      throw e;
    }
    const stable = !raised && !lastUnsettled && [...names].every((n) => {
      if (targetNames.has(n) && !bodyNames.has(n)) return true;
      const a = before.get(n);
      const b = frame.scope.vars.get(n);
      return a === undefined || (b !== undefined && sameValue(a, b));
    });
    if (stable) {
      recorder.commit(mark);
      if (prefixMark !== undefined) recorder.commit(prefixMark);
      return 'normal';
    }
    recorder.rollback(mark);
    if (prefixMark !== undefined) recorder.rollback(prefixMark);
    frame.returns.length = returns;
    dropReturnFacts(frame.returnFacts, returns);
    if (frame.generator) frame.generator.items.length = yields;
    for (const n of names) frame.scope.assign(n, UNKNOWN);
    const raisedAgain = once();
    for (const n of names) {
      const a = before.get(n);
      const b = frame.scope.vars.get(n);
      frame.scope.assign(n, a !== undefined && b !== undefined ? joinValues(a, b) : UNKNOWN);
    }
    // An iteration that stopped at a raise (perhaps only because of what is unknown here) did
    // not show what the rest of the body changes: every list or dict it appends to, by name,
    // has unknown contents after the loop.
    if (raised && raisedAgain) {
      for (const receiver of mutatedReceivers(body)) {
        const v = this.evalQuiet(receiver, frame);
        if (v.kind === 'list') markOpen(v);
        const d = refOf(v, DictObj) ?? refOf(v, ContainerObj);
        if (d) d.open = true;
      }
    }
    return 'normal';
  }

  /** A receiver expression (`outs`, `self.blocks`) evaluated without its errors mattering. */
  private evalQuiet(e: Expr, frame: Frame): Value {
    try {
      return this.eval(e, frame);
    } catch (err) {
      if (err instanceof PyRaise) return UNKNOWN;
      throw err;
    }
  }

  /**
   * One of two expressions, by a condition not known here: each is evaluated as a path that may
   * not run (a failure on one leaves the other), and what they agree on is the value.
   */
  private either(a: () => Value, b: () => Value, join: (a: Value, b: Value) => Value = joinValues): Value {
    const run = (f: () => Value): Value | undefined => {
      this.uncertainPaths++;
      try {
        return f();
      } catch (e) {
        if (e instanceof PyRaise) return undefined;
        throw e;
      } finally {
        this.uncertainPaths--;
      }
    };
    const va = run(a);
    const vb = run(b);
    if (va === undefined && vb === undefined) throw new PyRaise(undefined);
    return va === undefined ? vb! : vb === undefined ? va : join(va, vb);
  }

  noteMutation(target: Value | object, attribute?: string): void {
    this.lastMutated.set((target as Value).kind === 'object' ? (target as { ref: object }).ref : target, ++this.mutationClock);
    this.mutationLogs[this.mutationLogs.length - 1]?.note(target, attribute);
    // A dict that may hold some keys (DictObj.maybe) and is changed: what it holds is not known.
    const dict = refOf(target as Value, DictObj) ?? (target instanceof DictObj ? target : undefined);
    if (dict) dict.maybe = undefined;
    // After the loop's log read it: the change may change the list's last item.
    if (attribute === undefined) forgetLastItem(target);
  }

  // ---- binding ----------------------------------------------------------------------------

  assign(target: Expr, value: Value, frame: Frame, producer: string | undefined): void {
    switch (target.k) {
      case 'name':
        frame.scope.assign(target.id, value);
        if (value.kind === 'tensor' && value.shape && !this.inForeignCode && !this.rankAssumed.has(value)) this.options.recorder.hint(target.range, target.id, value.shape, value.dtype, producer, value.framework);
        else if (lostShape(value) && !this.inForeignCode) this.options.recorder.unknownAt(target.range);
        else if (value.kind === 'tensor' && value.shape && this.options.home) this.shapesBoundElsewhere++;
        return;
      case 'attr': {
        const holder = this.eval(target.obj, frame);
        // `self.backbone = timm.create_model(...)`: an attribute made by code we cannot follow
        // may be a sub-module, so the model's parameter total is no longer known.
        const inst = refOf(holder, InstanceObj);
        // A framework layer class whose construction gave nothing (`nn.Linear(in_features=w)`, w
        // unknown) is a sub-module we cannot see, as is any call we could not follow.
        const frameworkLayer = producer !== undefined && /^(torch\.)?nn\.[A-Z]/.test(producer);
        // Builtins that answer with a number, a truth or a string never make a sub-module
        // (nanoGPT's `self.flash = hasattr(F, 'scaled_dot_product_attention')`).
        const plainBuiltin = producer !== undefined && /^(hasattr|isinstance|issubclass|callable|len|bool|int|float|str|repr|round|abs|sum|any|all|hash|id|format)$/.test(producer);
        if (inst && value.kind === 'unknown' && producer !== undefined && !plainBuiltin && (frameworkLayer || !/^(torch|math|np|numpy|F|nn|os|sys|random|time|logging)\./.test(producer))) inst.unknownChildren = true;
        const property = inst && !inst.attrs.has(target.name) ? inst.cls.lookup(target.name) : undefined;
        const setter = property && refOf(property.value, FunctionObj)?.setter;
        if (setter) {
          this.callFunction(setter, { args: [holder, value], kwargs: {} }, target.range, holder);
          return;
        }
        this.setAttr(holder, target.name, value);
        return;
      }
      case 'subscript':
        this.setItem(this.eval(target.obj, frame), this.eval(target.index, frame), value);
        return;
      case 'tuple':
      case 'list': {
        const probeShape = refOf(value, ProbeShapeObj);
        if (probeShape?.trailing) {
          // `H, W, _ = x.shape[-3:]` (Swin's patch merging): a channels-last image, after at least
          // a batch axis. Only where the names say so (H and W, then one more; `T, H, W` or `h, w`
          // may have channels before them), and only a fallback: a layer later says more.
          if (!this.probeFallbacks.has(probeShape.probe as object) && channelsLastNames(target.items, probeShape.trailing)) {
            const dims = [Dim.sym('B'), ...target.items.map((t, i) => Dim.sym(t.k === 'name' && t.id !== '_' ? t.id : `d${i}`))];
            const words = target.items.map((t) => (t.k === 'name' ? t.id : '_')).join(', ');
            this.probeFallbacks.set(probeShape.probe as object, { seed: { kind: 'tensor', shape: dims, dtype: 'float32' }, evidence: `${words} = its last sizes` });
          }
          target.items.forEach((t) => this.assign(t.k === 'starred' ? t.value : t, UNKNOWN, frame, producer));
          return;
        }
        if (probeShape && !target.items.some((t) => t.k === 'starred')) {
          // `B, T, C = x.size()` on an input nobody gave: it has that rank, and those names.
          const named = target.items.slice(probeShape.before, target.items.length - probeShape.after);
          if (named.length === 0) return;
          const dims = named.map((t, i) => Dim.sym(t.k === 'name' && t.id !== '_' ? t.id : `d${i}`));
          // Its dtype is not said: the seeding takes it from the input's name (`idx` holds indices).
          throw new SeedFound(probeShape.probe, { kind: 'tensor', shape: dims, dtype: 'float32' }, `${named.map((t) => (t.k === 'name' ? t.id : '_')).join(', ')} = its shape`);
        }
        // `b, *axis, _ = *x.shape, x.device` then `assert len(axis) == self.input_axis`: that many
        // axes where the star stands, so the input's rank.
        const asserted = probeShape ? this.assertedStarredSeed(probeShape, target.items, frame) : undefined;
        if (probeShape && asserted) throw new SeedFound(probeShape.probe, asserted.seed, asserted.evidence);
        // `b, c, *spatial = x.shape`: at least the named axes; the starred ones are spatial axes
        // of a number the code leaves open: two first (images), then one, then three.
        const [seed, ...alternatives] = probeShape && !probeShape.before && !probeShape.after ? starredShapeSeeds(target.items) : [];
        if (probeShape && seed) {
          const words = target.items.map((t) => (t.k === 'name' ? t.id : t.k === 'starred' && t.value.k === 'name' ? `*${t.value.id}` : '_')).join(', ');
          throw new SeedFound(probeShape.probe, seed, `${words} = its shape`, alternatives);
        }
        const starAt = target.items.findIndex((t) => t.k === 'starred');
        // `kx, vx = xl_memories` of an input nobody gave (a cache of keys and values): a tuple
        // whose items are inputs of their own (a tensor stacked of them unpacks to the same items).
        if (starAt < 0 && target.items.length >= 2 && this.isInputProbe(value)) {
          throw new SeedFound(value, obj(new ProbeContainerObj('tuple', '', () => this.newProbe())), `its unpacking into ${target.items.length} items`);
        }
        const probeItems = starAt < 0 ? refOf(value, ProbeContainerObj)?.firstItems(target.items.length) : undefined;
        if (probeItems) {
          target.items.forEach((t, i) => this.assign(t, probeItems[i], frame, producer));
          return;
        }
        const all = this.iterate(value);
        const items = all && unpack(all, target.items.length, starAt);
        // CPython raises ValueError (too many / not enough values to unpack) before binding any.
        if (all && !items) this.checkUnpackCount(all, target.items.length, starAt, target.range);
        target.items.forEach((t, i) => this.assign(t.k === 'starred' ? t.value : t, items ? items[i] : UNKNOWN, frame, producer));
        return;
      }
      case 'starred':
        this.assign(target.value, value, frame, producer);
        return;
      default:
        return;
    }
  }

  /** `out, h, c = lstm(x)` with two values: Python's own ValueError, when the count is known. */
  private checkUnpackCount(items: readonly Value[], n: number, starAt: number, site: Range): void {
    const need = starAt < 0 ? n : n - 1;
    if (starAt < 0 && items.length > n) this.raisePython('python-unpack', 'ValueError', `too many values to unpack (expected ${n})`, site);
    if (items.length < need) this.raisePython('python-unpack', 'ValueError', `not enough values to unpack (expected ${starAt < 0 ? '' : 'at least '}${need}, got ${items.length})`, site);
  }

  /** An exception Python itself raises on values known here (not a framework's). */
  raisePython(code: string, exception: string, message: string, site: Range): never {
    const error = { code, exception, message };
    this.diagnose({ range: site, severity: 'error', code, message, explanation: `Python raises ${exception}`, related: this.related(undefined), fixes: [] });
    throw new PyRaise(error, exception);
  }

  /** The items a `for` loop would see, or undefined when not enumerable statically. */
  iterate(v: Value): Value[] | undefined {
    if (isOpaque(v)) return undefined;
    const asContainer = refOf(v, InstanceObj);
    const view = asContainer && !asContainer.cls.lookup('__iter__') ? containerView(asContainer) : undefined;
    if (view) return this.iterate(obj(view));
    switch (v.kind) {
      case 'list':
      case 'tuple':
        return isOpen(v) ? undefined : [...v.items];
      case 'str':
        return [...v.value].map(str);
      case 'tensor': {
        const n = v.shape?.[0]?.value;
        if (!v.shape || v.shape.length === 0 || n === undefined || n > MAX_LOOP) return undefined;
        const row: Value = { kind: 'tensor', shape: v.shape.slice(1), dtype: v.dtype };
        return Array.from({ length: n }, () => row);
      }
      case 'object': {
        const c = refOf(v, ContainerObj);
        if (c) return c.open ? undefined : c.kind === 'ModuleDict' ? c.items.map(([k]) => str(k)) : c.items.map(([, m]) => m);
        const d = refOf(v, DictObj);
        if (d) return isOpaque(v) ? undefined : [...d.entries.values()].map(([k]) => k);
        const range = refOf(v, RangeObj);
        if (range) return range.items();
        const view = refOf(v, DictViewObj);
        if (view) return view.items();
        if (isIterSource(v.ref)) return v.ref.iterItems();
        return refOf(v, IteratorObj)?.drain();
      }
      default:
        return undefined;
    }
  }

  // ---- expressions ------------------------------------------------------------------------

  eval(e: Expr, frame: Frame): Value {
    switch (e.k) {
      case 'name':
        return this.forced(frame.scope.lookup(e.id)) ?? (frame.scope.moduleScope.profile ?? this.profile).builtins().get(e.id) ?? UNKNOWN;
      case 'num':
        return e.isFloat ? { kind: 'float', value: e.value } : int(e.value);
      case 'str':
        return str(e.value);
      case 'fstr': {
        // `f"layer{i}"` with known fields is a known string (ModuleDict keys, add_module names).
        if (!e.parts) return UNKNOWN;
        let text = '';
        for (const part of e.parts) {
          if (typeof part === 'string') {
            text += part;
            continue;
          }
          const v = this.eval(part.expr, frame);
          const piece = part.conversion === 'r' || part.conversion === 'a' ? pyRepr(v) : pyStr(v);
          if (piece === undefined || (part.conversion === 'a' && /[^\x00-\x7f]/.test(piece))) return UNKNOWN;
          text += piece;
        }
        return str(text);
      }
      case 'bool':
        return bool(e.value);
      case 'none':
        return NONE;
      case 'ellipsis':
        return { kind: 'ellipsis' };
      case 'attr':
        return this.getAttr(this.eval(e.obj, frame), e.name, e.range);
      case 'subscript': {
        const table = this.eval(e.obj, frame);
        const index = this.eval(e.index, frame);
        const dict = table.kind === 'object' && table.ref instanceof DictObj ? table.ref : undefined;
        return (dict && sizeAtUnknownKey(dict, index, e.obj)) ?? this.getItem(table, index, e.range);
      }
      case 'slice':
        return {
          kind: 'slice',
          start: e.start ? this.eval(e.start, frame) : NONE,
          stop: e.stop ? this.eval(e.stop, frame) : NONE,
          step: e.step ? this.eval(e.step, frame) : NONE,
        };
      case 'call':
        return this.evalCall(e, frame);
      case 'binop':
        return this.binary(e.op, this.eval(e.left, frame), this.eval(e.right, frame), e.range, false);
      case 'unary':
        return this.unary(e.op, this.eval(e.operand, frame), e.range);
      case 'compare':
        return this.compare(e, frame);
      case 'boolop': {
        // `a or b` is b whenever a is falsy, whatever b is: the last operand's truth is not asked.
        let last: Value = UNKNOWN;
        for (let i = 0; i < e.values.length; i++) {
          last = this.eval(e.values[i], frame);
          if (i === e.values.length - 1) return last;
          const t = truthy(last);
          if (t === undefined) {
            const first = last;
            let rest: Value | undefined;
            const joined = this.either(() => first, () => (rest = this.eval({ k: 'boolop', op: e.op, values: e.values.slice(i + 1), range: e.range }, frame)));
            // Sizes compared in both (`heads == 1 and dim_head == dim`): their facts, together.
            if (first.kind === 'unknown' && first.facts && rest) {
              if (rest.kind === 'unknown') return combinedFacts(e.op, [first, rest]);
              if (rest.kind === 'bool' && rest.value === (e.op === 'and')) return first;
            }
            return joined;
          }
          if (e.op === 'and' ? !t : t) return last;
        }
        return last;
      }
      case 'ifexp': {
        const test = this.eval(e.test, frame);
        const t = truthy(test);
        if (t === true) return this.eval(e.body, frame);
        if (t === false) return this.eval(e.orelse, frame);
        return this.either(() => this.eval(e.body, frame), () => this.eval(e.orelse, frame), this.keepingProbes(branchJoin(test)));
      }
      case 'tuple':
      case 'list':
      case 'set': {
        const items = this.evalItems(e.items, frame);
        if (!items) return e.k === 'tuple' ? this.probeShapeAmong(e.items, frame) : UNKNOWN;
        return e.k === 'tuple' ? tupleOf(items) : e.k === 'list' ? listOf(items) : setOf(items);
      }
      case 'starred':
        return this.eval(e.value, frame);
      case 'dict': {
        const d = new DictObj();
        for (const entry of e.entries) {
          if (!entry.key) {
            const spread = this.eval(entry.value, frame);
            const src = refOf(spread, DictObj);
            if (!src || isOpaque(spread)) return UNKNOWN;
            for (const [k, kv] of src.entries) d.entries.set(k, kv);
            continue;
          }
          if (!dictSet(d, this.eval(entry.key, frame), this.eval(entry.value, frame))) return UNKNOWN;
        }
        return obj(d);
      }
      case 'lambda':
        return obj(new FunctionObj('<lambda>', e.params, e.body, frame.scope, this.evalDefaults(e.params, frame), e.range, undefined, frame.owner, new Map()));
      case 'comp':
        return this.evalComprehension(e, frame);
      case 'yield':
        return frame.generator ? this.evalYield(e, frame, frame.generator) : UNKNOWN;
      case 'walrus': {
        const v = this.eval(e.value, frame);
        this.assign(e.target, v, frame, undefined);
        return v;
      }
      case 'unknown':
        return UNKNOWN;
    }
  }

  /**
   * The input an unpacking of its shape with a starred name says, where the running function
   * asserts that name's length (`assert len(axis) == self.input_axis`, the length a known int).
   */
  private assertedStarredSeed(shape: ProbeShapeObj, items: readonly Expr[], frame: Frame): { seed: Value; evidence: string } | undefined {
    const own = items.slice(shape.before, items.length - shape.after);
    const starAt = own.findIndex((t) => t.k === 'starred');
    const star = own[starAt];
    if (!star || star.k !== 'starred' || star.value.k !== 'name' || own.filter((t) => t.k === 'starred').length !== 1) return undefined;
    const body = frame.fn && Array.isArray(frame.fn.body) ? (frame.fn.body as readonly Stmt[]) : [];
    const lengthExpr = assertedLength(body, star.value.id);
    const length = lengthExpr && this.eval(lengthExpr, frame);
    const count = length?.kind === 'int' ? length.dim.value : undefined;
    if (count === undefined || count < 0 || count > 6) return undefined;
    const named = (t: Expr, fallback: string): Dim => Dim.sym(t.k === 'name' && t.id !== '_' ? t.id : fallback);
    const before = own.slice(0, starAt).map((t, i) => named(t, i === 0 ? 'B' : `d${i}`));
    const after = own.slice(starAt + 1);
    const afterDims = after.map((t, i) => named(t, after.length === 1 ? 'C' : `c${i + 1}`));
    const taken = new Set([...before, ...afterDims].flatMap((d) => [...d.symbols()]));
    const middle = starredSizeNames(count).map((n) => Dim.sym(taken.has(n) ? `${n}2` : n));
    const words = own.map((t) => (t.k === 'name' ? t.id : t.k === 'starred' && t.value.k === 'name' ? `*${t.value.id}` : '_')).join(', ');
    return { seed: { kind: 'tensor', shape: [...before, ...middle, ...afterDims], dtype: 'float32' }, evidence: `${words} = its shape, with len(${star.value.id}) == ${count} asserted` };
  }

  /**
   * `*x.shape, self.heads` with x an input probe (vit-pytorch's `b, n, _, h = *x.shape, self.heads`):
   * the probe's shape with how many items stand around it, for the unpacking to name.
   */
  private probeShapeAmong(items: readonly Expr[], frame: Frame): Value {
    const starred = items.filter((it) => it.k === 'starred');
    if (starred.length !== 1) return UNKNOWN;
    const shape = refOf(this.eval(starred[0].value, frame), ProbeShapeObj);
    if (!shape || shape.before || shape.after) return UNKNOWN;
    const at = items.indexOf(starred[0]);
    // `h, x, y = self.heads, *fmap.shape[-2:]`: the last sizes only, so the input's rank is not
    // said (it is at least 2, not 2); they are as many as the slice takes, each not yet known.
    if (shape.trailing) {
      const around = items.map((it, i) => (i === at ? undefined : this.eval(it, frame)));
      return tupleOf(around.flatMap((v) => (v === undefined ? Array.from({ length: shape.trailing }, () => UNKNOWN) : [v])));
    }
    return obj(new ProbeShapeObj(shape.probe, at, items.length - at - 1));
  }

  private evalItems(items: readonly Expr[], frame: Frame): Value[] | undefined {
    const out: Value[] = [];
    for (const it of items) {
      if (it.k === 'starred') {
        const spread = this.iterate(this.eval(it.value, frame));
        if (!spread) return undefined;
        out.push(...spread);
      } else out.push(this.eval(it, frame));
    }
    return out;
  }

  private evalComprehension(e: Extract<Expr, { k: 'comp' }>, frame: Frame): Value {
    const scope = new Scope(frame.scope, frame.scope.moduleScope === frame.scope ? frame.scope : frame.scope.moduleScope);
    const inner: Frame = { ...frame, scope };
    const out: Value[] = [];
    const d = new DictObj();
    let unknown = false;
    let open = false;
    // How many items the result has when they are not made one by one (a known count, no filter).
    let count: number | undefined;
    const enclosing = this.comprehensionIterations;
    const loop = (gi: number): void => {
      if (unknown) return;
      if (gi === e.generators.length) {
        if (e.kind === 'dict') {
          if (!dictSet(d, this.eval(e.elt, inner), this.eval(e.value!, inner))) unknown = true;
        } else out.push(this.eval(e.elt, inner));
        return;
      }
      const g = e.generators[gi];
      const iterable = this.eval(g.iter, gi === 0 ? frame : inner);
      const items = this.iterate(iterable);
      // Nested comprehensions share the budget, through the functions they call too (a sinusoid
      // table of 197 positions by 768 widths, one float at a time, costs more than the model).
      const within = this.comprehensionIterations;
      if (!items || items.length * within > MAX_LOOP) {
        // An unknown number of items, or too many: the element, made once from an item like them
        // all, is what every element of the result is like (`[Block(dim) for _ in range(depth)]`).
        if (e.kind === 'dict' || e.kind === 'set') {
          unknown = true;
          return;
        }
        open = true;
        if (items && e.generators.length === 1 && g.ifs.length === 0) count = items.length;
        // Too many numbers to go through (`range(768)`): a number of unknown value stands for each.
        const sample = items && items.length > 0 && items.every((v) => v.kind === 'int') ? { kind: 'int' as const, dim: Dim.unknown() }
          : items && items.length > 0 && items.every((v) => v.kind === 'float') ? SOME_FLOAT : sampleOf(iterable);
        this.assign(g.target, sample, inner, undefined);
        for (const c of g.ifs) this.eval(c, inner);
        loop(gi + 1);
        return;
      }
      this.comprehensionIterations = within * Math.max(1, items.length);
      try {
        for (const item of items) {
          this.assign(g.target, item, inner, undefined);
          const keep = g.ifs.map((c) => truthy(this.eval(c, inner)));
          if (keep.some((k) => k === undefined)) {
            unknown = true;
            return;
          }
          if (keep.every(Boolean)) loop(gi + 1);
        }
      } finally {
        this.comprehensionIterations = within;
      }
    };
    try {
      loop(0);
    } catch (err) {
      // A generator runs when consumed: what it raises is not raised here (its items are unknown).
      if (e.kind === 'gen' && err instanceof PyRaise) return UNKNOWN;
      throw err;
    } finally {
      this.comprehensionIterations = enclosing;
    }
    if (unknown) return UNKNOWN;
    if (open) return openListOf(out.length === 1 ? out[0] : undefined, undefined, out.length === 1 ? count : undefined);
    if (e.kind === 'dict') return obj(d);
    return e.kind === 'list' ? listOf(out) : e.kind === 'gen' ? iteratorOf(out) : setOf(out);
  }

  private compare(e: Extract<Expr, { k: 'compare' }>, frame: Frame): Value {
    let left = this.eval(e.operands[0], frame);
    let result: Value = bool(true);
    for (let i = 0; i < e.ops.length; i++) {
      const right = this.eval(e.operands[i + 1], frame);
      const r = this.compareTwo(e.ops[i], left, right, e.range);
      if (r.kind === 'tensor') return e.ops.length === 1 ? r : UNKNOWN;
      if (e.ops.length === 1 && r.kind === 'unknown') return r;
      const t = truthy(r);
      if (t === false) return bool(false);
      if (t === undefined) result = UNKNOWN;
      left = right;
    }
    return result;
  }

  private compareTwo(op: CompareOp, a: Value, b: Value, site: Range): Value {
    const dunder: Partial<Record<CompareOp, string>> = { '==': '__eq__', '!=': '__ne__', '<': '__lt__', '<=': '__le__', '>': '__gt__', '>=': '__ge__' };
    if ((a.kind === 'tensor' || b.kind === 'tensor') && dunder[op]) {
      const [self, other, name] = a.kind === 'tensor' ? [a, b, dunder[op]!] : [b, a, dunder[swapCompare(op)]!];
      return this.callTensorMethod(self, name, { args: [other], kwargs: {} }, site);
    }
    const known = scalarCompare(op, a, b);
    if (known === undefined && (op === '==' || op === '!=') && a.kind === 'int' && b.kind === 'int') return sizeEqualityUnknown(a.dim, b.dim, op === '!=');
    if (known === undefined && (op === '<' || op === '>') && a.kind === 'int' && b.kind === 'int') return sizeOrderUnknown(op, a.dim, b.dim) ?? bool(known);
    return bool(known);
  }

  binary(op: BinaryOp, a: Value, b: Value, site: Range, inplace: boolean): Value {
    // `self.layers += [block, ...]` on a ModuleList extends it (ModuleList.__iadd__).
    const list = refOf(a, ContainerObj);
    if (list && list.kind === 'ModuleList' && op === '+' && inplace) {
      const added = this.iterate(b);
      this.noteMutation(list);
      if (!added || list.open) list.open = true;
      else for (const m of added) list.items.push([String(list.items.length), m]);
      return a;
    }
    if (a.kind === 'tensor' || b.kind === 'tensor') {
      const names: Record<BinaryOp, string> = {
        '+': 'add', '-': 'sub', '*': 'mul', '/': 'truediv', '//': 'floordiv', '%': 'mod', '**': 'pow', '@': 'matmul',
        '&': 'and', '|': 'or', '^': 'xor', '<<': 'lshift', '>>': 'rshift',
      };
      void inplace;
      if (a.kind === 'tensor') return this.callTensorMethod(a, `__${names[op]}__`, { args: [b], kwargs: {} }, site);
      return this.callTensorMethod(b, `__r${names[op]}__`, { args: [a], kwargs: {} }, site);
    }
    // A known zero divisor: ZeroDivisionError with CPython's message.
    const zero = (v: Value): boolean => (v.kind === 'int' && v.dim.value === 0) || (v.kind === 'float' && !v.unknown && v.value === 0) || (v.kind === 'bool' && !v.value);
    const num = (v: Value): boolean => v.kind === 'int' || v.kind === 'bool' || v.kind === 'float';
    if ((op === '/' || op === '//' || op === '%') && num(a) && zero(b)) {
      const isFloat = a.kind === 'float' || b.kind === 'float';
      const message = op === '/' ? (isFloat ? 'float division by zero' : 'division by zero')
        : op === '//' ? (isFloat ? 'float floor division by zero' : 'integer division or modulo by zero')
        : isFloat ? 'float modulo' : 'integer modulo by zero';
      this.raisePython('python-zero-division', 'ZeroDivisionError', message, site);
    }
    // An operator CPython has no method for (`'a' * 'b'`, `[1] + (2,)`) raises.
    const raises = scalarRaises(op, a, b, inplace);
    if (raises) throw new PyRaise(undefined, raises);
    // `xs += ys` extends the list every alias sees (likewise *=, and |= &= -= ^= on sets and dicts).
    if (inplace && (a.kind === 'list' || a.kind === 'object')) this.noteMutation(a.kind === 'list' ? a : a.ref);
    if (op === '*') {
      // (`default_block * depth` while the seeding tries counts: that many copies.)
      const counted = countedRepeat(b, a, this);
      if (counted) b = counted;
      else if (!inplace) a = countedRepeat(a, b, this) ?? a;
    }
    const updated = inplace ? inplaceBinary(op, a, b, (v) => this.iterate(v)) : undefined;
    return updated ?? scalarBinary(op, a, b) ?? UNKNOWN;
  }

  private unary(op: string, v: Value, site: Range): Value {
    if (v.kind === 'tensor') {
      if (op === '-') return this.callTensorMethod(v, '__neg__', { args: [], kwargs: {} }, site);
      if (op === '~') return this.callTensorMethod(v, '__invert__', { args: [], kwargs: {} }, site);
      if (op === '+') return v;
      return UNKNOWN;
    }
    if (op === 'not') {
      const t = truthy(v);
      return t === undefined ? negatedFacts(v) : bool(!t);
    }
    // ~x is -x - 1 on Python's unbounded ints (not JavaScript's 32-bit ~); a bool is the int 0 or 1.
    const n = v.kind === 'bool' ? int(v.value ? 1 : 0) : v;
    if (n.kind === 'int') return op === '-' ? int(n.dim.neg()) : op === '+' ? n : int(n.dim.neg().sub(1));
    if (v.kind === 'float') return op === '-' ? { kind: 'float', value: -v.value } : op === '+' ? v : UNKNOWN;
    return UNKNOWN;
  }

  // ---- calls ------------------------------------------------------------------------------

  private evalCall(e: Extract<Expr, { k: 'call' }>, frame: Frame): Value {
    const fn = this.eval(e.fn, frame);
    const args = this.evalArgs(e.args, frame);
    if (!args) return UNKNOWN;
    // Zero-argument super() needs the running method's class and receiver.
    if (fn.kind === 'object' && fn.ref instanceof BuiltinObj && fn.ref.name === 'super' && args.args.length === 0) {
      return frame.owner && frame.self ? obj(new SuperObj(frame.self, frame.owner)) : UNKNOWN;
    }
    // `super(Cls, self)`: the MRO of self's class after Cls (Cls must be in it).
    if (fn.kind === 'object' && fn.ref instanceof BuiltinObj && fn.ref.name === 'super' && args.args.length === 2) {
      const after = refOf(args.args[0], ClassObj);
      const self = refOf(args.args[1], InstanceObj);
      return after && self && self.cls.mro().includes(after) ? obj(new SuperObj(args.args[1], after)) : UNKNOWN;
    }
    // `kwargs = dict(locals())` in a constructor (vit-pytorch's CvT, TwinsSVT): the function's
    // bound names, as CPython gives them (its `__class__` cell, which no shape reads, left out).
    if (fn.kind === 'object' && fn.ref === refOf(pythonBuiltins().get('locals')!, BuiltinObj) && args.args.length === 0 && Object.keys(args.kwargs).length === 0) {
      return frame.fn ? localsOf(frame.scope, frame.fn) : UNKNOWN;
    }
    // Lightning's `self.save_hyperparameters()`: the constructor's arguments, kept as `self.hparams`.
    if (e.fn.k === 'attr' && e.fn.name === 'save_hyperparameters' && frame.fn && frame.self && refOf(frame.self, InstanceObj)?.cls.mro().includes(LIGHTNING_MODULE)) {
      const { ignore, ...rest } = args.kwargs;
      const hparams = Object.keys(rest).length === 0 ? savedHyperparameters(frame.scope, frame.fn, args.args, ignore) : undefined;
      this.setAttr(frame.self, 'hparams', hparams ?? UNKNOWN);
      return NONE;
    }
    // eval('Conv') / eval('nn.Upsample') / eval('None'): a name looked up here or a literal, never code run.
    if (fn.kind === 'object' && fn.ref === refOf(pythonBuiltins().get('eval')!, BuiltinObj) && args.args.length === 1 && Object.keys(args.kwargs).length === 0) {
      const source = args.args[0];
      return source.kind === 'str' ? this.evalString(source.value, frame, e.range) : UNKNOWN;
    }
    return this.call(fn, args, e.range, e.args, e.fn);
  }

  /** What `eval(text)` gives when the text is a literal or a (dotted) name; unknown for anything else. */
  private evalString(text: string, frame: Frame, site: Range): Value {
    const literal = literalValue(text);
    if (literal) return literal;
    const t = text.trim();
    if (!/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(t)) return UNKNOWN;
    const [first, ...rest] = t.split('.');
    let v = frame.scope.lookup(first) ?? (frame.scope.moduleScope.profile ?? this.profile).builtins().get(first);
    if (v === undefined) {
      // CPython raises NameError (yolov5 keeps the string then, under contextlib.suppress):
      // only when no name could be missing from what we know.
      if (frame.scope.moduleScope.unknownStarImport || PYTHON_BUILTIN_NAMES.has(first)) return UNKNOWN;
      throw new PyRaise(undefined, 'NameError');
    }
    v = this.forced(v) ?? UNKNOWN;
    for (const name of rest) v = this.getAttr(v, name, site);
    return v;
  }

  private evalArgs(args: readonly Arg[], frame: Frame): CallArgs | undefined {
    const pos: Value[] = [];
    const kw: Record<string, Value> = {};
    let maybe: Record<string, Value> | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const v = this.eval(a.value, frame);
      if (a.star === '*') {
        const items = this.iterate(v);
        if (!items) {
          // `nn.Sequential(stem, *blocks)` with blocks of unknown number, all like one block
          // (after the items known for certain, `[stem]` then blocks appended in a loop).
          const sample = sampleOf(v);
          if (i !== args.length - 1 || sample.kind === 'unknown' || args.slice(i + 1).length > 0) return undefined;
          if (v.kind === 'list' && v.known) pos.push(...v.items.slice(0, v.known));
          return { args: pos, kwargs: kw, openStar: { sample } };
        }
        pos.push(...items);
      } else if (a.star === '**') {
        const d = refOf(v, DictObj);
        if (!d || (isOpaque(v) && !d.maybe) || (d.maybe && maybe)) return undefined;
        for (const [k, val] of d.entries.values()) {
          // A keyword given twice is a TypeError in CPython: the call's result is not known.
          if (k.kind !== 'str' || Object.prototype.hasOwnProperty.call(kw, k.value)) return undefined;
          kw[k.value] = val;
        }
        if (d.maybe && d.maybe.size > 0) {
          maybe = {};
          for (const [k, val] of d.maybe.values()) {
            if (k.kind !== 'str') return undefined;
            maybe[k.value] = val;
          }
        }
      } else if (a.name) {
        if (Object.prototype.hasOwnProperty.call(kw, a.name)) return undefined;
        kw[a.name] = v;
      } else pos.push(v);
    }
    // Keywords a dict may hold that are also given otherwise: a TypeError on one path only.
    if (maybe && Object.keys(maybe).some((k) => Object.prototype.hasOwnProperty.call(kw, k))) return undefined;
    return maybe ? { args: pos, kwargs: kw, maybeKwargs: maybe } : { args: pos, kwargs: kw };
  }

  /** Call any callable value. `argExprs` (when the call is written in source) locates arguments for fixes. */
  call(fn: Value, args: CallArgs, site: Range, argExprs?: readonly Arg[], fnExpr?: Expr): Value {
    if (fn.kind !== 'object') return UNKNOWN;
    // `f(**kw)` with keywords `kw` holds on one path only: the call on either path.
    if (args.maybeKwargs) {
      const { maybeKwargs, ...given } = args;
      return this.either(() => this.call(fn, given, site, argExprs, fnExpr), () => this.call(fn, { ...given, kwargs: { ...given.kwargs, ...maybeKwargs } }, site, argExprs, fnExpr));
    }
    const r = fn.ref;
    // Arguments of unknown number reach only callees that can hold them.
    if (args.openStar && !(r instanceof FunctionObj && r.params.some((p) => p.kind === 'var-positional')) && !(r instanceof BuiltinObj && OPEN_STAR_CALLEES.has(r.name))) return UNKNOWN;
    if (r instanceof FunctionObj) return this.callHelperFunction(fn, r, args, site);
    if (r instanceof BoundMethodObj) {
      if (r.fn.decorator === 'staticmethod') return this.callFunction(r.fn, args, site, undefined);
      // `self.attention.forward(x, ...)` (Meta's LLaMA): a model's run, as `self.attention(x, ...)` is.
      const main = args.args[0] ?? Object.values(args.kwargs).find((v) => v.kind === 'tensor');
      const self = refOf(r.self, InstanceObj);
      if (r.fn.name === 'forward' && self?.cls.isModule && self.cls.lookup('forward')?.value.kind === 'object' && refOf(self.cls.lookup('forward')!.value, FunctionObj) === r.fn
        && main && main.kind !== 'unknown' && (main.kind !== 'tensor' || main.shape !== undefined)) this.forwardsRun.add(r.fn);
      return this.callFunction(r.fn, { args: [r.self, ...args.args], kwargs: args.kwargs }, site, r.self);
    }
    if (r instanceof BuiltinObj) {
      // view/reshape errors get a fix for the number written in the call: keep its arguments.
      this.pendingArgExprs = r.name === 'Tensor.view' || r.name === 'Tensor.reshape' ? argExprs : undefined;
      this.pendingFnExpr = this.pendingArgExprs ? fnExpr : undefined;
      this.callArgExprs = argExprs;
      return r.call(args, site, this);
    }
    if (r instanceof OpRefObj) {
      // `rearrange(x, 'b n (h d) -> b h n d', h=8)` on an input nobody gave: the pattern says what it is.
      const first = args.args[0] ?? (args.args.length === 0 ? args.kwargs.input : undefined);
      if (first && this.probes.has(first) && /^einops\.(rearrange|reduce|repeat)$/.test(r.op.names[0])) {
        const pattern = args.args[1] ?? args.kwargs.pattern;
        const evidence = `the einops pattern '${(pattern as { value?: string } | undefined)?.value ?? ''}'`;
        // `'b d ... -> b ... d'`: the `...` axes any number, tried as pack's are.
        const [seed, ...alternatives] = inputsForEllipsisPattern(pattern, args.kwargs, this.seededSymbols);
        if (seed) throw new SeedFound(first, seed, evidence, alternatives);
        throw new SeedFound(first, inputForPattern(pattern, args.kwargs), evidence);
      }
      // `pack([x], 'b * d')` of an input nobody gave: the pattern (or a known item beside it) says what it is.
      if (first && (first.kind === 'list' || first.kind === 'tuple') && r.op.names[0] === 'einops.pack') {
        const pattern = args.args[1] ?? args.kwargs.pattern;
        const packed = inputsBesidePacked(first.items, pattern, (v) => this.probes.has(v), this.seededSymbols);
        if (packed) throw new SeedFound(packed.probe, packed.seeds[0], `the einops pack pattern '${pattern?.kind === 'str' ? pattern.value : ''}'`, packed.seeds.slice(1));
      }
      if (r.op.kind === 'module') {
        const op = r.op;
        return this.constructLayer(op, args, site, () => constructorSyntax(op, fnExpr, argExprs));
      }
      // `F.silu(x)`, `torch.sigmoid(x)` of a probe input: the same unknown input goes on.
      if (first && this.probes.has(first) && SHAPE_KEEPING_FUNCTIONS.test(r.op.names[0])) return first;
      if (first && this.probeStatistics.has(first) && SHAPE_KEEPING_FUNCTIONS.test(r.op.names[0])) return first;
      // `F.log_softmax(x, dim=-1)` of a probe input: a classifier's logits when nothing says more.
      const softmax = first && this.probes.has(first) ? /^torch\.(?:nn\.functional\.)?(log_softmax|softmax)$/.exec(r.op.names[0]) : null;
      if (softmax && overClasses(args.args[1] ?? args.kwargs.dim)) this.noteLogits(first!, `F.${softmax[1]}`);
      if (first && this.probes.has(first) && isSoftmaxFromEnd(r.op.names[0].replace(/^torch\.(nn\.functional\.)?/, ''), args.args[1] ?? args.kwargs.dim)) return first;
      // `torch.cat([x], 1)` of a probe alone (timm's DenseLayer takes a tensor or a list of
      // them): the probe itself goes on; the seed it meets is then run for real, dim included.
      const lone = first && (first.kind === 'list' || first.kind === 'tuple') && first.items.length === 1 ? first.items[0] : undefined;
      if (lone && this.probes.has(lone) && /^torch\.(cat|concat|concatenate)$/.test(r.op.names[0])) return lone;
      // (Only under an assumed input, whose levels are alike by assumption: a loop of a count the
      // code gives, nothing assumed, keeps no hint, as PyTorch's count is not known here.)
      const joinOp = this.guess === undefined ? undefined : /^torch\.(cat|concat|concatenate)$/.test(r.op.names[0]) ? 'cat' : r.op.names[0] === 'torch.stack' ? 'stack' : undefined;
      const alike = joinOp && joinOfAlikeItems(joinOp, args.args[0] ?? args.kwargs.tensors, args.args[1] ?? args.kwargs.dim);
      if (alike) return alike;
      const numbers = this.guess !== undefined && /^torch\.(tensor|as_tensor)$/.test(r.op.names[0]) ? tensorOfAlikeNumbers(args.args[0] ?? args.kwargs.data, args.kwargs.dtype) : undefined;
      if (numbers) return numbers;
      // `torch.matmul(x, w)` of a probe input and a known matrix: x's last axis is w's first.
      if (first && this.probes.has(first) && r.op.names[0] === 'torch.matmul') this.seedMatmul(first, args.args[1] ?? args.kwargs.other);
      if (first && r.op.names[0] === 'torch.matmul') this.seedMatmulRight(first, args.args[1] ?? args.kwargs.other);
      // `F.linear(x, weight)` of a probe input: what nn.Linear with that weight says ([out, in]).
      if (first && this.probes.has(first) && r.op.names[0] === 'torch.nn.functional.linear') {
        const w = args.args[1] ?? args.kwargs.weight;
        if (w?.kind === 'tensor' && w.shape?.length === 2) this.seedMatmul(first, { ...w, shape: [w.shape[1], w.shape[0]] });
      }
      // `torch.cdist(x, self.codebook)` of a probe input: rows as long as the codebook's.
      if (first && this.isInputProbe(first) && r.op.names[0] === 'torch.cdist') {
        const [seed, ...alternatives] = inputsForCdist(args.args[1] ?? args.kwargs.x2);
        if (seed) throw new SeedFound(first, seed, 'its distances to the rows of a matrix of the model (torch.cdist)', alternatives);
      }
      // `F.embedding(x, self.w_voc)` of a probe input: token ids, as an nn.Embedding's first input.
      if (first && this.isInputProbe(first) && r.op.names[0] === 'torch.nn.functional.embedding') {
        const ids = (dims: Dim[]): Value => ({ kind: 'tensor', shape: dims, dtype: 'int64' });
        throw new SeedFound(first, ids([Dim.sym('B'), Dim.sym('T')]), 'its use as the indices of F.embedding', [ids([Dim.sym('B')])]);
      }
      // `F.cross_entropy(logits, x[:, 1:])` of a probe input sliced on two axes: next-token targets, int64 [B, T].
      if (/^torch\.nn\.functional\.(cross_entropy|nll_loss)$/.test(r.op.names[0])) {
        this.seedSlicedTarget(args.args[1] ?? args.kwargs.target, r.op.names[0]);
        this.seedLossInputs(first, args.args[1] ?? args.kwargs.target, r.op.names[0]);
      }
      // `einsum('b h i d, b h j d -> b h i j', q, k)` of probe inputs: each is what its subscripts say.
      if (r.op.names[0] === 'torch.einsum' || r.op.names[0] === 'einops.einsum') this.seedEinsumOperand(r.op.names[0] === 'einops.einsum', args.args);
      // `torch.mm(h, self.W)` (a graph layer's node features): the same, of two axes only.
      if (first && this.probes.has(first) && r.op.names[0] === 'torch.mm') this.seedMatmul(first, args.args[1] ?? args.kwargs.mat2, 2);
      // `F.layer_norm(x, (dim,))` of a probe input: what nn.LayerNorm(dim) would say.
      if (first && this.probes.has(first) && /^torch\.nn\.functional\.(layer_norm|rms_norm|group_norm)$/.test(r.op.names[0])) {
        const [seed, ...alternatives] = inputsForNormFunction(r.op.names[0], args.args, args.kwargs);
        if (seed) throw new SeedFound(first, seed, `its use as the input of F.${r.op.names[0].slice('torch.nn.functional.'.length)}`, alternatives);
      }
      // `F.conv2d(x, weight, groups=g)` of a probe input: what the weight says of it.
      const convN = first && this.probes.has(first) ? /^torch\.nn\.functional\.conv([123])d$/.exec(r.op.names[0]) : null;
      if (convN) throw new SeedFound(first!, inputForConvFunction(Number(convN[1]), args.args, args.kwargs), `its use as the input of F.conv${convN[1]}d`);
      // `torch.cat((x, skip), 1)` with one input nobody gave beside known ones: it matches them but on `dim`.
      if (first && (first.kind === 'list' || first.kind === 'tuple') && /^torch\.(cat|concat|concatenate)$/.test(r.op.names[0])) {
        const beside = inputBesideConcatenated(first.items, args.args[1] ?? args.kwargs.dim ?? args.kwargs.axis, (v) => this.probes.has(v), this.seededSymbols);
        if (beside) throw new SeedFound(beside.probe, beside.seed, beside.evidence);
      }
      // `torch.flatten(x, 1)` of a probe input: a probe of its flattening goes on.
      if (first && this.isInputProbe(first) && isFlattenFunction(r.op.names[0], args.args, args.kwargs)) return this.probeAfter(this.probeFlattens, { origin: first });
      // `F.interpolate(x, scale_factor=2)`: a probe of the same batch, channels and rank goes on.
      const ranks = first && this.probes.has(first) ? functionRanks(r.op.names[0], args.args, args.kwargs) : undefined;
      if (ranks) return this.passProbe(first!, ranks, `F.${r.op.names[0].replace(/^torch\.nn\.functional\./, '')}`);
      // `torch.mean(x, dim=1, keepdim=True)` of a probe input: a statistic of it (see probeStatistics).
      const reduction = /^torch\.(mean|sum|var|std|amax|amin|logsumexp|norm)$/.exec(r.op.names[0]);
      if (first && reduction && (this.probes.has(first) || this.probeStatistics.has(first)) && keptStatistic(reduction[1], { args: args.args.slice(1), kwargs: args.kwargs })) {
        return this.statisticOf(this.probeStatistics.get(first) ?? first);
      }
      // `torch.tensor(levels)` of a `levels: list[int]` argument of unknown length: one axis of its length.
      const ints = first && /^torch\.(tensor|as_tensor)$/.test(r.op.names[0]) ? refOf(first, SymbolicObj) : undefined;
      if (ints?.sequence === 'ints') {
        const dtype = args.kwargs.dtype;
        return { kind: 'tensor', shape: [Dim.sym(`len(${ints.name})`)], dtype: dtype?.kind === 'dtype' ? dtype.dtype : 'int64' };
      }
      return this.report(this.traced(applyFunction(r.op, args.args, args.kwargs), r.op, r.name, site), site, r.name, undefined);
    }
    if (r instanceof ClassObj) return this.instantiate(r, args, site);
    if (r instanceof PartialObj) return this.call(r.fn, { args: [...r.args, ...args.args], kwargs: { ...r.kwargs, ...args.kwargs } }, site);
    if (isModuleLike(fn)) return this.callModuleValue(fn, args, site);
    if (r instanceof UnionObj) {
      // One of several callables, by a condition not known here (`f if use_ddp else g`): each is
      // called as a path that may not run, as `either` runs the two sides of a conditional; a
      // failure of one leaves the others, and only all failing fails.
      const ran = r.alternatives.map((alt, i) => {
        this.uncertainPaths++;
        try {
          return { value: this.call(alt, args, site, argExprs, fnExpr), facts: r.facts?.[i] };
        } catch (e) {
          if (e instanceof PyRaise) return undefined;
          throw e;
        } finally {
          this.uncertainPaths--;
        }
      }).filter((x) => x !== undefined);
      if (ran.length === 0) throw new PyRaise(undefined);
      const outs = ran.map((x) => x.value);
      return (r.facts && joinUnderFacts(outs, ran.map((x) => x.facts ?? NO_FACTS))) || outs.reduce(joinValues);
    }
    if (r instanceof InstanceObj) {
      // A plain object with `__call__` (Python), or a Julia functor.
      const call = r.cls.lookup('__call__');
      const f = call && refOf(call.value, FunctionObj);
      return f ? this.callFunction(f, { args: [fn, ...args.args], kwargs: args.kwargs }, site, fn) : UNKNOWN;
    }
    return UNKNOWN;
  }

  callFunction(fn: FunctionObj, args: CallArgs, site: Range, self: Value | undefined): Value {
    if (this.depth >= MAX_DEPTH) return UNKNOWN;
    // Recursion whose end a condition not known here decides (`Tree(levels - 1)` with a symbolic
    // levels) would branch at every level: past a few levels on such a path, the result is unknown.
    const active = this.activeCalls.get(fn) ?? 0;
    if (active >= (this.uncertainPaths > 0 ? 3 : MAX_RECURSION)) return UNKNOWN;
    // timm's model builder: the model it builds (timmBuilder.ts).
    if (isTimmModelBuilder(fn)) {
      const built = timmBuild(args);
      return built ? this.call(built.cls, { args: [], kwargs: built.kwargs }, site) : UNKNOWN;
    }
    this.activeCalls.set(fn, active + 1);
    try {
      return this.callFunctionBody(fn, args, site, self);
    } finally {
      this.activeCalls.set(fn, active);
    }
  }

  private callFunctionBody(fn: FunctionObj, args: CallArgs, site: Range, self: Value | undefined): Value {
    if (fn.legacyKeywords) args = this.withLegacyKeywords(fn.legacyKeywords, args, site);
    const scope = new Scope(fn.closure.moduleScope === fn.closure ? undefined : fn.closure, fn.closure.moduleScope);
    if (!bindParams(fn, args, scope)) return this.callDecorated(fn, args, site, self);
    const running = this.startingGenerator;
    this.startingGenerator = undefined;
    // A generator function: its body runs when the generator is first iterated (generators.ts).
    if (fn.generator === 'safe' && !running) return generatorOf(this, fn, args, site, self);
    const frame: Frame = { scope, returns: [], owner: fn.owner, self: self ?? (fn.params[0] ? scope.vars.get(fn.params[0].name) : undefined), fn, generator: running };
    if (running) running.ran = true;
    const foreign = fn.closure.moduleScope !== this.ownScope;
    const outerProfile = this.profile;
    this.profile = fn.closure.moduleScope.profile ?? outerProfile;
    this.depth++;
    this.callSites.push(site);
    const entering = foreign && !this.inForeignCode;
    if (entering) this.foreignEntry.push(site);
    // The file run calls home's code (`model(x)` in train.py): what follows is recorded for home.
    const enteringHome = !foreign && this.inForeignCode && this.options.home !== undefined;
    const ownCallSitesFrom = this.ownCallSitesFrom;
    const fromMain = this.options.home !== undefined && this.runningModules[this.runningModules.length - 1] === this.mainScope;
    if (fromMain) this.mainCallSites.push(site);
    if (!foreign && this.options.home) this.homeFunctionsRun.add(fn.range);
    if (enteringHome) {
      // Entered from a library the file run called: the file run's own call is the origin.
      const origin = fromMain ? site : this.mainCallSites[this.mainCallSites.length - 1] ?? site;
      this.homeEntry.push(origin);
      this.options.recorder.origin = this.options.describeSite?.(origin);
      this.ownCallSitesFrom = this.callSites.length;
    }
    this.runningModules.push(fn.closure.moduleScope);
    this.foreignStack.push(foreign);
    try {
      if (!Array.isArray(fn.body)) return this.eval(fn.body as Expr, frame);
      for (const p of fn.params) {
        const v = scope.vars.get(p.name);
        if (v && v.kind === 'tensor' && v.shape && !this.inForeignCode && !this.rankAssumed.has(v)) this.options.recorder.hint(p.range, p.name, v.shape, v.dtype, undefined, v.framework);
      }
      this.execBlock(fn.body as readonly Stmt[], frame);
    } finally {
      this.profile = outerProfile;
      this.depth--;
      this.callSites.pop();
      this.foreignStack.pop();
      this.runningModules.pop();
      if (fromMain) this.mainCallSites.pop();
      if (entering) this.foreignEntry.pop();
      if (enteringHome) {
        this.homeEntry.pop();
        this.ownCallSitesFrom = ownCallSitesFrom;
        const outer = this.homeCaller;
        this.options.recorder.origin = outer && this.options.describeSite?.(outer);
      }
    }
    if (fn.generator === 'unsafe') {
      // A generator whose body changes what is outside it (as its items are taken, in CPython):
      // it ran now, yielding unknowns; what it appends to or sets items of is not known after.
      for (const receiver of mutatedReceivers(fn.body as readonly Stmt[])) {
        const v = this.evalQuiet(receiver, frame);
        if (v.kind === 'list') markOpen(v);
        const d = refOf(v, DictObj) ?? refOf(v, ContainerObj);
        if (d) d.open = true;
      }
      return UNKNOWN;
    }
    if (frame.returns.length === 0) return NONE;
    return joinReturns(frame.returns, frame.returnFacts);
  }

  private constructLayer(op: ModuleOp, args: CallArgs, site: Range, syntax: () => ConstructorSyntax): Value {
    // Layers passed to a layer (`TransformerEncoder(layer, 6)`, `norm=nn.LayerNorm(d)`) reach
    // the op as the module instances it declares them to be.
    const isLayer = (v: Value): boolean => v.kind === 'object' && v.ref instanceof LayerObj;
    const asOpArg = (v: Value): Value => (v.kind === 'object' && v.ref instanceof LayerObj ? obj(v.ref.instance) : v);
    const kwargs = Object.values(args.kwargs).some(isLayer) ? Object.fromEntries(Object.entries(args.kwargs).map(([k, v]) => [k, asOpArg(v)])) : args.kwargs;
    const built = constructModule(op, args.args.some(isLayer) ? args.args.map(asOpArg) : args.args, kwargs);
    if (!built.ok) {
      this.raiseOpError(built.error, site, op.names[0], undefined);
    }
    if (!built.module) return UNKNOWN;
    const layer = new LayerObj(built.module, site, syntax);
    if (this.inForeignCode) this.foreign.add(layer);
    else this.layersBuilt.push(layer);
    return obj(layer);
  }

  /** Instances of each class made in the current outermost construction (see instantiate). */
  private readonly builtPerClass = new Map<ClassObj, number>();
  private constructing = 0;
  /** How many widths of each name the constructors run under a guess named (namedWidths.ts). */
  private readonly namedWidths = new Map<string, number>();

  private instantiate(cls: ClassObj, args: CallArgs, site: Range): Value {
    // `Format(fmt)`: a member, looked up by value.
    const enumInfo = cls.mro().find((c) => c.enumInfo)?.enumInfo;
    if (enumInfo) return args.args.length === 1 && Object.keys(args.kwargs).length === 0 ? enumLookup(enumInfo, args.args[0], valuesEqual) : UNKNOWN;
    // A class that builds itself in a loop (an edit that merged two classes: `Block.__init__`
    // making Blocks) fans out at every level: past MAX_INSTANCES_PER_BUILD of one class in one
    // model, it is unknown (CPython would hit its recursion limit).
    if (this.constructing === 0) this.builtPerClass.clear();
    const built = (this.builtPerClass.get(cls) ?? 0) + 1;
    if (built > MAX_INSTANCES_PER_BUILD) return UNKNOWN;
    this.builtPerClass.set(cls, built);
    this.constructing++;
    try {
      return this.instantiateBody(cls, args, site);
    } finally {
      this.constructing--;
    }
  }

  private instantiateBody(cls: ClassObj, args: CallArgs, site: Range): Value {
    if (cls.namedTupleFields) return namedTupleInstance(cls.namedTupleFields, args) ?? raise('TypeError');
    const inst = new InstanceObj(cls, site);
    if (this.inForeignCode) {
      this.foreign.add(inst);
      if (this.options.home && cls.isModule && !this.foreign.has(cls)) this.homeModelsBuilt.push(inst);
    }
    const self = obj(inst);
    const init = cls.lookup('__init__');
    if (init && init.value.kind === 'object' && init.value.ref instanceof FunctionObj) {
      this.callFunction(init.value.ref, { args: [self, ...args.args], kwargs: args.kwargs }, site, self);
      if (cls.isModule && !this.inForeignCode) {
        const built = this.builtInstances.get(cls) ?? [];
        if (built.length < 8) this.builtInstances.set(cls, [...built, inst]);
      }
    } else if (cls.containerBase) {
      this.initContainerBase(inst, cls.containerBase, args, site);
    } else if (cls.frameworkBase) {
      const built = constructModule(cls.frameworkBase, args.args, args.kwargs);
      if (built.ok && built.module) inst.base = built.module;
    } else if (cls.dataclassFields) {
      if (!this.initDataclass(inst, cls.dataclassFields, args, site)) return UNKNOWN;
    } else if (cls.unknownBase && (args.args.length > 0 || Object.keys(args.kwargs).length > 0)) {
      // An __init__ we cannot see (pydantic, NamedTuple, attrs...) would set attributes from
      // these arguments: the class defaults would be a guess.
      return UNKNOWN;
    }
    return self;
  }

  /** Calling a module: a layer runs its rule; a user module its forward; Sequential chains. */
  callModuleValue(m: Value, args: CallArgs, site: Range): Value {
    const r = (m as { ref: object }).ref;
    if (r instanceof LayerObj) {
      if (r.instance.op.names[0] === 'torch.nn.MultiheadAttention') this.seedAttentionInputs(r, args);
      const probe = this.firstProbeOrObject(args.args);
      if (probe) {
        // An activation, dropout or Identity says nothing of its input: the probe goes on.
        const opName = r.instance.op.names[0];
        const short = (n: string): string => n.replace(/^torch\.nn\./, 'nn.');
        if (SHAPE_KEEPING_LAYERS.test(opName)) return probe;
        // `self.logsoftmax(inputs)` (nn.LogSoftmax(dim=-1)) of a probe input: logits when nothing says more.
        if (/^torch\.nn\.(LogSoftmax|Softmax)$/.test(opName) && overClasses(r.instance.args.dim)) {
          this.noteLogits(probe, short(opName));
          if (r.instance.args.dim?.kind === 'int' && (r.instance.args.dim.dim.value ?? 0) < 0) return probe;
        }
        if (this.isInputProbe(probe) && isFlattenLayer(opName, r.instance.args)) return this.probeAfter(this.probeFlattens, { origin: probe });
        // A recurrent layer's state (`self.rnn(emb, hidden)`): None is what it starts from.
        if (probe === args.args[1] && args.args[0]?.kind === 'tensor' && !this.probes.has(args.args[0]) && /^torch\.nn\.(RNN|LSTM|GRU)$/.test(r.instance.op.names[0])) {
          throw new SeedFound(probe, NONE, `its use as the initial state of ${r.instance.op.names[0].replace(/^torch\.nn\./, 'nn.')} (None: zeros)`);
        }
        const ranks = layerRanks(opName, r.instance.args);
        if (ranks) return this.passProbe(probe, ranks, short(opName));
        const throughModule = this.probesThroughModules.get(probe);
        if (throughModule) {
          // After a module of the model's own that the probe told nothing: the input a
          // channel-first layer reads, if that module gives it back unchanged in shape.
          const seed = inputsAfterOwnModule(r.instance).find((c) => this.keepsShape(throughModule.module, c, site));
          throw new SeedFound(throughModule.origin, seed, `its first layer ${short(opName)}, after ${throughModule.through} (which keeps that shape)`);
        }
        const [seed, ...alternatives] = inputsForLayer(r.instance);
        throw new SeedFound(probe, seed, `its first layer ${short(opName)}`, alternatives);
      }
      return this.modelDepth === 0 ? this.callModel(m, r, args, site) : this.callLayer(r, args, site);
    }
    if (r instanceof InstanceObj && r.base) {
      // `class GroupNorm32(nn.GroupNorm)`: its input is what the framework layer takes.
      const probe = this.firstProbeOrObject(args.args);
      if (probe) {
        let candidates = inputsForLayer(r.base);
        // A norm with a forward of its own that does not hand the input to super() (timm's
        // LayerNorm2d permutes [B, C, H, W] first): only the inputs that forward keeps the shape
        // of with nothing assumed, as the norm would.
        if (ownForwardWithoutSuper(r.cls) && /Norm/.test(r.base.op.names[0])) candidates = candidates.filter((c) => this.keepsShape(m, c, site, true));
        if (candidates.length > 0) {
          const [seed, ...alternatives] = candidates;
          throw new SeedFound(probe, seed, `its first layer ${r.cls.name}`, alternatives);
        }
      }
    }
    if (r instanceof ContainerObj || r instanceof InstanceObj || r instanceof FrameworkModuleObj) {
      const probe = this.firstProbeOrObject(args.args);
      if (!probe) return this.callModel(m, r, args, site);
      const nested = this.probeModules > 0;
      this.probeModules++;
      let out: Value;
      try {
        out = this.callModel(m, r, args, site);
      } finally {
        this.probeModules--;
      }
      // A module of the model's own (not the model itself) lost the probe (a channel LayerNorm
      // written with torch.var): what comes after it may still say the input (see keepsShape).
      // (Not a probe passed beside a known first input that the module answered with a known
      // shape, as a mask an attention block never reads: that answer stands on the known input.)
      const answeredBeside = args.args[0] !== probe && out.kind === 'tensor' && out.shape !== undefined && !this.probes.has(out);
      if (nested && r instanceof InstanceObj && !answeredBeside && !this.probePassages.has(probe) && !this.probesThroughModules.has(probe) && !(out.kind === 'tensor' && this.probes.has(out))) {
        const next: Value = { kind: 'tensor', shape: undefined, dtype: undefined };
        this.probes.add(next);
        this.probesThroughModules.set(next, { origin: probe, through: r.cls.name, module: m });
        return next;
      }
      return out;
    }
    return UNKNOWN;
  }

  /**
   * Past an assertion on sizes it cannot decide (`assert H == self.img_size[0]`, timm's
   * `_assert`), under a guess, the equalities it states hold: the seeding solves its own symbols
   * by them (an input timm's PatchEmbed requires 224 wide is then [B, 3, 224, 224]).
   */
  assertionHolds(condition: Value): void {
    if (this.guess === undefined || condition.kind !== 'unknown' || !condition.facts?.ifTrue) return;
    for (const e of condition.facts.ifTrue) this.guessConditions.push({ lhs: e.lhs, rhs: e.rhs, relation: '=' });
  }

  /**
   * Run `run`, then put back the attributes it set on objects made before it: each run of the
   * seeding starts from the model as built (GPSA's `self.rel_indices = ...` cached by a run on
   * sizes a later round fixed would otherwise stay, and its shape with it).
   */
  undoingAttributes<T>(run: () => T): T {
    const attributes = this.trackAttributes();
    try {
      return run();
    } finally {
      attributes.end(true);
    }
  }

  /**
   * Whether `callee` (a name, or an attribute of a name) is code outside this file: a function
   * another module defines, a module's attribute (`json.loads`), or a name whose import could not
   * be loaded (unknown).
   */
  private isForeignCallee(callee: Expr, frame: Frame): boolean {
    const root = callee.k === 'name' ? callee : callee.k === 'attr' && callee.obj.k === 'name' ? callee.obj : undefined;
    if (!root) return false;
    const v = frame.scope.lookup(root.id);
    if (!v || v.kind === 'unknown') return v !== undefined;
    if (callee.k === 'attr') return refOf(v, PyModuleObj) !== undefined;
    const fn = refOf(v, FunctionObj);
    return fn !== undefined && fn.closure.moduleScope !== this.ownScope;
  }

  /** Start noting the attributes set on objects made before now; `end(true)` puts them back. */
  trackAttributes(): { end(restore: boolean): void } {
    const log = new MutationLog(nextSerial());
    this.mutationLogs.push(log);
    return {
      end: (restore) => {
        const at = this.mutationLogs.lastIndexOf(log);
        if (at >= 0) this.mutationLogs.splice(at, 1);
        if (restore) log.restoreAttributes();
        else this.mutationLogs[this.mutationLogs.length - 1]?.absorb(log);
      },
    };
  }

  /** Items the comprehensions being evaluated make together so far (their counts multiplied). */
  private comprehensionIterations = 1;

  /** The block an `if` about to run stands in, and where its statements after it start (untakenPath). */
  private afterIf: { stmts: readonly Stmt[]; from: number } | undefined;

  /** Depth of untaken branches running (see untakenBranches.ts): they do not nest. */
  private untakenRuns = 0;

  /**
   * Under a guess, the branch a condition on the configuration did not take (`wasTrue` is how it
   * went) runs tentatively from the same state (untakenBranches.ts): its hints stand on the guess
   * and that condition going the other way; they are kept only if it runs through.
   */
  /** Forks running now (see forkRest): one at a time, so that a method runs at most a few times over. */
  private forkRuns = 0;

  /** Whether the rest of a method may run along one path of an unknown `if` (forkRest). */
  private canFork(frame: Frame, rest: readonly Stmt[]): boolean {
    // Only on assumed inputs, in a method that computes (not a constructor), one fork at a time.
    return this.guess !== undefined && rest.length > 0 && this.forkRuns === 0 && this.untakenRuns === 0 && !this.inForeignCode
      && frame.fn !== undefined && frame.self !== undefined && this.constructing === 0 && !/^__\w+__$/.test(frame.fn.name);
  }

  /**
   * Run `rest`, the statements after an `if` of unknown test at the top of a method, from the
   * state one path of the `if` left (`vars`, the containers' `contents`): the places it reaches
   * keep that path's shapes beside the other path's, instead of the join's unknown. What it
   * returns is one of the method's returns; nothing else of it stays (attributes, containers,
   * the op trace). A path that raises or finds a problem keeps nothing (as runUntakenBranch):
   * false then.
   */
  private forkRest(rest: readonly Stmt[], vars: Map<string, Value>, contents: ReturnType<MutableState['save']>, branches: MutableState, frame: Frame): boolean {
    frame.scope.vars.clear();
    for (const [k, v] of vars) frame.scope.vars.set(k, v);
    branches.restore(contents);
    this.forkRuns++;
    try {
      return this.runApart(rest, frame, true);
    } finally {
      this.forkRuns--;
    }
  }

  /**
   * Run `stmts` apart from the run around them (a forked path, an untaken branch): what they change
   * of containers, attributes, the op trace and the facts met is put back, and what they recorded
   * stays only if they ran through without a new problem (a condition a symbolic size needs is
   * none). Their returns stay with them where `keepReturns`. Whether they ran through.
   */
  private runApart(stmts: readonly Stmt[], frame: Frame, keepReturns: boolean): boolean {
    const recorder = this.options.recorder;
    const state = new MutableState(branchRoots(stmts, [], frame.scope));
    const start = state.save();
    const diagnostics = recorder.diagnosticsSnapshot();
    const [returns, exits, traced, conditions, divisibility] = [frame.returns.length, frame.exits, this.trace.length, this.guessConditions.length, this.divisibility.length];
    const log = new MutationLog(nextSerial());
    const mark = recorder.begin();
    let ranThrough = false;
    this.mutationLogs.push(log);
    try {
      this.execBlock(stmts, frame);
      ranThrough = [...recorder.diagnosticsSnapshot()].every(([k, d]) => diagnostics.get(k) === d || (d.severity === 'warning' && (d.conditions?.length ?? 0) > 0));
    } catch (e) {
      if (!(e instanceof PyRaise) && !(e instanceof SeedFound)) throw e;
    } finally {
      this.mutationLogs.pop();
      log.restoreAttributes();
      state.restore(start);
      if (!ranThrough || !keepReturns) {
        frame.returns.length = returns;
        dropReturnFacts(frame.returnFacts, returns);
      }
      frame.exits = exits;
      this.trace.length = traced;
      this.guessConditions.length = conditions;
      this.divisibility.length = divisibility;
      recorder.restoreDiagnostics(diagnostics);
      if (ranThrough) recorder.commit(mark);
      else recorder.rollback(mark);
    }
    return ranThrough;
  }

  private runUntakenBranch(testExpr: Expr, stmts: readonly Stmt[], wasTrue: boolean, frame: Frame): void {
    const guess = this.guess;
    // Only in methods that compute (a constructor's other path would build modules for another model).
    // (`__post_init__` and attrs' `__attrs_post_init__` finish a generated __init__: constructors too.)
    // (Nor in a helper a constructor calls: lucidrains' `cache_fn` returning early by `_cache` builds layers past it.)
    if (guess === undefined || stmts.length === 0 || this.untakenRuns > 0 || this.inForeignCode || !frame.fn || !frame.self || this.constructing > 0 || /^__(init|post_init|attrs_post_init)__$/.test(frame.fn.name)) return;
    if (stmts.every((st) => st.k === 'raise' || st.k === 'pass' || st.k === 'return' || st.k === 'expr')) return;
    const body = Array.isArray(frame.fn.body) ? (frame.fn.body as readonly Stmt[]) : [];
    const isParam = (name: string): boolean => frame.fn!.params.some((p) => p.name === name);
    const condition = configurationCondition(testExpr, (name) => ({ value: frame.scope.lookup(name), local: frame.scope.vars.has(name), assigned: isParam(name) ? [] : valuesAssigned(body, name) }));
    if (condition === undefined) return;
    const noneInput = (name: string): boolean => frame.scope.vars.has(name) && frame.scope.vars.get(name)?.kind === 'none';
    if (!flipsWithNoneInputs(testExpr, wasTrue, noneInput, (e) => truthy(this.eval(e, frame)))) return;
    // A constructor that built other modules by that condition (`self.proj = nn.Conv2d(...) if
    // downsample else nn.Identity()`): the other path would run modules built for this one.
    const init = ((frame.self && refOf(frame.self, InstanceObj)?.cls) ?? frame.fn.owner)?.lookup('__init__');
    const initFn = init && refOf(init.value, FunctionObj);
    if (initFn && Array.isArray(initFn.body) && branchesOn(initFn.body, conditionNames(testExpr))) return;
    const before = new Map(frame.scope.vars);
    this.untakenRuns++;
    this.guess = `${guess}, with \`${condition}\` ${wasTrue ? 'false' : 'true'} (the other path of the configuration)`;
    // (The numbers the condition compares are not the ones this state holds: unknown on the path.)
    const numeric = (e: Expr): boolean => ['int', 'float'].includes(this.eval(e, frame).kind);
    const forgotten: { set: (v: Value) => void; was: Value }[] = [];
    try {
      for (const e of comparedNumbersRead(testExpr, stmts, numeric)) {
        const was = this.eval(e, frame);
        const unknownNumber: Value = was.kind === 'float' ? SOME_FLOAT : { kind: 'int', dim: Dim.unknown() };
        const inst = e.k === 'attr' && frame.self ? refOf(frame.self, InstanceObj) : undefined;
        const set = e.k === 'name' ? (v: Value): void => void frame.scope.vars.set(e.id, v) : inst && e.k === 'attr' ? (v: Value): void => void inst.attrs.set(e.name, v) : undefined;
        if (!set || (e.k === 'name' && !frame.scope.vars.has(e.id)) || (inst && e.k === 'attr' && !inst.attrs.has(e.name))) continue;
        forgotten.push({ set, was });
        set(unknownNumber);
      }
      // A path that found a problem is one these inputs do not take as written: nothing is kept.
      this.runApart(stmts, frame, false);
    } finally {
      for (const { set, was } of forgotten.reverse()) set(was);
      this.guess = guess;
      this.untakenRuns--;
      frame.scope.vars.clear();
      for (const [k, v] of before) frame.scope.vars.set(k, v);
    }
  }

  /**
   * An input probe that one branch left alone and the other made unknown (timm's ConvMlp pools
   * small inputs up to its kernel first) stays the probe: the layer after says the input on the
   * path that leaves it alone, and the seeded run then takes both paths with real shapes.
   */
  private keepingProbes(join: (a: Value, b: Value) => Value): (a: Value, b: Value) => Value {
    const lost = (v: Value): boolean => v.kind === 'unknown' || (v.kind === 'tensor' && v.shape === undefined && !this.probes.has(v));
    return (a, b) => {
      if (a.kind === 'tensor' && this.probes.has(a) && lost(b)) return a;
      if (b.kind === 'tensor' && this.probes.has(b) && lost(a)) return b;
      // Pooled on one path only: the input itself is what both paths start from.
      if (this.probePassages.get(a)?.origin === b) return b;
      if (this.probePassages.get(b)?.origin === a) return a;
      return join(a, b);
    };
  }

  /** Modules of the model's own running on an input probe (the model's own call is the first). */
  private probeModules = 0;

  /** Whether `module` gives `input` back in the same shape, run tentatively (nothing recorded). */
  /**
   * What a probe that a module of the model's own lost (a norm written with ops: timm's RmsNorm)
   * was found to be further on (`B, N, C = x.shape` in the attention after it), said of the
   * input before that module, when the module keeps that shape; undefined otherwise.
   */
  seedBeforeOwnModule(e: SeedFound, site: Range): SeedFound | undefined {
    const through = this.probesThroughModules.get(e.probe as object);
    if (!through) return undefined;
    if (refOf(through.module, FunctionObj)) return this.seedBeforeHelperFunction(e, through, site);
    const kept = [e.seed, ...e.alternatives].filter((s): s is Value => s !== undefined && this.keepsShape(through.module, s, site));
    if (kept.length === 0) return undefined;
    return new SeedFound(through.origin, kept[0], `${e.evidence}, after ${through.through} (which keeps that shape)`, kept.slice(1));
  }

  /**
   * A plain function of the file called on a probe input while the seeding runs (lucidrains'
   * `token_shift(x)`, chunks padded and joined again, before the attention reads it): when it
   * loses the probe, a probe of its result goes on, as one a module of the model's own gave
   * back does; what a layer later says of it is said of the input if the function keeps that shape.
   */
  private callHelperFunction(fnValue: Value, fn: FunctionObj, args: CallArgs, site: Range): Value {
    const probe = this.probeModules > 0 ? args.args[0] : undefined;
    if (!probe || probe.kind !== 'tensor' || !this.probes.has(probe)) return this.evenSplitsUndone(args.args[0], this.callFunction(fn, args, site, undefined));
    const out = this.callFunction(fn, args, site, undefined);
    const lost = out.kind === 'unknown' || (out.kind === 'tensor' && out.shape === undefined && !this.probes.has(out));
    if (!lost || args.args.length !== 1 || Object.keys(args.kwargs).length > 0) return out;
    const next: Value = { kind: 'tensor', shape: undefined, dtype: undefined };
    this.probes.add(next);
    this.probesThroughModules.set(next, { origin: probe, through: `${fn.name}()`, module: fnValue });
    return next;
  }

  /**
   * `token_shift(x)` gives `2*(d // 2)` back for `d`: with `d % 2 = 0` known (asserted, or assumed
   * by the seeding), that is `d`, and written so.
   */
  private evenSplitsUndone(input: Value | undefined, out: Value): Value {
    if (this.divisibility.length === 0 || input?.kind !== 'tensor' || !input.shape || out.kind !== 'tensor' || out.shape?.length !== input.shape.length) return out;
    const shape = out.shape.map((d, i) => (d.equals(input.shape![i]) !== 'yes' && holdsByDivisibility(d, input.shape![i], this.divisibility) ? input.shape![i] : d));
    return shape.every((d, i) => d === out.shape![i]) ? out : { ...out, shape };
  }

  /**
   * seedBeforeOwnModule for a plain function of the file: the candidates it gives back in their
   * shape, or in it once its splits are even (`token_shift` makes `2*(d // 2)` of `d`). Those
   * splits are then assumed to divide (`d % 2 = 0`) for the rest of this class's seeding, and the
   * guess says so; a split that cannot be even would have left the shape changed.
   */
  private seedBeforeHelperFunction(e: SeedFound, through: { origin: Value; through: string; module: Value }, site: Range): SeedFound | undefined {
    const kept: { seed: Value; splits: DivisibilityFact[] }[] = [];
    for (const s of [e.seed, ...e.alternatives]) {
      const splits = s && this.splitsKeepingShape(through.module, s, site);
      if (s && splits) kept.push({ seed: s, splits });
    }
    if (kept.length === 0) return undefined;
    const splits = kept[0].splits.filter((f) => !this.divisibility.some((g) => g.num.same(f.num) && g.den.same(f.den)));
    this.divisibility.push(...splits);
    const assumed = splits.length > 0 ? `, with ${splits.map((f) => `${f.num.toString()} % ${f.den.toString()} = 0`).join(' and ')} as it splits` : '';
    return new SeedFound(through.origin, kept[0].seed, `${e.evidence}, after ${through.through} (which keeps that shape${assumed})`, kept.slice(1).map((k) => k.seed));
  }

  /**
   * The even splits under which `fn(input)` has the input's shape ([] when it has it as is),
   * run tentatively (nothing recorded); undefined when it does not keep it.
   */
  private splitsKeepingShape(fn: Value, input: Value, site: Range): DivisibilityFact[] | undefined {
    if (input.kind !== 'tensor' || !input.shape) return undefined;
    const shape = input.shape;
    return this.tentatively(() => {
      const out = this.call(fn, { args: [input], kwargs: {} }, site);
      if (out.kind !== 'tensor' || out.shape?.length !== shape.length) return undefined;
      const splits: DivisibilityFact[] = [];
      for (const [i, d] of out.shape.entries()) {
        const want = shape[i];
        if (d.equals(want) === 'yes') continue;
        // (Only floor divisions of the input's own size: `2*(d // 2)` for `d`.)
        const divisions = floorDivisionsIn(d).filter((f) => f.num.same(want) && f.den.isKnown);
        if (divisions.length === 0 || !holdsByDivisibility(d, want, divisions)) return undefined;
        splits.push(...divisions);
      }
      return splits;
    }, undefined);
  }

  /**
   * `run`'s result, with whatever it recorded, traced or assumed taken back after; `failed` where
   * it raised in the user's code or stopped at a seed.
   */
  private tentatively<T>(run: () => T, failed: T): T {
    const recorder = this.options.recorder;
    const mark = recorder.begin();
    const traced = this.trace.length;
    const conditions = this.guessConditions.length;
    try {
      return run();
    } catch (e) {
      if (e instanceof PyRaise || e instanceof SeedFound) return failed;
      throw e;
    } finally {
      recorder.rollback(mark);
      this.trace.length = traced;
      this.guessConditions.length = conditions;
    }
  }

  /** With `strict`, also false when the run had to assume something of the input's sizes. */
  private keepsShape(module: Value, input: Value, site: Range, strict = false): boolean {
    if (input.kind !== 'tensor' || !input.shape) return false;
    const conditions = this.guessConditions.length;
    return this.tentatively(() => {
      const out = this.callModuleValue(module, { args: [input], kwargs: {} }, site);
      if (strict && this.guessConditions.length > conditions) return false;
      return out.kind === 'tensor' && out.shape !== undefined && out.shape.length === input.shape!.length && out.shape.every((d, i) => d.equals(input.shape![i]) === 'yes');
    }, false);
  }

  /**
   * `self.attn(query=q, key=memory, value=memory)`: a probe given by keyword as the query is
   * what the layer's first input is; one given as key or value beside a known query has the
   * query's batch and the layer's key width (a decoder's encoder memory).
   */
  private seedAttentionInputs(r: LayerObj, args: CallArgs): void {
    const [query, key, value] = [args.args[0] ?? args.kwargs.query, args.args[1] ?? args.kwargs.key, args.args[2] ?? args.kwargs.value];
    if (!query) return;
    if (this.probes.has(query)) {
      if (args.args[0] === query) return;
      const [seed, ...alternatives] = inputsForLayer(r.instance);
      throw new SeedFound(query, seed, 'its use as the query of nn.MultiheadAttention', alternatives);
    }
    for (const [which, v] of [['key', key], ['value', value]] as const) {
      if (v && this.probes.has(v)) throw new SeedFound(v, attentionMemoryInput(r.instance, which, query), `its use as the ${which} of nn.MultiheadAttention`);
    }
    // `key_padding_mask=mask.flatten(1)` (DETR's [B, H, W] padding mask): one flag per key, [N, S].
    const mask = args.args[3] ?? args.kwargs.key_padding_mask;
    const flattened = mask && this.probeFlattens.get(mask as object);
    if (mask && (this.isInputProbe(mask) || (flattened && (flattened.start ?? 1) === 1 && this.isInputProbe(flattened.origin)))) {
      const seed = keyPaddingMaskInput(r.instance, key);
      if (seed) throw new SeedFound(mask, seed, 'its use as the key_padding_mask of nn.MultiheadAttention, one flag per key', [], true);
    }
  }

  /** A fresh statistic of `probe` kept over its reduced axes (see probeStatistics). */
  private statisticOf(probe: Value): Value {
    const statistic: Value = { kind: 'tensor', shape: undefined, dtype: undefined };
    this.probeStatistics.set(statistic, probe);
    return statistic;
  }

  /** `if x.dim() != 3: raise` (or `assert x.dim() == 3`) of an input probe x: its rank, for the seeding. */
  private noteCheckedRank(test: Expr, raises: boolean, frame: Frame): void {
    const checked = checkedRank(test, raises);
    const v = checked && frame.scope.lookup(checked[0]);
    if (v && v.kind === 'tensor' && this.probes.has(v) && !this.checkedProbeRanks.has(v)) this.checkedProbeRanks.set(v, checked[1]);
  }

  /**
   * An input probe, or one its axes were only reordered or flattened from (`pos.flatten(2).permute(2, 0, 1)`):
   * a shape found for it is the input's, carried back exactly (analysis.ts, atOrigin).
   */
  private reordersInput(probe: Value): boolean {
    let v: Value | undefined = probe;
    for (let step = 0; v && step < 8; step++) {
      if (this.isInputProbe(v)) return true;
      v = this.probeReorders.get(v as object)?.origin ?? this.probeFlattens.get(v as object)?.origin;
    }
    return false;
  }

  /** An elementwise op of a probe and a tensor of the model: the seeds the partner's sizes give. */
  private seedBroadcast(self: Value, other: Value | undefined, name: string): void {
    if (!other || other.kind !== 'tensor') return;
    const selfProbe = this.probes.has(self);
    const [probe, partner] = selfProbe ? [self, other] : [other, self];
    if (!this.probes.has(probe) || this.probes.has(partner) || partner.kind !== 'tensor' || !partner.shape) return;
    const verb = /add/.test(name) ? 'sum' : /sub/.test(name) ? 'difference' : /div/.test(name) ? 'quotient' : 'product';
    // A partner made from the other inputs (`emb + y_emb`, emb [B, dim] from the time input) has
    // their batch already: an input beside it is its shape, and what a module of the model made
    // of the input (its output beside emb) says nothing of the input itself.
    // (Sizes of the seed's own: a parameter of a constructor argument's width, lucidrains' LayerNorm
    // `self.g` of [dim], is the model's, whatever input was seeded with `dim` first.)
    const seededSizes = partner.shape.some((d) => [...d.symbols()].some((sym) => this.seedOwnSymbols.has(sym)));
    if (seededSizes) {
      if (this.reordersInput(probe)) throw new SeedFound(probe, { kind: 'tensor', shape: partner.shape, dtype: partner.dtype ?? 'float32' }, `its ${verb} with [${partner.shape.map(String).join(', ')}], made from the other inputs`, [], true);
      return;
    }
    const [seed, ...alternatives] = inputsBroadcastWith(partner);
    if (seed) throw new SeedFound(probe, seed, `its ${verb} with a tensor of the model of shape [${partner.shape.map(String).join(', ')}]`, alternatives);
  }

  /** `x @ w` of a probe x and a known matrix w: the seeds a Linear of w's rows would give. */
  private seedMatmul(probe: Value, other: Value | undefined, rank?: number): void {
    // `q @ k.transpose(-2, -1)` of two inputs (attention scores): q's rank from the transpose.
    const reorder = other && this.probes.has(other) ? this.probeReorders.get(other as object) : undefined;
    if (reorder && 'swap' in reorder && this.reordersInput(other!) && rank === undefined) {
      const [seed, ...alternatives] = inputsBeforeTransposedInput(reorder.swap);
      if (seed) throw new SeedFound(probe, seed, `its product with another input transposed (\`transpose(${reorder.swap.join(', ')})\`)`, alternatives);
    }
    const [seed, ...alternatives] = inputsForMatmul(other).filter((c) => rank === undefined || (c.kind === 'tensor' && c.shape?.length === rank));
    if (seed) throw new SeedFound(probe, seed, 'its product with a matrix of the model', alternatives);
  }

  /**
   * `left @ x` of a known left and an input x, or one only transposed from it (attention's
   * `attn @ v`, `q @ k.transpose(-2, -1)` once q is seeded): x lines up with left's last axis.
   */
  private seedMatmulRight(left: Value, right: Value | undefined): void {
    if (!right || this.probes.has(left) || !this.probes.has(right) || !this.reordersInput(right)) return;
    const transposed = this.probeReorders.has(right as object);
    const seed = rightOperandBeside(left, freshSizeName(transposed ? 'M' : 'Dv', this.seededSymbols));
    if (seed && left.kind === 'tensor') throw new SeedFound(right, seed, `its product with [${(left.shape ?? []).map(String).join(', ')}]`, [], true);
  }

  /** The first operand of an einsum that is a probe input: what its subscripts and the known operands say. */
  private seedEinsumOperand(named: boolean, args: readonly Value[]): void {
    const equation = named ? args[args.length - 1] : args[0];
    const rest = named ? args.slice(0, -1) : args.slice(1);
    const operands = rest.length === 1 && (rest[0].kind === 'list' || rest[0].kind === 'tuple') ? rest[0].items : rest;
    const at = operands.findIndex((o) => this.isInputProbe(o));
    if (equation?.kind !== 'str' || at < 0) return;
    const seed = inputForEinsumTerm(einsumTerms(equation.value, named), operands, at);
    if (seed) throw new SeedFound(operands[at], seed, `its subscripts in the einsum '${equation.value}'`);
  }

  /** Probe inputs `unsqueeze`d (`target.unsqueeze(1)`): the value made, to its input and the axis. */
  private readonly unsqueezedProbes = new WeakMap<object, { origin: Value; dim: number }>();

  /** A probe input a softmax over its classes or a loss reads: [B, C] logits when nothing else says more (lossInputs.ts). */
  private noteLogits(probe: Value, via: string): void {
    if (!this.isInputProbe(probe) || this.probeFallbacks.has(probe as object)) return;
    this.probeFallbacks.set(probe as object, { seed: logitsSeed(), evidence: `its use as a classifier's logits (${via} over its classes)` });
  }

  /** `F.cross_entropy(x, target)`: a probe x is logits; a probe target beside known logits, their class indices. */
  private seedLossInputs(input: Value | undefined, target: Value | undefined, loss: string): void {
    const name = loss.slice('torch.nn.functional.'.length);
    if (input && this.probes.has(input)) this.noteLogits(input, `F.${name}`);
    const indices = target && this.isInputProbe(target) ? classIndicesFor(input) : undefined;
    if (indices && input?.kind === 'tensor') throw new SeedFound(target!, indices, `its use as the target of F.${name}: class indices`, [{ kind: 'tensor', shape: input.shape, dtype: 'float32' }]);
  }

  /** A loss target that is a probe input sliced on its two axes (`x[:, 1:]`): class indices per position. */
  private seedSlicedTarget(target: Value | undefined, loss: string): void {
    const sliced = target ? this.slicedProbes.get(target as object) : undefined;
    if (!sliced || sliced.rank !== 2) return;
    const ids: Value = { kind: 'tensor', shape: [Dim.sym('B'), Dim.sym('T')], dtype: 'int64' };
    throw new SeedFound(sliced.origin, ids, `its slice's use as the target of F.${loss.slice('torch.nn.functional.'.length)}`);
  }

  /** Slices of probe inputs on their axes (`x[:, 1:]`), unknown tensors, with the input and the index's length. */
  private readonly slicedProbes = new WeakMap<object, { origin: Value; rank: number }>();

  /** A new probe for what `probe` became through an op that keeps its batch, channels and rank. */
  private passProbe(probe: Value, ranks: { minRank: number; maxRank: number }, via: string): Value {
    const passed: Value = { kind: 'tensor', shape: undefined, dtype: undefined };
    this.probes.add(passed);
    const passage = passageOf(this.probePassages.get(probe), probe, ranks, via);
    this.probePassages.set(passed, passage);
    const fallback = fixedRankInput(passage);
    if (fallback && !this.probeFallbacks.has(passage.origin as object)) this.probeFallbacks.set(passage.origin as object, { seed: fallback, evidence: `its rank, which ${passage.via} fixes` });
    return passed;
  }

  /** The first argument, if it is a probe (objects before it mean the layer is not its first). */
  private firstProbeOrObject(args: readonly Value[]): Value | undefined {
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a.kind === 'object') return undefined;
      if (a.kind === 'tensor' && this.probes.has(a)) return a;
    }
    return undefined;
  }

  /**
   * A probe that is an input as given, not what an op made of one (a flattening after a pooling
   * says the pooling's rank; the pooling's own fallback stands then).
   */
  seedIfInput(v: Value, seed: Value, evidence: string): void {
    if (this.isInputProbe(v)) throw new SeedFound(v, seed, evidence, [], true);
  }

  private isInputProbe(v: Value): boolean {
    const o = v as object;
    return this.probes.has(v) && !this.probePassages.has(o) && !this.probeReorders.has(o) && !this.probeChannelsLastPools.has(o) && !this.probeFlattens.has(o) && !this.probesThroughModules.has(v);
  }

  /** A fresh probe for what an op made of a probe, with how (`step`) recorded in `steps` to carry its seed back. */
  private probeAfter<T>(steps: WeakMap<object, T>, step: T): Value {
    const next: Value = { kind: 'tensor', shape: undefined, dtype: undefined };
    this.probes.add(next);
    steps.set(next, step);
    return next;
  }

  private callLayer(r: LayerObj, args: CallArgs, site: Range): Value {
    if (r.lazy) this.materialize(r, args.args[0]);
    const name = r.instance.op.names[0];
    // A PackedSequence into nn.RNN/LSTM/GRU: the padded batch in the layer's layout, packed again after.
    const packed = args.args[0] && refOf(args.args[0], PackedSequenceObj);
    if (packed) {
      const batchFirst = /^torch\.nn\.(RNN|LSTM|GRU)$/.test(name) ? recurrentBatchFirst(r.instance.args) : undefined;
      // (A packed batch of fewer than three axes packs to data of one axis, which the layer refuses.)
      if (batchFirst === undefined || packed.padded.shape.length !== 3) return UNKNOWN;
      const { input, repack } = packedRecurrentInput(packed, batchFirst);
      const result = this.callLayer(r, { args: [input, ...args.args.slice(1)], kwargs: args.kwargs }, site);
      return result.kind === 'tuple' && result.items.length === 2 ? tupleOf([repack(result.items[0]), result.items[1]]) : UNKNOWN;
    }
    // Every input the analysis assumes has a batch axis: a layer that would read one without it
    // as unbatched (gcvit's stage, seeded [B, N, dim] by its default nn.LayerNorm, reaching a
    // Conv2d that would take B for its channels) shows the assumption wrong, not the code.
    if (this.guess !== undefined && unbatchedInput(name, args.args[0])) raise('RuntimeError');
    const result = this.traced(callModule(r.instance, args.args, args.kwargs, r.training), r.instance.op, name, site, r.instance, r.training);
    const out = this.report(result, site, name, r, args.args[0]);
    r.uses.push({ site, inputs: args.args, output: out });
    return out;
  }

  /** The `__init__` @dataclass generates: positional then keyword arguments, else defaults. */
  private initDataclass(inst: InstanceObj, fields: readonly DataclassField[], args: CallArgs, site: Range): boolean {
    if (args.args.length > fields.length) return false;
    const names = new Set(fields.map((f) => f.name));
    if (Object.keys(args.kwargs).some((k) => !names.has(k))) return false;
    for (const [i, f] of fields.entries()) {
      let v: Value | undefined = i < args.args.length ? args.args[i] : args.kwargs[f.name];
      if (v === undefined && f.factory) v = this.call(f.factory, { args: [], kwargs: {} }, site);
      v ??= f.default;
      if (v === undefined) return false;
      inst.attrs.set(f.name, v);
    }
    // The generated __init__ ends by calling `self.__post_init__()`, where configs derive their
    // other sizes (`head_size = n_embd // n_head`). (One taking InitVar fields we do not keep: unknown.)
    const post = inst.cls.lookup(inst.cls.mro().some((c) => c.attrsClass) ? '__attrs_post_init__' : '__post_init__');
    const postFn = post && refOf(post.value, FunctionObj);
    if (post && !postFn) return false;
    if (postFn) {
      if (postFn.params.slice(1).some((p) => !postFn.defaults.has(p.name) && (p.kind === 'positional-or-keyword' || p.kind === 'positional-only' || p.kind === 'keyword-only'))) return false;
      this.callFunction(postFn, { args: [obj(inst)], kwargs: {} }, site, obj(inst));
    }
    return true;
  }

  /** `nn.LazyLinear(out_features, bias=True)`: an nn.Linear whose in_features the first call sets. */
  constructLazyLinear(args: CallArgs, site: Range): Value {
    const linear = lookupOp('torch.nn.Linear');
    const out = args.args[0] ?? args.kwargs.out_features;
    if (!linear || linear.kind !== 'module' || !out) return UNKNOWN;
    const kwargs: Record<string, Value> = { ...args.kwargs, in_features: int(Dim.sym('in_features')), out_features: out };
    if (args.args[1]) kwargs.bias = args.args[1];
    const built = constructModule(linear, [], kwargs);
    if (!built.ok || !built.module) return UNKNOWN;
    const layer = new LayerObj(built.module, site, { callee: undefined, args: [] });
    layer.lazy = true;
    if (this.inForeignCode) this.foreign.add(layer);
    else this.layersBuilt.push(layer);
    return obj(layer);
  }

  private materialize(layer: LayerObj, input: Value | undefined): void {
    if (!input || input.kind !== 'tensor' || !input.shape || input.shape.length === 0) return;
    const rebuilt = constructModule(layer.instance.op, [], { ...layer.instance.args, in_features: int(input.shape[input.shape.length - 1]) });
    if (!rebuilt.ok || !rebuilt.module) return;
    layer.instance = rebuilt.module;
    layer.lazy = false;
  }

  /** Record the outermost model call (its trace slice), then run it. */
  private callModel(m: Value, r: ContainerObj | InstanceObj | LayerObj | FrameworkModuleObj, args: CallArgs, site: Range): Value {
    if (this.modelDepth > 0 || this.probes.has(args.args[0] ?? UNKNOWN)) return this.runModel(m, r, args, site);
    const traceStart = this.trace.length;
    this.modelDepth++;
    let output: Value = UNKNOWN;
    const outer = this.outerCall;
    this.outerCall = { constructedAt: (r as { constructedAt?: Range }).constructedAt, input: args.args[0] };
    try {
      output = this.runModel(m, r, args, site);
      return output;
    } finally {
      // A call that raised is kept too: its summary and parameters are still worth showing.
      this.outerCall = outer;
      this.modelDepth--;
      this.modelCalls.push({ model: m, site, inputs: args.args, output, traceStart, traceEnd: this.trace.length });
    }
  }

  private runModel(m: Value, r: ContainerObj | InstanceObj | LayerObj | FrameworkModuleObj, args: CallArgs, site: Range): Value {
    if (r instanceof LayerObj) return this.callLayer(r, args, site);
    if (r instanceof FrameworkModuleObj) return r.run(this, args, site);
    if (r instanceof ContainerObj) {
      if (r.kind !== 'Sequential') return UNKNOWN;
      let v: Value | undefined = args.args[0];
      if (args.args.length !== 1 || !v) return UNKNOWN;
      if (!r.open) {
        for (const [, child] of r.items) v = this.call(child, { args: [v], kwargs: {} }, site);
        return v;
      }
      // Known modules, then any number of modules like the sample: its output is known only if
      // one of them leaves its input's shape as it was (then so do any number of them).
      for (const [, child] of r.items.slice(0, r.known)) v = this.call(child, { args: [v], kwargs: {} }, site);
      if (!r.sample) return UNKNOWN;
      const mark = this.options.recorder.begin();
      let out: Value;
      try {
        out = this.call(r.sample, { args: [v], kwargs: {} }, site);
      } catch (e) {
        this.options.recorder.rollback(mark);
        throw e;
      }
      if (sameValue(out, v)) {
        this.options.recorder.commit(mark);
        return out;
      }
      this.options.recorder.rollback(mark);
      return UNKNOWN;
    }
    if (r instanceof InstanceObj) {
      // `self.forward = self.forward_split_cat` in __init__ (timm's FasterNet): the instance's own.
      const own = refOf(r.attrs.get('forward') ?? UNKNOWN, BoundMethodObj);
      if (own) return this.callFunction(own.fn, { args: [own.self, ...args.args], kwargs: args.kwargs }, site, own.self);
      const fwd = r.cls.lookup('forward');
      if (fwd && fwd.value.kind === 'object' && fwd.value.ref instanceof FunctionObj) {
        // A call with nothing known about its main input (a loop over an unknown loader, a
        // block after a loop of unknown count that only gets the time embedding) shows little;
        // the symbolic seeding still runs such a forward.
        // (Called by keywords only, `denoiser(image_embed=e)`: the first tensor passed.)
        const main = args.args[0] ?? Object.values(args.kwargs).find((v) => v.kind === 'tensor');
        if (main && main.kind !== 'unknown' && (main.kind !== 'tensor' || main.shape !== undefined)) this.forwardsRun.add(fwd.value.ref);
        // An autograd Function seeded as a model (nothing applies it): its forward as `apply` runs it.
        if (r.cls.mro().includes(AUTOGRAD_FUNCTION)) return this.callAutogradForward(r.cls, fwd.value.ref, args, site);
        return this.callFunction(fwd.value.ref, { args: [m, ...args.args], kwargs: args.kwargs }, site, m);
      }
      if (r.base) return this.report(this.traced(callModule(r.base, args.args, args.kwargs, r.training), r.base.op, r.base.op.names[0], site, r.base, r.training), site, r.base.op.names[0], undefined);
      const view = containerView(r);
      if (view) return this.callModel(obj(view), view, args, site);
      const call = r.cls.lookup('__call__');
      if (call && call.value.kind === 'object' && call.value.ref instanceof FunctionObj) {
        return this.callFunction(call.value.ref, { args: [m, ...args.args], kwargs: args.kwargs }, site, m);
      }
    }
    return UNKNOWN;
  }

  callOp(name: string, args: CallArgs, site: Range): Value {
    const op = lookupOp(name);
    if (!op || op.kind !== 'function') return UNKNOWN;
    return this.report(this.traced(applyFunction(op, args.args, args.kwargs), op, name, site), site, name, undefined);
  }

  callTensorMethod(self: Value, name: string, args: CallArgs, site: Range): Value {
    const argExprs = this.pendingArgExprs;
    const fnExpr = this.pendingFnExpr;
    this.pendingArgExprs = undefined;
    this.pendingFnExpr = undefined;
    // `c.view(c.size(0), c.size(1), 1, 1)` of a probe input (a label vector made a map): c has
    // as many elements as its first two sizes make, [B, N].
    if (this.probes.has(self) && (name === 'view' || name === 'reshape') && argExprs) {
      const seed = inputViewedBySizes(fnExpr, argExprs, this.seededSymbols);
      if (seed) throw new SeedFound(self, seed, `its ${name} by its own first two sizes and 1s`);
    }
    // `x.view(-1, 784)` of a probe input: [B, 784], the simplest input that views so.
    const width = this.probes.has(self) ? flattenedWidth(name, args.args, args.kwargs) : undefined;
    const reordered = width && this.probeReorders.get(self);
    const fixedRank = reordered ? reorderRank(reordered) : undefined;
    const rows = width && (fixedRank !== undefined || this.isInputProbe(self)) ? inputForRows(width, fixedRank) : undefined;
    if (rows) throw new SeedFound(self, rows.seed, `its ${name}(-1, ${width!.toString()})${rows.rankChosen ? ` (${FLATTENED})` : ''}`);
    // `x.view(x.size(0), -1)`, `x.flatten(1)` of a probe input: a probe of its flattening goes on.
    if (this.isInputProbe(self) && (isFlattenView(name, fnExpr, argExprs) || isFlattenMethod(name, args.args, args.kwargs))) {
      return this.probeAfter(this.probeFlattens, { origin: self });
    }
    // `pos.flatten(2)` of a probe input: a probe of that flattening goes on (seedThroughFlatten).
    // (Not of an input whose sizes or rank the code reads: timm's MLDecoder flattens only a 4-d input.)
    const start = this.isInputProbe(self) && !this.shapeReadProbes.has(self as object) ? trailingFlattenStart(name, args.args, args.kwargs) : undefined;
    if (start !== undefined) return this.probeAfter(this.probeFlattens, { origin: self, start });
    // `x.type(Tensor)` with a legacy type (`torch.FloatTensor`): its dtype.
    const legacy = name === 'type' ? legacyTypeDtype(args.args[0]) : undefined;
    if (legacy) args = { args: [{ kind: 'dtype', dtype: legacy }, ...args.args.slice(1)], kwargs: args.kwargs };
    // `x.float()`, `x.contiguous()` of a probe input: still the same, unknown input.
    if (this.probes.has(self) && (name === '__invert__' || name === 'logical_not')) this.booleanProbes.add(self as object);
    if (this.probes.has(self) && SHAPE_KEEPING_METHODS.has(name)) return self;
    // `q.softmax(dim=-1)` (linear attention's queries): any rank of at least that many axes, kept.
    // (A loss's input, when nothing else says more, is a classifier's logits: lossInputs.ts.)
    if (this.probes.has(self) && (name === 'softmax' || name === 'log_softmax') && overClasses(args.args[0] ?? args.kwargs.dim)) this.noteLogits(self, `Tensor.${name}`);
    if (this.probes.has(self) && isSoftmaxFromEnd(name, args.args[0] ?? args.kwargs.dim)) return self;
    // `target.unsqueeze(1)` of a probe input, which a `gather` or `scatter_` may then take as its index.
    if (this.isInputProbe(self) && name === 'unsqueeze') {
      const dim = args.args[0] ?? args.kwargs.dim;
      const out: Value = { kind: 'tensor', shape: undefined, dtype: undefined };
      if (dim?.kind === 'int' && dim.dim.value !== undefined) this.unsqueezedProbes.set(out as object, { origin: self, dim: dim.dim.value });
      return out;
    }
    if (self.kind === 'tensor' && self.shape && INDEXING_METHODS.has(name)) {
      const index = args.args[1] ?? args.kwargs.index;
      const unsqueezed = index ? this.unsqueezedProbes.get(index as object) : undefined;
      const seed = unsqueezed && classIndicesFor(self, unsqueezed.dim);
      if (unsqueezed && seed) throw new SeedFound(unsqueezed.origin, seed, `its use as the index of \`Tensor.${name}\` after \`unsqueeze(${unsqueezed.dim})\`: class indices`);
    }
    if (this.probes.has(self) && name === '__matmul__') this.seedMatmul(self, args.args[0]);
    if (name === '__matmul__') this.seedMatmulRight(self, args.args[0]);
    if (this.probes.has(self) && name === 'mm') this.seedMatmul(self, args.args[0] ?? args.kwargs.mat2, 2);
    // `0.5 * x` of a probe input: a Python number keeps the shape; the sum of two passages of one
    // input (`0.5 * x.mean((2, 3), keepdim=True) + 0.5 * x.amax((2, 3), keepdim=True)`) keeps
    // the batch and channels both keep.
    if (this.probes.has(self) && PROBE_ARITHMETIC.has(name)) {
      const other = args.args[0];
      if (other && (other.kind === 'int' || other.kind === 'float' || other.kind === 'bool') && Object.keys(args.kwargs).length === 0) return self;
      const mine = this.probePassages.get(self);
      const theirs = other && this.probePassages.get(other);
      if (mine && theirs && mine.origin === theirs.origin) return this.passProbe(self, { minRank: theirs.minRank, maxRank: theirs.maxRank }, theirs.via);
      // `x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps)`: the input scaled by a statistic
      // of its own kept over the axes it pooled, which broadcasts back to the input's shape.
      if (!mine && theirs && theirs.origin === self) return self;
      if (other && this.probeStatistics.get(other) === self) return self;
      // `x * x` (litgpt's RMSNorm squares its input so): the input's own shape.
      if (other === self) return self;
    }
    // `x * self.gamma`, `x + self.pos_embedding`, `self.weight.view(1, -1, 1, 1) * x` of a probe
    // input: the partner's sizes are the input's where they are not 1.
    if (BROADCAST_SEEDS.has(name)) this.seedBroadcast(self, args.args[0], name);
    // `x.permute(0, 3, 1, 2)` of a probe input (channels-last blocks): a probe whose seed says the input's, axes put back.
    const reorder = this.probes.has(self) ? reorderOf(name, args.args, args.kwargs, self) : undefined;
    if (reorder) return this.probeAfter(this.probeReorders, reorder);
    // `x.mean((1, 2), keepdim=True)` of a channels-last probe input: likewise, through the pooling.
    const clPool = this.probes.has(self) ? channelsLastPoolOf(name, args.args, args.kwargs, self) : undefined;
    if (clPool) return this.probeAfter(this.probeChannelsLastPools, clPool);
    // `x.mean((2, 3), keepdim=True)` of a probe input: a later layer says the input's batch and channels.
    const poolRank = this.probes.has(self) ? globalPoolRank(name, args.args, args.kwargs) : undefined;
    if (poolRank !== undefined) {
      const origin = (this.probePassages.get(self)?.origin ?? self) as object;
      const seed = fixedRankInput({ origin: self, minRank: poolRank, maxRank: poolRank, via: '' });
      if (seed && !this.probeFallbacks.has(origin)) this.probeFallbacks.set(origin, { seed, evidence: `its rank, which a global pooling \`Tensor.${name}\` over its spatial axes says` });
    }
    const reduced = this.probes.has(self) ? reductionRanks(name, args.args, args.kwargs) : undefined;
    if (reduced) return this.passProbe(self, reduced, `Tensor.${name}`);
    if (this.probes.has(self) && keptStatistic(name, args)) return this.statisticOf(self);
    const statisticOf = this.probeStatistics.get(self);
    // Only with numbers (`v.add(eps)`, `v.clamp(min=eps)`): a tensor beside it may broadcast it wider.
    const number = (v: Value): boolean => v.kind === 'int' || v.kind === 'float' || v.kind === 'bool';
    const numbersOnly = args.args.every(number) && Object.values(args.kwargs).every(number);
    // `x.sum(dim=-1, keepdim=True).clamp(min=eps)` (lucidrains' RMSNorm): the reduction's passage
    // goes on as it was, so `x / norm` still meets its own input.
    const passage = this.probePassages.get(self);
    if (passage && numbersOnly && STATISTIC_KEEPING_METHODS.has(name)) return this.passProbe(self, { minRank: passage.minRank, maxRank: passage.maxRank }, passage.via);
    if (statisticOf) {
      // (A cast keeps it whatever it is given: lucidrains' LayerNorm writes `(var + eps).rsqrt().type(dtype)`
      // with `dtype = x.dtype`, not known of an input probe.)
      if (SHAPE_KEEPING_METHODS.has(name) || (numbersOnly && (STATISTIC_KEEPING_METHODS.has(name) || PROBE_ARITHMETIC.has(name)))) return this.statisticOf(statisticOf);
    }
    // `t[:, None]` of a probe input (a diffusion timestep): one axis, the batch the others share.
    if (this.probes.has(self) && name === '__getitem__' && args.args[0]?.kind === 'tuple') {
      const index = args.args[0].items;
      if (index.some((i) => i.kind === 'none') && index.filter((i) => i.kind !== 'none').length === 1 && index.every((i) => i.kind === 'none' || i.kind === 'slice')) {
        throw new SeedFound(self, { kind: 'tensor', shape: [Dim.sym('B')], dtype: 'float32' }, 'its indexing with one axis and None');
      }
      // `y_embed[:, :, :, None]` (DETR's sine positions of a [B, H, W] mask): as many axes as it
      // slices, when nothing else says more.
      const sliced = index.filter((i) => i.kind === 'slice').length;
      const seed = sliced >= 2 && index.some((i) => i.kind === 'none') && index.every((i) => i.kind === 'none' || i.kind === 'slice') ? fixedRankInput({ origin: self, minRank: sliced, maxRank: sliced, via: '' }) : undefined;
      if (seed && !this.probeFallbacks.has(self as object)) this.probeFallbacks.set(self as object, { seed, evidence: `its rank, which its indexing with ${sliced} axes and None says` });
    }
    // `token_embed[ids]` (a weight table read by an input nobody gave, nGPT's tied embedding): token
    // ids, as an nn.Embedding's input is, [B, T] or one per item [B], whichever goes further. (Only
    // a table of the model's own sizes: `x[mask]` of what the inputs made is no lookup.)
    const ids = name === '__getitem__' ? args.args[0] : undefined;
    const table = self.kind === 'tensor' && self.shape && self.shape.length >= 2 && !this.probes.has(self) && !self.shape.some((d) => [...d.symbols()].some((sym) => this.seedOwnSymbols.has(sym)));
    if (ids && table && this.isInputProbe(ids)) {
      const [tokens, items] = [[Dim.sym('B'), Dim.sym('T')], [Dim.sym('B')]].map((shape): Value => ({ kind: 'tensor', shape, dtype: 'int64' }));
      throw new SeedFound(ids, tokens, 'its use as indices into a table', [items]);
    }
    // `scores.masked_fill(mask == 0, -1e9)` with an assumed mask input nothing describes: the
    // mask broadcasts into the scores (as `masked_fill_` requires), which keep their shape.
    const mask = args.args[0] ?? args.kwargs.mask;
    if ((name === 'masked_fill' || name === 'masked_fill_') && this.guess !== undefined && self.kind === 'tensor' && self.shape && !this.probes.has(self) && (mask?.kind === 'unknown' || (mask?.kind === 'tensor' && mask.shape === undefined))) {
      return name === 'masked_fill_' ? self : { kind: 'tensor', shape: self.shape, dtype: self.dtype };
    }
    // `x[:, :-1]` of a probe input (token ids shifted for next-token prediction): what it gives stays
    // unknown (a layer's width after a slice is not the input's), but a loss may say what it was.
    if (this.isInputProbe(self) && name === '__getitem__' && args.args[0]?.kind === 'tuple' && isAxisSlicing(args.args[0].items)) {
      const sliced: Value = { kind: 'tensor', shape: undefined, dtype: undefined };
      this.slicedProbes.set(sliced, { origin: self, rank: args.args[0].items.length });
      return sliced;
    }
    const op = tensorMethodOp(name);
    if (!op || op.kind !== 'function') return UNKNOWN;
    const result = this.traced(applyFunction(op, [self, ...args.args], args.kwargs), op, `torch.Tensor.${name}`, site);
    // NumPy arrays and Keras tensors share PyTorch's indexing and broadcasting rules, not its
    // error texts: their results keep their framework, a failure is not known here.
    const other = self.kind === 'tensor' && (self.framework === 'numpy' || self.framework === 'keras') ? self.framework : undefined;
    if (other) {
      if (!result.ok || result.value.kind !== 'tensor') return UNKNOWN;
      const value: TensorValue = { ...result.value, framework: other };
      return tensorOpHook(other)?.(this, self as TensorValue, name, args.args, value) ?? value;
    }
    if (!result.ok && result.error.code === 'view-size' && argExprs) {
      this.raiseOpError(result.error, site, `Tensor.${name}`, undefined, undefined, viewSizeFixes(self, args.args, argExprs));
    }
    const value = this.report(result, site, `Tensor.${name}`, undefined);
    // An in-place method returns self, changed: later reads of it must not replay its producer.
    if (name.endsWith('_') && !name.startsWith('__') && value.kind === 'tensor' && self.kind === 'tensor') {
      this.changedInPlace.add(self);
      return self;
    }
    return value;
  }

  /** Record a successful op application in the trace (tensor outputs only). */
  private traced(result: OpResult, op: OpDecl, name: string, site: Range, module?: ModuleInstance, training = false): OpResult {
    if (result.ok && result.value.kind === 'tensor' && !module) {
      // Numbers of small tensors computed from known numbers; never a stale copy of an input's.
      const values = result.args ? foldedValues(name, result.args, result.value) ?? foldedValues(op.names[0], result.args, result.value) : undefined;
      if (values) result = { ...result, value: { ...result.value, values } };
      else if (result.value.values) {
        const { values: _stale, ...rest } = result.value;
        result = { ...result, value: rest };
      }
    }
    if (result.ok && result.args && producesTensor(result.value)) {
      const node: TraceNode = { index: this.trace.length, op, name, module, training, args: result.args, output: result.value, site, foreign: this.inForeignCode || undefined };
      this.trace.push(node);
      const mark = (v: Value): void => {
        if (v.kind === 'tensor') this.producers.set(v, node);
        else if (v.kind === 'tuple' || v.kind === 'list') v.items.forEach(mark);
      };
      mark(result.value);
    }
    return result;
  }

  /** A layer parameter or buffer as a tensor value, the same object on every read. */
  layerTensor(instance: ModuleInstance, name: string): Value | undefined {
    let cache = this.paramValues.get(instance);
    if (!cache) this.paramValues.set(instance, (cache = new Map()));
    const hit = cache.get(name);
    if (hit) return hit;
    const p = instance.params.find((q) => q.name === name) ?? instance.buffers.find((q) => q.name === name);
    if (!p) return undefined;
    const v: Value = { kind: 'tensor', shape: p.shape, dtype: p.dtype };
    cache.set(name, v);
    return v;
  }

  warn(site: Range, code: string, message: string, fixes: Fix[] = []): void {
    if (this.inForeignCode) return;
    this.diagnose({ range: site, severity: 'warning', code, message, related: [], fixes });
  }

  /** Turn an op result into a value; an error raises at `site`, an assumption warns there. */
  report(result: OpResult, site: Range, opName: string, layer: LayerObj | undefined, input?: Value): Value {
    if (!result.ok) this.raiseOpError(result.error, site, opName, layer, input);
    const readable = result.ok && result.assumptions.length > 0 ? readableProduct(input, (v) => this.producers.get(v)) : undefined;
    for (const a of result.assumptions) {
      // A condition on a size of unknown value (`needs ? = dim`, `int(sqrt(n))` or a width one of
      // two paths set) says nothing one could check, and solves no seed.
      if (a.lhs.hasUnknown || a.rhs.hasUnknown) continue;
      if ((a.relation ?? '=') === '=' && this.divisibility.length > 0 && holdsByDivisibility(a.lhs, a.rhs, this.divisibility)) continue;
      if (this.guess !== undefined) this.guessConditions.push({ lhs: a.lhs, rhs: a.rhs, relation: a.relation ?? '=' });
      // `needs 16 * (H - 2) * (W - 2) = 3136` reads better than the expanded polynomial.
      const flattened = readable && input?.kind === 'tensor' && input.shape && a.lhs.equals(input.shape[input.shape.length - 1]) === 'yes';
      const condition = { lhs: a.lhs, rhs: a.rhs, relation: a.relation ?? '=', text: a.message.replace(/^needs /, '') } as const;
      this.diagnose({
        range: site,
        severity: 'warning',
        code: a.code,
        message: `${opName}: ${flattened ? `needs ${readable} = ${a.rhs}` : describeConditions([condition])}`,
        conditions: flattened ? undefined : [condition],
        related: this.related(layer),
        fixes: layer ? assumptionFixes(layer.instance.op, a.fixes, layer.syntax, flattened ? readable : undefined) : [],
      });
    }
    return result.value;
  }

  raiseOpError(error: OpError, site: Range, opName: string, layer: LayerObj | undefined, input?: Value, fixes: Fix[] = []): never {
    this.diagnose({
      range: site,
      severity: 'error',
      code: error.code,
      message: error.message,
      explanation: layer ? `raised by ${opName.replace(/^torch\.nn\./, 'nn.')}` : undefined,
      related: this.related(layer),
      fixes: layer ? errorFixes(error.fixes, layer.syntax, readableProduct(input, (v) => this.producers.get(v)), this.outerCall && layer.constructedAt ? { ...this.outerCall, layerAt: layer.constructedAt } : undefined) : fixes,
    });
    throw new PyRaise(error);
  }

  private related(layer: LayerObj | undefined): { range: Range; message: string }[] {
    const out: { range: Range; message: string }[] = [];
    if (layer?.constructedAt && !this.foreign.has(layer)) out.push({ range: layer.constructedAt, message: 'layer constructed here' });
    const first = this.callSites[this.ownCallSitesFrom];
    if (first) out.push({ range: first, message: 'input supplied by this call' });
    return out;
  }

  /** `Sub.apply` of a torch.autograd.Function subclass: its static forward with a fresh ctx. */
  private autogradApply(cls: ClassObj): Value {
    const forward = cls.lookup('forward');
    const fn = forward && refOf(forward.value, FunctionObj);
    if (!fn) return UNKNOWN;
    return obj(new BuiltinObj(`${cls.name}.apply`, (args, site) => {
      // (Applied to a known tensor, as a called model's forward: not seeded on its own then.)
      const main = args.args[0];
      if (main?.kind === 'tensor' && main.shape !== undefined && !this.probes.has(main)) this.forwardsRun.add(fn);
      return this.callAutogradForward(cls, fn, args, site);
    }));
  }

  /** An autograd Function's static forward on `args`, with a fresh ctx. */
  private callAutogradForward(cls: ClassObj, fn: FunctionObj, args: CallArgs, site: Range): Value {
    const ctx = obj(new InstanceObj(AUTOGRAD_CONTEXT, undefined));
    // (A `@classmethod` forward, as some write it, gets the class before ctx.)
    const receiver = fn.decorator === 'classmethod' ? [obj(cls)] : [];
    return this.callFunction(fn, { args: [...receiver, ctx, ...args.args], kwargs: args.kwargs }, site, undefined);
  }

  /** A fresh input probe (an item of a container input). */
  newProbe(): Value {
    const probe: Value = { kind: 'tensor', shape: undefined, dtype: undefined };
    this.probes.add(probe);
    return probe;
  }

  // ---- attributes and items ---------------------------------------------------------------

  getAttr(v: Value, name: string, site: Range): Value {
    if (v.kind === 'tensor' && this.probes.has(v) && (name === 'shape' || name === 'size')) {
      this.shapeReadProbes.add(v as object);
      const shape = obj(new ProbeShapeObj(v));
      // `x.size(2)` reads as `x.shape[2]` does.
      return name === 'shape' ? shape : obj(new BuiltinObj('Tensor.size', ({ args }) => (args.length === 0 ? shape : args.length === 1 && args[0].kind === 'int' ? this.getItem(shape, args[0], site) : UNKNOWN)));
    }
    // torch.return_types (topk, sort, max(dim=)...): `.values`, `.indices` of the pair they give.
    const pairItem = returnTypeItem(v, name);
    if (pairItem) return pairItem;
    // The language's own values first: a TF.js tensor's methods are not PyTorch's.
    const field = v.kind === 'tuple' ? namedTupleAttr(v, name) : undefined;
    if (field) return field;
    const plain = this.profile.valueAttr(this, v, name);
    if (plain !== undefined) return plain;
    if (v.kind === 'tensor') return tensorAttr(this, v, name, site);
    // `timesteps.shape` on a `timesteps=None` nobody passed: CPython's AttributeError.
    if (v.kind === 'none' && this.profile.language === 'python' && !name.startsWith('__')) raise('AttributeError');
    if (v.kind !== 'object') return UNKNOWN;
    const r = v.ref;
    if (r instanceof ProbeContainerObj && r.fields) {
      // An input of a plain class of the code (NestedTensor): its kept fields, its methods bound to it.
      const method = r.fields.cls instanceof ClassObj ? refOf(r.fields.cls.lookup(name)?.value ?? UNKNOWN, FunctionObj) : undefined;
      return r.field(name) ?? (method && !method.decorator ? obj(new BoundMethodObj(v, method)) : UNKNOWN);
    }
    if (r instanceof ProbeContainerObj) return r.method(name, (n, call) => obj(new BuiltinObj(n, ({ args }) => call(args))), NONE, (sample) => openListOf(sample)) ?? UNKNOWN;
    if (r instanceof PyModuleObj) {
      if (r.attrs) return this.forced(r.attrs.get(name) ?? this.halfBuilt.get(r)?.vars.get(name)) ?? this.submodule(r, name);
      return resolveTorchAttr(r.path, name);
    }
    if (r instanceof InstanceObj) return this.instanceAttr(v, r, name, site);
    if (r instanceof PackedSequenceObj) return packedSequenceAttr(r, name);
    if (r instanceof DeviceObj && r.type !== undefined && name === 'type') return str(r.type);
    if (r instanceof BuiltinObj && r.attrs?.has(name)) return r.attrs.get(name)!;
    // A class's or a layer class's name (`norm_layer.__name__.lower()`, timm's norm factories).
    if (name === '__name__' && r instanceof OpRefObj && r.op.kind === 'module') return str(r.op.names[0].split('.').pop()!);
    // `nn.Linear.__init__(self, ...)` / `nn.Embedding.forward(self, x)` in a subclass of that layer
    // (a class with two bases calls each base's constructor by name): super()'s, for that base.
    if ((name === '__init__' || name === 'forward') && r instanceof OpRefObj && r.op.kind === 'module') {
      const op = r.op;
      return obj(new BuiltinObj(`${op.names[0]}.${name}`, ({ args, kwargs }, at) => {
        const self = args[0];
        const inst = self && refOf(self, InstanceObj);
        if (!inst || inst.cls.mro().find((c) => c.frameworkBase)?.frameworkBase !== op) return UNKNOWN;
        return this.call(this.frameworkSuperAttr(new SuperObj(self, inst.cls), inst, name), { args: args.slice(1), kwargs }, at);
      }));
    }
    if (r instanceof ClassObj) {
      const found = r.lookup(name);
      if (!found && name === '__name__') return str(r.name);
      // A method of the class's metaclass (torchvision's `StrEnumMeta.from_str`), bound to the class.
      const meta = found ? undefined : r.metaclass()?.lookup(name);
      const metaMethod = meta && refOf(meta.value, FunctionObj);
      if (metaMethod && !metaMethod.decorator) return obj(new BoundMethodObj(v, metaMethod));
      if (!found) return name === 'apply' && r.mro().includes(AUTOGRAD_FUNCTION) ? this.autogradApply(r) : UNKNOWN;
      const f = refOf(found.value, FunctionObj);
      if (f?.decorator === 'classmethod') return obj(new BoundMethodObj(v, f));
      return found.value;
    }
    if (r instanceof SuperObj) {
      const inst = refOf(r.self, InstanceObj);
      if (!inst) return UNKNOWN;
      const mro = inst.cls.mro();
      const after = mro.slice(mro.indexOf(r.after) + 1);
      for (const c of after) {
        const found = c.attrs.get(name);
        if (found) {
          const f = refOf(found, FunctionObj);
          return f ? obj(new BoundMethodObj(r.self, f)) : found;
        }
        // A @dataclass base's generated __init__ (torchvision's MBConvConfig over _MBConvConfig).
        const fields = c.dataclassFields;
        if (name === '__init__' && fields) {
          return obj(new BuiltinObj('super().__init__', (args, site) => (this.initDataclass(inst, fields, args, site) ? NONE : UNKNOWN)));
        }
      }
      return this.frameworkSuperAttr(r, inst, name);
    }
    if (r instanceof LayerObj || r instanceof ContainerObj || r instanceof FrameworkModuleObj) return this.moduleAttr(v, name, site);
    if (r instanceof UnionObj) return r.alternatives.map((alt) => this.getAttr(alt, name, site)).reduce(joinValues);
    if (r instanceof PartialObj) return partialAttr(r, name);
    if (r instanceof SymbolicObj) {
      if (name === 'get') return obj(new BuiltinObj('get', ({ args }) => (args[0]?.kind === 'str' ? symbolicAttr(r, args[0].value) : UNKNOWN)));
      return name.startsWith('__') ? UNKNOWN : symbolicAttr(r, name);
    }
    return UNKNOWN;
  }

  private instanceAttr(self: Value, inst: InstanceObj, name: string, site: Range): Value {
    const own = inst.attrs.get(name);
    if (own !== undefined) return own;
    const found = inst.cls.lookup(name);
    if (found) {
      const f = refOf(found.value, FunctionObj);
      if (f) {
        if (f.decorator === 'property') return this.callFunction(f, { args: [self], kwargs: {} }, site, self);
        if (f.decorator === 'staticmethod') return found.value;
        if (f.decorator === 'classmethod') return obj(new BoundMethodObj(obj(inst.cls), f));
        return obj(new BoundMethodObj(self, f));
      }
      return found.value;
    }
    if (inst.base) {
      const p = this.layerTensor(inst.base, name);
      if (p) return p;
      const a = layerAttribute(inst.base, name);
      if (a) return a;
      const conv = name === '_conv_forward' ? /^torch\.nn\.Conv([123])d$/.exec(inst.base.op.names[0]) : null;
      const mode = inst.base.args.padding_mode;
      // nn.ConvNd._conv_forward(input, weight, bias): F.convNd with the layer's own stride,
      // padding, dilation and groups (zero padding; the other modes pad first).
      if (conv && (mode === undefined || (mode.kind === 'str' && mode.value === 'zeros'))) {
        const functional = resolveTorchAttr('torch.nn.functional', `conv${conv[1]}d`);
        const own = ['stride', 'padding', 'dilation', 'groups'].map((n) => layerAttribute(inst.base!, n) ?? UNKNOWN);
        return obj(new BuiltinObj('_conv_forward', ({ args }, at) => (args.length === 3 ? this.call(functional, { args: [...args, ...own], kwargs: {} }, at) : UNKNOWN)));
      }
    }
    if (inst.containerKind) {
      // A container subclass's own container methods: reads over its children, `append` adds one.
      if (name === 'append' || name === 'extend') {
        return obj(new BuiltinObj(`${inst.containerKind}.${name}`, ({ args }) => {
          const added = name === 'append' ? (args[0] ? [args[0]] : undefined) : args[0] ? this.iterate(args[0]) : undefined;
          if (!added) inst.unknownChildren = true;
          // A module we cannot see (`model.append(torch_load(w)...)`) is a child all the same.
          for (const m of added ?? []) {
            if (m.kind === 'unknown') inst.unknownChildren = true;
            else this.setAttr(self, String(inst.children().length), m);
          }
          return self;
        }));
      }
      if (CONTAINER_READS.has(name)) return this.moduleAttr(obj(containerView(inst)!), name, site);
    }
    if (inst.cls.isModule) return this.moduleAttr(self, name, site);
    // A class with a `__getattr__` of its own (torchvision's WeightsEnum reads its Weights'
    // fields through it): what that gives, as CPython asks it after the lookup failed.
    const hook = name.startsWith('__') ? undefined : inst.cls.lookup('__getattr__');
    const f = hook && refOf(hook.value, FunctionObj);
    if (f) return this.callFunction(f, { args: [self, str(name)], kwargs: {} }, site, self);
    return UNKNOWN;
  }

  /** A Sequential/ModuleList/ModuleDict subclass's `super().__init__(...)`: its children, numbered or named. */
  private initContainerBase(inst: InstanceObj, containerBase: Value, args: CallArgs, site: Range): void {
    const made = refOf(this.call(containerBase, args, site), ContainerObj);
    if (!made) {
      inst.unknownChildren = true;
      return;
    }
    inst.containerKind = made.kind;
    for (const [n, m] of made.items) {
      inst.attrs.set(n, m);
      if (!inst.moduleOrder.includes(n)) inst.moduleOrder.push(n);
    }
    if (made.open) inst.unknownChildren = true;
  }

  /** `super().__init__(...)` / `super().forward(x)` reaching nn.Module or a framework layer. */
  private frameworkSuperAttr(s: SuperObj, inst: InstanceObj, name: string): Value {
    const base = inst.cls.mro().find((c) => c.frameworkBase)?.frameworkBase;
    const containerBase = inst.cls.containerBase;
    if (name === '__init__' && containerBase) {
      return obj(new BuiltinObj('super().__init__', (args, site) => {
        this.initContainerBase(inst, containerBase, args, site);
        return NONE;
      }));
    }
    if (name === 'forward' && inst.containerKind) {
      return obj(new BuiltinObj('super().forward', (args, site) => {
        const view = containerView(inst)!;
        return this.callModel(obj(view), view, args, site);
      }));
    }
    if (name === '__init__') {
      return obj(new BuiltinObj('super().__init__', ({ args, kwargs }) => {
        if (base) {
          const built = constructModule(base, args, kwargs);
          if (built.ok && built.module) inst.base = built.module;
        }
        return NONE;
      }));
    }
    if (name === 'forward' && base) {
      return obj(new BuiltinObj('super().forward', ({ args, kwargs }, site) => {
        if (!inst.base) return UNKNOWN;
        return this.report(this.traced(callModule(inst.base, args, kwargs, inst.training), base, base.names[0], site, inst.base, inst.training), site, base.names[0], undefined);
      }));
    }
    return this.moduleAttr(s.self, name, { start: 0, end: 0 });
  }

  /** nn.Module's own methods and attributes, shared by every module-like value. */
  moduleAttr(self: Value, name: string, site: Range): Value {
    return moduleAttr(this, self, name, site);
  }

  setAttr(target: Value, name: string, value: Value): void {
    if (target.kind !== 'object') return;
    const r = target.ref;
    if (r instanceof UnionObj) {
      // Which object is set is not known: each may have the new value or keep its own.
      for (const alt of r.alternatives) {
        const old = alt.kind === 'object' && (alt.ref as { attrs?: Map<string, Value> }).attrs?.get(name);
        this.setAttr(alt, name, old ? joinValues(old, value) : UNKNOWN);
      }
      return;
    }
    if (r instanceof InstanceObj || r instanceof ClassObj || (r instanceof PyModuleObj && r.attrs)) this.noteMutation(r, name);
    if (r instanceof InstanceObj) {
      // A sub-module that is one of several (`proj = Linear(...) if ... else Identity()`): the
      // parameter total cannot be known.
      if (value.kind === 'object' && value.ref instanceof UnionObj && value.ref.alternatives.some(isModuleLike)) r.unknownChildren = true;
      r.attrs.set(name, value);
      if (isModuleLike(value) && !r.moduleOrder.includes(name)) r.moduleOrder.push(name);
      return;
    }
    if (r instanceof ClassObj) r.attrs.set(name, value);
    if (r instanceof PyModuleObj && r.attrs) r.attrs.set(name, value);
    // Weight tying (`self.wte.weight = self.lm_head.weight`): the layer now holds that very
    // tensor, so PyTorch's parameters() counts it once.
    if (r instanceof LayerObj && value.kind === 'tensor' && this.layerTensor(r.instance, name)) {
      this.paramValues.get(r.instance)?.set(name, value);
    }
  }

  getItem(v: Value, index: Value, site: Range): Value {
    // `features["out"]` of an input nobody gave: a dict of tensors (containerProbes.ts).
    if (v.kind === 'tensor' && index.kind === 'str' && this.probes.has(v)) {
      throw new SeedFound(v, obj(new ProbeContainerObj('dict', '', () => this.newProbe())), `its items read by key (["${index.value}"])`);
    }
    const probeContainer = refOf(v, ProbeContainerObj);
    if (probeContainer) return probeContainer.itemAt(index) ?? UNKNOWN;
    if (v.kind === 'tensor') return this.callTensorMethod(v, '__getitem__', { args: [index], kwargs: {} }, site);
    // `x.shape[-3:]` of an input probe: its last sizes, for an unpacking to name.
    const probeShape = refOf(v, ProbeShapeObj);
    if (probeShape && !probeShape.before && !probeShape.after && !probeShape.trailing && index.kind === 'slice' && index.stop.kind === 'none' && index.step.kind === 'none') {
      const start = index.start.kind === 'int' ? index.start.dim.value : undefined;
      if (start !== undefined && start < 0) return obj(new ProbeShapeObj(probeShape.probe, 0, 0, -start));
    }
    // `n = x.shape[1]` of an input probe (lucidrains' PerceiverResampler, then `pos_emb(arange(n))`
    // added to x): its batch or its tokens, a size named as the seeds name them, so that what the
    // code makes of it (a [N, dim] partner) says the input; the seeded run reads the real size.
    if (probeShape && !probeShape.before && !probeShape.after && !probeShape.trailing && index.kind === 'int' && this.isInputProbe(probeShape.probe)) {
      const at = index.dim.value;
      // `x.size(3)` (DETR's sine position embedding of a feature map, `mask = zeros(x.size(0),
      // x.size(2), x.size(3))`): an image's sizes, what the input is when no op says more.
      const image = at === 3 ? fixedRankInput({ origin: probeShape.probe, minRank: 4, maxRank: 4, via: '' }) : undefined;
      if (image && !this.probeFallbacks.has(probeShape.probe as object)) this.probeFallbacks.set(probeShape.probe as object, { seed: image, evidence: `its rank, which reading its size ${at} says` });
      const size = at === 0 ? int(Dim.sym('B')) : at === 1 && !this.seededSymbols.has('N') ? int(Dim.sym('N')) : undefined;
      if (size) this.probeSizes.add(size as object);
      if (size) return size;
    }
    // `self.blocks[0]` of a module list a loop of unknown count extended: a certain first item.
    const open = refOf(v, ContainerObj);
    if (open?.open && open.kind !== 'ModuleDict' && index.kind === 'int' && index.dim.value !== undefined && index.dim.value >= 0 && index.dim.value < open.known) {
      return open.items[index.dim.value][1];
    }
    const past = open && itemPastKnown(open, index);
    if (past) return past;
    // `hs[-1]` of a skip list a loop of unknown count appended to: its last item, where known.
    const last = isOpen(v) && index.kind === 'int' && index.dim.value === -1 ? readLastItem(v) : undefined;
    if (last) return last;
    // A list whose items are all like its sample (`['FA'] * depth`): any item, by a number (or by
    // a loop's index whose value the loop's join forgot; a slice is always written as one).
    const repeated = index.kind === 'int' || index.kind === 'unknown' ? repeatedItem(v) : undefined;
    if (repeated) return repeated;
    if (isOpaque(v)) return UNKNOWN;
    const asContainer = refOf(v, InstanceObj);
    const view = asContainer && !asContainer.cls.lookup('__getitem__') ? containerView(asContainer) : undefined;
    if (view) return this.getItem(obj(view), index, site);
    if (v.kind === 'list' || v.kind === 'tuple') {
      if (isOpen(v)) return UNKNOWN;
      if (index.kind === 'slice') {
        const items = sliceItems(v.items, index);
        return !items ? UNKNOWN : v.kind === 'list' ? listOf(items) : tupleOf(items);
      }
      const i = index.kind === 'int' ? index.dim.value : index.kind === 'bool' ? Number(index.value) : undefined;
      if (i === undefined) return UNKNOWN;
      const j = i < 0 ? v.items.length + i : i;
      if (j < 0 || j >= v.items.length) this.raisePython('python-index', 'IndexError', `${v.kind} index out of range`, site);
      return v.items[j] ?? UNKNOWN;
    }
    if (v.kind === 'str') return strItem(v.value, index);
    if (v.kind !== 'object') return UNKNOWN;
    const r = v.ref;
    if (r instanceof DictObj) {
      const key = keyOf(index);
      return key === undefined ? UNKNOWN : r.entries.get(key)?.[1] ?? raise('KeyError');
    }
    if (r instanceof SymbolicObj) return index.kind === 'str' ? symbolicAttr(r, index.value) : UNKNOWN;
    if (r instanceof RangeObj) return rangeItem(r, index);
    if (r instanceof ContainerObj) {
      if (r.open) return UNKNOWN;
      if (r.kind === 'ModuleDict') return index.kind === 'str' ? r.items.find(([k]) => k === index.value)?.[1] ?? UNKNOWN : UNKNOWN;
      if (index.kind === 'slice') {
        // Sequential's slice keeps its items' names (an OrderedDict of them); ModuleList's numbers them anew.
        const items = sliceItems(r.items, index);
        const named = r.kind === 'Sequential' ? items : items?.map(([, m], i): [string, Value] => [String(i), m]);
        return named ? obj(new ContainerObj(r.kind, named, r.constructedAt)) : UNKNOWN;
      }
      const i = index.kind === 'int' ? index.dim.value : undefined;
      if (i === undefined) return UNKNOWN;
      const j = i < 0 ? r.items.length + i : i;
      // ModuleList/Sequential._get_abs_string_index's IndexError.
      if (j < 0 || j >= r.items.length) this.raisePython('python-index', 'IndexError', `index ${i} is out of range`, site);
      return r.items[j][1];
    }
    if (r instanceof InstanceObj) {
      const gi = r.cls.lookup('__getitem__');
      const f = gi && refOf(gi.value, FunctionObj);
      return f ? this.callFunction(f, { args: [v, index], kwargs: {} }, site, v) : UNKNOWN;
    }
    // `Color['RED']`: EnumMeta.__getitem__, the member of that name (KeyError when none has it).
    const enumInfo = r instanceof ClassObj ? r.mro().find((c) => c.enumInfo)?.enumInfo : undefined;
    if (enumInfo && index.kind === 'str') {
      const member = enumInfo.members.get(index.value);
      return member ? obj(member) : raise('KeyError');
    }
    // Subscripted annotations (Float[Tensor, "B C"], List[int]...) are not values we need.
    return UNKNOWN;
  }

  private setItem(target: Value, index: Value, value: Value): void {
    const probeContainer = refOf(target, ProbeContainerObj);
    if (probeContainer) return probeContainer.write(index, value);
    if (target.kind === 'list') this.noteMutation(target);
    const holder = refOf(target, DictObj) ?? refOf(target, SetObj);
    if (holder) this.noteMutation(holder);
    if (setListOrDictItem(target, index, value, this)) return;
    const c = refOf(target, ContainerObj);
    if (c && c.kind === 'ModuleDict' && index.kind === 'str') {
      this.noteMutation(c);
      c.items.push([index.value, value]);
    }
  }

  // ---- definitions ------------------------------------------------------------------------

  /** A call the function cannot take, run through what its decorator made of it (once: the wrapper calls it back). */
  private callDecorated(fn: FunctionObj, args: CallArgs, site: Range, self: Value | undefined): Value {
    const wrapper = fn.decorated;
    if (!wrapper || this.decoratedCalls.has(fn)) return UNKNOWN;
    this.decoratedCalls.add(fn);
    try {
      return this.callFunction(wrapper, args, site, self);
    } finally {
      this.decoratedCalls.delete(fn);
    }
  }

  private readonly decoratedCalls = new Set<FunctionObj>();

  private evalDefaults(params: readonly Param[], frame: Frame): Map<string, Value> {
    const out = new Map<string, Value>();
    for (const p of params) if (p.default) out.set(p.name, this.eval(p.default, frame));
    return out;
  }

  private makeFunction(def: Extract<Stmt, { k: 'def' }>, frame: Frame): Value {
    let decorator: FunctionObj['decorator'];
    for (const d of def.decorators) {
      const name = d.k === 'name' ? d.id : d.k === 'attr' ? d.name : undefined;
      if (name === 'staticmethod' || name === 'classmethod' || name === 'property') decorator = name;
      else if (name === 'cached_property') decorator = 'property';
    }
    const annotated = new Map<string, Value>();
    for (const p of def.params) {
      if (!p.annotation) continue;
      const t = annotationShape(p.annotation);
      if (t) annotated.set(p.name, t);
    }
    const fn = new FunctionObj(def.name, def.params, def.body, frame.scope, this.evalDefaults(def.params, frame), def.range, decorator, frame.owner, annotated);
    fn.generator = generatorKind(def);
    fn.legacyKeywords = this.legacyKeywords(def.decorators, frame);
    fn.decorated = decoratedBy(this, fn, def.decorators, (d) => this.eval(d, frame), def.range);
    // `@max_seq_length.setter`: the name stays the property, which now runs this on assignment
    // (litgpt builds its rope cache there from `__init__`'s `self.max_seq_length = ...`).
    const setterOf = def.decorators.find((d) => d.k === 'attr' && d.name === 'setter' && d.obj.k === 'name' && d.obj.id === def.name);
    const getter = setterOf && frame.scope.vars.get(def.name);
    const property = getter && refOf(getter, FunctionObj);
    if (property?.decorator === 'property') {
      property.setter = fn;
      return getter!;
    }
    return obj(fn);
  }

  /**
   * torchvision's `@handle_legacy_interface(weights=("pretrained", default))`: pretrained -> weights,
   * with the default weights evaluated where the builder is defined (its enum is defined above it).
   */
  private legacyKeywords(decorators: readonly Expr[], frame: Frame): LegacyKeywords | undefined {
    let out: Map<string, { name: string; fallback: Value }> | undefined;
    for (const d of decorators) {
      if (d.k !== 'call' || calleeName(d) !== 'handle_legacy_interface') continue;
      for (const a of d.args) {
        const [legacy, fallback] = a.name && a.value.k === 'tuple' ? a.value.items : [];
        if (!a.name || legacy?.k !== 'str') continue;
        let weights: Value = UNKNOWN;
        try {
          if (fallback) weights = this.eval(fallback, frame);
        } catch (e) {
          if (!(e instanceof PyRaise)) throw e;
        }
        (out ??= new Map()).set(legacy.value, { name: a.name, fallback: weights });
      }
    }
    return out;
  }

  /**
   * The call as the decorator passes it on (torchvision/models/_utils.py, handle_legacy_interface):
   * a false `pretrained` is `weights=None`; a true one the default weights (a function of the
   * keywords is called with them, as the decorator does); an unknown one some weights we do not know.
   */
  private withLegacyKeywords(renames: LegacyKeywords, args: CallArgs, site: Range): CallArgs {
    const given = [...renames.keys()].filter((k) => k in args.kwargs);
    if (given.length === 0) return args;
    const kwargs: Record<string, Value> = { ...args.kwargs };
    for (const old of given) {
      const value = kwargs[old];
      const { name, fallback } = renames.get(old)!;
      if (name in kwargs) {
        delete kwargs[old];
        continue;
      }
      const pretrained = truthy(value);
      let weights: Value = pretrained === false ? NONE : UNKNOWN;
      if (pretrained === true) {
        const f = refOf(fallback, FunctionObj);
        if (f) {
          const given = new DictObj();
          for (const [k, v] of Object.entries(args.kwargs)) dictSet(given, str(k), v);
          weights = this.callFunction(f, { args: [obj(given)], kwargs: {} }, site, undefined);
        } else weights = fallback;
      }
      delete kwargs[old];
      kwargs[name] = weights;
    }
    return { args: args.args, kwargs };
  }

  private makeClass(def: Extract<Stmt, { k: 'class' }>, frame: Frame): Value {
    const bases: ClassObj[] = [];
    let isModule = false;
    let frameworkBase: ModuleOp | undefined;
    let containerBase: Value | undefined;
    let unknownBase = false;
    // `class Format(str, Enum)`: an enum, its mixin (str, int) no unknown base.
    let enumBase = false;
    let enumMixin: 'str' | 'int' | undefined;
    let metaclass: ClassObj | undefined;
    let namedTuple = false;
    for (const b of def.bases) {
      if (b.name === 'metaclass') metaclass = refOf(this.eval(b.value, frame), ClassObj);
      if (b.name) continue;
      const v = this.eval(b.value, frame);
      if (v === NAMED_TUPLE_BASE || (v.kind === 'object' && v.ref === (NAMED_TUPLE_BASE as { ref: object }).ref)) {
        namedTuple = true;
        continue;
      }
      const mixin = enumBaseMixin(v);
      if (mixin !== null) {
        enumBase = true;
        enumMixin ??= mixin;
        continue;
      }
      if (builtinMixin(v) && def.bases.length > 1) {
        enumMixin = builtinMixin(v);
        continue;
      }
      const c = refOf(v, ClassObj);
      const op = refOf(v, OpRefObj);
      if (c) {
        bases.push(c);
        isModule ||= c.isModule;
        frameworkBase ??= c.frameworkBase;
      } else if (op && op.op.kind === 'module') {
        isModule = true;
        frameworkBase = op.op;
      } else if (v.kind === 'object' && v.ref instanceof BuiltinObj && v.ref.baseClass) {
        bases.push(v.ref.baseClass);
        isModule ||= v.ref.baseClass.isModule;
      }
      else if (v.kind === 'object' && v.ref instanceof BuiltinObj && v.ref.moduleBase) isModule = true;
      else if (v.kind === 'object' && v.ref instanceof BuiltinObj && CONTAINER_BASES.has(v.ref.name)) {
        isModule = true;
        containerBase ??= v;
      } else unknownBase = true;
    }
    // A base from a library that is not installed (mmcv's BaseModule, a timm model) under a class
    // with a `forward`: a module, what it inherits unknown.
    if (unknownBase && !isModule && this.profile.language === 'python' && def.body.some((s) => s.k === 'def' && s.name === 'forward')) isModule = true;
    const cls = new ClassObj(def.name, bases, isModule, frameworkBase, def.range);
    cls.ownMetaclass = metaclass;
    cls.containerBase = containerBase ?? bases.find((b) => b.containerBase)?.containerBase;
    cls.unknownBase = unknownBase || bases.some((b) => b.unknownBase);
    if (this.inForeignCode) this.foreign.add(cls);
    const scope = new Scope(undefined, frame.scope.moduleScope);
    const body: Frame = { scope, returns: [], owner: cls };
    this.execBlock(def.body, body);
    for (const [k, v] of scope.vars) {
      const f = refOf(v, FunctionObj);
      if (f) f.owner = cls;
      cls.attrs.set(k, v);
    }
    if (namedTuple) cls.namedTupleFields = dataclassFields(cls, def.body, scope);
    const enumBaseClass = bases.find((c) => c.enumInfo);
    if (enumBase || enumBaseClass) {
      const info = makeEnumMembers(cls, scope.vars, enumMixin ?? enumBaseClass?.enumInfo?.mixin, valuesEqual);
      if (info) {
        cls.enumInfo = info;
        for (const [k, m] of info.members) cls.attrs.set(k, obj(m));
      } else cls.unknownBase = true;
    }
    for (const d of def.decorators) {
      const v = this.eval(d, frame);
      if (v.kind === 'object' && v.ref instanceof BuiltinObj && v.ref.name === 'dataclasses.dataclass') cls.dataclassFields = dataclassFields(cls, def.body, scope);
      const attrsKind = attrsDecorator(d);
      if (attrsKind) {
        const inherited = [...cls.mro()].reverse().flatMap((c) => (c === cls ? [] : c.dataclassFields ?? []));
        const fields = attrsFields(inherited, def.body, attrsKind, (e) => this.eval(e, { scope, returns: [] }));
        if (fields) {
          cls.dataclassFields = fields;
          cls.attrsClass = true;
        }
      }
    }
    return obj(cls);
  }

  // ---- imports ----------------------------------------------------------------------------

  /** Imports done when their name was first read, per lazy binding (each analysis its own). */
  private readonly lazyImports = new WeakMap<LazyImportObj, Value>();
  /** Modules still running their top level: a cyclic import reads what they have bound so far, as Python's live module dict gives. */
  private readonly halfBuilt = new Map<PyModuleObj, Scope>();

  /** A name's value, with a library's import done if it was left for its first read. */
  forced(v: Value | undefined): Value | undefined {
    if (v?.kind !== 'object' || !(v.ref instanceof LazyImportObj)) return v;
    const lazy = v.ref;
    const done = this.lazyImports.get(lazy);
    if (done) return done;
    // A cycle reads the name again while importing it: Unknown, as a half-built module gives.
    this.lazyImports.set(lazy, UNKNOWN);
    this.importing.push(lazy.from!);
    let value: Value;
    try {
      const mod = this.importModule(lazy.module, lazy.level);
      value = this.getAttr(mod, lazy.name, lazy.range);
      if (value.kind === 'unknown') value = this.importModule(lazy.module ? `${lazy.module}.${lazy.name}` : lazy.name, lazy.level);
    } finally {
      this.importing.pop();
    }
    this.lazyImports.set(lazy, value);
    return value;
  }

  /**
   * `models.inception` of a package whose __init__ ran `from .inception import *`: importing a
   * submodule binds it on its package, so the attribute is that module (read from its file).
   */
  private submodule(pkg: PyModuleObj, name: string): Value {
    if (!pkg.absolute || name.startsWith('__') || pkg.missingSubmodules.has(name)) return UNKNOWN;
    const v = this.importModule(`${pkg.path}.${name}`, 0);
    if (v.kind === 'unknown') pkg.missingSubmodules.add(name);
    return v;
  }

  /**
   * A name a star-imported module took lazily from the module doing the star import
   * (`from models import BaseVAE` in models/vanilla_vae.py, star-imported by models/__init__.py
   * after `from .base import *`): in Python it is the value bound there now, not a lazy read of
   * itself (which would be a cycle, and Unknown).
   */
  private importedBack(v: Value, frame: Frame): Value | undefined {
    const lazy = refOf(v, LazyImportObj);
    const here = this.importing[this.importing.length - 1];
    if (!lazy || !here || this.lazyImports.has(lazy)) return undefined;
    if (this.options.resolveImport?.(lazy.module, lazy.level, lazy.from) !== here) return undefined;
    return frame.scope.moduleScope.vars.get(lazy.name);
  }

  importModule(name: string, level: number): Value {
    const known = level === 0 ? knownModule(name) : undefined;
    if (known) return known;
    // Relative imports resolve against the file doing the importing.
    const from = this.importing[this.importing.length - 1];
    const ir = this.options.resolveImport?.(name, level, from);
    this.resolutionLog[this.resolutionLog.length - 1]?.push({ module: name, level, from, ir });
    if (!ir) return (level === 0 ? timmFallbackModule(name) ?? fairscaleFallbackModule(name) ?? mmcvFallbackModule(name) ?? detectron2FallbackModule(name) ?? rotaryFallbackModule(name) : undefined) ?? UNKNOWN;
    // Another module importing the analysed file: the file's own scope, live, as Python's
    // sys.modules gives a module being imported (names it has not yet defined are not there).
    if (ir === ANALYSED_MODULE) {
      if (!this.mainScope) return UNKNOWN;
      const own = new PyModuleObj(name, this.mainScope.vars);
      own.absolute = level === 0;
      return obj(own);
    }
    const cached = this.importCache.get(ir);
    if (cached) return cached;
    const isHome = ir === this.options.home;
    const shared = this.options.moduleCache && this.options.resolveImport && !isHome ? this.options.moduleCache.get(ir, this.options.resolveImport) : undefined;
    if (shared) {
      this.importCache.set(ir, shared.value);
      this.resolutionLog[this.resolutionLog.length - 1]?.push(...shared.resolutions);
      return shared.value;
    }
    const attrs = new Map<string, Value>();
    const made = new PyModuleObj(name, attrs);
    made.absolute = level === 0;
    const mod = obj(made);
    this.importCache.set(ir, mod);
    const log: Resolution[] = [];
    this.resolutionLog.push(log);
    const scope = this.moduleScope(ir, name);
    this.halfBuilt.set(made, scope);
    if (isHome) this.homeScope = scope;
    const frame: Frame = { scope, returns: [] };
    const outerProfile = this.profile;
    this.profile = scope.profile!;
    this.foreignStack.push(!isHome);
    this.foreignEntry.push(IMPORTING);
    this.runningModules.push(scope);
    this.importing.push(ir);
    let completed = false;
    try {
      for (const stmt of ir.body) this.execTopLevel(stmt, frame);
      completed = true;
    } finally {
      this.profile = outerProfile;
      this.foreignStack.pop();
      this.foreignEntry.pop();
      this.runningModules.pop();
      this.importing.pop();
      this.resolutionLog.pop();
      this.halfBuilt.delete(made);
    }
    for (const [k, v] of scope.vars) attrs.set(k, v);
    // A module that imported itself back (a cycle) saw itself half-built: not worth sharing.
    const cyclic = log.some((r) => r.ir === ir || this.importing.includes(r.ir!));
    if (completed && !cyclic && !isHome) this.options.moduleCache?.set(ir, mod, log);
    this.resolutionLog[this.resolutionLog.length - 1]?.push(...log);
    return mod;
  }
}

// ---- helpers ------------------------------------------------------------------------------

/**
 * Inputs for `b, c, *spatial = x.shape`: the named axes, then 2, 1 or 3 spatial ones. A star
 * before named axes (`*_, h, w = x.shape`) says nothing of the batch and channels: no seed, the
 * layers after it say more.
 */
function starredShapeSeeds(items: readonly Expr[]): Value[] {
  const starAt = items.findIndex((t) => t.k === 'starred');
  if (starAt !== items.length - 1) return [];
  const before = items.slice(0, starAt).map((t, i) => Dim.sym(t.k === 'name' && t.id !== '_' ? t.id : `d${i}`));
  const taken = new Set(before.flatMap((d) => [...d.symbols()]));
  const spatial = [['H', 'W'], ['L'], ['D', 'H', 'W']];
  if (spatial.flat().some((n) => taken.has(n))) return [];
  return spatial.map((names) => ({ kind: 'tensor', shape: [...before, ...names.map((n) => Dim.sym(n))], dtype: 'float32' }));
}

/** A symbolic object's member, the same value each time it is read. */
function symbolicAttr(o: SymbolicObj, name: string): Value {
  let v = o.members.get(name);
  if (!v) o.members.set(name, (v = symbolicMember(name)));
  return v;
}

/** Layers, functions and methods that keep their input's shape whatever its rank (a probe passes them). */
/** Whether `items` name `count` last sizes of a channels-last image: `..., H, W, C` (C any name). */
function channelsLastNames(items: readonly Expr[], count: number): boolean {
  if (items.length !== count || count < 3 || items.some((t) => t.k !== 'name')) return false;
  const names = items.map((t) => (t as { id: string }).id);
  const spatial = (n: string, axis: 'h' | 'w'): boolean => (axis === 'h' ? /^(h|height)$/i : /^(w|width)$/i).test(n);
  const last = names[names.length - 1];
  return spatial(names[count - 3], 'h') && spatial(names[count - 2], 'w') && !spatial(last, 'h') && !spatial(last, 'w');
}

const SHAPE_KEEPING_LAYERS = /^torch\.nn\.(ReLU|ReLU6|GELU|SiLU|Mish|Tanh|Sigmoid|LeakyReLU|ELU|SELU|CELU|Softplus|Softsign|Hardswish|Hardsigmoid|Hardtanh|Tanhshrink|LogSigmoid|Dropout|Dropout1d|Dropout2d|Dropout3d|AlphaDropout|FeatureAlphaDropout|Identity)$|^torch\.ao\.quantization\.(QuantStub|DeQuantStub)$/;
const SHAPE_KEEPING_FUNCTIONS = /^torch\.(nn\.functional\.)?(normalize|rsqrt|sqrt|exp|abs|relu|relu6|gelu|silu|mish|tanh|sigmoid|leaky_relu|elu|selu|celu|softplus|hardswish|hardsigmoid|hardtanh|dropout|dropout1d|dropout2d|dropout3d|logsigmoid|zeros_like|ones_like|rand_like|randn_like|empty_like|full_like)$/;
/** Reductions that keep the axes they reduce when asked (`keepdim=True`), and the ops that keep a statistic one. */
const KEEPDIM_REDUCTIONS = new Set(['mean', 'sum', 'var', 'std', 'amax', 'amin', 'norm', 'logsumexp']);
const STATISTIC_KEEPING_METHODS = new Set(['sqrt', 'rsqrt', 'exp', 'log', 'abs', 'pow', 'add', 'sub', 'mul', 'div', 'clamp', 'clamp_min', 'reciprocal', 'neg', '__neg__']);

/** `x.mean(1, keepdim=True)`, `x.var(dim=1, unbiased=False, keepdim=True)`: kept over the axes it reduces. */
function keptStatistic(name: string, args: CallArgs): boolean {
  if (!KEEPDIM_REDUCTIONS.has(name)) return false;
  const keep = args.kwargs.keepdim ?? args.kwargs.keepdims ?? (['mean', 'sum', 'amax', 'amin', 'logsumexp'].includes(name) ? args.args[1] : undefined);
  return keep?.kind === 'bool' && keep.value;
}

/** Elementwise ops with a tensor of the model whose sizes say the input's (see seedBroadcast). */
const BROADCAST_SEEDS = new Set(['__add__', '__radd__', '__sub__', '__rsub__', '__mul__', '__rmul__', '__truediv__', '__rtruediv__', 'add', 'sub', 'mul', 'div', 'add_', 'mul_', 'sub_', 'div_']);

/** Elementwise arithmetic: with a Python number, the tensor's shape. */
const PROBE_ARITHMETIC = new Set(['__add__', '__radd__', '__sub__', '__rsub__', '__mul__', '__rmul__', '__truediv__', '__rtruediv__', '__pow__', 'pow']);

const SHAPE_KEEPING_METHODS = new Set(['__invert__', 'logical_not', 'bool', 'cumsum', 'float', 'half', 'double', 'bfloat16', 'long', 'int', 'contiguous', 'clone', 'detach', 'to', 'type', 'type_as', 'cuda', 'cpu', 'relu', 'sigmoid', 'tanh', 'requires_grad_', 'cos', 'sin', 'exp', 'abs', 'neg', '__neg__', 'sqrt', 'rsqrt', 'log']);

const NO_FACTS: ReadonlyMap<string, Dim> = new Map();

/** The items certain to come first in an open list or module container (see speculation.ts). */
function knownPrefix(v: Value): Value[] {
  if (v.kind === 'list' && v.open && v.known) return v.items.slice(0, v.known);
  const c = refOf(v, ContainerObj);
  if (c && c.open && c.known > 0 && c.kind !== 'ModuleDict') return c.items.slice(0, c.known).map(([, m]) => m);
  return [];
}

/** How the values of the two branches of an unknown `test` join: with its size facts, if any. */
function branchJoin(test: Value): (a: Value, b: Value) => Value {
  const yes = branchFacts(test, true);
  const no = branchFacts(test, false);
  if (!yes && !no) return joinValues;
  const factsYes = substitutionOf(yes ?? []);
  const factsNo = substitutionOf(no ?? []);
  return (a, b) => joinBranches(a, b, factsYes, factsNo);
}

/** The entry of an import's top level: what it raises is that file's own problem. */
const IMPORTING: Range = { start: -1, end: -1 };

/** Context managers that expect their body to raise (pytest, unittest). */
const EXPECTS_RAISE = /(^|\.)(raises|assertRaises|assertRaisesRegex|assertRaisesRegexp|assert_raises|assertWarns)$/;

/** What a container subclass reads of itself as its container (`for name, layer in self.items()`). */
const CONTAINER_READS = new Set(['items', 'keys', 'values', '__len__', '__iter__', '__getitem__']);

/** Framework containers a user class may extend (`class ConvNormActivation(nn.Sequential)`). */
const CONTAINER_BASES = new Set(['torch.nn.Sequential', 'torch.nn.ModuleList', 'torch.nn.ModuleDict']);

/** Builtins that accept `*items` of unknown number (CallArgs.openStar). */
const OPEN_STAR_CALLEES = new Set(['torch.nn.Sequential', 'torch.nn.ModuleList']);

/**
 * Ops see no open list (one a loop of unknown count changed): its items are not known, so it
 * reaches them as Unknown, and an op never reads an invented length (`torch.cat([])`).
 */
function sealed(v: Value): Value {
  if (v.kind === 'list' && v.open) return UNKNOWN;
  if ((v.kind === 'list' || v.kind === 'tuple') && v.items.some((x) => x.kind === 'list' || x.kind === 'tuple')) {
    const items = v.items.map(sealed);
    return items.every((x, i) => x === v.items[i]) ? v : v.kind === 'list' ? { ...v, items } : tupleOf(items);
  }
  return v;
}

function sealedArgs(args: readonly Value[]): readonly Value[] {
  return args.some((a) => a.kind === 'list' || a.kind === 'tuple') ? args.map(sealed) : args;
}

function sealedKwargs(kwargs: Readonly<Record<string, Value>>): Readonly<Record<string, Value>> {
  for (const k in kwargs) {
    const v = kwargs[k];
    if (v.kind === 'list' || v.kind === 'tuple') return Object.fromEntries(Object.entries(kwargs).map(([n, x]) => [n, sealed(x)]));
  }
  return kwargs;
}

function applyFunction(op: Parameters<typeof applyDecl>[0], args: readonly Value[], kwargs: Readonly<Record<string, Value>> = {}): OpResult {
  return applyDecl(op, sealedArgs(args), sealedKwargs(kwargs));
}

function callModule(module: ModuleInstance, args: readonly Value[], kwargs: Readonly<Record<string, Value>>, training: boolean): OpResult {
  return callDecl(module, sealedArgs(args), sealedKwargs(kwargs), training);
}

function constructModule(op: ModuleOp, args: readonly Value[], kwargs: Readonly<Record<string, Value>> = {}): ReturnType<typeof constructDecl> {
  return constructDecl(op, sealedArgs(args), sealedKwargs(kwargs));
}

const tensorMethods = new Map<string, OpDecl | undefined>();

/** `torch.Tensor.<name>` from the registry, cached by method name. */
function tensorMethodOp(name: string): OpDecl | undefined {
  if (tensorMethods.has(name)) return tensorMethods.get(name);
  const op = lookupOp(`torch.Tensor.${name}`);
  tensorMethods.set(name, op);
  return op;
}

function swapCompare(op: CompareOp): CompareOp {
  return op === '<' ? '>' : op === '>' ? '<' : op === '<=' ? '>=' : op === '>=' ? '<=' : op;
}

/** IR nodes are immutable and reused across analyses (chunked lowering), so names are kept per node. */
const producerNames = new WeakMap<Expr, string | undefined>();

function producerOf(e: Expr): string | undefined {
  if (e.k !== 'call') return undefined;
  if (producerNames.has(e)) return producerNames.get(e);
  const name = calleeName(e);
  producerNames.set(e, name);
  return name;
}

function calleeName(e: Extract<Expr, { k: 'call' }>): string | undefined {
  const f = e.fn;
  if (f.k === 'attr') return f.obj.k === 'name' ? `${f.obj.id}.${f.name}` : f.obj.k === 'attr' ? `${f.obj.name}.${f.name}` : f.name;
  if (f.k === 'name') return f.id;
  return undefined;
}

/**
 * `.values` or `.indices` of a (values, indices) pair of tensors as torch.return_types give them
 * (`x.topk(k).indices`): the indices int64, both of one shape. Undefined for anything else.
 */
function returnTypeItem(v: Value, name: string): Value | undefined {
  if (v.kind !== 'tuple' || v.items.length !== 2 || (name !== 'values' && name !== 'indices')) return undefined;
  const [values, indices] = v.items;
  if (values.kind !== 'tensor' || indices.kind !== 'tensor' || indices.dtype !== 'int64' || !values.shape || !indices.shape) return undefined;
  if (values.shape.length !== indices.shape.length || !values.shape.every((d, i) => d.same(indices.shape![i]))) return undefined;
  return name === 'values' ? values : indices;
}

/** A softmax over an axis counted from the end (`dim=-1`): it keeps any input of enough rank as it is. */
function isSoftmaxFromEnd(name: string, dim: Value | undefined): boolean {
  return (name === 'softmax' || name === 'log_softmax') && dim?.kind === 'int' && (dim.dim.value ?? 0) < 0;
}

/** An index of slices only, the batch's whole (`[:, :-1]`, `[:, 1:]`): axes kept, sizes changed. */
function isAxisSlicing(index: readonly Value[]): boolean {
  const whole = (v: Value): boolean => v.kind === 'slice' && v.start.kind === 'none' && v.stop.kind === 'none' && v.step.kind === 'none';
  return index.length >= 2 && whole(index[0]) && index.every((v) => v.kind === 'slice' && v.step.kind === 'none');
}

function sliceItems<T>(items: readonly T[], s: Extract<Value, { kind: 'slice' }>): T[] | undefined {
  const n = items.length;
  const get = (v: Value): number | null | undefined => (v.kind === 'none' ? null : v.kind === 'int' ? v.dim.value : undefined);
  const start = get(s.start);
  const stop = get(s.stop);
  const step = get(s.step) ?? 1;
  if (start === undefined || stop === undefined || step === undefined || step === 0) return undefined;
  const out: T[] = [];
  const norm = (x: number, dflt: number): number => (x < 0 ? Math.max(x + n, step < 0 ? -1 : 0) : Math.min(x, step < 0 ? n - 1 : n)) ?? dflt;
  const lo = start === null ? (step > 0 ? 0 : n - 1) : norm(start, 0);
  const hi = stop === null ? (step > 0 ? n : -1) : norm(stop, n);
  for (let i = lo; step > 0 ? i < hi : i > hi; i += step) out.push(items[i]);
  return out;
}

type LegacyKeywords = NonNullable<FunctionObj['legacyKeywords']>;

function bindParams(fn: FunctionObj, call: CallArgs, scope: Scope): boolean {
  const { params } = fn;
  let ai = 0;
  const args = call.args;
  const kwargs: Record<string, Value> = { ...call.kwargs };
  for (const p of params) {
    if (p.kind === 'positional-only' || p.kind === 'positional-or-keyword') {
      if (ai < args.length) {
        // TypeError: got multiple values for argument
        if (p.kind === 'positional-or-keyword' && p.name in kwargs) return false;
        scope.vars.set(p.name, args[ai++]);
      } else if (p.name in kwargs && p.kind === 'positional-or-keyword') {
        scope.vars.set(p.name, kwargs[p.name]);
        delete kwargs[p.name];
      } else if (fn.defaults.has(p.name)) scope.vars.set(p.name, fn.defaults.get(p.name)!);
      else return false;
    } else if (p.kind === 'var-positional') {
      scope.vars.set(p.name, tupleOf(args.slice(ai)));
      ai = args.length;
    } else if (p.kind === 'keyword-only') {
      if (p.name in kwargs) {
        scope.vars.set(p.name, kwargs[p.name]);
        delete kwargs[p.name];
      } else if (fn.defaults.has(p.name)) scope.vars.set(p.name, fn.defaults.get(p.name)!);
      else return false;
    }
  }
  if (call.openStar) {
    // `f(*blocks)` with blocks of unknown number: `*args` holds them, all like one block.
    const varpos = params.find((p) => p.kind === 'var-positional');
    if (!varpos) return false;
    const extra = (scope.vars.get(varpos.name) as { items?: readonly Value[] } | undefined)?.items ?? [];
    scope.vars.set(varpos.name, extra.length === 0 ? openListOf(call.openStar.sample) : openListOf(undefined));
  }
  const varkw = params.find((p) => p.kind === 'var-keyword');
  if (varkw) {
    const d = new DictObj();
    for (const [k, v] of Object.entries(kwargs)) d.entries.set(`s:${k}`, [str(k), v]);
    scope.vars.set(varkw.name, obj(d));
  } else if (Object.keys(kwargs).length > 0) return false;
  return ai >= args.length || params.some((p) => p.kind === 'var-positional');
}

/** The receivers a block mutates by its methods or items (`xs.append(...)`, `d[k] = v`), written as names or attributes. */
function mutatedReceivers(stmts: readonly Stmt[]): Expr[] {
  const out: Expr[] = [];
  const simple = (e: Expr): boolean => e.k === 'name' || (e.k === 'attr' && simple(e.obj));
  const visitExpr = (e: Expr | undefined): void => {
    if (!e) return;
    if (e.k === 'call' && e.fn.k === 'attr' && MUTATING_METHODS.has(e.fn.name) && simple(e.fn.obj)) out.push(e.fn.obj);
    if (e.k === 'call') {
      visitExpr(e.fn);
      e.args.forEach((a) => visitExpr(a.value));
    }
  };
  const visit = (s: Stmt): void => {
    switch (s.k) {
      case 'expr': visitExpr(s.value); break;
      case 'assign':
        visitExpr(s.value);
        for (const t of s.targets) if (t.k === 'subscript' && simple(t.obj)) out.push(t.obj);
        break;
      case 'augassign': if (simple(s.target)) out.push(s.target); visitExpr(s.value); break;
      case 'if': case 'while': s.body.forEach(visit); s.orelse.forEach(visit); break;
      case 'for': s.body.forEach(visit); s.orelse.forEach(visit); break;
      case 'with': s.body.forEach(visit); break;
      case 'try': s.body.forEach(visit); s.handlers.forEach((h) => h.body.forEach(visit)); s.orelse.forEach(visit); s.finalbody.forEach(visit); break;
      default: break;
    }
  };
  stmts.forEach(visit);
  return out;
}

/** Whether a channel-first layer (convolution, instance norm, pooling) would read `x` as one unbatched sample. */
function unbatchedInput(layer: string, x: Value | undefined): boolean {
  const m = /^torch\.nn\.(?:Conv|ConvTranspose|InstanceNorm|AvgPool|MaxPool|AdaptiveAvgPool|AdaptiveMaxPool)([123])d$/.exec(layer);
  return !!m && x?.kind === 'tensor' && x.shape?.length === Number(m[1]) + 1;
}

const MUTATING_METHODS = new Set(['append', 'extend', 'insert', 'add', 'update', 'setdefault', 'add_module', 'register_buffer']);

/** Every name a block may bind (for loops whose iterations are not known). */
function assignedNames(stmts: readonly Stmt[]): Set<string> {
  const out = new Set<string>();
  const target = (e: Expr): void => {
    if (e.k === 'name') out.add(e.id);
    else if (e.k === 'tuple' || e.k === 'list') e.items.forEach(target);
    else if (e.k === 'starred') target(e.value);
  };
  const visit = (s: Stmt): void => {
    switch (s.k) {
      case 'assign': s.targets.forEach(target); break;
      case 'augassign': target(s.target); break;
      case 'for': target(s.target); s.body.forEach(visit); s.orelse.forEach(visit); break;
      case 'while': s.body.forEach(visit); s.orelse.forEach(visit); break;
      case 'if': s.body.forEach(visit); s.orelse.forEach(visit); break;
      case 'with': s.items.forEach((i) => i.target && target(i.target)); s.body.forEach(visit); break;
      case 'try': s.body.forEach(visit); s.handlers.forEach((h) => h.body.forEach(visit)); s.orelse.forEach(visit); s.finalbody.forEach(visit); break;
      default: break;
    }
  };
  stmts.forEach(visit);
  return out;
}

/** Whether two paths bind a name to tensors of known shapes that `join` (with what the test says) leaves with none. */
function shapeLostByJoin(a: ReadonlyMap<string, Value>, b: ReadonlyMap<string, Value>, join: (a: Value, b: Value) => Value): boolean {
  for (const [name, va] of a) {
    const vb = b.get(name);
    if (va === vb || va.kind !== 'tensor' || vb?.kind !== 'tensor' || !va.shape || !vb.shape) continue;
    if (va.shape.length === vb.shape.length && va.shape.every((d, i) => d.same(vb.shape![i]))) continue;
    const joined = join(va, vb);
    if (joined.kind === 'tensor' && !joined.shape) return true;
  }
  return false;
}

/** Unpack items for `a, b, *rest = value`; undefined when their number does not fit the targets. */
function unpack(items: readonly Value[], n: number, starAt: number): Value[] | undefined {
  if (starAt < 0) return items.length === n ? [...items] : undefined;
  const after = n - starAt - 1;
  if (items.length < n - 1) return undefined;
  return [...items.slice(0, starAt), listOf(items.slice(starAt, items.length - after)), ...items.slice(items.length - after)];
}

/** Fields of a @dataclass body (annotated names, in order), after its bases' fields. */
function dataclassFields(cls: ClassObj, body: readonly Stmt[], scope: Scope): DataclassField[] {
  const fields = new Map<string, DataclassField>();
  for (const base of [...cls.mro()].reverse()) for (const f of base.dataclassFields ?? []) fields.set(f.name, f);
  for (const s of body) {
    if (s.k !== 'assign' || !s.annotation || s.targets.length !== 1 || s.targets[0].k !== 'name') continue;
    const name = s.targets[0].id;
    // `ClassVar[...]` annotations are not fields.
    if (s.annotation.k === 'subscript' && s.annotation.obj.k === 'name' && s.annotation.obj.id === 'ClassVar') continue;
    const v = s.value ? scope.vars.get(name) : undefined;
    const field = v && refOf(v, FieldObj);
    fields.set(name, field ? { name, default: field.default_, factory: field.factory, annotation: s.annotation } : { name, default: v, annotation: s.annotation });
  }
  return [...fields.values()];
}

function producesTensor(v: Value): boolean {
  return v.kind === 'tensor' || ((v.kind === 'tuple' || v.kind === 'list') && v.items.some(producesTensor));
}

export { Dim };

/**
 * `locals()` of a function frame: its bound names as a dict of strings, in binding order, then
 * `__class__` where a method's code names `super` or `__class__` (CPython's cell for them).
 */
function localsOf(scope: Scope, fn: FunctionObj): Value {
  const d = new DictObj();
  for (const [k, v] of scope.vars) if (!dictSet(d, str(k), v)) return UNKNOWN;
  if (fn.owner && /"id":"(super|__class__)"/.test(JSON.stringify(fn.body)) && !dictSet(d, str('__class__'), obj(fn.owner))) return UNKNOWN;
  return obj(d);
}

/** A forward the class defines (over the framework layer's) that never calls super(). */
function ownForwardWithoutSuper(cls: ClassObj): boolean {
  const fn = refOf(cls.lookup('forward')?.value ?? UNKNOWN, FunctionObj);
  return fn !== undefined && !usesName(fn.body, 'super');
}
