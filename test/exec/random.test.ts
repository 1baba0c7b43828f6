// The seeded generator's uniform fill runs in WebAssembly (engine/exec/uniformFill.ts): it must give
// the values of the JavaScript generator, draw for draw (SeededRandom.next is the reference), across
// the module's chunks, and leave the stream where the JavaScript loop would. Fills of 2^16 draws
// or more run on four SIMD lanes, each a quarter of the stream from a state jumped ahead
// (xoshiroJump.ts); the last n mod 4 draws follow the fourth quarter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SeededRandom } from '../../engine/exec/random';
import { simdUniformAvailable, wasmUniformAvailable } from '../../engine/exec/uniformFill';
import { jump } from '../../engine/exec/xoshiroJump';

test('WebAssembly is used for the uniform fill in Node, with SIMD lanes', () => {
  assert.equal(wasmUniformAvailable(), true);
  assert.equal(simdUniformAvailable(), true);
});

/** xoshiro128**'s state update (Blackman and Vigna's xoshiro128starstar.c, next() without its output). */
function step(s: Int32Array): void {
  const t = s[1] << 9;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = (s[3] << 11) | (s[3] >>> 21);
}

for (const draws of [0, 1, 2, 3, 31, 32, 33, 1000, 65_536, 294_912, 1_234_567]) {
  test(`jump by ${draws} draws is ${draws} state updates`, () => {
    const jumped = Int32Array.of(0x12345678, -5, 77, 0x7fffffff);
    const stepped = jumped.slice();
    jump(jumped, draws);
    for (let i = 0; i < draws; i++) step(stepped);
    assert.deepEqual([...jumped], [...stepped]);
  });
}

// 300_001 and 1_179_648 (MNIST's fc1) span several of the lanes' chunks; 65_539 is just over the
// lanes' threshold with three draws left over; 65_535 just under it.
for (const [seed, n, low, high] of [
  [0, 300_001, -0.5, 0.5], [7, 262_144, -1, 3], [3, 1_179_648, -0.01, 0.01], [9, 65_539, 0, 1], [11, 65_535, -1, 1],
  [0xdeadbeef, 1000, 0, 1], [12345, 255, -2, -1],
] as const) {
  test(`uniform(${n}, ${low}, ${high}) with seed ${seed} is the stream of next(), value for value`, () => {
    const filled = new SeededRandom(seed);
    const reference = new SeededRandom(seed);
    // A draw first, so the fill starts mid-stream.
    assert.equal(filled.next(), reference.next());
    const got = filled.uniform(n, low, high);
    const span = high - low;
    let differ = 0;
    for (let i = 0; i < n; i++) {
      // uniform computes low + (span / 2^32) * r in float64; next() is r / 2^32.
      const want = Math.fround(low + (span / 4294967296) * (reference.next() * 4294967296));
      if (got[i] !== want) differ++;
    }
    assert.equal(differ, 0, `${differ} of ${n} values differ`);
    assert.equal(filled.next(), reference.next(), 'the stream goes on from the same state');
  });
}

test('consecutive fills on the lanes continue one stream', () => {
  const filled = new SeededRandom(5);
  const reference = new SeededRandom(5);
  const a = filled.uniform(70_001, 0, 1);
  const b = filled.uniform(131_072, 0, 1);
  let differ = 0;
  for (const x of [...a, ...b]) if (x !== Math.fround(reference.next())) differ++;
  assert.equal(differ, 0);
  assert.equal(filled.next(), reference.next());
});
