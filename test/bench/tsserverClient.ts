// A minimal client of TypeScript's own language server (tsserver, from the typescript package):
// open a file, send edits, ask for its inlay hints — the reference for the TS inlay hint bench.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from '../lsp/support/buildServer';

interface Pending {
  resolve(body: unknown): void;
  reject(e: Error): void;
}

export class TsServerClient {
  private seq = 0;
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<number, Pending>();

  private constructor(readonly process: ChildProcess) {
    process.stdout!.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  static start(): TsServerClient {
    const server = path.join(ROOT, 'node_modules', 'typescript', 'lib', 'tsserver.js');
    const child = spawn(process.execPath, [server, '--disableAutomaticTypingAcquisition'], { stdio: ['pipe', 'pipe', 'ignore'] });
    return new TsServerClient(child);
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const header = this.buffer.indexOf('\r\n\r\n');
      if (header < 0) return;
      const m = /Content-Length: (\d+)/.exec(this.buffer.subarray(0, header).toString());
      const length = m ? Number(m[1]) : 0;
      if (this.buffer.length < header + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(header + 4, header + 4 + length).toString()) as { type: string; request_seq?: number; success?: boolean; body?: unknown; message?: string };
      this.buffer = this.buffer.subarray(header + 4 + length);
      if (message.type === 'response' && message.request_seq !== undefined) {
        const p = this.pending.get(message.request_seq);
        this.pending.delete(message.request_seq);
        if (message.success) p?.resolve(message.body);
        else p?.reject(new Error(message.message ?? 'tsserver request failed'));
      }
    }
  }

  /** A request the server answers (`provideInlayHints`, `configure`). */
  request<T>(command: string, args: unknown): Promise<T> {
    const seq = ++this.seq;
    const done = new Promise<T>((resolve, reject) => this.pending.set(seq, { resolve: resolve as (b: unknown) => void, reject }));
    this.process.stdin!.write(`${JSON.stringify({ seq, type: 'request', command, arguments: args })}\n`);
    return done;
  }

  /** A request without an answer (`open`, `change`). */
  notify(command: string, args: unknown): void {
    this.process.stdin!.write(`${JSON.stringify({ seq: ++this.seq, type: 'request', command, arguments: args })}\n`);
  }

  stop(): void {
    this.process.kill();
  }
}
