// The Keras layer catalogue (keras.layers.*), shared by the Keras Python and TF.js frontends.
import type { OpDecl } from '../op';
import { convLayers } from './conv';
import type { KerasLayerOp } from './layer';
import { tfjsFactoryMap } from './tfjs';

export const KERAS_LAYERS: readonly KerasLayerOp[] = [...convLayers];

export const kerasOps: readonly OpDecl[] = KERAS_LAYERS;

/** `tf.layers.dense` -> keras.layers.Dense, for every layer TF.js has. */
export const TFJS_LAYERS: ReadonlyMap<string, KerasLayerOp> = tfjsFactoryMap(KERAS_LAYERS);

export { tfjsConfigToKwargs } from './tfjs';
export { callLayer, isBuilt, isKerasLayer, kerasParamCount } from './layer';
export { autoLayerName } from './naming';
