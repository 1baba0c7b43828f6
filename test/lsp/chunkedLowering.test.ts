// The server lowers a file chunk by chunk (one per top-level statement, reused across edits);
// on well-formed files that must be exactly the whole-file lowering, offsets included.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initPythonParser, PythonDocument } from '../../server/frontends/python/parser';
import { ChunkedLowering, shifted } from '../../server/frontends/python/chunkedLowering';
import { syntheticModelFile } from '../bench/syntheticModel';
import { ROOT } from './support/buildServer';

before(async () => {
  await initPythonParser();
});

const files = ['examples', 'test/fixtures/python', 'test/lsp/fixtures'].flatMap((d) =>
  fs.readdirSync(path.join(ROOT, d)).filter((f) => f.endsWith('.py')).map((f) => path.join(d, f)),
);

test('chunked lowering equals whole-file lowering on every fixture', () => {
  assert.ok(files.length > 5);
  for (const rel of files) {
    const doc = new PythonDocument(fs.readFileSync(path.join(ROOT, rel), 'utf8'));
    try {
      assert.deepEqual(new ChunkedLowering().lower(doc.text, doc.tree), doc.lower(), rel);
    } finally {
      doc.dispose();
    }
  }
});

test('after edits that move chunks, reused chunks sit at their new offsets', () => {
  const doc = new PythonDocument(syntheticModelFile(400));
  const chunked = new ChunkedLowering();
  try {
    chunked.lower(doc.text, doc.tree);
    // Lines added near the top shift every chunk after them; then a change in the middle.
    doc.applyEdit({ start: doc.text.indexOf('class Net1('), end: doc.text.indexOf('class Net1('), text: 'extra = 1\n\n' });
    assert.deepEqual(chunked.lower(doc.text, doc.tree), doc.lower());
    const mid = doc.text.indexOf('x = self.pool(x)', doc.text.length / 2);
    doc.applyEdit({ start: mid, end: mid + 1, text: 'yy' });
    assert.deepEqual(chunked.lower(doc.text, doc.tree), doc.lower());
  } finally {
    doc.dispose();
  }
});

test('shifted moves ranges only: a slice\'s start expression is not a range', () => {
  const slice = { k: 'slice', start: { k: 'num', value: 1, isFloat: false, range: { start: 3, end: 4 } }, range: { start: 2, end: 6 } };
  assert.deepEqual(shifted(slice, 10), { k: 'slice', start: { k: 'num', value: 1, isFloat: false, range: { start: 13, end: 14 } }, range: { start: 12, end: 16 } });
});
