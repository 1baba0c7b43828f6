// What a layer's default-initialised parameters depend on, as text: the layer's declaration, its
// constructor arguments and its parameters' shapes. Equal recipes (with equal graphs and seeds)
// mean equal weights, so a session can be reused without making the weights again.
import type { Dim } from '../shape/dim';
import type { ModuleInstance } from '../ops/apply';
import type { Value } from '../value';

/** The recipe of one layer's parameters, or undefined when an argument cannot be described. */
export function layerRecipe(m: ModuleInstance, path: string, dim: (d: Dim) => number | undefined): string | undefined {
  const call = describeModule(m, dim, 0);
  if (call === undefined) return undefined;
  const shapes = [...m.params, ...m.buffers].map((p) => `${p.name}:${p.dtype}[${p.shape.map((d) => dim(d) ?? d.toString()).join(',')}]`);
  return `${JSON.stringify(path)} ${call} ${shapes.join(' ')}`;
}

/** Layers passed to layers (TransformerEncoder(layer, 6)) nest this deep at most. */
const MAX_DEPTH = 8;

function describeModule(m: ModuleInstance, dim: (d: Dim) => number | undefined, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const args: string[] = [];
  for (const [name, v] of Object.entries(m.args)) {
    const d = describeValue(v, dim, depth);
    if (d === undefined) return undefined;
    args.push(`${name}=${d}`);
  }
  return `${m.op.names[0]}(${args.join(', ')})`;
}

/** A layer passed as an argument, recognised as moduleRef (engine/ops/recurrent/common.ts) does. */
function layerOf(v: Value): ModuleInstance | undefined {
  if (v.kind !== 'object') return undefined;
  const ref = v.ref as Partial<ModuleInstance>;
  return ref.op && ref.op.kind === 'module' && ref.args ? (ref as ModuleInstance) : undefined;
}

/** A value as text; undefined for a value with no faithful text (an opaque object). */
function describeValue(v: Value, dim: (d: Dim) => number | undefined, depth: number): string | undefined {
  const list = (items: readonly Value[]): string | undefined => {
    const out: string[] = [];
    for (const i of items) {
      const d = describeValue(i, dim, depth);
      if (d === undefined) return undefined;
      out.push(d);
    }
    return out.join(', ');
  };
  switch (v.kind) {
    case 'int': return `${dim(v.dim) ?? v.dim.toString()}`;
    // Object.is keeps -0 apart from 0; String keeps every double exactly.
    case 'float': return Object.is(v.value, -0) ? 'float(-0)' : `float(${v.value})`;
    case 'bool': return v.value ? 'True' : 'False';
    case 'str': return JSON.stringify(v.value);
    case 'none': return 'None';
    case 'ellipsis': return '...';
    case 'unknown': return '?';
    case 'dtype': return `dtype(${v.dtype})`;
    case 'tuple': {
      const d = list(v.items);
      return d === undefined ? undefined : `(${d})`;
    }
    case 'list': {
      const d = list(v.items);
      return d === undefined ? undefined : `[${d}]`;
    }
    case 'dict': {
      const d = list(v.entries.flat());
      return d === undefined ? undefined : `{${d}}`;
    }
    case 'slice': {
      const d = list([v.start, v.stop, v.step]);
      return d === undefined ? undefined : `slice(${d})`;
    }
    case 'tensor': return v.shape ? `tensor(${v.dtype ?? '?'}[${v.shape.map((d) => dim(d) ?? d.toString()).join(',')}])` : undefined;
    case 'object': {
      const layer = layerOf(v);
      return layer && describeModule(layer, dim, depth + 1);
    }
  }
}
