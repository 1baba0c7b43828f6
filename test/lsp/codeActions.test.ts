// Code actions: every engine fix offered as a quick fix on its diagnostic, applied through
// didChange, after which that diagnostic is gone; and the shape annotation offer, whose comment
// the next analysis uses as the function's input.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { ROOT } from './support/buildServer';
import { engineReport, goldens, readRoot } from './support/expectations';
import { fileUri, LspTestClient } from './support/lspClient';
import { applyEdits, rangeOfText } from './support/textEdits';

let client: LspTestClient;
let serial = 0;

before(async () => {
  client = await LspTestClient.start({ workspaceFolder: ROOT });
});

after(async () => {
  await client.stop();
});

const FILES = [...new Set(['test/lsp/fixtures/fixable.py', 'examples/linear_mismatch.py', ...goldens().map((g) => g.file)])];
const sameDiagnostic = (a: Diagnostic, b: Diagnostic): boolean => a.code === b.code && a.range.start.line === b.range.start.line && a.message === b.message;

for (const rel of FILES) {
  test(`quick fixes of ${rel} remove their diagnostic`, async () => {
    const file = path.join(ROOT, rel);
    const text = readRoot(rel);
    const report = await engineReport(text, file);
    const fixable = report.diagnostics.filter((d) => d.fixes.length > 0);
    if (rel === 'test/lsp/fixtures/fixable.py') assert.equal(fixable.length, 3, 'the fixture has three fixable errors');
    const uri = fileUri(file);
    await client.open(uri, text);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length === report.diagnostics.length);
    for (const want of fixable) {
      const diagnostic = diagnostics.find((d) => d.range.start.line === want.line - 1 && d.code === want.code)!;
      assert.ok(diagnostic, `${want.code} at line ${want.line} published`);
      const actions = (await client.codeActions(uri, diagnostic.range, [diagnostic])).filter((a) => a.diagnostics?.length);
      assert.deepEqual(actions.map((a) => a.title), want.fixes.map((f) => f.title));
      assert.equal(actions.filter((a) => a.isPreferred).length, 1, 'exactly one preferred fix');
      for (const a of actions) {
        assert.equal(a.kind, 'quickfix');
        assert.ok(sameDiagnostic(a.diagnostics![0], diagnostic));
      }
      for (const action of actions) {
        // Each fix on a fresh copy of the file, sent as incremental edits.
        const copy = fileUri(path.join(path.dirname(file), `fix_copy_${serial++}.py`));
        await client.open(copy, text);
        await client.waitForDiagnostics(copy, (d) => d.some((x) => sameDiagnostic(x, diagnostic)));
        const edits: TextEdit[] = action.edit!.changes![uri];
        assert.ok(edits.length > 0);
        await client.change(copy, [...edits].reverse().map((e) => ({ range: e.range, text: e.newText })));
        const after = await client.waitForDiagnostics(copy, (d) => !d.some((x) => x.code === diagnostic.code && x.range.start.line === diagnostic.range.start.line));
        // The fixed text, analysed by the engine, agrees on what is left.
        const fixed = await engineReport(applyEdits(text, edits), file);
        assert.deepEqual(after.map((d) => `${d.range.start.line + 1}:${d.code}`), fixed.diagnostics.map((d) => `${d.line}:${d.code}`), action.title);
        await client.close(copy);
      }
    }
    await client.close(uri);
  });
}

test('"Add a shape annotation" on a def nothing ran; the annotation then seeds it', async () => {
  const rel = 'test/lsp/fixtures/fixable.py';
  const text = readRoot(rel);
  const uri = fileUri(path.join(ROOT, 'test/lsp/fixtures/annotate_copy.py'));
  await client.open(uri, text);
  const header = rangeOfText(text, 'def normalise(x):');
  const actions = (await client.codeActions(uri, { start: header.start, end: header.start })).filter((a) => !a.diagnostics?.length);
  assert.deepEqual(actions.map((a) => a.title), ['Add a shape annotation for `x`']);
  const edits = actions[0].edit!.changes![uri];
  const annotated = applyEdits(text, edits);
  assert.equal(annotated.split('\n')[header.start.line], '# shape: x = [B, C, H, W]');
  // Applied as the client would: the parameter gets the engine's hint for the annotated input.
  await client.change(uri, edits.map((e) => ({ range: e.range, text: e.newText })));
  const report = await engineReport(annotated);
  const paramHint = report.hints.find((h) => h.line === header.start.line + 2 && h.name === 'x');
  assert.ok(paramHint, 'the engine seeds the annotated function');
  const hints = (await client.inlayHints(uri)) ?? [];
  assert.ok(hints.some((h) => h.position.line === header.start.line + 1 && h.label === `: ${paramHint.label}`));
  // With an input known, the offer is gone.
  const again = (await client.codeActions(uri, { start: { line: header.start.line + 1, character: 0 }, end: { line: header.start.line + 1, character: 0 } })).filter((a) => !a.diagnostics?.length);
  assert.deepEqual(again, []);
  await client.close(uri);
});

test('no annotation offer on a def that ran with tensors, on __init__, or away from the def line', async () => {
  const rel = 'test/lsp/fixtures/fixable.py';
  const text = readRoot(rel);
  const uri = fileUri(path.join(ROOT, 'test/lsp/fixtures/annotate_copy2.py'));
  await client.open(uri, text);
  for (const needle of ['def forward(self, x):', 'def __init__(self):', 'return (x - x.mean())']) {
    const r = rangeOfText(text, needle);
    const offers = (await client.codeActions(uri, r)).filter((a) => a.title.startsWith('Add a shape annotation'));
    assert.deepEqual(offers, [], needle);
  }
  await client.close(uri);
});
