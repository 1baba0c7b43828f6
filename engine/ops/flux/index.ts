// Flux's declarations (Flux.jl layers, NNlib functions, Julia's array functions), listed once for
// the registry. Shapes are Flux's WHCN order; every array they make is marked as Flux's.
import type { OpDecl } from '../op';
import { arrayOps } from './arrays';
import { containerOps } from './containers';
import { convOps } from './conv';
import { denseOps } from './dense';
import { nnlibOps } from './nnlib';
import { normOps } from './norm';
import { poolOps } from './pool';
import { recurrentOps } from './recurrent';

export const fluxOps: readonly OpDecl[] = [...denseOps, ...convOps, ...poolOps, ...normOps, ...recurrentOps, ...nnlibOps, ...arrayOps, ...containerOps];
