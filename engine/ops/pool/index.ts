// The pool family's declarations, listed once for the registry.
import type { OpDecl } from '../op';
import { adaptiveOps } from './adaptive';
import { avgPoolOps } from './avgPool';
import { interpolateOps } from './interpolate';
import { maxPoolOps } from './maxPool';
import { padOps } from './pad';
import { circularPadOps } from './circularPad';
import { shuffleOps } from './shuffle';
import { unpoolOps } from './unpool';

export const poolOps: readonly OpDecl[] = [...maxPoolOps, ...avgPoolOps, ...adaptiveOps, ...shuffleOps, ...padOps, ...circularPadOps, ...interpolateOps, ...unpoolOps];
