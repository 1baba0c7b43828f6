// Reading Keras layer arguments with each framework's validation: int-or-tuple arguments,
// data_format, padding, positive integers. Names are Keras' snake_case; TF.js texts print the
// camelCase config key the TF.js user wrote.
import type { Value } from '../../value';
import { constIntArg, isNone, sequenceArg, strArg } from '../args';
import { giveUp } from '../op';
import { jsonValue, kerasFail, pyValue, type KerasCtx } from './dialect';

export type DataFormat = 'channels_last' | 'channels_first';

/** `kernel_size` -> `kernelSize`: the TF.js name of a config key. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** TF.js' formatAsFriendlyString (tfjs-layers/src/utils/generic_utils.ts). */
function friendly(v: Value): string {
  if (v.kind === 'none') return 'null';
  if (v.kind === 'list' || v.kind === 'tuple') return `[${v.items.map(friendly).join(',')}]`;
  return v.kind === 'str' ? `"${v.value}"` : jsonValue(v);
}

/**
 * A positive integer such as `units` or `filters`. TF.js: generic_utils.assertPositiveInteger
 * ("Expected units to be a positive integer, but got 0."); Keras' texts differ per layer, so the
 * caller gives them.
 */
export function positiveInt(v: Value, name: string, k: KerasCtx, kerasText: string | undefined): number {
  const n = v.kind === 'int' ? v.dim.value : undefined;
  if (n !== undefined && Number.isInteger(n) && n > 0) return n;
  if (v.kind === 'int' && n === undefined) return giveUp('symbolic size');
  if (k.dialect === 'tfjs') kerasFail('keras-config', `Expected ${camelCase(name)} to be a positive integer, but got ${friendly(v)}.`);
  if (kerasText === undefined) return giveUp('no Keras text');
  return kerasFail('keras-config', kerasText);
}

/**
 * An int or a tuple of n ints.
 * Keras: keras/src/utils/argument_validation.py standardize_tuple (lines 1-53).
 * TF.js: tfjs-layers/src/utils/conv_utils.ts normalizeArray.
 */
export function tupleArg(v: Value, n: number, name: string, k: KerasCtx, allowZero = false): number[] {
  if (v.kind === 'int' || v.kind === 'bool') {
    const x = constIntArg(v);
    const out = Array.from({ length: n }, () => x);
    return checkPositive(out, v, name, k, allowZero);
  }
  const items = sequenceArg(v);
  if (items.length !== n) {
    if (k.dialect === 'tfjs') {
      kerasFail('keras-config', `The ${camelCase(name)} argument must be an integer or tuple of ${n} integers. Received: ${items.length} elements.`);
    }
    kerasFail('keras-config', `The \`${name}\` argument must be a tuple of ${n} integers. Received ${name}=${pyValue(v)}`);
  }
  return checkPositive(items.map(constIntArg), v, name, k, allowZero);
}

function checkPositive(values: number[], v: Value, name: string, k: KerasCtx, allowZero: boolean): number[] {
  // TF.js' normalizeArray accepts zeros and negatives; later checks (or none) catch them.
  if (k.dialect === 'tfjs') return values;
  const bad = [...new Set(values.filter((x) => (allowZero ? x < 0 : x <= 0)))];
  if (bad.length === 0) return values;
  // A Python set prints in hash order; with one distinct value there is no order to guess.
  if (bad.length > 1) return giveUp('set order');
  // keras/src/utils/argument_validation.py:48
  return kerasFail('keras-config', `The \`${name}\` argument must be a tuple of ${values.length} integers. Received ${name}=${pyValue(v)}, including values {${bad[0]}} that do not satisfy \`value ${allowZero ? '>= 0' : '> 0'}\``);
}

/**
 * `data_format`: None is the default image_data_format(), channels_last.
 * Keras: keras/src/backend/config.py standardize_data_format (lines 266-276).
 * TF.js: tfjs-layers/src/common.ts checkDataFormat (generic_utils.checkStringTypeUnionValue); the
 * config translation has turned channelsFirst/channelsLast into Keras' spelling already.
 */
export function dataFormatArg(v: Value | undefined, k: KerasCtx): DataFormat {
  if (v === undefined || isNone(v)) return 'channels_last';
  const s = strArg(v);
  const lower = k.dialect === 'keras' ? s.toLowerCase() : s;
  if (lower === 'channels_last' || lower === 'channels_first') return lower;
  if (k.dialect === 'tfjs') kerasFail('keras-config', `${s} is not a valid DataFormat.  Valid values are channelsFirst,channelsLast or null/undefined.`);
  return kerasFail('keras-config', `The \`data_format\` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=${lower}`);
}

export type PaddingMode = 'valid' | 'same' | 'causal';

/**
 * `padding` of convolutions and pools.
 * Keras: keras/src/utils/argument_validation.py standardize_padding (lines 56-70): lower-cased;
 * its error prints a Python set of the allowed values, in an order that varies run to run, so an
 * invalid value gives no hint here. TF.js: common.ts checkPaddingMode.
 */
export function paddingArg(v: Value, k: KerasCtx, allowCausal: boolean): PaddingMode {
  const s = strArg(v);
  if (k.dialect === 'tfjs') {
    if (s === 'valid' || s === 'same' || s === 'causal') return s;
    return kerasFail('keras-config', `${s} is not a valid PaddingMode.  Valid values are valid,same,causal or null/undefined.`);
  }
  const lower = s.toLowerCase();
  if (lower === 'valid' || lower === 'same' || (allowCausal && lower === 'causal')) return lower;
  return giveUp('invalid padding');
}

/** A boolean argument (None counts as false, as Python's truthiness does). */
export function flag(v: Value | undefined): boolean {
  if (v === undefined || isNone(v)) return false;
  if (v.kind === 'bool') return v.value;
  if (v.kind === 'int' && v.dim.value !== undefined) return v.dim.value !== 0;
  return giveUp('expected a bool');
}

/** An int axis (negative allowed). */
export function axisArg(v: Value): number {
  return constIntArg(v);
}
