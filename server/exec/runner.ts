// Runs lowered ONNX models in a worker thread with onnxruntime-node, or onnxruntime-web (wasm)
// where the native binary does not load. One run at a time; the worker caches sessions by model
// key, a cancelled run terminates the worker (run() cannot be interrupted) and the next run
// starts a fresh one. A model given in parts runs at once with its parameters as inputs, then is
// upgraded in the background to the optimised session; sessions unused for `idleMs` are freed.
// A small model (`inThread`) runs in this thread instead, where onnxruntime-node loads: its run
// takes about a millisecond, less than the messages to and from the worker cost.
import { Worker } from 'node:worker_threads';
import type { NamedArray } from '../../engine/exec/lower';
import type { ModelLayout } from '../../engine/exec/onnxModel';
import type { FloatAlloc } from '../../engine/exec/random';
import { prepareJumps } from '../../engine/exec/xoshiroJump';
import { WeightPool } from './weightPool';
import { warmUpModel } from './warmUpModel';
import { warmUpLowering } from './warmUpLowering';
import type { DType } from '../../engine/ops/dtype';
import { threadHost, WORKER_SOURCE } from './workerSource';

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
  /** 'inputs': the parameters-as-inputs session of a model given in parts, before its upgrade. */
  readonly tier: SessionTier;
  /** Run in this thread (a small model's first session, see RunRequest.inThread), not in the worker. */
  readonly inThread: boolean;
}

export type SessionTier = 'inputs' | 'optimised';

/** A model without its weights' bytes, and the weights apart (see LoweredModel.layout). */
export interface ModelParts {
  readonly layout: ModelLayout;
  /**
   * The values of the layout's parameters, in order. Their buffers are handed over to the worker
   * (detached here): pass arrays made for this call (LoweredModel.makeParams).
   */
  readonly params: readonly NamedArray[];
}

/** What the optimised session that replaced a parameters-as-inputs one reports. */
export interface Upgrade {
  readonly createMs: number;
  /** With `profile`: kernel time (microseconds) per ONNX node in a warm run. */
  readonly nodeTimes?: Readonly<Record<string, number>>;
}

export interface RunRequest {
  /** Identifies the model: equal keys must mean equal models. */
  readonly key: string;
  /** The whole model, needed only when the worker has no session for `key`; called lazily. */
  readonly bytes?: () => Uint8Array;
  /**
   * Or the model in parts (preferred: no weights to copy before the first run); called lazily.
   * `arena(bytes, arrays)` gives memory for the weights that are made (LoweredModel.makeParams).
   */
  readonly parts?: (arena: (bytes: number, arrays: number) => FloatAlloc) => ModelParts;
  readonly inputs: readonly NamedArray[];
  readonly isCancelled?: () => boolean;
  readonly onProgress?: (stage: 'session' | 'running') => void;
  /** Time each node when the optimised session is created (costs one more run). */
  readonly profile?: boolean;
  /** Called when a model given in parts has its optimised session (after this run's result). */
  readonly onUpgrade?: (u: Upgrade) => void;
  /**
   * Work done ahead (a hover opened): `isCancelled` is heeded only until the model is sent, so
   * cancelling it never stops the worker and the sessions it holds.
   */
  readonly ahead?: boolean;
  /**
   * A small model (weights and run of milliseconds, given in parts): with onnxruntime-node, its
   * session lives in this thread, without the worker's messages and the weights' hand-over. Its
   * run cannot be interrupted (cancellation is heeded until it starts). Elsewhere the worker runs it.
   */
  readonly inThread?: boolean;
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
  /** Free a session unused for this long (ms; default 5 minutes; Infinity keeps them). */
  readonly idleMs?: number;
  /** The clock idleness is measured on (tests give a fake one). */
  readonly now?: () => number;
  /** Run requests marked `inThread` in this thread (default true; false: all in the worker). */
  readonly inThread?: boolean;
}

const DEFAULT_IDLE_MS = 5 * 60_000;

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

const ORT_TYPE: Partial<Record<DType, string>> = {
  float32: 'float32', float64: 'float64', int64: 'int64', int32: 'int32', bool: 'bool', uint8: 'uint8', int8: 'int8',
};

type Reply =
  | { type: 'result'; id: number; outputs: RunOutput[]; createMs: number; runMs: number; cached: boolean; backend: OrtBackend; nodeTimes?: Record<string, number>; tier: SessionTier }
  | { type: 'need-model'; id: number }
  | { type: 'warmed'; id: number }
  | { type: 'dropped'; id: number }
  | { type: 'error'; id: number; message: string }
  | { type: 'upgraded'; id: number; upgraded: boolean; createMs?: number; nodeTimes?: Record<string, number>; buffers?: ArrayBuffer[] }
  | { type: 'memory'; id: number; rss: number; backend: OrtBackend; loadError: string; sessions: string[] };

function resolveOptional(name: string): string | undefined {
  try {
    return require.resolve(name);
  } catch {
    return undefined;
  }
}

export class OnnxRunner {
  private worker: Worker | undefined;
  /** Keys the worker holds a session for, with when each was last used (or upgraded). */
  private readonly known = new Map<string, number>();
  /** Keys whose optimised session is being built: not idle, whatever their last use. */
  private readonly upgrading = new Set<string>();
  /** Of `known`: the keys whose session is in this thread's host, not in the worker. */
  private readonly inThread = new Set<string>();
  /** The model and last input of each session in this thread, for its optimised session in the worker. */
  private readonly threadParts = new Map<string, { parts: Record<string, unknown>; layout: ModelLayout; feeds: readonly unknown[] }>();
  /** Keys whose session is moving from this thread to the worker (see scheduleUpgrade). */
  private readonly moving = new Set<string>();
  /** This thread's session host (undefined: not made yet; null: onnxruntime-node does not load here). */
  private host: ((msg: Record<string, unknown>) => void) | null | undefined;
  /** Requests awaiting a reply, with the worker they went to (undefined: this thread's host). */
  private readonly waiting = new Map<number, { worker: Worker | undefined; done: (r: Reply) => void }>();
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private readonly pool = new WeightPool();
  /** The current worker's warm-up. */
  private warming: Promise<void> | undefined;

  constructor(private readonly opts: RunnerOptions = {}) {
    this.now = opts.now ?? (() => performance.now());
  }

  /** Run a model; requests are served one after another (a background upgrade counts as one). */
  run(req: RunRequest): Promise<RunResult> {
    const turn = this.queue;
    const result = this.waitTurn(turn, req.isCancelled).then(() => this.runNow(req));
    // The next request waits for this one and for the one before it (this one may have been
    // cancelled before its turn came).
    this.queue = Promise.all([turn, result.catch(() => undefined)]);
    return result;
  }

  /** Free a model's session (as the next request in line); nothing when the worker holds none. */
  drop(key: string): Promise<void> {
    const dropped = this.queue.then(async () => {
      if (!this.known.delete(key)) return;
      this.threadParts.delete(key);
      if (this.inThread.delete(key)) await this.send({ type: 'drop', key }, undefined, [], true);
      else if (this.worker) await this.send({ type: 'drop', key });
      this.armIdleTimer();
    });
    this.queue = dropped.catch(() => undefined);
    return dropped;
  }

  /** Resolves when every request and upgrade asked for so far is done. */
  async idle(): Promise<void> {
    let q;
    do {
      q = this.queue;
      await q;
    } while (q !== this.queue);
  }

  /** The keys of the sessions the worker and this thread hold (a session being made counts). */
  async sessionKeys(): Promise<string[]> {
    // A small model's session moving to the worker is in neither host for a moment: the keys
    // moving before and after the question, this thread's host first (it answers at once).
    const keys: string[] = [...this.moving];
    for (const inThread of [true, false]) {
      if (inThread ? !this.host : !this.worker) continue;
      const reply = await this.send({ type: 'memory' }, undefined, [], inThread);
      if (reply.type === 'memory') keys.push(...reply.sessions);
    }
    return [...new Set([...keys, ...this.moving])];
  }

  /**
   * Free the sessions unused for `idleMs` (a timer calls this; tests with a fake clock too). With
   * none left the worker is restarted: the allocators of onnxruntime and V8 keep freed memory, a
   * fresh worker gives it back.
   */
  async sweepIdle(): Promise<void> {
    const idleMs = this.opts.idleMs ?? DEFAULT_IDLE_MS;
    const now = this.now();
    const w = this.worker;
    const drops: Promise<Reply>[] = [];
    for (const [key, used] of this.known) {
      if (now - used < idleMs || this.upgrading.has(key)) continue;
      this.known.delete(key);
      this.threadParts.delete(key);
      if (this.inThread.delete(key)) drops.push(this.send({ type: 'drop', key }, undefined, [], true));
      else if (w) drops.push(this.send({ type: 'drop', key }));
    }
    this.armIdleTimer();
    // The sessions are released by the worker before it goes.
    await Promise.all(drops);
    const workerBusy = [...this.waiting.values()].some((x) => x.worker === w);
    if (w && this.worker === w && this.known.size === this.inThread.size && !workerBusy) {
      this.stop();
      this.pool.clear();
      this.start();
    }
  }

  /** A request waiting behind others (or behind an upgrade) may be cancelled before its turn. */
  private waitTurn(turn: Promise<unknown>, isCancelled: (() => boolean) | undefined): Promise<unknown> {
    if (!isCancelled) return turn;
    return new Promise((resolve, reject) => {
      const timer = setInterval(() => {
        if (!isCancelled()) return;
        clearInterval(timer);
        reject(new Cancelled());
      }, 10);
      void turn.then(() => {
        clearInterval(timer);
        resolve(undefined);
      });
    });
  }

  private armIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const idleMs = this.opts.idleMs ?? DEFAULT_IDLE_MS;
    if (this.known.size === 0 || !Number.isFinite(idleMs)) return;
    const oldest = Math.min(...this.known.values());
    this.idleTimer = setTimeout(() => void this.sweepIdle(), Math.max(0, oldest + idleMs - this.now()) + 1);
    this.idleTimer.unref();
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

  /**
   * Start the worker ahead of the first run: loads the runtime and runs a tiny model once; then
   * the same in this thread, for small models (loading onnxruntime-node here and its first
   * session take tens of milliseconds, which the first small model's pass would pay).
   */
  warmUp(): Promise<void> {
    if (this.worker && this.warming) return this.warming;
    this.ensureWorker();
    const { bytes, feeds } = warmUpModel();
    const msg = {
      type: 'warm', bytes, threads: this.opts.threads ?? 1,
      feeds: feeds.map((f) => ({ name: f.name, type: 'float32', dims: f.shape, data: f.data })),
    };
    this.warming = this.send(msg).then(async (reply) => {
      if (reply.type === 'error') throw new Error(reply.message);
      // After the worker's: the two would compete for the CPU at the server's start.
      if (!this.threadWarmed && this.threadHost()) {
        this.threadWarmed = true;
        await this.send({ ...msg, lean: true }, undefined, [], true);
      }
      // The weight fill's jumps (xoshiroJump.ts), made once: tens of ms the first pass would pay.
      prepareJumps();
      // The lowering's code optimised before the first pass (once per process).
      await warmUpLowering();
    });
    return this.warming;
  }

  /** This thread's host ran the warm-up model (once: it lives as long as the runner). */
  private threadWarmed = false;

  /** Stops the worker; resolves once it is gone (after a session it is creating, see stop()). */
  async dispose(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.stop();
    const drops = [...this.inThread].map((key) => this.send({ type: 'drop', key }, undefined, [], true));
    for (const key of this.inThread) this.known.delete(key);
    this.inThread.clear();
    this.threadParts.clear();
    await Promise.all([this.stopping, ...drops]);
  }

  /** This thread's session host, made on first use; undefined where onnxruntime-node does not load. */
  private threadHost(): ((msg: Record<string, unknown>) => void) | undefined {
    if (this.host === undefined) {
      const web = (this.opts.backend ?? (process.env.SHAPE_HINTS_ORT_BACKEND === 'web' ? 'web' : 'auto')) === 'web';
      const nodePath = resolveOptional('onnxruntime-node');
      this.host = null;
      if (!web && nodePath && this.opts.inThread !== false) {
        try {
          this.host = threadHost({ backend: 'node', nodePath, maxSessions: this.opts.maxSessions ?? 3 }, (r) => {
            const reply = r as Reply;
            const w = this.waiting.get(reply.id);
            this.waiting.delete(reply.id);
            w?.done(reply);
          });
        } catch {
          // The worker runs them (with the wasm build if need be).
        }
      }
    }
    return this.host ?? undefined;
  }

  private async runNow(req: RunRequest): Promise<RunResult> {
    if (req.isCancelled?.()) throw new Cancelled();
    const feeds = req.inputs.map((i) => ({ name: i.name, type: ORT_TYPE[i.dtype] ?? 'float32', dims: i.shape, data: i.data }));
    const base = { type: 'run', key: req.key, feeds, threads: this.opts.threads ?? 1, profile: req.profile ?? false };
    const stopIf = req.ahead ? undefined : req.isCancelled;
    let reply: Reply;
    let inThread = this.inThread.has(req.key);
    let upgradeLayout: ModelLayout | undefined;
    if (this.known.has(req.key)) {
      req.onProgress?.('running');
      reply = await this.send(base, stopIf, [], inThread);
      if (reply.type === 'need-model') {
        this.known.delete(req.key);
        this.inThread.delete(req.key);
        this.threadParts.delete(req.key);
      }
    } else {
      reply = { type: 'need-model', id: 0 };
    }
    if (reply.type === 'need-model') {
      req.onProgress?.('session');
      if (req.isCancelled?.()) throw new Cancelled();
      inThread = req.inThread === true && req.parts !== undefined && this.threadHost() !== undefined;
      if (req.parts && inThread) {
        // Nothing handed over: the host in this thread uses the arrays as they are.
        const { layout, params } = req.parts((bytes, arrays) => this.pool.arena(bytes, arrays));
        const parts = {
          graph: layout.paramsAsInputs,
          params: params.map((p) => ({ name: p.name, type: ORT_TYPE[p.dtype] ?? 'float32', dims: p.shape, data: p.data })),
        };
        // A lean session (workerSource.ts): it runs once, then the worker makes the optimised one
        // (from the initializers' layout, encoded then: see scheduleUpgrade).
        reply = await this.send({ ...base, parts, lean: true }, undefined, [], true);
        if (reply.type === 'result') this.threadParts.set(req.key, { parts, layout, feeds });
      } else if (req.parts) {
        const { layout, params } = req.parts((bytes, arrays) => this.pool.arena(bytes, arrays));
        const parts = {
          graph: layout.paramsAsInputs,
          params: params.map((p) => ({ name: p.name, type: ORT_TYPE[p.dtype] ?? 'float32', dims: p.shape, data: p.data })),
        };
        // The weights are handed over, not copied (tens of MB, each copy paid in page faults).
        const transfer = [...new Set(params.map((p) => p.data.buffer as ArrayBuffer))];
        reply = await this.send({ ...base, parts }, stopIf, transfer);
        // The initializers' layout goes with the upgrade, encoded after this result.
        upgradeLayout = layout;
      } else if (req.bytes) {
        const bytes = req.bytes();
        // Copy into a buffer of its own so it can be transferred without detaching the caller's.
        const copy = bytes.slice().buffer;
        reply = await this.send({ ...base, bytes: copy }, stopIf, [copy]);
      } else {
        throw new Error('a run request needs the model: bytes or parts');
      }
    }
    if (reply.type === 'error') throw new Error(reply.message);
    if (reply.type !== 'result') throw new Error(`unexpected reply ${reply.type}`);
    this.known.set(req.key, this.now());
    if (inThread) this.inThread.add(req.key);
    else this.inThread.delete(req.key);
    this.armIdleTimer();
    if (reply.tier === 'inputs' && !reply.cached) this.scheduleUpgrade(req, upgradeLayout);
    return { outputs: reply.outputs, createMs: reply.createMs, runMs: reply.runMs, cached: reply.cached, backend: reply.backend, nodeTimes: reply.nodeTimes, tier: reply.tier, inThread };
  }

  /**
   * Build the optimised session of a model given in parts, as the next request in line. A small
   * model's is built in the worker (its creation and profiling take 10-80 ms, which would hold up
   * this thread's requests): the session in this thread goes, its weights are handed over.
   */
  private scheduleUpgrade(req: RunRequest, layout: ModelLayout | undefined): void {
    const upgraded = this.queue.then(async () => {
      if (!this.known.has(req.key)) return;
      this.upgrading.add(req.key);
      try {
        const threads = this.opts.threads ?? 1;
        const profile = req.profile ?? false;
        let reply: Reply;
        const moving = this.inThread.has(req.key) ? this.threadParts.get(req.key) : undefined;
        if (moving) {
          this.threadParts.delete(req.key);
          this.inThread.delete(req.key);
          this.moving.add(req.key);
          try {
            await this.send({ type: 'drop', key: req.key }, undefined, [], true);
            const params = moving.parts.params as readonly { data: ArrayBufferView }[];
            const transfer = [...new Set(params.map((p) => p.data.buffer as ArrayBuffer))];
            const parts = { ...moving.parts, chunks: moving.layout.paramsAsInitializers };
            reply = await this.send({ type: 'adopt', key: req.key, parts, feeds: moving.feeds, threads, profile }, undefined, transfer);
          } finally {
            this.moving.delete(req.key);
          }
          // Without it the model has no session: the next pass makes one.
          if (reply.type !== 'upgraded' || !reply.upgraded) this.known.delete(req.key);
        } else if (this.inThread.has(req.key)) {
          return;
        } else {
          reply = await this.send({ type: 'upgrade', key: req.key, threads, profile, chunks: layout?.paramsAsInitializers });
        }
        if (reply.type !== 'upgraded' || !reply.upgraded) return;
        this.pool.give(reply.buffers ?? []);
        // A new session: its idle time starts now.
        if (this.known.has(req.key)) this.known.set(req.key, this.now());
        req.onUpgrade?.({ createMs: reply.createMs ?? 0, nodeTimes: reply.nodeTimes });
      } finally {
        this.upgrading.delete(req.key);
        this.armIdleTimer();
      }
    });
    // A failed upgrade in the worker keeps the parameters-as-inputs session, which runs the same numbers.
    this.queue = upgraded.catch(() => undefined);
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
    this.warming = undefined;
    // The sessions in this thread stay.
    for (const key of this.known.keys()) if (!this.inThread.has(key)) this.known.delete(key);
    if (!w) return;
    // onnxruntime-node aborts the whole process (an uncaught Napi::Error) when its thread goes
    // away while it creates a session: let a creation finish (10 s at most) before terminating.
    const creating = [...(this.creating.get(w) ?? [])];
    const settled = creating.length === 0 ? Promise.resolve() : Promise.race([
      Promise.allSettled(creating),
      new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref()),
    ]);
    this.stopping = settled.then(() => w.terminate()).then(() => undefined, () => undefined);
  }

  /** Replies still due from each worker to a message that creates an onnxruntime session. */
  private readonly creating = new Map<Worker, Set<Promise<Reply>>>();
  private stopping: Promise<void> = Promise.resolve();

  /** Start the worker (and load onnxruntime) now, so that the first run does not wait for it; idempotent. */
  start(): void {
    // A failed warm-up leaves the first pass to start the worker and say why.
    this.warmUp().catch(() => undefined);
  }

  private send(msg: Record<string, unknown>, isCancelled?: () => boolean, transfer: ArrayBuffer[] = [], inThread = false): Promise<Reply> {
    if (inThread) {
      const host = this.threadHost();
      if (!host) return Promise.resolve({ type: 'error', id: 0, message: 'onnxruntime-node did not load in this thread' });
      const id = this.nextId++;
      return new Promise<Reply>((resolve) => {
        this.waiting.set(id, { worker: undefined, done: resolve });
        host({ ...msg, id });
      });
    }
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const reply = new Promise<Reply>((resolve, reject) => {
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
    if (msg.type === 'warm' || msg.type === 'upgrade' || msg.type === 'adopt') {
      const set = this.creating.get(worker) ?? new Set();
      this.creating.set(worker, set);
      set.add(reply);
      const forget = (): void => {
        set.delete(reply);
        if (set.size === 0) this.creating.delete(worker);
      };
      reply.then(forget, forget);
    }
    return reply;
  }
}
