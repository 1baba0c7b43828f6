// Flux's container layers as the interpreter runs them (Flux.jl src/layers/basic.jl): Chain
// (positional or named layers, applied in order), Parallel (one input to every layer, or one
// input per layer, then the connection), SkipConnection (`connection(layers(x), x)`), and the
// LazyLayer of `@autosize`, built from its first input.
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import type { Range } from './ir';
import type { Host } from './host';
import { FrameworkModuleObj, InstanceObj, type CallArgs } from './objects';
import { int, tupleOf } from './pyvalues';

/** A value's children as Flux's `show` lists them: (name, layer), names only for named layers. */
export type Layers = [string, Value][];

/** Chain(layers...) / Chain(name = layer, ...) / Chain([layers...]): `x` through each in order (basic.jl:65-79). */
export class FluxChain extends FrameworkModuleObj {
  readonly typeName = 'Chain';
  constructor(readonly layers: Layers, readonly named: boolean, site: Range | undefined) {
    super(site);
  }
  children(): [string, Value][] {
    return this.layers;
  }
  run(host: Host, { args }: CallArgs, site: Range): Value {
    // Several arguments are one tuple (basic.jl:67).
    let x: Value = args.length === 1 ? args[0] : tupleOf(args);
    for (const [, f] of this.layers) {
      x = host.call(f, { args: [x], kwargs: {} }, site);
      if (x.kind === 'unknown') return UNKNOWN;
    }
    return x;
  }
}

/** Parallel(connection, layers...) (basic.jl:560-605). */
export class FluxParallel extends FrameworkModuleObj {
  readonly typeName = 'Parallel';
  constructor(readonly connection: Value, readonly layers: Layers, readonly named: boolean, site: Range | undefined) {
    super(site);
  }
  children(): [string, Value][] {
    return this.layers;
  }
  run(host: Host, { args }: CallArgs, site: Range): Value {
    // A tuple is always splatted (basic.jl:601).
    const xs = args.length === 1 && args[0].kind === 'tuple' ? args[0].items : args;
    const nl = this.layers.length;
    host.callOp('Flux._parallel_check', { args: [int(nl), int(xs.length)], kwargs: {} }, site);
    let outs: Value[];
    if (xs.length === 1) outs = this.layers.map(([, f]) => host.call(f, { args: [xs[0]], kwargs: {} }, site));
    else if (nl === 1) outs = xs.map((x) => host.call(this.layers[0][1], { args: [x], kwargs: {} }, site));
    else outs = xs.map((x, i) => host.call(this.layers[i][1], { args: [x], kwargs: {} }, site));
    if (outs.some((o) => o.kind === 'unknown')) return UNKNOWN;
    return host.call(this.connection, { args: outs, kwargs: {} }, site);
  }
}

/** SkipConnection(layers, connection): `connection(layers(x), x)` (basic.jl:386-388). */
export class FluxSkipConnection extends FrameworkModuleObj {
  readonly typeName = 'SkipConnection';
  constructor(public layers: Value, readonly connection: Value, site: Range | undefined) {
    super(site);
  }
  children(): [string, Value][] {
    return [['layers', this.layers]];
  }
  run(host: Host, { args }: CallArgs, site: Range): Value {
    const x = args.length === 1 ? args[0] : tupleOf(args);
    const y = host.call(this.layers, { args: [x], kwargs: {} }, site);
    if (y.kind === 'unknown') return UNKNOWN;
    return host.call(this.connection, { args: [y, x], kwargs: {} }, site);
  }
}

/**
 * A struct field holding layers in a tuple, vector or NamedTuple (`layers::Tuple`): Functors
 * walks into it, so its layers are the struct's children (for parameter counts and summaries).
 * Reading the field gives the collection itself.
 */
export class FluxFieldObj extends FrameworkModuleObj {
  constructor(readonly value: Value, readonly items: Layers) {
    super(undefined);
  }
  get typeName(): string {
    return this.value.kind === 'tuple' ? 'Tuple' : this.value.kind === 'list' ? 'Vector' : 'NamedTuple';
  }
  children(): [string, Value][] {
    return this.items;
  }
  run(): Value {
    return UNKNOWN;
  }
}

/** `@autosize`'s LazyLayer (outputsize.jl:272-284): made from its first input, then that layer runs. */
export class FluxLazyLayer extends FrameworkModuleObj {
  readonly typeName = 'LazyLayer';
  made: Value | undefined;
  constructor(readonly text: string, readonly make: Value, site: Range | undefined) {
    super(site);
  }
  children(): [string, Value][] {
    return this.made ? [['layer', this.made]] : [];
  }
  run(host: Host, args: CallArgs, site: Range): Value {
    if (!this.made) {
      const x = args.args[0];
      if (!x || x.kind !== 'tensor') return UNKNOWN;
      const made = host.call(this.make, { args: [x], kwargs: {} }, site);
      if (made.kind === 'unknown') return UNKNOWN;
      this.made = made;
    }
    return host.call(this.made, args, site);
  }
}

/** `striplazy` (outputsize.jl:286-293): every made LazyLayer replaced by its layer, in place. */
export function stripLazy(v: Value, seen = new Set<object>()): Value {
  if (v.kind !== 'object' || seen.has(v.ref)) return v;
  seen.add(v.ref);
  const r = v.ref;
  if (r instanceof FluxLazyLayer) return r.made ? stripLazy(r.made, seen) : v;
  if (r instanceof FluxChain || r instanceof FluxParallel) for (const item of r.layers) item[1] = stripLazy(item[1], seen);
  if (r instanceof FluxFieldObj) for (const item of r.items) item[1] = stripLazy(item[1], seen);
  if (r instanceof FluxSkipConnection) r.layers = stripLazy(r.layers, seen);
  if (r instanceof InstanceObj) for (const [k, a] of r.attrs) r.attrs.set(k, stripLazy(a, seen));
  return v;
}
