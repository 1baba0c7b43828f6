// The spatial sizes a condition on floor divisions fixes (squareSizes.ts): the arithmetic of the
// choice, on conditions as the seeding collects them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dim } from '../../engine/shape/dim';
import { squareSizeFor } from '../../engine/interp/squareSizes';

const B = Dim.sym('B'), C = Dim.sym('C'), H = Dim.sym('H'), W = Dim.sym('W');
const seeded = new Map([['B', 'x'], ['C', 'x'], ['H', 'x'], ['W', 'x']]);
const batch = new Set(['B']);
const eq = (lhs: Dim, rhs: Dim | number) => ({ lhs, rhs: Dim.of(rhs), relation: '=' as const });
const half = (d: Dim) => d.add(1).floordiv(2)!;

test('of the sizes one condition fits, the one the other conditions met so far also hold for', () => {
  // A stride-2 downsampling to 4 x 4 (7 and 8 fit), then an attention bias of 7 * 7 positions.
  const found = squareSizeFor([eq(half(W), 4), eq(H.mul(W), 49)], seeded, new Map(), batch);
  assert.deepEqual(found?.symbols, ['W']);
  assert.equal(found?.size.value, 7);
  // Alone, the one with more factors of two.
  assert.equal(squareSizeFor([eq(half(W), 4)], seeded, new Map(), batch)?.size.value, 8);
});

test('a channel count or the batch is never solved as a spatial size; a divisibility fixes nothing', () => {
  assert.equal(squareSizeFor([eq(C.mul(half(H)).mul(half(W)), 4096)], seeded, new Map(), batch), undefined);
  assert.equal(squareSizeFor([eq(B.mul(H), 64)], seeded, new Map(), batch), undefined);
  // H = 7 * (H // 7): every multiple of 7 fits, not one run.
  assert.equal(squareSizeFor([eq(H, H.floordiv(7)!.mul(7))], seeded, new Map(), batch), undefined);
});

test('asked again (the answer is kept by size and symbols), the same answer; a condition alike in print but not in terms is its own', () => {
  const first = squareSizeFor([eq(half(W), 4), eq(H.mul(W), 49)], seeded, new Map(), batch);
  const again = squareSizeFor([eq(half(W), 4), eq(H.mul(W), 49)], seeded, new Map(), batch);
  assert.deepEqual(again?.fits, first?.fits);
  assert.equal(again?.size.value, 7);
  // Two sizes nothing is known of print alike (`?`) but are not the same size.
  const u1 = Dim.unknown(), u2 = Dim.unknown();
  assert.equal(String(u1), String(u2));
  assert.notEqual(u1.structuralKey, u2.structuralKey);
  assert.equal(W.add(u1).sub(u1).structuralKey, W.structuralKey);
});
