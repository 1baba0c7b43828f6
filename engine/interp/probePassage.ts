// A probe input (code nobody calls, see analysis.ts) passing an op that keeps its batch and channel
// axes and its rank but not its spatial sizes (F.interpolate, pooling, F.pad): what a later layer
// says of the probe (`Conv2d(c, ...)` takes [B, c, H, W]) then says it of the input too, spatial
// sizes aside. U-Net up/down blocks start so: `x = F.interpolate(x, scale_factor=2); x = self.conv(x)`.
import { Dim } from '../shape/dim';
import type { Value } from '../value';

/** What a probe went through: the input it stands for and the ranks the ops on the way admit. */
export interface Passage {
  readonly origin: Value;
  readonly minRank: number;
  readonly maxRank: number;
  /** The ops passed, for the seed's evidence (`F.interpolate`). */
  readonly via: string;
}

type Ranks = { minRank: number; maxRank: number };

const FUNCTIONAL = 'torch.nn.functional.';

/** The number of items of a tuple or list argument. */
function lengthOf(v: Value | undefined): number | undefined {
  return v && (v.kind === 'tuple' || v.kind === 'list') ? v.items.length : undefined;
}

/**
 * The ranks a functional op admits with its batch and channel axes kept (undefined: the op is not
 * one of these). Pooling functions take their batched rank only: unbatched inputs have no batch
 * axis for a later layer's seed to describe.
 */
export function functionRanks(name: string, args: readonly Value[], kwargs: Readonly<Record<string, Value>>): Ranks | undefined {
  if (!name.startsWith(FUNCTIONAL)) return undefined;
  const fn = name.slice(FUNCTIONAL.length);
  if (fn === 'interpolate' || fn === 'upsample' || fn === 'upsample_nearest') {
    // size or scale_factor as a sequence names the spatial axes, hence the rank.
    const n = lengthOf(args[1] ?? kwargs.size) ?? lengthOf(args[2] ?? kwargs.scale_factor);
    return n !== undefined ? { minRank: n + 2, maxRank: n + 2 } : { minRank: 3, maxRank: 5 };
  }
  if (fn === 'upsample_bilinear') return { minRank: 4, maxRank: 4 };
  const pool = /^(?:avg_pool|max_pool|adaptive_avg_pool|adaptive_max_pool)([123])d$/.exec(fn);
  if (pool) return { minRank: Number(pool[1]) + 2, maxRank: Number(pool[1]) + 2 };
  if (fn === 'pad') {
    // (left, right, top, bottom) pads the last two axes: batch and channels stay when the rank is 4 or more.
    const n = lengthOf(args[1] ?? kwargs.pad);
    // (One axis padded, the last: a sequence [B, C, L], or a key mask [b, j] given a slot for a
    // null key, lucidrains' `F.pad(mask, (1, 0), value=True)`: a batch before it at least.)
    if (n === 2) return { minRank: 2, maxRank: Infinity };
    return n !== undefined && n % 2 === 0 && n > 0 ? { minRank: n / 2 + 2, maxRank: Infinity } : undefined;
  }
  return undefined;
}

/**
 * The ranks a reduction over spatial axes with keepdim admits (`x.mean((2, 3), keepdim=True)`, the
 * squeeze of squeeze-excitation blocks): every axis reduced is past the channels, the rank kept.
 * Undefined for other reductions (a reduced batch or channel axis, keepdim not True).
 */
export function reductionRanks(method: string, args: readonly Value[], kwargs: Readonly<Record<string, Value>>): Ranks | undefined {
  if (!['mean', 'sum', 'amax', 'amin'].includes(method)) return undefined;
  // `axis` and `keepdims` are NumPy's names, which PyTorch's native reductions take too.
  const dims = args[0] ?? kwargs.dim ?? kwargs.axis;
  const keepdim = args[1] ?? kwargs.keepdim ?? kwargs.keepdims;
  if (keepdim?.kind !== 'bool' || !keepdim.value || Object.keys(kwargs).some((k) => !['dim', 'axis', 'keepdim', 'keepdims'].includes(k))) return undefined;
  const items = dims?.kind === 'tuple' || dims?.kind === 'list' ? dims.items : dims ? [dims] : [];
  const axes = items.map((d) => (d.kind === 'int' ? d.dim.value : undefined));
  if (axes.length === 0 || axes.some((a) => a === undefined)) return undefined;
  // Axis 2 on is spatial at any rank; axis -k is spatial when the rank is at least k + 2.
  const minRank = Math.max(...axes.map((a) => (a! >= 2 ? a! + 1 : a! < 0 ? 2 - a! : Infinity)));
  return Number.isFinite(minRank) ? { minRank, maxRank: Infinity } : undefined;
}

/** The same for a layer (`nn.Upsample(scale_factor=2)`, `nn.AvgPool2d(2)`, `nn.ReflectionPad2d(1)`), from its arguments. */
export function layerRanks(name: string, args: Readonly<Record<string, Value>>): Ranks | undefined {
  const layer = name.replace(/^torch\.nn\./, '');
  if (layer === 'Upsample') {
    const n = lengthOf(args.size) ?? lengthOf(args.scale_factor);
    return n !== undefined ? { minRank: n + 2, maxRank: n + 2 } : { minRank: 3, maxRank: 5 };
  }
  if (layer === 'UpsamplingNearest2d' || layer === 'UpsamplingBilinear2d') return { minRank: 4, maxRank: 4 };
  // Pooling and padding layers of n spatial axes (`nn.ReflectionPad2d(1)` before a ResNet block's conv).
  const nd = /^(?:AvgPool|MaxPool|AdaptiveAvgPool|AdaptiveMaxPool|ReflectionPad|ReplicationPad|ZeroPad|ConstantPad|CircularPad)([123])d$/.exec(layer);
  if (nd) return { minRank: Number(nd[1]) + 2, maxRank: Number(nd[1]) + 2 };
  return undefined;
}

/** The passage of a probe made by passing `via` (admitting `ranks`), after what it passed before. */
export function passageOf(before: Passage | undefined, probe: Value, ranks: Ranks, via: string): Passage {
  if (!before) return { origin: probe, ...ranks, via };
  return {
    origin: before.origin,
    minRank: Math.max(before.minRank, ranks.minRank),
    maxRank: Math.min(before.maxRank, ranks.maxRank),
    via: before.via === via ? via : `${before.via}, ${via}`,
  };
}

/** Names for the spatial axes of an input of each rank, as the first-layer seeds write them. */
const SPATIAL: Record<number, string[]> = { 3: ['L'], 4: ['H', 'W'], 5: ['D', 'H', 'W'] };

/**
 * The input the passage's origin is, given what the passed probe was found to be: its batch and
 * channel axes, fresh spatial sizes. Only seeds whose spatial sizes say nothing are carried
 * back: a first layer's `H, W` (seeds.ts) or names the code gave (`b, c, h, w = x.shape`); a
 * Linear's [B, N, d] fixes its last axis, which the passed op may have changed.
 */
export function seedThroughPassage(p: Passage, seed: Value | undefined, namedByCode: boolean): Value | undefined {
  if (seed?.kind !== 'tensor' || !seed.shape) return undefined;
  const rank = seed.shape.length;
  if (rank === 2 && p.minRank <= 2) {
    // [b, j] after its last axis was padded: the batch kept, the padded axis a size of its own,
    // named as the seed names it where that is a bare name of its own (`'b j -> b 1 1 j'`).
    const [batch, last] = seed.shape;
    const names = [...last.symbols()];
    return names.length === 1 && last.same(Dim.sym(names[0])) && !batch.symbols().has(names[0]) ? seed : undefined;
  }
  const spatialNames = SPATIAL[rank];
  if (!spatialNames || rank < p.minRank || rank > p.maxRank) return undefined;
  const lead = seed.shape.slice(0, 2);
  const free = new Set(['L', 'H', 'W', 'D']);
  const leadSymbols = new Set(lead.flatMap((d) => [...d.symbols()]));
  for (const d of seed.shape.slice(2)) {
    const names = [...d.symbols()];
    const bare = names.length === 1 && d.same(Dim.sym(names[0]));
    if (!bare || leadSymbols.has(names[0]) || (!namedByCode && !free.has(names[0]))) return undefined;
  }
  if (spatialNames.some((n) => leadSymbols.has(n))) return undefined;
  return { ...seed, shape: [...lead, ...spatialNames.map((n) => Dim.sym(n))] };
}

/**
 * The input a passage's origin is when nothing after it says more, where the ops passed fix its
 * rank (`nn.AdaptiveAvgPool2d`, `F.max_pool2d`: [B, C, H, W]): the batch, channels and spatial
 * axes, each a symbol. Undefined where the rank is left open (`nn.Upsample(scale_factor=2)`).
 */
export function fixedRankInput(p: Passage): Value | undefined {
  if (p.minRank !== p.maxRank) return undefined;
  const spatial = SPATIAL[p.minRank];
  return spatial ? { kind: 'tensor', shape: [Dim.sym('B'), Dim.sym('C'), ...spatial.map((n) => Dim.sym(n))], dtype: 'float32' } : undefined;
}

/**
 * The rank a global pooling over the spatial axes says (`x.mean((2, 3))`, with or without
 * keepdim: an NCHW image's H and W, so rank 4): the reduced axes are 2 to k, all positive, and
 * the input is read as having no axis past them. Undefined for other reductions.
 */
export function globalPoolRank(method: string, args: readonly Value[], kwargs: Readonly<Record<string, Value>>): number | undefined {
  if (!['mean', 'sum', 'amax', 'amin'].includes(method)) return undefined;
  const dims = args[0] ?? kwargs.dim;
  const items = dims?.kind === 'tuple' || dims?.kind === 'list' ? dims.items : [];
  const axes = items.map((d) => (d.kind === 'int' ? d.dim.value : undefined));
  if (axes.length === 0 || axes.some((a, i) => a !== i + 2)) return undefined;
  return axes.length + 2;
}

/**
 * A probe made by reordering another's axes (`x.permute(0, 3, 1, 2)`, `x.transpose(1, 2)`): what
 * a later layer says of it (`Conv2d(c, ...)`: [B, c, H, W]) says of the input, axes put back.
 * `order` is a permute's full order (fixing the rank); `swap`, a transpose's two axes.
 */
export type Reorder = { readonly origin: Value; readonly order: readonly number[] } | { readonly origin: Value; readonly swap: readonly [number, number] };

/** The reorder a tensor method makes of a probe, when its axes are known ints (undefined: not one). */
export function reorderOf(method: string, args: readonly Value[], kwargs: Readonly<Record<string, Value>>, origin: Value): Reorder | undefined {
  if (Object.keys(kwargs).length > 0) return undefined;
  const ints = (vs: readonly Value[]): number[] | undefined => {
    const out = vs.map((v) => (v.kind === 'int' ? v.dim.value : undefined));
    return out.every((n): n is number => n !== undefined) ? out : undefined;
  };
  if (method === 'permute') {
    const items = args.length === 1 && (args[0].kind === 'tuple' || args[0].kind === 'list') ? args[0].items : args;
    const order = ints(items);
    if (!order || order.length === 0) return undefined;
    const n = order.length;
    const norm = order.map((a) => (a < 0 ? a + n : a));
    if (norm.some((a) => a < 0 || a >= n) || new Set(norm).size !== n) return undefined;
    return { origin, order: norm };
  }
  if (method === 'transpose' || method === 'swapaxes' || method === 'swapdims') {
    const axes = args.length === 2 ? ints(args) : undefined;
    return axes ? { origin, swap: [axes[0], axes[1]] } : undefined;
  }
  return undefined;
}

/** The input a reordered probe's origin is, given what the reordered probe was found to be. */
export function seedThroughReorder(r: Reorder, seed: Value | undefined): Value | undefined {
  if (seed?.kind !== 'tensor' || !seed.shape) return undefined;
  const dims = seed.shape;
  const n = dims.length;
  if ('order' in r) {
    if (r.order.length !== n) return undefined;
    const out: Dim[] = new Array(n);
    r.order.forEach((from, i) => {
      out[from] = dims[i];
    });
    return { ...seed, shape: n === 4 ? spatialNamed(out) : out };
  }
  const [a, b] = r.swap.map((x) => (x < 0 ? x + n : x));
  if (a < 0 || b < 0 || a >= n || b >= n) return undefined;
  const out = [...dims];
  out[a] = dims[b];
  out[b] = dims[a];
  return { ...seed, shape: out };
}

/** Token axes a seed named (`[B, P, N, C]` of a LayerNorm) that a reorder put at an image's H and W: named so. */
function spatialNamed(dims: Dim[]): Dim[] {
  const bare = (d: Dim): string | undefined => {
    const names = [...d.symbols()];
    return names.length === 1 && d.same(Dim.sym(names[0])) ? names[0] : undefined;
  };
  const [h, w] = [bare(dims[2]), bare(dims[3])];
  const tokens = new Set(['P', 'N', 'L', 'T', 'S']);
  const used = new Set(dims.flatMap((d) => [...d.symbols()]));
  if (!h || !w || !tokens.has(h) || !tokens.has(w) || used.has('H') || used.has('W')) return dims;
  return [dims[0], dims[1], Dim.sym('H'), Dim.sym('W')];
}

/**
 * A channels-last global pooling of a probe (`x.mean((1, 2), keepdim=True)` of [B, H, W, C], the
 * squeeze of timm's SqueezeExciteCl; without keepdim, ClNormMlpClassifierHead's pooling): the
 * axes 1 to `spatial` reduced, the input read as having no axis past them but its channels.
 */
export interface ChannelsLastPool {
  readonly origin: Value;
  readonly spatial: number;
}

/** The channels-last pool a reduction makes of a probe (undefined: not one). */
export function channelsLastPoolOf(method: string, args: readonly Value[], kwargs: Readonly<Record<string, Value>>, origin: Value): ChannelsLastPool | undefined {
  if (!['mean', 'sum', 'amax', 'amin'].includes(method)) return undefined;
  if (Object.keys(kwargs).some((k) => !['dim', 'axis', 'keepdim', 'keepdims'].includes(k))) return undefined;
  const dims = args[0] ?? kwargs.dim ?? kwargs.axis;
  const items = dims?.kind === 'tuple' || dims?.kind === 'list' ? dims.items : [];
  const axes = items.map((d) => (d.kind === 'int' ? d.dim.value : undefined));
  if (axes.length === 0 || axes.length > 3 || axes.some((a, i) => a !== i + 1)) return undefined;
  return { origin, spatial: axes.length };
}

/** Names of bare symbols that seeds make up for axes a layer leaves open. */
const FREE_NAMES = new Set(['B', 'N', 'P', 'L', 'T', 'S', 'H', 'W', 'D', 'C']);

/**
 * The input a channels-last pool's origin is, given what the pooled probe was found to be: its
 * batch, fresh spatial axes, and the last axis a layer fixed (a Linear's in_features). Undefined
 * where that last axis is one a seed made up (a Conv2d's W says nothing of the channels).
 */
export function seedThroughChannelsLastPool(p: ChannelsLastPool, seed: Value | undefined): Value | undefined {
  if (seed?.kind !== 'tensor' || !seed.shape || seed.shape.length < 2) return undefined;
  const last = seed.shape[seed.shape.length - 1];
  const names = [...last.symbols()];
  if (names.length === 1 && last.same(Dim.sym(names[0])) && FREE_NAMES.has(names[0])) return undefined;
  const spatial = (SPATIAL[p.spatial + 2] ?? []).map((n) => Dim.sym(n));
  return { ...seed, shape: [seed.shape[0], ...spatial, last] };
}

/** The rank a reorder fixes: a permute's (its axes' count); a transpose fixes none. */
export function reorderRank(r: Reorder): number | undefined {
  return 'order' in r ? r.order.length : undefined;
}
