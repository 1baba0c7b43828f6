// Workspace imports: a model class imported from another file; edits of that file (open in the
// editor, or changed on disk) re-analyse the importer, push its diagnostics and refresh hints.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DidChangeWatchedFilesNotification } from 'vscode-languageserver-protocol';
import { engineReport } from './support/expectations';
import { fileUri, LspTestClient } from './support/lspClient';
import { rangeOfText } from './support/textEdits';

let client: LspTestClient;
let dir: string;

const MODELS = `import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.fc = nn.Linear(8 * 6 * 6, 10)

    def forward(self, x):
        x = self.conv(x).flatten(1)
        return self.fc(x)
`;
const TRAIN = `import torch
from models import Net

model = Net()
out = model(torch.randn(4, 3, 8, 8))
`;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shape-hints-imports-'));
  fs.writeFileSync(path.join(dir, 'models.py'), MODELS);
  fs.writeFileSync(path.join(dir, 'train.py'), TRAIN);
  client = await LspTestClient.start({ workspaceFolder: dir });
});

after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('hints from an imported model; an unsaved edit of the import re-analyses the importer', async () => {
  const train = fileUri(path.join(dir, 'train.py'));
  const models = fileUri(path.join(dir, 'models.py'));
  await client.open(train, TRAIN);
  const report = await engineReport(TRAIN, path.join(dir, 'train.py'));
  const out = report.hints.find((h) => h.name === 'out')!;
  assert.ok(out, 'the engine resolves the import');
  assert.deepEqual(((await client.inlayHints(train)) ?? []).map((h) => h.label), report.hints.map((h) => `: ${h.label}`));
  assert.deepEqual(await client.waitForDiagnostics(train, () => true), []);

  // Open models.py and break the Linear without saving: train.py gets the error at its call.
  await client.open(models, MODELS);
  const refreshes = client.refreshes;
  await client.change(models, [{ range: rangeOfText(MODELS, '8 * 6 * 6'), text: '100' }]);
  const [d] = await client.waitForDiagnostics(train, (ds) => ds.length === 1);
  assert.equal(d.range.start.line, rangeOfText(TRAIN, 'model(torch').start.line);
  assert.ok(client.refreshes > refreshes, 'inlay hints refreshed after the importer was re-analysed');

  // Closing the unsaved document: the file on disk (still correct) counts again.
  await client.close(models);
  await client.waitForDiagnostics(train, (ds) => ds.length === 0);
  await client.close(train);
});

test('a change on disk (didChangeWatchedFiles) re-analyses the importer', async () => {
  const train = fileUri(path.join(dir, 'train.py'));
  const file = path.join(dir, 'models.py');
  await client.open(train, TRAIN);
  await client.waitForDiagnostics(train, (ds) => ds.length === 0);
  fs.writeFileSync(file, MODELS.replace('8 * 6 * 6', '100'));
  await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri(file), type: 2 }] });
  await client.waitForDiagnostics(train, (ds) => ds.length === 1);
  fs.writeFileSync(file, MODELS);
  await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri(file), type: 2 }] });
  await client.waitForDiagnostics(train, (ds) => ds.length === 0);
  await client.close(train);
});

test('a model file nothing in it calls gets its shapes from the workspace file that calls it', async () => {
  const models = fileUri(path.join(dir, 'models.py'));
  const train = fileUri(path.join(dir, 'train.py'));
  await client.open(models, MODELS);
  const lineOf = (h: { position: { line: number } }): string => MODELS.split('\n')[h.position.line].trim();
  const forwardX = async (): Promise<string | undefined> => {
    const hints = (await client.inlayHints(models)) ?? [];
    const h = hints.find((x) => lineOf(x).startsWith('x = self.conv(x)'));
    return h && String(h.label);
  };
  // The file's own hints come first (a symbolic batch), before train.py has run...
  const refreshes = client.refreshes;
  assert.match((await forwardX()) ?? '', /^: \[\w+, 288\]$/);
  // ...then train.py's call Net()(torch.randn(4, 3, 8, 8)) joins: its batch of 4, and a refresh.
  let first: string | undefined;
  for (let i = 0; i < 50 && (first = await forwardX()) !== ': [4, 288]'; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(first, ': [4, 288]');
  assert.ok(client.refreshes > refreshes);
  const hint = ((await client.inlayHints(models)) ?? []).find((x) => lineOf(x).startsWith('x = self.conv(x)'))!;
  const tooltip = typeof hint.tooltip === 'string' ? hint.tooltip : hint.tooltip?.value;
  assert.match(tooltip ?? '', /from the call at `train\.py:5`/);
  // An unsaved edit of the caller changes the model file's hints.
  await client.open(train, TRAIN);
  await client.change(train, [{ range: rangeOfText(TRAIN, '4, 3'), text: '2, 3' }]);
  let label: string | undefined;
  for (let i = 0; i < 50 && (label = await forwardX()) !== ': [2, 288]'; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(label, ': [2, 288]');
  // An edit of the model file: the hints right after it still have the caller's shapes (a focused
  // analysis of the edited lines alone would show symbolic ones until the full one arrived).
  // A statement the hinted lines do not depend on, so that the hints of those lines alone could
  // be had from a slice of the file.
  await client.change(models, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'EXTRA = 1\n' }]);
  const edited = `EXTRA = 1\n${MODELS}`;
  const forward = rangeOfText(edited, 'def forward(self, x):');
  const visible = { start: forward.start, end: { line: forward.start.line + 3, character: 0 } };
  const after = ((await client.inlayHints(models, visible)) ?? []).find((x) => edited.split('\n')[x.position.line].trim().startsWith('x = self.conv(x)'));
  assert.equal(after && String(after.label), ': [2, 288]');
  await client.close(train);
  await client.close(models);
});

test('a model file only a YAML config builds gets the config\'s sizes; a change of the YAML on disk re-analyses it', async () => {
  const VAES = 'import torch.nn as nn\n\n\nclass Small(nn.Module):\n    def __init__(self, in_features, hidden):\n        super().__init__()\n        self.fc = nn.Linear(in_features, hidden)\n\n    def forward(self, x):\n        h = self.fc(x)\n        return h\n';
  const yaml = path.join(dir, 'configs', 'small.yaml');
  fs.mkdirSync(path.dirname(yaml), { recursive: true });
  fs.writeFileSync(yaml, 'model:\n  target: vaes.Small\n  params:\n    in_features: 6\n    hidden: 12\n');
  fs.writeFileSync(path.join(dir, 'vaes.py'), VAES);
  // Created while the server runs: the editor's watcher says so (the workspace's YAML files are listed again).
  await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri(yaml), type: 1 }] });
  const vaes = fileUri(path.join(dir, 'vaes.py'));
  await client.open(vaes, VAES);
  const hintOfH = async () => ((await client.inlayHints(vaes)) ?? []).find((x) => VAES.split('\n')[x.position.line].trim().startsWith('h = self.fc(x)'));
  // Its own hints first, then the config's sizes join.
  let first = await hintOfH();
  for (let i = 0; i < 50 && !/, 12\]$/.test(String(first?.label)); i++) {
    await new Promise((r) => setTimeout(r, 100));
    first = await hintOfH();
  }
  assert.match(String(first?.label), /, 12\]$/);
  const tooltip = typeof first?.tooltip === 'string' ? first.tooltip : first?.tooltip?.value;
  assert.match(tooltip ?? '', /`configs\/small\.yaml:2`/);
  fs.writeFileSync(yaml, 'model:\n  target: vaes.Small\n  params:\n    in_features: 6\n    hidden: 20\n');
  await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri(yaml), type: 2 }] });
  let label: string | undefined;
  for (let i = 0; i < 50 && !/, 20\]$/.test(label = String((await hintOfH())?.label)); i++) await new Promise((r) => setTimeout(r, 100));
  assert.match(label ?? '', /, 20\]$/);
  await client.close(vaes);
});

test('workspace folders and shapeHints.extraPaths are where absolute imports are found', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shape-hints-roots-'));
  try {
    fs.mkdirSync(path.join(root, 'app'));
    fs.mkdirSync(path.join(root, 'pkg'));
    fs.mkdirSync(path.join(root, 'libs'));
    fs.writeFileSync(path.join(root, 'pkg', '__init__.py'), '');
    fs.writeFileSync(path.join(root, 'pkg', 'models.py'), MODELS);
    fs.writeFileSync(path.join(root, 'libs', 'extra_models.py'), MODELS);
    const app = `import torch\nfrom pkg.models import Net\nfrom extra_models import Net as Net2\n\na = Net()(torch.randn(2, 3, 8, 8))\nb = Net2()(torch.randn(2, 3, 8, 8))\n`;
    const file = path.join(root, 'app', 'main.py');
    fs.writeFileSync(file, app);
    const c = await LspTestClient.start({ workspaceFolder: path.join(root, 'app') });
    try {
      const uri = fileUri(file);
      await c.open(uri, app);
      const names = async (): Promise<string[]> => ((await c.inlayHints(uri)) ?? []).map((h) => app.split('\n')[h.position.line][0]);
      assert.deepEqual(await names(), [], 'neither import resolves from app/ alone');
      await c.setFolders([path.join(root, 'app'), root]);
      assert.deepEqual(await names(), ['a'], 'pkg.models resolves from the added folder');
      await c.setSettings({ extraPaths: ['libs'] });
      assert.deepEqual(await names(), ['a', 'b'], 'extra_models resolves from the extra path (relative to a folder)');
    } finally {
      await c.stop();
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
