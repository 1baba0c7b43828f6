// The initial value of a parameter whose layer declares no `reset`: PyTorch's most common
// pattern (kaiming-uniform weights, zero vectors), so a preview still runs on plausible numbers.
import type { ConcreteParam, InitRandom } from '../ops/lowering';
import { kaimingUniformA5 } from '../ops/common/init';

export function defaultInit(p: ConcreteParam, rng: InitRandom): Float32Array | undefined {
  return p.shape.length >= 2 ? kaimingUniformA5(p.shape, rng) : undefined;
}
