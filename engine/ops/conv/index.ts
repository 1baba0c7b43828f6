// The conv family's declarations, listed once for the registry.
import type { OpDecl } from '../op';

export const convOps: readonly OpDecl[] = [];
