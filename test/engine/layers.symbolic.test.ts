// The layers family on symbolic dimensions: closed forms in the engine's canonical print, open
// checks recorded as assumptions, and agreement with the concrete rule when random integers are
// substituted for the symbols.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dim } from '../../engine/shape/dim';
import type { Value } from '../../engine/value';
import type { OpResult } from '../../engine/ops/apply';
import { mulberry32, randomInt } from '../support/random';
import { boolValue as b, intValue as i, runFunction as callFn, runModule, strValue as s, tensorValue as t } from '../support/ops';

type D = Dim | number;
const B = Dim.sym('B');
const C = Dim.sym('C');
const H = Dim.sym('H');
const W = Dim.sym('W');
const K = Dim.sym('K');
const T = Dim.sym('T');

const tup = (...items: Value[]): Value => ({ kind: 'tuple', items });

const callMod = (name: string, args: Value[], kwargs: Record<string, Value>, inputs: Value[], training = false): OpResult =>
  runModule(name, args, kwargs, inputs, {}, training);

/** The printed shape of a successful tensor result. */
function shapeText(r: OpResult): string {
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  assert.equal(r.value.kind, 'tensor');
  const v = r.value as Extract<Value, { kind: 'tensor' }>;
  return `[${v.shape!.join(', ')}]`;
}

test('closed forms on symbolic inputs', () => {
  assert.equal(shapeText(callMod('torch.nn.Flatten', [], {}, [t([B, C, H, W])])), '[B, C*H*W]');
  assert.equal(shapeText(callMod('torch.nn.Flatten', [i(0), i(2)], {}, [t([B, 3, H, W])])), '[3*B*H, W]');
  assert.equal(shapeText(callMod('torch.nn.Unflatten', [i(1), tup(i(-1), i(4))], {}, [t([B, K.mul(4)])])), '[B, K, 4]');
  assert.equal(shapeText(callMod('torch.nn.Embedding', [i(1000), i(64)], {}, [t([B, T], 'int64')])), '[B, T, 64]');
  assert.equal(shapeText(callMod('torch.nn.EmbeddingBag', [i(10), i(3)], { mode: s('sum') }, [t([T], 'int64'), t([K], 'int64')])), '[K, 3]');
  assert.equal(
    shapeText(callMod('torch.nn.EmbeddingBag', [i(10), i(3)], { include_last_offset: b(true) }, [t([T], 'int64'), t([K.add(1)], 'int64')])),
    '[K, 3]',
  );
  assert.equal(shapeText(callMod('torch.nn.Bilinear', [i(4), i(5), i(7)], {}, [t([B, T, 4]), t([B, T, 5])])), '[B, T, 7]');
  assert.equal(shapeText(callMod('torch.nn.GLU', [], {}, [t([B, K.mul(2)])])), '[B, K]');
  assert.equal(shapeText(callMod('torch.nn.CrossEntropyLoss', [], { reduction: s('none') }, [t([B, 10, H, W]), t([B, H, W], 'int64')])), '[B, H, W]');
  assert.equal(shapeText(callMod('torch.nn.CrossEntropyLoss', [], {}, [t([B, 10]), t([B], 'int64')])), '[]');
  assert.equal(shapeText(callMod('torch.nn.MSELoss', [], { reduction: s('none') }, [t([B, 1]), t([1, T])])), '[B, T]');
  assert.equal(shapeText(callMod('torch.nn.PairwiseDistance', [], { keepdim: b(true) }, [t([B, K]), t([B, K])])), '[B, 1]');
  assert.equal(shapeText(callMod('torch.nn.CosineSimilarity', [i(-1)], {}, [t([B, T, K]), t([1, T, K])])), '[B, T]');
  assert.equal(shapeText(callMod('torch.nn.MultiLabelSoftMarginLoss', [], { reduction: s('none') }, [t([B, K]), t([B, K])])), '[B]');
  assert.equal(shapeText(callFn('torch.nn.functional.one_hot', [t([B, T], 'int64'), i(K)])), '[B, T, K]');
  assert.equal(shapeText(callMod('torch.nn.BatchNorm2d', [i(16)], {}, [t([B, 16, H, W])])), '[B, 16, H, W]');
  assert.equal(shapeText(callMod('torch.nn.InstanceNorm1d', [i(C)], { affine: b(true) }, [t([C, T])])), '[C, T]');
});

test('open checks become assumptions, known mismatches errors', () => {
  const bn = callMod('torch.nn.BatchNorm2d', [i(16)], {}, [t([B, C, H, W])]);
  assert.ok(bn.ok);
  assert.deepEqual(bn.assumptions.map((a) => a.message), ['needs C = 16']);
  const ln = callMod('torch.nn.LayerNorm', [i(K)], {}, [t([B, T, W])]);
  assert.ok(ln.ok && ln.assumptions.length === 1 && ln.assumptions[0].code === 'layernorm-shape');
  const gn = callMod('torch.nn.GroupNorm', [i(4), i(C)], {}, [t([B, C, H])]);
  assert.ok(gn.ok);
  assert.equal(gn.assumptions[0].code, 'groupnorm-channels');
  const bad = callMod('torch.nn.BatchNorm1d', [i(8)], {}, [t([B, 4, T])]);
  assert.ok(!bad.ok);
  assert.equal(bad.error.message, 'running_mean should contain 4 elements not 8');
  assert.deepEqual(bad.error.fixes?.map((f) => [f.param, f.value.toString()]), [['num_features', '4']]);
  const emb = callMod('torch.nn.PReLU', [i(3)], {}, [t([B, C, H])]);
  assert.ok(emb.ok && emb.assumptions[0].code === 'prelu-channels');
});

test('undecidable shapes give no hint rather than a guess', () => {
  // Whether N splits into rows of 4, or halves evenly, depends on N.
  const N = Dim.sym('N');
  const u = callMod('torch.nn.Unflatten', [i(1), tup(i(-1), i(4))], {}, [t([B, N])]);
  assert.ok(u.ok && u.value.kind === 'unknown');
  const g = callFn('torch.nn.functional.glu', [t([B, N])]);
  assert.ok(g.ok && g.value.kind === 'unknown');
  const oh = callFn('torch.nn.functional.one_hot', [t([B], 'int64')]);
  assert.ok(oh.ok && oh.value.kind === 'tensor' && oh.value.shape![1].hasUnknown);
});

/** Symbolic result evaluated at `env` equals the rule run on the substituted concrete shapes. */
function agree(run: (dims: (d: Dim) => D) => OpResult, symbols: Record<string, [number, number]>, seed: number, trials = 40): void {
  const symbolic = run((d) => d);
  assert.ok(symbolic.ok && symbolic.value.kind === 'tensor', 'symbolic result is a tensor');
  const symShape = (symbolic.value as Extract<Value, { kind: 'tensor' }>).shape!;
  const rand = mulberry32(seed);
  for (let n = 0; n < trials; n++) {
    const env: Record<string, number> = {};
    for (const [name, [lo, hi]] of Object.entries(symbols)) env[name] = randomInt(rand, lo, hi);
    const concrete = run((d) => d.evaluate(env)!);
    assert.ok(concrete.ok && concrete.value.kind === 'tensor', `concrete result at ${JSON.stringify(env)}`);
    const got = symShape.map((d) => d.evaluate(env));
    const want = (concrete.value as Extract<Value, { kind: 'tensor' }>).shape!.map((d) => d.value);
    assert.deepEqual(got, want, JSON.stringify(env));
  }
}

test('property: symbolic results agree with concrete ones', () => {
  agree((v) => callMod('torch.nn.Flatten', [i(1), i(2)], {}, [t([v(B), v(C), v(H), v(W)])]), { B: [1, 9], C: [1, 9], H: [1, 40], W: [1, 40] }, 1);
  agree((v) => callMod('torch.nn.Unflatten', [i(-1), tup(i(3), i(-1))], {}, [t([v(B), v(K.mul(3))])]), { B: [1, 9], K: [1, 50] }, 2);
  agree((v) => callFn('torch.nn.functional.glu', [t([v(B), v(K.mul(2)), v(T)]), i(1)]), { B: [1, 9], K: [1, 50], T: [1, 20] }, 3);
  agree((v) => callMod('torch.nn.EmbeddingBag', [i(10), i(3)], { include_last_offset: b(true) }, [t([v(T)], 'int64'), t([v(K.add(1))], 'int64')]),
    { T: [1, 50], K: [1, 20] }, 4);
  agree((v) => callMod('torch.nn.TripletMarginLoss', [], { reduction: s('none') }, [t([v(B), v(K)]), t([1, v(K)]), t([v(B), v(K)])]),
    { B: [2, 30], K: [1, 30] }, 5);
  agree((v) => callMod('torch.nn.NLLLoss', [], { reduction: s('none') }, [t([v(B), 5, v(H), v(W), v(T)]), t([v(B), v(H), v(W), v(T)], 'int64')]),
    { B: [1, 9], H: [1, 9], W: [1, 9], T: [1, 9] }, 6);
  agree((v) => callMod('torch.nn.GaussianNLLLoss', [], { reduction: s('none') }, [t([v(B), v(K)]), t([v(B), v(K)]), t([v(B)])]),
    { B: [1, 30], K: [1, 30] }, 7);
});

test('elementwise layers pass tensors of unknown rank through', () => {
  const x: Value = { kind: 'tensor', shape: undefined, dtype: 'float32' };
  for (const name of ['torch.nn.ReLU', 'torch.nn.GELU', 'torch.nn.Dropout', 'torch.nn.Identity']) {
    const r = callMod(name, [], {}, [x]);
    assert.ok(r.ok && r.value.kind === 'tensor' && r.value.shape === undefined && r.value.dtype === 'float32', name);
  }
  // A rank-dependent layer gives no hint.
  const bn = callMod('torch.nn.BatchNorm1d', [i(4)], {}, [x]);
  assert.ok(bn.ok && bn.value.kind === 'unknown');
});
