// The reshape family's declarations, listed once for the registry.
import type { OpDecl } from '../op';
import { expand, expandAs, repeat, tile, tileMethod } from './expand';
import { gather, indexSelect, scatter, scatterAdd, takeAlongDim } from './gather';
import { getItem } from './getitem';
import { meshgrid } from './meshgrid';
import { repeatInterleave, repeatInterleaveMethod } from './repeatInterleave';
import { cat, dstack, hstack, stack, vstack } from './join';
import { maskedFill, maskedSelect, nonzero, where, whereMethod } from './mask';
import { clone, contiguous, detach, dim, flip, flipMethod, numelOp, roll, size, to, toBool, toDouble, toFloat, toHalf, toInt, toLong, tril, trilMethod, triu, triuMethod, type, typeAs } from './misc';
import { movedim, permute, permuteMethod, swapaxes, t, transpose } from './permute';
import { chunk, narrow, select, split, splitMethod, tensorSplit, unbind } from './split';
import { squeeze, unsqueeze } from './squeeze';
import { flatten, reshape, reshapeMethod, unflatten, view, viewAs } from './view';
import { unfoldWindows } from './unfoldWindows';
import { padSequence } from './padSequence';

export const reshapeOps: readonly OpDecl[] = [
  view, reshape, reshapeMethod, viewAs, flatten, unflatten,
  squeeze, unsqueeze,
  permute, permuteMethod, transpose, swapaxes, t, movedim,
  expand, expandAs, repeat, tile, tileMethod, repeatInterleave, repeatInterleaveMethod, meshgrid,
  cat, stack, hstack, vstack, dstack, padSequence,
  split, splitMethod, chunk, tensorSplit, unbind, narrow, select, unfoldWindows,
  getItem,
  gather, scatter, scatterAdd, indexSelect, takeAlongDim,
  maskedFill, maskedSelect, where, whereMethod, nonzero,
  roll, flip, flipMethod, tril, triu, trilMethod, triuMethod, contiguous, clone, detach,
  toFloat, toLong, toInt, toHalf, toDouble, toBool, to, type, typeAs,
  size, dim, numelOp,
];
