// Layer auto-names, the rule each framework uses when `name` is not given. The frontends own the
// counters (one per analysed program, like the frameworks' global ones); this file owns the rule.
import type { Dialect } from './dialect';

/**
 * Keras: keras/src/utils/naming.py to_snake_case (lines 27-31): drop non-word characters, then
 * `(.)([A-Z][a-z]+)` -> `\1_\2` and `([a-z])([A-Z])` -> `\1_\2`, lower-cased. `Conv2D` -> conv2d,
 * `MaxPooling2D` -> max_pooling2d, `SimpleRNN` -> simple_rnn.
 */
export function kerasSnakeCase(name: string): string {
  return name.replace(/\W+/g, '').replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * TF.js: tfjs-layers/src/utils/generic_utils.ts toSnakeCase: the same two substitutions with
 * `[a-z0-9]+` in the first; a leading `_` becomes `private_`.
 */
export function tfjsSnakeCase(name: string): string {
  const s = name.replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return s[0] === '_' ? `private${s}` : s;
}

/**
 * The name a layer gets without a `name` argument; `counters` is updated.
 *
 * - Keras 3 (keras/src/utils/naming.py auto_name + uniquify, lines 8-24): counters are keyed by
 *   the snake-case name; the first is `dense`, then `dense_1`, `dense_2`.
 * - TF.js (tfjs-layers/src/engine/topology.ts Layer constructor, line 482, and
 *   backend/state.ts getUid): `toSnakeCase(className) + '_' + className + n` with a counter per
 *   class name starting at 1: `dense_Dense1`, `dense_Dense2`, `conv2d_Conv2D1`. An InputLayer is
 *   `input` + n on the counter of the prefix 'input' (tfjs-layers/src/engine/input_layer.ts:52),
 *   which `tf.input()` advances too.
 */
export function autoLayerName(dialect: Dialect, className: string, counters: Map<string, number>): string {
  if (dialect === 'tfjs') {
    const prefix = className === 'InputLayer' ? 'input' : className;
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return className === 'InputLayer' ? `input${n}` : `${tfjsSnakeCase(className)}_${className}${n}`;
  }
  // An InputLayer is auto-named like any layer (Layer.__init__ -> auto_name): input_layer, input_layer_1.
  const base = kerasSnakeCase(className);
  const n = counters.get(base) ?? 0;
  counters.set(base, n + 1);
  return n === 0 ? base : `${base}_${n}`;
}

/** The name messages use when the frontend passed none: what a fresh program would call the layer. */
export function defaultLayerName(dialect: Dialect, className: string): string {
  return autoLayerName(dialect, className, new Map());
}
