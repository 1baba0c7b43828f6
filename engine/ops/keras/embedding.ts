// keras.layers.Embedding: integer ids [N, T] -> vectors [N, T, output_dim]; one weight
// `embeddings` (input_dim, output_dim).
import { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import { constIntArg, isNone, sequenceArg, tensor } from '../args';
import { jsShape, kerasFail, type KerasCtx } from './dialect';
import { positiveInt } from './args';
import { defineLayer } from './layer';
import { lowerEmbedding } from './lowerKeras';

/** keras/src/layers/core/embedding.py:95-118: `input_dim` / `output_dim` positive ints. */
function sizeArg(v: Value, name: string, k: KerasCtx): number {
  const typeName = v.kind === 'int' ? 'int' : v.kind === 'float' ? 'float' : v.kind === 'bool' ? 'bool' : v.kind === 'none' ? 'NoneType' : v.kind === 'str' ? 'str' : 'object';
  if (k.dialect === 'keras' && v.kind !== 'int') {
    kerasFail('keras-config', `\`${name}\` must be a positive integer. Received: ${name}=${v.kind === 'none' ? 'None' : v.kind === 'float' ? String(v.value) : '?'} (of type ${typeName}).`);
  }
  return positiveInt(v, name, k, `\`${name}\` must be a positive integer. Received: ${name}=${v.kind === 'int' ? v.dim : '?'} (of type ${typeName}).`);
}

/**
 * TF.js' inputLength pins the sequence sizes (embeddings.ts Embedding.computeOutputShape);
 * Keras 3 accepts input_length only to warn that it is deprecated (embedding.py:115).
 */
function inputLength(v: Value): Dim[] | undefined {
  if (isNone(v)) return undefined;
  return v.kind === 'list' || v.kind === 'tuple' ? sequenceArg(v).map((x) => (isNone(x) ? Dim.none() : Dim.of(constIntArg(x)))) : [Dim.of(constIntArg(v))];
}

export const Embedding = defineLayer({
  className: 'Embedding', tfjs: ['embedding'],
  init: "input_dim, output_dim, embeddings_initializer='uniform', embeddings_regularizer=None, embeddings_constraint=None, mask_zero=False, weights=None, lora_rank=None, lora_alpha=None, quantization_config=None, *, input_length=None",
  call: 'inputs',
  check(self, k) {
    sizeArg(self.input_dim, 'input_dim', k);
    sizeArg(self.output_dim, 'output_dim', k);
  },
  build: (self, _x, k) => ({ weights: [{ name: 'embeddings', shape: [Dim.of(sizeArg(self.input_dim, 'input_dim', k)), Dim.of(sizeArg(self.output_dim, 'output_dim', k))] }] }),
  output(self, x, k) {
    const shape = x.shapes[0];
    const out = Dim.of(sizeArg(self.output_dim, 'output_dim', k));
    const lengths = k.dialect === 'tfjs' ? inputLength(self.input_length) : undefined;
    if (!lengths) return tensor([...shape, out]);
    const lengthText = lengths.map((d) => (d.isNone ? '' : d.toString())).join(',');
    const bad = () => kerasFail('keras-embedding-length', `"inputLength" is ${lengthText}, but received input shape has shape ${jsShape(shape)}`);
    if (lengths.length !== shape.length - 1) bad();
    const dims = lengths.map((want, i) => {
      const got = shape[i + 1];
      if (!want.isNone && !got.isNone && want.equals(got) === 'no') bad();
      return want.isNone ? got : want;
    });
    return tensor([shape[0], ...dims, out]);
  },
  onnx: lowerEmbedding,
});

export const embeddingLayers = [Embedding];
