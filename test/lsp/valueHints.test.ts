// Sizes and tuples of tensors in the editor: the inlay hint after the name and the hover, with
// the values real PyTorch bound there (test/oracle/goldens/fixtures, trace_fixtures.py's `values`).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Hover, InlayHint } from 'vscode-languageserver-protocol';
import { ROOT } from './support/buildServer';
import { golden, readRoot, shapeLabel } from './support/expectations';
import { fileUri, LspTestClient } from './support/lspClient';

let client: LspTestClient;

before(async () => {
  client = await LspTestClient.start({ workspaceFolder: ROOT });
});

after(async () => {
  await client.stop();
});

const markdown = (h: Hover | null): string => {
  assert.ok(h, 'a hover');
  return (h.contents as { value: string }).value;
};
const labelOf = (h: InlayHint): string => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));

async function open(rel: string): Promise<string> {
  const uri = fileUri(path.join(ROOT, rel));
  await client.open(uri, readRoot(rel));
  return uri;
}

test('`B, T, C = x.size()`: each size after its name, and in the hover', async () => {
  const rel = 'test/fixtures/python/gpt_mini.py';
  const uri = await open(rel);
  const sizes = golden(rel).values.filter((v) => v.line === 21);
  assert.deepEqual(sizes.map((v) => v.name), ['B', 'T', 'C']);
  const hints = (await client.inlayHints(uri)) ?? [];
  for (const v of sizes) {
    const at = hints.find((h) => h.position.line === v.line - 1 && h.position.character === v.column - 1 + v.name.length);
    assert.ok(at, `a hint after ${v.name}`);
    assert.equal(labelOf(at), `: ${v.sizes![0]}`);
    const md = markdown(await client.hover(uri, { line: v.line - 1, character: v.column - 1 }));
    assert.ok(md.includes(`\`\`\`shape\n${v.name}: ${v.sizes![0]}\n\`\`\``), md);
  }
  await client.close(uri);
});

test('a tuple of tensors bound whole: every shape, in the hint and the hover', async () => {
  const rel = 'test/fixtures/python/einops_vit.py';
  const uri = await open(rel);
  const qkv = golden(rel).values.find((v) => v.name === 'qkv' && v.tuples)!;
  const want = `(${qkv.tuples![0].shapes.map(shapeLabel).join(', ')})`;
  const hints = (await client.inlayHints(uri)) ?? [];
  const at = hints.find((h) => h.position.line === qkv.line - 1 && h.position.character === qkv.column - 1 + 'qkv'.length);
  assert.ok(at);
  assert.equal(labelOf(at), `: ${want}`);
  const md = markdown(await client.hover(uri, { line: qkv.line - 1, character: qkv.column }));
  assert.ok(md.includes(`qkv: ${want}`), md);
  await client.close(uri);
});

test('a size named after itself (`b, n, d = x.shape` seeded with b and n) gets no inlay hint', async () => {
  const uri = 'untitled:self_named.py';
  const text = [
    'import torch.nn as nn',
    '',
    'class Mix(nn.Module):',
    '    def __init__(self, dim):',
    '        super().__init__()',
    '        self.proj = nn.Linear(dim, dim)',
    '',
    '    def forward(self, x):',
    '        b, n, d = x.shape',
    '        y = self.proj(x)',
    '        return y',
    '',
  ].join('\n');
  await client.open(uri, text);
  const hints = (await client.inlayHints(uri)) ?? [];
  const line8 = hints.filter((h) => h.position.line === 8).map(labelOf);
  // b and n are the seed's own names; d is the Linear's `dim`.
  assert.deepEqual(line8, [': dim']);
  assert.ok(hints.some((h) => h.position.line === 9 && labelOf(h) === ': [b, n, dim]'), JSON.stringify(hints.map(labelOf)));
  await client.close(uri);
});
