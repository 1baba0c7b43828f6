// A seeded random generator (xoshiro128**) for inputs and initial weights, so a preview is
// reproducible. Its values differ from torch's generator: only the distributions match.
import type { InitRandom } from '../ops/lowering';
import { wasmUniform } from './uniformFill';

/** Draws from which `uniform` runs its loop in WebAssembly (below, a call costs more than it saves). */
const WASM_MIN = 256;

/** Where the generator's arrays go: n floats, every one of them overwritten by the generator. */
export type FloatAlloc = (n: number) => Float32Array;

const fresh: FloatAlloc = (n) => new Float32Array(n);

export class SeededRandom implements InitRandom {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** `alloc`: memory for the arrays (the executor reuses memory whose pages are already mapped). */
  constructor(seed = 0, private readonly alloc: FloatAlloc = fresh) {
    // splitmix32 spreads the seed over the four state words.
    let x = seed >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    // Stored as int32 (the same bits): a uint32 over 2^31 is a heap number to V8, and the fill
    // loops' optimised code, specialised on small integers, would be thrown away ("not a Smi").
    this.s0 = next() | 0;
    this.s1 = next() | 0;
    this.s2 = next() | 0;
    this.s3 = next() | 0;
  }

  /** A uniform float in [0, 1). */
  next(): number {
    const r = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11) | 0;
    return r / 4294967296;
  }

  uniform(n: number, low: number, high: number): Float32Array {
    const out = this.alloc(n);
    this.fillUniform(out, n, low, high);
    return out;
  }

  /**
   * The loops apart from `alloc`: each model brings a new allocator closure, and a loop whose
   * optimised code had inlined the previous one was deoptimised ("wrong call target"), running
   * the next model's millions of draws in the interpreter until V8 optimised it again.
   */
  private fillUniform(out: Float32Array, n: number, low: number, high: number): void {
    const span = (high - low) / 4294967296;
    // The same loop in WebAssembly (kept compiled, unlike this one after a full collection).
    if (n >= WASM_MIN) {
      const state = Int32Array.of(this.s0, this.s1, this.s2, this.s3);
      if (wasmUniform(out, n, low, span, state)) {
        [this.s0, this.s1, this.s2, this.s3] = state;
        return;
      }
    }
    // The generator inlined: weights are millions of draws (ResNet-18: 11.7M) on the hover path.
    let s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    for (let i = 0; i < n; i++) {
      const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      out[i] = low + span * r;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  normal(n: number, mean: number, std: number): Float32Array {
    const out = this.alloc(n);
    this.fillNormal(out, n, mean, std);
    return out;
  }

  private fillNormal(out: Float32Array, n: number, mean: number, std: number): void {
    // Marsaglia's polar method: two normals per accepted point of the unit disc, without the sine
    // and cosine of Box-Muller; the generator inlined as in `uniform` (sample inputs are on the
    // hover's path: ResNet's is 150k values).
    let s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    const scale = 2 / 4294967296;
    for (let i = 0; i < n; i += 2) {
      let x: number;
      let y: number;
      let q: number;
      do {
        let r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
        let t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        x = r * scale - 1;
        r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
        t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        y = r * scale - 1;
        q = x * x + y * y;
      } while (q >= 1 || q === 0);
      const f = std * Math.sqrt((-2 * Math.log(q)) / q);
      out[i] = mean + f * x;
      if (i + 1 < n) out[i + 1] = mean + f * y;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /** Integers uniform in [low, high). */
  integers(n: number, low: number, high: number): BigInt64Array {
    const out = new BigInt64Array(n);
    for (let i = 0; i < n; i++) out[i] = BigInt(low + Math.floor(this.next() * (high - low)));
    return out;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * One generator kept for the process's life: V8 drops a class's object shapes with its last
 * instance at a full collection, and with them the optimised code built on them. Each cold pass
 * starts after one (the memory reducer collects an idle server), so `fillNormal` (the sample
 * inputs) ran interpreted each time: 0.10-0.16 ms for MNIST's 784 values, 0.014 with this.
 */
export const keptForShapes = new SeededRandom(0);
