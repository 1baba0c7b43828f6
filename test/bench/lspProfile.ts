// Replays the latency bench's edits against our server alone, optionally under a profiler
// (node flags in SHAPE_HINTS_SERVER_FLAGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"), and
// prints the latency percentiles. For finding where the time goes, not a benchmark of record.
//   node --import tsx test/bench/lspProfile.ts
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureServerBuilt, SERVER_JS } from '../lsp/support/buildServer';
import { fileUri, LspTestClient } from '../lsp/support/lspClient';
import { editScript } from './lspLatency';
import { syntheticModelFile } from './syntheticModel';

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shape-hints-lsp-profile-'));
  const file = path.join(dir, 'models.py');
  const text = syntheticModelFile(2000);
  fs.writeFileSync(file, text);
  ensureServerBuilt();
  const flags = (process.env.SHAPE_HINTS_SERVER_FLAGS ?? '').split(' ').filter(Boolean);
  const client = await LspTestClient.start({ workspaceFolder: dir, command: [process.execPath, ...flags, SERVER_JS, '--stdio'] });
  try {
    const uri = fileUri(file);
    await client.open(uri, text);
    const lines = text.split('\n').length;
    while (((await client.inlayHints(uri, { start: { line: lines - 60, character: 0 }, end: { line: lines, character: 0 } })) ?? []).length === 0) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const latencies: number[] = [];
    for (const e of editScript(text, 7)) {
      const t0 = performance.now();
      await client.change(uri, [{ range: e.range, text: e.text }]);
      await client.inlayHints(uri, e.visible);
      latencies.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const at = (p: number): string => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)].toFixed(2);
    console.log(`edits ${latencies.length}: p50 ${at(50)} ms, p95 ${at(95)} ms, max ${at(100)} ms`);
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
