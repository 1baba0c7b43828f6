// The language server on Julia documents (languageId `julia`, dist/server.js over stdio): hints
// in Flux's WHCN order written as Julia tuples, Flux's DimensionMismatch published at the call,
// both quick fixes (`in`, and `@autosize`) applied as edits that make the error go, a layer's
// hover with Flux's line and the PyTorch/Keras layouts, a model's Flux summary, and edits.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Hover, InlayHint, TextEdit } from 'vscode-languageserver-protocol';
import { initFrontends } from '../../server/frontends';
import { analyzeText } from '../../server/analyzeFile';
import { fileReport } from '../../server/report/fileReport';
import { ROOT } from './support/buildServer';
import { fileUri, LspTestClient } from './support/lspClient';
import { applyEdits, rangeOfText } from './support/textEdits';

let client: LspTestClient;
const REL = 'test/fixtures/flux/dense_mismatch.jl';
const file = path.join(ROOT, REL);
const text = fs.readFileSync(file, 'utf8');
const golden = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/oracle/goldens/flux/fixtures/dense_mismatch.json'), 'utf8')) as {
  hints: { line: number; name: string; shapes: number[][] }[];
  error: { line: number };
};

before(async () => {
  await initFrontends();
  client = await LspTestClient.start({ workspaceFolder: ROOT });
});

after(async () => {
  await client.stop();
});

const labelOf = (h: InlayHint): string => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
const markdown = (h: Hover | null): string => {
  assert.ok(h, 'a hover');
  return (h.contents as { value: string }).value;
};
const engine = (src: string): ReturnType<typeof fileReport> => fileReport(REL, src, analyzeText(src, { fileName: file }));

test('hints are the mirror-checked shapes, written as Julia tuples', async () => {
  const uri = fileUri(file);
  await client.open(uri, text, 'julia');
  await client.waitForDiagnostics(uri, (d) => d.length > 0);
  const hints = (await client.inlayHints(uri)) ?? [];
  for (const g of golden.hints) {
    const h = hints.find((x) => x.position.line === g.line - 1 && text.split('\n')[g.line - 1].startsWith(g.name));
    assert.ok(h, `a hint for ${g.name} at line ${g.line}`);
    assert.equal(labelOf(h), `: (${g.shapes[0].join(', ')})`);
  }
  await client.close(uri);
});

test("Flux's error is published at the call, with both quick fixes, and each fix removes it", async () => {
  const uri = fileUri(file);
  await client.open(uri, text, 'julia');
  const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0);
  const err = diagnostics.find((d) => d.code === 'dense-in');
  assert.ok(err, JSON.stringify(diagnostics));
  assert.equal(err.range.start.line, golden.error.line - 1);
  assert.equal(err.message.split('\n')[0], 'DimensionMismatch: layer Dense(100 => 10) expects size(input, 1) == 100, but got 800×16 Matrix{Float32}');
  const actions = (await client.codeActions(uri, err.range, [err])).filter((a) => a.diagnostics?.length);
  assert.deepEqual(actions.map((a) => a.title), ['Set in to 800', 'Use @autosize (22, 22, 1, 16) (Flux infers in)']);
  assert.deepEqual(actions.map((a) => a.isPreferred), [true, false]);
  let serial = 0;
  for (const action of actions) {
    const edits: TextEdit[] = action.edit!.changes![uri];
    const fixed = applyEdits(text, edits);
    assert.equal(engine(fixed).diagnostics.length, 0, `${action.title}:\n${fixed}`);
    // The same edits sent as an incremental change clear the published error.
    const copy = fileUri(path.join(path.dirname(file), `fix_copy_${serial++}.jl`));
    await client.open(copy, text, 'julia');
    await client.waitForDiagnostics(copy, (d) => d.some((x) => x.code === 'dense-in'));
    await client.change(copy, [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character).map((e) => ({ range: e.range, text: e.newText })));
    await client.waitForDiagnostics(copy, (d) => d.length === 0);
    const y = ((await client.inlayHints(copy)) ?? []).find((h) => h.position.line === golden.error.line - 1);
    assert.ok(y, `${action.title}: a hint for y once the model runs`);
    assert.equal(labelOf(y), ': (10, 16)');
    await client.close(copy);
  }
  await client.close(uri);
});

test("a layer's hover: Flux's own line with its parameter count, and the Flux, PyTorch and Keras weight layouts", async () => {
  const src = 'using Flux\nconv = Conv((5, 5), 10 => 5)\ny = conv(rand(Float32, 60, 60, 10, 1))\n';
  const uri = fileUri(path.join(ROOT, 'test/fixtures/flux/hover_layer.jl'));
  await client.open(uri, src, 'julia');
  await client.waitForDiagnostics(uri, () => true);
  const at = rangeOfText(src, 'Conv((5, 5)');
  const md = markdown(await client.hover(uri, { line: at.start.line, character: at.start.character + 2 }));
  assert.ok(md.startsWith('```julia\nConv((5, 5), 10 => 5)  # 1_255 parameters\n```'), md);
  assert.ok(md.includes('| Flux | `Conv((5, 5), 10 => 5)` | weight (5, 5, 10, 5), bias (5,) |'), md);
  assert.ok(md.includes('| PyTorch | `nn.Conv2d(10, 5, kernel_size=(5, 5))` | weight [5, 10, 5, 5], bias [5] |'), md);
  assert.ok(md.includes('| Keras | `Conv2D` | kernel (5, 5, 10, 5), bias (5,) |'), md);
  assert.ok(md.includes('(60, 60, 10, 1) -> (56, 56, 5, 1)'), md);
  await client.close(uri);
});

test("a model's hover: the summary as Flux prints it (the Parallel docstring's), and an error that follows an edit", async () => {
  // Flux.jl src/layers/basic.jl:543-548, without the size in bytes Flux appends.
  const src = 'using Flux\nmodel2 = Parallel(+; α = Dense(10 => 2, tanh), β = Dense(5 => 2))\ny = model2(rand32(10), rand32(5))\n';
  const uri = fileUri(path.join(ROOT, 'test/fixtures/flux/hover_model.jl'));
  await client.open(uri, src, 'julia');
  await client.waitForDiagnostics(uri, () => true);
  const at = rangeOfText(src, 'model2(rand32');
  const md = markdown(await client.hover(uri, { line: at.start.line, character: at.start.character + 1 }));
  assert.ok(md.includes([
    'Parallel(',
    '  +,',
    '  α = Dense(10 => 2, tanh),             # 22 parameters',
    '  β = Dense(5 => 2),                    # 12 parameters',
    ')                   # Total: 4 arrays, 34 parameters',
  ].join('\n')), md);
  // Edit an input size: Flux's error appears at the call.
  const ten = rangeOfText(src, 'rand32(10)');
  await client.change(uri, [{ range: { start: { line: ten.start.line, character: ten.start.character + 7 }, end: { line: ten.start.line, character: ten.start.character + 9 } }, text: '12' }]);
  const d = await client.waitForDiagnostics(uri, (x) => x.length > 0);
  assert.equal(d[0].message.split('\n')[0], 'DimensionMismatch: layer Dense(10 => 2, tanh) expects size(input, 1) == 10, but got 12-element Vector{Float32}');
  await client.close(uri);
});
