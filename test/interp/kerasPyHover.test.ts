// Hovers of Keras Python code (test/fixtures/keras/seed_questions.py, the project's two seed
// questions): a layer shows its arguments as written, its weights in Keras' layout beside
// PyTorch's (kernel (5, 5, 10, 5) / weight [5, 10, 5, 5]; Dense kernel (4800, 2000) / weight
// [2000, 4800]) and its calls; a model shows the table Keras 3's model.summary() prints, its rows'
// shapes and parameter counts those real TF.js printed for the fixture's mirror.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initFrontends } from '../../server/frontends';
import { analyzeText } from '../../server/analyzeFile';
import { layerMarkdown, modelMarkdown } from '../../server/lsp/hoverMarkdown';

const root = path.join(__dirname, '..', '..');
const file = path.join(root, 'test', 'fixtures', 'keras', 'seed_questions.py');
const golden = JSON.parse(fs.readFileSync(path.join(root, 'test', 'oracle', 'goldens', 'keras', 'mirrors', 'seed_questions.json'), 'utf8')) as { summaries: { lines: string[] }[] };

before(async () => {
  await initFrontends();
});

function analyze() {
  return analyzeText(fs.readFileSync(file, 'utf8'), { fileName: file }, {});
}

/** A TF.js summary row's output shape and count: `[null,56,56,5]`, `1255`. */
function tfjsRows(lines: readonly string[]): { shape: string; params: string }[] {
  return lines.filter((l) => /^\S+.*\[null/.test(l)).map((l) => {
    const [, shape, params] = /(\[null[^\]]*\])\s+(\d+)/.exec(l)!;
    return { shape, params };
  });
}

test('Conv2D hover: Keras kernel layout (5, 5, 10, 5) beside PyTorch [5, 10, 5, 5], and its call', () => {
  const conv = analyze().layers.find((l) => l.op === 'keras.layers.Conv2D')!;
  const md = layerMarkdown([conv], undefined, () => '');
  assert.ok(md.startsWith("**keras.layers.Conv2D**(filters=5, kernel_size=(5, 5), input_shape=(60, 60, 10), name='conv2d')"), md);
  // Keras' layout: keras/src/layers/convolutional/base_conv.py:193-205 (kernel_size + (in, filters)).
  assert.ok(md.includes('kernel: (5, 5, 10, 5)'), md);
  assert.ok(md.includes('bias  : (5,)'), md);
  assert.ok(md.includes('PyTorch `nn.Conv2d`: weight [5, 10, 5, 5], bias [5]'), md);
  assert.match(md, /\(None, 60, 60, 10\) -> \(None, 56, 56, 5\)/);
});

test('Dense hover: Keras kernel (4800, 2000) beside PyTorch weight [2000, 4800]', () => {
  const dense = analyze().layers.filter((l) => l.op === 'keras.layers.Dense')[1];
  const md = layerMarkdown([dense], undefined, () => '');
  // Keras' layout: keras/src/layers/core/dense.py:124-130 (kernel (input_shape[-1], units)).
  assert.ok(md.includes('kernel: (4800, 2000)'), md);
  assert.ok(md.includes('PyTorch `nn.Linear`: weight [2000, 4800], bias [2000]'), md);
});

test('model hover: the table Keras 3 prints, rows as TF.js counted them', () => {
  const r = analyze();
  for (const [i, name] of ['sequential', 'sequential_1'].entries()) {
    const model = r.models.find((m) => m.name === name)!;
    const md = modelMarkdown(model, undefined);
    assert.ok(md.includes(`Model: "${name}"`), md);
    const want = tfjsRows(golden.summaries[i].lines);
    assert.ok(want.length > 0);
    for (const row of want) {
      const shape = row.shape.replace('[null', '(None').replace(']', ')').replace(/,/g, ', ');
      const params = Number(row.params).toLocaleString('en-US');
      assert.ok(md.split('\n').some((l) => l.startsWith('│') && l.includes(`│ ${shape} `) && l.includes(` ${params} │`)), `${shape} ${params}\n${md}`);
    }
  }
});
