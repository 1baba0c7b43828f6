// Memory for the weights of a new model: one buffer, carved into the generator's arrays. The
// worker hands a model's buffer back once its optimised session holds a copy, and the next new
// model's weights are made in it. Its pages are mapped already: a fresh ResNet-18-sized buffer
// (47 MB) costs more in page faults than making its 11.7M numbers (test/bench/forward.ts).
import type { FloatAlloc } from '../../engine/exec/random';

/** Arrays start at multiples of this many bytes (any typed array, and SIMD loads, are aligned). */
const ALIGN = 16;

export class WeightPool {
  private spare: ArrayBuffer | undefined;

  /** Bytes kept for the next model (0 when none). */
  get spareBytes(): number {
    return this.spare?.byteLength ?? 0;
  }

  /**
   * An allocator over one buffer of at least `bytes` (plus alignment for `arrays` arrays): the
   * spare buffer when it is big enough, else a new one. Arrays that do not fit are allocated apart.
   */
  arena(bytes: number, arrays: number): FloatAlloc {
    const need = bytes + arrays * ALIGN;
    let buffer: ArrayBuffer;
    if (this.spare && this.spare.byteLength >= need) {
      buffer = this.spare;
      this.spare = undefined;
    } else {
      buffer = new ArrayBuffer(need);
    }
    let offset = 0;
    return (n) => {
      if (offset + n * 4 > buffer.byteLength) return new Float32Array(n);
      const out = new Float32Array(buffer, offset, n);
      offset += Math.ceil((n * 4) / ALIGN) * ALIGN;
      return out;
    };
  }

  /** Buffers the worker is done with: the largest one is kept for the next model. */
  give(buffers: readonly ArrayBuffer[]): void {
    for (const b of buffers) {
      if (b.byteLength > (this.spare?.byteLength ?? 0)) this.spare = b;
    }
  }

  clear(): void {
    this.spare = undefined;
  }
}
