// The math family's declarations, listed once for the registry.
import type { OpDecl } from '../op';
import { elementwiseOps } from './elementwise';
import { matmulOps } from './matmul';
import { reduceOps } from './reduce';
import { softmaxOps } from './softmax';
import { clampOps } from './clamp';
import { addcmulOps } from './addcmul';
import { sortOps } from './sort';
import { einsum } from './einsum';
import { creationOps } from './creation';
import { unaryOps } from './unary';
import { complexOps } from './complex';
import { fftOps } from './fft';

export const mathOps: readonly OpDecl[] = [...matmulOps, ...elementwiseOps, ...unaryOps, ...reduceOps, ...softmaxOps, ...clampOps, ...addcmulOps, ...sortOps, einsum, ...creationOps, ...complexOps, ...fftOps];
