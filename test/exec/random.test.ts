// The seeded generator's uniform fill runs in WebAssembly (engine/exec/uniformFill.ts): it must give
// the values of the JavaScript generator, draw for draw (SeededRandom.next is the reference), across
// the module's 1 MB chunks, and leave the stream where the JavaScript loop would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SeededRandom } from '../../engine/exec/random';
import { wasmUniformAvailable } from '../../engine/exec/uniformFill';

test('WebAssembly is used for the uniform fill in Node', () => {
  assert.equal(wasmUniformAvailable(), true);
});

for (const [seed, n, low, high] of [[0, 300_001, -0.5, 0.5], [7, 262_144, -1, 3], [0xdeadbeef, 1000, 0, 1], [12345, 255, -2, -1]] as const) {
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
