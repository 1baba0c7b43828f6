// SeededRandom.uniform's loop in WebAssembly: the same xoshiro128** stream and the same float32
// values as the JavaScript loop (random.ts), in code V8 keeps. A full collection (V8's memory
// reducer in an idle server) throws away the JIT's optimised JavaScript, and a model's weights
// (MNIST: 1.2M draws) then started interpreted, 2-3x slower, on every cold pass.

import { jump } from './xoshiroJump';

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

/**
 * The four-lane fill: lane l continues the stream from its own state (lane l of the state
 * vectors at 0..63, jumped ahead by the caller) and writes its floats to its own part of the
 * chunk, LANE floats apart. The same formula as the scalar loop on each lane, in the same
 * float64 arithmetic, so the same float32 values.
 */
const LANE = 1 << 13;
/** Byte offset of the four lanes' chunk; the state vectors S0..S3 are at 0..63. */
const LANES_OUT = 64;

/** A SIMD instruction: the 0xfd prefix, then the opcode as LEB128. */
const simd = (op: number, ...imm: number[]): number[] => [0xfd, ...leb128(op), ...imm];
const V128_LOAD = 0x00, V128_STORE = 0x0b, I8X16_SHUFFLE = 0x0d, I32X4_SPLAT = 0x11, F64X2_SPLAT = 0x14;
const F32X4_EXTRACT = 0x1f, V128_OR = 0x50, V128_XOR = 0x51, F32X4_DEMOTE_F64X2_ZERO = 0x5e;
const I32X4_SHL = 0xab, I32X4_SHR_U = 0xad, I32X4_MUL = 0xb5, F64X2_ADD = 0xf0, F64X2_MUL = 0xf2;
const F64X2_CONVERT_LOW_I32X4_U = 0xff;
const get = (i: number): number[] => [0x20, i];
const set = (i: number): number[] => [0x21, i];
const tee = (i: number): number[] => [0x22, i];
const i32 = (n: number): number[] => [0x41, ...sleb128(n)];

function sleb128(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

// Parameters: 0 ptr, 1 n (floats per lane), 2 low, 3 span. Locals (v128): 4..7 S0..S3, 8 t,
// 9 r, 10 f, 11 g, 12 low2, 13 span2, 14 five, 15 nine; (i32): 16 end.
const [PTR, N, LOW, SPAN, S0, S1, S2, S3, T, R, F, G, LOW2, SPAN2, FIVE, NINE, END] = Array.from({ length: 17 }, (_, i) => i);
/** rotl(x, k) of the value on the stack, each lane (x kept in `tmp`). */
const rotl4 = (tmp: number, k: number): number[] =>
  [...tee(tmp), ...i32(k), ...simd(I32X4_SHL), ...get(tmp), ...i32(32 - k), ...simd(I32X4_SHR_U), ...simd(V128_OR)];
/** low + span * f64(u32 lane) for the low two lanes of the vector on the stack, demoted to float32. */
const scale2 = [...simd(F64X2_CONVERT_LOW_I32X4_U), ...get(SPAN2), ...simd(F64X2_MUL), ...get(LOW2), ...simd(F64X2_ADD), ...simd(F32X4_DEMOTE_F64X2_ZERO)];
/** f32.store of lane `lane` of local `v` at ptr + offset. */
const storeLane = (v: number, lane: number, offset: number): number[] =>
  [...get(PTR), ...get(v), ...simd(F32X4_EXTRACT, lane), 0x38, 0x02, ...leb128(offset)];
const SIMD_BODY = [
  0x02, 0x0c, 0x7b, 0x01, 0x7f, // locals: 12 v128, 1 i32
  ...get(PTR), ...get(N), ...i32(2), 0x74, 0x6a, ...set(END), // end = ptr + (n << 2)
  ...i32(0), ...simd(V128_LOAD, 0x04, 0x00), ...set(S0),
  ...i32(0), ...simd(V128_LOAD, 0x04, 0x10), ...set(S1),
  ...i32(0), ...simd(V128_LOAD, 0x04, 0x20), ...set(S2),
  ...i32(0), ...simd(V128_LOAD, 0x04, 0x30), ...set(S3),
  ...get(LOW), ...simd(F64X2_SPLAT), ...set(LOW2),
  ...get(SPAN), ...simd(F64X2_SPLAT), ...set(SPAN2),
  ...i32(5), ...simd(I32X4_SPLAT), ...set(FIVE),
  ...i32(9), ...simd(I32X4_SPLAT), ...set(NINE),
  0x02, 0x40, // block
  ...get(N), 0x45, 0x0d, 0x00, // n == 0: out
  0x03, 0x40, // loop
  // r = rotl(s1 * 5, 7) * 9
  ...get(S1), ...get(FIVE), ...simd(I32X4_MUL), ...rotl4(R, 7), ...get(NINE), ...simd(I32X4_MUL), ...set(R),
  ...get(S1), ...i32(9), ...simd(I32X4_SHL), ...set(T), // t = s1 << 9
  ...get(S2), ...get(S0), ...simd(V128_XOR), ...set(S2), // s2 ^= s0
  ...get(S3), ...get(S1), ...simd(V128_XOR), ...set(S3), // s3 ^= s1
  ...get(S1), ...get(S2), ...simd(V128_XOR), ...set(S1), // s1 ^= s2
  ...get(S0), ...get(S3), ...simd(V128_XOR), ...set(S0), // s0 ^= s3
  ...get(S2), ...get(T), ...simd(V128_XOR), ...set(S2), // s2 ^= t
  ...get(S3), ...rotl4(S3, 11), ...set(S3), // s3 = rotl(s3, 11)
  // lanes 0, 1 in f; lanes 2, 3 (moved down) in g
  ...get(R), ...scale2, ...set(F),
  ...get(R), ...get(R), ...simd(I8X16_SHUFFLE, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7), ...scale2, ...set(G),
  ...storeLane(F, 0, 0), ...storeLane(F, 1, LANE * 4), ...storeLane(G, 0, 2 * LANE * 4), ...storeLane(G, 1, 3 * LANE * 4),
  ...get(PTR), ...i32(4), 0x6a, ...tee(PTR), // ptr += 4
  ...get(END), 0x49, 0x0d, 0x00, // ptr < end: again
  0x0b, // end loop
  0x0b, // end block
  ...i32(0), ...get(S0), ...simd(V128_STORE, 0x04, 0x00),
  ...i32(0), ...get(S1), ...simd(V128_STORE, 0x04, 0x10),
  ...i32(0), ...get(S2), ...simd(V128_STORE, 0x04, 0x20),
  ...i32(0), ...get(S3), ...simd(V128_STORE, 0x04, 0x30),
  0x0b,
];
/** HEAD with the type (i32, i32, f64, f64) -> () and 3 pages of memory (the lanes' 128 kB chunk). */
const SIMD_HEAD = [...HEAD.slice(0, 26), 0x03, ...HEAD.slice(27)];
const SIMD_CODE = [0x01, ...leb128(SIMD_BODY.length), ...SIMD_BODY];
const SIMD_MODULE = new Uint8Array([...SIMD_HEAD, 0x0a, ...leb128(SIMD_CODE.length), ...SIMD_CODE]);

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
let lanes: Filler | null | undefined;

function instantiate(bytes: Uint8Array, chunkAt: number, chunkFloats: number): Filler | null {
  try {
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const inst = new wasm.Instance(new wasm.Module(bytes));
    const mem = inst.exports.mem as { buffer: ArrayBuffer };
    return {
      fill: inst.exports.fill as Filler['fill'],
      state: new Int32Array(mem.buffer, 0, 16),
      chunk: new Float32Array(mem.buffer, chunkAt, chunkFloats),
    };
  } catch {
    // No WebAssembly (or no SIMD) here: the caller's loop.
    return null;
  }
}

function instance(): Filler | null {
  if (filler === undefined) filler = instantiate(MODULE, OUT, CHUNK);
  return filler;
}

function laneInstance(): Filler | null {
  if (lanes === undefined) lanes = instantiate(SIMD_MODULE, LANES_OUT, 4 * LANE);
  return lanes;
}

/** Whether the WebAssembly loop is in use (tests check it is where WebAssembly exists). */
export function wasmUniformAvailable(): boolean {
  return instance() !== null;
}

/** Whether long fills run on four SIMD lanes (tests check it is so in Node). */
export function simdUniformAvailable(): boolean {
  return laneInstance() !== null;
}

/** Draws from which a fill runs on four lanes (the three jumps cost tens of microseconds). */
const LANES_MIN = 1 << 16;

/**
 * Fill out[0..n) with low + span * r for n draws r of the xoshiro128** state `s` (four int32
 * words, advanced in place). False when WebAssembly is not available (the caller's loop runs).
 */
export function wasmUniform(out: Float32Array, n: number, low: number, span: number, s: Int32Array): boolean {
  if (n >= LANES_MIN && laneInstance()) return laneUniform(out, n, low, span, s);
  const f = instance();
  if (!f) return false;
  f.state.set(s);
  for (let done = 0; done < n; done += CHUNK) {
    const m = Math.min(CHUNK, n - done);
    f.fill(OUT, m, low, span);
    out.set(m === CHUNK ? f.chunk : f.chunk.subarray(0, m), done);
  }
  s.set(f.state.subarray(0, 4));
  return true;
}

/**
 * The stream cut in four quarters of q draws, lane l drawing out[l*q .. (l+1)*q) from the state
 * jumped l*q draws ahead; the last n - 4q draws follow the fourth quarter, one by one.
 */
function laneUniform(out: Float32Array, n: number, low: number, span: number, s: Int32Array): boolean {
  const f = laneInstance()!;
  const q = Math.floor(n / 4);
  const st = s.slice();
  for (let l = 0; l < 4; l++) {
    if (l > 0) jump(st, q);
    // State vector w holds word w of each lane.
    for (let w = 0; w < 4; w++) f.state[w * 4 + l] = st[w];
  }
  for (let done = 0; done < q; done += LANE) {
    const m = Math.min(LANE, q - done);
    f.fill(LANES_OUT, m, low, span);
    for (let l = 0; l < 4; l++) out.set(f.chunk.subarray(l * LANE, l * LANE + m), l * q + done);
  }
  // The fourth lane's state is the stream's after 4q draws.
  for (let w = 0; w < 4; w++) s[w] = f.state[w * 4 + 3];
  const rest = n - 4 * q;
  if (rest > 0 && !wasmUniform(out.subarray(4 * q), rest, low, span, s)) throw new Error('the WebAssembly fill went away');
  return true;
}
