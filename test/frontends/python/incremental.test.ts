// Incremental re-parse: after applyEdit (UTF-16 offsets into the old text) the tree and the
// lowered IR equal those of a fresh parse of the new text, also around non-ASCII characters.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PythonDocument } from '../../../server/frontends/python/parser';
import { mulberry32, randomInt } from '../../support/random';
import { modelSource } from './fixtures/bigModel';
import { lower, ready } from './support';

before(ready);

function assertSameAsFresh(doc: PythonDocument): void {
  const fresh = new PythonDocument(doc.text);
  try {
    assert.equal(doc.tree.rootNode.toString(), fresh.tree.rootNode.toString());
    assert.deepEqual(doc.lower(), lower(doc.text));
  } finally {
    fresh.dispose();
  }
}

test('typing a line into a method, then deleting it again', () => {
  const src = modelSource();
  const doc = new PythonDocument(src);
  const at = src.indexOf('        attn = attn.softmax(dim=-1)');
  const typed = '        y = self.proj(x)\n';
  for (let i = 0; i < typed.length; i++) {
    doc.applyEdit({ start: at + i, end: at + i, text: typed[i]! });
    if (i % 7 === 0) assertSameAsFresh(doc);
  }
  assertSameAsFresh(doc);
  doc.applyEdit({ start: at, end: at + typed.length, text: '' });
  assert.equal(doc.text, src);
  assertSameAsFresh(doc);
  doc.dispose();
});

test('edits after é and emoji use UTF-16 offsets', () => {
  const src = "s = 'é😀'  # ü 😀\nx = f(1)\n";
  const doc = new PythonDocument(src);
  const at = src.indexOf('1)');
  doc.applyEdit({ start: at, end: at + 1, text: 'a, 😀b' });
  assert.equal(doc.text, "s = 'é😀'  # ü 😀\nx = f(a, 😀b)\n");
  assertSameAsFresh(doc);
  doc.applyEdit({ start: 5, end: 8, text: '' }); // 'é😀' is three UTF-16 units
  assertSameAsFresh(doc);
  doc.applyEdit({ start: 0, end: 0, text: '# 🎉\n' });
  assertSameAsFresh(doc);
  doc.dispose();
});

test('multi-line replacements and a whole-text reset', () => {
  const doc = new PythonDocument('a = 1\nb = 2\nc = 3\n');
  doc.applyEdit({ start: 4, end: 11, text: '[\n  1,\n  2]\nd = 4' });
  assert.equal(doc.text, 'a = [\n  1,\n  2]\nd = 4\nc = 3\n');
  assertSameAsFresh(doc);
  doc.setText('def f(:\n');
  assertSameAsFresh(doc);
  assert.throws(() => doc.applyEdit({ start: 5, end: 100, text: '' }), RangeError);
  doc.dispose();
});

test('200 seeded random edits keep the incremental tree equal to a fresh parse', () => {
  const rand = mulberry32(7);
  const doc = new PythonDocument(modelSource());
  const snippets = ['x', ' ', '\n', '(', ')', 'self.', '    ', 'é', '😀', '# c\n', 'def g(a):\n    return a\n', ':', ','];
  for (let i = 0; i < 200; i++) {
    const len = doc.text.length;
    const start = randomInt(rand, 0, len);
    const end = Math.min(len, start + randomInt(rand, 0, 12));
    const text = rand() < 0.6 ? snippets[randomInt(rand, 0, snippets.length - 1)]! : '';
    // Never split a surrogate pair: editors do not produce such edits.
    const splitsPair = (o: number): boolean => o > 0 && o < len && /[\uDC00-\uDFFF]/.test(doc.text[o]!);
    if (splitsPair(start) || splitsPair(end)) continue;
    doc.applyEdit({ start, end, text });
    if (i % 10 === 0) assertSameAsFresh(doc);
  }
  assertSameAsFresh(doc);
  doc.dispose();
});
