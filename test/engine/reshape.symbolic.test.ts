// The reshape family on symbolic dimensions: closed forms in the engine's canonical print, open
// checks recorded as assumptions, data-dependent sizes as `?`, undecidable cases as no hint, and
// agreement with the concrete rule when random integers are substituted for the symbols.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dim } from '../../engine/shape/dim';
import type { Value } from '../../engine/value';
import type { OpResult } from '../../engine/ops/apply';
import { mulberry32, randomInt } from '../support/random';
import { intValue as i, runFunction as call, tensorValue as t } from '../support/ops';

type D = Dim | number;
const B = Dim.sym('B');
const C = Dim.sym('C');
const H = Dim.sym('H');
const W = Dim.sym('W');
const K = Dim.sym('K');
const T = Dim.sym('T');

const tup = (...items: Value[]): Value => ({ kind: 'tuple', items });
const list = (...items: Value[]): Value => ({ kind: 'list', items });
const sl = (start: Value, stop: Value, step: Value = NONE): Value => ({ kind: 'slice', start, stop, step });
const NONE: Value = { kind: 'none' };


/** Printed shapes of a tensor result, or of each tensor in a tuple result. */
function shapes(r: OpResult): string[] {
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  const one = (v: Value): string => {
    assert.equal(v.kind, 'tensor');
    return `[${(v as Extract<Value, { kind: 'tensor' }>).shape!.join(', ')}]`;
  };
  return r.value.kind === 'tuple' ? r.value.items.map(one) : [one(r.value)];
}

const shape = (r: OpResult): string => shapes(r)[0];

test('view and reshape solve -1 from a symbolic element count', () => {
  const x = t([B, 64, 7, 7]);
  assert.equal(shape(call('torch.Tensor.view', [x, i(-1), i(3136)])), '[B, 3136]');
  assert.equal(shape(call('torch.Tensor.view', [x, i(B), i(-1)])), '[B, 3136]');
  assert.equal(shape(call('torch.Tensor.view', [x, tup(i(B), i(-1))])), '[B, 3136]');
  assert.equal(shape(call('torch.reshape', [t([B, C, H, W]), tup(i(B), i(-1))])), '[B, C*H*W]');
  assert.equal(shape(call('torch.Tensor.view_as', [t([B, 6]), t([B, 2, 3])])), '[B, 2, 3]');
  // 64*B*H*W / 3136 is only exact when 49 divides B*H*W: kept as an assumption, not a guess.
  const open = call('torch.Tensor.view', [t([B, 64, H, W]), i(-1), i(3136)]);
  assert.ok(open.ok);
  assert.equal(shape(open), '[(B*H*W) // 49, 3136]');
  assert.equal(open.assumptions.length, 1);
  assert.equal(open.assumptions[0].code, 'view-size');
  // 7*B = 8*B only holds for B = 0: an open requirement, recorded with PyTorch's code.
  const odd = call('torch.Tensor.view', [t([B, 7]), i(B), i(8)]);
  assert.ok(odd.ok && odd.assumptions.length === 1 && odd.assumptions[0].message === 'needs 8*B = 7*B');
  const bad = call('torch.Tensor.view', [t([B, 7]), i(-1), i(-1)]);
  assert.ok(!bad.ok && bad.error.message === 'only one dimension can be inferred');
});

test('flatten, unflatten, squeeze and unsqueeze', () => {
  assert.equal(shape(call('torch.flatten', [t([B, C, H, W]), i(1)])), '[B, C*H*W]');
  assert.equal(shape(call('torch.Tensor.flatten', [t([B, C, H, W]), i(2), i(3)])), '[B, C, H*W]');
  assert.equal(shape(call('torch.unflatten', [t([B, K.mul(3)]), i(1), tup(i(3), i(-1))])), '[B, 3, K]');
  assert.equal(shape(call('torch.unsqueeze', [t([B, T]), i(-1)])), '[B, T, 1]');
  assert.equal(shape(call('torch.squeeze', [t([B, 1, T]), i(1)])), '[B, T]');
  // squeeze() on symbolic sizes could drop any of them: no hint.
  const sq = call('torch.squeeze', [t([B, 1, T])]);
  assert.ok(sq.ok && sq.value.kind === 'unknown');
});

test('permutations keep symbols in their new places', () => {
  assert.equal(shape(call('torch.Tensor.permute', [t([B, C, H, W]), i(0), i(2), i(3), i(1)])), '[B, H, W, C]');
  assert.equal(shape(call('torch.transpose', [t([B, T, C]), i(1), i(2)])), '[B, C, T]');
  assert.equal(shape(call('torch.t', [t([H, W])])), '[W, H]');
  assert.equal(shape(call('torch.movedim', [t([B, C, H, W]), i(1), i(-1)])), '[B, H, W, C]');
});

test('expand, repeat and tile', () => {
  assert.equal(shape(call('torch.Tensor.expand', [t([1, H]), i(B), i(-1)])), '[B, H]');
  assert.equal(shape(call('torch.Tensor.expand', [t([H]), i(B), i(T), i(H)])), '[B, T, H]');
  assert.equal(shape(call('torch.Tensor.repeat', [t([B, H]), i(2), i(3)])), '[2*B, 3*H]');
  assert.equal(shape(call('torch.tile', [t([B, H]), tup(i(2))])), '[B, 2*H]');
  // Expanding H to W needs H = W: recorded, not refused.
  const open = call('torch.Tensor.expand_as', [t([B, H]), t([B, W])]);
  assert.ok(open.ok && open.assumptions.length === 1 && open.assumptions[0].code === 'expand-size');
});

test('joining adds sizes along the joined dim and checks the others', () => {
  assert.equal(shape(call('torch.cat', [list(t([B, H]), t([B, W]))], { dim: i(1) })), '[B, H + W]');
  assert.equal(shape(call('torch.cat', [list(t([B, H]), t([B, H]))], { dim: i(-1) })), '[B, 2*H]');
  assert.equal(shape(call('torch.stack', [list(t([B, H]), t([B, H]), t([B, H]))], { dim: i(1) })), '[B, 3, H]');
  assert.equal(shape(call('torch.hstack', [list(t([B, H]), t([B, W]))])), '[B, H + W]');
  assert.equal(shape(call('torch.vstack', [list(t([H]), t([H]))])), '[2, H]');
  const open = call('torch.cat', [list(t([B, H]), t([C, W]))]);
  assert.ok(open.ok && open.assumptions.length === 1 && open.assumptions[0].code === 'cat-sizes');
  assert.equal(shape(open), '[B + C, H]');
  const bad = call('torch.cat', [list(t([B, H]), t([B, H.add(1)]))]);
  assert.ok(!bad.ok && bad.error.message === 'Sizes of tensors must match except in dimension 0. Expected size H but got size H + 1 for tensor number 1 in the list.');
});

test('splitting symbolic sizes', () => {
  assert.deepEqual(shapes(call('torch.chunk', [t([B, H.mul(2)]), i(2), i(-1)])), ['[B, H]', '[B, H]']);
  assert.deepEqual(shapes(call('torch.split', [t([B, H.mul(3)]), i(H), i(1)])), ['[B, H]', '[B, H]', '[B, H]']);
  assert.deepEqual(shapes(call('torch.split', [t([B, H.add(W)]), list(i(H), i(W)), i(1)])), ['[B, H]', '[B, W]']);
  assert.equal(shape(call('torch.narrow', [t([B, T]), i(1), i(0), i(K)])), '[B, K]');
  assert.equal(shape(call('torch.select', [t([B, T, C]), i(1), i(-1)])), '[B, C]');
  // The number of pieces of an unknown length is unknown: no hint for unbind; split in pieces of
  // a fixed size gives any number of them, each at most that long (`?`), as a loop sees them.
  const u = call('torch.unbind', [t([B, T])]);
  assert.ok(u.ok && u.value.kind === 'unknown');
  const s = call('torch.split', [t([B, T]), i(4), i(1)]);
  assert.ok(s.ok && s.value.kind === 'list' && s.value.open && s.value.sample?.kind === 'tensor');
  // So does a configured size (`x.split(self.block_width, dim = -2)`).
  const k = call('torch.split', [t([B, T]), i(K), i(1)]);
  assert.ok(k.ok && k.value.kind === 'list' && k.value.open && k.value.sample?.kind === 'tensor');
  assert.equal(s.value.sample.shape?.map(String).join(', '), 'B, ?');
});

test('indexing with symbols', () => {
  const x = t([B, T, C]);
  const g = (key: Value) => call('torch.Tensor.__getitem__', [x, key]);
  assert.equal(shape(g(tup(sl(NONE, NONE), i(-1)))), '[B, C]');
  assert.equal(shape(g(tup({ kind: 'ellipsis' }, NONE))), '[B, T, C, 1]');
  const r = g(tup(sl(NONE, NONE), sl(NONE, i(-1))));
  assert.equal(shape(r), '[B, T - 1, C]');
  assert.ok(r.ok && r.assumptions.every((a) => a.code === 'slice-bounds'));
  assert.equal(shape(g(tup(sl(NONE, NONE), sl(i(1), NONE, i(2))))), '[B, T // 2, C]');
  // Slicing within symbolic bounds assumes the bounds fit (recorded, e.g. `needs T >= 2`)...
  const lastTwo = g(tup(sl(NONE, NONE), sl(i(-2), NONE)));
  assert.equal(shape(lastTwo), '[B, 2, C]');
  assert.ok(lastTwo.ok && lastTwo.assumptions.some((a) => a.message === 'needs T >= 2'));
  // ...unless every size satisfies them: a size is at least 1, so `x[:, -1:]` states nothing.
  const last = g(tup(sl(NONE, NONE), sl(i(-1), NONE)));
  assert.equal(shape(last), '[B, 1, C]');
  assert.ok(last.ok && last.assumptions.length === 0);
  assert.equal(shape(g(tup(sl(NONE, NONE), t([K], 'int64')))), '[B, K, C]');
  assert.equal(shape(g(tup(t([K], 'int64'), sl(NONE, NONE), t([K], 'int64')))), '[K, T]');
  const m = g(t([B, T], 'bool'));
  assert.ok(m.ok && m.value.kind === 'tensor' && m.value.shape![0].hasUnknown && m.value.shape![1].same(C));
});

test('gather, where and masks', () => {
  assert.equal(shape(call('torch.gather', [t([B, T]), i(1), t([B, K], 'int64')])), '[B, K]');
  assert.equal(shape(call('torch.index_select', [t([B, T, C]), i(1), t([K], 'int64')])), '[B, K, C]');
  assert.equal(shape(call('torch.where', [t([B, 1], 'bool'), t([T]), t([B, T], 'int64')])), '[B, T]');
  assert.equal(shape(call('torch.masked_fill', [t([B, H, T, T]), t([T, T], 'bool'), { kind: 'float', value: 0 }])), '[B, H, T, T]');
  const nz = call('torch.nonzero', [t([B, T])]);
  assert.ok(nz.ok && nz.value.kind === 'tensor' && nz.value.shape![0].hasUnknown && nz.value.shape![1].value === 2);
  const sz = call('torch.Tensor.size', [t([B, T])]);
  assert.ok(sz.ok && sz.value.kind === 'tuple' && sz.value.items[1].kind === 'int' && sz.value.items[1].dim.same(T));
  const n = call('torch.Tensor.numel', [t([B, T])]);
  assert.ok(n.ok && n.value.kind === 'int' && n.value.dim.toString() === 'B*T');
});

test('unknowns degrade to less information, never to a guess', () => {
  const anyRank: Value = { kind: 'tensor', shape: undefined, dtype: 'int64' };
  const f = call('torch.Tensor.float', [anyRank]);
  assert.ok(f.ok && f.value.kind === 'tensor' && f.value.shape === undefined && f.value.dtype === 'float32');
  // x.to(device) with an opaque device: the shape stays, the dtype becomes unknown.
  const moved = call('torch.Tensor.to', [t([B, T]), { kind: 'unknown' }]);
  assert.ok(moved.ok && moved.value.kind === 'tensor' && moved.value.dtype === undefined);
  assert.equal(shape(moved), '[B, T]');
  const v = call('torch.Tensor.view', [t([B, T]), { kind: 'unknown' }, i(-1)]);
  assert.ok(v.ok && v.value.kind === 'unknown');
  // x[i] with a symbolic i: the dim goes, its bounds stay unchecked.
  assert.equal(shape(call('torch.Tensor.__getitem__', [t([B, T]), i(K)])), '[T]');
  // An unknown dtype stays unknown through shape ops (it is not the default float).
  const noDtype: Value = { kind: 'tensor', shape: [B, T], dtype: undefined };
  for (const r of [call('torch.Tensor.permute', [noDtype, i(1), i(0)]), call('torch.cat', [list(noDtype, noDtype)]),
    call('torch.where', [t([B, T], 'bool'), noDtype, { kind: 'float', value: 0 }])]) {
    assert.ok(r.ok && r.value.kind === 'tensor' && r.value.dtype === undefined);
  }
  const dv = call('torch.Tensor.view', [t([B, T.mul(2)], 'float32'), { kind: 'dtype', dtype: 'float64' }]);
  assert.equal(shape(dv), '[B, T]');
});

/** Symbolic results evaluated at `env` equal the rule run on the substituted concrete shapes. */
function agree(run: (v: (d: Dim) => D) => OpResult, symbols: Record<string, [number, number]>, seed: number, trials = 40): void {
  const symbolic = run((d) => d);
  assert.ok(symbolic.ok && symbolic.value.kind !== 'unknown', 'symbolic result is known');
  const tensors = (v: Value) => (v.kind === 'tuple' ? v.items : [v]) as Extract<Value, { kind: 'tensor' }>[];
  const rand = mulberry32(seed);
  for (let n = 0; n < trials; n++) {
    const env: Record<string, number> = {};
    for (const [name, [lo, hi]] of Object.entries(symbols)) env[name] = randomInt(rand, lo, hi);
    const concrete = run((d) => d.evaluate(env)!);
    assert.ok(concrete.ok, `concrete result at ${JSON.stringify(env)}`);
    const got: (number | undefined)[][] = tensors(symbolic.value).map((x) => x.shape!.map((d) => d.evaluate(env)));
    const want: (number | undefined)[][] = tensors(concrete.value).map((x) => x.shape!.map((d) => d.value));
    assert.deepEqual(got, want, JSON.stringify(env));
  }
}

test('property: symbolic results agree with concrete ones', () => {
  const r = { B: [1, 9], C: [1, 9], H: [1, 30], W: [1, 30], K: [1, 12], T: [2, 40] } as Record<string, [number, number]>;
  agree((v) => call('torch.Tensor.view', [t([v(B), 64, 7, 7]), i(v(B)), i(-1)]), r, 1);
  agree((v) => call('torch.Tensor.view', [t([v(B), v(C), v(H.mul(2)), v(W)]), i(-1), i(v(C.mul(2)))]), r, 2);
  agree((v) => call('torch.flatten', [t([v(B), v(C), v(H), v(W)]), i(1), i(2)]), r, 3);
  agree((v) => call('torch.unflatten', [t([v(B), v(K.mul(3))]), i(1), tup(i(-1), i(3))]), r, 4);
  agree((v) => call('torch.Tensor.expand', [t([1, v(H)]), i(v(B)), i(-1)]), r, 5);
  agree((v) => call('torch.tile', [t([v(B), v(H)]), tup(i(2), i(1), i(3))]), r, 6);
  agree((v) => call('torch.cat', [list(t([v(B), v(H)]), t([v(B), v(W)]), t([v(B), 3]))], { dim: i(1) }), r, 7);
  agree((v) => call('torch.stack', [list(t([v(B), v(H)]), t([v(B), v(H)]))], { dim: i(-1) }), r, 8);
  agree((v) => call('torch.chunk', [t([v(B), v(H.mul(4))]), i(4), i(1)]), r, 9);
  agree((v) => call('torch.split', [t([v(H.add(W)), v(B)]), list(i(v(H)), i(v(W)))]), r, 10);
  agree((v) => call('torch.narrow', [t([v(B), v(T)]), i(1), i(1), i(v(T.sub(1)))]), r, 11);
  agree((v) => call('torch.Tensor.__getitem__', [t([v(B), v(T), v(C)]), tup(sl(NONE, NONE), sl(i(1), i(-1), i(3)))]), r, 12);
  agree((v) => call('torch.Tensor.__getitem__', [t([v(B), v(T), v(C)]), tup(i(0), NONE, { kind: 'ellipsis' }, sl(i(-2), NONE))]), { ...r, C: [2, 9] }, 13);
  agree((v) => call('torch.Tensor.__getitem__', [t([v(B), v(T), v(C)]), tup(t([v(K)], 'int64'), i(1), t([v(K)], 'int64'))]), r, 14);
  agree((v) => call('torch.gather', [t([v(B), v(T)]), i(1), t([v(B), v(K)], 'int64')]), { ...r, T: [12, 40] }, 15);
  agree((v) => call('torch.take_along_dim', [t([v(B), v(T)]), t([v(B), v(K)], 'int64'), i(1)]), r, 16);
  agree((v) => call('torch.where', [t([v(B), 1], 'bool'), t([v(T)]), t([v(B), v(T)])]), r, 17);
  agree((v) => call('torch.movedim', [t([v(B), v(C), v(H), v(W)]), tup(i(0), i(1)), tup(i(3), i(2))]), r, 18);
});
