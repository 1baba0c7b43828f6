// Running a declaration on abstract arguments: bind, guard unknowns, call the rule, and turn
// what the rule threw into a result. Callers never see an exception from a rule.
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import { numel } from '../shape/shape';
import {
  newContext, OpFailure, Unknowable,
  type Assumption, type Dialect, type FunctionOp, type ModuleOp, type NamedShape, type OpContext, type OpError,
} from './op';
import { bind, type BoundArgs } from './signature';

export type OpResult =
  | { readonly ok: true; readonly value: Value; readonly assumptions: readonly Assumption[]; readonly args?: BoundArgs }
  | { readonly ok: false; readonly error: OpError };

/** An nn.Module built from a declaration: its bound constructor arguments and parameters. */
export interface ModuleInstance {
  readonly op: ModuleOp;
  readonly args: BoundArgs;
  readonly params: readonly NamedShape[];
  readonly buffers: readonly NamedShape[];
  /**
   * A setting that decides which parameters exist (`bias=config.bias`) is not known: `params`
   * and `buffers` are those of its default, to name them, but their number is not known.
   */
  readonly paramsGuessed?: boolean;
}

export type ConstructResult =
  | { readonly ok: true; readonly module: ModuleInstance | undefined; readonly assumptions: readonly Assumption[] }
  | { readonly ok: false; readonly error: OpError };

type Kwargs = Readonly<Record<string, Value>>;

export function applyFunction(op: FunctionOp, args: readonly Value[], kwargs: Kwargs = {}): OpResult {
  const bound = bind(op.signature, args, numpyKeywords(op, kwargs));
  if (!bound.ok) return unknownResult();
  if (!op.unknownRankOk && hasUnknownRank(bound.args)) return unknownResult();
  return run((ctx) => op.rule(bound.args, ctx), false, bound.args);
}

/** PyTorch's native reductions (C++ bindings, not Python functions). */
const NATIVE_REDUCTION = /^torch\.(Tensor\.)?(sum|nansum|mean|nanmean|prod|amax|amin|max|min|std|var|all|any|logsumexp|median|nanmedian|argmax|argmin)$/;

/**
 * NumPy's keyword names, which PyTorch's argument parser takes for its native functions
 * (torch/csrc/utils/python_arg_parser.cpp, numpy_compatibility_arg_names: `axis` for `dim`,
 * `keepdims` for `keepdim`): `x.mean((1, 2), keepdims=True)` in timm's SqueezeExciteCl.
 */
function numpyKeywords(op: FunctionOp, kwargs: Kwargs): Kwargs {
  if (!('keepdims' in kwargs || 'axis' in kwargs) || !op.names.some((n) => NATIVE_REDUCTION.test(n))) return kwargs;
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(kwargs)) out[k === 'keepdims' ? 'keepdim' : k === 'axis' ? 'dim' : k] = v;
  return out;
}

/**
 * Build a module; `module` is undefined when its hyper-parameters are not known statically.
 * `dialect` picks the framework whose error texts a shared catalogue (Keras / TF.js) uses.
 */
export function constructModule(op: ModuleOp, args: readonly Value[], kwargs: Kwargs = {}, dialect?: Dialect): ConstructResult {
  const bound = bind(op.init, args, kwargs);
  if (!bound.ok) return { ok: true, module: undefined, assumptions: [] };
  const ctx = newContext(false, dialect);
  try {
    try {
      op.check?.(bound.args, ctx);
    } catch (e) {
      // A check that cannot decide (`nn.Dropout(config.dropout)`) reports nothing; the module
      // is still built: its shapes do not depend on what the check could not see.
      if (!(e instanceof Unknowable)) throw e;
    }
    let params: readonly NamedShape[];
    let buffers: readonly NamedShape[];
    let paramsGuessed = false;
    try {
      params = op.params(bound.args);
      buffers = op.buffers?.(bound.args) ?? [];
    } catch (e) {
      if (!(e instanceof Unknowable)) throw e;
      // Unknown settings at their defaults name the parameters; sizes still come from the real args.
      const withDefaults = defaultsForUnknowns(op, bound.args);
      if (!withDefaults) throw e;
      params = op.params(withDefaults);
      buffers = op.buffers?.(withDefaults) ?? [];
      paramsGuessed = true;
    }
    // `dtype=torch.float64` (or model.double()): floating parameters and buffers take it.
    const dtype = bound.args.dtype?.kind === 'dtype' ? bound.args.dtype.dtype : undefined;
    if (dtype && FLOATING.has(dtype)) {
      const cast = (p: NamedShape): NamedShape => (FLOATING.has(p.dtype) ? { ...p, dtype } : p);
      params = params.map(cast);
      buffers = buffers.map(cast);
    }
    const module: ModuleInstance = { op, args: bound.args, params, buffers, ...(paramsGuessed ? { paramsGuessed } : {}) };
    return { ok: true, module, assumptions: ctx.assumptions };
  } catch (e) {
    if (e instanceof OpFailure) return { ok: false, error: e.error };
    if (e instanceof Unknowable) return { ok: true, module: undefined, assumptions: [] };
    throw e;
  }
}

export function callModule(
  module: ModuleInstance, args: readonly Value[], kwargs: Kwargs = {}, training = false, dialect?: Dialect,
): OpResult {
  const bound = bind(module.op.forward, args, kwargs);
  if (!bound.ok) return unknownResult();
  if (!module.op.unknownRankOk && hasUnknownRank(bound.args)) return unknownResult();
  return run((ctx) => module.op.rule(module.args, bound.args, ctx), training, bound.args, dialect);
}

/** Total number of parameter elements, as `sum(p.numel() for p in m.parameters())`. */
export function parameterCount(module: ModuleInstance): number | undefined {
  if (module.paramsGuessed) return undefined;
  let total = 0;
  for (const p of module.params) {
    const n = numel(p.shape).value;
    if (n === undefined) return undefined;
    total += n;
  }
  return total;
}

const FLOATING = new Set<string>(['float16', 'bfloat16', 'float32', 'float64']);

/** The bound arguments with each unknown one that has a default at that default (none: undefined). */
function defaultsForUnknowns(op: ModuleOp, args: BoundArgs): BoundArgs | undefined {
  const out: Record<string, Value> = { ...args };
  let changed = false;
  for (const p of op.init.params) {
    if (args[p.name]?.kind === 'unknown' && p.defaultValue !== undefined) {
      out[p.name] = p.defaultValue;
      changed = true;
    }
  }
  return changed ? out : undefined;
}

/** `args` (the bound arguments) is returned so the interpreter can record the op in its trace. */
function run(rule: (ctx: OpContext) => Value, training: boolean, args: BoundArgs, dialect?: Dialect): OpResult {
  const ctx = newContext(training, dialect);
  try {
    return { ok: true, value: rule(ctx), assumptions: ctx.assumptions, args };
  } catch (e) {
    if (e instanceof OpFailure) return { ok: false, error: e.error };
    if (e instanceof Unknowable) return unknownResult();
    throw e;
  }
}

function unknownResult(): OpResult {
  return { ok: true, value: UNKNOWN, assumptions: [] };
}

function hasUnknownRank(args: BoundArgs): boolean {
  const visit = (v: Value): boolean =>
    v.kind === 'tensor' ? v.shape === undefined : v.kind === 'tuple' || v.kind === 'list' ? v.items.some(visit) : false;
  return Object.values(args).some(visit);
}
