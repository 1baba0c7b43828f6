// SeededRandom.uniform's loop in WebAssembly: the same xoshiro128** stream and the same float32
// values as the JavaScript loop (random.ts), in code V8 keeps. A full collection (V8's memory
// reducer in an idle server) throws away the JIT's optimised JavaScript, and a model's weights
// (MNIST: 1.2M draws) then started interpreted, 2-3x slower, on every cold pass.

/** Floats filled per call: the module's memory holds one chunk (1 MB), copied out after each. */
const CHUNK = 1 << 18;
/** Byte offset of the chunk; the generator's four state words are at 0..15. */
const OUT = 16;

/**
 * (module (memory (export "mem") 17)
 *   (func (export "fill") (param $ptr i32) (param $n i32) (param $low f64) (param $span f64)
 *     state words s0..s3 loaded from 0..15; for each of the n floats, as random.ts's loop:
 *     r = rotl(s1 * 5, 7) * 9; t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t;
 *     s3 = rotl(s3, 11); f32 at $ptr = demote(low + span * f64(u32 r)); state stored back))
 */
const HEAD = [
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  // type: (i32, i32, f64, f64) -> ()
  0x01, 0x08, 0x01, 0x60, 0x04, 0x7f, 0x7f, 0x7c, 0x7c, 0x00,
  // function 0 of type 0
  0x03, 0x02, 0x01, 0x00,
  // memory: 17 pages
  0x05, 0x03, 0x01, 0x00, 0x11,
  // exports: "fill" (function 0), "mem" (memory 0)
  0x07, 0x0e, 0x02, 0x04, 0x66, 0x69, 0x6c, 0x6c, 0x00, 0x00, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00,
];
/** The function's body (the code section is made around it: its sizes are LEB128 numbers). */
const BODY = [
  0x01, 0x07, 0x7f, // locals 4..10: s0 s1 s2 s3 t end r
  0x20, 0x00, 0x20, 0x01, 0x41, 0x02, 0x74, 0x6a, 0x21, 0x09, // end = ptr + (n << 2)
  0x41, 0x00, 0x28, 0x02, 0x00, 0x21, 0x04, // s0 = mem[0]
  0x41, 0x00, 0x28, 0x02, 0x04, 0x21, 0x05, // s1 = mem[4]
  0x41, 0x00, 0x28, 0x02, 0x08, 0x21, 0x06, // s2 = mem[8]
  0x41, 0x00, 0x28, 0x02, 0x0c, 0x21, 0x07, // s3 = mem[12]
  0x02, 0x40, // block
  0x20, 0x01, 0x45, 0x0d, 0x00, // n == 0: out
  0x03, 0x40, // loop
  0x20, 0x05, 0x41, 0x05, 0x6c, 0x41, 0x07, 0x77, 0x41, 0x09, 0x6c, 0x21, 0x0a, // r = rotl(s1 * 5, 7) * 9
  0x20, 0x05, 0x41, 0x09, 0x74, 0x21, 0x08, // t = s1 << 9
  0x20, 0x06, 0x20, 0x04, 0x73, 0x21, 0x06, // s2 ^= s0
  0x20, 0x07, 0x20, 0x05, 0x73, 0x21, 0x07, // s3 ^= s1
  0x20, 0x05, 0x20, 0x06, 0x73, 0x21, 0x05, // s1 ^= s2
  0x20, 0x04, 0x20, 0x07, 0x73, 0x21, 0x04, // s0 ^= s3
  0x20, 0x06, 0x20, 0x08, 0x73, 0x21, 0x06, // s2 ^= t
  0x20, 0x07, 0x41, 0x0b, 0x77, 0x21, 0x07, // s3 = rotl(s3, 11)
  0x20, 0x00, 0x20, 0x02, 0x20, 0x03, 0x20, 0x0a, 0xb8, 0xa2, 0xa0, 0xb6, 0x38, 0x02, 0x00, // f32 at ptr = low + span * r
  0x20, 0x00, 0x41, 0x04, 0x6a, 0x22, 0x00, // ptr += 4
  0x20, 0x09, 0x49, 0x0d, 0x00, // ptr < end: again
  0x0b, // end loop
  0x0b, // end block
  0x41, 0x00, 0x20, 0x04, 0x36, 0x02, 0x00, // mem[0] = s0
  0x41, 0x00, 0x20, 0x05, 0x36, 0x02, 0x04, // mem[4] = s1
  0x41, 0x00, 0x20, 0x06, 0x36, 0x02, 0x08, // mem[8] = s2
  0x41, 0x00, 0x20, 0x07, 0x36, 0x02, 0x0c, // mem[12] = s3
  0x0b,
];

function leb128(n: number): number[] {
  const out: number[] = [];
  do {
    const byte = n & 0x7f;
    n >>>= 7;
    out.push(n ? byte | 0x80 : byte);
  } while (n);
  return out;
}

const CODE = [0x01, ...leb128(BODY.length), ...BODY];
const MODULE = new Uint8Array([...HEAD, 0x0a, ...leb128(CODE.length), ...CODE]);

interface Filler {
  readonly fill: (ptr: number, n: number, low: number, span: number) => void;
  readonly state: Int32Array;
  readonly chunk: Float32Array;
}

/** The part of the WebAssembly API used here (the project's TypeScript libraries do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

let filler: Filler | null | undefined;

function instance(): Filler | null {
  if (filler !== undefined) return filler;
  try {
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const inst = new wasm.Instance(new wasm.Module(MODULE));
    const mem = inst.exports.mem as { buffer: ArrayBuffer };
    filler = {
      fill: inst.exports.fill as Filler['fill'],
      state: new Int32Array(mem.buffer, 0, 4),
      chunk: new Float32Array(mem.buffer, OUT, CHUNK),
    };
  } catch {
    // No WebAssembly here: the JavaScript loop.
    filler = null;
  }
  return filler;
}

/** Whether the WebAssembly loop is in use (tests check it is where WebAssembly exists). */
export function wasmUniformAvailable(): boolean {
  return instance() !== null;
}

/**
 * Fill out[0..n) with low + span * r for n draws r of the xoshiro128** state `s` (four int32
 * words, advanced in place). False when WebAssembly is not available (the caller's loop runs).
 */
export function wasmUniform(out: Float32Array, n: number, low: number, span: number, s: Int32Array): boolean {
  const f = instance();
  if (!f) return false;
  f.state.set(s);
  for (let done = 0; done < n; done += CHUNK) {
    const m = Math.min(CHUNK, n - done);
    f.fill(OUT, m, low, span);
    out.set(m === CHUNK ? f.chunk : f.chunk.subarray(0, m), done);
  }
  s.set(f.state);
  return true;
}
