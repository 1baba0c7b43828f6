// Runs lowered ONNX models in a worker thread with onnxruntime-node. One run at a time; the
// worker caches sessions by model key, a cancelled run terminates the worker (run() cannot be
// interrupted) and the next run starts a fresh one.
import { Worker } from 'node:worker_threads';
import type { NamedArray } from '../../engine/exec/lower';
import type { DType } from '../../engine/ops/dtype';
import { WORKER_SOURCE } from './workerSource';

export interface RunOutput {
  readonly name: string;
  readonly dims: readonly number[];
  readonly type: string;
  readonly data: Float32Array | BigInt64Array | Uint8Array | Float64Array | Int32Array;
}

export interface RunResult {
  readonly outputs: readonly RunOutput[];
  /** Session creation time (0 when the session was cached). */
  readonly createMs: number;
  readonly runMs: number;
  readonly cached: boolean;
}

export interface RunRequest {
  /** Identifies the model: equal keys must mean equal bytes. */
  readonly key: string;
  /** The model, needed only when the worker has no session for `key`; called lazily. */
  readonly bytes: () => Uint8Array;
  readonly inputs: readonly NamedArray[];
  readonly isCancelled?: () => boolean;
  readonly onProgress?: (stage: 'session' | 'running') => void;
}

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

const ORT_TYPE: Partial<Record<DType, string>> = {
  float32: 'float32', float64: 'float64', int64: 'int64', int32: 'int32', bool: 'bool', uint8: 'uint8', int8: 'int8',
};

type Reply =
  | { type: 'result'; id: number; outputs: RunOutput[]; createMs: number; runMs: number; cached: boolean }
  | { type: 'need-model'; id: number }
  | { type: 'error'; id: number; message: string }
  | { type: 'memory'; id: number; rss: number };

export class OnnxRunner {
  private worker: Worker | undefined;
  private readonly known = new Set<string>();
  private readonly waiting = new Map<number, (r: Reply) => void>();
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: { threads?: number; maxSessions?: number } = {}) {}

  /** Run a model; requests are served one after another. */
  run(req: RunRequest): Promise<RunResult> {
    const result = this.queue.then(() => this.runNow(req));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** The worker's resident memory (bytes), e.g. with a session open. */
  async workerMemory(): Promise<number> {
    const reply = await this.send({ type: 'memory' });
    return reply.type === 'memory' ? reply.rss : 0;
  }

  /** Start the worker ahead of the first run (loads the runtime). */
  async warmUp(): Promise<void> {
    await this.workerMemory();
  }

  dispose(): void {
    this.stop();
  }

  private async runNow(req: RunRequest): Promise<RunResult> {
    if (req.isCancelled?.()) throw new Cancelled();
    const feeds = req.inputs.map((i) => ({ name: i.name, type: ORT_TYPE[i.dtype] ?? 'float32', dims: i.shape, data: i.data }));
    const base = { type: 'run', key: req.key, feeds, threads: this.opts.threads ?? 1 };
    let reply: Reply;
    if (this.known.has(req.key)) {
      req.onProgress?.('running');
      reply = await this.send(base, req.isCancelled);
      if (reply.type === 'need-model') this.known.delete(req.key);
    } else {
      reply = { type: 'need-model', id: 0 };
    }
    if (reply.type === 'need-model') {
      req.onProgress?.('session');
      const bytes = req.bytes();
      // Copy into a buffer of its own so it can be transferred without detaching the caller's.
      const copy = bytes.slice().buffer;
      reply = await this.send({ ...base, bytes: copy }, req.isCancelled, [copy]);
    }
    if (reply.type === 'error') throw new Error(reply.message);
    if (reply.type !== 'result') throw new Error(`unexpected reply ${reply.type}`);
    this.known.add(req.key);
    return { outputs: reply.outputs, createMs: reply.createMs, runMs: reply.runMs, cached: reply.cached };
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ortPath: require.resolve('onnxruntime-node'), maxSessions: this.opts.maxSessions ?? 3 },
    });
    worker.on('message', (r: Reply) => {
      const done = this.waiting.get(r.id);
      this.waiting.delete(r.id);
      // An idle worker must not keep the process alive; a busy one must.
      if (this.waiting.size === 0) worker.unref();
      done?.(r);
    });
    const failAll = (message: string): void => {
      for (const [id, done] of this.waiting) done({ type: 'error', id, message });
      this.waiting.clear();
      if (this.worker === worker) this.stop();
    };
    worker.on('error', (e) => failAll(`forward-pass worker failed: ${e.message}`));
    worker.on('exit', (code) => failAll(`forward-pass worker exited (${code})`));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private stop(): void {
    const w = this.worker;
    this.worker = undefined;
    this.known.clear();
    if (w) void w.terminate();
  }

  private send(msg: Record<string, unknown>, isCancelled?: () => boolean, transfer: ArrayBuffer[] = []): Promise<Reply> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      this.waiting.set(id, (r) => {
        if (timer) clearInterval(timer);
        resolve(r);
      });
      if (isCancelled) {
        timer = setInterval(() => {
          if (!isCancelled()) return;
          clearInterval(timer);
          this.waiting.delete(id);
          // run() cannot be interrupted: drop the worker and its sessions.
          this.stop();
          reject(new Cancelled());
        }, 10);
      }
      worker.ref();
      worker.postMessage({ ...msg, id }, transfer);
    });
  }
}
