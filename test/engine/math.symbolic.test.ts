// The math family on symbolic dimensions: closed forms in the engine's canonical print, and a
// property check that substituting integers for the symbols agrees with the concrete rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dim } from '../../engine/shape/dim';
import type { Value } from '../../engine/value';
import { boolValue as bool, intValue as int, runFunction as call, strValue as str, tensorValue as t } from '../support/ops';

const B = Dim.sym('B');
const H = Dim.sym('H');
const W = Dim.sym('W');
const N = Dim.sym('N');

const tup = (items: Value[]): Value => ({ kind: 'tuple', items });


/** Printed shapes of a result (a tensor or a tuple of tensors). */
function shapes(v: Value): string[] {
  if (v.kind === 'tensor') return [`[${(v.shape ?? []).join(', ')}]`];
  if (v.kind === 'tuple') return v.items.flatMap(shapes);
  return [v.kind];
}

function shapeOf(name: string, args: Value[], kwargs: Record<string, Value> = {}): string[] {
  const r = call(name, args, kwargs);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return shapes(r.value);
}

test('matmul folds, batches and broadcasts symbolic dims', () => {
  assert.deepEqual(shapeOf('torch.matmul', [t([B, H, 8]), t([8, W])]), ['[B, H, W]']);
  assert.deepEqual(shapeOf('torch.matmul', [t([B, 1, H, 8]), t([N, 8, W])]), ['[B, N, H, W]']);
  assert.deepEqual(shapeOf('torch.matmul', [t([H]), t([B, H, W])]), ['[B, W]']);
  assert.deepEqual(shapeOf('torch.bmm', [t([B, H, N]), t([B, N, W])]), ['[B, H, W]']);
  // An open contraction size is an assumption, not an error.
  const r = call('torch.mm', [t([B, H]), t([W, 4])]);
  assert.ok(r.ok);
  assert.deepEqual(r.assumptions.map((a) => a.message), ['needs H = W']);
  // A known mismatch is still an error, printed with the symbols.
  const bad = call('torch.mm', [t([B, 3]), t([4, W])]);
  assert.ok(!bad.ok);
  assert.equal(bad.error.message, 'mat1 and mat2 shapes cannot be multiplied (Bx3 and 4xW)');
});

test('elementwise broadcasting and reductions keep symbols', () => {
  assert.deepEqual(shapeOf('torch.add', [t([B, 1, W]), t([H, 1])]), ['[B, H, W]']);
  assert.deepEqual(shapeOf('torch.Tensor.__mul__', [t([B, H]), int(2)]), ['[B, H]']);
  assert.deepEqual(shapeOf('torch.sum', [t([B, H, W]), int(1)], { keepdim: bool(true) }), ['[B, 1, W]']);
  assert.deepEqual(shapeOf('torch.max', [t([B, H]), int(-1)]), ['[B]', '[B]']);
  assert.deepEqual(shapeOf('torch.mean', [t([B, H, W]), tup([int(0), int(2)])]), ['[H]']);
  assert.deepEqual(shapeOf('torch.einsum', [str('bij,bjk->bik'), t([B, H, N]), t([B, N, W])]), ['[B, H, W]']);
  assert.deepEqual(shapeOf('torch.topk', [t([B, N]), int(H)]), ['[B, H]', '[B, H]']);
});

test('creation and scans give closed forms', () => {
  assert.deepEqual(shapeOf('torch.zeros', [int(B), int(H)]), ['[B, H]']);
  assert.deepEqual(shapeOf('torch.arange', [int(N)]), ['[N]']);
  assert.deepEqual(shapeOf('torch.arange', [int(1), int(N), int(3)]), ['[ceil((N - 1) / 3)]']);
  assert.deepEqual(shapeOf('torch.diff', [t([B, N])], { n: int(2) }), ['[B, max(0, N - 2)]']);
  assert.deepEqual(shapeOf('torch.eye', [int(N)]), ['[N, N]']);
});

/** Seeded PRNG (mulberry32). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

type Builder = (d: (x: Dim) => Dim | number) => { name: string; args: Value[]; kwargs?: Record<string, Value> };

/** Calls whose arguments are built from symbols; `d` maps each symbol to itself or a number. */
const PROPERTY_CASES: Builder[] = [
  (d) => ({ name: 'torch.matmul', args: [t([d(B), d(H), 5]), t([5, d(W)])] }),
  (d) => ({ name: 'torch.matmul', args: [t([5]), t([d(B), 5, d(W)])] }),
  (d) => ({ name: 'torch.add', args: [t([d(B), 1, d(W)]), t([d(H), 1])] }),
  (d) => ({ name: 'torch.sum', args: [t([d(B), d(H), d(W)]), tup([int(0), int(-1)])], kwargs: { keepdim: bool(true) } }),
  (d) => ({ name: 'torch.arange', args: [int(2), int(d(N)), int(3)] }),
  (d) => ({ name: 'torch.arange', args: [int(d(N))] }),
  (d) => ({ name: 'torch.diff', args: [t([d(B), d(N)])], kwargs: { n: int(3) } }),
  (d) => ({ name: 'torch.topk', args: [t([d(B), d(N)]), int(1)] }),
  (d) => ({ name: 'torch.einsum', args: [str('bij,bjk->bki'), t([d(B), d(H), d(N)]), t([d(B), d(N), d(W)])] }),
  (d) => ({ name: 'torch.zeros', args: [int(d(B)), int(d(H))] }),
  (d) => ({ name: 'torch.linspace', args: [int(0), int(1), int(d(N))] }),
];

test('property: substituting integers for symbols agrees with the concrete rules', () => {
  const rand = mulberry32(20240607);
  for (const build of PROPERTY_CASES) {
    for (let trial = 0; trial < 25; trial++) {
      const env: Record<string, number> = {};
      for (const s of ['B', 'H', 'W', 'N']) env[s] = 2 + Math.floor(rand() * 12);
      const sym = build((x) => x);
      const conc = build((x) => x.evaluate(env)!);
      const rs = call(sym.name, sym.args, sym.kwargs);
      const rc = call(conc.name, conc.args, conc.kwargs);
      assert.ok(rs.ok && rc.ok, `${sym.name} failed with ${JSON.stringify(env)}`);
      const ss = flat(rs.value);
      const cs = flat(rc.value);
      assert.equal(ss.length, cs.length);
      ss.forEach((shape, i) => {
        assert.deepEqual(shape.map((x) => x.evaluate(env)), cs[i].map((x) => x.value), `${sym.name} with ${JSON.stringify(env)}`);
      });
    }
  }
});

function flat(v: Value): Dim[][] {
  if (v.kind === 'tensor') return [[...(v.shape ?? [])]];
  if (v.kind === 'tuple') return v.items.flatMap(flat);
  return [];
}

// PyTorch defines these methods in Python, so the signature oracle records them without `self`
// and they have no golden cases; check that they agree with the torch.* op they reflect.
test('reflected dunders agree with the ops they reflect', () => {
  const pairs: [string, string][] = [
    ['torch.Tensor.__rsub__', 'torch.sub'], ['torch.Tensor.__rtruediv__', 'torch.div'],
    ['torch.Tensor.__rfloordiv__', 'torch.floor_divide'], ['torch.Tensor.__rpow__', 'torch.pow'],
    ['torch.Tensor.__rmatmul__', 'torch.matmul'],
  ];
  const others: Value[] = [int(2), { kind: 'float', value: 0.5 }, bool(true), t([B, 1], 'int64'), t([4]), t([H, W])];
  for (const [dunder, op] of pairs) {
    for (const self of [t([B, 4], 'int64'), t([W, B]), t([4], 'bool')]) {
      for (const other of others) {
        const a = outcome(call(dunder, [self, other]));
        const b = outcome(call(op, [other, self]));
        assert.deepEqual(a, b, `${dunder} vs ${op}`);
      }
    }
  }
  const floordiv = outcome(call('torch.Tensor.__floordiv__', [t([B, 4], 'int64'), int(2)]));
  assert.deepEqual(floordiv, outcome(call('torch.floor_divide', [t([B, 4], 'int64'), int(2)])));
});

/** What a call gives (value or error, and assumptions), without the bound arguments it echoes. */
function outcome(r: ReturnType<typeof call>): unknown {
  return r.ok ? { value: r.value, assumptions: r.assumptions } : r;
}
