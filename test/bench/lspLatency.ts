// Inlay hint latency after an edit, through the real protocol: 200 edits replayed on a
// 2,000-line model file, each followed at once by the inlay hint request VS Code would send for
// the visible lines; the time from sending the edit to the answer. The same replay against
// basedpyright's language server (its own inlay hints on), interleaved in blocks, is the
// reference. Also the servers' resident memory at the end.
//   node --import tsx test/bench/lspLatency.ts     (prints the results)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Range } from 'vscode-languageserver-protocol';
import { mulberry32, randomInt } from '../support/random';
import { ROOT } from '../lsp/support/buildServer';
import { fileUri, LspTestClient } from '../lsp/support/lspClient';
import { syntheticModelFile } from './syntheticModel';

import type { BenchResult } from './result';

const EDITS = 200;
const VISIBLE_LINES = 60;
/** Pause after each block of edits, so one server's background checking does not fall on the other's block. */
const SETTLE_MS = 1000;

interface Replay {
  latencies: number[];
  hintsPerRequest: number;
  rssMB: number;
}

/** One server under test: its client, the file and where the replay is. */
interface Subject {
  readonly client: LspTestClient;
  readonly uri: string;
  readonly edits: ReturnType<typeof editScript>;
  next: number;
  readonly latencies: number[];
  hints: number;
}

/**
 * The edits: at a seeded random model, change the batch size of its call (every shape in that
 * model's forward changes), as someone trying inputs would.
 */
export function editScript(text: string, seed: number): { range: Range; text: string; visible: Range }[] {
  const rand = mulberry32(seed);
  const lines = text.split('\n');
  const calls = lines.flatMap((l, i) => (/^out\d+ = model\d+\(torch\.randn\(\d+,/.test(l) ? [i] : []));
  const out: { range: Range; text: string; visible: Range }[] = [];
  for (let k = 0; k < EDITS; k++) {
    const line = calls[randomInt(rand, 0, calls.length - 1)];
    const col = lines[line].indexOf('randn(') + 'randn('.length;
    const digits = /^\d+/.exec(lines[line].slice(col))![0];
    const value = String(randomInt(rand, 1, 9));
    lines[line] = lines[line].slice(0, col) + value + lines[line].slice(col + digits.length);
    const top = Math.max(0, line - VISIBLE_LINES + 5);
    out.push({
      range: { start: { line, character: col }, end: { line, character: col + digits.length } },
      text: value,
      visible: { start: { line: top, character: 0 }, end: { line: top + VISIBLE_LINES, character: 0 } },
    });
  }
  return out;
}

function rssMB(pid: number | undefined): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
  } catch {
    return NaN;
  }
}

/** Opens the file and waits until the server answers with hints (basedpyright indexes its stubs first). */
async function ready(client: LspTestClient, file: string, text: string): Promise<Subject> {
  const uri = fileUri(file);
  await client.open(uri, text);
  const lines = text.split('\n').length;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const hints = (await client.inlayHints(uri, { start: { line: lines - VISIBLE_LINES, character: 0 }, end: { line: lines, character: 0 } })) ?? [];
    if (hints.length > 0) break;
    if (Date.now() > deadline) throw new Error('the server did not become ready');
    await new Promise((r) => setTimeout(r, 250));
  }
  return { client, uri, edits: editScript(text, 7), next: 0, latencies: [], hints: 0 };
}

/** Replays the next `count` edits: each sent, then the visible range's hints asked for at once. */
async function replayBlock(s: Subject, count: number): Promise<void> {
  for (let k = 0; k < count && s.next < s.edits.length; k++) {
    const e = s.edits[s.next++];
    const t0 = performance.now();
    await s.client.change(s.uri, [{ range: e.range, text: e.text }]);
    const hints = (await s.client.inlayHints(s.uri, e.visible)) ?? [];
    s.latencies.push(performance.now() - t0);
    s.hints += hints.length;
    // The typing pause between edits (debounced background work may run here, as in an editor).
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Both servers run side by side and the replay alternates between them in blocks of edits, with
 * a pause for background work to settle, so load from elsewhere on the machine falls on both.
 */
async function replayInterleaved(subjects: Subject[]): Promise<Replay[]> {
  const BLOCK = 20;
  while (subjects.some((s) => s.next < s.edits.length)) {
    for (const s of subjects) {
      await replayBlock(s, BLOCK);
      await new Promise((r) => setTimeout(r, SETTLE_MS));
    }
  }
  return subjects.map((s) => ({ latencies: s.latencies, hintsPerRequest: s.hints / s.edits.length, rssMB: rssMB(s.client.process.pid) }));
}

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

const round = (x: number): number => Math.round(x * 100) / 100;

export async function benchLspLatency(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shape-hints-lsp-bench-'));
  const file = path.join(dir, 'models.py');
  const text = syntheticModelFile(2000);
  fs.writeFileSync(file, text);
  let ours: LspTestClient | undefined;
  let pyright: LspTestClient | undefined;
  try {
    ours = await LspTestClient.start({ workspaceFolder: dir });
    pyright = await LspTestClient.start({
      workspaceFolder: dir,
      command: [process.execPath, path.join(ROOT, 'node_modules', 'basedpyright', 'langserver.index.js'), '--stdio'],
      settings: {
        // The interpreter with torch, so `torch.randn(...)` has a type to show.
        python: { pythonPath: '/usr/bin/python3' },
        basedpyright: { analysis: { diagnosticMode: 'openFilesOnly', inlayHints: { variableTypes: true, callArgumentNames: true, functionReturnTypes: true } } },
      },
    });
    const [mine, theirs] = await replayInterleaved([await ready(ours, file, text), await ready(pyright, file, text)]);
    const p50 = percentile(mine.latencies, 50);
    const p95 = percentile(mine.latencies, 95);
    const t50 = percentile(theirs.latencies, 50);
    const t95 = percentile(theirs.latencies, 95);
    return [
      { name: 'lsp-inlay-hints-p95', unit: 'ms', value: round(p95), reference: 'basedpyright-p95', referenceValue: round(t95), ratio: round(p95 / t95) },
      { name: 'lsp-inlay-hints-p50', unit: 'ms', value: round(p50), reference: 'basedpyright-p50', referenceValue: round(t50), ratio: round(p50 / t50) },
      { name: 'lsp-server-memory-mb', unit: 'MB', value: round(mine.rssMB), reference: 'basedpyright-memory-mb', referenceValue: round(theirs.rssMB), ratio: round(mine.rssMB / theirs.rssMB) },
      { name: 'lsp-inlay-hints-per-request', unit: 'hints', value: round(mine.hintsPerRequest), reference: 'basedpyright-hints-per-request', referenceValue: round(theirs.hintsPerRequest), ratio: null },
    ];
  } finally {
    await ours?.stop();
    await pyright?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void benchLspLatency().then((results) => console.table(results));
}
