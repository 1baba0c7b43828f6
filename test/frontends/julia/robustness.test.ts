// Half-typed Julia never breaks the analysis: every fixture cut at many points (mid-line,
// mid-bracket, mid-block) and with random characters deleted is lowered and analysed without an
// exception, and a cut keeps the hints of the statements before it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initFrontends } from '../../../server/frontends';
import { analyzeText } from '../../../server/analyzeFile';
import { mulberry32 } from '../../support/random';

const dir = path.join(__dirname, '..', '..', 'fixtures', 'flux');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jl')).sort();

before(async () => {
  await initFrontends();
});

for (const f of files) {
  test(`cuts and deletions of ${f} analyse without throwing`, () => {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    const random = mulberry32(f.length * 7919);
    const full = analyzeText(text, { fileName: f });
    for (let i = 0; i < 25; i++) {
      const cut = Math.floor(random() * text.length);
      const prefix = text.slice(0, cut);
      const r = analyzeText(prefix, { fileName: f });
      // Top-level assignments that ended two lines before the cut keep their hints (hints inside
      // functions come from calls later in the file, which the cut may remove).
      const safe = prefix.lastIndexOf('\n', prefix.lastIndexOf('\n') - 1);
      for (const h of full.hints.filter((x) => x.range.end < safe && text.lastIndexOf('\n', x.range.start) === x.range.start - 1)) {
        if (!r.hints.some((y) => y.range.start === h.range.start && y.name === h.name)) assert.fail(`${f} cut at ${cut}: lost the hint of ${h.name} at ${h.range.start}`);
      }
      const at = Math.floor(random() * text.length);
      analyzeText(text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 8)), { fileName: f });
    }
  });
}
