// JavaScript semantics the TF.js analysis relies on, checked through the shapes they lead to:
// numbers (an integral quotient sizes a layer), arrays and their methods, object literals and
// spreads, destructuring with defaults, Math, closures, classes and getters, promises, and a model
// imported from another file of the workspace. Each case's shapes are what the JavaScript means.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { initFrontends } from '../../server/frontends';
import { analyzeText } from '../../server/analyzeFile';
import { fileReport } from '../../server/report/fileReport';
import { workspaceImportResolver } from '../../server/workspaceImports';

before(async () => {
  await initFrontends();
});

const HEAD = "import * as tf from '@tensorflow/tfjs';\n";

/** The hint labels of `t` (the last binding of `t` in the file). */
function shapeOf(src: string, name = 't', file = 'a.ts', resolve?: Parameters<typeof analyzeText>[2]): string | undefined {
  const text = HEAD + src;
  const report = fileReport(file, text, analyzeText(text, { fileName: file }, resolve));
  return report.hints.filter((h) => h.name === name).pop()?.label;
}

const CASES: readonly (readonly [string, string | undefined])[] = [
  ['const n = 128 / 2; const t = tf.zeros([n, 3]);', '[64, 3]'],
  ['const n = 7 / 2; const t = tf.zeros([Math.floor(n), Math.ceil(n)]);', '[3, 4]'],
  ['const t = tf.zeros([Math.max(2, 5), Math.min(2, 5), 2 ** 3, 7 % 3]);', '[5, 2, 8, 1]'],
  ['const dims = [2, 3]; dims.push(4); const t = tf.zeros(dims);', '[2, 3, 4]'],
  ['const t = tf.zeros([1, 2, 3].map((d) => d * 2));', '[2, 4, 6]'],
  ['const t = tf.zeros([[2, 3, 4].reduce((a, b) => a * b, 1)]);', '[24]'],
  ['const t = tf.zeros([4, 5].concat([6]).slice(1));', '[5, 6]'],
  ['const t = tf.zeros(Array.from({length: 3}, (_, i) => i + 1));', '[1, 2, 3]'],
  ['const t = tf.zeros([[1, 2, 3].length, "abc".length]);', '[3, 3]'],
  ['const base = {rows: 2, cols: 3}; const cfg = {...base, cols: 5}; const t = tf.zeros([cfg.rows, cfg.cols]);', '[2, 5]'],
  ['const cfg = {rows: 2}; cfg.rows = 6; const t = tf.zeros([cfg.rows]);', '[6]'],
  ['const cfg: any = {}; cfg["k"] = 3; const t = tf.zeros([cfg.k, cfg["k"]]);', '[3, 3]'],
  ['const {rows = 4, cols = 2} = {cols: 7}; const t = tf.zeros([rows, cols]);', '[4, 7]'],
  ['const [a, b = 9] = [5]; const t = tf.zeros([a, b]);', '[5, 9]'],
  ['const size = undefined ?? 8; const t = tf.zeros([size]);', '[8]'],
  ['const s = 3 > 2 ? 6 : 1; const t = tf.zeros([s]);', '[6]'],
  ['let n = 1; for (let i = 0; i < 4; i++) { n *= 2; } const t = tf.zeros([n]);', '[16]'],
  ['let n = 0; for (const k of [1, 2, 3]) n += k; const t = tf.zeros([n]);', '[6]'],
  ['let n = 0; let i = 0; while (i < 5) { i++; if (i % 2) continue; n += i; } const t = tf.zeros([n]);', '[6]'],
  ['function make(n = 3) { return tf.zeros([n, n]); } const t = make();', '[3, 3]'],
  ['const make = (n: number) => () => tf.zeros([n]); const t = make(7)();', '[7]'],
  ['class Box { constructor(private readonly n: number) {} get size() { return this.n * 2; } make() { return tf.zeros([this.size]); } } const t = new Box(3).make();', '[6]'],
  ['class A { w = 4; } class B extends A { make() { return tf.zeros([this.w]); } } const t = new B().make();', '[4]'],
  ['async function f() { return tf.zeros([2]); } async function g() { const t = await f(); return t; } g();', '[2]'],
  ['function f() { return tf.zeros([2]); } f().reshape([1, 2]); const t = [tf.zeros([1]), tf.zeros([2, 2])][1];', '[2, 2]'],
  ['switch ("b") { case "a": var t = tf.zeros([1]); break; case "b": t = tf.zeros([2]); break; }', '[2]'],
  ['const parts = "1,2".split(","); const t = tf.zeros([parts.length]);', '[2]'],
  ['const t = tf.zeros([Number("3"), parseInt("4")]);', '[3, 4]'],
  ['const x = tf.zeros([2, 3]); const t = x + x;', undefined],
  ['const x = tf.zeros([2, 3]); const t = -x;', undefined],
  ['const x: any = tf.zeros([2, 3]); const t = x[0];', undefined],
  ['const t = tf.zeros([Math.random() > 0.5 ? 2 : 3]);', undefined],
];

for (const [src, want] of CASES) {
  test(src.length > 80 ? `${src.slice(0, 77)}...` : src, () => {
    assert.equal(shapeOf(src), want);
  });
}

test('a model imported from another file of the workspace is followed', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-import-'));
  fs.writeFileSync(path.join(dir, 'model.ts'), `${HEAD}export function buildModel(units: number) {\n  return tf.sequential({layers: [tf.layers.dense({units, inputShape: [8]})]});\n}\nexport const WIDTH = 8;\n`);
  const main = path.join(dir, 'main.ts');
  const src = "import { buildModel, WIDTH } from './model';\nconst m = buildModel(5);\nconst t = m.predict(tf.zeros([3, WIDTH]));\n";
  fs.writeFileSync(main, HEAD + src);
  assert.equal(shapeOf(src, 't', main, { resolveImport: workspaceImportResolver(main, [dir]) }), '[3, 5]');
  fs.rmSync(dir, { recursive: true, force: true });
});
