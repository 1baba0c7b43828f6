// Diagnostics pushed after analysis: PyTorch's message at the line real PyTorch raised it,
// related locations, the diagnostics.enabled setting, and nothing where PyTorch runs the file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ROOT } from './support/buildServer';
import { engineReport, goldens, readRoot } from './support/expectations';
import { fileUri, LspTestClient } from './support/lspClient';

let client: LspTestClient;

before(async () => {
  client = await LspTestClient.start({ workspaceFolder: ROOT });
});

after(async () => {
  await client.stop();
});

for (const g of goldens()) {
  test(`diagnostics of ${g.file}`, async () => {
    const file = path.join(ROOT, g.file);
    const uri = fileUri(file);
    const text = readRoot(g.file);
    client.diagnostics.delete(uri);
    await client.open(uri, text);
    // Published without any request: the push model after the debounced analysis.
    const diagnostics = await client.waitForDiagnostics(uri, () => true);
    const errors = diagnostics.filter((d) => d.severity === 1);
    if (g.error) {
      assert.equal(errors.length, 1, JSON.stringify(errors));
      const [d] = errors;
      // The library's message (einops's spans lines), then the explanation line, if any.
      assert.ok(d.message === g.error.message || d.message.startsWith(`${g.error.message}\n`), d.message);
      assert.equal(d.range.start.line, g.error.line! - 1);
      assert.equal(d.source, 'shape-hints');
      assert.ok(typeof d.code === 'string' && d.code.length > 0);
    } else {
      assert.deepEqual(errors, []);
    }
    // Everything else (codes, ranges, explanation line, related locations) as the CLI reports it.
    const report = await engineReport(text, file);
    assert.deepEqual(
      diagnostics.map((d) => ({
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: d.severity === 1 ? 'error' : 'warning',
        code: d.code,
        message: d.message,
        related: (d.relatedInformation ?? []).map((r) => ({ uri: r.location.uri, line: r.location.range.start.line + 1, column: r.location.range.start.character + 1, message: r.message })),
      })),
      report.diagnostics.map((d) => ({
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
        severity: d.severity,
        code: d.code,
        message: d.explanation ? `${d.message}\n${d.explanation}` : d.message,
        related: d.related.map((r) => ({ uri, line: r.line, column: r.column, message: r.message })),
      })),
    );
    await client.close(uri);
    await client.waitForDiagnostics(uri, (d) => d.length === 0);
  });
}

test('linear_mismatch: the explanation is the second line, related points at the layer and the call', async () => {
  const uri = fileUri(path.join(ROOT, 'examples/linear_mismatch.py'));
  await client.open(uri, readRoot('examples/linear_mismatch.py'));
  const [d] = await client.waitForDiagnostics(uri, (ds) => ds.length > 0);
  assert.equal(d.message.split('\n').length, 2);
  assert.ok((d.relatedInformation ?? []).length >= 1);
  await client.close(uri);
});

test('diagnostics.enabled = false publishes none, and true brings them back', async () => {
  const uri = fileUri(path.join(ROOT, 'examples/linear_mismatch.py'));
  await client.open(uri, readRoot('examples/linear_mismatch.py'));
  await client.waitForDiagnostics(uri, (d) => d.length === 1);
  try {
    await client.setSettings({ diagnostics: { enabled: false } });
    await client.waitForDiagnostics(uri, (d) => d.length === 0);
    assert.deepEqual(await client.codeActions(uri, { start: { line: 18, character: 0 }, end: { line: 18, character: 30 } }), []);
  } finally {
    await client.setSettings({});
  }
  await client.waitForDiagnostics(uri, (d) => d.length === 1);
  await client.close(uri);
});
