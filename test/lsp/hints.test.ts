// Inlay hints through the real protocol (dist/server.js over stdio): labels and positions
// against real-PyTorch goldens, the same set as the CLI report, the requested range only, and
// the position / enabled / hideUnchanged settings.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InlayHint } from 'vscode-languageserver-protocol';
import { ROOT } from './support/buildServer';
import { engineReport, golden, goldens, readRoot, shapeLabel } from './support/expectations';
import { fileUri, LspTestClient } from './support/lspClient';
import { linesRange } from './support/textEdits';

let client: LspTestClient;

before(async () => {
  client = await LspTestClient.start({ workspaceFolder: ROOT });
});

after(async () => {
  await client.stop();
});

const labelOf = (h: InlayHint): string => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
const at = (h: InlayHint): string => `${h.position.line}:${h.position.character}`;

async function openFixture(rel: string, uri = fileUri(path.join(ROOT, rel))): Promise<{ uri: string; text: string }> {
  const text = readRoot(rel);
  await client.open(uri, text);
  return { uri, text };
}

for (const g of goldens()) {
  test(`hints of ${g.file} match PyTorch at the name's end`, async () => {
    const { uri, text } = await openFixture(g.file);
    const hints = (await client.inlayHints(uri)) ?? [];
    const byPosition = new Map(hints.map((h) => [at(h), h]));
    // Lines the analyser cannot know statically (see fixtures.test.ts) may lack a hint.
    const unknowable = new Set(text.split('\n').flatMap((l, i) => (/#.*expect: no hint/.test(l) ? [i + 1] : [])));
    for (const want of g.hints) {
      // Golden columns are 1-based at the name's start; the hint sits right after the name.
      const key = `${want.line - 1}:${want.column - 1 + want.name.length}`;
      const got = byPosition.get(key);
      if (!got && unknowable.has(want.line)) continue;
      assert.ok(got, `no hint at ${key} for ${want.name} (line ${want.line})`);
      // A label lists up to three shapes; a longer list is summarised and the tooltip has them all.
      const tooltip = typeof got.tooltip === 'string' ? got.tooltip : got.tooltip?.value ?? '';
      const listed = labelOf(got).replace(/^: /, '').split(' | ');
      const shapes = (listed.length <= 3 && !listed.some((l) => l.includes('…')) ? listed : [...tooltip.matchAll(/`[^`]+`: `([^`]+)`/g)].map((m) => m[1])).sort();
      if (want.shapes.length > 3) assert.match(labelOf(got), /×\d+$/, 'many shapes are summarised');
      assert.deepEqual(shapes, want.shapes.map(shapeLabel).sort(), `${want.name} at line ${want.line}`);
      assert.equal(got.kind, 1);
      assert.equal(got.paddingLeft, false);
      assert.match(labelOf(got), /^: \[/);
    }
    await client.close(uri);
  });
}

const fixtureFiles = [...new Set([...goldens().map((g) => g.file), ...fs.readdirSync(path.join(ROOT, 'test/lsp/fixtures')).filter((f) => f.endsWith('.py')).map((f) => `test/lsp/fixtures/${f}`)])];

for (const rel of fixtureFiles) {
  test(`hints of ${rel} are the CLI report's, at the same places`, async () => {
    const { uri, text } = await openFixture(rel);
    const hints = (await client.inlayHints(uri)) ?? [];
    const report = await engineReport(text, path.join(ROOT, rel));
    // Tensors' hints and sizes' (but `B: B`) and tuples', in the order of the file.
    const shown = [...report.hints, ...report.values.filter((v) => !(v.kind === 'size' && v.label === v.name))];
    shown.sort((a, b) => a.line - b.line || a.column - b.column);
    const want = shown.map((h) => `${h.line - 1}:${h.column - 1 + h.name.length} : ${h.label}`);
    assert.deepEqual(hints.map((h) => `${at(h)} ${labelOf(h)}`), want);
    await client.close(uri);
  });
}

test('only hints inside the requested range are returned', async () => {
  const { uri } = await openFixture('examples/mnist_cnn.py');
  const g = golden('examples/mnist_cnn.py');
  const hints = (await client.inlayHints(uri, linesRange(18, 20))) ?? [];
  assert.deepEqual(
    hints.map((h) => h.position.line),
    g.hints.filter((h) => h.line - 1 >= 18 && h.line - 1 <= 20).map((h) => h.line - 1),
  );
  assert.ok(hints.length > 0);
  await client.close(uri);
});

test('a hint after a non-ASCII string counts UTF-16 code units', async () => {
  const text = 'import torch\nlabel = "caf\u00e9 \u{1F600}"; x = torch.zeros(2, 3)\ny = x.t()\n';
  const uri = 'untitled:unicode.py';
  await client.open(uri, text);
  const hints = (await client.inlayHints(uri)) ?? [];
  const report = await engineReport(text);
  const line1 = text.split('\n')[1];
  // The emoji is two UTF-16 units: `x` ends at its JavaScript string index + 1.
  const xEnd = line1.indexOf('x =') + 1;
  assert.deepEqual(
    hints.map((h) => `${at(h)} ${labelOf(h)}`),
    [`1:${xEnd} : ${report.hints[0].label}`, `2:1 : ${report.hints[1].label}`],
  );
  await client.close(uri);
});

test('settings: end of line, hideUnchanged, disabled', async () => {
  const { uri, text } = await openFixture('examples/mnist_cnn.py');
  const g = golden('examples/mnist_cnn.py');
  const lines = text.split('\n');
  try {
    await client.setSettings({ inlayHints: { position: 'endOfLine' } });
    const eol = (await client.inlayHints(uri)) ?? [];
    assert.deepEqual(
      eol.map((h) => `${at(h)} ${labelOf(h)} ${h.paddingLeft}`),
      g.hints.map((h) => `${h.line - 1}:${lines[h.line - 1].length} ${h.name}: ${h.shapes.map(shapeLabel).join(' | ')} true`),
    );

    // Hidden: a hint whose shapes equal the previous hint of that name (all of mnist's `x` are in forward).
    await client.setSettings({ inlayHints: { hideUnchanged: true } });
    const shown = (await client.inlayHints(uri)) ?? [];
    const expected = g.hints.filter((h, i) => {
      const prev = g.hints.slice(0, i).reverse().find((p) => p.name === h.name);
      return !prev || JSON.stringify(prev.shapes) !== JSON.stringify(h.shapes);
    });
    assert.ok(expected.length < g.hints.length, 'the fixture has an unchanged hint');
    assert.deepEqual(shown.map((h) => h.position.line), expected.map((h) => h.line - 1));

    await client.setSettings({ inlayHints: { enabled: false } });
    assert.deepEqual(await client.inlayHints(uri), []);
  } finally {
    await client.setSettings({});
    await client.close(uri);
  }
});

test('a tuple assignment gets one hint per name; endOfLine joins them on one line', async () => {
  const text = 'import torch\na, b = torch.randn(4, 6).chunk(2, dim=1)\n';
  const uri = 'untitled:tuple.py';
  await client.open(uri, text);
  const report = await engineReport(text);
  const hints = (await client.inlayHints(uri)) ?? [];
  assert.deepEqual(hints.map((h) => `${at(h)} ${labelOf(h)}`), report.hints.map((h) => `${h.line - 1}:${h.column} : ${h.label}`));
  assert.equal(report.hints.length, 2);
  try {
    await client.setSettings({ inlayHints: { position: 'endOfLine' } });
    const eol = (await client.inlayHints(uri)) ?? [];
    assert.deepEqual(eol.map(labelOf), [report.hints.map((h) => `${h.name}: ${h.label}`).join(', ')]);
  } finally {
    await client.setSettings({});
    await client.close(uri);
  }
});
