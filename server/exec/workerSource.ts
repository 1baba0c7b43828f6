// The forward-pass worker's code, run with `new Worker(source, { eval: true })` so the bundle
// needs no second entry file. onnxruntime-node's run() blocks its thread, so it lives here; the
// worker keeps a few sessions (by model key) and answers one message at a time. The same code
// also runs in the server's own thread (`threadHost`) for small models, whose run takes about a
// millisecond: no messages between threads, no weights handed over (onnxruntime-node only).
// Two tiers: a model sent in parts first runs in a session whose parameters are graph inputs (no
// weights to copy or optimise: created in milliseconds), then 'upgrade' builds the optimised
// session (parameters as initializers, onnxruntime's full graph optimisation) in its place.
// Backend: onnxruntime-node where its native binary loads, else onnxruntime-web (wasm, same API);
// `workerData.backend` 'web' forces the wasm build (tests, platforms without the binary).
// Profiling (per-node kernel times) uses onnxruntime's profiler: node backend only.
/** The session host: answers messages on `parentPort`, given `require`, `parentPort` and `workerData`. */
const HOST_SOURCE = String.raw`const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

let ort;
let backend;
let loadError = '';
if (workerData.backend !== 'web') {
  try {
    ort = require(workerData.nodePath);
    backend = 'node';
  } catch (e) {
    loadError = String(e && e.message || e).split('\n')[0];
  }
}
if (!ort && workerData.nodeOnly) throw new Error('onnxruntime-node did not load: ' + loadError);
if (!ort) {
  ort = require(workerData.webPath);
  if (workerData.wasmDir) ort.env.wasm.wasmPaths = workerData.wasmDir.endsWith('/') ? workerData.wasmDir : workerData.wasmDir + '/';
  ort.env.wasm.numThreads = 1;
  backend = 'web';
}

const sessions = new Map(); // key -> { session, profilePrefix, params?, parts?, lastFeeds? }, oldest first
const MAX_SESSIONS = workerData.maxSessions || 3;
/** Keys whose session 'adopt' is making (listed with the sessions: a 'memory' message may come meanwhile). */
const adopting = new Set();
let profileCounter = 0;
/** Weight buffers at least this big are handed back after an upgrade (smaller ones are cheap to make). */
const RETURNED_BYTES = 1 << 20;
/** Garbage worth a full collection of this thread right away (a small model's can wait). */
const COLLECTED_BYTES = 16 << 20;

function halfToFloat(bits) {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) {
    const h = Number(bits[i]);
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >> 10) & 0x1f;
    const frac = h & 0x3ff;
    out[i] = exp === 0 ? sign * frac * 2 ** -24 : exp === 31 ? (frac ? NaN : sign * Infinity) : sign * (1 + frac / 1024) * 2 ** (exp - 15);
  }
  return out;
}

/**
 * \`lean\`: a small model's one-shot session (its optimised one comes next): no graph optimisation
 * and malloc's memory instead of a fresh arena, which the first run would fault in page by page.
 */
function sessionOptions(threads, level, profile, lean) {
  const profilePrefix = profile ? path.join(os.tmpdir(), 'shape-hints-profile-' + process.pid + '-' + (++profileCounter)) : undefined;
  const options = backend === 'node'
    ? { intraOpNumThreads: threads || 1, interOpNumThreads: 1, graphOptimizationLevel: lean ? 'disabled' : level, executionMode: 'sequential',
        ...(lean ? { enableCpuMemArena: false, enableMemPattern: false } : {}),
        // A profiled session that fails to load logs a profile error when collected: errors reach us as exceptions.
        logSeverityLevel: profile ? 4 : 3,
        enableProfiling: profile, profileFilePrefix: profilePrefix }
    : { executionProviders: ['wasm'], graphOptimizationLevel: level, logSeverityLevel: 3 };
  return { options, profilePrefix };
}

function keep(key, entry) {
  sessions.set(key, entry);
  while (sessions.size > MAX_SESSIONS) {
    const [oldKey, old] = sessions.entries().next().value;
    sessions.delete(oldKey);
    old.session.release().catch(() => {});
  }
}

/** The model with its parameters as initializers: the layout's chunks, placeholders filled with the parameters' bytes. */
function assemble(chunks, params) {
  const pieces = chunks.map((c) => {
    if (c instanceof Uint8Array) return c;
    const d = params[c.index].data;
    return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
  });
  const out = new Uint8Array(pieces.reduce((a, c) => a + c.length, 0));
  let at = 0;
  for (const c of pieces) { out.set(c, at); at += c.length; }
  return out;
}

async function sessionFor(msg) {
  let s = sessions.get(msg.key);
  if (s) {
    sessions.delete(msg.key);
    sessions.set(msg.key, s);
    return { entry: s, createMs: 0, cached: true };
  }
  if (msg.parts) {
    // Parameters as inputs: nothing to copy or fold, the session is made at once.
    const t0 = performance.now();
    const session = await ort.InferenceSession.create(new Uint8Array(msg.parts.graph), sessionOptions(msg.threads, 'basic', false, msg.lean).options);
    const createMs = performance.now() - t0;
    const params = {};
    for (const p of msg.parts.params) params[p.name] = new ort.Tensor(p.type, p.data, p.dims);
    s = { session, tier: 'inputs', params, parts: msg.parts };
    keep(msg.key, s);
    return { entry: s, createMs, cached: false };
  }
  if (!msg.bytes) return undefined;
  const { options, profilePrefix } = sessionOptions(msg.threads, 'all', msg.profile && backend === 'node');
  const t0 = performance.now();
  const session = await ort.InferenceSession.create(new Uint8Array(msg.bytes), options);
  const createMs = performance.now() - t0;
  s = { session, tier: 'optimised', profilePrefix };
  keep(msg.key, s);
  return { entry: s, createMs, cached: false };
}

/**
 * The optimised session of a model given in parts (parameters as initializers, full graph
 * optimisation), warmed by one run on the last input (and timed per node by a second when
 * profiling). Returns the weights' buffers worth handing back, and the bytes left as garbage.
 */
async function optimised(msg, parts, lastFeeds) {
  const bytes = assemble(parts.chunks, parts.params);
  const { options, profilePrefix } = sessionOptions(msg.threads, 'all', msg.profile && backend === 'node');
  const t0 = performance.now();
  const session = await ort.InferenceSession.create(bytes, options);
  const createMs = performance.now() - t0;
  const entry = { session, tier: 'optimised', profilePrefix };
  let nodeTimes;
  try {
    const feeds = feedsOf(lastFeeds);
    await session.run(feeds);
    if (profilePrefix) {
      await session.run(feeds);
      nodeTimes = await endProfile(entry);
    }
  } catch (e) {
    // No profile file left behind in the temporary folder.
    if (entry.profilePrefix) await endProfile(entry).catch(() => {});
    await session.release().catch(() => {});
    throw e;
  }
  // The weights' buffers go back to the runner, whose next new model makes its weights in them.
  const all = [...new Set(parts.params.map((p) => p.data.buffer))];
  const buffers = all.filter((b) => b.byteLength >= RETURNED_BYTES);
  // Garbage: the assembled model and the buffers not handed back. A returned buffer is not (a
  // small model's weights often sit in a big model's buffer: counting it collected after every
  // MNIST-sized upgrade, a full collection competing with the next pass for the CPU).
  const garbage = bytes.byteLength + all.filter((b) => b.byteLength < RETURNED_BYTES).reduce((a, b) => a + b.byteLength, 0);
  return { entry, createMs, nodeTimes, buffers, garbage };
}

/**
 * Replace a parameters-as-inputs session by the optimised one (same numbers to onnxruntime's
 * rounding). The parameters' arrays are let go: the new session holds its own copy.
 */
async function upgrade(msg) {
  const s = sessions.get(msg.key);
  if (!s || s.tier !== 'inputs') return { upgraded: false };
  // The initializers' layout comes with this message (encoded after the first result).
  const parts = msg.chunks ? { ...s.parts, chunks: msg.chunks } : s.parts;
  const { entry, createMs, nodeTimes, buffers, garbage } = await optimised(msg, parts, s.lastFeeds);
  // Dropped or replaced while this ran: the new session is not wanted.
  if (sessions.get(msg.key) !== s) { await entry.session.release().catch(() => {}); return { upgraded: false }; }
  sessions.set(msg.key, entry);
  // The rest of the first session (tens of MB) is garbage now; collectGarbage frees it.
  s.params = undefined;
  s.parts = undefined;
  s.lastFeeds = undefined;
  await s.session.release().catch(() => {});
  return { upgraded: true, createMs, nodeTimes, buffers, garbage };
}

/**
 * The optimised session of a model whose first session ran in the runner's thread (a small
 * model): made here, off that thread, from the parts and the last input it sends.
 */
async function adopt(msg) {
  adopting.add(msg.key);
  try {
    const { entry, createMs, nodeTimes, buffers, garbage } = await optimised(msg, msg.parts, msg.feeds);
    keep(msg.key, entry);
    return { upgraded: true, createMs, nodeTimes, buffers, garbage };
  } finally {
    adopting.delete(msg.key);
  }
}

/**
 * Kernel time per ONNX node (microseconds) of the last run in the session's profile; the
 * profile ends here (profiling covers a session's first runs only).
 */
async function endProfile(entry) {
  const prefix = entry.profilePrefix;
  entry.profilePrefix = undefined;
  await entry.session.endProfiling();
  const dir = path.dirname(prefix);
  const base = path.basename(prefix);
  const times = {};
  for (const f of fs.readdirSync(dir)) {
    if (!f.startsWith(base + '_')) continue;
    const file = path.join(dir, f);
    try {
      const events = JSON.parse(fs.readFileSync(file, 'utf8'));
      const runs = events.filter((e) => e.cat === 'Session' && e.name === 'model_run');
      const last = runs[runs.length - 1];
      for (const e of events) {
        if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time')) continue;
        if (last && (e.ts < last.ts || e.ts > last.ts + last.dur)) continue;
        const node = e.name.slice(0, -'_kernel_time'.length);
        times[node] = (times[node] || 0) + e.dur;
      }
    } finally {
      fs.rmSync(file, { force: true });
    }
  }
  return times;
}

/**
 * A full collection, once the upgrade let go of the first session's weights and the assembled
 * model (about twice the weights): V8 would keep them until allocations in this thread, which is
 * idle between passes. The gc function is exposed the way Node's documentation shows for V8
 * flags; where that fails, V8 collects them later.
 */
let gcFunction;
function collectGarbage() {
  try {
    if (!gcFunction) {
      require('node:v8').setFlagsFromString('--expose_gc');
      gcFunction = require('node:vm').runInNewContext('gc');
    }
    gcFunction();
  } catch {
    // Collected later.
  }
}

function feedsOf(list) {
  const feeds = {};
  for (const f of list) feeds[f.name] = new ort.Tensor(f.type, f.data, f.dims);
  return feeds;
}

parentPort.on('message', async (msg) => {
  try {
    if (msg.type === 'drop') {
      const s = sessions.get(msg.key);
      if (s) { sessions.delete(msg.key); await s.session.release(); }
      parentPort.postMessage({ type: 'dropped', id: msg.id });
      return;
    }
    if (msg.type === 'memory') {
      parentPort.postMessage({ type: 'memory', id: msg.id, rss: process.memoryUsage().rss, backend, loadError, sessions: [...new Set([...sessions.keys(), ...adopting])] });
      return;
    }
    if (msg.type === 'warm') {
      // The first session of a process initialises onnxruntime: a tiny one, made and dropped.
      const session = await ort.InferenceSession.create(new Uint8Array(msg.bytes), sessionOptions(msg.threads, 'basic', false, msg.lean).options);
      await session.run(feedsOf(msg.feeds));
      await session.release();
      parentPort.postMessage({ type: 'warmed', id: msg.id });
      return;
    }
    if (msg.type === 'upgrade' || msg.type === 'adopt') {
      const { garbage, ...r } = await (msg.type === 'adopt' ? adopt(msg) : upgrade(msg));
      parentPort.postMessage({ type: 'upgraded', id: msg.id, ...r }, r.buffers || []);
      if (garbage >= COLLECTED_BYTES) collectGarbage();
      return;
    }
    const got = await sessionFor(msg);
    if (!got) { parentPort.postMessage({ type: 'need-model', id: msg.id }); return; }
    const entry = got.entry;
    const session = entry.session;
    const feeds = feedsOf(msg.feeds);
    if (entry.params) {
      Object.assign(feeds, entry.params);
      // The upgrade warms the optimised session on the last input.
      entry.lastFeeds = msg.feeds;
    }
    const t0 = performance.now();
    const result = await session.run(feeds);
    const runMs = performance.now() - t0;
    let nodeTimes;
    if (entry.profilePrefix) {
      // The first run of a session pays for allocations: time a second run.
      await session.run(feeds);
      nodeTimes = await endProfile(entry);
    }
    const outputs = [];
    const transfer = [];
    for (const name of session.outputNames) {
      const t = result[name];
      // float16 arrives as raw Uint16 bits: hand out float32 values.
      const data = t.type === 'float16' ? halfToFloat(t.data) : t.data.slice();
      outputs.push({ name, type: t.type, dims: Array.from(t.dims), data });
      transfer.push(data.buffer);
    }
    parentPort.postMessage({ type: 'result', id: msg.id, outputs, createMs: got.createMs, runMs, cached: got.cached, backend, nodeTimes, tier: entry.tier }, transfer);
  } catch (e) {
    parentPort.postMessage({ type: 'error', id: msg.id, message: String(e && e.message || e) });
  }
});
`;

export const WORKER_SOURCE = `const { parentPort, workerData } = require('node:worker_threads');\n${HOST_SOURCE}`;

/**
 * The session host in this thread, with onnxruntime-node only (`workerData.nodeOnly`: throws when
 * its native binary does not load; the worker, which falls back to the wasm build, is used then).
 * Returns the function a message is given to; replies come to `onReply` (asynchronously for
 * everything but 'memory'). Nothing is copied or transferred: arrays are shared with the caller.
 */
export function threadHost(workerData: Record<string, unknown>, onReply: (reply: unknown) => void): (msg: Record<string, unknown>) => void {
  let handler: ((msg: Record<string, unknown>) => void) | undefined;
  const port = {
    on: (_event: string, h: (msg: Record<string, unknown>) => void) => { handler = h; },
    postMessage: (reply: unknown) => onReply(reply),
  };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the worker's own source, run here
  new Function('require', 'parentPort', 'workerData', HOST_SOURCE)(require, port, { ...workerData, nodeOnly: true });
  return (msg) => handler!(msg);
}
