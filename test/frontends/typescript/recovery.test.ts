// Half-typed code: a broken line in the middle of a file must not take the statements after it.
// Each case inserts one damaged line between good ones and checks that the later statements are
// lowered as if the line were absent, and that the parse error is still reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lower, rendered } from './support';

const BEFORE = "import * as tf from '@tensorflow/tfjs';\nconst p = tf.zeros([2, 3]);\n";
const AFTER = 'const after1 = tf.ones([4, 5]);\nconst after2 = after1.reshape([20]);\n';
const BROKEN = [
  'const x = model.',
  'const y = tf.layers.dense({units:',
  'model.add(tf.layers.dense({units: 10',
  'const z = ',
  'const a = tf.matMul(x, w',
  'if (x.shape[0] > ',
  'for (const t of ',
  'function f(a, ',
  'class A extends tf.layers.Layer {',
  'const s = `unterminated',
  'const w = tf.tidy(() => {',
  'const q = [1, 2,',
  'const r = p.reshape([3, 2]).sum(',
  'model.compile({optimizer: "adam", loss: ',
  '}}}',
  'else {',
];

const tail = (src: string): string[] => rendered(src).filter((l) => l.startsWith('after'));

for (const line of BROKEN) {
  test(`after \`${line}\` the rest of the file is kept`, () => {
    const src = `${BEFORE}${line}\n${AFTER}`;
    assert.deepEqual(tail(src), ['after1 = tf.ones([4, 5])', 'after2 = after1.reshape([20])']);
    assert.ok(lower(src).syntaxErrors.length > 0, 'the error is still reported');
  });
}

test('a broken line inside a function keeps the function and what follows', () => {
  const src = `${BEFORE}function build() {\n  const x = p.\n  for (const t of \n  return p.reshape([6]);\n}\nconst out = build();\n`;
  const lines = rendered(src);
  assert.ok(lines.some((l) => l.includes('return p.reshape([6])')), lines.join('\n'));
  assert.ok(lines.includes('out = build()'), lines.join('\n'));
});

test('a file without errors is parsed once, as written', () => {
  const src = `${BEFORE}${AFTER}`;
  assert.deepEqual(lower(src).syntaxErrors, []);
});
