// Edits that break a function and repair it again: hints of the functions not touched stay as
// they were (moved with the lines), and after the repair every hint is back.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { InlayHint, Range } from 'vscode-languageserver-protocol';
import { syntheticModelFile } from '../bench/syntheticModel';
import { LspTestClient } from './support/lspClient';
import { applyEdits, rangeOfText } from './support/textEdits';

let client: LspTestClient;
const uri = 'untitled:edited_models.py';
const original = syntheticModelFile(300);
let text = original;

before(async () => {
  client = await LspTestClient.start();
  await client.open(uri, text);
});

after(async () => {
  await client.stop();
});

async function edit(range: Range, newText: string): Promise<void> {
  text = applyEdits(text, [{ range, newText }]);
  await client.change(uri, [{ range, text: newText }]);
}

const show = (h: InlayHint): string => `${h.position.line}:${h.position.character} ${h.label as string}`;

/** Lines of class Net<i> up to the next class, and its call line (`out<i> = ...`). */
function linesOf(source: string, i: number): Set<number> {
  const start = rangeOfText(source, `class Net${i}(`).start.line;
  const next = source.indexOf(`class Net${i + 1}(`);
  const end = next < 0 ? source.split('\n').length : rangeOfText(source, `class Net${i + 1}(`).start.line;
  return new Set(Array.from({ length: end - start }, (_, k) => start + k));
}

const cases: { name: string; anchor: string; broken: string }[] = [
  { name: 'an unclosed call', anchor: '        x = self.pool(x)\n', broken: '        y = self.conv2(x,\n' },
  { name: 'a half-typed attribute', anchor: '        x = self.pool(x)\n', broken: '        y = x.\n' },
  { name: 'a stray dedent and keyword', anchor: '        x = self.pool(x)\n', broken: 'def\n' },
  { name: 'an unterminated string', anchor: '        x = self.pool(x)\n', broken: '        s = "abc\n' },
];

for (const c of cases) {
  test(`breaking Net3 with ${c.name} keeps the other models' hints; repairing restores all`, async () => {
    const before = ((await client.inlayHints(uri)) ?? []).map(show);
    assert.ok(before.length > 50);
    const touched = linesOf(text, 3);
    // The anchor inside Net3: its first occurrence after `class Net3(`.
    const nth = text.slice(0, text.indexOf(`class Net3(`)).split(c.anchor).length - 1;
    const insertAt = rangeOfText(text, c.anchor, nth).start;
    assert.ok(touched.has(insertAt.line));
    await edit({ start: insertAt, end: insertAt }, c.broken);
    const inserted = c.broken.split('\n').length - 1;
    const broken = ((await client.inlayHints(uri)) ?? []).map(show);
    // Hints outside Net3 (and the lines after its call), moved down by the inserted lines.
    const expectedUntouched = before
      .filter((h) => !touched.has(Number(h.split(':')[0])) && !h.includes(`out3`))
      .map((h) => {
        const line = Number(h.split(':')[0]);
        return line > insertAt.line ? h.replace(/^\d+/, String(line + inserted)) : h;
      });
    const touchedAfter = new Set([...touched].map((l) => (l >= insertAt.line ? l + inserted : l)));
    for (let k = 0; k < inserted; k++) touchedAfter.add(insertAt.line + k);
    assert.deepEqual(broken.filter((h) => !touchedAfter.has(Number(h.split(':')[0]))), expectedUntouched);
    // Repair: delete what was inserted.
    await edit({ start: insertAt, end: { line: insertAt.line + inserted, character: 0 } }, '');
    assert.equal(text, original);
    assert.deepEqual(((await client.inlayHints(uri)) ?? []).map(show), before);
  });
}

test('typing a new line character by character: other models keep their hints at every step', async () => {
  const before = ((await client.inlayHints(uri)) ?? []).map(show);
  const nth = text.slice(0, text.indexOf('class Net5(')).split('        x = self.pool(x)\n').length - 1;
  const at = rangeOfText(text, '        x = self.pool(x)\n', nth).start;
  const touched = linesOf(text, 5);
  const line = '        z = torch.cat([x, x], dim=1).mean((2, 3))\n';
  const unaffected = (hs: string[], shift: number): string[] =>
    hs.filter((h) => !touched.has(Number(h.split(':')[0]) - (Number(h.split(':')[0]) > at.line ? shift : 0)) && !h.includes('out5')).map((h) => {
      const l = Number(h.split(':')[0]);
      return l > at.line ? h.replace(/^\d+/, String(l - shift)) : h;
    });
  const want = unaffected(before, 0);
  for (let i = 0; i < line.length; i++) {
    const pos = { line: at.line, character: i };
    await edit({ start: pos, end: pos }, line[i]);
    const now = ((await client.inlayHints(uri)) ?? []).map(show);
    const shift = line[i] === '\n' ? 1 : 0;
    assert.deepEqual(unaffected(now, shift), want, `after ${JSON.stringify(line.slice(0, i + 1))}`);
  }
  await edit({ start: at, end: { line: at.line + 1, character: 0 } }, '');
  assert.equal(text, original);
  assert.deepEqual(((await client.inlayHints(uri)) ?? []).map(show), before);
});
