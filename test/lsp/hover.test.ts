// Hovers and the model requests: a tensor's shape where it is bound and where it is read, a
// layer's arguments, parameter shapes and calls, a model's summary with the forward pass link.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Hover } from 'vscode-languageserver-protocol';
import { formatShape } from '../../engine/shape/shape';
import { ROOT } from './support/buildServer';
import { engineAnalysis, golden, readRoot, shapeLabel } from './support/expectations';
import { fileUri, LspTestClient } from './support/lspClient';
import { rangeOfText } from './support/textEdits';

let client: LspTestClient;
const REL = 'examples/mnist_cnn.py';
const uri = fileUri(path.join(ROOT, REL));
const text = readRoot(REL);
const g = golden(REL);

before(async () => {
  client = await LspTestClient.start({ workspaceFolder: ROOT });
  await client.open(uri, text);
});

after(async () => {
  await client.stop();
});

const markdown = (h: Hover | null): string => {
  assert.ok(h, 'a hover');
  const c = h.contents as { kind: string; value: string };
  assert.equal(c.kind, 'markdown');
  return c.value;
};
const goldenAt = (line: number, name: string) => g.hints.find((h) => h.line === line && h.name === name)!;

test('on a tensor where it is bound: shape, dtype and the op that produced it', async () => {
  const x = goldenAt(18, 'x');
  const h = await client.hover(uri, { line: 17, character: x.column - 1 });
  const md = markdown(h);
  assert.ok(md.includes(`\`\`\`shape\nx: ${shapeLabel(x.shapes[0])}  float32\n\`\`\``), md);
  assert.match(md, /Produced by `F\.relu`/);
  assert.deepEqual(h!.range, { start: { line: 17, character: x.column - 1 }, end: { line: 17, character: x.column } });
});

test('on a tensor where it is read: the shape of its latest binding in the function', async () => {
  const logits = goldenAt(24, 'logits');
  const use = rangeOfText(text, 'log_softmax(logits').start;
  const md = markdown(await client.hover(uri, { line: use.line, character: use.character + 'log_softmax('.length + 2 }));
  assert.ok(md.includes(`logits: ${shapeLabel(logits.shapes[0])}`), md);
  assert.match(md, /As bound at line 24\./);
});

test('on a layer constructor: arguments, parameter shapes, count and each call', async () => {
  const analysis = await engineAnalysis(text);
  const ctor = rangeOfText(text, 'nn.Conv2d(1, 32, kernel_size=3)');
  const layer = analysis.layers.find((l) => l.op === 'torch.nn.Conv2d' && text.slice(l.range.start, l.range.end).startsWith('nn.Conv2d(1,'))!;
  const md = markdown(await client.hover(uri, { line: ctor.start.line, character: ctor.start.character + 3 }));
  assert.ok(md.startsWith('**nn.Conv2d**(in_channels=1, out_channels=32, kernel_size=3,'), md);
  for (const p of layer.params) assert.ok(md.includes(`: ${formatShape(p.shape)}`), `${p.name} in ${md}`);
  assert.ok(md.includes(`Parameters: ${layer.paramCount!.toLocaleString('en-US')}`));
  // The Keras layout (checked against tfjs-layers in test/engine/kerasLayout.test.ts).
  assert.ok(md.includes(`Keras / TF.js \`Conv2D\`: kernel (${layer.keras!.weights[0].shape.join(', ')})`), md);
  // The call in forward: input is forward's x, output the next binding (both real PyTorch shapes).
  assert.ok(md.includes(`self.conv1(x): ${shapeLabel(goldenAt(17, 'x').shapes[0])} -> ${shapeLabel(goldenAt(18, 'x').shapes[0])}`), md);
});

test('on a layer call: that call only', async () => {
  const call = rangeOfText(text, 'self.fc1(x)');
  const md = markdown(await client.hover(uri, { line: call.start.line, character: call.start.character + 6 }));
  assert.ok(md.startsWith('**nn.Linear**(in_features=9216'), md);
  assert.ok(md.includes(`self.fc1(x): ${shapeLabel(goldenAt(22, 'x').shapes[0])} -> `), md);
});

test('on a model class: summary, total parameters and the forward pass link', async () => {
  const analysis = await engineAnalysis(text);
  const model = analysis.models.find((m) => m.name === 'Net')!;
  const cls = rangeOfText(text, 'class Net').start;
  const position = { line: cls.line, character: cls.character + 7 };
  const md = markdown(await client.hover(uri, position));
  assert.ok(md.startsWith(`**Net**: ${model.totalParams!.toLocaleString('en-US')} parameters`), md);
  for (const row of model.rows.filter((r) => r.path)) assert.match(md, new RegExp(`\\n\\s*${row.path.replace('.', '\\.')}\\s+${row.type}\\s`));
  assert.ok(md.includes(`[Run sample forward pass](command:shapeHints.runForwardPass?${encodeURIComponent(JSON.stringify([uri, position.line, position.character]))})`));

  const summary = (await client.connection.sendRequest('shapeHints/modelSummary', { textDocument: { uri }, position })) as { markdown: string };
  assert.equal(summary.markdown, md);
});

test('runForwardPass: the sample pass of the model at the position, with status notifications', async () => {
  const cls = rangeOfText(text, 'class Net').start;
  const statuses = client.statuses.length;
  const run = (await client.connection.sendRequest('shapeHints/runForwardPass', { textDocument: { uri }, position: cls })) as { markdown: string };
  assert.match(run.markdown, /^\*\*Sample forward pass of Net\*\*/);
  // Its input and output are the call's in `__main__` (real PyTorch shapes).
  assert.ok(run.markdown.includes(`\`${shapeLabel(goldenAt(30, 'images').shapes[0])}\` float32`), run.markdown);
  assert.ok(run.markdown.includes(`Output: \`${shapeLabel(goldenAt(31, 'out').shapes[0])}\` float32`), run.markdown);
  assert.deepEqual(client.statuses.slice(statuses).map((s) => s.state), ['running', 'idle']);
  // No model anywhere near: null.
  const none = await client.connection.sendRequest('shapeHints/runForwardPass', { textDocument: { uri: 'untitled:none.py' }, position: cls });
  assert.equal(none, null);
});

test('on the model call: the model', async () => {
  const call = rangeOfText(text, 'model(images)').start;
  assert.match(markdown(await client.hover(uri, { line: call.line, character: call.character + 1 })), /^\*\*Net\*\*: /);
});

test('nothing to say: no hover', async () => {
  assert.equal(await client.hover(uri, { line: 4, character: 0 }), null);
  assert.equal(await client.hover(uri, rangeOfText(text, 'super()').start), null);
});

test('modelSummary on a line calling a model, in a file with several', async () => {
  const rel = 'test/lsp/fixtures/fixable.py';
  const other = fileUri(path.join(ROOT, rel));
  const source = readRoot(rel);
  await client.open(other, source);
  for (const [line, name] of [['b = WrongConv()', 'WrongConv'], ['c = WrongView()', 'WrongView']]) {
    const position = rangeOfText(source, line).start;
    const summary = (await client.connection.sendRequest('shapeHints/modelSummary', { textDocument: { uri: other }, position })) as { markdown: string } | null;
    assert.ok(summary?.markdown.startsWith(`**${name}**: `), `${line}: ${summary?.markdown}`);
  }
  // Between the classes, on no model: nothing (there are several to choose from).
  const blank = rangeOfText(source, 'def normalise').start;
  assert.equal(await client.connection.sendRequest('shapeHints/modelSummary', { textDocument: { uri: other }, position: blank }), null);
  await client.close(other);
});

test('on a tensor of a model nothing calls: the hover says its shape stands on an assumed input', async () => {
  const file = 'test/fixtures/python/uncalled/resblock_skip.py';
  const u = fileUri(path.join(ROOT, file));
  const t = readRoot(file);
  await client.open(u, t);
  const at = rangeOfText(t, 'out = F.relu(h + ').start;
  const md = markdown(await client.hover(u, at));
  assert.match(md, /out: \[B, c_out, H, W\]/);
  assert.match(md, /Symbolic: nothing in the workspace calls this code on a known input; it stands on the input assumed for ResBlock\.forward, x: \[B, c_in, H, W\] from its first layer nn\.Conv2d/);
  await client.close(u);
});
