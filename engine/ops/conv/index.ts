// The conv family's declarations, listed once for the registry.
import type { OpDecl } from '../op';
import { Conv1d, Conv2d, Conv3d, conv1d, conv2d, conv3d } from './conv';
import { Fold, fold, Unfold, unfold } from './fold';
import { ConvTranspose1d, ConvTranspose2d, ConvTranspose3d, conv_transpose1d, conv_transpose2d, conv_transpose3d } from './convTranspose';

export const convOps: readonly OpDecl[] = [
  Conv1d, Conv2d, Conv3d, conv1d, conv2d, conv3d,
  ConvTranspose1d, ConvTranspose2d, ConvTranspose3d, conv_transpose1d, conv_transpose2d, conv_transpose3d,
  Fold, fold, Unfold, unfold,
];
