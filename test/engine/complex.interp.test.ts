// Complex tensors in analysed code: hints carry complex64/complex128, `.real`/`.imag` are the
// torch.real/torch.imag ops, and PyTorch's errors surface at the line. Every expectation is read
// from the PyTorch 1.13 oracle's goldens (test/oracle/goldens/ops/math.json), never typed here.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initPythonParser } from '../../server/frontends/python/parser';
import { analyzePythonText } from '../../server/analyzeFile';
import type { GoldenCase } from '../oracle/goldenCodec';

const goldens = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'oracle', 'goldens', 'ops', 'math.json'), 'utf8')) as GoldenCase[];

/** The oracle's case for `op` whose tensor arguments have these shapes and dtypes. */
function golden(op: string, ...tensors: [number[], string][]): GoldenCase {
  const found = goldens.find((c) => c.op === op && Object.keys(c.kwargs).length === 0 && c.args.length === tensors.length &&
    tensors.every(([shape, dtype], i) => JSON.stringify(c.args[i]) === JSON.stringify({ dtype, tensor: shape })));
  assert.ok(found, `no golden for ${op} ${JSON.stringify(tensors)}`);
  return found;
}

/** `[2, 3] complex64` for a golden's tensor result. */
function expected(c: GoldenCase): string {
  const r = c.result as { tensor: number[]; dtype: string };
  return `[${r.tensor.join(', ')}] ${r.dtype}`;
}

function hint(text: string, name: string): string {
  const h = analyzePythonText(text).hints.find((x) => x.name === name);
  return h ? `[${h.shapes[0].join(', ')}] ${h.dtypes[0]}` : 'no hint';
}

const pre = 'import torch\n';

before(async () => {
  await initPythonParser();
});

test('view_as_complex / view_as_real / polar hints carry the complex dtype', () => {
  assert.equal(hint(`${pre}c = torch.view_as_complex(torch.randn(2, 3, 2))`, 'c'), expected(golden('torch.view_as_complex', [[2, 3, 2], 'float32'])));
  assert.equal(hint(`${pre}c = torch.view_as_complex(torch.randn(2, 3, 2, dtype=torch.float64))`, 'c'), expected(golden('torch.view_as_complex', [[2, 3, 2], 'float64'])));
  assert.equal(hint(`${pre}r = torch.view_as_real(torch.randn(2, 3, dtype=torch.cfloat))`, 'r'), expected(golden('torch.view_as_real', [[2, 3], 'complex64'])));
  assert.equal(hint(`${pre}p = torch.polar(torch.ones(2, 3), torch.zeros(3))`, 'p'), expected(golden('torch.polar', [[2, 3], 'float32'], [[3], 'float32'])));
});

test('.real and .imag are torch.real and torch.imag', () => {
  for (const dtype of ['complex64', 'complex128']) {
    const text = `${pre}z = torch.randn(2, 3, dtype=torch.${dtype})\na = z.real\nb = z.imag\n`;
    assert.equal(hint(text, 'a'), expected(golden('torch.real', [[2, 3], dtype])));
    assert.equal(hint(text, 'b'), expected(golden('torch.imag', [[2, 3], dtype])));
  }
  const real = golden('torch.imag', [[2, 3], 'float32']);
  const { diagnostics } = analyzePythonText(`${pre}x = torch.randn(2, 3)\nb = x.imag\n`);
  assert.deepEqual(diagnostics.map((d) => d.message), [real.error!.message]);
});

test('complex promotion and products reach the hints', () => {
  const text = `${pre}z = torch.randn(2, 3, dtype=torch.complex64)\nw = z * torch.randn(3, dtype=torch.float64)\nm = z @ torch.randn(3, 4, dtype=torch.complex64)\na = z.abs()\n`;
  assert.equal(hint(text, 'w'), expected(golden('torch.mul', [[2, 3], 'complex64'], [[3], 'float64'])));
  assert.equal(hint(text, 'm'), expected(golden('torch.matmul', [[2, 3], 'complex64'], [[3, 4], 'complex64'])));
  assert.equal(hint(text, 'a'), expected(golden('torch.Tensor.abs', [[2, 3], 'complex64'])));
  const mixed = golden('torch.matmul', [[2, 3], 'complex64'], [[3, 4], 'float32']);
  const { diagnostics } = analyzePythonText(`${pre}z = torch.randn(2, 3, dtype=torch.complex64)\nm = z @ torch.randn(3, 4)\n`);
  assert.deepEqual(diagnostics.map((d) => d.message), [mixed.error!.message]);
});
