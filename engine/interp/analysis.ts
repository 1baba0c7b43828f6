// The engine's one analysis call: run a lowered file, then seed the forward passes nobody called
// (test functions, annotated inputs, and symbolic inputs inferred from a model's first layer).
import { Dim } from '../shape/dim';
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import { constIntArg, boolArg } from '../ops/args';
import type { ModuleIR, Range, Stmt } from './ir';
import { AnalysisAborted, Interpreter, PyRaise, SeedFound } from './interpreter';
import { ClassObj, FunctionObj, InstanceObj, LayerObj, obj, refOf } from './objects';
import { Recorder, type ShapeDiagnostic, type ShapeHint } from './record';
import { parseShapeComments, type ShapeComment } from './annotations';
import { int } from './pyvalues';
import { collectInsight, type Insight } from './insight';
import { sliceFor } from './slice';

export interface AnalyzeOptions {
  readonly isCancelled?: () => boolean;
  readonly resolveImport?: (module: string, level: number, from?: ModuleIR) => ModuleIR | undefined;
  readonly maxSteps?: number;
  /**
   * Only the hints inside this range are wanted (an editor's visible lines): run just the
   * statements they depend on (slice.ts), when that is exact; otherwise everything runs.
   */
  readonly focus?: Range;
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
  let partial = false;
  const sliced = options.focus ? sliceFor(ir, options.focus) : undefined;
  const slice = sliced && sliced.length < ir.body.length ? sliced : undefined;
  const run: ModuleIR = slice ? { ...ir, body: slice.map((i) => ir.body[i]) } : ir;
  try {
    const scope = interp.runModule(run);
    const comments = parseShapeComments(ir.comments);
    for (const stmt of run.body) {
      if (stmt.k === 'def' && stmt.name.startsWith('test')) runTestFunction(interp, scope.vars.get(stmt.name), stmt.range);
    }
    for (const stmt of run.body) {
      if (stmt.k === 'class') seedModelClass(interp, scope.vars.get(stmt.name), stmt, comments);
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

/** A model class whose forward no call site reached: build it and run forward on seeded input. */
function seedModelClass(interp: Interpreter, clsValue: Value | undefined, def: Extract<Stmt, { k: 'class' }>, comments: readonly ShapeComment[]): void {
  const cls = clsValue && refOf(clsValue, ClassObj);
  if (!cls || !cls.isModule) return;
  const fwd = cls.lookup('forward');
  const fn = fwd && refOf(fwd.value, FunctionObj);
  if (!fn || interp.forwardsRun.has(fn)) return;
  const fdef = findDef(def.body, 'forward');
  const instance = buildInstance(interp, cls, def.nameRange);
  if (!instance) return;
  const inputs = fdef ? annotatedInputs(fn, fdef, comments) : new Map<string, Value>();
  let args = positionalArgs(fn, 1, inputs);
  if (!args || args.length === 0) {
    const first = fn.params[1];
    if (!first || (first.kind !== 'positional-or-keyword' && first.kind !== 'positional-only')) return;
    args = [probeFirstLayer(interp, instance, def.nameRange)].filter((v): v is Value => v !== undefined);
    if (args.length === 0) return;
  }
  const callArgs = args;
  guarded(() => interp.callModuleValue(instance, { args: callArgs, kwargs: {} }, def.nameRange));
}

function findDef(body: readonly Stmt[], name: string): Extract<Stmt, { k: 'def' }> | undefined {
  for (const s of body) if (s.k === 'def' && s.name === name) return s;
  return undefined;
}

/** Instantiate with defaults; required int-like parameters become symbols named after them. */
function buildInstance(interp: Interpreter, cls: ClassObj, site: Range): Value | undefined {
  const init = cls.lookup('__init__');
  const fn = init && refOf(init.value, FunctionObj);
  const kwargs: Record<string, Value> = {};
  if (fn) {
    for (const p of fn.params.slice(1)) {
      if (p.default || p.kind === 'var-positional' || p.kind === 'var-keyword') continue;
      const annotatedInt = p.annotation?.k === 'name' && p.annotation.id === 'int';
      if (!annotatedInt && !/(size|dim|channels|features|classes|hidden|len|heads|layers|planes|width|depth|num)/i.test(p.name)) return undefined;
      kwargs[p.name] = int(Dim.sym(p.name));
    }
  }
  let value: Value | undefined;
  guarded(() => {
    value = interp.call(obj(cls), { args: [], kwargs }, site);
  });
  return value && refOf(value, InstanceObj) ? value : undefined;
}

/** Run forward with a probe input until it reaches a layer, and build the input that layer expects. */
function probeFirstLayer(interp: Interpreter, instance: Value, site: Range): Value | undefined {
  const probe: Value = { kind: 'tensor', shape: undefined, dtype: undefined };
  interp.probes.add(probe);
  try {
    interp.callModuleValue(instance, { args: [probe], kwargs: {} }, site);
  } catch (e) {
    if (e instanceof SeedFound) {
      const layer = refOf(e.value, LayerObj);
      return layer ? inputForLayer(layer) : undefined;
    }
    if (e instanceof PyRaise) return undefined;
    throw e;
  }
  return undefined;
}

/** The input shape a first layer implies, with symbols for what it leaves open. */
export function inputForLayer(layer: LayerObj): Value | undefined {
  const { op, args } = layer.instance;
  const name = op.names[0].replace(/^torch\.nn\./, '');
  const B = Dim.sym('B');
  const tensor = (dims: Dim[], dtype: 'float32' | 'int64' = 'float32'): Value => ({ kind: 'tensor', shape: dims, dtype });
  try {
    const spatial: Record<string, Dim[]> = { '1d': [Dim.sym('L')], '2d': [Dim.sym('H'), Dim.sym('W')], '3d': [Dim.sym('D'), Dim.sym('H'), Dim.sym('W')] };
    const conv = /^(?:Conv|ConvTranspose)(1d|2d|3d)$/.exec(name);
    if (conv) return tensor([B, Dim.of(constIntArg(args.in_channels)), ...spatial[conv[1]]]);
    const bn = /^(?:BatchNorm|InstanceNorm)(1d|2d|3d)$/.exec(name);
    if (bn) return tensor(bn[1] === '1d' ? [B, Dim.of(constIntArg(args.num_features))] : [B, Dim.of(constIntArg(args.num_features)), ...spatial[bn[1]]]);
    if (name === 'Linear') return tensor([B, Dim.of(constIntArg(args.in_features))]);
    if (name === 'Embedding' || name === 'EmbeddingBag') return tensor([B, Dim.sym('T')], 'int64');
    if (name === 'LSTM' || name === 'GRU' || name === 'RNN') {
      const size = Dim.of(constIntArg(args.input_size));
      return tensor(boolArg(args.batch_first) ? [B, Dim.sym('T'), size] : [Dim.sym('T'), B, size]);
    }
    if (name === 'TransformerEncoderLayer' || name === 'TransformerDecoderLayer') {
      const d = Dim.of(constIntArg(args.d_model));
      return tensor(boolArg(args.batch_first) ? [B, Dim.sym('S'), d] : [Dim.sym('S'), B, d]);
    }
  } catch {
    return undefined;
  }
  return undefined;
}

export { UNKNOWN };
