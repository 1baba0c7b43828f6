// A Flux model as Flux prints it at the REPL (Flux.jl src/layers/show.jl, `_big_show`): one line
// per layer with its parameter count in a column, containers opened and closed around their
// children, and the total. The final `summarysize` (bytes in memory) is not known here and is left
// out.
import type { Value } from '../value';
import { fluxParameterComment, fluxShow, underscorise } from '../ops/flux/layout';
import { parameterCount } from '../ops/apply';
import { BuiltinObj, FunctionObj, InstanceObj, LayerObj, OpRefObj, refOf } from './objects';
import { FluxChain, FluxFieldObj, FluxLazyLayer, FluxParallel, FluxSkipConnection } from './fluxContainers';
import { juliaType } from '../ops/flux/julia';

interface Totals {
  trainable: number;
  trainableArrays: number;
  other: number;
  otherArrays: number;
  known: boolean;
}

/** How Flux prints a function among the layers: `relu`, `Flux.flatten`, `+`. */
function functionText(v: Value): string | undefined {
  const r = v.kind === 'object' ? v.ref : undefined;
  if (r instanceof FunctionObj) return r.name === '<lambda>' ? '#…' : r.name;
  if (r instanceof BuiltinObj || r instanceof OpRefObj) return r.name;
  return undefined;
}

/** The children `_big_show` lists, with their names when the container names them. */
function childrenOf(v: Value): { pre: string; post: string; items: [string | undefined, Value][] } | undefined {
  const r = v.kind === 'object' ? v.ref : undefined;
  if (r instanceof FluxChain) return { pre: 'Chain(', post: ')', items: r.layers.map(([k, l]) => [r.named ? k : undefined, l]) };
  if (r instanceof FluxParallel) return { pre: 'Parallel(', post: ')', items: [[undefined, r.connection], ...r.layers.map(([k, l]): [string | undefined, Value] => [r.named ? k : undefined, l])] };
  if (r instanceof FluxSkipConnection) return { pre: 'SkipConnection(', post: ')', items: [[undefined, r.layers], [undefined, r.connection]] };
  if (r instanceof FluxLazyLayer) return r.made ? childrenOf(r.made) : undefined;
  if (r instanceof InstanceObj) {
    // `_flat_children` splats tuples and NamedTuples among the fields (show.jl:80-84).
    const items = [...r.attrs.values()].flatMap((a): [string | undefined, Value][] => {
      const f = refOf(a, FluxFieldObj);
      return f ? f.items.map(([k, x]) => [f.value.kind === 'object' ? k : undefined, x]) : [[undefined, a]];
    });
    return { pre: `${r.cls.name}(`, post: ')', items };
  }
  return undefined;
}

function leafLine(indent: number, name: string | undefined, text: string, comment: string | undefined): string {
  const str = `${name ? `${name} = ` : ''}${text}`;
  const line = `${' '.repeat(indent)}${str}${indent === 0 ? '' : ','}`;
  if (!comment) return line;
  // show.jl:108-111: the comment starts at column 20 (top level) or 39.
  return `${line}${' '.repeat(Math.max(2, (indent === 0 ? 20 : 39) - indent - str.length))}${comment}`;
}

function show(v: Value, indent: number, name: string | undefined, out: string[], totals: Totals, seen: Set<object>): void {
  const layer = refOf(v, LayerObj);
  if (layer) {
    const text = fluxShow(layer.instance) ?? layer.instance.op.names[0];
    out.push(leafLine(indent, name, text, fluxParameterComment(layer.instance, indent === 0)));
    if (seen.has(layer)) return;
    seen.add(layer);
    const n = parameterCount(layer.instance);
    if (n === undefined) totals.known = false;
    else totals.trainable += n;
    totals.trainableArrays += layer.instance.params.length;
    for (const b of layer.instance.buffers) {
      const size = b.shape.reduce((a, d) => a * (d.value ?? NaN), 1);
      if (Number.isFinite(size)) totals.other += size;
      else totals.known = false;
      totals.otherArrays += 1;
    }
    return;
  }
  const kids = childrenOf(v);
  if (kids) {
    out.push(`${' '.repeat(indent)}${name ? `${name} = ` : ''}${kids.pre}`);
    for (const [k, c] of kids.items) show(c, indent + 2, k, out, totals, seen);
    if (indent > 0) out.push(`${' '.repeat(indent)}${kids.post},`);
    return;
  }
  if (v.kind === 'tensor' && v.shape) {
    // An array field: `5×5 Matrix{Float32},  # 25 parameters` (show.jl:122-127).
    out.push(leafLine(indent, name, `${v.shape.join('×')} Array{${juliaType(v.dtype)}, ${v.shape.length}}`, undefined));
    return;
  }
  const f = functionText(v);
  if (f) out.push(leafLine(indent, name, f, undefined));
  else if (v.kind === 'int') out.push(leafLine(indent, name, String(v.dim), undefined));
}

/** The text Flux prints for a model (a Chain, Parallel, @layer struct or single layer); undefined if it is not Flux's. */
export function fluxSummary(model: Value): string | undefined {
  const r = model.kind === 'object' ? model.ref : undefined;
  const flux = r instanceof FluxChain || r instanceof FluxParallel || r instanceof FluxSkipConnection || r instanceof FluxLazyLayer
    || (r instanceof LayerObj && r.instance.op.names[0].startsWith('Flux.'))
    || (r instanceof InstanceObj && isJuliaStruct(r));
  if (!flux) return undefined;
  const out: string[] = [];
  const totals: Totals = { trainable: 0, trainableArrays: 0, other: 0, otherArrays: 0, known: true };
  show(model, 0, undefined, out, totals, new Set());
  if (!refOf(model, LayerObj)) {
    const post = ')';
    // show.jl:129-147 (`_big_finale`), without the summarysize.
    if (totals.trainableArrays > 2 && totals.known) {
      if (totals.otherArrays > 0) {
        out.push(`${post} ${' '.repeat(8)}# Total: ${totals.trainableArrays} trainable arrays, ${underscorise(totals.trainable)} parameters,`);
        out.push(`${' '.repeat(10)}# plus ${totals.otherArrays} non-trainable, ${underscorise(totals.other)} parameters`);
      } else out.push(`${post} ${' '.repeat(18)}# Total: ${totals.trainableArrays} arrays, ${underscorise(totals.trainable)} parameters`);
    } else out.push(post);
  }
  return out.join('\n');
}

/** A struct defined by Julia code (its generated constructor runs in a Julia module). */
function isJuliaStruct(inst: InstanceObj): boolean {
  const init = inst.cls.attrs.get('__init__');
  const fn = init && refOf(init, FunctionObj);
  return fn?.closure.moduleScope.profile?.language === 'julia';
}

/** One layer as Flux prints it at the top level: `Conv((5, 5), 10 => 5)  # 1_255 parameters`. */
export function fluxLayerLine(layer: LayerObj): string | undefined {
  const text = fluxShow(layer.instance);
  return text === undefined ? undefined : leafLine(0, undefined, text, fluxParameterComment(layer.instance, true));
}

