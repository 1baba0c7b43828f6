// Julia files that use other workspace files: `include("file.jl")` relative to the including
// file, `using .Module` as `Module.jl` beside it (or its src/), read and run like the main file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { initFrontends } from '../../../server/frontends';
import { analyzeText } from '../../../server/analyzeFile';
import { fileReport } from '../../../server/report/fileReport';
import { workspaceImportResolver } from '../../../server/workspaceImports';
import { juliaImportCandidates } from '../../../server/frontends/julia/frontend';

let dir: string;

before(async () => {
  await initFrontends();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flux-imports-'));
  fs.mkdirSync(path.join(dir, 'models'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'models', 'lenet.jl'), [
    'using Flux',
    'lenet() = Chain(Conv((5, 5), 1 => 6, relu), MaxPool((2, 2)), Flux.flatten, Dense(864 => 10))',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'src', 'Blocks.jl'), [
    'module Blocks',
    'using Flux',
    'block(c) = Chain(Conv((3, 3), c => c, relu; pad=1), BatchNorm(c))',
    'end',
  ].join('\n'));
});

after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function hints(file: string, text: string): string[] {
  const result = analyzeText(text, { fileName: file }, { resolveImport: workspaceImportResolver(file, [dir]) });
  return fileReport(file, text, result).hints.map((h) => `${h.line} ${h.name} ${h.label}`);
}

test('include("models/lenet.jl") brings its functions in', () => {
  const file = path.join(dir, 'train.jl');
  const text = 'using Flux\ninclude("models/lenet.jl")\nm = lenet()\ny = m(rand(Float32, 28, 28, 1, 4))\n';
  assert.deepEqual(hints(file, text), ['4 y (10, 4)']);
});

test('using .Blocks finds src/Blocks.jl beside the file', () => {
  const file = path.join(dir, 'main.jl');
  const text = 'using Flux\nusing .Blocks\nb = block(8)\ny = b(rand(Float32, 16, 16, 8, 2))\n';
  assert.deepEqual(hints(file, text), ['4 y (16, 16, 8, 2)']);
});

test('the files an import may name, in order', () => {
  const importer = path.join('/w', 'app', 'main.jl');
  assert.deepEqual(juliaImportCandidates('models/lenet.jl', 1, importer, []), [path.join('/w', 'app', 'models', 'lenet.jl')]);
  assert.deepEqual(juliaImportCandidates('Blocks', 1, importer, []), [
    path.join('/w', 'app', 'Blocks.jl'), path.join('/w', 'app', 'src', 'Blocks.jl'), path.join('/w', 'app', 'Blocks', 'src', 'Blocks.jl'),
  ]);
  assert.deepEqual(juliaImportCandidates('MyPkg', 0, importer, ['/w']).slice(0, 2), [path.join('/w', 'app', 'MyPkg.jl'), path.join('/w', 'app', 'src', 'MyPkg.jl')]);
});
