// lucidrains' rotary-embedding-torch (`from rotary_embedding_torch import RotaryEmbedding`), the
// rotary embedding his attention code everywhere builds (`self.rotary_emb = RotaryEmbedding(dim_head)`,
// then `q = self.rotary_emb.rotate_queries_or_keys(q)`), when the package is not in the workspace.
// Without it q and k are lost at the rotation and so is all attention after it. A rotation keeps
// its tensor's shape; only the shapes are modelled here, and only where every released version
// agrees. Source: lucidrains/rotary-embedding-torch, rotary_embedding_torch.py (RotaryEmbedding.
// __init__, rotate_queries_or_keys, rotate_queries_with_cached_keys, rotate_queries_and_keys,
// get_axial_freqs, forward; apply_rotary_emb, rotate_half).
import { Dim } from '../shape/dim';
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import { BuiltinObj, FrameworkModuleObj, PyModuleObj, obj, type CallArgs } from './objects';
import { truthy, tupleOf } from './pyvalues';
import type { Host } from './host';
import type { Range } from './ir';

type Tensor = Extract<Value, { kind: 'tensor' }>;

/** The constructor's parameters, in order (the first three are the same in every release). */
const PARAMS = ['dim', 'custom_freqs', 'freqs_for', 'theta', 'max_freq', 'num_freqs', 'learned_freq', 'use_xpos', 'xpos_scale_base',
  'interpolate_factor', 'theta_rescale_factor', 'seq_before_head_dim', 'cache_if_possible', 'cache_max_seq_len'];
const POSITIONAL = 3;

const shaped = (v: Value | undefined): Tensor | undefined => (v?.kind === 'tensor' && v.shape ? v : undefined);
/** A tensor like `t`: same shape and dtype (a new value, not `t` itself). */
const like = (t: Tensor): Value => ({ kind: 'tensor', shape: t.shape, dtype: t.dtype, ...(t.framework ? { framework: t.framework } : {}) });
/** `a <= b` where both are known numbers and it is false: a rotation PyTorch refuses. */
const knownAbove = (a: Dim, b: Dim): boolean => a.value !== undefined && b.value !== undefined && a.value > b.value;

/**
 * A RotaryEmbedding as built: `rot`, the features each rotation turns (freqs.shape[-1], twice the
 * dim // 2 frequencies), and whether it scales for length extrapolation (`use_xpos`).
 */
export class RotaryEmbeddingObj extends FrameworkModuleObj {
  readonly typeName = 'RotaryEmbedding';
  private readonly methods = new Map<string, Value>();
  constructor(readonly rot: Dim, readonly xpos: boolean, readonly seqBeforeHead: boolean, site: Range | undefined) {
    super(site);
  }
  children(): [string, Value][] {
    return [];
  }

  /** forward(t, seq_len=None, offset=0): the frequencies of positions `t`, [*t.shape, rot]. */
  run(_host: Host, args: CallArgs): Value {
    const t = shaped(args.args[0] ?? args.kwargs.t);
    const seqLen = args.args[1] ?? args.kwargs.seq_len;
    // (With seq_len a cached slice of seq_len rows may come back instead: the same only for 1-D positions of that length.)
    if (!t || (seqLen && seqLen.kind !== 'none' && !(t.shape!.length === 1 && seqLen.kind === 'int' && seqLen.dim.same(t.shape![0])))) return UNKNOWN;
    return { kind: 'tensor', shape: [...t.shape!, this.rot], dtype: 'float32' };
  }

  override ownAttr(name: string): Value | undefined {
    const made = this.methods.get(name);
    if (made) return made;
    const m = this.method(name);
    if (m) this.methods.set(name, m);
    return m;
  }

  /** The axis positions run along: -2, or -3 when the sequence comes before the heads. */
  private seqAxis(t: Tensor, seqDim: Value | undefined): number | undefined {
    const n = t.shape!.length;
    const given = seqDim && seqDim.kind !== 'none' ? (seqDim.kind === 'int' ? seqDim.dim.value : undefined) : this.seqBeforeHead ? -3 : -2;
    if (given === undefined) return undefined;
    // The frequencies [seq, rot] broadcast against the last two axes, or as [seq, 1, rot] when
    // seq_dim is written -3; any other axis does not line up with them.
    if (given === -3) return n >= 3 ? n - 3 : undefined;
    const axis = given < 0 ? n + given : given;
    return n >= 2 && axis === n - 2 ? axis : undefined;
  }

  /** rotate_queries_or_keys on `t`: a tensor like it, undefined where PyTorch would refuse or we cannot tell. */
  private rotated(t: Value | undefined, seqDim: Value | undefined): Value | undefined {
    const x = shaped(t);
    if (!x || this.seqAxis(x, seqDim) === undefined || knownAbove(this.rot, x.shape![x.shape!.length - 1])) return undefined;
    return like(x);
  }

  private method(name: string): Value | undefined {
    const arg = (a: CallArgs, i: number, n: string): Value | undefined => a.args[i] ?? a.kwargs[n];
    if (name === 'rotate_queries_or_keys') {
      return obj(new BuiltinObj('RotaryEmbedding.rotate_queries_or_keys', (a) => {
        // With xpos a scale must be given (`rotate_queries_and_keys` is the method then).
        const scale = arg(a, 3, 'scale');
        if (this.xpos && (!scale || scale.kind === 'none')) return UNKNOWN;
        return this.rotated(arg(a, 0, 't'), arg(a, 1, 'seq_dim')) ?? UNKNOWN;
      }));
    }
    if (name === 'rotate_queries_with_cached_keys' || name === 'rotate_queries_and_keys') {
      return obj(new BuiltinObj(`RotaryEmbedding.${name}`, (a) => {
        if (name === 'rotate_queries_and_keys' && !this.xpos) return UNKNOWN;
        const q = shaped(arg(a, 0, 'q'));
        const k = shaped(arg(a, 1, 'k'));
        const seqDim = arg(a, 2, 'seq_dim');
        if (!q || !k) return UNKNOWN;
        const qa = this.seqAxis(q, seqDim);
        const ka = this.seqAxis(k, seqDim);
        if (qa === undefined || ka === undefined) return UNKNOWN;
        const [ql, kl] = [q.shape![qa], k.shape![ka]];
        // Cached keys: `assert q_len <= k_len`. Both at once: k rotated by q's positions, the same length.
        if (name === 'rotate_queries_with_cached_keys' ? knownAbove(ql, kl) : ql.equals(kl) === 'no') return UNKNOWN;
        const rq = this.rotated(q, seqDim);
        const rk = this.rotated(k, seqDim);
        return rq && rk ? tupleOf([rq, rk]) : UNKNOWN;
      }));
    }
    if (name === 'get_axial_freqs') {
      // One [d_i, rot] per axis, broadcast over all the axes and concatenated: [*dims, rot * len(dims)].
      return obj(new BuiltinObj('RotaryEmbedding.get_axial_freqs', (a) => {
        if (Object.keys(a.kwargs).some((k) => k !== 'offsets')) return UNKNOWN;
        const dims = a.args.map((d) => (d.kind === 'int' ? d.dim : undefined));
        if (dims.length === 0 || dims.some((d) => d === undefined)) return UNKNOWN;
        return { kind: 'tensor', shape: [...(dims as Dim[]), this.rot.mul(dims.length)], dtype: 'float32' };
      }));
    }
    if (name === 'forward') return obj(new BuiltinObj('RotaryEmbedding.forward', (a, _s, host) => this.run(host, a)));
    return undefined;
  }
}

/** RotaryEmbedding(dim, custom_freqs=None, freqs_for='lang', ...): the frequencies' width from dim. */
function construct(a: CallArgs, site: Range): Value {
  if (a.args.length > POSITIONAL || Object.keys(a.kwargs).some((k) => !PARAMS.includes(k))) return UNKNOWN;
  const bound: Record<string, Value> = {};
  a.args.forEach((v, i) => { bound[PARAMS[i]] = v; });
  Object.assign(bound, a.kwargs);
  const dim = bound.dim;
  const freqsFor = bound.freqs_for;
  const custom = bound.custom_freqs;
  // 'lang' and 'pixel' make dim // 2 frequencies, each used twice; custom and 'constant'
  // frequencies have widths of their own, and the cache (a [max_seq_len, dim] buffer) takes them
  // only in some releases: no shapes for those.
  if (dim?.kind !== 'int' || (custom && custom.kind !== 'none')) return UNKNOWN;
  if (freqsFor && !(freqsFor.kind === 'str' && (freqsFor.value === 'lang' || freqsFor.value === 'pixel'))) return UNKNOWN;
  // An odd dim leaves one feature out of the rotation, and the cache of the newer releases refuses it.
  if (dim.dim.value !== undefined && dim.dim.value % 2 !== 0) return UNKNOWN;
  const flag = (v: Value | undefined): boolean | undefined => (v === undefined ? false : truthy(v));
  const xpos = flag(bound.use_xpos);
  const seqBefore = flag(bound.seq_before_head_dim);
  if (xpos === undefined || seqBefore === undefined) return UNKNOWN;
  const half = dim.dim.floordiv(2);
  if (!half) return UNKNOWN;
  return obj(new RotaryEmbeddingObj(half.mul(2), xpos, seqBefore, site));
}

/** apply_rotary_emb(freqs, t, start_index=0, ...): t rotated by [seq, rot] frequencies, t's shape. */
function applyRotaryEmb(a: CallArgs): Value {
  const freqs = shaped(a.args[0] ?? a.kwargs.freqs);
  const t = shaped(a.args[1] ?? a.kwargs.t);
  const start = a.args[2] ?? a.kwargs.start_index ?? { kind: 'int', dim: Dim.of(0) };
  if (!freqs || !t || start.kind !== 'int' || a.kwargs.seq_dim || a.kwargs.freqs_seq_dim || a.args.length > 4) return UNKNOWN;
  const [fs, ts] = [freqs.shape!, t.shape!];
  // Frequencies [F, rot] against t [..., seq, d]: the last seq of them, which must be seq long.
  if (fs.length !== 2 || ts.length < 2) return UNKNOWN;
  const seq = ts[ts.length - 2];
  if (!fs[0].sub(seq).provablyAtLeast(0)) return UNKNOWN;
  if (knownAbove(start.dim.add(fs[1]), ts[ts.length - 1])) return UNKNOWN;
  return like(t);
}

/** rotate_half(x): pairs of features turned a quarter, x's shape (its last size even). */
function rotateHalf(a: CallArgs): Value {
  const x = shaped(a.args[0] ?? a.kwargs.x);
  const last = x?.shape![x.shape!.length - 1];
  if (!x || !last || (last.value !== undefined && last.value % 2 !== 0)) return UNKNOWN;
  return like(x);
}

let shared: Map<string, Value> | undefined;

function makeModules(): Map<string, Value> {
  const attrs = new Map<string, Value>([
    ['RotaryEmbedding', obj(new BuiltinObj('rotary_embedding_torch.RotaryEmbedding', (a, site) => construct(a, site)))],
    ['apply_rotary_emb', obj(new BuiltinObj('rotary_embedding_torch.apply_rotary_emb', applyRotaryEmb))],
    ['rotate_half', obj(new BuiltinObj('rotary_embedding_torch.rotate_half', rotateHalf))],
  ]);
  const pkg = 'rotary_embedding_torch';
  // The package re-exports its one module's names.
  return new Map([[pkg, obj(new PyModuleObj(pkg, attrs))], [`${pkg}.${pkg}`, obj(new PyModuleObj(`${pkg}.${pkg}`, attrs))]]);
}

/** A stand-in for rotary_embedding_torch when the workspace does not hold it; undefined for any other name. */
export function rotaryFallbackModule(name: string): Value | undefined {
  if (!name.startsWith('rotary_embedding_torch')) return undefined;
  return (shared ??= makeModules()).get(name);
}
