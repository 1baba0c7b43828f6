// The checks Flux's containers make before running their layers (Flux.jl src/layers/basic.jl),
// as declarations so their errors are reported like any layer's.
import { NONE } from '../../value';
import { constIntArg } from '../args';
import { defineFunction } from '../op';
import { argumentError } from './julia';

/** `_parallel_check` (basic.jl:583-589) and `(m::Parallel)()` (basic.jl:604). */
export const parallelCheck = defineFunction({
  names: ['Flux._parallel_check'],
  signature: 'nl, nx',
  rule({ nl, nx }) {
    const layers = constIntArg(nl);
    const inputs = constIntArg(nx);
    if (inputs === 0) argumentError('parallel-inputs', 'Parallel layer cannot take 0 inputs');
    if (layers > 1 && inputs > 1 && layers !== inputs) {
      argumentError('parallel-inputs', `Parallel with ${layers} > 1 sub-layers can take one input or ${layers} inputs, but got ${inputs} inputs`);
    }
    return NONE;
  },
});

export const containerOps = [parallelCheck];
