// Recurrent family on symbolic shapes: closed forms for RNN/LSTM/GRU, cells, attention and
// transformer blocks, open checks recorded as assumptions, and a seeded property check that the
// symbolic result evaluates to what the same rule gives on concrete sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dim } from '../../engine/shape/dim';
import type { Value } from '../../engine/value';
import { callModule, type OpResult } from '../../engine/ops/apply';
import { boolValue as bool, buildModule as build, intValue as int } from '../support/ops';

const B = Dim.sym('B');
const L = Dim.sym('L');
const S = Dim.sym('S');
const E = Dim.sym('E');

const t = (...dims: (Dim | number)[]): Value => ({ kind: 'tensor', shape: dims.map(Dim.of), dtype: 'float32' });


/** The result printed as nested shapes: `[[L, B, 2*H], [4, B, H]]`. */
function shapes(r: OpResult): string {
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  const show = (v: Value): string =>
    v.kind === 'tensor' ? `[${v.shape!.join(', ')}]` : v.kind === 'tuple' ? `(${v.items.map(show).join(', ')})` : v.kind;
  return show(r.value);
}

test('LSTM: bidirectional stack on [L, B, 10], batch and length symbolic', () => {
  const lstm = build('torch.nn.LSTM', [int(10), int(20), int(2)], { bidirectional: bool(true) });
  assert.equal(shapes(callModule(lstm, [t(L, B, 10)])), '([L, B, 40], ([4, B, 20], [4, B, 20]))');
});

test('GRU batch_first and RNN unbatched', () => {
  const gru = build('torch.nn.GRU', [int(8), int(16)], { batch_first: bool(true) });
  assert.equal(shapes(callModule(gru, [t(B, L, 8)])), '([B, L, 16], [1, B, 16])');
  const rnn = build('torch.nn.RNN', [int(8), int(16), int(3)]);
  assert.equal(shapes(callModule(rnn, [t(L, 8)])), '([L, 16], [3, 16])');
});

test('symbolic hidden size flows into parameters and outputs', () => {
  const H = Dim.sym('H');
  const lstm = build('torch.nn.LSTM', [int(E), int(H)]);
  assert.deepEqual(lstm.params.map((p) => `${p.name}: [${p.shape.join(', ')}]`), [
    'weight_ih_l0: [4*H, E]', 'weight_hh_l0: [4*H, H]', 'bias_ih_l0: [4*H]', 'bias_hh_l0: [4*H]',
  ]);
  assert.equal(shapes(callModule(lstm, [t(L, B, E)])), '([L, B, H], ([1, B, H], [1, B, H]))');
});

test('an open input size is an assumption with the input_size fix', () => {
  const rnn = build('torch.nn.RNN', [int(10), int(20)]);
  const r = callModule(rnn, [t(L, B, E)]);
  assert.ok(r.ok);
  assert.equal(r.assumptions.length, 1);
  assert.equal(r.assumptions[0].code, 'rnn-input-size');
  assert.equal(String(r.assumptions[0].fixes?.[0].value), 'E');
});

test('a known hidden-state mismatch fails even with a symbolic batch', () => {
  const gru = build('torch.nn.GRU', [int(10), int(20), int(2)]);
  const r = callModule(gru, [t(L, B, 10), t(1, B, 20)]);
  assert.ok(!r.ok);
  assert.equal(r.error.message, 'Expected hidden size (2, B, 20), got [1, B, 20]');
});

test('cells: symbolic batch', () => {
  const cell = build('torch.nn.LSTMCell', [int(6), int(4)]);
  assert.equal(shapes(callModule(cell, [t(B, 6)])), '([B, 4], [B, 4])');
});

test('MultiheadAttention: weights [B, L, S] and per-head [B, heads, L, S]', () => {
  const mha = build('torch.nn.MultiheadAttention', [int(16), int(4)], { batch_first: bool(true) });
  assert.equal(shapes(callModule(mha, [t(B, L, 16), t(B, S, 16), t(B, S, 16)])), '([B, L, 16], [B, L, S])');
  const zero = build('torch.nn.MultiheadAttention', [int(16), int(4)], { add_bias_kv: bool(true), add_zero_attn: bool(true) });
  const r = callModule(zero, [t(L, B, 16), t(S, B, 16), t(S, B, 16)], { average_attn_weights: bool(false) });
  assert.equal(shapes(r), '([L, B, 16], [B, 4, L, S + 2])');
});

test('Transformer: [S, B, 32] x [L, B, 32] -> [L, B, 32]', () => {
  const model = build('torch.nn.Transformer', [int(32), int(4), int(2), int(2), int(64)]);
  assert.equal(shapes(callModule(model, [t(S, B, 32), t(L, B, 32)])), '[L, B, 32]');
});

/** Seeded PRNG (mulberry32). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every tensor's dims, flattened, in order. */
function dimsOf(v: Value): Dim[] {
  if (v.kind === 'tensor') return [...v.shape!];
  if (v.kind === 'tuple') return v.items.flatMap(dimsOf);
  return [];
}

test('property: symbolic results evaluate to the concrete results', () => {
  const rand = mulberry32(1234);
  const pick = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const specs: [string, Value[], Record<string, Value>, (d: Record<string, Dim | number>) => Value[]][] = [
    ['torch.nn.LSTM', [int(6), int(5), int(2)], { bidirectional: bool(true), proj_size: int(3) }, (d) => [t(d.L, d.B, 6)]],
    ['torch.nn.GRU', [int(6), int(5)], { batch_first: bool(true) }, (d) => [t(d.B, d.L, 6)]],
    ['torch.nn.RNNCell', [int(6), int(5)], {}, (d) => [t(d.B, 6), t(d.B, 5)]],
    ['torch.nn.MultiheadAttention', [int(8), int(2)], { add_zero_attn: bool(true) }, (d) => [t(d.L, d.B, 8), t(d.S, d.B, 8), t(d.S, d.B, 8)]],
    ['torch.nn.TransformerDecoderLayer', [int(8), int(2), int(16)], {}, (d) => [t(d.L, d.B, 8), t(d.S, d.B, 8)]],
  ];
  for (const [name, args, kwargs, inputs] of specs) {
    const m = build(name, args, kwargs);
    const symbolic = callModule(m, inputs({ B, L, S }));
    assert.ok(symbolic.ok);
    for (let i = 0; i < 20; i++) {
      const env = { B: pick(1, 9), L: pick(1, 30), S: pick(1, 30) };
      const concrete = callModule(m, inputs(env));
      assert.ok(concrete.ok);
      const want: (number | undefined)[] = dimsOf(concrete.value).map((d) => d.value);
      const got: (number | undefined)[] = dimsOf(symbolic.value).map((d) => d.evaluate(env));
      assert.deepEqual(got, want, `${name} at ${JSON.stringify(env)}`);
    }
  }
});
