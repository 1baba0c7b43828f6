// The forward-pass worker's code, run with `new Worker(source, { eval: true })` so the bundle
// needs no second entry file. onnxruntime-node's run() blocks its thread, so it lives here; the
// worker keeps a few sessions (by model key) and answers one message at a time.
export const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ortPath);
const sessions = new Map(); // key -> session, oldest first
const MAX_SESSIONS = workerData.maxSessions || 3;

async function sessionFor(msg) {
  let s = sessions.get(msg.key);
  if (s) {
    sessions.delete(msg.key);
    sessions.set(msg.key, s);
    return { session: s, createMs: 0, cached: true };
  }
  if (!msg.bytes) return undefined;
  const t0 = performance.now();
  s = await ort.InferenceSession.create(new Uint8Array(msg.bytes), {
    intraOpNumThreads: msg.threads || 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    logSeverityLevel: 3,
  });
  const createMs = performance.now() - t0;
  sessions.set(msg.key, s);
  while (sessions.size > MAX_SESSIONS) {
    const [oldKey, old] = sessions.entries().next().value;
    sessions.delete(oldKey);
    old.release().catch(() => {});
  }
  return { session: s, createMs, cached: false };
}

parentPort.on('message', async (msg) => {
  try {
    if (msg.type === 'drop') {
      const s = sessions.get(msg.key);
      if (s) { sessions.delete(msg.key); await s.release(); }
      return;
    }
    if (msg.type === 'memory') {
      parentPort.postMessage({ type: 'memory', id: msg.id, rss: process.memoryUsage().rss });
      return;
    }
    const got = await sessionFor(msg);
    if (!got) { parentPort.postMessage({ type: 'need-model', id: msg.id }); return; }
    const feeds = {};
    for (const f of msg.feeds) feeds[f.name] = new ort.Tensor(f.type, f.data, f.dims);
    const t0 = performance.now();
    const result = await got.session.run(feeds);
    const runMs = performance.now() - t0;
    const outputs = [];
    const transfer = [];
    for (const name of got.session.outputNames) {
      const t = result[name];
      const data = t.data.slice();
      outputs.push({ name, type: t.type, dims: Array.from(t.dims), data });
      transfer.push(data.buffer);
    }
    parentPort.postMessage({ type: 'result', id: msg.id, outputs, createMs: got.createMs, runMs, cached: got.cached }, transfer);
  } catch (e) {
    parentPort.postMessage({ type: 'error', id: msg.id, message: String(e && e.message || e) });
  }
});
`;
