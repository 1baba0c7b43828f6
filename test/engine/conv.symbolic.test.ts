// The conv family on symbolic dimensions: closed forms in the engine's canonical print, and a
// property check that substituting integers for the symbols gives the concrete rule's result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dim } from '../../engine/shape/dim';
import type { Value } from '../../engine/value';
import type { OpResult } from '../../engine/ops/apply';
import { intValue as int, runFunction as runFn, runModule, strValue as str } from '../support/ops';

const tup = (...xs: (number | Dim)[]): Value => ({ kind: 'tuple', items: xs.map(int) });
const T = (...dims: (number | Dim)[]): Value => ({ kind: 'tensor', shape: dims.map(Dim.of), dtype: 'float32' });
const [B, C, H, W, D, L] = ['B', 'C', 'H', 'W', 'D', 'L'].map(Dim.sym);


function shapeOf(r: OpResult): string[] {
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  const v = (r as Extract<OpResult, { ok: true }>).value;
  assert.equal(v.kind, 'tensor');
  return (v as Extract<Value, { kind: 'tensor' }>).shape!.map(String);
}

function dimsOf(r: OpResult): Dim[] {
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  const v = (r as Extract<OpResult, { ok: true }>).value as Extract<Value, { kind: 'tensor' }>;
  return [...v.shape!];
}

test('Conv2d closed forms', () => {
  assert.deepEqual(shapeOf(runModule('torch.nn.Conv2d', [int(3), int(16), int(3)], { stride: int(2) }, [T(B, 3, H, W)])),
    ['B', '16', '(H - 1) // 2', '(W - 1) // 2']);
  assert.deepEqual(shapeOf(runModule('torch.nn.Conv2d', [int(3), int(16), int(3)], { padding: int(1) }, [T(B, 3, H, W)])),
    ['B', '16', 'H', 'W']);
  assert.deepEqual(shapeOf(runModule('torch.nn.Conv2d', [int(3), int(16), int(4)], { padding: str('same') }, [T(B, 3, H, W)])),
    ['B', '16', 'H', 'W']);
  assert.deepEqual(shapeOf(runModule('torch.nn.Conv2d', [int(3), int(8), int(4)], { padding: str('same'), padding_mode: str('reflect') }, [T(B, 3, H, W)])),
    ['B', '8', 'H', 'W']);
  assert.deepEqual(shapeOf(runModule('torch.nn.Conv2d', [int(3), int(8), int(3)], { padding: int(1), dilation: int(2), stride: int(3) }, [T(B, 3, H, W)])),
    ['B', '8', 'H // 3', 'W // 3']);
  assert.deepEqual(shapeOf(runModule('torch.nn.Conv1d', [int(3), int(16), int(3)], { stride: int(2), padding: int(1) }, [T(3, L)])),
    ['16', '(L + 1) // 2']);
  assert.deepEqual(shapeOf(runModule('torch.nn.Conv3d', [int(2), int(4), tup(1, 3, 3)], { padding: tup(0, 1, 1) }, [T(B, 2, D, H, W)])),
    ['B', '4', 'D', 'H', 'W']);
});

test('symbolic channels: an assumption when open, an error with a fix when known', () => {
  const open = runModule('torch.nn.Conv2d', [int(3), int(16), int(3)], {}, [T(B, C, H, W)]);
  assert.ok(open.ok);
  assert.deepEqual(open.assumptions.map((a) => a.message), ['needs C = 3']);
  const bad = runModule('torch.nn.Conv2d', [int(3), int(16), int(3)], {}, [T(B, 4, H, W)]);
  assert.ok(!bad.ok);
  assert.equal(bad.error.message, 'Given groups=1, weight of size [16, 3, 3, 3], expected input[B, 4, H, W] to have 3 channels, but got 4 channels instead');
  assert.deepEqual(bad.error.fixes?.map((f) => [f.param, f.value.toJSON()]), [['in_channels', 4]]);
  const symbolic = runModule('torch.nn.Conv2d', [int(C), int(8), int(3)], {}, [T(B, C, H, W)]);
  assert.ok(symbolic.ok);
  assert.equal(symbolic.assumptions.length, 0);
});

test('transposed, fold and unfold closed forms', () => {
  assert.deepEqual(shapeOf(runModule('torch.nn.ConvTranspose2d', [int(3), int(16), int(3)], { stride: int(2), padding: int(1), output_padding: int(1) }, [T(B, 3, H, W)])),
    ['B', '16', '2*H', '2*W']);
  const outputSize: Value = { kind: 'list', items: [int(H.mul(2)), int(W.mul(2))] };
  assert.deepEqual(shapeOf(runModule('torch.nn.ConvTranspose2d', [int(3), int(16), int(3)], { stride: int(2), padding: int(1) }, [T(B, 3, H, W)], { output_size: outputSize })),
    ['B', '16', '2*H', '2*W']);
  assert.deepEqual(shapeOf(runFn('torch.nn.functional.unfold', [T(B, C, H, W), int(2)], { stride: int(2) })),
    ['B', '4*C', '(H // 2)*(W // 2)']);
  const folded = runModule('torch.nn.Fold', [tup(H, W), int(2)], { stride: int(2) }, [T(B, C.mul(4), L)]);
  assert.deepEqual(shapeOf(folded), ['B', 'C', 'H', 'W']);
  assert.ok(folded.ok && folded.assumptions.some((a) => a.code === 'fold-blocks'));
});

/** Seeded PRNG (mulberry32), so the property check is reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('property: symbolic results evaluate to the concrete ones', () => {
  const rand = mulberry32(20261124);
  const pick = <X>(xs: readonly X[]): X => xs[Math.floor(rand() * xs.length)];
  const syms = [H, W, D];
  for (let trial = 0; trial < 300; trial++) {
    const n = pick([1, 2, 3]);
    const transposed = rand() < 0.35;
    const k = pick([1, 2, 3, 5]);
    const s = pick([1, 2, 3]);
    const p = pick([0, 1, 2]);
    const d = pick([1, 2]);
    const op = transposed ? Math.floor(rand() * Math.max(s, d)) : 0;
    const spatial = syms.slice(0, n);
    const name = transposed ? `torch.nn.ConvTranspose${n}d` : `torch.nn.Conv${n}d`;
    const kwargs: Record<string, Value> = { stride: int(s), padding: int(p), dilation: int(d) };
    if (transposed) kwargs.output_padding = int(op);
    const args = [int(4), int(6), int(k)];
    const sym = dimsOf(runModule(name, args, kwargs, [T(B, 4, ...spatial)]));
    for (let j = 0; j < 5; j++) {
      const env: Record<string, number> = { B: 1 + Math.floor(rand() * 4) };
      // Long enough for the window (and, transposed, to outgrow the padding).
      for (const x of spatial) env[x.toString()] = Math.max(d * (k - 1) + 1, 2 * p + 2) + Math.floor(rand() * 40);
      const concrete = dimsOf(runModule(name, args, kwargs, [T(env.B, 4, ...spatial.map((x) => env[x.toString()]))]));
      const evaluated = sym.map((x) => x.evaluate(env));
      assert.deepEqual(evaluated, concrete.map((x) => x.value), `${name} ${JSON.stringify({ k, s, p, d, op, env })}`);
      // And against the textbook formulas, computed here with plain integers.
      const expected = spatial.map((x) => {
        const len = env[x.toString()];
        return transposed ? (len - 1) * s - 2 * p + d * (k - 1) + op + 1 : Math.floor((len + 2 * p - d * (k - 1) - 1) / s) + 1;
      });
      assert.deepEqual(evaluated.slice(2), expected);
    }
  }
  for (let trial = 0; trial < 100; trial++) {
    const k = pick([1, 2, 3]);
    const s = pick([1, 2, 3]);
    const p = pick([0, 1]);
    const d = pick([1, 2]);
    const kwargs = { stride: int(s), padding: int(p), dilation: int(d) };
    const sym = dimsOf(runFn('torch.nn.functional.unfold', [T(B, C, H, W), int(k)], kwargs));
    const env = { B: 2, C: 1 + Math.floor(rand() * 5), H: d * (k - 1) + 1 + Math.floor(rand() * 30), W: d * (k - 1) + 1 + Math.floor(rand() * 30) };
    const concrete = dimsOf(runFn('torch.nn.functional.unfold', [T(env.B, env.C, env.H, env.W), int(k)], kwargs));
    assert.deepEqual(sym.map((x) => x.evaluate(env)), concrete.map((x) => x.value));
  }
});
