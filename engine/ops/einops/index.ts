// The einops declarations (functions and torch layers), listed once for the registry.
import type { OpDecl } from '../op';
import { EinMix } from './einmix';
import { einsum } from './einsum';
import { Rearrange, Reduce } from './layers';
import { pack, unpack } from './pack';
import { parseShape } from './parseShape';
import { rearrange, reduce, repeat } from './transform';

export const einopsOps: readonly OpDecl[] = [rearrange, reduce, repeat, pack, unpack, einsum, parseShape, Rearrange, Reduce, EinMix];
