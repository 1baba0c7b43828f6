// A minimal protobuf writer: varints, length-delimited fields and packed repeated numbers, which
// is all ONNX's ModelProto needs. Bytes are collected in chunks and joined once at the end.

export class ProtoWriter {
  private chunks: Uint8Array[] = [];
  private buf = new Uint8Array(256);
  private pos = 0;
  private total = 0;

  get length(): number {
    return this.total + this.pos;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = new Uint8Array(Math.max(n, this.buf.length * 2));
  }

  private flush(): void {
    if (this.pos === 0) return;
    this.chunks.push(this.buf.subarray(0, this.pos));
    this.total += this.pos;
    this.buf = new Uint8Array(1024);
    this.pos = 0;
  }

  /** An unsigned varint; negative numbers are written as 64-bit two's complement, as int64 is. */
  varint(value: number | bigint): this {
    let v = typeof value === 'bigint' ? BigInt.asUintN(64, value) : value;
    this.ensure(10);
    if (typeof v === 'number' && v >= 0 && v <= Number.MAX_SAFE_INTEGER) {
      while (v > 127) {
        this.buf[this.pos++] = (v % 128) | 128;
        v = Math.floor(v / 128);
      }
      this.buf[this.pos++] = v;
      return this;
    }
    let b = typeof v === 'bigint' ? v : BigInt.asUintN(64, BigInt(v));
    while (b > 127n) {
      this.buf[this.pos++] = Number(b & 127n) | 128;
      b >>= 7n;
    }
    this.buf[this.pos++] = Number(b);
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
    new DataView(this.buf.buffer, this.buf.byteOffset).setFloat32(this.pos, value, true);
    this.pos += 4;
    return this;
  }

  bytes(field: number, data: Uint8Array): this {
    this.tag(field, 2).varint(data.length);
    if (data.length > 4096) {
      // Large payloads (weights) are kept by reference, not copied into the scratch buffer.
      this.flush();
      this.chunks.push(data);
      this.total += data.length;
      return this;
    }
    this.ensure(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
    return this;
  }

  string(field: number, s: string): this {
    return this.bytes(field, new TextEncoder().encode(s));
  }

  /** An embedded message. */
  message(field: number, write: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    write(inner);
    inner.flush();
    this.tag(field, 2).varint(inner.total);
    // Splice the inner chunks by reference: nested messages are never copied.
    this.flush();
    for (const c of inner.chunks) this.chunks.push(c);
    this.total += inner.total;
    return this;
  }

  packedInts(field: number, values: readonly (number | bigint)[]): this {
    if (values.length === 0) return this;
    const inner = new ProtoWriter();
    for (const v of values) inner.varint(v);
    return this.bytes(field, inner.finish());
  }

  packedFloats(field: number, values: readonly number[]): this {
    if (values.length === 0) return this;
    const data = new Float32Array(values);
    return this.bytes(field, new Uint8Array(data.buffer));
  }

  finish(): Uint8Array {
    this.flush();
    if (this.chunks.length === 1) return this.chunks[0];
    const out = new Uint8Array(this.total);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    this.chunks = [out];
    return out;
  }
}
