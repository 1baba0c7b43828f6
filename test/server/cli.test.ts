// `shape-hints check` as CI runs it on a folder: one file's failure is that file's tool-error
// (exit 2 at the end) and the other files are still reported; text, json and sarif formats.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { pathToFileURL } from 'node:url';

const root = path.join(__dirname, '..', '..');
// The CLI from its sources; tsx is found from here, not from the temporary folder it runs in.
const TSX = pathToFileURL(require.resolve('tsx')).href;
let dir: string;

const GOOD = `import torch
import torch.nn as nn
fc = nn.Linear(3072, 10)
x = torch.randn(1, 768)
y = fc(x)
`;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shape-hints-cli-'));
  fs.mkdirSync(path.join(dir, '.git'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src', 'good.py'), GOOD);
  fs.writeFileSync(path.join(dir, 'src', 'broken.ipynb'), '{ not json');
  fs.writeFileSync(path.join(dir, 'src', 'nb.ipynb'), JSON.stringify({
    cells: [{ cell_type: 'markdown', source: '# t' }, { cell_type: 'code', source: ['import torch\n'] }, { cell_type: 'code', source: ['z = torch.zeros(2, 5)\n'] }],
  }));
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => spawnSync(process.execPath, ['--import', TSX, path.join(root, 'server', 'cli.ts'), ...args], { cwd: dir, encoding: 'utf8' });

test('a file that cannot be analysed is a tool-error; the others are still checked; exit 2', () => {
  const r = run('check', 'src', '--format', 'json');
  assert.equal(r.status, 2, r.stderr);
  const out = JSON.parse(r.stdout) as { files: { path: string; hints: { name: string; cell?: number; line: number }[]; diagnostics: { code: string; severity: string; message: string }[] }[] };
  const byPath = new Map(out.files.map((f) => [f.path, f]));
  assert.deepEqual([...byPath.keys()].sort(), ['src/broken.ipynb', 'src/good.py', 'src/nb.ipynb']);
  assert.equal(byPath.get('src/broken.ipynb')!.diagnostics[0].code, 'tool-error');
  assert.deepEqual(byPath.get('src/good.py')!.diagnostics.map((d) => d.code), ['linear-in-features']);
  // Notebook positions are per cell (the third cell is the second code cell: line 1 of cell 3).
  assert.deepEqual(byPath.get('src/nb.ipynb')!.hints.map((h) => [h.name, h.cell, h.line]), [['z', 3, 1]]);
});

test('text on a folder: diagnostics and a summary per file; --quiet: diagnostics only', () => {
  const r = run('check', 'src/good.py', 'src/nb.ipynb');
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^src\/good\.py:5:5: error \[linear-in-features\] mat1 and mat2 shapes cannot be multiplied \(1x768 and 3072x10\)$/m);
  assert.match(r.stdout, /^src\/nb\.ipynb\s+1 hint\(s\), 0 error\(s\), 0 warning\(s\)$/m);
  assert.doesNotMatch(r.stdout, /fc = nn\.Linear/, 'no source listing for several files');
  const q = run('check', 'src/good.py', 'src/nb.ipynb', '--quiet');
  assert.equal(q.stdout.trim().split('\n').length, 1);
  const single = run('check', 'src/good.py');
  assert.match(single.stdout, /fc = nn\.Linear\(3072, 10\)/, 'one file: the annotated listing');
});

test('SARIF paths are relative to the repository root', () => {
  const r = spawnSync(process.execPath, ['--import', TSX, path.join(root, 'server', 'cli.ts'), 'check', 'good.py', '--format', 'sarif'], { cwd: path.join(dir, 'src'), encoding: 'utf8' });
  const sarif = JSON.parse(r.stdout) as { runs: { originalUriBaseIds: { SRCROOT: { uri: string } }; results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }[] }[] };
  const loc = sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
  assert.deepEqual(loc, { uri: 'src/good.py', uriBaseId: 'SRCROOT' });
  assert.equal(sarif.runs[0].originalUriBaseIds.SRCROOT.uri, `file://${fs.realpathSync(dir)}/`);
});

test('--help', () => {
  const r = run('--help');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /--extra-path DIR/);
});
