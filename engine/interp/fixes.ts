// Quick fixes for a failing layer call, computed from how its constructor was written: set the
// argument PyTorch needs (`in_features` = 3136, also written readably as `64 * 7 * 7` when the
// input came from flattening), or switch `nn.Linear` to `nn.LazyLinear` when the size is symbolic.
import type { Dim } from '../shape/dim';
import type { Value } from '../value';
import type { ModuleOp, OpFix } from '../ops/op';
import type { TraceNode } from '../ops/trace';
import type { Arg, Expr, Range } from './ir';
import type { Fix } from './record';

/** How a layer's constructor call was written, for edits. */
export interface ConstructorSyntax {
  /** The last identifier of the callee (`Linear` in `nn.Linear`) and its range. */
  readonly callee: { readonly name: string; readonly range: Range } | undefined;
  /**
   * Each argument: the parameter it binds to (when knowable), its value and the whole argument;
   * for a pair `a => b` (Flux's `in => out`) also each side.
   */
  readonly args: readonly { readonly param: string | undefined; readonly value: Range; readonly whole: Range; readonly sides?: readonly [Range, Range] }[];
}

export function constructorSyntax(op: ModuleOp, fn: Expr | undefined, argExprs: readonly Arg[] | undefined): ConstructorSyntax {
  const callee = fn?.k === 'attr' ? { name: fn.name, range: fn.nameRange } : fn?.k === 'name' ? { name: fn.id, range: fn.range } : undefined;
  const positional = op.init.params.filter((p) => p.kind === 'positional-only' || p.kind === 'positional-or-keyword');
  const args: ConstructorSyntax['args'][number][] = [];
  let i = 0;
  let spread = false;
  for (const a of argExprs ?? []) {
    if (a.star) spread = true; // positions after a *spread are unknowable
    const param = a.name ?? (spread || a.star ? undefined : positional[i++]?.name);
    const v = a.value;
    const pair = v.k === 'call' && v.fn.k === 'name' && v.fn.id === '=>' && v.args.length === 2 ? v.args : undefined;
    args.push(pair ? { param, value: v.range, whole: a.range, sides: [pair[0].value.range, pair[1].value.range] } : { param, value: v.range, whole: a.range });
  }
  return { callee, args };
}

/** The trace node that produced a value, when it is a tensor the trace knows. */
export type ProducerLookup = (v: Value) => TraceNode | undefined;

const FLATTENING = new Set(['torch.flatten', 'torch.Tensor.flatten', 'torch.Tensor.view', 'torch.Tensor.reshape', 'torch.reshape', 'torch.nn.Flatten']);

/**
 * `64 * 7 * 7` for a last dimension that a flatten or view made out of several dimensions
 * (what people write in `nn.Linear(64 * 7 * 7, 128)`), or undefined.
 */
export function readableProduct(input: Value | undefined, producerOf: ProducerLookup): string | undefined {
  if (!input || input.kind !== 'tensor' || !input.shape || input.shape.length === 0) return undefined;
  const node = producerOf(input);
  if (!node || !FLATTENING.has(node.name)) return undefined;
  const source = Object.values(node.args).find((v) => v.kind === 'tensor' && v !== input);
  if (!source || source.kind !== 'tensor' || !source.shape) return undefined;
  const last = input.shape[input.shape.length - 1];
  // The shortest run of trailing source dimensions whose product is the flattened size.
  let product: Dim | undefined;
  for (let k = source.shape.length - 1; k >= 1; k--) {
    product = product ? product.mul(source.shape[k]) : source.shape[k];
    if (product.equals(last) === 'yes') {
      const factors = source.shape.slice(k);
      if (factors.length < 2 || factors.some((f) => f.value === 1)) return undefined;
      return factors.map((f) => (/[ +-]/.test(f.toString()) ? `(${f})` : f.toString())).join(' * ');
    }
  }
  return undefined;
}

/** The outermost model call a failing layer ran in: where that model was built, and its input. */
export interface OuterCall {
  readonly constructedAt: Range | undefined;
  readonly input: Value | undefined;
}

/**
 * Fixes for an error PyTorch would raise: each argument value that would make the call work.
 * For Flux's `in => out`, also `@autosize` (Flux's own answer, as LazyLinear is PyTorch's): `in`
 * becomes `_` and the model's construction is wrapped with the input size it was called with.
 */
export function errorFixes(fixes: readonly OpFix[] | undefined, syntax: ConstructorSyntax, readable: string | undefined, outer?: OuterCall & { readonly layerAt: Range }): Fix[] {
  const out: Fix[] = [];
  for (const f of fixes ?? []) {
    const arg = syntax.args.find((a) => a.param === f.param);
    if (!arg || f.value.hasUnknown) continue;
    const text = f.value.toString();
    // One side of `in => out` (or the argument itself where the layer also takes `in, out`).
    const range = f.side === undefined ? arg.value : arg.sides?.[f.side] ?? (f.side === 0 ? arg.value : undefined);
    if (!range) continue;
    out.push({ title: `Set ${f.label ?? f.param} to ${text}`, edits: [{ range, newText: text }], preferred: out.length === 0 });
    const autosize = f.side === 0 && arg.sides ? autosizeFix(range, outer) : undefined;
    if (autosize) out.push(autosize);
    if (f.param === 'in_features' && readable && readable !== text) {
      out.push({ title: `Set ${f.param} to ${readable}`, edits: [{ range: arg.value, newText: readable }] });
    }
  }
  return out;
}

/** `Dense(_ => 10)` inside `@autosize (22, 22, 1, 16) Chain(...)`, when the layer is built inside the model's construction. */
function autosizeFix(inRange: Range, outer: (OuterCall & { readonly layerAt: Range }) | undefined): Fix | undefined {
  const at = outer?.constructedAt;
  const x = outer?.input;
  if (!at || !x || x.kind !== 'tensor' || !x.shape || x.shape.some((d) => d.value === undefined)) return undefined;
  if (!(at.start <= outer.layerAt.start && outer.layerAt.end <= at.end) || (at.start === outer.layerAt.start && at.end === outer.layerAt.end)) return undefined;
  const size = x.shape.length === 1 ? `(${x.shape[0]},)` : `(${x.shape.join(', ')})`;
  return {
    title: `Use @autosize ${size} (Flux infers in)`,
    edits: [{ range: { start: at.start, end: at.start }, newText: `@autosize ${size} ` }, { range: inRange, newText: '_' }],
  };
}

/**
 * Fixes for an open condition under symbolic sizes: a symbolic `in_features` cannot be written
 * as a number, but `nn.LazyLinear(out_features)` infers it at the first call.
 */
export function assumptionFixes(op: ModuleOp, fixes: readonly OpFix[] | undefined, syntax: ConstructorSyntax, readable: string | undefined): Fix[] {
  const wanted = fixes?.find((f) => f.param === 'in_features');
  if (!wanted || !op.names.includes('torch.nn.Linear') || syntax.callee?.name !== 'Linear') return [];
  const i = syntax.args.findIndex((a) => a.param === 'in_features');
  if (i < 0 || syntax.args.some((a) => a.param === undefined)) return [];
  const arg = syntax.args[i];
  const next = syntax.args[i + 1];
  const prev = syntax.args[i - 1];
  const removal: Range = next ? { start: arg.whole.start, end: next.whole.start } : prev ? { start: prev.whole.end, end: arg.whole.end } : arg.whole;
  return [{
    title: `Use nn.LazyLinear (in_features = ${readable ?? wanted.value.toString()}, inferred at the first call)`,
    edits: [{ range: syntax.callee.range, newText: 'LazyLinear' }, { range: removal, newText: '' }],
  }];
}

/**
 * `x.view(-1, 400)` on a [4, 16, 2, 2] tensor: the per-sample size is 16 * 2 * 2 = 64, which keeps
 * the batch dimension (what the written number meant to do). Only the two-argument form
 * `(batch or -1, N)` with a known input gets a fix.
 */
export function viewSizeFixes(input: Value, args: readonly Value[], argExprs: readonly Arg[]): Fix[] {
  if (input.kind !== 'tensor' || !input.shape || input.shape.length < 2) return [];
  if (args.length !== 2 || argExprs.length !== 2 || argExprs.some((a) => a.name || a.star)) return [];
  const written = args[1].kind === 'int' ? args[1].dim.value : undefined;
  if (written === undefined || written === -1) return [];
  const factors = input.shape.slice(1).map((d) => d.value);
  if (factors.some((f) => f === undefined)) return [];
  const perSample = (factors as number[]).reduce((a, b) => a * b, 1);
  // The size of each sample is already the one written (`x.view(20, 16)` of a last batch of 10):
  // the batch size written is what is wrong, and this fix would change nothing.
  if (written === perSample) return [];
  const range = argExprs[1].value.range;
  const out: Fix[] = [{ title: `Use ${perSample}, the size of each sample`, edits: [{ range, newText: String(perSample) }], preferred: true }];
  const readable = (factors as number[]).filter((f) => f !== 1);
  if (readable.length >= 2) out.push({ title: `Use ${readable.join(' * ')}, the size of each sample`, edits: [{ range, newText: readable.join(' * ') }] });
  return out;
}
