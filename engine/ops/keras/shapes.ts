// Shape helpers of the Keras rules: Keras and TF.js turn any size computed from an unknown (None)
// size into None, and place channels last unless data_format says first.
import type { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { DataFormat } from './args';

/** `f(d)`, or None when `d` is None (every Keras shape rule treats None so). */
export function mapKnown(d: Dim, f: (d: Dim) => Dim): Dim {
  return d.isNone ? d : f(d);
}

/** Index of the channel axis of a rank-`ndim` input. */
export function channelAxis(ndim: number, format: DataFormat): number {
  return format === 'channels_first' ? 1 : ndim - 1;
}

/** The `n` spatial sizes of an input (after batch; before or after channels). */
export function spatialDims(shape: Shape, format: DataFormat, n?: number): Dim[] {
  const dims = format === 'channels_first' ? shape.slice(2) : shape.slice(1, shape.length - 1);
  return n === undefined ? dims : dims.slice(0, n);
}

/** Batch, spatial sizes and channels put back in the data format's order. */
export function withSpatial(batch: Dim, spatial: readonly Dim[], channels: Dim, format: DataFormat): Dim[] {
  return format === 'channels_first' ? [batch, channels, ...spatial] : [batch, ...spatial, channels];
}
