// PyTorch's default parameter initialisers (torch.nn.init), as distributions over a seeded
// generator: the executor's weights follow the same laws as a freshly built PyTorch model.
import type { ConcreteParam, InitRandom, ParamInit } from '../lowering';

function count(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** torch.nn.init._calculate_fan_in_and_fan_out: fan_in = size(1) * receptive field. */
export function fanIn(shape: readonly number[]): number {
  if (shape.length < 2) return shape[0] ?? 1;
  return shape[1] * count(shape.slice(2));
}

export function fanOut(shape: readonly number[]): number {
  if (shape.length < 2) return shape[0] ?? 1;
  return shape[0] * count(shape.slice(2));
}

/** kaiming_uniform_(w, a=sqrt(5)): bound = sqrt(6 / ((1 + a^2) fan_in)) = 1 / sqrt(fan_in). */
export function kaimingUniformA5(shape: readonly number[], rng: InitRandom): Float32Array {
  const fi = fanIn(shape);
  const bound = fi > 0 ? Math.sqrt(6 / (6 * fi)) : 0;
  return rng.uniform(count(shape), -bound, bound);
}

/** uniform(-1/sqrt(fan_in), 1/sqrt(fan_in)) with the fan-in of another tensor (Linear/Conv bias). */
export function fanInUniform(shape: readonly number[], fanInOf: readonly number[], rng: InitRandom): Float32Array {
  const fi = fanIn(fanInOf);
  const bound = fi > 0 ? 1 / Math.sqrt(fi) : 0;
  return rng.uniform(count(shape), -bound, bound);
}

export function xavierUniform(shape: readonly number[], rng: InitRandom, gain = 1): Float32Array {
  const bound = gain * Math.sqrt(6 / (fanIn(shape) + fanOut(shape)));
  return rng.uniform(count(shape), -bound, bound);
}

export function filled(shape: readonly number[], value: number): Float32Array {
  return new Float32Array(count(shape)).fill(value);
}

/**
 * Linear, Conv, ConvTranspose, Bilinear-style layers: `weight` kaiming-uniform(a=sqrt(5)), `bias`
 * uniform with the weight's fan-in (PyTorch's reset_parameters of _ConvNd and Linear).
 */
export const weightAndBiasInit: ParamInit = (_self, p, rng, all) => {
  const weight = all.find((q) => q.name === 'weight');
  if (p.name === 'weight') return kaimingUniformA5(p.shape, rng);
  if (p.name === 'bias' && weight) return fanInUniform(p.shape, weight.shape, rng);
  return undefined;
};

/** Norm layers: weight ones, bias zeros, running_var ones, running_mean zeros. */
export const normInit: ParamInit = (_self, p: ConcreteParam) => {
  if (p.name === 'weight' || p.name === 'running_var') return filled(p.shape, 1);
  return undefined;
};
