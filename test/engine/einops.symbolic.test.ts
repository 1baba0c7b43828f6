// einops on symbolic sizes: closed forms in the engine's canonical print, divisibility and size
// requirements as assumptions (warnings, never errors), known mismatches as einops's own text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dim } from '../../engine/shape/dim';
import type { Value } from '../../engine/value';
import type { OpResult } from '../../engine/ops/apply';
import { intValue as i, runFunction as call, runModule, strValue as s, tensorValue as t } from '../support/ops';

const B = Dim.sym('B');
const C = Dim.sym('C');
const H = Dim.sym('H');
const W = Dim.sym('W');
const N = Dim.sym('N');
const D = Dim.sym('D');

/** Printed shapes of each tensor in a result (a tensor, or a tuple/list holding tensors first). */
function shapes(r: OpResult): string[] {
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  const one = (v: Value): string[] => {
    if (v.kind === 'tensor') return [`[${v.shape!.join(', ')}]`];
    if (v.kind === 'tuple' || v.kind === 'list') return v.items.flatMap(one);
    return [];
  };
  return one(r.value);
}
const shape = (r: OpResult): string => shapes(r)[0];
const assumptions = (r: OpResult): string[] => (r.ok ? r.assumptions.map((a) => a.message) : []);

test('patch embedding on symbolic H, W: floor divisions and the divisibility it needs', () => {
  const r = call('einops.rearrange', [t([B, C, H, W]), s('b c (h p1) (w p2) -> b (h w) (p1 p2 c)')], { p1: i(16), p2: i(16) });
  assert.equal(shape(r), '[B, (H // 16)*(W // 16), 256*C]');
  assert.deepEqual(assumptions(r), ['needs H % 16 = 0', 'needs W % 16 = 0']);
  assert.ok(r.ok && r.assumptions.every((a) => a.code === 'einops-shape'));
  // The same with sizes that divide: nothing left open.
  const exact = call('einops.rearrange', [t([B, C, H.mul(16), W.mul(16)]), s('b c (h p1) (w p2) -> b (h w) (p1 p2 c)')], { p1: i(16), p2: i(16) });
  assert.equal(shape(exact), '[B, H*W, 256*C]');
  assert.deepEqual(assumptions(exact), []);
});

test('heads split and merged, ellipsis, unitary axes', () => {
  assert.equal(shape(call('einops.rearrange', [t([B, N, D.mul(8)]), s('b n (h d) -> b h n d')], { h: i(8) })), '[B, 8, N, D]');
  assert.equal(shape(call('einops.rearrange', [t([B, 8, N, D]), s('b h n d -> b n (h d)')])), '[B, N, 8*D]');
  assert.equal(shape(call('einops.rearrange', [t([B, N, 3 * 64]), s('b n (qkv h d) -> qkv b h n d')], { qkv: i(3), h: i(4) })), '[3, B, 4, N, 16]');
  assert.equal(shape(call('einops.rearrange', [t([B, C, H, W]), s('b ... -> b (...)')])), '[B, C*H*W]');
  assert.equal(shape(call('einops.rearrange', [t([B, 1, D]), s('b 1 d -> b d')])), '[B, D]');
  assert.equal(shape(call('einops.rearrange', [t([B, D]), s('b d -> b 1 d')])), '[B, 1, D]');
  // A symbolic size where einops wants 1: open, recorded.
  assert.deepEqual(assumptions(call('einops.rearrange', [t([B, N, D]), s('b 1 d -> b d')])), ['needs N = 1']);
});

test('repeat with a symbolic batch size taken from another tensor', () => {
  assert.equal(shape(call('einops.repeat', [t([1, 1, D]), s('1 1 d -> b 1 d')], { b: i(B) })), '[B, 1, D]');
  assert.equal(shape(call('einops.repeat', [t([N, D]), s('n d -> b n d')], { b: i(B) })), '[B, N, D]');
  assert.equal(shape(call('einops.repeat', [t([H, W]), s('h w -> (h h2) (w w2)')], { h2: i(2), w2: i(2) })), '[2*H, 2*W]');
});

test('reductions keep the symbolic axes that stay', () => {
  assert.equal(shape(call('einops.reduce', [t([B, N, D]), s('b n d -> b d'), s('mean')])), '[B, D]');
  const pool = call('einops.reduce', [t([B, C, H, W]), s('b c (h 2) (w 2) -> b c h w'), s('max')]);
  assert.equal(shape(pool), '[B, C, H // 2, W // 2]');
  assert.deepEqual(assumptions(pool), ['needs H % 2 = 0', 'needs W % 2 = 0']);
  assert.equal(shape(call('einops.reduce', [t([B, C, H, W]), s('b c h w -> b c 1 1'), s('sum')])), '[B, C, 1, 1]');
});

test('a known mismatch is einops error, with the input shape as torch prints it', () => {
  const r = call('einops.rearrange', [t([B, 3, 30, W]), s('b c (h p1) w -> b h p1 w c')], { p1: i(16) });
  assert.ok(!r.ok);
  assert.equal(r.error.exception, 'EinopsError');
  assert.equal(r.error.message, [
    ' Error while processing rearrange-reduction pattern "b c (h p1) w -> b h p1 w c".',
    " Input tensor shape: torch.Size([B, 3, 30, W]). Additional info: {'p1': 16}.", // einops.py:549-555
    " Shape mismatch, can't divide axis of length 30 in chunks of 16", // einops.py:201
  ].join('\n'));
});

test('pack and unpack a class token with symbolic sequence length', () => {
  const packed = call('einops.pack', [{ kind: 'list', items: [t([B, D]), t([B, N, D])] }, s('b * d')]);
  assert.deepEqual(shapes(packed), ['[B, N + 1, D]']);
  assert.ok(packed.ok && packed.value.kind === 'tuple');
  const ps = (packed.value as Extract<Value, { kind: 'tuple' }>).items[1];
  const back = call('einops.unpack', [t([B, N.add(1), D]), ps, s('b * d')]);
  assert.deepEqual(shapes(back), ['[B, D]', '[B, N, D]']);
  assert.deepEqual(assumptions(back), []);
  // unpack's error names the packed shapes as pack returned them: torch.Size objects (packing.py:186-188).
  const bad = call('einops.unpack', [t([B, N, D]), ps, s('b * d')]);
  assert.ok(bad.ok && assumptions(bad).length > 0, 'N vs N + 1 is open on symbols: an assumption, not an error');
  const wrong = call('einops.unpack', [t([2, 5, 8]), { kind: 'list', items: [ps.kind === 'list' ? ps.items[0] : ps, { kind: 'tuple', items: [i(2)] }] }, s('b * d')]);
  assert.ok(!wrong.ok);
  assert.equal(wrong.error.message, 'Error during unpack(..., "b * d"): could not split axis of size 5 into requested [torch.Size([]), (2,)]');
});

test('einops.einsum names axes and keeps symbols', () => {
  assert.equal(shape(call('einops.einsum', [t([B, N, D]), t([B, Dim.sym('M'), D]), s('b i d, b j d -> b i j')])), '[B, N, M]');
  const open = call('einops.einsum', [t([B, N, D]), t([B, N, C]), s('b i d, b j d -> b i j')]);
  assert.deepEqual(assumptions(open), ['needs C = D']);
});

test('parse_shape gives the symbolic sizes by name', () => {
  const r = call('einops.parse_shape', [t([B, 3, H, W]), s('b _ h w')]);
  assert.ok(r.ok && r.value.kind === 'dict');
  assert.deepEqual(r.value.entries.map(([k, v]) => `${(k as { value: string }).value}=${(v as { dim: Dim }).dim}`), ['b=B', 'h=H', 'w=W']);
});

test('layers: Rearrange patch embedding, Reduce pooling, EinMix heads', () => {
  const patches = runModule('einops.layers.torch.Rearrange', [s('b c (h p1) (w p2) -> b (h w) (p1 p2 c)')], { p1: i(16), p2: i(16) }, [t([B, 3, H, W])]);
  assert.equal(shape(patches), '[B, (H // 16)*(W // 16), 768]');
  assert.deepEqual(assumptions(patches), ['needs H % 16 = 0', 'needs W % 16 = 0']);
  assert.equal(shape(runModule('einops.layers.torch.Reduce', [s('b n d -> b d'), s('mean')], {}, [t([B, N, 64])])), '[B, 64]');
  const mix = runModule('einops.layers.torch.EinMix', [s('b n (h d) -> b n (h e)')], { weight_shape: s('h d e'), bias_shape: s('h e'), h: i(4), d: i(16), e: i(8) }, [t([B, N, 64])]);
  assert.equal(shape(mix), '[B, N, 32]');
});

test('assumption texts parenthesise compound sizes', () => {
  const r = call('einops.rearrange', [t([B, H.sub(4)]), s('b (h p) -> b h p')], { p: i(Dim.sym('P').mul(2)) });
  assert.deepEqual(assumptions(r), ['needs (H - 4) % (2*P) = 0']);
});

test('a pattern used again (its recipe kept) gives what it gave; on another rank, its own answer, a failure included', () => {
  const pattern = s('b n (h d) -> b h n d');
  const first = call('einops.rearrange', [t([B, N, D.mul(8)]), pattern], { h: i(8) });
  const again = call('einops.rearrange', [t([B, N, D.mul(8)]), pattern], { h: i(8) });
  assert.equal(shape(again), shape(first));
  assert.equal(shape(again), '[B, 8, N, D]');
  const wrongRank = call('einops.rearrange', [t([B, N, H, D.mul(8)]), pattern], { h: i(8) });
  assert.ok(!wrongRank.ok);
  const failedAgain = call('einops.rearrange', [t([B, N, H, D.mul(8)]), pattern], { h: i(8) });
  assert.ok(!failedAgain.ok && !wrongRank.ok && failedAgain.error.message === wrongRank.error.message);
  assert.equal(shape(call('einops.rearrange', [t([B, N, D.mul(8)]), pattern], { h: i(8) })), '[B, 8, N, D]');
});
