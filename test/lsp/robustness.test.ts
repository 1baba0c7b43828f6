// The server as a process: both transports VS Code uses (stdio, Node IPC) and the CLI's
// `shape-hints lsp --stdio`; a handler that throws is logged and answered with an empty result;
// documents it does not know or languages it does not analyse get empty answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { HoverRequest, InlayHintRequest } from 'vscode-languageserver-protocol';
import { ROOT } from './support/buildServer';
import { golden, readRoot } from './support/expectations';
import { fileUri, LspTestClient, WHOLE_FILE } from './support/lspClient';

const REL = 'examples/mnist_cnn.py';

async function hintCount(client: LspTestClient): Promise<number> {
  const uri = fileUri(path.join(ROOT, REL));
  await client.open(uri, readRoot(REL));
  return ((await client.inlayHints(uri)) ?? []).length;
}

test('stdio, Node IPC and `shape-hints lsp --stdio` serve the same hints', async () => {
  const want = golden(REL).hints.length;
  for (const options of [{}, { transport: 'ipc' as const }, { command: [process.execPath, path.join(ROOT, 'bin', 'shape-hints.js'), 'lsp', '--stdio'] }]) {
    const client = await LspTestClient.start({ ...options, workspaceFolder: ROOT });
    try {
      assert.equal(await hintCount(client), want, JSON.stringify(options));
    } finally {
      await client.stop();
    }
  }
});

test('a handler failure is logged and answered with an empty result; the server keeps serving', async () => {
  const client = await LspTestClient.start({ workspaceFolder: ROOT });
  try {
    const uri = fileUri(path.join(ROOT, REL));
    await client.open(uri, readRoot(REL));
    // Malformed params (no range / no position) make the providers throw.
    const hints = await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri } } as never);
    assert.deepEqual(hints, []);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri } } as never);
    assert.equal(hover, null);
    assert.ok(client.logs.some((l) => /inlayHint failed/.test(l)), client.logs.join('\n'));
    assert.ok(client.logs.some((l) => /hover failed/.test(l)), client.logs.join('\n'));
    assert.equal(((await client.inlayHints(uri)) ?? []).length, golden(REL).hints.length);
  } finally {
    await client.stop();
  }
});

test('unknown documents, other languages and out-of-range positions get empty answers', async () => {
  const client = await LspTestClient.start();
  try {
    assert.deepEqual(await client.inlayHints('file:///nowhere/never_opened.py'), []);
    await client.open('untitled:notes.ts', 'const x = 1;\n', 'typescript');
    assert.deepEqual(await client.inlayHints('untitled:notes.ts'), []);
    await client.open('untitled:tiny.py', 'import torch\nx = torch.zeros(3)\n');
    assert.equal(await client.hover('untitled:tiny.py', { line: 99, character: 99 }), null);
    assert.deepEqual(await client.inlayHints('untitled:tiny.py', { start: { line: 50, character: 0 }, end: { line: 60, character: 0 } }), []);
    assert.equal(((await client.inlayHints('untitled:tiny.py', WHOLE_FILE)) ?? []).length, 1);
    assert.deepEqual(client.failures(), []);
  } finally {
    await client.stop();
  }
});

test('shapeHints/status: analyzing then idle around a file\'s first analysis', async () => {
  const client = await LspTestClient.start({ workspaceFolder: ROOT });
  try {
    const uri = fileUri(path.join(ROOT, REL));
    await client.open(uri, readRoot(REL));
    await client.inlayHints(uri);
    assert.deepEqual(client.statuses.slice(0, 2), [{ state: 'analyzing', detail: path.basename(REL) }, { state: 'idle' }]);
  } finally {
    await client.stop();
  }
});
