// Inputs for code nobody calls: what a first layer expects (`Conv2d(1, ...)` takes
// [B, 1, H, W]), and the symbolic values that stand for required constructor arguments and
// config objects (`config.n_embd` is the size `n_embd`), named as the code names them.
import { Dim } from '../shape/dim';
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import { boolArg, intArg } from '../ops/args';
import type { ModuleInstance } from '../ops/apply';
import { SymbolicObj, obj } from './objects';
import { int, SOME_FLOAT } from './pyvalues';
import { einopsPatternInput } from '../ops/einops/seed';
import type { Arg, Expr } from './ir';

/**
 * The inputs a first layer admits, most likely first: a layer that acts on the last axis
 * (Linear, LayerNorm) says nothing of the rank, so [B, d] and [B, N, d] are both candidates
 * (the seeding keeps the one the rest of forward accepts).
 */
export function inputsForLayer(layer: ModuleInstance): Value[] {
  const { op, args } = layer;
  const name = op.names[0].replace(/^torch\.nn\./, '');
  const B = Dim.sym('B');
  const N = Dim.sym('N');
  const tensor = (dims: Dim[]): Value => ({ kind: 'tensor', shape: dims, dtype: 'float32' });
  try {
    if (name === 'Linear') {
      const d = intArg(args.in_features);
      return [tensor([B, d]), tensor([B, N, d])];
    }
    if (name === 'GroupNorm') {
      const c = intArg(args.num_channels);
      return [tensor([B, c, Dim.sym('H'), Dim.sym('W')]), tensor([B, c, Dim.sym('L')]), tensor([B, c])];
    }
    if (name === 'LayerNorm' || name === 'RMSNorm') return inputsForNormalizedShape(args.normalized_shape);
    // Token ids [B, T], or one id per item [B] (class labels: DiT's LabelEmbedder, a conditional
    // U-Net's `label_emb(y)`); the rest of forward decides between them.
    if (name === 'Embedding') return [tensor([B, Dim.sym('T')]), tensor([B])].map((t) => ({ ...t, dtype: 'int64' }) as Value);
  } catch {
    return [];
  }
  const one = inputForLayer(layer);
  return one ? [one] : [];
}

/** The input shape a first layer implies, with symbols for what it leaves open. */
export function inputForLayer(layer: ModuleInstance): Value | undefined {
  const { op, args } = layer;
  const name = op.names[0].replace(/^torch\.nn\./, '');
  const B = Dim.sym('B');
  const tensor = (dims: Dim[], dtype: 'float32' | 'int64' = 'float32'): Value => ({ kind: 'tensor', shape: dims, dtype });
  try {
    const spatial: Record<string, Dim[]> = { '1d': [Dim.sym('L')], '2d': [Dim.sym('H'), Dim.sym('W')], '3d': [Dim.sym('D'), Dim.sym('H'), Dim.sym('W')] };
    const conv = /^(?:Conv|ConvTranspose)(1d|2d|3d)$/.exec(name);
    if (conv) return tensor([B, intArg(args.in_channels), ...spatial[conv[1]]]);
    const bn = /^(?:BatchNorm|InstanceNorm)(1d|2d|3d)$/.exec(name);
    if (bn) return tensor(bn[1] === '1d' ? [B, intArg(args.num_features)] : [B, intArg(args.num_features), ...spatial[bn[1]]]);
    if (name === 'Linear') return tensor([B, intArg(args.in_features)]);
    // Unfold takes any channels of a batch of images (T2T-ViT's soft split); what follows fixes them.
    if (name === 'Unfold') return tensor([B, Dim.sym('C'), Dim.sym('H'), Dim.sym('W')]);
    if (name === 'Embedding' || name === 'EmbeddingBag') return tensor([B, Dim.sym('T')], 'int64');
    if (name === 'LSTM' || name === 'GRU' || name === 'RNN') {
      const size = intArg(args.input_size);
      return tensor(boolArg(args.batch_first) ? [B, Dim.sym('T'), size] : [Dim.sym('T'), B, size]);
    }
    if (name === 'einops.layers.torch.Rearrange' || name === 'einops.layers.torch.Reduce') {
      const dims = args.pattern?.kind === 'str' ? einopsPatternInput(args.pattern.value, lengthsOf(args.axes_lengths)) : undefined;
      return dims ? tensor(dims) : undefined;
    }
    if (name === 'MultiheadAttention') {
      const d = intArg(args.embed_dim);
      return tensor(boolArg(args.batch_first) ? [B, Dim.sym('T'), d] : [Dim.sym('T'), B, d]);
    }
    if (name === 'TransformerEncoderLayer' || name === 'TransformerDecoderLayer') {
      const d = intArg(args.d_model);
      return tensor(boolArg(args.batch_first) ? [B, Dim.sym('S'), d] : [Dim.sym('S'), B, d]);
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * The key or value an nn.MultiheadAttention takes beside a known query ([L, N, E], or [N, L, E]
 * with batch_first): [S, N, kdim], the query's batch, a length of its own (decoders attend to an
 * encoder's memory). Undefined when the query's batch is not known.
 */
export function attentionMemoryInput(layer: ModuleInstance, which: 'key' | 'value', query: Value): Value | undefined {
  const { args } = layer;
  if (query.kind !== 'tensor' || query.shape?.length !== 3) return undefined;
  try {
    const batchFirst = boolArg(args.batch_first);
    const own = args[which === 'key' ? 'kdim' : 'vdim'];
    const d = own && own.kind !== 'none' ? intArg(own) : intArg(args.embed_dim);
    const n = query.shape[batchFirst ? 0 : 1];
    return { kind: 'tensor', shape: batchFirst ? [n, Dim.sym('S'), d] : [Dim.sym('S'), n, d], dtype: 'float32' };
  } catch {
    return undefined;
  }
}

/** The key_padding_mask an nn.MultiheadAttention takes beside `key`: [N, S] booleans (undefined if key is not [S, N, E] or [N, S, E]). */
export function keyPaddingMaskInput(layer: ModuleInstance, key: Value | undefined): Value | undefined {
  if (key?.kind !== 'tensor' || key.shape?.length !== 3) return undefined;
  try {
    const batchFirst = boolArg(layer.args.batch_first);
    const [n, s] = batchFirst ? [key.shape[0], key.shape[1]] : [key.shape[1], key.shape[0]];
    return { kind: 'tensor', shape: [n, s], dtype: 'bool' };
  } catch {
    return undefined;
  }
}

/** `h=8, p1=16` given to an einops pattern, when every value is an int. */
export function lengthsOf(v: Value | undefined): [string, Dim][] {
  if (!v || v.kind !== 'dict') return [];
  const out: [string, Dim][] = [];
  for (const [k, length] of v.entries) if (k.kind === 'str' && length.kind === 'int') out.push([k.value, length.dim]);
  return out;
}

/** The input an einops function call (`rearrange(x, 'b n (h d) -> ...', h=8)`) describes for its tensor. */
export function inputForPattern(pattern: Value | undefined, kwargs: Readonly<Record<string, Value>>): Value | undefined {
  if (pattern?.kind !== 'str') return undefined;
  const lengths: [string, Dim][] = Object.entries(kwargs).flatMap(([k, v]) => (v.kind === 'int' ? [[k, v.dim] as [string, Dim]] : []));
  const dims = einopsPatternInput(pattern.value, lengths);
  return dims ? { kind: 'tensor', shape: dims, dtype: 'float32' } : undefined;
}

/** Words that name sizes anywhere in a name (`n_embd`, `hidden_size`, `inplanes`, `num_heads`, `mlp_ratio`...). */
const SIZE_WORD = /(dim|size|padding|dilation|chan|channel|chs|feature|feat|class|hidden|len|length|head|layer|plane|width|depth|embd|embed|vocab|block|patch|window|kernel|stride|group|ratio|mult|token|seq|position|ctx|context|expert|latent|resolution|height|img|image|inner|inter|model|filter|unit|expansion|reduction|level|step|frame|point|quer|slot|codebook|^n_|^num_|^n[a-z]{1,3}$)/i;
/** Short names of sizes as model code writes them: `c1`, `c2`, `ch`, `nf`, `k`, `n`, `d_in`, `out_ch`, `d_k`, `d_ff`. */
const SHORT_SIZE = /^[a-z]{1,3}\d*(_(in|out))?$|^(in|out)_[a-z]{1,3}\d*$|^d_[a-z]{1,3}\d*$/i;
/**
 * Names of flags, rates and other settings that are not sizes: their values stay unknown. A lone
 * letter (`p`, `s`, `e`) is one only as the whole name: `e_dim` is a width.
 */
const NOT_SIZE_NAME = /(^(use|is|has|with|enable|apply|do|no|return|pre|post|init|add)_)|(^|_)(bias|affine|causal|flash|bidirectional|batch_first|residual|norm_first|inplace|tie|share|learned|zero_init|checkpoint|eps|epsilon|drop|dropout|rate|prob|p|temperature|momentum|alpha|beta|gamma|lr|std|mean|init|initializer|range|theta|base|factor|coef|decay|act|activation|norm|type|mode|name|path|dtype|device|fn|func|cls|impl|backend|padding_mode|pool|pooling|scale|weight|qkv_bias|qk_norm|act_layer|norm_layer|block_fn|layer_fn)($|_)|^(e|s|p)$/i;

/** Names of settings that are floats: a temperature, an epsilon. */
const FLOAT_SETTING = /^(temperature|tau|eps|epsilon|norm_eps|layer_norm_eps|rms_norm_eps)$/i;

/** What a constructor argument or config attribute named `name` stands for when nothing gives it. */
export function symbolicMember(name: string): Value {
  // DenseNet's growth_rate is the channels each layer adds, not a rate.
  if (/^growth_rate$/i.test(name)) return int(Dim.sym(name));
  // A count (`n_e`, the codebook's entries; `num_tokens`) is a size whatever it counts.
  if (/^(n|num)_[a-z]/i.test(name) && !/(^|_)(rate|prob|p|eps)$/i.test(name)) return int(Dim.sym(name));
  // A height or width with a short qualifier (jet_vit's `h_s`, `w_s`: the patch grid's sides).
  if (/^[hw]_[a-z]{1,2}$/.test(name)) return int(Dim.sym(name));
  // A setting that is a number and never a tensor (`temperature`, `eps`): some float, so a
  // tensor divided by it keeps its shape (attention-is-all-you-need's `q / self.temperature`).
  if (FLOAT_SETTING.test(name)) return SOME_FLOAT;
  if (NOT_SIZE_NAME.test(name)) return UNKNOWN;
  if (SIZE_WORD.test(name) || SHORT_SIZE.test(name)) return int(Dim.sym(name));
  return obj(new SymbolicObj(name));
}

/**
 * What a channel-first layer (`Conv2d(3, ...)`, a 2-d norm) reached after a module of the
 * model's own says of the model's input, if that module keeps its input's shape: only what it
 * reads from the channel axis (a Linear reads the last axis, which such a module may change).
 */
export function inputsAfterOwnModule(layer: ModuleInstance): Value[] {
  const name = layer.op.names[0].replace(/^torch\.nn\./, '');
  const m = /^(?:Conv|ConvTranspose|BatchNorm|InstanceNorm)([123])d$|^(GroupNorm)$/.exec(name);
  if (!m) return [];
  const rank = m[1] ? Number(m[1]) + 2 : undefined;
  return inputsForLayer(layer).filter((v) => {
    const r = v.kind === 'tensor' ? v.shape?.length : undefined;
    return r !== undefined && r >= 3 && (rank === undefined || r === rank);
  });
}

/**
 * The input `F.conv2d(x, weight, groups=g)` takes (`F.conv1d`, `F.conv3d` alike): batched, as a
 * first Conv2d's seed is, with the channels the weight says (its second axis times the groups),
 * or a symbol where the weight is not known (timm's BlurPool2d reads them from the input).
 */
export function inputForConvFunction(n: number, args: readonly Value[], kwargs: Readonly<Record<string, Value>>): Value {
  const spatial = [['L'], ['H', 'W'], ['D', 'H', 'W']][n - 1].map((s) => Dim.sym(s));
  const weight = args[1] ?? kwargs.weight;
  const groups = args[6] ?? kwargs.groups ?? int(Dim.of(1));
  const known = weight?.kind === 'tensor' && weight.shape?.length === n + 2 && groups.kind === 'int' ? weight.shape[1].mul(groups.dim) : undefined;
  return { kind: 'tensor', shape: [Dim.sym('B'), known ?? Dim.sym('C'), ...spatial], dtype: 'float32' };
}

/**
 * The inputs `x @ w` (`torch.matmul(x, w)`) admits for x beside a known matrix w of [k, n]: x's
 * last axis is k, as a Linear's input (timm's CondConv2d mixes its experts' weights so).
 */
export function inputsForMatmul(other: Value | undefined): Value[] {
  if (other?.kind !== 'tensor' || other.shape?.length !== 2) return [];
  const k = other.shape[0];
  const tensor = (dims: Dim[]): Value => ({ kind: 'tensor', shape: dims, dtype: 'float32' });
  return [tensor([Dim.sym('B'), k]), tensor([Dim.sym('B'), Dim.sym('N'), k])];
}

/**
 * The inputs `torch.cdist(x, codebook)` admits for x beside a known [R, d] codebook (a vector
 * quantizer's nearest code): rows of d, tokens first ([B, N, d]), then plain rows ([N, d]).
 */
export function inputsForCdist(other: Value | undefined): Value[] {
  if (other?.kind !== 'tensor' || other.shape?.length !== 2) return [];
  const d = other.shape[1];
  const tensor = (dims: Dim[]): Value => ({ kind: 'tensor', shape: dims, dtype: other.dtype ?? 'float32' });
  return [tensor([Dim.sym('B'), Dim.sym('N'), d]), tensor([Dim.sym('N'), d])];
}

/**
 * The inputs a norm over the trailing `normalized_shape` admits (nn.LayerNorm, F.layer_norm,
 * F.rms_norm): tokens first. Patches of tokens ([b, p, n, d], MobileViT's transformer) last:
 * chosen only where the others fail further on (an einops pattern of four axes).
 */
export function inputsForNormalizedShape(v: Value | undefined): Value[] {
  const tensor = (dims: Dim[]): Value => ({ kind: 'tensor', shape: dims, dtype: 'float32' });
  const B = Dim.sym('B');
  const N = Dim.sym('N');
  try {
    if (!v) return [];
    const dims = v.kind === 'tuple' || v.kind === 'list' ? v.items.map(intArg) : [intArg(v)];
    return [tensor([B, N, ...dims]), tensor([B, ...dims]), tensor([B, Dim.sym('P'), N, ...dims])];
  } catch {
    return [];
  }
}

/** The inputs `F.layer_norm(x, normalized_shape)`, `F.rms_norm` or `F.group_norm(x, g, weight)` admit for x. */
export function inputsForNormFunction(name: string, args: readonly Value[], kwargs: Readonly<Record<string, Value>>): Value[] {
  if (name === 'torch.nn.functional.layer_norm' || name === 'torch.nn.functional.rms_norm') {
    const given = inputsForNormalizedShape(args[1] ?? kwargs.normalized_shape);
    if (given.length > 0) return given;
    // `F.layer_norm(x, x.shape[-1:], self.gamma)`: the shape read off the input itself says
    // nothing, but PyTorch requires the weight's shape to be normalized_shape.
    const w = args[2] ?? kwargs.weight;
    return w?.kind === 'tensor' && w.shape && w.shape.length > 0 ? inputsForNormalizedShape({ kind: 'tuple', items: w.shape.map((d) => int(d)) }) : [];
  }
  if (name === 'torch.nn.functional.group_norm') {
    // The channels are the weight's length, when a weight is given.
    const w = args[2] ?? kwargs.weight;
    if (w?.kind !== 'tensor' || w.shape?.length !== 1) return [];
    const c = w.shape[0];
    const tensor = (dims: Dim[]): Value => ({ kind: 'tensor', shape: dims, dtype: 'float32' });
    return [tensor([Dim.sym('B'), c, Dim.sym('H'), Dim.sym('W')]), tensor([Dim.sym('B'), c, Dim.sym('L')]), tensor([Dim.sym('B'), c])];
  }
  return [];
}

/**
 * The input a concatenation implies for the one item nobody gave (`torch.cat((x, skip), 1)` in a
 * U-Net's up block, `torch.cat((img, noise), 1)` in a conditional generator): PyTorch requires it
 * to match the known items on every axis but `dim`, which gets a size of its own (`C`, or `N`
 * off the channel axis, with a number added where the code already uses that name).
 * Undefined unless exactly one item is unknown and the others are tensors of one known rank.
 */
export function inputBesideConcatenated(items: readonly Value[], dimArg: Value | undefined, isProbe: (v: Value) => boolean, taken: ReadonlySet<string>): { probe: Value; seed: Value; evidence: string } | undefined {
  const probes = items.filter(isProbe);
  if (probes.length !== 1 || items.length < 2) return undefined;
  const known = items.filter((v) => !isProbe(v));
  const shapes = known.map((v) => (v.kind === 'tensor' ? v.shape : undefined));
  const first = shapes[0];
  if (!first || first.length === 0 || shapes.some((s) => !s || s.length !== first.length)) return undefined;
  const d = dimArg === undefined ? 0 : dimArg.kind === 'int' ? dimArg.dim.value : undefined;
  if (d === undefined || d < -first.length || d >= first.length) return undefined;
  const axis = d < 0 ? d + first.length : d;
  const used = new Set([...taken, ...shapes.flatMap((s) => s!.flatMap((x) => [...x.symbols()]))]);
  const base = axis === 1 && first.length >= 3 ? 'C' : 'N';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}${i}`;
  const dims = first.map((x, i) => (i === axis ? Dim.sym(name) : x));
  const dtype = known[0].kind === 'tensor' ? known[0].dtype : undefined;
  return { probe: probes[0], seed: { kind: 'tensor', shape: dims, dtype: dtype ?? 'float32' }, evidence: `its concatenation along dim ${d} with a tensor of ${first.length} axes` };
}

/**
 * `c.view(c.size(0), c.size(1), 1, 1)` (or `c.shape[i]`, or reshape) of an input nobody gave: its
 * elements are its first two sizes' product, so it is [B, N] (the label vector StarGAN broadcasts
 * over an image). Undefined for any other view.
 */
export function inputViewedBySizes(fnExpr: Expr | undefined, args: readonly Arg[], taken: ReadonlySet<string>): Value | undefined {
  if (fnExpr?.k !== 'attr' || fnExpr.obj.k !== 'name' || args.length < 3 || args.some((a) => a.star || a.name)) return undefined;
  const receiver = fnExpr.obj.id;
  const sizeIndex = (e: Expr): number | undefined => {
    const own = (o: Expr): boolean => o.k === 'name' && o.id === receiver;
    if (e.k === 'call' && e.fn.k === 'attr' && e.fn.name === 'size' && own(e.fn.obj) && e.args.length === 1 && !e.args[0].name && e.args[0].value.k === 'num') return e.args[0].value.value;
    if (e.k === 'subscript' && e.obj.k === 'attr' && e.obj.name === 'shape' && own(e.obj.obj) && e.index.k === 'num') return e.index.value;
    return undefined;
  };
  if (sizeIndex(args[0].value) !== 0 || sizeIndex(args[1].value) !== 1) return undefined;
  if (!args.slice(2).every((a) => a.value.k === 'num' && a.value.value === 1 && !a.value.isFloat)) return undefined;
  let name = 'N';
  for (let i = 2; taken.has(name); i++) name = `N${i}`;
  return { kind: 'tensor', shape: [Dim.sym('B'), Dim.sym(name)], dtype: 'float32' };
}

/**
 * The inputs an elementwise op with a tensor of the model admits (`x * self.gamma`, `x +
 * self.pos_embedding`, `x * weight.reshape(1, -1, 1, 1)`): the partner's sizes where they are
 * not 1, a size of the input's own where they are 1, and always a batch axis first. A partner of
 * one axis says only the last axis, like a Linear: [B, d] or [B, N, d].
 */
export function inputsBroadcastWith(partner: Value | undefined): Value[] {
  if (partner?.kind !== 'tensor' || !partner.shape || partner.shape.length === 0) return [];
  const dims = partner.shape;
  if (dims.every((d) => d.value === 1)) return [];
  const tensor = (shape: Dim[]): Value => ({ kind: 'tensor', shape, dtype: 'float32' });
  const B = Dim.sym('B');
  if (dims.length === 1) return [tensor([B, dims[0]]), tensor([B, Dim.sym('N'), dims[0]])];
  // A partner with a first size of its own ([N, D] positions, [C, 1, 1] channel weights): the
  // input has a batch axis before it.
  const full = dims[0].value === 1 ? dims : dims.length <= 3 ? [Dim.of(1), ...dims] : undefined;
  if (!full) return [];
  const channelsFirst = full.length === 3 && full[1].value !== 1 && full[2].value === 1;
  const names: Record<number, string[]> = { 2: ['B', 'D'], 3: channelsFirst ? ['B', 'C', 'L'] : ['B', 'N', 'D'], 4: ['B', 'C', 'H', 'W'], 5: ['B', 'C', 'D', 'H', 'W'] };
  const own = names[full.length];
  if (!own) return [];
  return [tensor(full.map((d, i) => (d.value === 1 ? (i === 0 ? B : Dim.sym(own[i])) : d)))];
}

/**
 * The inputs `einops.pack([x], 'b * d')` (lucidrains' `pack_one`) admits for the one item nobody
 * gave: the axes around `*` as a known item beside it has them, else named by the pattern; the
 * `*` axes are any number, one first (tokens), then two (a feature map), then none. A leading
 * `*` ('* c h w') holds the batch. Undefined unless exactly one item is a probe.
 */
export function inputsBesidePacked(items: readonly Value[], pattern: Value | undefined, isProbe: (v: Value) => boolean, taken: ReadonlySet<string>): { probe: Value; seeds: Value[] } | undefined {
  const probes = items.filter(isProbe);
  if (probes.length !== 1 || pattern?.kind !== 'str') return undefined;
  const axes = pattern.value.split(/\s+/).filter((a) => a !== '');
  const star = axes.indexOf('*');
  if (star < 0 || axes.lastIndexOf('*') !== star || new Set(axes).size !== axes.length || !axes.every((a) => a === '*' || /^[A-Za-z_]\w*$/.test(a))) return undefined;
  const after = axes.length - star - 1;
  const known = items.find((v) => !isProbe(v) && v.kind === 'tensor' && v.shape && v.shape.length >= axes.length - 1);
  const shape = known?.kind === 'tensor' ? known.shape : undefined;
  const named = (a: string): Dim => Dim.sym(a);
  const lead = shape ? shape.slice(0, star) : axes.slice(0, star).map(named);
  const trail = shape ? shape.slice(shape.length - after) : axes.slice(star + 1).map(named);
  const used = new Set([...taken, ...axes, ...[...lead, ...trail].flatMap((d) => [...d.symbols()])]);
  const fresh = (base: string): Dim => {
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}${i}`;
    used.add(name);
    return Dim.sym(name);
  };
  const middles = star === 0 ? [[fresh('B')]] : [[fresh('N')], [fresh('H'), fresh('W')], []];
  const dtype = known?.kind === 'tensor' ? known.dtype ?? 'float32' : 'float32';
  return { probe: probes[0], seeds: middles.map((m) => ({ kind: 'tensor', shape: [...lead, ...m, ...trail], dtype })) };
}

/**
 * The inputs an einops pattern with `...` admits (`'b d ... -> b ... d'`, lucidrains' channel-first
 * inputs of any rank): the `...` axes as `pack` has them (inputsBesidePacked), one (tokens), then
 * two (a feature map), then none, or the batch alone where `...` leads; the other axes named by
 * the pattern. Empty without `...`.
 */
export function inputsForEllipsisPattern(pattern: Value | undefined, kwargs: Readonly<Record<string, Value>>, taken: ReadonlySet<string>): Value[] {
  if (pattern?.kind !== 'str') return [];
  const arrow = pattern.value.indexOf('->');
  const left = arrow < 0 ? pattern.value : pattern.value.slice(0, arrow);
  if (left.split('...').length !== 2) return [];
  const used = new Set([...taken, ...left.split(/[\s()]+/)]);
  const fresh = (base: string): string => {
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}${i}`;
    used.add(name);
    return name;
  };
  // A leading `...` ('... d -> ... 1 d') holds the batch, as pack's leading `*` does.
  const middles = left.trim().startsWith('...') ? [[fresh('B')]] : [[fresh('N')], [fresh('H'), fresh('W')], []];
  const lengths: [string, Dim][] = Object.entries(kwargs).flatMap(([k, v]) => (v.kind === 'int' ? [[k, v.dim] as [string, Dim]] : []));
  return middles.flatMap((m) => {
    const dims = einopsPatternInput(left.replace('...', m.join(' ')), lengths);
    return dims ? [{ kind: 'tensor', shape: dims, dtype: 'float32' } as Value] : [];
  });
}

/**
 * The input an einsum describes for an operand nobody gave (`einsum('b h i d, b h j d -> b h i j',
 * q, k)` of a probe q): one axis per subscript, named by it, or the size a known operand has under
 * the same subscript. `terms` are each operand's subscripts (torch's letters or einops' names);
 * undefined where a term has an ellipsis or a group.
 */
export function inputForEinsumTerm(terms: readonly (readonly string[])[], operands: readonly Value[], at: number): Value | undefined {
  const term = terms[at];
  if (!term || term.length === 0 || terms.length !== operands.length || terms.some((t) => t.some((a) => !/^[A-Za-z_]\w*$/.test(a)))) return undefined;
  const known = new Map<string, Dim>();
  terms.forEach((t, i) => {
    const o = operands[i];
    if (i === at || o.kind !== 'tensor' || !o.shape || o.shape.length !== t.length) return;
    t.forEach((a, j) => { if (!known.has(a)) known.set(a, o.shape![j]); });
  });
  return { kind: 'tensor', shape: term.map((a) => known.get(a) ?? Dim.sym(a)), dtype: 'float32' };
}

/** Each operand's subscripts of an einsum equation: torch's letters (`'bhid,bhjd->bhij'`) or einops' names. */
export function einsumTerms(equation: string, named: boolean): string[][] {
  const lhs = equation.split('->')[0];
  return lhs.split(',').map((t) => (named ? t.trim().split(/\s+/).filter((a) => a) : [...t.replace(/\s+/g, '')]));
}
