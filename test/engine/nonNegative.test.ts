// provablyNonNegative: paddings up to a multiple, as windowed attention and patch embeddings write
// them, are proven not negative; whatever it proves holds for random sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dim } from '../../engine/shape/dim';
import { provablyNonNegative } from '../../engine/shape/nonNegative';
import { mulberry32, randomInt } from '../support/random';

const W = Dim.sym('W');
const H = Dim.sym('H');
// Padding W up to a multiple of p: `(p - W % p) % p` and, under `if W % p != 0`, `p - W % p`.
const padTo = (x: Dim, p: number): Dim => Dim.of(p).sub(x.mod(p)!).mod(p)!;
const padUnlessMultiple = (x: Dim, p: number): Dim => Dim.of(p).sub(x.mod(p)!);
// A Swin stage's size: the image divided by 4, rounded up (a patch embedding that padded first).
const quarter = W.neg().floordiv(4)!.neg();

const cases: [string, Dim][] = [
  ['(7 - W % 7) % 7', padTo(W, 7)],
  ['4 - W % 4', padUnlessMultiple(W, 4)],
  ['(7 - ceil(W / 4) % 7) % 7', padTo(quarter, 7)],
  ['(8 - ((H + 3) // 4) % 8) % 8', padTo(H.add(3).floordiv(4)!, 8)],
  // lucidrains' pad_seq_to_multiple: `ceil(seq_len / mult) * mult - seq_len`.
  ['ceil(W / 4) * 4 - W', W.ceildiv(4)!.mul(4).sub(W)],
];

// The same with a configured multiple: checked on sampled multiples below.
const M = Dim.sym('M');
test('ceil(W / M) * M - W is proven not negative, and holds for random sizes', () => {
  const d = W.ceildiv(M)!.mul(M).sub(W);
  assert.equal(provablyNonNegative(d), true, d.toString());
  const rand = mulberry32(27);
  for (let i = 0; i < 200; i++) assert.ok(d.evaluate({ W: randomInt(rand, 1, 500), M: randomInt(rand, 1, 40) })! >= 0);
  assert.equal(provablyNonNegative(d.sub(1)), false);
});

for (const [name, d] of cases) {
  test(`${name} is proven not negative`, () => {
    assert.equal(provablyNonNegative(d), true, d.toString());
  });
}

test('what is proven holds for random sizes; one less than a padding that may be 0 is not proven', () => {
  const rand = mulberry32(26);
  for (const [, d] of cases) {
    for (let i = 0; i < 200; i++) assert.ok(d.evaluate({ W: randomInt(rand, 1, 500), H: randomInt(rand, 1, 500) })! >= 0);
    if (d.evaluate({ W: 28, H: 29 }) === 0 || d.evaluate({ W: 16, H: 16 }) === 0) assert.equal(provablyNonNegative(d.sub(1)), false);
  }
});
