// An open document re-parsed incrementally and lowered chunk by chunk gives exactly the IR of
// lowering its whole text afresh, after every edit of a seeded random sequence (inserting,
// deleting and replacing text, breaking and repairing lines, moving statements up and down).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TypeScriptDocument } from '../../../server/frontends/typescript/document';
import { lowerTypeScript } from '../../../server/frontends/typescript/lower';
import { mulberry32, randomInt } from '../../support/random';

const root = path.join(__dirname, '..', '..', '..');
const SNIPPETS = ['x', '\n', 'const q = tf.zeros([3]);\n', '(', '}', ' ', '2', '// note\n', 'function g() { return 1; }\n', '`'];

for (const name of ['tensor_ops.ts', 'custom_layer.ts', 'mnist_convnet.ts']) {
  test(`incremental lowering of ${name} equals lowering from scratch`, () => {
    let text = fs.readFileSync(path.join(root, 'test', 'fixtures', 'tfjs', name), 'utf8');
    const doc = new TypeScriptDocument(text, name);
    const rand = mulberry32(name.length);
    for (let k = 0; k < 120; k++) {
      const start = randomInt(rand, 0, text.length);
      const end = Math.min(text.length, start + randomInt(rand, 0, 12));
      const insert = rand() < 0.6 ? SNIPPETS[randomInt(rand, 0, SNIPPETS.length - 1)] : '';
      doc.applyEdit({ start, end, text: insert });
      text = text.slice(0, start) + insert + text.slice(end);
      assert.equal(doc.text, text);
      assert.deepEqual(doc.lower(), lowerTypeScript(text, name), `after edit ${k}`);
    }
  });
}
