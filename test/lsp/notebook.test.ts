// Jupyter notebooks: code cells analysed as one program in order, hints and diagnostics placed
// back in each cell, IPython magics ignored, cell edits and structure changes followed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  DidChangeNotebookDocumentNotification,
  DidCloseNotebookDocumentNotification,
  DidOpenNotebookDocumentNotification,
  type InlayHint,
} from 'vscode-languageserver-protocol';
import { ROOT } from './support/buildServer';
import { engineReport, golden, readRoot, shapeLabel } from './support/expectations';
import { fileUri, LspTestClient } from './support/lspClient';
import { rangeOfText } from './support/textEdits';

let client: LspTestClient;

before(async () => {
  client = await LspTestClient.start({ workspaceFolder: ROOT });
});

after(async () => {
  await client.stop();
});

const NOTEBOOK = fileUri(path.join(ROOT, 'test/lsp/fixtures/notebook.ipynb'));
const cellUri = (nb: string, id: string): string => `vscode-notebook-cell:${nb.replace(/^file:\/\//, '')}#${id}`;
const at = (h: InlayHint): string => `${h.position.line}:${h.position.character} ${h.label as string}`;

interface Cell {
  readonly uri: string;
  readonly kind: 1 | 2;
  readonly languageId: string;
  text: string;
}

/** A file split into cells at the given 1-based lines (each starts a new cell), plus a prefix per cell. */
function splitCells(nb: string, text: string, starts: number[], prefixes: string[]): Cell[] {
  const lines = text.split('\n');
  const bounds = [1, ...starts, lines.length + 1];
  return bounds.slice(0, -1).map((from, i) => ({
    uri: cellUri(nb, `c${i}`),
    kind: 2,
    languageId: 'python',
    text: (prefixes[i] ?? '') + lines.slice(from - 1, bounds[i + 1] - 1).join('\n'),
  }));
}

async function openNotebook(nb: string, cells: Cell[]): Promise<void> {
  await client.connection.sendNotification(DidOpenNotebookDocumentNotification.type, {
    notebookDocument: { uri: nb, notebookType: 'jupyter-notebook', version: 1, cells: cells.map((c) => ({ kind: c.kind, document: c.uri })) },
    cellTextDocuments: cells.map((c) => ({ uri: c.uri, languageId: c.languageId, version: 1, text: c.text })),
  });
}

async function closeNotebook(nb: string, cells: Cell[]): Promise<void> {
  await client.connection.sendNotification(DidCloseNotebookDocumentNotification.type, {
    notebookDocument: { uri: nb },
    cellTextDocuments: cells.map((c) => ({ uri: c.uri })),
  });
}

test('a model class in cell 1 and its call in cell 2: hints in both cells, at PyTorch positions', async () => {
  const g = golden('examples/mnist_cnn.py');
  // Cell 1: lines 1-27 (imports, the class); cell 2: a magic line, then lines 28-31; cell 3: markdown.
  const cells = splitCells(NOTEBOOK, readRoot('examples/mnist_cnn.py'), [28], ['', '%matplotlib inline\n']);
  cells.push({ uri: cellUri(NOTEBOOK, 'md'), kind: 1, languageId: 'markdown', text: '# Notes\nx = 1' });
  await openNotebook(NOTEBOOK, cells);
  const inCell = (line: number): { cell: number; line: number } => (line < 28 ? { cell: 0, line: line - 1 } : { cell: 1, line: line - 28 + 1 });
  for (const c of [0, 1]) {
    const hints = (await client.inlayHints(cells[c].uri)) ?? [];
    const want = g.hints.filter((h) => inCell(h.line).cell === c).map((h) => `${inCell(h.line).line}:${h.column - 1 + h.name.length} : ${h.shapes.map(shapeLabel).join(' | ')}`);
    assert.ok(want.length > 0);
    assert.deepEqual(hints.map(at), want, `cell ${c + 1}`);
  }
  assert.deepEqual(await client.inlayHints(cells[2].uri), []);
  for (const c of cells.slice(0, 2)) assert.deepEqual(await client.waitForDiagnostics(c.uri, () => true), []);

  // Hover in cell 2 on the model call shows the model defined in cell 1.
  const call = rangeOfText(cells[1].text, 'model(images)');
  const hover = await client.hover(cells[1].uri, call.start);
  assert.match((hover?.contents as { value: string }).value, /\*\*Net\*\*/);
  await closeNotebook(NOTEBOOK, cells);
});

test('an error raised in cell 1 by the call in cell 2; the related location points into cell 2', async () => {
  const nb = fileUri(path.join(ROOT, 'test/lsp/fixtures/mismatch.ipynb'));
  const g = golden('examples/linear_mismatch.py');
  const text = readRoot('examples/linear_mismatch.py');
  const cells = splitCells(nb, text, [21], []);
  await openNotebook(nb, cells);
  const [d] = await client.waitForDiagnostics(cells[0].uri, (ds) => ds.length === 1);
  assert.equal(d.range.start.line, g.error!.line! - 1);
  assert.equal(d.message.split('\n')[0], g.error!.message);
  const callLine = rangeOfText(cells[1].text, 'model(batch)').start.line;
  assert.ok(
    (d.relatedInformation ?? []).some((r) => r.location.uri === cells[1].uri && r.location.range.start.line === callLine),
    JSON.stringify(d.relatedInformation),
  );
  assert.deepEqual(await client.waitForDiagnostics(cells[1].uri, () => true), []);
  // The quick fix edits cell 1.
  const actions = await client.codeActions(cells[0].uri, d.range, [d]);
  assert.ok(actions.length > 0);
  assert.deepEqual(Object.keys(actions[0].edit!.changes!), [cells[0].uri]);
  await closeNotebook(nb, cells);
  await client.waitForDiagnostics(cells[0].uri, (ds) => ds.length === 0);
});

test('editing a cell and adding one re-analyse the notebook; closing clears diagnostics', async () => {
  const nb = fileUri(path.join(ROOT, 'test/lsp/fixtures/edited.ipynb'));
  const cells = splitCells(nb, readRoot('examples/mnist_cnn.py'), [28], []);
  await openNotebook(nb, cells);
  await client.inlayHints(cells[0].uri);
  const refreshesBefore = client.refreshes;

  // Batch 64 -> 8 in cell 2: the hints of cell 1's forward follow.
  const batch = rangeOfText(cells[1].text, '64');
  cells[1].text = cells[1].text.replace('randn(64', 'randn(8');
  await client.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
    notebookDocument: { uri: nb, version: 2 },
    change: { cells: { textContent: [{ document: { uri: cells[1].uri, version: 2 }, changes: [{ range: batch, text: '8' }] }] } },
  });
  const joined = cells.map((c) => `${c.text}\n`).join('');
  const report = await engineReport(joined);
  const cell1Lines = cells[0].text.split('\n').length;
  const want = report.hints.filter((h) => h.line <= cell1Lines).map((h) => `${h.line - 1}:${h.column - 1 + h.name.length} : ${h.label}`);
  assert.ok(want.some((w) => w.includes('[8, ')));
  assert.deepEqual(((await client.inlayHints(cells[0].uri)) ?? []).map(at), want);
  assert.ok(client.refreshes > refreshesBefore, 'the other cells are asked to refresh');

  // A new code cell at the end sees the names of the cells before it.
  const added: Cell = { uri: cellUri(nb, 'added'), kind: 2, languageId: 'python', text: 'probs = out.softmax(dim=1)\n' };
  await client.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
    notebookDocument: { uri: nb, version: 3 },
    change: {
      cells: {
        structure: {
          array: { start: 2, deleteCount: 0, cells: [{ kind: 2, document: added.uri }] },
          didOpen: [{ uri: added.uri, languageId: 'python', version: 1, text: added.text }],
        },
      },
    },
  });
  const withAdded = await engineReport([...cells, added].map((c) => `${c.text}\n`).join(''));
  const probs = withAdded.hints.find((h) => h.name === 'probs')!;
  assert.deepEqual(((await client.inlayHints(added.uri)) ?? []).map(at), [`0:5 : ${probs.label}`]);

  // Removing it again.
  await client.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
    notebookDocument: { uri: nb, version: 4 },
    change: { cells: { structure: { array: { start: 2, deleteCount: 1 }, didClose: [{ uri: added.uri }] } } },
  });
  assert.deepEqual(await client.inlayHints(added.uri), []);
  assert.deepEqual(((await client.inlayHints(cells[0].uri)) ?? []).map(at), want);
  await closeNotebook(nb, [...cells]);
  await client.waitForDiagnostics(cells[0].uri, (d) => d.length === 0);
});
