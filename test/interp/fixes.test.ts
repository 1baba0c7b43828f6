// Every quick fix the analysis offers on the fixture files, applied to the text: the diagnostic
// it fixes is gone afterwards (same code, same line), and the file still analyses.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initPythonParser } from '../../server/frontends/python/parser';
import { analyzePythonText } from '../../server/analyzeFile';
import type { Fix, ShapeDiagnostic } from '../../engine/interp/record';

const root = path.join(__dirname, '..', '..');
const files = [
  ...fs.readdirSync(path.join(root, 'test/fixtures/python')).map((f) => `test/fixtures/python/${f}`),
  ...fs.readdirSync(path.join(root, 'examples')).map((f) => `examples/${f}`),
].filter((f) => f.endsWith('.py')).sort();

before(async () => {
  await initPythonParser();
});

function applyFix(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.range.start - a.range.start);
  return edits.reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), text);
}

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

for (const file of files) {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  test(`fixes in ${file} remove their diagnostic`, () => {
    const { diagnostics } = analyzePythonText(text);
    for (const d of diagnostics) {
      for (const fix of d.fixes) {
        const fixed = applyFix(text, fix);
        const after = analyzePythonText(fixed).diagnostics;
        const same = (x: ShapeDiagnostic): boolean => x.code === d.code && lineOf(fixed, x.range.start) === lineOf(text, d.range.start);
        assert.equal(after.some(same), false, `${file}: '${fix.title}' left ${d.code} at line ${lineOf(text, d.range.start)}`);
      }
    }
  });
}

test('the fixtures exercise in_features, view sizes and LazyLinear fixes', () => {
  const titles = files.flatMap((f) => analyzePythonText(fs.readFileSync(path.join(root, f), 'utf8')).diagnostics.flatMap((d) => d.fixes.map((x) => x.title)));
  for (const pattern of [/^Set in_features to \d+$/, /^Set in_features to \d+ \* \d+ \* \d+$/, /^Use \d+, the size of each sample$/, /^Use nn\.LazyLinear/]) {
    assert.ok(titles.some((t) => pattern.test(t)), `no fix matching ${pattern}: ${JSON.stringify(titles)}`);
  }
});
