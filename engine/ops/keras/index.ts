// The Keras layer catalogue (keras.layers.*), shared by the Keras Python and TF.js frontends.
import type { OpDecl } from '../op';
import { activationLayers } from './activations';
import { attentionLayers } from './attention';
import { convLayers } from './conv';
import { coreLayers } from './core';
import { embeddingLayers } from './embedding';
import { Input, inputLayers } from './input';
import { mergeLayers } from './merge';
import { normalizationLayers } from './normalization';
import { spatialLayers } from './spatial';
import { textLayers } from './textVectorization';
import { wrapperLayers } from './wrappers';
import { poolingLayers } from './pooling';
import { recurrentLayers } from './recurrent';
import { reshapingLayers } from './reshaping';
import type { KerasLayerOp } from './layer';
import { tfjsFactoryMap } from './tfjs';

export const KERAS_LAYERS: readonly KerasLayerOp[] = [...coreLayers, ...convLayers, ...poolingLayers, ...reshapingLayers, ...mergeLayers, ...activationLayers, ...normalizationLayers, ...embeddingLayers, ...spatialLayers, ...recurrentLayers, ...wrapperLayers, ...attentionLayers, ...textLayers, ...inputLayers];

export const kerasOps: readonly OpDecl[] = [...KERAS_LAYERS, Input];

/** `tf.layers.dense` -> keras.layers.Dense, for every layer TF.js has. */
export const TFJS_LAYERS: ReadonlyMap<string, KerasLayerOp> = tfjsFactoryMap(KERAS_LAYERS);

export { tfjsConfigToKwargs } from './tfjs';
export { callLayer, isBuilt, isKerasLayer, kerasParamCount } from './layer';
export { autoLayerName } from './naming';
