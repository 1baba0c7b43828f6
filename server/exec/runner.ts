// Runs lowered ONNX models in a worker thread with onnxruntime-node, or onnxruntime-web (wasm)
// where the native binary does not load. One run at a time; the worker caches sessions by model
// key, a cancelled run terminates the worker (run() cannot be interrupted) and the next run
// starts a fresh one.
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

/** Which onnxruntime build runs the models. */
export type OrtBackend = 'node' | 'web';

export interface RunResult {
  readonly outputs: readonly RunOutput[];
  readonly backend: OrtBackend;
  /**
   * With `profile`, for a new session: kernel time (microseconds) per ONNX node name in a second,
   * warm run (onnxruntime's profiler; node backend only).
   */
  readonly nodeTimes?: Readonly<Record<string, number>>;
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
  /** Time each node when the session is created (costs one more run). */
  readonly profile?: boolean;
}

export interface RunnerOptions {
  readonly threads?: number;
  readonly maxSessions?: number;
  /**
   * 'auto' (default): onnxruntime-node where its native binary loads, else onnxruntime-web;
   * 'web': always the wasm build. The environment variable SHAPE_HINTS_ORT_BACKEND=web sets it too.
   */
  readonly backend?: 'auto' | 'web';
  /** Folder holding onnxruntime-web's ort-wasm-simd-threaded.{mjs,wasm} (default: its package's dist/). */
  readonly wasmDir?: string;
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
  | { type: 'result'; id: number; outputs: RunOutput[]; createMs: number; runMs: number; cached: boolean; backend: OrtBackend; nodeTimes?: Record<string, number> }
  | { type: 'need-model'; id: number }
  | { type: 'error'; id: number; message: string }
  | { type: 'memory'; id: number; rss: number; backend: OrtBackend; loadError: string };

function resolveOptional(name: string): string | undefined {
  try {
    return require.resolve(name);
  } catch {
    return undefined;
  }
}

export class OnnxRunner {
  private worker: Worker | undefined;
  private readonly known = new Set<string>();
  /** Requests awaiting a reply, with the worker they went to. */
  private readonly waiting = new Map<number, { worker: Worker; done: (r: Reply) => void }>();
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: RunnerOptions = {}) {}

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

  /** The onnxruntime build the worker loaded, and why the native one did not load (if it did not). */
  async backend(): Promise<{ backend: OrtBackend; loadError: string }> {
    const reply = await this.send({ type: 'memory' });
    if (reply.type !== 'memory') throw new Error('the forward-pass worker did not answer');
    return { backend: reply.backend, loadError: reply.loadError };
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
    const base = { type: 'run', key: req.key, feeds, threads: this.opts.threads ?? 1, profile: req.profile ?? false };
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
    return { outputs: reply.outputs, createMs: reply.createMs, runMs: reply.runMs, cached: reply.cached, backend: reply.backend, nodeTimes: reply.nodeTimes };
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        backend: this.opts.backend ?? (process.env.SHAPE_HINTS_ORT_BACKEND === 'web' ? 'web' : 'auto'),
        nodePath: resolveOptional('onnxruntime-node'),
        webPath: resolveOptional('onnxruntime-web'),
        wasmDir: this.opts.wasmDir,
        maxSessions: this.opts.maxSessions ?? 3,
      },
    });
    worker.on('message', (r: Reply) => {
      const w = this.waiting.get(r.id);
      this.waiting.delete(r.id);
      // An idle worker must not keep the process alive; a busy one must.
      if (![...this.waiting.values()].some((x) => x.worker === worker)) worker.unref();
      w?.done(r);
    });
    // Only the requests sent to this worker fail with it: after a cancellation its exit comes
    // late, when the next request already waits on a fresh worker.
    const failAll = (message: string): void => {
      for (const [id, w] of this.waiting) {
        if (w.worker !== worker) continue;
        this.waiting.delete(id);
        w.done({ type: 'error', id, message });
      }
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
      this.waiting.set(id, {
        worker,
        done: (r) => {
          if (timer) clearInterval(timer);
          resolve(r);
        },
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
