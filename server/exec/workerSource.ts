// The forward-pass worker's code, run with `new Worker(source, { eval: true })` so the bundle
// needs no second entry file. onnxruntime-node's run() blocks its thread, so it lives here; the
// worker keeps a few sessions (by model key) and answers one message at a time.
// Backend: onnxruntime-node where its native binary loads, else onnxruntime-web (wasm, same API);
// `workerData.backend` 'web' forces the wasm build (tests, platforms without the binary).
// Profiling (per-node kernel times) uses onnxruntime's profiler: node backend only.
export const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
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
if (!ort) {
  ort = require(workerData.webPath);
  if (workerData.wasmDir) ort.env.wasm.wasmPaths = workerData.wasmDir.endsWith('/') ? workerData.wasmDir : workerData.wasmDir + '/';
  ort.env.wasm.numThreads = 1;
  backend = 'web';
}

const sessions = new Map(); // key -> { session, profilePrefix }, oldest first
const MAX_SESSIONS = workerData.maxSessions || 3;
let profileCounter = 0;

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

async function sessionFor(msg) {
  let s = sessions.get(msg.key);
  if (s) {
    sessions.delete(msg.key);
    sessions.set(msg.key, s);
    return { entry: s, createMs: 0, cached: true };
  }
  if (!msg.bytes) return undefined;
  const profile = msg.profile && backend === 'node';
  const profilePrefix = profile ? path.join(os.tmpdir(), 'shape-hints-profile-' + process.pid + '-' + (++profileCounter)) : undefined;
  const t0 = performance.now();
  const options = backend === 'node'
    ? { intraOpNumThreads: msg.threads || 1, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential',
        // A profiled session that fails to load logs a profile error when collected: errors reach us as exceptions.
        logSeverityLevel: profile ? 4 : 3,
        enableProfiling: profile, profileFilePrefix: profilePrefix }
    : { executionProviders: ['wasm'], graphOptimizationLevel: 'all', logSeverityLevel: 3 };
  const session = await ort.InferenceSession.create(new Uint8Array(msg.bytes), options);
  const createMs = performance.now() - t0;
  s = { session, profilePrefix };
  sessions.set(msg.key, s);
  while (sessions.size > MAX_SESSIONS) {
    const [oldKey, old] = sessions.entries().next().value;
    sessions.delete(oldKey);
    old.session.release().catch(() => {});
  }
  return { entry: s, createMs, cached: false };
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

function feedsOf(msg) {
  const feeds = {};
  for (const f of msg.feeds) feeds[f.name] = new ort.Tensor(f.type, f.data, f.dims);
  return feeds;
}

parentPort.on('message', async (msg) => {
  try {
    if (msg.type === 'drop') {
      const s = sessions.get(msg.key);
      if (s) { sessions.delete(msg.key); await s.session.release(); }
      return;
    }
    if (msg.type === 'memory') {
      parentPort.postMessage({ type: 'memory', id: msg.id, rss: process.memoryUsage().rss, backend, loadError });
      return;
    }
    const got = await sessionFor(msg);
    if (!got) { parentPort.postMessage({ type: 'need-model', id: msg.id }); return; }
    const session = got.entry.session;
    const t0 = performance.now();
    const result = await session.run(feedsOf(msg));
    const runMs = performance.now() - t0;
    let nodeTimes;
    if (got.entry.profilePrefix) {
      // The first run of a session pays for allocations: time a second run.
      await session.run(feedsOf(msg));
      nodeTimes = await endProfile(got.entry);
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
    parentPort.postMessage({ type: 'result', id: msg.id, outputs, createMs: got.createMs, runMs, cached: got.cached, backend, nodeTimes }, transfer);
  } catch (e) {
    parentPort.postMessage({ type: 'error', id: msg.id, message: String(e && e.message || e) });
  }
});
`;
