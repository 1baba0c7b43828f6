// The layers family's declarations, listed once for the registry.
import type { OpDecl } from '../op';
import { activationOps } from './activations';
import { Bilinear, bilinear } from './bilinear';
import { distanceOps } from './distance';
import { dropoutOps } from './dropout';
import { embeddingOps } from './embedding';
import { layerNormOps } from './layernorm';
import { rmsNormOps } from './rmsnorm';
import { Linear, linear } from './linear';
import { lossOps } from './losses';
import { batchNormOps } from './norm';
import { GLU, glu, LogSoftmax, PReLU, prelu, Softmax, Softmax2d, Softmin } from './dimActivations';
import { Flatten, Identity, Unflatten } from './shapes';
import { DeQuantStub, QuantStub } from './quantStubs';

export const layersOps: readonly OpDecl[] = [
  Linear, linear, Bilinear, bilinear, Identity, Flatten, Unflatten, QuantStub, DeQuantStub,
  ...batchNormOps, ...layerNormOps, ...rmsNormOps, ...dropoutOps, ...activationOps,
  PReLU, prelu, GLU, glu, Softmax, Softmin, LogSoftmax, Softmax2d,
  ...embeddingOps, ...distanceOps, ...lossOps,
];
