// Our declared signatures against PyTorch's own (inspect.signature, recorded by the oracle):
// parameter names, order, kinds and defaults, so that `nn.Conv2d(3, 64, 3, 1, 1)` binds as in
// PyTorch. Ops implemented in C (no Python signature) are covered by the call cases instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lookupOp } from '../../engine/ops/registry';
import { parseLiteral, type Signature } from '../../engine/ops/signature';
import { encodeValue } from './goldenCodec';

interface PyParam { name: string; kind: string; default?: string }
type PySigs = Record<string, { init?: PyParam[] | null; forward?: PyParam[] | null; call?: PyParam[] | null }>;

const dir = path.join(__dirname, 'goldens', 'signatures');

function literal(text: string): string | undefined {
  try {
    return JSON.stringify(encodeValue(parseLiteral(text)));
  } catch {
    return undefined; // a default Python prints as an object (a function, a dtype): not compared
  }
}

/**
 * Parameters PyTorch added after 1.13 that our declarations take (cited where declared): left out
 * before comparing with the 1.13 signatures.
 */
const ADDED_AFTER_1_13: Record<string, readonly string[]> = {
  'torch.nn.LayerNorm __init__': ['bias'], // 2.1, engine/ops/layers/layernorm.ts
};

function differences(ours: Signature, theirs: PyParam[]): string[] {
  const out: string[] = [];
  const n = Math.max(ours.params.length, theirs.length);
  for (let i = 0; i < n; i++) {
    const a = ours.params[i];
    const b = theirs[i];
    if (!a || !b) {
      out.push(`parameter ${i}: ours ${a?.name ?? '(none)'}, PyTorch ${b?.name ?? '(none)'}`);
      continue;
    }
    if (a.name !== b.name || a.kind !== b.kind) out.push(`parameter ${i}: ours ${a.name} (${a.kind}), PyTorch ${b.name} (${b.kind})`);
    if ((a.defaultText === undefined) !== (b.default === undefined)) {
      out.push(`${a.name}: default ours ${a.defaultText ?? '(required)'}, PyTorch ${b.default ?? '(required)'}`);
    } else if (a.defaultText !== undefined && b.default !== undefined) {
      const theirsLit = literal(b.default);
      if (theirsLit !== undefined && theirsLit !== literal(a.defaultText)) out.push(`${a.name}: default ours ${a.defaultText}, PyTorch ${b.default}`);
    }
  }
  return out;
}

for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const sigs = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as PySigs;
  test(`signatures match PyTorch: ${file.slice(0, -5)}`, () => {
    const problems: string[] = [];
    for (const [name, s] of Object.entries(sigs)) {
      const op = lookupOp(name);
      if (!op) continue; // reported by the oracle cases
      const pairs: [string, Signature, PyParam[] | null | undefined][] =
        op.kind === 'module' ? [['__init__', op.init, s.init], ['forward', op.forward, s.forward]] : [['call', op.signature, s.call]];
      for (const [what, ours, theirs] of pairs) {
        if (!theirs) continue;
        // A Tensor method written in Python is recorded without `self`; ours names the tensor first.
        const own0 = name.startsWith('torch.Tensor.') && ours.params.length === theirs.length + 1 ? { ...ours, params: ours.params.slice(1) } : ours;
        const added = ADDED_AFTER_1_13[`${name} ${what}`] ?? [];
        const own = added.length > 0 ? { ...own0, params: own0.params.filter((p) => !added.includes(p.name)) } : own0;
        for (const d of differences(own, theirs)) problems.push(`${name} ${what}: ${d}`);
      }
    }
    assert.deepEqual(problems, []);
  });
}
