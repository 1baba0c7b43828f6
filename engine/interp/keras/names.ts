// The only thing that differs between Keras Python and TF.js for layer and model objects: what
// their members are called (`get_layer` / `getLayer`, `count_params` / `countParams`). The
// semantics (model.ts, layer.ts) use these member kinds; each framework's API file maps its names.
import type { Dialect } from '../../ops/op';
import type { Framework } from '../../value';

export type LayerMember =
  | 'apply' | 'call' | 'name' | 'getClassName' | 'getConfig' | 'countParams' | 'weights' | 'trainableWeights'
  | 'nonTrainableWeights' | 'getWeights' | 'setWeights' | 'output' | 'input' | 'outputShape' | 'inputShape' | 'built'
  | 'trainable' | 'dispose' | 'build' | 'computeOutputShape';

export type ModelMember =
  | LayerMember | 'add' | 'pop' | 'predict' | 'predictOnBatch' | 'fit' | 'fitDataset' | 'evaluate' | 'compile' | 'summary'
  | 'layers' | 'getLayer' | 'inputs' | 'outputs' | 'save' | 'trainOnBatch';

export interface KerasApi {
  readonly dialect: Dialect;
  /** How tensors of this framework print (`[null, 10]` for TF.js). */
  readonly framework: Framework;
  readonly layerMembers: ReadonlyMap<string, LayerMember>;
  readonly modelMembers: ReadonlyMap<string, ModelMember>;
  /** How a layer kind is written in this framework (`tf.layers.dense`), for messages and hovers. */
  layerLabel(factory: string): string;
}
