// Imports resolve to files of the workspace, of a virtualenv's site-packages and of extra paths,
// found by reading files only.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { initPythonParser } from '../../server/frontends/python/parser';
import { analyzePythonText } from '../../server/analyzeFile';
import { environmentSitePackages, workspaceImportResolver } from '../../server/workspaceImports';
import { environmentPrefix } from '../../client/environmentPrefix';

const BLOCK = `import torch.nn as nn\n\nclass Stem(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.conv = nn.Conv2d(3, 8, 3)\n\n    def forward(self, x):\n        return self.conv(x)\n`;
const MAIN = (mod: string): string => `import torch\nfrom ${mod} import Stem\n\nstem = Stem()\ny = stem(torch.randn(2, 3, 10, 10))\n`;

let dir: string;
before(async () => {
  await initPythonParser();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shape-hints-imports-'));
  fs.mkdirSync(path.join(dir, '.venv/lib/python3.11/site-packages/visionpkg'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.venv/lib/python3.11/site-packages/visionpkg/__init__.py'), 'from .stem import Stem\n');
  fs.writeFileSync(path.join(dir, '.venv/lib/python3.11/site-packages/visionpkg/stem.py'), BLOCK);
  fs.mkdirSync(path.join(dir, 'vendor/extra'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'vendor/extra/extrastem.py'), BLOCK);
  fs.mkdirSync(path.join(dir, 'src'));
});

const hintOfY = (file: string, text: string, extra: string[] = []): string | undefined => {
  const r = analyzePythonText(text, { resolveImport: workspaceImportResolver(file, [dir], extra) });
  const h = r.hints.find((x) => x.name === 'y');
  return h ? h.shapes.map((s) => `[${s.join(', ')}]`).join(' | ') : undefined;
};

test('a package installed in the workspace .venv is read statically', () => {
  assert.equal(hintOfY(path.join(dir, 'src/main.py'), MAIN('visionpkg')), '[2, 8, 8, 8]');
});

test('an extra path is searched', () => {
  assert.equal(hintOfY(path.join(dir, 'src/main.py'), MAIN('extrastem')), undefined);
  assert.equal(hintOfY(path.join(dir, 'src/main.py'), MAIN('extrastem'), [path.join(dir, 'vendor/extra')]), '[2, 8, 8, 8]');
});

test('a module found nowhere gives no hint, not an error', () => {
  const r = analyzePythonText(MAIN('nowhere'), { resolveImport: workspaceImportResolver(path.join(dir, 'src/main.py'), [dir]) });
  assert.equal(r.hints.find((x) => x.name === 'y'), undefined);
  assert.deepEqual(r.diagnostics, []);
});

test("a library's imports run when a name is first read: modules the file never reaches are not read", () => {
  const lib = path.join(dir, '.venv/lib/python3.11/site-packages/lazypkg');
  fs.mkdirSync(lib, { recursive: true });
  fs.writeFileSync(path.join(lib, '__init__.py'), 'from .stem import Stem\nfrom .unused import Other\nfrom .cycle_a import A\n');
  fs.writeFileSync(path.join(lib, 'stem.py'), BLOCK);
  fs.writeFileSync(path.join(lib, 'unused.py'), 'import torch.nn as nn\n\nclass Other(nn.Module):\n    pass\n');
  fs.writeFileSync(path.join(lib, 'cycle_a.py'), 'from .cycle_b import B\n\nclass A:\n    size = B.size\n');
  fs.writeFileSync(path.join(lib, 'cycle_b.py'), 'from .cycle_a import A\n\nclass B:\n    size = 3\n');
  const file = path.join(dir, 'src/main.py');
  const read: string[] = [];
  const base = workspaceImportResolver(file, [dir]);
  const resolveImport: typeof base = (m, level, from) => {
    const ir = base(m, level, from);
    if (ir) read.push(m);
    return ir;
  };
  const text = `${MAIN('lazypkg')}from lazypkg import A\nz = torch.zeros(A.size)\n`;
  const r = analyzePythonText(text, { resolveImport });
  const hint = (name: string): string | undefined => r.hints.find((x) => x.name === name)?.shapes.map((s) => `[${s.join(', ')}]`).join(' | ');
  assert.equal(hint('y'), '[2, 8, 8, 8]');
  assert.equal(hint('z'), '[3]');
  assert.ok(!read.includes('unused'), `read: ${read.join(', ')}`);
  assert.ok(read.includes('stem') && read.includes('cycle_b'), `read: ${read.join(', ')}`);
});

test("`from ..ops import misc`: a package's submodule its __init__ does not name, in the user's file and in a library", () => {
  // torchvision's detection models read `from ...ops import boxes as box_ops, misc as misc_nn_ops`.
  const ws = path.join(dir, 'relpkg');
  fs.mkdirSync(path.join(ws, 'ops'), { recursive: true });
  fs.mkdirSync(path.join(ws, 'models'), { recursive: true });
  fs.writeFileSync(path.join(ws, '__init__.py'), '');
  fs.writeFileSync(path.join(ws, 'ops/__init__.py'), 'from .boxes import box_area\n');
  fs.writeFileSync(path.join(ws, 'ops/boxes.py'), 'def box_area(b):\n    return b\n');
  fs.writeFileSync(path.join(ws, 'ops/misc.py'), BLOCK);
  fs.writeFileSync(path.join(ws, 'models/__init__.py'), '');
  fs.writeFileSync(path.join(ws, 'models/net.py'), 'from ..ops import misc as misc_ops\n\nStem = misc_ops.Stem\n');
  const own = `import torch\nfrom ..ops import boxes, misc as misc_ops\n\nstem = misc_ops.Stem()\ny = stem(torch.randn(2, 3, 10, 10))\n`;
  assert.equal(hintOfY(path.join(ws, 'models/main.py'), own), '[2, 8, 8, 8]');
  // Read from a library module (imported lazily, when the name is first read).
  assert.equal(hintOfY(path.join(ws, 'models/main.py'), MAIN('relpkg.models.net')), '[2, 8, 8, 8]');
});

test("a package whose __init__ star-imports its model files, each importing the base class back from the package (PyTorch-VAE's models/)", () => {
  // `from models import BaseVAE` runs while models/__init__.py is half done: Python's module dict
  // already holds BaseVAE (from `.base import *` above), so the class and the name star-imported
  // back are the base class, in the package's files and in the file analysed.
  const ws = path.join(dir, 'vaes');
  fs.mkdirSync(path.join(ws, 'models'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'models/__init__.py'), 'from .base import *\nfrom .first import *\nfrom .second import *\nfrom .checks import *\n');
  // Imports the base class and reads it only when called: the star import copies the name unread.
  fs.writeFileSync(path.join(ws, 'models/checks.py'), 'from models import BaseVAE\n\ndef is_vae(m):\n    return isinstance(m, BaseVAE)\n');
  fs.writeFileSync(path.join(ws, 'models/base.py'), 'import torch.nn as nn\n\nclass BaseVAE(nn.Module):\n    pass\n');
  const model = (name: string, width: number): string =>
    `import torch.nn as nn\nfrom models import BaseVAE\n\nclass ${name}(BaseVAE):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, ${width})\n\n    def forward(self, x):\n        y = self.fc(x)\n        return y\n`;
  fs.writeFileSync(path.join(ws, 'models/first.py'), model('First', 8));
  fs.writeFileSync(path.join(ws, 'models/second.py'), model('Second', 6));
  for (const [file, width] of [['first.py', 8], ['second.py', 6]] as const) {
    const at = path.join(ws, 'models', file);
    const r = analyzePythonText(fs.readFileSync(at, 'utf8'), { resolveImport: workspaceImportResolver(at, [ws]) });
    assert.deepEqual(r.hints.find((h) => h.name === 'y')?.shapes.map((s) => s.at(-1)?.value), [width], file);
  }
  const main = path.join(ws, 'main.py');
  const text = 'import torch\nfrom models import Second\n\nnet = Second()\ny = net(torch.randn(2, 4))\n';
  const r = analyzePythonText(text, { resolveImport: workspaceImportResolver(main, [ws]) });
  assert.equal(r.hints.find((h) => h.name === 'y')?.shapes.map((s) => `[${s.join(', ')}]`).join(' | '), '[2, 6]');
  const own = analyzePythonText(`import torch\nimport torch.nn as nn\nfrom models import BaseVAE\n\n${model('Mine', 5).split('\n').slice(3).join('\n')}\ny = Mine()(torch.randn(2, 4))\n`, { resolveImport: workspaceImportResolver(main, [ws]) });
  assert.deepEqual(own.hints.filter((h) => h.name === 'y').map((h) => h.shapes.map((s) => `[${s.join(', ')}]`).join(' | ')), ['[2, 5]', '[2, 5]']);
});

test('the active virtualenv and conda environment are searched, found by reading folders', () => {
  const venv = path.join(dir, 'elsewhere-venv');
  const conda = path.join(dir, 'conda-env');
  fs.mkdirSync(path.join(venv, 'lib/python3.12/site-packages'), { recursive: true });
  fs.mkdirSync(path.join(conda, 'lib/python3.10/site-packages'), { recursive: true });
  const found = environmentSitePackages({ VIRTUAL_ENV: venv, CONDA_PREFIX: conda });
  assert.deepEqual(found.slice(0, 2), [path.join(venv, 'lib/python3.12/site-packages'), path.join(conda, 'lib/python3.10/site-packages')]);
  assert.deepEqual(environmentSitePackages({}).filter((p) => p.startsWith(dir)), []);
});

test("the Python extension's interpreter path names its environment's folder", () => {
  assert.equal(environmentPrefix('/home/u/proj/.venv/bin/python3.11'), '/home/u/proj/.venv');
  assert.equal(environmentPrefix('/opt/conda/envs/ml/bin/python'), '/opt/conda/envs/ml');
  assert.equal(environmentPrefix('/opt/conda/envs/ml'), '/opt/conda/envs/ml');
  assert.equal(environmentPrefix('/usr/bin/python3'), '/usr');
});

test("a cycle back into a package reads the names its __init__ bound so far, as Python's half-built module gives them", () => {
  // AntixK/PyTorch-VAE's layout: models/__init__.py star-imports every model file, and each model
  // file imports its base class back from the package (`from models import BaseVAE`).
  const ws = path.join(dir, 'cyclic');
  fs.mkdirSync(path.join(ws, 'nets'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'nets/__init__.py'), 'from .base import *\nfrom .stem import *\n');
  fs.writeFileSync(path.join(ws, 'nets/base.py'), 'import torch.nn as nn\n\nclass BaseNet(nn.Module):\n    pass\n');
  fs.writeFileSync(path.join(ws, 'nets/stem.py'), BLOCK.replace('class Stem(nn.Module)', 'from nets import BaseNet\n\nclass Stem(BaseNet)'));
  fs.writeFileSync(path.join(ws, 'main.py'), MAIN('nets'));
  const hintsOf = (file: string) => analyzePythonText(fs.readFileSync(file, 'utf8'), { resolveImport: workspaceImportResolver(file, [ws], []) }).hints
    .map((h) => `${h.name} ${h.shapes.map((s) => `[${s.join(', ')}]`).join(' | ')}`);
  assert.deepEqual(hintsOf(path.join(ws, 'main.py')), ['y [2, 8, 8, 8]']);
  // The model file itself, which nothing calls, is a module: its input gets a hint.
  assert.ok(hintsOf(path.join(ws, 'nets/stem.py')).some((h) => h.startsWith('x ')));
});

test("a module that imports the analysed file back (litgpt's config reading `litgpt.model` in a property) gets the file as it runs", () => {
  const pkg = path.join(dir, 'selfpkg');
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, '__init__.py'), '');
  fs.writeFileSync(path.join(pkg, 'config.py'), [
    'from dataclasses import dataclass',
    '',
    '@dataclass',
    'class Config:',
    '    width: int = 16',
    '    mlp_class_name: str = "MLP"',
    '',
    '    @property',
    '    def mlp_class(self):',
    '        import selfpkg.model',
    '        return getattr(selfpkg.model, self.mlp_class_name)',
    '',
  ].join('\n'));
  const model = [
    'import torch',
    'import torch.nn as nn',
    'from selfpkg.config import Config',
    '',
    'class MLP(nn.Module):',
    '    def __init__(self, config):',
    '        super().__init__()',
    '        self.fc = nn.Linear(config.width, 2 * config.width)',
    '',
    '    def forward(self, x):',
    '        return self.fc(x)',
    '',
    'config = Config()',
    'mlp = config.mlp_class(config)',
    'y = mlp(torch.randn(3, 16))',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(pkg, 'model.py'), model);
  assert.equal(hintOfY(path.join(pkg, 'model.py'), model), '[3, 32]');
});
