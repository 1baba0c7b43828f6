// Inlay hint latency after an edit in a TypeScript TF.js file, the TS twin of lspLatency.ts: 200
// edits replayed on a 2,000-line file, each followed at once by the inlay hint request for the
// visible lines; the time from sending the edit to the answer. The reference is TypeScript's own
// language server (tsserver, with its variable-type, parameter-name and return-type hints on) on
// the same file and edits, interleaved in blocks. The file imports `@tensorflow/tfjs`, which a
// small package in the bench folder makes resolve to the tfjs-core and tfjs-layers typings.
//   node --import tsx test/bench/lspTsLatency.ts     (prints the results)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Range } from 'vscode-languageserver-protocol';
import { mulberry32, randomInt } from '../support/random';
import { ROOT } from '../lsp/support/buildServer';
import { fileUri, LspTestClient } from '../lsp/support/lspClient';
import { syntheticTfjsFile } from './syntheticTfjs';
import { TsServerClient } from './tsserverClient';
import type { BenchResult } from './result';

const EDITS = 200;
const VISIBLE_LINES = 60;
const BLOCK = 20;
const SETTLE_MS = 1000;

interface Edit {
  readonly range: Range;
  readonly text: string;
  readonly visible: Range;
}

/** At a seeded random model, change the batch of the data it predicts on (its shapes all change). */
export function tsEditScript(text: string, seed: number): Edit[] {
  const rand = mulberry32(seed);
  const lines = text.split('\n');
  const calls = lines.flatMap((l, i) => (/^const images\d+ = preprocess\d+\(tf\.randomUniform\(\[\d+,/.test(l) ? [i] : []));
  const out: Edit[] = [];
  for (let k = 0; k < EDITS; k++) {
    const line = calls[randomInt(rand, 0, calls.length - 1)];
    const col = lines[line].indexOf('randomUniform([') + 'randomUniform(['.length;
    const digits = /^\d+/.exec(lines[line].slice(col))![0];
    const value = String(randomInt(rand, 1, 9));
    lines[line] = lines[line].slice(0, col) + value + lines[line].slice(col + digits.length);
    const top = Math.max(0, line - VISIBLE_LINES + 5);
    out.push({ range: { start: { line, character: col }, end: { line, character: col + digits.length } }, text: value, visible: { start: { line: top, character: 0 }, end: { line: top + VISIBLE_LINES, character: 0 } } });
  }
  return out;
}

/** One server under test, behind the two operations the replay needs. */
interface Subject {
  change(e: Edit): Promise<void>;
  hints(visible: Range): Promise<number>;
  rss(): number;
  readonly latencies: number[];
  next: number;
  total: number;
}

function rssMB(pid: number | undefined): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
  } catch {
    return NaN;
  }
}

async function ours(client: LspTestClient, file: string, text: string): Promise<Subject> {
  const uri = fileUri(file);
  await client.open(uri, text, 'typescript');
  const lines = text.split('\n').length;
  const deadline = Date.now() + 120_000;
  while (((await client.inlayHints(uri, { start: { line: lines - VISIBLE_LINES, character: 0 }, end: { line: lines, character: 0 } })) ?? []).length === 0) {
    if (Date.now() > deadline) throw new Error('the server did not become ready');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    change: (e) => client.change(uri, [{ range: e.range, text: e.text }]),
    hints: async (visible) => ((await client.inlayHints(uri, visible)) ?? []).length,
    rss: () => rssMB(client.process.pid),
    latencies: [],
    next: 0,
    total: 0,
  };
}

async function tsserver(server: TsServerClient, file: string, text: string): Promise<Subject> {
  await server.request('configure', {
    preferences: {
      includeInlayVariableTypeHints: true,
      includeInlayParameterNameHints: 'all',
      includeInlayFunctionLikeReturnTypeHints: true,
      includeInlayPropertyDeclarationTypeHints: true,
    },
  });
  server.notify('open', { file, fileContent: text, scriptKindName: 'TS' });
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  // Line starts stay put: every edit replaces digits by one digit on its own line only, and the
  // request spans whole lines, measured on the text as it is now.
  let current = text;
  const offset = (line: number): number => {
    let at = 0;
    for (let l = 0; l < line && at >= 0; l++) at = current.indexOf('\n', at) + 1;
    return at;
  };
  const hints = async (visible: Range): Promise<number> => {
    const start = offset(visible.start.line);
    const end = offset(visible.end.line);
    const body = await server.request<unknown[]>('provideInlayHints', { file, start, length: Math.max(0, end - start) });
    return body.length;
  };
  // Ready once the program (with the tfjs typings) is loaded and hints come back.
  const lines = text.split('\n').length;
  await hints({ start: { line: lines - VISIBLE_LINES, character: 0 }, end: { line: lines, character: 0 } });
  return {
    change: async (e) => {
      server.notify('change', { file, line: e.range.start.line + 1, offset: e.range.start.character + 1, endLine: e.range.end.line + 1, endOffset: e.range.end.character + 1, insertString: e.text });
      const s = offset(e.range.start.line) + e.range.start.character;
      current = current.slice(0, s) + e.text + current.slice(s + (e.range.end.character - e.range.start.character));
    },
    hints,
    rss: () => rssMB(server.process.pid),
    latencies: [],
    next: 0,
    total: 0,
  };
}

async function replay(subjects: Subject[], edits: readonly Edit[]): Promise<void> {
  while (subjects.some((s) => s.next < edits.length)) {
    for (const s of subjects) {
      for (let k = 0; k < BLOCK && s.next < edits.length; k++) {
        const e = edits[s.next++];
        const t0 = performance.now();
        await s.change(e);
        s.total += await s.hints(e.visible);
        s.latencies.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, SETTLE_MS));
    }
  }
}

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

const round = (x: number): number => Math.round(x * 100) / 100;

/** `@tensorflow/tfjs` for the bench folder: the typings of the packages it bundles. */
function tfjsTypings(dir: string): void {
  const pkg = path.join(dir, 'node_modules', '@tensorflow', 'tfjs');
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: '@tensorflow/tfjs', version: '0.0.0', types: 'index.d.ts' }));
  const core = path.join(ROOT, 'node_modules', '@tensorflow', 'tfjs-core', 'dist', 'index');
  const layers = path.join(ROOT, 'node_modules', '@tensorflow', 'tfjs-layers', 'dist', 'index');
  fs.writeFileSync(path.join(pkg, 'index.d.ts'), `export * from '${core}';\nexport * from '${layers}';\n`);
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2020', module: 'commonjs', strict: true, skipLibCheck: true, lib: ['ES2020', 'DOM'] } }));
}

export async function benchLspTsLatency(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shape-hints-ts-bench-'));
  const file = path.join(dir, 'models.ts');
  const text = syntheticTfjsFile(2000);
  fs.writeFileSync(file, text);
  tfjsTypings(dir);
  let client: LspTestClient | undefined;
  let server: TsServerClient | undefined;
  try {
    client = await LspTestClient.start({ workspaceFolder: dir });
    server = TsServerClient.start();
    const edits = tsEditScript(text, 11);
    const mine = await ours(client, file, text);
    const theirs = await tsserver(server, file, text);
    await replay([mine, theirs], edits);
    const p95 = percentile(mine.latencies, 95);
    const p50 = percentile(mine.latencies, 50);
    const t95 = percentile(theirs.latencies, 95);
    const t50 = percentile(theirs.latencies, 50);
    return [
      { name: 'lsp-ts-inlay-hints-p95', unit: 'ms', value: round(p95), reference: 'tsserver-inlay-hints-p95', referenceValue: round(t95), ratio: round(p95 / t95) },
      { name: 'lsp-ts-inlay-hints-p50', unit: 'ms', value: round(p50), reference: 'tsserver-inlay-hints-p50', referenceValue: round(t50), ratio: round(p50 / t50) },
      { name: 'lsp-ts-inlay-hints-per-request', unit: 'hints', value: round(mine.total / edits.length), reference: 'tsserver-hints-per-request', referenceValue: round(theirs.total / edits.length), ratio: null },
      { name: 'lsp-ts-server-memory-mb', unit: 'MB', value: round(mine.rss()), reference: 'tsserver-memory-mb', referenceValue: round(theirs.rss()), ratio: round(mine.rss() / theirs.rss()) },
    ];
  } finally {
    await client?.stop();
    server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void benchLspTsLatency().then((results) => console.table(results));
}
