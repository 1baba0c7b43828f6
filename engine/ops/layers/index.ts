// The layers family's declarations, listed once for the registry.
import type { OpDecl } from '../op';
import { Linear, linear } from './linear';

export const layersOps: readonly OpDecl[] = [Linear, linear];
