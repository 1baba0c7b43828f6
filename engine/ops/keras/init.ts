// Keras' and TF.js' weight initialisers as distributions over the executor's seeded generator, so
// a sample forward pass of a Keras / TF.js model starts from the weights the framework would make:
// each weight `w` follows the layer's `<w>_initializer` (TF.js `kernelInitializer`), default per
// weight as both frameworks default them (keras/src/initializers/*.py, tfjs-layers/src/initializers.ts).
import type { Value } from '../../value';
import type { ConcreteParam, InitRandom, ParamInit } from '../lowering';
import type { Dialect } from '../op';
import { flag } from './args';

const count = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** computeFans (tfjs-layers initializers.ts; keras compute_fans): channels-last kernels. */
function fans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0], fanOut: shape[0] };
  if (shape.length === 2) return { fanIn: shape[0], fanOut: shape[1] };
  const receptive = count(shape.slice(0, -2));
  return { fanIn: shape[shape.length - 2] * receptive, fanOut: shape[shape.length - 1] * receptive };
}

/** Normal values truncated at two standard deviations (redrawn), as TF's truncated_normal. */
function truncatedNormal(n: number, std: number, rng: InitRandom): Float32Array {
  const out = new Float32Array(n);
  let filled = 0;
  while (filled < n) {
    const draw = rng.normal(Math.max(16, (n - filled) * 2), 0, 1);
    for (let i = 0; i < draw.length && filled < n; i++) if (Math.abs(draw[i]) <= 2) out[filled++] = draw[i] * std;
  }
  return out;
}

/** VarianceScaling: scale / fan (fanIn, fanOut or their mean), uniform or truncated normal. */
function varianceScaling(shape: readonly number[], rng: InitRandom, scale: number, mode: 'in' | 'out' | 'avg', dist: 'uniform' | 'normal', dialect: Dialect): Float32Array {
  const f = fans(shape);
  const fan = mode === 'in' ? f.fanIn : mode === 'out' ? f.fanOut : (f.fanIn + f.fanOut) / 2;
  const variance = scale / Math.max(1, fan);
  if (dist === 'uniform') {
    const limit = Math.sqrt(3 * variance);
    return rng.uniform(count(shape), -limit, limit);
  }
  // Keras divides by 0.87962566103423978, the standard deviation of a unit normal truncated at
  // ±2 (variance_scaling.py); TF.js does not (initializers.ts VarianceScaling.apply).
  return truncatedNormal(count(shape), Math.sqrt(variance) / (dialect === 'tfjs' ? 1 : 0.87962566103423978), rng);
}

/** Orthogonal (gain 1): the Q of a normal matrix's QR, rows × columns = prod(shape[:-1]) × last. */
function orthogonal(shape: readonly number[], rng: InitRandom): Float32Array {
  const cols = shape[shape.length - 1] ?? 1;
  const rows = count(shape) / cols;
  // Gram-Schmidt on the longer side's vectors of a normal matrix (the same law as QR's Q).
  const n = Math.max(rows, cols);
  const m = Math.min(rows, cols);
  const a = Array.from({ length: m }, () => Float64Array.from(rng.normal(n, 0, 1)));
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < i; j++) {
      let dot = 0;
      for (let k = 0; k < n; k++) dot += a[i][k] * a[j][k];
      for (let k = 0; k < n; k++) a[i][k] -= dot * a[j][k];
    }
    const norm = Math.hypot(...a[i]) || 1;
    for (let k = 0; k < n; k++) a[i][k] /= norm;
  }
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = rows >= cols ? a[c][r] : a[r][c];
  return out;
}

/** The default initialiser of a weight, by its Keras name (TF.js' kernels: glorotNormal). */
function defaultName(name: string, dialect: Dialect): string {
  switch (name) {
    case 'bias': case 'beta': case 'moving_mean': case 'alpha': return 'zeros';
    case 'gamma': case 'moving_variance': return 'ones';
    case 'recurrent_kernel': return 'orthogonal';
    case 'embeddings': return 'uniform';
    case 'kernel': return dialect === 'tfjs' ? 'glorot_normal' : 'glorot_uniform';
    default: return 'glorot_uniform';
  }
}

/** Which layer argument names a weight's initialiser (`depthwise_kernel` -> depthwise_initializer). */
function initializerArg(self: Readonly<Record<string, Value>>, name: string): Value | undefined {
  const key = name === 'recurrent_kernel' ? 'recurrent_initializer' : name === 'embeddings' ? 'embeddings_initializer' : `${name.replace(/_kernel$/, '')}_initializer`;
  return self[key];
}

function sample(id: string, shape: readonly number[], rng: InitRandom, dialect: Dialect): Float32Array | undefined {
  const n = count(shape);
  switch (id.replace(/_/g, '').toLowerCase()) {
    case 'zeros': case 'zero': return new Float32Array(n);
    case 'ones': case 'one': return new Float32Array(n).fill(1);
    case 'glorotuniform': case 'xavieruniform': return varianceScaling(shape, rng, 1, 'avg', 'uniform', dialect);
    case 'glorotnormal': case 'xaviernormal': return varianceScaling(shape, rng, 1, 'avg', 'normal', dialect);
    case 'heuniform': return varianceScaling(shape, rng, 2, 'in', 'uniform', dialect);
    case 'henormal': return varianceScaling(shape, rng, 2, 'in', 'normal', dialect);
    case 'lecununiform': return varianceScaling(shape, rng, 1, 'in', 'uniform', dialect);
    case 'lecunnormal': return varianceScaling(shape, rng, 1, 'in', 'normal', dialect);
    // VarianceScaling's defaults: scale 1, fan in, truncated normal (tfjs initializers.ts, keras variance_scaling).
    case 'variancescaling': return varianceScaling(shape, rng, 1, 'in', 'normal', dialect);
    // Keras' RandomUniform(-0.05, 0.05) / RandomNormal(0, 0.05); TF.js' the same defaults.
    case 'uniform': case 'randomuniform': return rng.uniform(n, -0.05, 0.05);
    case 'normal': case 'randomnormal': return rng.normal(n, 0, 0.05);
    case 'truncatednormal': return truncatedNormal(n, 0.05, rng);
    case 'orthogonal': return orthogonal(shape, rng);
    default: return undefined;
  }
}

/**
 * Keras / TF.js initial weights: the layer's initialiser for that weight when given by a known
 * name, else the framework's default; LSTM's unit_forget_bias sets the forget gate's bias to one.
 * An initialiser given as an object or an unknown name falls back to the default.
 */
export function kerasInit(dialect: Dialect): ParamInit {
  return (self, p: ConcreteParam, rng) => initial(self, p, rng, dialect);
}

function initial(self: Readonly<Record<string, Value>>, p: ConcreteParam, rng: InitRandom, dialect: Dialect): Float32Array | undefined {
  const given = initializerArg(self, p.name);
  const fallback = defaultName(p.name, dialect);
  const id = given && given.kind === 'str' ? given.value : fallback;
  const values = sample(id, p.shape, rng, dialect) ?? sample(fallback, p.shape, rng, dialect);
  if (values && p.name === 'bias' && self.unit_forget_bias && flag(self.unit_forget_bias) && p.shape.length === 1) {
    const units = p.shape[0] / 4;
    values.fill(1, units, 2 * units);
  }
  return values;
}
