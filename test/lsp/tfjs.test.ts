// TypeScript / JavaScript documents over the real protocol (dist/server.js over stdio): inlay hints
// against what real TF.js bound (test/oracle/goldens/tfjs/fixtures), TF.js's own error at the
// line it throws on, its quick fixes applied through didChange, hovers with a layer's config and
// weights and a model's summary as TF.js prints it, and hints kept while a line is half-typed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Hover, InlayHint, TextEdit } from 'vscode-languageserver-protocol';
import { ROOT } from './support/buildServer';
import { fileUri, LspTestClient } from './support/lspClient';
import { applyEdits, rangeOfText } from './support/textEdits';

interface Golden {
  file: string;
  error: { message: string; line: number | null } | null;
  hints: { line: number; column: number; name: string; shapes: (number | null)[][] }[];
  summaries: { line: number; lines: string[] }[];
}

const goldenDir = path.join(ROOT, 'test', 'oracle', 'goldens', 'tfjs', 'fixtures');
const goldens = fs.readdirSync(goldenDir).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(fs.readFileSync(path.join(goldenDir, f), 'utf8')) as Golden);
const golden = (name: string): Golden => goldens.find((g) => g.file.endsWith(name))!;
const languageId = (file: string): string => (/\.[cm]?jsx?$/.test(file) ? 'javascript' : 'typescript');

let client: LspTestClient;
let serial = 0;

before(async () => {
  client = await LspTestClient.start({ workspaceFolder: ROOT });
});

after(async () => {
  await client.stop();
});

const labelOf = (h: InlayHint): string => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
const shapeLabel = (s: (number | null)[]): string => `[${s.map((d) => (d === null ? 'null' : String(d))).join(', ')}]`;
const markdown = (h: Hover | null): string => {
  assert.ok(h, 'a hover');
  return (h.contents as { value: string }).value;
};

async function open(rel: string, text = fs.readFileSync(path.join(ROOT, rel), 'utf8'), uri = fileUri(path.join(ROOT, rel))): Promise<{ uri: string; text: string }> {
  await client.open(uri, text, languageId(rel));
  return { uri, text };
}

for (const g of goldens) {
  test(`hints of ${g.file} are what TF.js bound, after the name`, async () => {
    const { uri } = await open(g.file);
    const hints = (await client.inlayHints(uri)) ?? [];
    const at = new Map(hints.map((h) => [`${h.position.line}:${h.position.character}`, h]));
    for (const want of g.hints) {
      const got = at.get(`${want.line - 1}:${want.column - 1 + want.name.length}`);
      assert.ok(got, `no hint for ${want.name} at line ${want.line}`);
      assert.deepEqual(labelOf(got).replace(/^: /, '').split(' | ').sort(), want.shapes.map(shapeLabel).sort(), `${want.name} at line ${want.line}`);
    }
    await client.close(uri);
  });
}

for (const g of goldens.filter((x) => x.error)) {
  test(`${g.file}: TF.js's error at line ${g.error!.line}, and its quick fixes clear it`, async () => {
    const { uri, text } = await open(g.file);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.severity === 1));
    const errors = diagnostics.filter((d) => d.severity === 1);
    assert.deepEqual(errors.map((d) => [d.range.start.line + 1, d.message]), [[g.error!.line, g.error!.message]]);
    const actions = (await client.codeActions(uri, errors[0].range, errors)).filter((a) => a.diagnostics?.length);
    await client.close(uri);
    for (const action of actions) {
      const copy = fileUri(path.join(ROOT, path.dirname(g.file), `tfjs_fix_copy_${serial++}${path.extname(g.file)}`));
      await client.open(copy, text, languageId(g.file));
      await client.waitForDiagnostics(copy, (d) => d.some((x) => x.severity === 1));
      const edits: TextEdit[] = action.edit!.changes![uri];
      await client.change(copy, [...edits].reverse().map((e) => ({ range: e.range, text: e.newText })));
      const fixed = await client.waitForDiagnostics(copy, (d) => !d.some((x) => x.message === g.error!.message));
      assert.ok(!fixed.some((d) => d.message === g.error!.message), action.title);
      assert.ok(applyEdits(text, edits) !== text);
      await client.close(copy);
    }
  });
}

test('the fixes offered: inputShape from the data, units before a merge, targetShape, a target width', async () => {
  const titles: Record<string, string[]> = {};
  for (const name of ['predict_shape_error.ts', 'merge_mismatch.ts', 'reshape_layer_predict.ts', 'fit_target_error.ts']) {
    const g = golden(name);
    const { uri } = await open(g.file);
    const errors = (await client.waitForDiagnostics(uri, (d) => d.some((x) => x.severity === 1))).filter((d) => d.severity === 1);
    titles[name] = (await client.codeActions(uri, errors[0].range, errors)).filter((a) => a.diagnostics?.length).map((a) => a.title);
    await client.close(uri);
  }
  assert.deepEqual(titles, {
    'predict_shape_error.ts': ['Set inputShape of dense_Dense1 to [100]'],
    'merge_mismatch.ts': ['Set units of dense_Dense1 to 32', 'Set units of dense_Dense2 to 64'],
    'reshape_layer_predict.ts': ['Set targetShape to [30]'],
    'fit_target_error.ts': ['Set units of dense_Dense2 to 3'],
  });
});

test('hover on model.summary(): the table TF.js prints', async () => {
  const g = golden('mnist_convnet.ts');
  const { uri, text } = await open(g.file);
  const at = rangeOfText(text, 'model.summary()');
  const md = markdown(await client.hover(uri, { line: at.start.line, character: at.start.character + 8 }));
  assert.ok(md.includes(['```text', ...g.summaries[0].lines, '```'].join('\n')), md);
  assert.match(md, /^\*\*sequential_1\*\*: 5,994 parameters/);
  await client.close(uri);
});

test('hover on the predict TF.js refuses: the model\'s summary, and a run of the predict that worked', async () => {
  const g = golden('predict_shape_error.ts');
  const { uri, text } = await open(g.file);
  const at = rangeOfText(text, 'model.predict(features)');
  const md = markdown(await client.hover(uri, { line: at.start.line, character: at.start.character + 2 }));
  assert.match(md, /^\*\*sequential_1\*\*: 25,450 parameters/, md);
  assert.match(md, /Run sample forward pass/, md);
  await client.close(uri);
});

test('hover on a layer factory: its config, weights in TF.js layout beside PyTorch\'s, parameter count', async () => {
  const g = golden('mnist_convnet.ts');
  const { uri, text } = await open(g.file);
  const at = rangeOfText(text, 'tf.layers.conv2d({', 0);
  const md = markdown(await client.hover(uri, { line: at.start.line, character: at.start.character + 12 }));
  assert.ok(md.startsWith("**tf.layers.conv2d**({inputShape: [28, 28, 1], kernelSize: 5, filters: 8, strides: 1, activation: 'relu', kernelInitializer: 'varianceScaling', name: 'conv2d_Conv2D1'})"), md);
  assert.ok(md.includes('kernel: [5, 5, 1, 8]'), md);
  assert.ok(md.includes('bias  : [8]'), md);
  assert.ok(md.includes('Parameters: 208'), md);
  assert.ok(md.includes('PyTorch `nn.Conv2d`: weight [8, 1, 5, 5], bias [8]'), md);
  assert.match(md, /\[null, 28, 28, 1\] -> \[null, 24, 24, 8\]/);
  await client.close(uri);
});

test('a half-typed line keeps the hints of the rest of the file', async () => {
  const rel = 'test/fixtures/tfjs/tensor_ops.ts';
  const g = golden('tensor_ops.ts');
  const { uri, text } = await open(rel, undefined, fileUri(path.join(ROOT, 'test/fixtures/tfjs/tensor_ops_editing.ts')));
  const before = (await client.inlayHints(uri)) ?? [];
  // Start a new line in the middle of the file: `const broken = tf.layers.dense({units:`.
  const at = rangeOfText(text, 'const sliced');
  await client.change(uri, [{ range: { start: at.start, end: at.start }, text: 'const broken = tf.matMul(a, \n' }]);
  const afterHints = (await client.inlayHints(uri)) ?? [];
  const lines = (hs: InlayHint[], shift: number): Set<string> => new Set(hs.map((h) => `${h.position.line - shift}:${labelOf(h)}`));
  const kept = lines(afterHints.filter((h) => h.position.line > at.start.line), 1);
  const wanted = [...lines(before.filter((h) => h.position.line > at.start.line), 0)];
  const lost = wanted.filter((h) => !kept.has(h));
  // At most the statement the broken line swallows loses its hint.
  assert.ok(lost.length <= 1, `lost ${JSON.stringify(lost)} of ${wanted.length}`);
  assert.ok(g.hints.length > 40);
  await client.close(uri);
});
