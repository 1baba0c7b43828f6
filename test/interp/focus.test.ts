// An analysis focused on a range (the lines an editor shows) runs only the statements that range
// depends on, and its hints inside the range are exactly the full analysis's: checked on every
// fixture program (Python and TF.js) for windows of 15 lines across the whole file.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeModule } from '../../engine/interp/analysis';
import { hintLabel } from '../../engine/interp/record';
import { initFrontends, frontendForPath } from '../../server/frontends';
import { LineIndex } from '../../server/lineIndex';
import { syntheticTfjsFile } from '../bench/syntheticTfjs';

const root = path.join(__dirname, '..', '..');
const files = [
  ...fs.readdirSync(path.join(root, 'test/fixtures/tfjs')).filter((f) => /\.(ts|js|mjs|cjs)$/.test(f)).map((f) => `test/fixtures/tfjs/${f}`),
  ...fs.readdirSync(path.join(root, 'test/fixtures/python')).filter((f) => f.endsWith('.py') && f !== 'resnet_import.py').map((f) => `test/fixtures/python/${f}`),
];

before(async () => {
  await initFrontends();
});

function windows(text: string): { start: number; end: number }[] {
  const index = new LineIndex(text);
  const lines = text.split('\n').length;
  const out: { start: number; end: number }[] = [];
  for (let l = 0; l < lines; l += 7) out.push({ start: index.offset({ line: l, character: 0 }), end: index.offset({ line: Math.min(lines - 1, l + 15), character: 0 }) });
  return out;
}

function check(name: string, text: string): { focused: number; windows: number } {
  const ir = frontendForPath(name)!.lower(text, name);
  const full = analyzeModule(ir).hints;
  let focused = 0;
  const ws = windows(text);
  for (const w of ws) {
    const r = analyzeModule(ir, { focus: w });
    if (r.focus) focused++;
    const inside = (hs: typeof full): string[] => hs.filter((h) => h.range.start >= w.start && h.range.start <= w.end).map((h) => `${h.range.start} ${h.name}: ${hintLabel(h)}`);
    assert.deepEqual(inside(r.hints), inside(full), `${name} window ${w.start}-${w.end}`);
  }
  return { focused, windows: ws.length };
}

for (const rel of files) {
  test(`focused hints of ${rel} are the full analysis's`, () => {
    check(rel, fs.readFileSync(path.join(root, rel), 'utf8'));
  });
}

test('the bench file is sliced for almost every window', () => {
  const { focused, windows: n } = check('models.ts', syntheticTfjsFile(600));
  assert.ok(focused >= n * 0.9, `${focused} of ${n} windows sliced`);
});
