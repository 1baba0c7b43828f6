// keras.layers.TextVectorization: strings [N] or [N, 1] -> token ids [N, output_sequence_length]
// (output_mode='int'), or [N, depth] for the multi-hot/count/tf-idf encodings.
import { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import { constIntArg, isNone, strArg, tensor } from '../args';
import { flag } from './args';
import { kerasFail, pyValue } from './dialect';
import { defineLayer } from './layer';

function sequenceLength(v: Value): Dim {
  return isNone(v) ? Dim.none() : Dim.of(constIntArg(v));
}

/**
 * Shapes from keras/src/layers/preprocessing/text_vectorization.py compute_output_shape (lines
 * 376-384) and index_lookup.py (lines 619-636). The encoded width is max_tokens only with
 * pad_to_max_tokens; otherwise it is the size of a vocabulary learnt by adapt(), which no static
 * reading knows.
 */
export const TextVectorization = defineLayer({
  className: 'TextVectorization',
  init: "max_tokens=None, standardize='lower_and_strip_punctuation', split='whitespace', ngrams=None, output_mode='int', output_sequence_length=None, pad_to_max_tokens=False, vocabulary=None, idf_weights=None, sparse=False, ragged=False, encoding='utf-8', name=None",
  call: 'inputs',
  check(self) {
    const mode = strArg(self.output_mode);
    const length = self.output_sequence_length;
    if (mode === 'int' && !isNone(length) && length.kind !== 'int') {
      // text_vectorization.py:306
      kerasFail('keras-config', `\`output_sequence_length\` must be either None or an integer when \`output_mode\` is 'int'. Received: output_sequence_length=${pyValue(length)}`);
    }
    if (mode !== 'int' && !isNone(length)) {
      // text_vectorization.py:313
      kerasFail('keras-config', `\`output_sequence_length\` must not be set if \`output_mode\` is not 'int'. Received output_sequence_length=${pyValue(length)}.`);
    }
  },
  output(self, x) {
    const shape = x.shapes[0];
    const mode = strArg(self.output_mode);
    if (mode === 'int') return tensor([shape[0], sequenceLength(self.output_sequence_length)], 'int64');
    const depth = flag(self.pad_to_max_tokens) && !isNone(self.max_tokens) ? Dim.of(constIntArg(self.max_tokens)) : Dim.unknown();
    // With a split the tokens add an axis; multi_hot/count/tf_idf then reduce the last one.
    const withTokens = isNone(self.split) ? (shape.length <= 1 ? [...shape, Dim.of(1)] : [...shape]) : [...shape, Dim.none()];
    return tensor([...withTokens.slice(0, -1), depth]);
  },
});

export const textLayers = [TextVectorization];
