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
}

export type ConstructResult =
  | { readonly ok: true; readonly module: ModuleInstance | undefined; readonly assumptions: readonly Assumption[] }
  | { readonly ok: false; readonly error: OpError };

type Kwargs = Readonly<Record<string, Value>>;

export function applyFunction(op: FunctionOp, args: readonly Value[], kwargs: Kwargs = {}): OpResult {
  const bound = bind(op.signature, args, kwargs);
  if (!bound.ok) return unknownResult();
  if (!op.unknownRankOk && hasUnknownRank(bound.args)) return unknownResult();
  return run((ctx) => op.rule(bound.args, ctx), false, bound.args);
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
    op.check?.(bound.args, ctx);
    const module: ModuleInstance = { op, args: bound.args, params: op.params(bound.args), buffers: op.buffers?.(bound.args) ?? [] };
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
  let total = 0;
  for (const p of module.params) {
    const n = numel(p.shape).value;
    if (n === undefined) return undefined;
    total += n;
  }
  return total;
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
