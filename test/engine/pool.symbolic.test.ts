// The pool family on symbolic dimensions: closed forms in the engine's canonical print, and a
// property check that substituting integers for the symbols gives the concrete rule's result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dim } from '../../engine/shape/dim';
import type { Value } from '../../engine/value';
import { applyFunction, callModule, constructModule, type OpResult } from '../../engine/ops/apply';
import type { FunctionOp, ModuleOp, OpDecl } from '../../engine/ops/op';
import { poolOps } from '../../engine/ops/pool';

// The family's own declarations (independent of the other families' registry entries).
const lookup = (name: string): OpDecl => {
  const op = poolOps.find((o) => o.names.includes(name));
  assert.ok(op, `no declaration for ${name}`);
  return op!;
};

const int = (n: number | Dim): Value => ({ kind: 'int', dim: Dim.of(n) });
const float = (value: number): Value => ({ kind: 'float', value });
const bool = (value: boolean): Value => ({ kind: 'bool', value });
const str = (value: string): Value => ({ kind: 'str', value });
const tup = (...xs: (number | Dim | null)[]): Value => ({ kind: 'tuple', items: xs.map((x) => (x === null ? { kind: 'none' } : int(x))) });
const T = (...dims: (number | Dim)[]): Value => ({ kind: 'tensor', shape: dims.map(Dim.of), dtype: 'float32' });
const I64 = (...dims: (number | Dim)[]): Value => ({ kind: 'tensor', shape: dims.map(Dim.of), dtype: 'int64' });
const [B, C, H, W, D, L] = ['B', 'C', 'H', 'W', 'D', 'L'].map(Dim.sym);

function runModule(name: string, args: Value[], kwargs: Record<string, Value>, inputs: Value[]): OpResult {
  const built = constructModule(lookup(name) as ModuleOp, args, kwargs);
  assert.ok(built.ok && built.module, `${name} did not build`);
  return callModule(built.module!, inputs);
}

function runFn(name: string, args: Value[], kwargs: Record<string, Value> = {}): OpResult {
  return applyFunction(lookup(name) as FunctionOp, args, kwargs);
}

function dimsOf(r: OpResult): Dim[] {
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  let v = (r as Extract<OpResult, { ok: true }>).value;
  if (v.kind === 'tuple') v = v.items[0];
  assert.equal(v.kind, 'tensor', `no tensor result: ${v.kind}`);
  return [...(v as Extract<Value, { kind: 'tensor' }>).shape!];
}

const shapeOf = (r: OpResult): string[] => dimsOf(r).map(String);

test('max and avg pooling closed forms', () => {
  assert.deepEqual(shapeOf(runModule('torch.nn.MaxPool2d', [int(3)], { stride: int(2) }, [T(B, 3, H, W)])), ['B', '3', '(H - 1) // 2', '(W - 1) // 2']);
  assert.deepEqual(shapeOf(runModule('torch.nn.MaxPool2d', [int(2)], {}, [T(B, 3, H, W)])), ['B', '3', 'H // 2', 'W // 2']);
  assert.deepEqual(shapeOf(runModule('torch.nn.MaxPool2d', [int(2)], { ceil_mode: bool(true) }, [T(B, 3, H, W)])), ['B', '3', '(H + 1) // 2', '(W + 1) // 2']);
  assert.deepEqual(shapeOf(runModule('torch.nn.MaxPool1d', [int(3)], { stride: int(1), padding: int(1), dilation: int(2) }, [T(B, C, L)])), ['B', 'C', 'L - 2']);
  assert.deepEqual(shapeOf(runModule('torch.nn.MaxPool3d', [int(2)], { return_indices: bool(true) }, [T(C, D, H, W)])), ['C', 'D // 2', 'H // 2', 'W // 2']);
  // ceil_mode: PyTorch drops a last window that would start in the right padding.
  assert.deepEqual(shapeOf(runModule('torch.nn.MaxPool1d', [int(2)], { padding: int(1), ceil_mode: bool(true) }, [T(B, C, L)])), ['B', 'C', 'min((L + 3) // 2, L // 2 + 1)']);
  assert.deepEqual(shapeOf(runModule('torch.nn.AvgPool1d', [int(3)], { stride: int(2), padding: int(1) }, [T(B, 3, L)])), ['B', '3', '(L + 1) // 2']);
  assert.deepEqual(shapeOf(runFn('torch.nn.functional.avg_pool2d', [T(B, C, H, W), int(3)], { padding: int(1), stride: int(1) })), ['B', 'C', 'H', 'W']);
  assert.deepEqual(shapeOf(runModule('torch.nn.LPPool2d', [int(2), int(3)], { stride: int(3) }, [T(B, C, H, W)])), ['B', 'C', 'H // 3', 'W // 3']);
  // A known channel count still reports a too-small known spatial size.
  const small = runModule('torch.nn.MaxPool2d', [int(3)], {}, [T(B, 3, 2, W)]);
  assert.ok(!small.ok && small.error.code === 'pool-too-small');
});

test('adaptive pooling keeps None dims and sets the others', () => {
  assert.deepEqual(shapeOf(runModule('torch.nn.AdaptiveAvgPool2d', [tup(null, 7)], {}, [T(B, C, H, W)])), ['B', 'C', 'H', '7']);
  assert.deepEqual(shapeOf(runModule('torch.nn.AdaptiveMaxPool1d', [int(5)], { return_indices: bool(true) }, [T(B, C, L)])), ['B', 'C', '5']);
  assert.deepEqual(shapeOf(runFn('torch.nn.functional.adaptive_avg_pool3d', [T(B, C, D, H, W), int(1)])), ['B', 'C', '1', '1', '1']);
});

test('interpolate, pixel shuffle, padding and unpooling closed forms', () => {
  assert.deepEqual(shapeOf(runModule('torch.nn.Upsample', [], { scale_factor: int(2) }, [T(B, C, H, W)])), ['B', 'C', '2*H', '2*W']);
  assert.deepEqual(shapeOf(runModule('torch.nn.Upsample', [], { scale_factor: float(1.5), mode: str('bilinear') }, [T(B, C, H, W)])), ['B', 'C', '(3*H) // 2', '(3*W) // 2']);
  assert.deepEqual(shapeOf(runFn('torch.nn.functional.interpolate', [T(B, C, L)], { size: int(16), mode: str('linear') })), ['B', 'C', '16']);
  // 2.7 is not exact in binary: floor(H * 2.7) cannot be written as a Dim, so no hint.
  const inexact = runFn('torch.nn.functional.interpolate', [T(B, C, H, W)], { scale_factor: float(2.7) });
  assert.ok(inexact.ok && inexact.value.kind === 'unknown');
  assert.deepEqual(shapeOf(runModule('torch.nn.PixelShuffle', [int(2)], {}, [T(B, 8, H, W)])), ['B', '2', '2*H', '2*W']);
  assert.deepEqual(shapeOf(runModule('torch.nn.PixelUnshuffle', [int(2)], {}, [T(B, 3, H.mul(2), W.mul(2))])), ['B', '12', 'H', 'W']);
  const open = runModule('torch.nn.PixelShuffle', [int(2)], {}, [T(B, C, H, W)]);
  assert.ok(open.ok && open.assumptions.some((a) => a.code === 'pixel-shuffle-channels'));
  assert.deepEqual(shapeOf(runFn('torch.nn.functional.pad', [T(B, C, L), tup(1, 2)])), ['B', 'C', 'L + 3']);
  assert.deepEqual(shapeOf(runFn('torch.nn.functional.pad', [T(B, C, H, W), tup(1, 1, 2, 2)], { mode: str('reflect') })), ['B', 'C', 'H + 4', 'W + 2']);
  assert.deepEqual(shapeOf(runModule('torch.nn.ZeroPad2d', [tup(-1, 0, 2, 3)], {}, [T(B, C, H, W)])), ['B', 'C', 'H + 5', 'W - 1']);
  assert.deepEqual(shapeOf(runModule('torch.nn.MaxUnpool2d', [int(2)], {}, [T(B, C, H, W), I64(B, C, H, W)])), ['B', 'C', '2*H', '2*W']);
  assert.deepEqual(shapeOf(runModule('torch.nn.ChannelShuffle', [int(3)], {}, [T(B, 6, H, W)])), ['B', '6', 'H', 'W']);
});

/** Seeded PRNG (mulberry32): the property check is reproducible. */
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

interface Config {
  label: string;
  run(dims: (Dim | number)[]): OpResult;
  /** The input's dimensions: symbols, or fixed sizes. */
  dims: (Dim | number)[];
  min: number;
}

const mod = (name: string, args: Value[], kwargs: Record<string, Value>) => (dims: (Dim | number)[]) => runModule(name, args, kwargs, [T(...dims)]);
const fn = (name: string, rest: Value[], kwargs: Record<string, Value> = {}) => (dims: (Dim | number)[]) => runFn(name, [T(...dims), ...rest], kwargs);

const CONFIGS: Config[] = [];
for (const [k, s, p, d, ceil] of [[2, 2, 0, 1, false], [3, 2, 1, 1, true], [3, 3, 1, 2, true], [5, 2, 2, 1, true], [4, 3, 2, 1, false], [3, 1, 0, 3, true], [2, 2, 1, 1, true], [4, 3, 2, 1, true]] as const) {
  const kw = { stride: int(s), padding: int(p), dilation: int(d), ceil_mode: bool(ceil) };
  CONFIGS.push({ label: `MaxPool2d(${k}, ${s}, ${p}, ${d}, ceil=${ceil})`, run: mod('torch.nn.MaxPool2d', [int(k)], kw), dims: [B, 3, H, W], min: d * (k - 1) + 1 });
  CONFIGS.push({ label: `MaxPool1d(${k}, ${s}, ${p}, ${d}, ceil=${ceil})`, run: mod('torch.nn.MaxPool1d', [int(k)], kw), dims: [B, 3, L], min: d * (k - 1) + 1 });
  const akw = { stride: int(s), padding: int(p), ceil_mode: bool(ceil) };
  CONFIGS.push({ label: `AvgPool2d(${k}, ${s}, ${p}, ceil=${ceil})`, run: mod('torch.nn.AvgPool2d', [int(k)], akw), dims: [B, 3, H, W], min: k });
  CONFIGS.push({ label: `AvgPool3d(${k}, ${s}, ${p}, ceil=${ceil})`, run: mod('torch.nn.AvgPool3d', [int(k)], akw), dims: [2, D, H, W], min: k });
}
CONFIGS.push(
  { label: 'AdaptiveAvgPool2d((None, 3))', run: mod('torch.nn.AdaptiveAvgPool2d', [tup(null, 3)], {}), dims: [B, C, H, W], min: 1 },
  { label: 'Upsample(scale=1.5)', run: mod('torch.nn.Upsample', [], { scale_factor: float(1.5) }), dims: [B, 3, H, W], min: 1 },
  { label: 'Upsample(scale=0.25, area)', run: mod('torch.nn.Upsample', [], { scale_factor: float(0.25), mode: str('area') }), dims: [B, 3, H, W], min: 4 },
  { label: 'interpolate(scale=(2, 0.5))', run: fn('torch.nn.functional.interpolate', [], { scale_factor: { kind: 'tuple', items: [float(2), float(0.5)] } }), dims: [B, 3, H, W], min: 2 },
  { label: 'pad((2, -1, 0, 3))', run: fn('torch.nn.functional.pad', [tup(2, -1, 0, 3)]), dims: [B, C, H, W], min: 2 },
  { label: 'pad circular', run: fn('torch.nn.functional.pad', [tup(1, 2)], { mode: str('circular') }), dims: [B, C, L], min: 2 },
  { label: 'MaxUnpool1d(3, 2, 1)', run: (dims) => runModule('torch.nn.MaxUnpool1d', [int(3)], { stride: int(2), padding: int(1) }, [T(...dims), I64(...dims)]), dims: [B, C, L], min: 1 },
  { label: 'PixelShuffle(3)', run: mod('torch.nn.PixelShuffle', [int(3)], {}), dims: [B, 18, H, W], min: 1 },
);

test('symbolic results agree with concrete ones (seeded random sizes)', () => {
  const rand = mulberry32(20261124);
  for (const c of CONFIGS) {
    const symbolic = dimsOf(c.run(c.dims));
    for (let trial = 0; trial < 40; trial++) {
      const env: Record<string, number> = {};
      const concrete = c.dims.map((d) => {
        if (typeof d === 'number') return d;
        const name = [...d.symbols()][0];
        env[name] ??= c.min + Math.floor(rand() * 60);
        return env[name];
      });
      const r = c.run(concrete);
      if (!r.ok) continue; // a size PyTorch rejects: the symbolic form makes no claim there
      const expected = dimsOf(r).map((d) => d.value);
      const actual = symbolic.map((d) => d.evaluate(env));
      assert.deepEqual(actual, expected, `${c.label} at ${JSON.stringify(env)}: ${symbolic.join(', ')}`);
    }
  }
});
