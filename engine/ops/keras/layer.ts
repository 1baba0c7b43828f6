// A Keras layer as a module declaration. Keras and TF.js build a layer lazily on its first call:
// check the input spec, build (create weights from the input shape, tighten the spec), check
// again, compute the output. A built layer remembers the call it was built with, so its weights
// and its stricter spec follow from its arguments alone.
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { UNKNOWN } from '../../value';
import { numel } from '../../shape/shape';
import { boolArg, isNone, strArg } from '../args';
import { callModule, type ModuleInstance, type OpResult } from '../apply';
import { DEFAULT_FLOAT } from '../dtype';
import { defineModule, newContext, OpFailure, Unknowable, type Dialect, type ModuleOp, type NamedShape, type OpContext } from '../op';
import { bind, sig, type BoundArgs } from '../signature';
import { dialectOf, jsShape, kerasFail, pyShape, type KerasCtx } from './dialect';
import type { Lowered, OnnxCall, OnnxGraph, ParamInit } from '../lowering';
import { kerasInit } from './init';
import { checkInputSpecs, type InputSpec } from './inputSpec';
import { defaultLayerName } from './naming';

/** One weight as Keras creates it: its own name (`kernel`), shape, and whether it trains. */
export interface Weight {
  readonly name: string;
  readonly shape: Shape;
  /** false for statistics such as BatchNormalization's moving_mean (default true). */
  readonly trainable?: boolean;
  /** The sublayer that owns it in Keras' variable path (`lstm_cell` in `lstm/lstm_cell/kernel`). */
  readonly scope?: string;
}

/** The first call argument: one tensor, or a list of them (merge layers, Attention). */
export interface LayerInput {
  readonly value: Value;
  readonly shapes: readonly Shape[];
  readonly isList: boolean;
}

export interface Built {
  readonly weights?: readonly Weight[];
  /** The spec after build (e.g. Dense's `axes={-1: 784}`); absent = the unbuilt spec stays. */
  readonly inputSpec?: readonly (InputSpec | undefined)[];
}

export interface LayerSpec {
  /** Keras' class name (`Dense`), also TF.js' getClassName(). */
  readonly className: string;
  /** More qualified names Keras exports the class under (`keras.layers.Convolution2D`). */
  readonly aliases?: readonly string[];
  /** TF.js factory names (`tf.layers.dense`), when TF.js has the layer. */
  readonly tfjs?: readonly string[];
  /** The layer's own `__init__` parameters in Keras 3 (without self and the base Layer's). */
  readonly init: string;
  /** `call()` without self; the first parameter is the input the spec checks. */
  readonly call: string;
  /** Constructor errors. */
  check?(self: BoundArgs, k: KerasCtx): void;
  /** The spec set in `__init__` (checked before build). */
  inputSpec?(self: BoundArgs, k: KerasCtx): readonly (InputSpec | undefined)[] | undefined;
  /** Weights and the tightened spec, from the input the layer is first called with. */
  build?(self: BoundArgs, x: LayerInput, k: KerasCtx, call: BoundArgs): Built;
  /** The output: a tensor, or a list of tensors (return_state). `built` is what build() gave. */
  output(self: BoundArgs, x: LayerInput, k: KerasCtx, call: BoundArgs, built: Built): Value;
  /** ONNX lowering for the sample forward pass (engine/ops/keras/lowerKeras.ts); absent = no kernel yet. */
  onnx?(g: OnnxGraph, call: OnnxCall, k: KerasCtx): Lowered;
  /** Initial weights when the framework's defaults (kerasInit) do not fit the layer. */
  readonly reset?: ParamInit;
}

export type KerasLayerOp = ModuleOp & { readonly keras: LayerSpec };

/**
 * Keyword arguments every layer accepts through the base Layer (keras/src/layers/layer.py:265-296:
 * activity_regularizer, trainable, dtype, autocast, name, and input_shape / input_dim popped
 * from kwargs); batch_size and batch_input_shape are tf.keras' and TF.js' (batchSize,
 * batchInputShape), accepted here so one catalogue serves both.
 */
const BASE_KEYWORDS: readonly [string, string][] = [
  ['activity_regularizer', 'None'], ['trainable', 'True'], ['dtype', 'None'], ['autocast', 'True'], ['name', 'None'],
  ['input_shape', 'None'], ['input_dim', 'None'], ['batch_size', 'None'], ['batch_input_shape', 'None'],
];

/**
 * Where a built layer keeps the call it was built with, and the dialect it was built in (NUL-
 * prefixed keys no keyword can bind). Weight names can differ by framework (DepthwiseConv2D's
 * `kernel` / `depthwise_kernel`), so the weights follow the dialect of the build.
 */
const BUILT_KEY = '\u0000built';
const DIALECT_KEY = '\u0000dialect';

export function defineLayer(spec: LayerSpec): KerasLayerOp {
  const ownParams = sig(spec.init).params;
  const own = new Set(ownParams.map((p) => p.name));
  const tail = BASE_KEYWORDS.filter(([n]) => !own.has(n)).map(([n, d]) => `${n}=${d}`);
  const star = ownParams.some((p) => p.kind === 'keyword-only') ? '' : '*, ';
  const init = [spec.init, tail.length ? `${star}${tail.join(', ')}` : ''].filter((s) => s.trim() !== '').join(', ');
  const op = defineModule({
    names: [`keras.layers.${spec.className}`, ...(spec.aliases ?? [])],
    init,
    forward: spec.call,
    unknownRankOk: false,
    check: (self, ctx) => spec.check?.(self, kctx(spec, self, ctx)),
    params: (self) => builtWeights(spec, self).filter((w) => w.trainable).map(named),
    buffers: (self) => builtWeights(spec, self).filter((w) => !w.trainable).map(named),
    rule(self, call, ctx) {
      const k = kctx(spec, self, ctx);
      const x = firstInput(spec, call);
      const buildCall = builtCall(self) ?? call;
      const built = builtCall(self) ? rebuild(spec, self, k, buildCall) : buildPhase(spec, self, k, x, call);
      checkInputSpecs(k, built.inputSpec ?? spec.inputSpec?.(self, k), x.shapes);
      return spec.output(self, x, k, call, built);
    },
    // Lowerings are checked against tfjs-layers, the one Keras implementation that runs here
    // (test/oracle/tfjs/forwardPass.test.ts): a layer TF.js lacks has no kernel until an oracle checks it.
    onnx: spec.onnx && spec.tfjs?.length ? (g, call) => spec.onnx!(g, call, kctx(spec, call.self ?? {}, newContext(false, builtDialect(call.self ?? {})))) : undefined,
    reset: spec.reset ?? ((self, p, rng, all) => kerasInit(builtDialect(self))(self, p, rng, all)),
  });
  return { ...op, keras: spec };
}

export function isKerasLayer(op: ModuleOp): op is KerasLayerOp {
  return 'keras' in op;
}

/** The context a rule of `spec` runs with: dialect from the op context, the layer's name. */
function kctx(spec: LayerSpec, self: BoundArgs, op: OpContext): KerasCtx {
  const dialect = dialectOf(op);
  const name = self.name && !isNone(self.name) ? strArg(self.name) : defaultLayerName(dialect, spec.className);
  return { op, dialect, name };
}

/** A tensor or a list/tuple of tensors, flattened for the spec check. */
export function layerInput(v: Value): LayerInput {
  if (v.kind === 'tensor') {
    if (v.shape === undefined) throw new Unknowable('tensor of unknown rank');
    return { value: v, shapes: [v.shape], isList: false };
  }
  if (v.kind === 'list' || v.kind === 'tuple') {
    const shapes = v.items.map((t) => {
      if (t.kind !== 'tensor' || t.shape === undefined) throw new Unknowable('expected tensors');
      return t.shape;
    });
    return { value: v, shapes, isList: true };
  }
  throw new Unknowable('expected a tensor');
}

/** The first parameter of a call signature, parsed once per signature (rules ask on every call). */
const firstParams = new Map<string, string | undefined>();
function firstParam(callSignature: string): string | undefined {
  if (!firstParams.has(callSignature)) firstParams.set(callSignature, sig(callSignature).params[0]?.name);
  return firstParams.get(callSignature);
}

function firstInput(spec: LayerSpec, call: BoundArgs): LayerInput {
  const first = firstParam(spec.call);
  return first === undefined ? { value: UNKNOWN, shapes: [], isList: false } : layerInput(call[first]);
}

/** Before build: the init spec, build, then the caller checks the built spec. */
function buildPhase(spec: LayerSpec, self: BoundArgs, k: KerasCtx, x: LayerInput, call: BoundArgs): Built {
  checkInputSpecs(k, spec.inputSpec?.(self, k), x.shapes);
  return runBuild(spec, self, k, call);
}

/** build() and the weights' own check: a None in a weight shape fails where the weight is made. */
/**
 * A built layer's build, made again on each call for its tightened input spec: the same every time
 * for the same arguments (it succeeded once), so kept unless it left assumptions to record.
 */
function rebuild(spec: LayerSpec, self: BoundArgs, k: KerasCtx, call: BoundArgs): Built {
  const holder = self as unknown as Cached<Built>;
  const known = holder[REBUILT];
  if (known) return known;
  const before = k.op.assumptions.length;
  const built = runBuild(spec, self, k, call);
  if (k.op.assumptions.length === before) remember(holder, REBUILT, built);
  return built;
}

function runBuild(spec: LayerSpec, self: BoundArgs, k: KerasCtx, call: BoundArgs): Built {
  if (!spec.build) return {};
  const x = firstInput(spec, call);
  const built = spec.build(self, x, k, call);
  for (const w of built.weights ?? []) {
    if (!w.shape.some((d) => d.isNone)) continue;
    if (k.dialect === 'tfjs') {
      // tfjs-core util.assertNonNegativeIntegerDimensions, reached from addWeight's initializer.
      kerasFail('keras-weight-shape', `Tensor must have a shape comprised of positive integers but got shape [${jsShape(w.shape)}].`);
    }
    // keras/src/backend/common/variables.py:239
    const path = [k.name, ...(w.scope ? [w.scope] : []), w.name].join('/');
    kerasFail('keras-weight-shape', `Shapes used to initialize variables must be fully-defined (no \`None\` dimensions). Received: shape=${pyShape(w.shape)} for variable path='${path}'`);
  }
  return built;
}

/**
 * Per-object caches of derived data, kept on the (immutable) object under a symbol, not
 * enumerable: weak tables would cost every garbage collection, and a spread copy of the object
 * (a layer's arguments once built) must not carry them.
 */
const DECODED = Symbol('decoded built call');
const WEIGHTS = Symbol('built weights');
const REBUILT = Symbol('rebuilt');
type Cached<T> = { [key: symbol]: T | undefined };

function remember<T>(holder: Cached<T>, key: symbol, value: T): T {
  Object.defineProperty(holder, key, { value, enumerable: false, writable: true, configurable: true });
  return value;
}

/** Decoded once per built layer: rules read it on every call. */
function builtCall(self: BoundArgs): BoundArgs | undefined {
  const v = self[BUILT_KEY];
  if (!v || v.kind !== 'dict') return undefined;
  const holder = v as unknown as Cached<BoundArgs>;
  let out = holder[DECODED];
  if (!out) {
    const decoded: Record<string, Value> = {};
    for (const [key, value] of v.entries) if (key.kind === 'str') decoded[key.value] = value;
    out = remember(holder, DECODED, decoded as BoundArgs);
  }
  return out;
}

/** Weights of a built layer in Keras' `weights` order; the layer's `trainable=False` freezes all. */
/** Weights of a built layer, computed once per bound arguments (params() and buffers() both ask). */
function builtWeights(spec: LayerSpec, self: BoundArgs): { name: string; shape: Shape; trainable: boolean }[] {
  const holder = self as unknown as Cached<{ name: string; shape: Shape; trainable: boolean }[]>;
  return holder[WEIGHTS] ?? remember(holder, WEIGHTS, computeWeights(spec, self));
}

function computeWeights(spec: LayerSpec, self: BoundArgs): { name: string; shape: Shape; trainable: boolean }[] {
  const call = builtCall(self);
  if (!call || !spec.build) return [];
  const layerTrainable = boolArg(self.trainable ?? { kind: 'bool', value: true });
  // Built once already without error, so building again from the same call cannot fail.
  const k = kctx(spec, self, newContext(false, builtDialect(self)));
  const ws = (spec.build(self, firstInput(spec, call), k, call).weights ?? []).map((w) => ({ name: w.name, shape: w.shape, trainable: layerTrainable && w.trainable !== false }));
  // Keras and TF.js list trainable weights first, then the others, each in creation order.
  return [...ws.filter((w) => w.trainable), ...ws.filter((w) => !w.trainable)];
}

/** The dialect a built layer was built in (Keras unless TF.js built it). */
function builtDialect(self: BoundArgs): Dialect {
  return self[DIALECT_KEY]?.kind === 'str' && self[DIALECT_KEY].value === 'tfjs' ? 'tfjs' : 'keras';
}

function named(w: { name: string; shape: Shape }): NamedShape {
  return { name: w.name, shape: w.shape, dtype: DEFAULT_FLOAT };
}

// ---------------------------------------------------------------------------------------------
// Building and calling from outside (frontends, tests).

export function isBuilt(m: ModuleInstance): boolean {
  return builtCall(m.args) !== undefined;
}

/** `m` built with the call `callArgs` (bound call arguments): its weights are now known. */
function withBuild(m: ModuleInstance, callArgs: BoundArgs, dialect: Dialect): ModuleInstance {
  const entries = Object.entries(callArgs).map(([key, value]) => [{ kind: 'str', value: key } as Value, value] as const);
  const args = { ...m.args, [BUILT_KEY]: { kind: 'dict', entries } as Value, [DIALECT_KEY]: { kind: 'str', value: dialect } as Value };
  return { op: m.op, args, params: m.op.params(args), buffers: m.op.buffers?.(args) ?? [] };
}

export interface LayerCall {
  readonly result: OpResult;
  readonly module: ModuleInstance;
}

/**
 * Call a Keras layer as the framework does, returning the result and the layer as it is after
 * the call: built (with weights) once a first call got past build(), even if the call then
 * failed (TF.js and Keras both mark the layer built before the second spec check).
 */
export function callLayer(
  m: ModuleInstance, args: readonly Value[], kwargs: Readonly<Record<string, Value>> = {},
  options: { training?: boolean; dialect?: Dialect } = {},
): LayerCall {
  const op = m.op;
  let module = m;
  if (isKerasLayer(op) && !isBuilt(m)) {
    const bound = bind(op.forward, args, kwargs);
    if (bound.ok) {
      const ctx = newContext(options.training ?? false, options.dialect);
      try {
        const k = kctx(op.keras, m.args, ctx);
        buildPhase(op.keras, m.args, k, firstInput(op.keras, bound.args), bound.args);
        module = withBuild(m, bound.args, k.dialect);
      } catch (e) {
        if (e instanceof OpFailure) return { result: { ok: false, error: e.error }, module: m };
        if (!(e instanceof Unknowable)) throw e;
      }
    }
  }
  return { result: callModule(module, args, kwargs, options.training ?? false, options.dialect), module };
}

/** Keras' / TF.js' `countParams()`: trainable and non-trainable weights together. */
export function kerasParamCount(m: ModuleInstance): number | undefined {
  let total = 0;
  for (const w of [...m.params, ...m.buffers]) {
    const n = numel(w.shape).value;
    if (n === undefined) return undefined;
    total += n;
  }
  return total;
}


// ---------------------------------------------------------------------------------------------
// Sublayers: the layer a wrapper (TimeDistributed, Bidirectional) holds.

export interface Sublayer {
  readonly module: ModuleInstance;
  readonly spec: LayerSpec;
}

/** The Keras layer passed as an argument (`TimeDistributed(Dense(8))`), or no answer. */
export function sublayerArg(v: Value | undefined): Sublayer {
  if (v && v.kind === 'object') {
    const m = v.ref as Partial<ModuleInstance>;
    if (m.op && m.args && isKerasLayer(m.op)) return { module: m as ModuleInstance, spec: m.op.keras };
  }
  throw new Unknowable('expected a Keras layer');
}

function sublayerCall(sub: Sublayer, x: LayerInput): BoundArgs {
  const first = firstParam(sub.spec.call);
  return first === undefined ? {} : { [first]: x.value };
}

/**
 * The call a wrapper's lowering hands its sublayer's: `input` as the first call argument, the
 * sublayer's arguments with the dialect the wrapper was built in (the sublayer is never built itself).
 */
export function sublayerLowering(sub: Sublayer, wrapper: BoundArgs, input: Value): { args: BoundArgs; self: BoundArgs } {
  const first = firstParam(sub.spec.call);
  const dialect = wrapper[DIALECT_KEY];
  return { args: first === undefined ? {} : { [first]: input }, self: dialect ? { ...sub.module.args, [DIALECT_KEY]: dialect } : sub.module.args };
}

/**
 * The sublayer built on `x` as a wrapper builds it: build() straight away, without the
 * sublayer's own input spec (Keras' Wrapper.build, TF.js' TimeDistributed.build). A sublayer
 * already built keeps the weights of its own build.
 */
export function sublayerBuild(sub: Sublayer, x: LayerInput, op: OpContext, name?: string): Built {
  const self = name === undefined ? sub.module.args : { ...sub.module.args, name: { kind: 'str', value: name } as Value };
  const k = kctx(sub.spec, self, op);
  return runBuild(sub.spec, self, k, builtCall(sub.module.args) ?? sublayerCall(sub, x));
}

/** The sublayer's output for `x` (its compute_output_shape, no spec check). */
export function sublayerOutput(sub: Sublayer, x: LayerInput, op: OpContext, name?: string): Value {
  const self = name === undefined ? sub.module.args : { ...sub.module.args, name: { kind: 'str', value: name } as Value };
  const k = kctx(sub.spec, self, op);
  const call = sublayerCall(sub, x);
  return sub.spec.output(self, x, k, call, runBuild(sub.spec, self, k, builtCall(sub.module.args) ?? call));
}

/** The sublayer's name as its messages print it. */
export function sublayerName(sub: Sublayer, op: OpContext): string {
  return kctx(sub.spec, sub.module.args, op).name;
}
