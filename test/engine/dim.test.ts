// Symbolic dimensions: canonical printing, equality, and agreement with integer arithmetic when
// random values are substituted for the symbols.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dim } from '../../engine/shape/dim';
import { provablyNonNegative } from '../../engine/shape/nonNegative';
import { slidingWindowOutput, transposedWindowOutput } from '../../engine/ops/common/window';
import { mulberry32, randomInt } from '../support/random';

const H = Dim.sym('H');
const W = Dim.sym('W');
const B = Dim.sym('B');

test('canonical forms print as users read them', () => {
  assert.equal(H.add(2).sub(3).floordiv(1)!.add(1).toString(), 'H');
  assert.equal(H.sub(4).toString(), 'H - 4');
  assert.equal(B.mul(64).mul(H).mul(W).toString(), '64*B*H*W');
  assert.equal(H.sub(3).floordiv(2)!.add(1).toString(), '(H - 1) // 2');
  assert.equal(H.floordiv(2)!.floordiv(2)!.toString(), 'H // 4');
  assert.equal(H.add(1).ceildiv(2)!.toString(), 'ceil((H + 1) / 2)');
  assert.equal(H.sub(4).floordiv(2)!.add(1).toString(), 'H // 2 - 1');
  assert.equal(H.floordiv(2)!.mul(2).toString(), '2*(H // 2)');
  assert.equal(Dim.max(H, H.add(1)).toString(), 'H + 1');
  assert.equal(Dim.min(H, W).toString(), 'min(H, W)');
  // A leading minus binds tighter than `//` in Python: the division is parenthesised.
  assert.equal(H.neg().floordiv(8)!.neg().toString(), '-((-H) // 8)');
  assert.equal(B.mul(H).floordiv(B)!.toString(), 'H');
  assert.equal(H.mul(2).add(2).floordiv(4)!.toString(), '(H + 1) // 2');
  // A divisor of several terms dividing exactly: a reshape's -1 over b*(H*W + 1) positions.
  const positions = H.mul(W).mul(B).add(B);
  assert.equal(positions.mul(W.floordiv(3)!).floordiv(positions)!.toString(), 'W // 3');
  assert.equal(H.add(1).mul(2).add(1).floordiv(H.add(1))!.toString(), '(2*H + 3) // (H + 1)');
  assert.equal(H.mul(3).floordiv(W.mul(6))!.toString(), 'H // (2*W)');
});

test('equality is yes, no or unknown', () => {
  assert.equal(H.add(1).equals(Dim.sym('H').add(1)), 'yes');
  assert.equal(H.equals(H.add(1)), 'no');
  assert.equal(H.equals(W), 'unknown');
  assert.equal(Dim.of(3).equals(3), 'yes');
  assert.equal(H.mul(W).equals(W.mul(H)), 'yes');
  assert.equal(Dim.unknown().equals(Dim.unknown()), 'unknown');
  assert.equal(H.floordiv(0), undefined);
});

test('JSON form: integers when known, expressions otherwise', () => {
  assert.equal(JSON.stringify([Dim.of(3), H.sub(4)]), '[3,"H - 4"]');
});

// Random expression trees, evaluated once symbolically (then substituted) and once on integers.
type Expr =
  | { op: 'sym'; name: string }
  | { op: 'const'; value: number }
  | { op: 'add' | 'sub' | 'mul' | 'max' | 'min'; a: Expr; b: Expr }
  | { op: 'floordiv' | 'ceildiv'; a: Expr; k: number };

function randomExpr(rand: () => number, depth: number): Expr {
  if (depth === 0 || rand() < 0.2) {
    return rand() < 0.6 ? { op: 'sym', name: ['H', 'W', 'B'][randomInt(rand, 0, 2)] } : { op: 'const', value: randomInt(rand, -5, 9) };
  }
  const pick = randomInt(rand, 0, 6);
  if (pick >= 5) return { op: pick === 5 ? 'floordiv' : 'ceildiv', a: randomExpr(rand, depth - 1), k: randomInt(rand, 1, 5) };
  const op = (['add', 'sub', 'mul', 'max', 'min'] as const)[pick];
  return { op, a: randomExpr(rand, depth - 1), b: randomExpr(rand, depth - 1) };
}

function symbolic(e: Expr): Dim {
  switch (e.op) {
    case 'sym': return Dim.sym(e.name);
    case 'const': return Dim.of(e.value);
    case 'add': return symbolic(e.a).add(symbolic(e.b));
    case 'sub': return symbolic(e.a).sub(symbolic(e.b));
    case 'mul': return symbolic(e.a).mul(symbolic(e.b));
    case 'max': return Dim.max(symbolic(e.a), symbolic(e.b));
    case 'min': return Dim.min(symbolic(e.a), symbolic(e.b));
    case 'floordiv': return symbolic(e.a).floordiv(e.k)!;
    case 'ceildiv': return symbolic(e.a).ceildiv(e.k)!;
  }
}

function concrete(e: Expr, env: Record<string, number>): number {
  switch (e.op) {
    case 'sym': return env[e.name];
    case 'const': return e.value;
    case 'add': return concrete(e.a, env) + concrete(e.b, env);
    case 'sub': return concrete(e.a, env) - concrete(e.b, env);
    case 'mul': return concrete(e.a, env) * concrete(e.b, env);
    case 'max': return Math.max(concrete(e.a, env), concrete(e.b, env));
    case 'min': return Math.min(concrete(e.a, env), concrete(e.b, env));
    case 'floordiv': return Math.floor(concrete(e.a, env) / e.k);
    case 'ceildiv': return Math.ceil(concrete(e.a, env) / e.k);
  }
}

test('property: symbolic arithmetic agrees with integer arithmetic', () => {
  const rand = mulberry32(1234);
  for (let trial = 0; trial < 2000; trial++) {
    const e = randomExpr(rand, 4);
    const d = symbolic(e);
    for (let s = 0; s < 4; s++) {
      const env = { H: randomInt(rand, -30, 300), W: randomInt(rand, -30, 300), B: randomInt(rand, 1, 64) };
      assert.equal(d.evaluate(env), concrete(e, env) + 0, `${d} at ${JSON.stringify(env)}`);
    }
    // Canonical form: printing is stable under re-building equal expressions.
    assert.equal(symbolic(e).toString(), d.toString());
  }
});

test('property: sliding windows on symbolic lengths agree with the integer rule', () => {
  const rand = mulberry32(99);
  for (let trial = 0; trial < 1500; trial++) {
    const k = randomInt(rand, 1, 7);
    const stride = randomInt(rand, 1, 4);
    const pad = randomInt(rand, 0, Math.floor(k / 2));
    const dil = randomInt(rand, 1, 3);
    const ceil = rand() < 0.5;
    const sym = slidingWindowOutput(H, k, stride, pad, pad, dil, ceil);
    const L = randomInt(rand, dil * (k - 1) + 1, 200);
    const exact = slidingWindowOutput(L, k, stride, pad, pad, dil, ceil).value;
    assert.equal(sym.evaluate({ H: L }), exact, `k=${k} s=${stride} p=${pad} d=${dil} ceil=${ceil} L=${L}: ${sym}`);
    const t = transposedWindowOutput(H, k, stride, pad, dil, 0);
    assert.equal(t.evaluate({ H: L }), (L - 1) * stride - 2 * pad + dil * (k - 1) + 1);
  }
});

test('a conv/pool chain on [B, 3, H, W] simplifies to a closed form', () => {
  // conv 3x3 pad 1 keeps H; pool 2 halves it; conv 5x5 no pad; pool 2.
  let h: Dim = H;
  h = slidingWindowOutput(h, 3, 1, 1, 1);
  assert.equal(h.toString(), 'H');
  h = slidingWindowOutput(h, 2, 2, 0, 0);
  assert.equal(h.toString(), 'H // 2');
  h = slidingWindowOutput(h, 5, 1, 0, 0);
  assert.equal(h.toString(), 'H // 2 - 4');
  h = slidingWindowOutput(h, 2, 2, 0, 0);
  assert.equal(h.toString(), 'H // 4 - 2');
});

test('a divisor sharing factors with every term cancels them, and stays floor division', () => {
  const [n, dim, heads] = ['n', 'dim', 'heads'].map((s) => Dim.sym(s));
  assert.equal(B.mul(dim).mul(n).floordiv(B.mul(heads).mul(n))!.toString(), 'dim // heads');
  assert.equal(H.mul(6).floordiv(W.mul(4))!.toString(), '(3*H) // (2*W)');
  // Not every term has B: nothing cancels.
  assert.equal(B.mul(H).add(W).floordiv(B.mul(2))!.toString(), '(B*H + W) // (2*B)');
  const rand = mulberry32(7);
  const cases: [Dim, Dim][] = [
    [B.mul(dim).mul(n), B.mul(heads).mul(n)],
    [H.mul(6).add(H.mul(W).mul(2)), H.mul(4)],
    [B.mul(H).mul(3).sub(B.mul(9)), B.mul(W).mul(6)],
  ];
  for (const [num, den] of cases) {
    for (let i = 0; i < 50; i++) {
      const env: Record<string, number> = { B: randomInt(rand, 1, 9), H: randomInt(rand, 3, 40), W: randomInt(rand, 1, 9), n: randomInt(rand, 1, 9), dim: randomInt(rand, 1, 99), heads: randomInt(rand, 1, 9) };
      const want = Math.floor(num.evaluate(env)! / den.evaluate(env)!);
      assert.equal(num.floordiv(den)!.evaluate(env), want, `${num} // ${den} at ${JSON.stringify(env)}`);
    }
  }
});

test('a divisor of several terms cancels its part without common factors where that divides the numerator', () => {
  const [dim, heads] = ['dim', 'heads'].map((s) => Dim.sym(s));
  // MViTv2's head split of h*w + 1 tokens (a class token beside a feature map).
  const tokens = H.mul(W).add(1);
  assert.equal(B.mul(dim).mul(tokens).floordiv(B.mul(heads).mul(tokens))!.toString(), 'dim // heads');
  assert.equal(B.mul(dim).mul(tokens).mul(3).floordiv(tokens.mul(heads).mul(B).mul(6))!.toString(), 'dim // (2*heads)');
  assert.equal(H.add(1).mul(H.add(2)).mul(dim).floordiv(H.add(2).mul(heads))!.toString(), '(H*dim + dim) // heads');
  // Nothing divides: the quotient stays as written.
  assert.equal(B.mul(H).add(3).floordiv(H.add(1))!.toString(), '(B*H + 3) // (H + 1)');
  assert.equal(dim.mul(H.add(2)).floordiv(heads.mul(H.add(1)))!.toString(), '(H*dim + 2*dim) // (H*heads + heads)');
  const rand = mulberry32(11);
  const cases: [Dim, Dim][] = [
    [B.mul(dim).mul(tokens), B.mul(heads).mul(tokens)],
    [H.add(1).mul(H.add(2)).mul(dim), H.add(2).mul(heads)],
    [W.sub(3).mul(H).mul(dim).neg(), W.sub(3).mul(heads)],
  ];
  for (const [num, den] of cases) {
    for (let i = 0; i < 50; i++) {
      const env: Record<string, number> = { B: randomInt(rand, 1, 9), H: randomInt(rand, 3, 40), W: randomInt(rand, 4, 9), dim: randomInt(rand, 1, 99), heads: randomInt(rand, 1, 9) };
      const want = Math.floor(num.evaluate(env)! / den.evaluate(env)!);
      assert.equal(num.floordiv(den)!.evaluate(env), want, `${num} // ${den} at ${JSON.stringify(env)}`);
      assert.equal(num.ceildiv(den)!.evaluate(env), Math.ceil(num.evaluate(env)! / den.evaluate(env)!), `ceil(${num} / ${den})`);
    }
  }
});

test('strided layers in a row fold into one division: floor((floor(x / a) + c) / b) = floor((x + a*c) / (a*b))', () => {
  const twice = H.add(1).floordiv(2)!.sub(1).floordiv(2)!.add(1);
  assert.equal(twice.toString(), '(H + 3) // 4');
  const up = H.add(2).ceildiv(3)!.add(4).ceildiv(2)!;
  for (let h = 0; h < 200; h++) {
    assert.equal(twice.evaluate({ H: h }), Math.floor((Math.floor((h + 1) / 2) - 1) / 2) + 1, `H = ${h}`);
    assert.equal(up.evaluate({ H: h }), Math.ceil((Math.ceil((h + 2) / 3) + 4) / 2), `H = ${h}`);
  }
});

test('a product of sizes divided by sizes is never negative: (h // p)*(w // p) >= 0, not (h // p)*(w // p) - h >= 0', () => {
  const [h, w, p] = ['h', 'w', 'p'].map((s) => Dim.sym(s));
  const patches = h.floordiv(p)!.mul(w.floordiv(p)!);
  assert.equal(patches.provablyAtLeast(0), true);
  assert.equal(patches.add(1).provablyAtLeast(1), true);
  assert.equal(patches.sub(h).provablyAtLeast(0), false);
  assert.equal(patches.provablyAtLeast(1), false, 'h < p gives no patch');
  assert.equal(patches.mul(Dim.unknown()).provablyAtLeast(0), false, 'an unknown size proves nothing');
});

test('padding to a multiple of a symbolic window, (ws - W % ws) % ws, is never negative, and W padded holds W', () => {
  const ws = Dim.sym('ws');
  const pad = ws.sub(W.mod(ws)!).mod(ws)!;
  assert.equal(provablyNonNegative(pad), true);
  assert.equal(provablyNonNegative(W.add(pad).sub(W)), true);
  assert.equal(provablyNonNegative(pad.sub(1)), false, 'the pad is 0 when ws divides W');
  assert.equal(provablyNonNegative(W.sub(pad)), false, 'W = 1, ws = 3 pads by 2');
  // What was proven holds at every size tried.
  for (let w = 1; w <= 12; w++) for (let s = 1; s <= 5; s++) assert.ok(pad.evaluate({ W: w, ws: s })! >= 0);
});

test('the two halves of a split add up to the whole: (k + 1) // 2 + k // 2 = k, ceil(k / 2) + k // 2 = k', () => {
  const k = Dim.sym('k');
  const upper = k.add(1).floordiv(2)!;
  const lower = k.floordiv(2)!;
  assert.equal(upper.add(lower).equals(k), 'yes');
  assert.equal(k.ceildiv(2)!.add(lower).mul(3).equals(k.mul(3)), 'yes');
  assert.equal(upper.add(lower).add(H).sub(2).equals(k.add(H).sub(2)), 'yes');
  // (Halves of different sizes, or of thirds, stay as they are.)
  assert.equal(upper.add(H.floordiv(2)!).equals(k), 'unknown');
  for (let v = -20; v < 40; v++) assert.equal(upper.add(lower).evaluate({ k: v }), v);
});

test('min/max of sizes drop what another argument bounds (sizes are at least 1); Dim.max stays exact', async () => {
  const { extremumOfSizes } = await import('../../engine/shape/sizeExtremum');
  const k = Dim.sym('k');
  const pad = k.add(1).floordiv(2)!;
  assert.equal(extremumOfSizes('max', [pad, Dim.of(0)]).equals(pad), 'yes');
  assert.equal(extremumOfSizes('max', [pad.neg(), Dim.of(0)]).value, 0);
  assert.equal(extremumOfSizes('min', [H, H.add(2)]).equals(H), 'yes');
  assert.equal(extremumOfSizes('max', [H, W]).equals(Dim.max(H, W)), 'yes');
  assert.equal(Dim.max(pad, Dim.of(0)).equals(pad), 'unknown', 'k may be any integer to Dim');
});

test('a known base to a symbolic power: 2**dim prints, evaluates, substitutes and gives its exponent back', () => {
  const dim = Dim.sym('dim');
  const codes = Dim.pow(2, dim)!;
  assert.equal(codes.toString(), '2**dim');
  assert.equal(Dim.pow(2, dim.mul(2))!.toString(), '2**(2*dim)');
  assert.equal(codes.evaluate({ dim: 5 }), 32);
  assert.equal(codes.substitute(new Map([['dim', Dim.of(3)]])).value, 8);
  assert.equal(codes.exponentOf(2)?.toString(), 'dim');
  assert.equal(codes.exponentOf(3), undefined);
  assert.equal(Dim.of(64).exponentOf(2)?.value, 6);
  assert.equal(Dim.of(48).exponentOf(2), undefined);
  assert.equal(codes.provablyAtLeast(1), true);
  assert.equal(codes.mul(dim).symbols().has('dim'), true);
  assert.equal(codes.equals(Dim.pow(2, dim)!), 'yes');
  assert.equal(Dim.pow(dim, 2), undefined, 'a symbolic base is left to the caller');
  assert.equal(Dim.pow(2, Dim.unknown()), undefined);
});

test('floor(log2(n)) of a size: exact for powers of two, an atom that evaluates and substitutes otherwise', () => {
  const n = Dim.sym('codebook_size');
  const bits = Dim.floorLog2(n);
  assert.equal(bits.toString(), 'int(log2(codebook_size))');
  for (const v of [1, 2, 3, 7, 8, 9, 1023, 1024, 1025]) assert.equal(bits.evaluate({ codebook_size: v }), Math.floor(Math.log2(v)), `n = ${v}`);
  assert.equal(bits.substitute(new Map([['codebook_size', Dim.of(32)]])).value, 5);
  assert.equal(Dim.floorLog2(Dim.pow(2, Dim.sym('dim'))!).toString(), 'dim');
  assert.equal(Dim.floorLog2(Dim.of(48)).value, 5);
  assert.equal(bits.provablyAtLeast(0), true);
  assert.equal(bits.equals(Dim.floorLog2(n)), 'yes');
});

test('exactValueAt gives what substitute gives, or nothing', () => {
  const H = Dim.sym('H'), W = Dim.sym('W'), d0 = Dim.sym('d0');
  const q = (d: Dim, k: number) => d.neg().floordiv(k)!.neg(); // ceil(d / k), as padding computes it
  const exprs = [
    H.add(1).floordiv(2)!.mul(W.add(1).floordiv(2)!).sub(49),
    q(q(H, 4), 7).mul(q(q(W, 4), 7)).mul(d0.mul(q(H, 28)).floordiv(q(q(H, 4), 7).mul(q(q(W, 4), 7)))!).sub(d0.mul(3)),
    Dim.pow(2, H.sub(3))!.sub(W),
    Dim.floorLog2(H).sub(3),
    Dim.min(H, W.add(2)).sub(Dim.max(H, 5)),
    H.mul(Dim.unknown()).sub(3),
    H.floordiv(W.sub(9))!.add(1),
    H.mul(H).mul(H).mul(H).mul(H).mul(1 << 20).sub(7),
  ];
  let numbers = 0;
  for (const e of exprs) {
    for (let n = 1; n <= 120; n++) {
      for (const m of [n, 9, 37]) {
        const exact = e.exactValueAt(new Map([['H', n], ['W', m], ['d0', 96]]));
        const sub = e.substitute(new Map([['H', Dim.of(n)], ['W', Dim.of(m)], ['d0', Dim.of(96)]])).value;
        if (exact !== undefined) {
          numbers++;
          assert.equal(exact, sub, `${e} at H=${n}, W=${m}`);
        }
      }
    }
  }
  assert.ok(numbers > 1000);
});
