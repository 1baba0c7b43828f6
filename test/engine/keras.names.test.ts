// Keras catalogue names and signatures against the frameworks: TF.js auto-names as
// @tensorflow/tfjs-layers made them (goldens/keras/names.json); Keras auto-names from running
// keras/src/utils/naming.py, and `__init__`/`call` signatures read from the Keras 3 source
// (goldens/keras/keras_source.json, test/oracle/keras/keras_source_goldens.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KERAS_LAYERS, autoLayerName } from '../../engine/ops/keras';
import { encodeValue, type Json } from '../oracle/goldenCodec';
import { parseLiteral, sig, type Param } from '../../engine/ops/signature';

const dir = path.join(__dirname, '../oracle/goldens/keras');
const tfjsNames = JSON.parse(fs.readFileSync(path.join(dir, 'names.json'), 'utf8')) as [string, string][];
const source = JSON.parse(fs.readFileSync(path.join(dir, 'keras_source.json'), 'utf8')) as {
  autoNames: [string, string][];
  signatures: Record<string, { file: string; init: [string, string, string | null][] | null; call: [string, string, string | null][] | null }>;
};

test('TF.js auto-names: toSnakeCase(class) + _ + class + a per-class counter', () => {
  const counters = new Map<string, number>();
  assert.deepEqual(tfjsNames.map(([cls]) => [cls, autoLayerName('tfjs', cls, counters)]), tfjsNames);
});

test("Keras auto-names: naming.py's to_snake_case and uniquify", () => {
  const counters = new Map<string, number>();
  assert.deepEqual(source.autoNames.map(([cls]) => [cls, autoLayerName('keras', cls, counters)]), source.autoNames);
});

/**
 * Keyword-only parameters we add to a Keras signature, each taken by Keras through **kwargs:
 * LeakyReLU's old `alpha` (leaky_relu.py:39), Embedding's deprecated `input_length`
 * (embedding.py:115) and InputLayer's `input_shape` / `batch_input_shape` (input_layer.py:25-30).
 */
const VIA_KWARGS = new Set(['keras.layers.LeakyReLU:alpha', 'keras.layers.Embedding:input_length', 'keras.layers.InputLayer:input_shape', 'keras.layers.InputLayer:batch_input_shape']);

function literal(text: string | null | undefined): string | undefined {
  if (text === null || text === undefined) return undefined;
  try {
    return JSON.stringify(encodeValue(parseLiteral(text)) as Json);
  } catch {
    return `<${text}>`;
  }
}

function differences(name: string, ours: readonly Param[], theirs: [string, string, string | null][]): string[] {
  const mine = ours.filter((p) => !VIA_KWARGS.has(`${name}:${p.name}`) && p.kind !== 'var-keyword');
  const out: string[] = [];
  const n = Math.max(mine.length, theirs.length);
  for (let i = 0; i < n; i++) {
    const a = mine[i];
    const b = theirs[i];
    if (!a || !b) {
      out.push(`parameter ${i}: ours ${a?.name ?? '(none)'}, Keras ${b?.[0] ?? '(none)'}`);
      continue;
    }
    if (a.name !== b[0]) out.push(`parameter ${i}: ours ${a.name}, Keras ${b[0]}`);
    else if (literal(a.defaultText) !== literal(b[2])) out.push(`${a.name}: default ours ${a.defaultText ?? '(required)'}, Keras ${b[2] ?? '(required)'}`);
  }
  return out;
}

test('every catalogue layer Keras 3 has takes its __init__ and call parameters, in order, with its defaults', () => {
  const problems: string[] = [];
  let compared = 0;
  for (const op of KERAS_LAYERS) {
    const theirs = source.signatures[op.names[0]];
    if (!theirs) continue;
    compared++;
    if (theirs.init) for (const d of differences(op.names[0], sig(op.keras.init).params, theirs.init)) problems.push(`${op.names[0]} __init__ (${theirs.file}): ${d}`);
    if (theirs.call) for (const d of differences(op.names[0], sig(op.keras.call).params, theirs.call)) problems.push(`${op.names[0]} call: ${d}`);
    for (const alias of op.names.slice(1)) if (!source.signatures[alias]) problems.push(`${alias} is not exported by Keras`);
  }
  assert.deepEqual(problems, []);
  // Every layer but tf.keras' ThresholdedReLU is a Keras 3 layer.
  assert.equal(compared, KERAS_LAYERS.length - 1);
});
