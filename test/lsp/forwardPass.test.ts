// The sample forward pass over the protocol: the shapes stream in before the numbers (a partial
// result on the client's token), and a pass that fails only when run becomes a diagnostic of its
// document, merged with the static ones and dropped at the next analysis.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { ROOT } from './support/buildServer';
import { golden, readRoot, shapeLabel } from './support/expectations';
import { fileUri, LspTestClient } from './support/lspClient';
import { rangeOfText } from './support/textEdits';

let client: LspTestClient;
/** `$/progress` values by token (the test client's own handler only swallows them). */
const progress = new Map<string | number, unknown[]>();
const events: string[] = [];

before(async () => {
  client = await LspTestClient.start({ workspaceFolder: ROOT });
  client.connection.onNotification('$/progress', (p: { token: string | number; value: unknown }) => {
    progress.set(p.token, [...(progress.get(p.token) ?? []), p.value]);
    events.push(`progress ${p.token}`);
  });
});

after(async () => {
  await client.stop();
});

type Markdown = { markdown: string } | null;
const runForwardPass = (params: object): Promise<Markdown> => client.connection.sendRequest('shapeHints/runForwardPass', params);

test('the shapes arrive before the response: the layer table without statistics, then the whole result', async () => {
  const rel = 'examples/mnist_cnn.py';
  const uri = fileUri(path.join(ROOT, rel));
  const text = readRoot(rel);
  const g = golden(rel);
  await client.open(uri, text);
  const position = rangeOfText(text, 'class Net').start;
  const token = 'forward-pass-test-1';
  events.length = 0;
  const result = await runForwardPass({ textDocument: { uri }, position, partialResultToken: token });
  events.push('response');
  assert.ok(result);

  const partials = (progress.get(token) ?? []) as { markdown: string }[];
  assert.equal(partials.length, 1, JSON.stringify(partials));
  assert.deepEqual(events.filter((e) => e === `progress ${token}` || e === 'response'), [`progress ${token}`, 'response']);
  const shapes = partials[0].markdown;
  const output = `Output: \`${shapeLabel(g.hints.find((h) => h.line === 31 && h.name === 'out')!.shapes[0])}\``;
  for (const md of [shapes, result.markdown]) {
    assert.match(md, /^\*\*Sample forward pass of Net\*\*/);
    assert.ok(md.includes(output), md);
    assert.match(md, /\| Layer \| Type \| Output shape \| Parameters \| FLOPs \|/);
    assert.match(md, /\| conv1 \| Conv2d \| /);
  }
  // The numbers come with the response only.
  assert.doesNotMatch(shapes, /mean |First values/);
  assert.match(result.markdown, /mean .*, std .*, min .*, max /);
  assert.match(result.markdown, /First values: /);

  // Without a token, no partial result is sent (work-done progress goes on its own tokens).
  const again = await runForwardPass({ textDocument: { uri }, position });
  assert.match(again!.markdown, /First values: /);
  const markdowns = [...progress.values()].flat().filter((v) => typeof (v as { markdown?: unknown }).markdown === 'string');
  assert.equal(markdowns.length, 1);
  await client.close(uri);
});

test('a pass that fails only when run: a diagnostic at the failing layer call, cleared by the next analysis', async () => {
  const rel = 'test/lsp/fixtures/forward_pass_error.py';
  const uri = fileUri(path.join(ROOT, rel));
  const text = readRoot(rel);
  await client.open(uri, text);
  // The shapes are all fine: no static diagnostic.
  assert.deepEqual(await client.waitForDiagnostics(uri, () => true), []);

  const call = rangeOfText(text, 'model(x)').start;
  const result = await runForwardPass({ textDocument: { uri }, position: call });
  // PyTorch's own message on this file with random input (checked with /usr/bin/python3 and
  // torch 1.13: "IndexError: index out of range in self").
  assert.ok(result?.markdown.includes('embed (Embedding) failed: index out of range in self'), result?.markdown);

  const isRunError = (d: Diagnostic): boolean => d.code === 'forward-pass-error';
  const ds = await client.waitForDiagnostics(uri, (d) => d.some(isRunError));
  const d = ds.find(isRunError)!;
  assert.equal(d.source, 'shape-hints');
  assert.equal(d.severity, 2);
  assert.deepEqual(d.range, rangeOfText(text, 'self.embed(ids)'));
  assert.match(d.message, /^Sample forward pass of Bucketed: embed \(Embedding\) failed: index out of range in self/);
  assert.ok(d.message.includes(`called at line ${call.line + 1}`), d.message);

  // The same pass again: still one diagnostic, not two.
  await runForwardPass({ textDocument: { uri }, position: call });
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(client.diagnostics.get(uri)!.filter(isRunError).length, 1);

  // An edit: the next analysis publishes the static diagnostics alone.
  await client.change(uri, [{ range: { start: { line: 20, character: 0 }, end: { line: 20, character: 0 } }, text: '# edited\n' }]);
  assert.deepEqual(await client.waitForDiagnostics(uri, (x) => !x.some(isRunError)), []);
  assert.deepEqual(client.failures(), []);
  await client.close(uri);
});

test('the limits of the preview are no diagnostics: a pass over the memory budget', async () => {
  const rel = 'examples/mnist_cnn.py';
  const uri = fileUri(path.join(ROOT, rel));
  await client.setSettings({ forwardPass: { memoryBudgetMB: 0.001 } });
  try {
    const text = readRoot(rel);
    await client.open(uri, text);
    const initial = await client.waitForDiagnostics(uri, () => true);
    const result = await runForwardPass({ textDocument: { uri }, position: rangeOfText(text, 'model(images)').start });
    assert.match(result!.markdown, /over the 0\.001 MB budget/);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(client.diagnostics.get(uri), initial);
  } finally {
    await client.setSettings({});
    await client.close(uri);
  }
});

test('TF.js: the predict of a Sequential runs, per layer by tfjs\'s layer names', async () => {
  const rel = 'test/fixtures/tfjs/mnist_convnet.ts';
  const uri = fileUri(path.join(ROOT, rel));
  const text = readRoot(rel);
  await client.open(uri, text, 'typescript');
  const result = await runForwardPass({ textDocument: { uri }, position: rangeOfText(text, 'model.predict(testxs)').start });
  const md = result!.markdown;
  assert.match(md, /^\*\*Sample forward pass of sequential_1\*\*/, md);
  assert.match(md, /\| conv2d_Conv2D1 \| Conv2D \| \[50, 24, 24, 8\] \|/, md);
  assert.match(md, /\| dense_Dense1 \| Dense \| \[50, 10\] \|/, md);
  assert.match(md, /First values: /, md);
  assert.deepEqual(client.failures(), []);
  await client.close(uri);
});

test('Flux: a Chain runs, its sizes printed as Julia prints them (WHCN)', async () => {
  const rel = 'test/fixtures/flux/mnist_conv.jl';
  const uri = fileUri(path.join(ROOT, rel));
  const text = readRoot(rel);
  await client.open(uri, text, 'julia');
  const result = await runForwardPass({ textDocument: { uri }, position: rangeOfText(text, 'model(x4dim)').start });
  const md = result!.markdown;
  assert.match(md, /^\*\*Sample forward pass of Chain\*\*/, md);
  assert.ok(md.includes('Input `input0`: `28×28×1×128` float32'), md);
  assert.ok(md.includes('Output: `10×128` float32'), md);
  assert.match(md, /First values: /, md);
  assert.deepEqual(client.failures(), []);
  await client.close(uri);
});

test('Keras Python: the summary hover offers the run, and the predict on NumPy-fed data runs by Keras\' layer names', async () => {
  const rel = 'test/fixtures/keras/mnist_convnet.py';
  const uri = fileUri(path.join(ROOT, rel));
  const text = readRoot(rel);
  await client.open(uri, text);
  const at = rangeOfText(text, 'model.predict(batch)').start;
  const hover = await client.hover(uri, at);
  const md0 = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
  assert.ok(md0.includes(`[Run sample forward pass](command:shapeHints.runForwardPass?${encodeURIComponent(JSON.stringify([uri, at.line, at.character]))})`), md0);
  const result = await runForwardPass({ textDocument: { uri }, position: at });
  const md = result!.markdown;
  assert.match(md, /^\*\*Sample forward pass of sequential\*\*/, md);
  // The step's batch is None (16 samples, a partial batch of 32): the sample size stands for it.
  assert.match(md, /\| conv2d \| Conv2D \| \[\d+, 26, 26, 32\] \|/, md);
  assert.match(md, /\| dense \| Dense \| \[\d+, 10\] \|/, md);
  assert.match(md, /First values: /, md);
  assert.deepEqual(client.failures(), []);
  await client.close(uri);
});
