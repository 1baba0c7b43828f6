// What a Flux layer looks like to its user and to the other frameworks: Flux's own `show`
// (`Conv((5, 5), 10 => 5)`), its parameter count as Flux prints it (`1_255`), and the same layer's
// weights as PyTorch and Keras keep them. The twins are built from the PyTorch declarations (so
// their parameters are PyTorch's own) and the Keras layout of those (kerasLayout.ts).
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { constructModule, parameterCount, type ModuleInstance } from '../apply';
import { boolArg, intArg } from '../args';
import { kerasLayout } from '../kerasLayout';
import { giveUp } from '../op';
import { lookupOp } from '../registry';
import type { BoundArgs } from '../signature';
import { convGeometry, showConv } from './convGeometry';
import { showDense, showEmbedding } from './dense';
import { isObject, JuliaPair, pairDims } from './julia';
import { layerNormSize, showBatchNorm, showDropout, showLayerNorm } from './norm';
import { showPoolLayer } from './pool';
import { showRecurrent } from './recurrent';

export interface WeightLayout {
  /** `Flux`, `PyTorch`, `Keras`. */
  readonly framework: string;
  /** The layer as that framework writes it. */
  readonly layer: string;
  readonly weights: readonly { readonly name: string; readonly shape: Shape }[];
}

/** `Dense(100 => 10)` as Flux's `show` prints a layer; undefined for layers that are not Flux's. */
export function fluxShow(m: ModuleInstance): string | undefined {
  const name = m.op.names[0];
  if (!name.startsWith('Flux.')) return undefined;
  const self = m.args;
  try {
    switch (name) {
      case 'Flux.Dense': return showDense(self);
      case 'Flux.Embedding': return showEmbedding(self);
      case 'Flux.Conv': case 'Flux.CrossCor': case 'Flux.DepthwiseConv': case 'Flux.ConvTranspose': {
        const kind = name.slice(5) as 'Conv';
        return showConv(convGeometry(kind, self), self);
      }
      case 'Flux.BatchNorm': return showBatchNorm(self);
      case 'Flux.LayerNorm': return showLayerNorm(self);
      case 'Flux.Dropout': return showDropout(self);
      case 'Flux.RNN': case 'Flux.LSTM': case 'Flux.GRU': return showRecurrent(name.slice(5) as 'RNN', self);
      default: return showPoolLayer(name, self);
    }
  } catch {
    return undefined;
  }
}

/** Flux's `underscorise` (src/layers/show.jl:154-155): 1255 -> `1_255`. */
export function underscorise(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '_');
}

/** `# 1_255 parameters`, with `, plus 10 non-trainable` for buffers (show.jl:106-117, indent 0). */
export function fluxParameterComment(m: ModuleInstance, topLevel = true): string | undefined {
  const trainable = parameterCount(m);
  if (trainable === undefined || m.params.length === 0) return undefined;
  let extra = 0;
  for (const b of m.buffers) extra += b.shape.reduce((a, d) => a * (d.value ?? NaN), 1);
  const plus = extra > 0 && Number.isFinite(extra) ? `, plus ${underscorise(extra)}${topLevel ? ' non-trainable' : ''}` : '';
  return `# ${underscorise(trainable)} parameters${plus}`;
}

const tupleText = (items: readonly (number | string)[]): string => (items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`);

/** The PyTorch layer that computes the same function: its declaration, arguments and how it is written. */
function torchTwin(m: ModuleInstance, inputRank: number | undefined): { op: string; args: Value[]; kwargs: Record<string, Value>; text: string } | undefined {
  const name = m.op.names[0];
  const self: BoundArgs = m.args;
  const num = (n: number): Value => ({ kind: 'int', dim: Dim.of(n) });
  const bool = (b: boolean): Value => ({ kind: 'bool', value: b });
  const tup = (xs: readonly number[]): Value => ({ kind: 'tuple', items: xs.map(num) });
  switch (name) {
    case 'Flux.Dense': {
      const [inF, outF] = isObject(self.ch, JuliaPair) ? pairDims(self.ch) : [intArg(self.ch), intArg(self.σ)];
      const bias = hasBiasValue(self.bias);
      return { op: 'torch.nn.Linear', args: [{ kind: 'int', dim: inF }, { kind: 'int', dim: outF }], kwargs: { bias: bool(bias) }, text: `nn.Linear(${inF}, ${outF}${bias ? '' : ', bias=False'})` };
    }
    case 'Flux.Embedding': {
      const [inF, outF] = pairDims(self.ch);
      return { op: 'torch.nn.Embedding', args: [{ kind: 'int', dim: inF }, { kind: 'int', dim: outF }], kwargs: {}, text: `nn.Embedding(${inF}, ${outF})` };
    }
    case 'Flux.Conv': case 'Flux.CrossCor': case 'Flux.DepthwiseConv': case 'Flux.ConvTranspose': {
      const g = convGeometry(name.slice(5) as 'Conv', self);
      const n = g.kernel.length;
      const transposed = name === 'Flux.ConvTranspose';
      const cls = `${transposed ? 'ConvTranspose' : 'Conv'}${n}d`;
      const bias = hasBiasValue(self.bias);
      const k = [...g.kernel].reverse();
      const stride = [...g.stride].reverse();
      const dilation = [...g.dilation].reverse();
      const opts = [
        `kernel_size=${tupleText(k)}`,
        ...(stride.every((s) => s === 1) ? [] : [`stride=${tupleText(stride)}`]),
        ...(dilation.every((s) => s === 1) ? [] : [`dilation=${tupleText(dilation)}`]),
        ...(g.groups === 1 ? [] : [`groups=${g.groups}`]),
        ...(bias ? [] : ['bias=False']),
      ];
      return {
        op: `torch.nn.${cls}`,
        args: [{ kind: 'int', dim: g.cin }, { kind: 'int', dim: g.cout }, tup(k)],
        kwargs: { stride: tup(stride), dilation: tup(dilation), groups: num(g.groups), bias: bool(bias) },
        text: `nn.${cls}(${g.cin}, ${g.cout}, ${opts.join(', ')})`,
      };
    }
    case 'Flux.BatchNorm': {
      const c = intArg(self.chs);
      const d = inputRank === undefined || inputRank === 4 ? 2 : inputRank === 5 ? 3 : 1;
      const affine = boolArg(self.affine);
      const track = boolArg(self.track_stats);
      return {
        op: `torch.nn.BatchNorm${d}d`, args: [{ kind: 'int', dim: c }], kwargs: { affine: bool(affine), track_running_stats: bool(track) },
        text: `nn.BatchNorm${d}d(${c}${affine ? '' : ', affine=False'}${track ? '' : ', track_running_stats=False'})`,
      };
    }
    case 'Flux.LayerNorm': {
      const { size } = layerNormSize(self);
      const rev = [...size].reverse();
      const affine = boolArg(self.affine);
      return {
        op: 'torch.nn.LayerNorm', args: [{ kind: 'tuple', items: rev.map((d) => ({ kind: 'int', dim: d })) }], kwargs: { elementwise_affine: bool(affine) },
        text: `nn.LayerNorm(${tupleText(rev.map(String))}${affine ? '' : ', elementwise_affine=False'})`,
      };
    }
    case 'Flux.RNN': case 'Flux.LSTM': case 'Flux.GRU': {
      const [inF, outF] = pairDims(self.ch);
      const bias = hasBiasValue(self.bias);
      const cls = name.slice(5);
      return {
        op: `torch.nn.${cls}`, args: [{ kind: 'int', dim: inF }, { kind: 'int', dim: outF }], kwargs: { batch_first: bool(true), bias: bool(bias) },
        text: `nn.${cls}(${inF}, ${outF}, batch_first=True${bias ? '' : ', bias=False'})`,
      };
    }
    default:
      return undefined;
  }
}

function hasBiasValue(v: Value): boolean {
  if (v.kind === 'bool') return v.value;
  if (v.kind === 'tensor') return true;
  return giveUp('bias');
}

/** Flux's weights, then the PyTorch and Keras twins' (where the layer has weights and a twin). */
export function fluxLayouts(m: ModuleInstance, inputRank?: number): WeightLayout[] | undefined {
  const shown = fluxShow(m);
  if (!shown || (m.params.length === 0 && m.buffers.length === 0)) return undefined;
  const out: WeightLayout[] = [{ framework: 'Flux', layer: shown, weights: [...m.params, ...m.buffers] }];
  try {
    const twin = torchTwin(m, inputRank);
    const op = twin ? lookupOp(twin.op) : undefined;
    if (twin && op && op.kind === 'module') {
      const built = constructModule(op, twin.args, twin.kwargs);
      if (built.ok && built.module) {
        out.push({ framework: 'PyTorch', layer: twin.text, weights: [...built.module.params, ...built.module.buffers.filter((b) => b.name !== 'num_batches_tracked')] });
        const keras = kerasLayout(built.module);
        if (keras) out.push({ framework: 'Keras', layer: keras.layer, weights: keras.weights });
      }
    }
  } catch {
    // A twin we cannot build leaves Flux's own layout.
  }
  return out;
}
