// Shared pieces of the recurrent family: Python-style printing of sizes in messages, binding of
// `*args, **kwargs` constructors, parameter lists, and calling nested module instances.
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { callModule, type ModuleInstance } from '../apply';
import { DEFAULT_FLOAT } from '../dtype';
import { giveUp, OpFailure, type NamedShape, type OpContext, type OpError } from '../op';
import { bind, type BoundArgs, type Signature } from '../signature';

export { sig } from '../signature';

/** Python's tuple repr: `(2, 3, 20)`, `(5,)`. */
export function pyTuple(dims: readonly Dim[]): string {
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
}

/** Python's list repr: `[1, 3, 20]`. */
export function pyList(dims: readonly Dim[]): string {
  return `[${dims.join(', ')}]`;
}

/** torch.Size repr: `torch.Size([2, 5])`. */
export function torchSize(dims: readonly Dim[]): string {
  return `torch.Size(${pyList(dims)})`;
}

/**
 * `actual` must equal `expected` as a whole (PyTorch compares sizes as tuples): a known
 * difference fails with the one message; open dimensions become assumptions.
 */
export function requireShape(ctx: OpContext, actual: Shape, expected: Shape, error: () => OpError): void {
  if (actual.length !== expected.length || actual.some((d, i) => d.equals(expected[i]) === 'no')) throw new OpFailure(error());
  actual.forEach((d, i) => {
    if (d.equals(expected[i]) === 'unknown') {
      const e = error();
      ctx.assumptions.push({ code: e.code, lhs: d, rhs: expected[i], message: `needs ${d} = ${expected[i]}`, fixes: e.fixes });
    }
  });
}

/** A known truth value of `a == b`, or give up when symbols leave it open. */
export function knownEqual(a: Dim, b: Dim | number): boolean {
  const t = a.equals(b);
  return t === 'unknown' ? giveUp('open comparison') : t === 'yes';
}

/** The sign of `a - b` when known, else give up. */
export function compare(a: Dim, b: Dim | number): number {
  const v = a.sub(b).value;
  return v === undefined ? giveUp('open comparison') : Math.sign(v);
}

/** Bind a module's `*args, **kwargs` (as PyTorch declares RNN/LSTM/GRU) to the real parameters. */
export function bindVarArgs(self: BoundArgs, signature: Signature, dropKw: readonly string[] = []): BoundArgs {
  const args = self.args.kind === 'tuple' ? self.args.items : giveUp('*args');
  const kwargs = kwargsOf(self.kwargs);
  for (const k of dropKw) delete kwargs[k];
  const bound = bind(signature, args, kwargs);
  return bound.ok ? bound.args : giveUp(bound.reason);
}

/** `**kwargs` as a record (keys are strings). */
export function kwargsOf(v: Value): Record<string, Value> {
  if (v.kind !== 'dict') return giveUp('**kwargs');
  const out: Record<string, Value> = {};
  for (const [k, x] of v.entries) {
    if (k.kind !== 'str') giveUp('**kwargs');
    out[k.value] = x;
  }
  return out;
}

export function param(name: string, shape: readonly (Dim | number)[]): NamedShape {
  return { name, shape: shape.map(Dim.of), dtype: DEFAULT_FLOAT };
}

export function prefixed(prefix: string, params: readonly NamedShape[]): NamedShape[] {
  return params.map((p) => ({ ...p, name: prefix + p.name }));
}

/** A module instance passed as an argument (`TransformerEncoder(layer, 6)`), else undefined. */
export function moduleRef(v: Value | undefined): ModuleInstance | undefined {
  if (v === undefined || v.kind !== 'object') return undefined;
  const ref = v.ref as Partial<ModuleInstance>;
  return ref.op && ref.op.kind === 'module' && ref.args ? (ref as ModuleInstance) : undefined;
}

export function isModule(m: ModuleInstance, name: string): boolean {
  return m.op.names.includes(name);
}

/** Call a nested module as PyTorch's forward would; its error is ours, its unknowns too. */
export function invoke(ctx: OpContext, m: ModuleInstance, args: readonly Value[], kwargs: Readonly<Record<string, Value>> = {}): Value {
  const r = callModule(m, args, kwargs, ctx.training);
  if (!r.ok) throw new OpFailure(r.error);
  ctx.assumptions.push(...r.assumptions);
  return r.value.kind === 'unknown' ? giveUp('nested module') : r.value;
}

/** Insert a size-1 dimension (torch.unsqueeze) / drop one (squeeze of a known 1). */
export function unsqueeze(shape: Shape, dim: number): Shape {
  return [...shape.slice(0, dim), Dim.of(1), ...shape.slice(dim)];
}

export function squeeze(shape: Shape, dim: number): Shape {
  return shape[dim].value === 1 ? [...shape.slice(0, dim), ...shape.slice(dim + 1)] : shape;
}
