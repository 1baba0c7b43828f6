// Jumping xoshiro128** (random.ts) ahead by any number of draws: its state update is linear over
// GF(2), so k draws are the 128x128 bit matrix T^k applied to the state. The fill splits a long
// stream into four quarters, each started from its own jumped state (uniformFill.ts's SIMD
// lanes): the same values as one stream drawn in order.

/** T^(2^k) for k = 0, 1, ...: 128 columns (the image of each state bit), 4 int32 words each. */
const powers: Int32Array[] = [];

/** One draw's state update (random.ts's `next`, without the output): int32 words, in place. */
function step(s: Int32Array): void {
  const t = s[1] << 9;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = (s[3] << 11) | (s[3] >>> 21);
}

/** M applied to the state `s` (4 int32 words), written to `out` (which may be `s`). */
function apply(m: Int32Array, s: Int32Array, out: Int32Array): void {
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  for (let w = 0; w < 4; w++) {
    const x = s[w];
    for (let b = 0; b < 32; b++) {
      if (((x >>> b) & 1) === 0) continue;
      const c = (w * 32 + b) * 4;
      a0 ^= m[c];
      a1 ^= m[c + 1];
      a2 ^= m[c + 2];
      a3 ^= m[c + 3];
    }
  }
  out[0] = a0;
  out[1] = a1;
  out[2] = a2;
  out[3] = a3;
}

/** T^(2^k), made (and kept) on first use. */
function power(k: number): Int32Array {
  if (powers.length === 0) {
    const t = new Int32Array(512);
    const e = new Int32Array(4);
    for (let bit = 0; bit < 128; bit++) {
      e.fill(0);
      e[bit >> 5] = 1 << (bit & 31);
      step(e);
      t.set(e, bit * 4);
    }
    powers.push(t);
  }
  while (powers.length <= k) {
    const m = powers[powers.length - 1];
    const sq = new Int32Array(512);
    const col = new Int32Array(4);
    for (let bit = 0; bit < 128; bit++) {
      // M^2 e = M (M e).
      apply(m, m.subarray(bit * 4, bit * 4 + 4), col);
      sq.set(col, bit * 4);
    }
    powers.push(sq);
  }
  return powers[k];
}

/** Advance the state `s` (four int32 words, in place) by `draws` draws, as that many `next()` would. */
export function jump(s: Int32Array, draws: number): void {
  for (let k = 0; draws > 0; k++, draws = Math.floor(draws / 2)) {
    if (draws % 2 === 1) apply(power(k), s, s);
  }
}

/** Make the jumps up to 2^bits draws ahead of time (the server's start), so no pass pays for them. */
export function prepareJumps(bits = 24): void {
  power(bits - 1);
}
