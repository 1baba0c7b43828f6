// Runs inside VS Code's extension host (bundled by run.ts): the extension's features through the
// VS Code API, with the expectations from the oracle goldens (the examples traced by real PyTorch).
// No mocha: a list of async checks with node:assert; run() throws if any fails.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface GoldenHint {
  line: number;
  name: string;
  shapes: (number | string)[][];
}
interface Golden {
  error: { message: string; line: number } | null;
  models: { line: number; type: string; params: number }[];
  hints: GoldenHint[];
}

const repo = process.env.SHAPE_HINTS_REPO ?? '';
/** The goldens of the TF.js and Flux fixtures (traced by real tfjs; Flux's by its PyTorch twin). */
const fixtureGolden = (framework: 'tfjs' | 'flux', name: string): Golden & { error: { message?: string; torch?: string; line: number } | null } =>
  JSON.parse(fs.readFileSync(path.join(repo, `test/oracle/goldens/${framework}/fixtures`, `${name}.json`), 'utf8'));
/** Flux prints sizes as tuples: `(22, 22, 1, 16)`. */
const tupleText = (h: GoldenHint): string => `: ${h.shapes.map((s) => `(${s.join(', ')}${s.length === 1 ? ',' : ''})`).join(' | ')}`;
const hoverText = async (document: vscode.TextDocument, at: vscode.Position, done: (text: string) => boolean): Promise<string> => {
  const text = async (): Promise<string> => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
    return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
  };
  return poll(text, done);
};
const golden = (name: string): Golden => JSON.parse(fs.readFileSync(path.join(repo, 'test/oracle/goldens/fixtures', `${name}.json`), 'utf8'));
const hintText = (h: GoldenHint): string => `: ${h.shapes.map((s) => `[${s.join(', ')}]`).join(' | ')}`;
const workspaceFile = (name: string): vscode.Uri => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);
const labelOf = (hint: vscode.InlayHint): string => (typeof hint.label === 'string' ? hint.label : hint.label.map((p) => p.value).join(''));

async function poll<T>(get: () => PromiseLike<T> | T, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await get();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    value = await get();
  }
  return value;
}

async function open(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(document);
  return document;
}

function hintsOf(document: vscode.TextDocument): Thenable<vscode.InlayHint[]> {
  const end = document.lineAt(document.lineCount - 1).range.end;
  return vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, new vscode.Range(0, 0, end.line, end.character));
}

/** Golden hints (1-based lines, mapped by `lineOf`) not among the provider's hints. */
function missing(expected: GoldenHint[], hints: vscode.InlayHint[], lineOf: (h: GoldenHint) => number = (h) => h.line - 1, text = hintText): string[] {
  return expected.filter((g) => !hints.some((h) => h.position.line === lineOf(g) && labelOf(h) === text(g))).map((g) => `line ${lineOf(g) + 1}: ${g.name}${text(g)}`);
}

const checks: [string, () => Promise<void>][] = [
  ['the extension activates and registers its commands', async () => {
    await open('mnist_cnn.py');
    const extension = vscode.extensions.getExtension('tensor-shape-hints.tensor-shape-hints');
    assert.ok(extension, 'extension not found');
    await extension.activate();
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['shapeHints.showModelSummary', 'shapeHints.runForwardPass', 'shapeHints.restartServer']) assert.ok(commands.includes(c), c);
  }],
  ['inlay hints carry the shapes PyTorch computes', async () => {
    const document = await open('mnist_cnn.py');
    const expected = golden('mnist_cnn').hints;
    const hints = await poll(() => hintsOf(document), (h) => missing(expected, h).length === 0);
    assert.deepEqual(missing(expected, hints), []);
  }],
  ['a hover shows a tensor\'s shape and a model\'s parameter count', async () => {
    const document = await open('mnist_cnn.py');
    const g = golden('mnist_cnn');
    const model = g.models[0];
    const line = document.lineAt(model.line - 1).text;
    const at = new vscode.Position(model.line - 1, line.indexOf('model(') + 1);
    const hovers = await poll(() => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at), (h) => h.length > 0);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, new RegExp(`Total params: ${model.params.toLocaleString('en-US')}`), text);
  }],
  ['a shape error is reported where PyTorch raises it, with a quick fix that removes it', async () => {
    const document = await open('linear_mismatch.py');
    const g = golden('linear_mismatch');
    const diagnostics = await poll(() => vscode.languages.getDiagnostics(document.uri), (d) => d.length > 0);
    assert.equal(diagnostics.length, 1);
    const [error] = diagnostics;
    assert.equal(error.message.split('\n')[0], g.error!.message); // PyTorch's words first, then the server's explanation
    assert.equal(error.range.start.line, g.error!.line - 1);
    assert.equal(error.severity, vscode.DiagnosticSeverity.Error);
    const inFeatures = /\((\d+)x(\d+) and/.exec(g.error!.message)![2];
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, error.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === `Set in_features to ${inFeatures}`);
    assert.ok(fix?.edit, `no fix 'Set in_features to ${inFeatures}' among ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const after = await poll(() => vscode.languages.getDiagnostics(document.uri), (d) => d.length === 0);
    assert.deepEqual(after.map((d) => d.message), []);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }],
  ['a notebook gets hints in the model\'s cell and in the calling cell', async () => {
    const notebook = await vscode.workspace.openNotebookDocument(workspaceFile('mnist_cnn.ipynb'));
    await vscode.window.showNotebookDocument(notebook);
    const source = fs.readFileSync(path.join(repo, 'examples/mnist_cnn.py'), 'utf8').split('\n');
    const g = golden('mnist_cnn');
    for (const cell of notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code)) {
      const lines = cell.document.getText().split('\n');
      // A cell line maps to the example line with the same text (the calling cell is dedented).
      const lineOf = (h: GoldenHint): number => lines.findIndex((l) => l.trim() !== '' && l.trim() === source[h.line - 1].trim());
      const expected = g.hints.filter((h) => lineOf(h) >= 0);
      assert.ok(expected.length > 0);
      const hints = await poll(() => hintsOf(cell.document), (h) => missing(expected, h, lineOf).length === 0);
      assert.deepEqual(missing(expected, hints, lineOf), []);
    }
  }],
  ['TypeScript (TF.js): hints, tfjs\'s own error at predict, the inputShape quick fix, the model\'s summary', async () => {
    const document = await open('predict_shape_error.ts');
    const g = fixtureGolden('tfjs', 'predict_shape_error');
    const hints = await poll(() => hintsOf(document), (h) => missing(g.hints, h).length === 0);
    assert.deepEqual(missing(g.hints, hints), []);
    // Ours only: VS Code's TypeScript service reports the unresolved import and unused names too.
    const ours = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'shape-hints');
    const diagnostics = await poll(ours, (d) => d.length > 0);
    assert.equal(diagnostics.length, 1);
    const [error] = diagnostics;
    assert.equal(error.message.split('\n')[0], g.error!.message); // TF.js' words, as real tfjs threw them
    assert.equal(error.range.start.line, g.error!.line - 1);
    // The data's width (tfjs' "got array with shape [32,100]") becomes the first layer's inputShape.
    const width = /got array with shape \[\d+,(\d+)\]/.exec(g.error!.message!)![1];
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, error.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.startsWith('Set inputShape') && a.title.endsWith(`to [${width}]`));
    assert.ok(fix?.edit, `no inputShape fix among ${actions.map((a) => a.title).join(', ')}`);
    // The model's hover (at the predict that worked): the summary as tfjs prints it, before the fix.
    const ok = g.hints.find((h) => h.name === 'ok')!;
    const line = document.lineAt(ok.line - 1).text;
    const text = await hoverText(document, new vscode.Position(ok.line - 1, line.indexOf('model.predict') + 1), (t) => t.includes('Total params'));
    assert.match(text, /Total params: [\d,]+/, text);
    assert.match(text, /Run sample forward pass/, text);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    // That error is gone (the fixture's other predict, of 784-wide data, is the one refused now).
    const after = await poll(ours, (d) => !d.some((x) => x.message.startsWith(g.error!.message!)));
    assert.ok(!after.some((d) => d.message.startsWith(g.error!.message!)), after.map((d) => d.message).join('\n'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }],
  ['Julia (Flux): hints in WHCN order, Flux\'s DimensionMismatch at the call, the model\'s hover', async () => {
    const document = await open('dense_mismatch.jl');
    const g = fixtureGolden('flux', 'dense_mismatch');
    const hints = await poll(() => hintsOf(document), (h) => missing(g.hints, h, undefined, tupleText).length === 0);
    assert.deepEqual(missing(g.hints, hints, undefined, tupleText), []);
    const diagnostics = await poll(() => vscode.languages.getDiagnostics(document.uri), (d) => d.length > 0);
    assert.equal(diagnostics.length, 1);
    const [error] = diagnostics;
    // The PyTorch twin's "(16x800 and 100x10)" is Flux's Dense(100 => 10) given an 800×16 matrix
    // (Flux src/layers/basic.jl, the DimensionMismatch of `_size_check`).
    const [, batch, features, inDim, outDim] = /\((\d+)x(\d+) and (\d+)x(\d+)\)/.exec(g.error!.torch!)!.map(Number);
    assert.equal(error.message.split('\n')[0], `DimensionMismatch: layer Dense(${inDim} => ${outDim}) expects size(input, 1) == ${inDim}, but got ${features}×${batch} Matrix{Float32}`);
    assert.equal(error.range.start.line, g.error!.line - 1);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, error.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(actions.some((a) => a.title === `Set in to ${features}`), actions.map((a) => a.title).join(', '));
    const model = g.models[g.models.length - 1];
    const line = document.lineAt(model.line - 1).text;
    const text = await hoverText(document, new vscode.Position(model.line - 1, line.indexOf('model(') + 1), (t) => t.includes('parameters'));
    // Flux prints the count with `_` separators: `# Total: 4 arrays, 1_090 parameters`.
    assert.ok(text.includes(`${model.params.toLocaleString('en-US').replace(/,/g, '_')} parameters`), text);
  }],
];

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [name, check] of checks) {
    try {
      await check();
      console.log(`ok - ${name}`);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      failures.push(`${name}: ${detail}`);
      console.error(`not ok - ${name}\n${error instanceof Error ? error.stack : detail}`);
    }
  }
  if (failures.length > 0) throw new Error(`${failures.length} of ${checks.length} checks failed:\n${failures.join('\n')}`);
}
