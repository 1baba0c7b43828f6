// A minimal protobuf writer: varints, length-delimited fields and packed repeated numbers, which
// is all ONNX's ModelProto needs. Bytes are collected in chunks and joined once at the end; a
// field's payload may be left as a placeholder (its length only) to be filled in elsewhere, so a
// model's layout is known before its weights exist.
// A writer and the writers of its nested messages share one scratch buffer (an arena): a nested
// message is written before its length prefix, and the chunk list puts them back in order.

/** A payload of `length` bytes supplied later, named by `index`. */
export interface Placeholder {
  readonly index: number;
  readonly length: number;
}

export type Chunk = Uint8Array | Placeholder;

/** Scratch space shared by a writer and its nested writers; only one of them writes at a time. */
class Arena {
  buf = new Uint8Array(4096);
  pos = 0;
}

const utf8 = new TextEncoder();
/** Payloads larger than this are kept by reference, not copied into the arena. */
const BY_REFERENCE = 4096;

export class ProtoWriter {
  private chunks: Chunk[] = [];
  /** Where this writer's open run of bytes starts in the arena. */
  private start: number;
  private total = 0;

  constructor(private readonly arena: Arena = new Arena()) {
    this.start = arena.pos;
  }

  get length(): number {
    return this.total + this.arena.pos - this.start;
  }

  private ensure(n: number): void {
    const a = this.arena;
    if (a.pos + n <= a.buf.length) return;
    this.flush();
    // Chunks already taken keep the old buffer alive; new bytes go to a fresh one.
    a.buf = new Uint8Array(Math.max(n, a.buf.length * 2, 4096));
    a.pos = 0;
    this.start = 0;
  }

  /** Close the open run of bytes (before a nested writer or a chunk by reference). */
  private flush(): void {
    const a = this.arena;
    if (a.pos > this.start) {
      this.chunks.push(a.buf.subarray(this.start, a.pos));
      this.total += a.pos - this.start;
    }
    this.start = a.pos;
  }

  /** An unsigned varint; negative numbers are written as 64-bit two's complement, as int64 is. */
  varint(value: number | bigint): this {
    this.ensure(10);
    const a = this.arena;
    const buf = a.buf;
    if (typeof value === 'number' && value >= 0 && value <= Number.MAX_SAFE_INTEGER) {
      let v = value;
      while (v > 127) {
        buf[a.pos++] = (v % 128) | 128;
        v = Math.floor(v / 128);
      }
      buf[a.pos++] = v;
      return this;
    }
    let b = typeof value === 'bigint' ? BigInt.asUintN(64, value) : BigInt.asUintN(64, BigInt(value));
    while (b > 127n) {
      buf[a.pos++] = Number(b & 127n) | 128;
      b >>= 7n;
    }
    buf[a.pos++] = Number(b);
    return this;
  }

  private tag(field: number, wire: 0 | 1 | 2 | 5): this {
    return this.varint(field * 8 + wire);
  }

  int(field: number, value: number | bigint): this {
    return this.tag(field, 0).varint(value);
  }

  float(field: number, value: number): this {
    this.tag(field, 5);
    this.ensure(4);
    const a = this.arena;
    new DataView(a.buf.buffer, a.buf.byteOffset).setFloat32(a.pos, value, true);
    a.pos += 4;
    return this;
  }

  bytes(field: number, data: Uint8Array): this {
    this.tag(field, 2).varint(data.length);
    if (data.length > BY_REFERENCE) {
      // Large payloads (weights) are kept by reference, not copied into the scratch buffer.
      this.flush();
      this.chunks.push(data);
      this.total += data.length;
      return this;
    }
    this.ensure(data.length);
    const a = this.arena;
    a.buf.set(data, a.pos);
    a.pos += data.length;
    return this;
  }

  /** A length-delimited field whose payload is supplied later (see `parts`). */
  placeholder(field: number, index: number, length: number): this {
    this.tag(field, 2).varint(length);
    this.flush();
    this.chunks.push({ index, length });
    this.total += length;
    return this;
  }

  string(field: number, s: string): this {
    // Names are ASCII: written in place, without an encoder's buffer.
    if (s.length <= BY_REFERENCE && /^[\x00-\x7f]*$/.test(s)) {
      this.tag(field, 2).varint(s.length);
      this.ensure(s.length);
      const a = this.arena;
      for (let i = 0; i < s.length; i++) a.buf[a.pos++] = s.charCodeAt(i);
      return this;
    }
    return this.bytes(field, utf8.encode(s));
  }

  /** An embedded message. */
  message(field: number, write: (w: ProtoWriter) => void): this {
    this.flush();
    const inner = new ProtoWriter(this.arena);
    write(inner);
    inner.flush();
    // The inner bytes are in the arena already; the length prefix goes after them in memory,
    // before them in the chunk list.
    this.start = this.arena.pos;
    this.tag(field, 2).varint(inner.total);
    return this.splice(inner);
  }

  /** Append what another writer (with an arena of its own, done writing) wrote, by reference. */
  append(other: ProtoWriter): this {
    other.flush();
    return this.splice(other);
  }

  /** Take a flushed writer's chunks (its arena bytes may be followed by ours: never flush it again). */
  private splice(other: ProtoWriter): this {
    this.flush();
    for (const c of other.chunks) this.chunks.push(c);
    this.total += other.total;
    return this;
  }

  packedInts(field: number, values: readonly (number | bigint)[]): this {
    if (values.length === 0) return this;
    this.flush();
    const inner = new ProtoWriter(this.arena);
    for (const v of values) inner.varint(v);
    inner.flush();
    this.start = this.arena.pos;
    this.tag(field, 2).varint(inner.total);
    return this.splice(inner);
  }

  packedFloats(field: number, values: readonly number[]): this {
    if (values.length === 0) return this;
    const data = new Float32Array(values);
    return this.bytes(field, new Uint8Array(data.buffer));
  }

  finish(): Uint8Array {
    const parts = this.parts();
    if (parts.length === 1 && parts[0] instanceof Uint8Array) return parts[0];
    return joinChunks(parts, () => {
      throw new Error('a placeholder was never filled');
    });
  }

  /** The bytes written, as runs of bytes between placeholders. */
  parts(): Chunk[] {
    this.flush();
    const out: Chunk[] = [];
    let run: Uint8Array[] = [];
    const close = (): void => {
      if (run.length === 1) out.push(run[0].slice());
      else if (run.length > 1) out.push(joinChunks(run, () => new Uint8Array(0)));
      run = [];
    };
    for (const c of this.chunks) {
      if (c instanceof Uint8Array) run.push(c);
      else {
        close();
        out.push(c);
      }
    }
    close();
    return out;
  }
}

/** Join chunks into one buffer; `fill` gives each placeholder's payload. */
export function joinChunks(chunks: readonly Chunk[], fill: (index: number) => Uint8Array): Uint8Array {
  const pieces = chunks.map((c) => (c instanceof Uint8Array ? c : checked(fill(c.index), c)));
  const out = new Uint8Array(pieces.reduce((a, c) => a + c.length, 0));
  let at = 0;
  for (const c of pieces) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function checked(data: Uint8Array, p: Placeholder): Uint8Array {
  if (data.length !== p.length) throw new Error(`payload ${p.index}: ${data.length} bytes, expected ${p.length}`);
  return data;
}

/**
 * One writer kept for the process's life, so that its shape outlives every full collection, and
 * the optimised code of the writer's methods too (see `keptForShapes` in random.ts).
 */
export const keptForShapes = new ProtoWriter().varint(0);
