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
function missing(expected: GoldenHint[], hints: vscode.InlayHint[], lineOf: (h: GoldenHint) => number = (h) => h.line - 1): string[] {
  return expected.filter((g) => !hints.some((h) => h.position.line === lineOf(g) && labelOf(h) === hintText(g))).map((g) => `line ${lineOf(g) + 1}: ${g.name}${hintText(g)}`);
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
