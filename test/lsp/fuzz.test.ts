// Fuzzing the server through the protocol: fixture files and a generated 2,000+ line model file
// are mutated (truncated, lines deleted or duplicated, random tokens typed in) by incremental
// didChange edits, then put back. Every request must be answered, within a second, with no
// failure logged; hints of the models an edit did not touch must not change, and once the edit
// is undone every hint must be back exactly.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { syntheticModelFile } from '../bench/syntheticModel';
import { mulberry32, randomInt } from '../support/random';
import { goldens, readRoot } from './support/expectations';
import { LspTestClient } from './support/lspClient';
import { applyEdits, offsetOf, positionOf } from './support/textEdits';

const TOKENS = ['(', ')', '[', ']', ':', ',', '.', '=', '+', '*', '-1', '0', 'x', 'self', 'def', 'class', 'if', 'return', 'lambda', 'torch', 'view(', '"', "'", '#', '\\', '    ', '\t', 'None', '**', '@', 'nn.Linear(', ':=', 'for i in', 'import'];
const SLOW_MS = 1000;

let client: LspTestClient;

before(async () => {
  client = await LspTestClient.start();
});

after(async () => {
  assert.deepEqual(client.failures(), [], 'no handler failure logged');
  await client.stop();
});

/** A document the test keeps in step with the server. */
class FuzzedDocument {
  constructor(
    readonly uri: string,
    public text: string,
  ) {}

  /** Sends the changes (each relative to the text after the previous one) in one didChange. */
  async change(changes: { range: Range; text: string }[]): Promise<void> {
    for (const c of changes) this.text = applyEdits(this.text, [{ range: c.range, newText: c.text }]);
    await client.change(this.uri, changes as TextDocumentContentChangeEvent[]);
  }
}

async function timed<T>(what: string, run: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await Promise.race([run(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within 10 s`)), 10_000))]);
  const ms = performance.now() - t0;
  assert.ok(ms < SLOW_MS, `${what} took ${ms.toFixed(0)} ms`);
  return result;
}

const show = (h: { position: Position; label: unknown }): string => `${h.position.line}:${h.position.character} ${String(h.label)}`;

async function allHints(doc: FuzzedDocument): Promise<string[]> {
  const hints = await timed('inlayHint', () => client.inlayHints(doc.uri));
  assert.ok(Array.isArray(hints), 'hints answered');
  return hints.map(show);
}

/** The other requests an editor sends while typing; each must be answered. */
async function poke(doc: FuzzedDocument, at: Position): Promise<void> {
  await timed('hover', () => client.hover(doc.uri, at));
  await timed('codeAction', () => client.codeActions(doc.uri, { start: at, end: at }));
  await timed('inlayHint (range)', () => client.inlayHints(doc.uri, { start: { line: Math.max(0, at.line - 20), character: 0 }, end: { line: at.line + 20, character: 0 } }));
}

interface Mutation {
  readonly kind: string;
  /** First and last line (in the original text) the mutation touches. */
  readonly lines: [number, number];
  /** Apply it; returns the edits that undo it. */
  apply(doc: FuzzedDocument): Promise<{ range: Range; text: string }[]>;
}

function randomMutation(rand: () => number, text: string): Mutation {
  const lines = text.split('\n');
  const line = randomInt(rand, 0, lines.length - 2);
  const kind = ['truncate', 'delete', 'duplicate', 'token', 'token', 'typed'][randomInt(rand, 0, 5)];
  const lineStart: Position = { line, character: 0 };
  const nextLine: Position = { line: line + 1, character: 0 };
  if (kind === 'truncate') {
    const at = positionOf(text, randomInt(rand, offsetOf(text, lineStart), offsetOf(text, nextLine)));
    return {
      kind,
      lines: [line, lines.length],
      apply: async (doc) => {
        const end = positionOf(doc.text, doc.text.length);
        const removed = doc.text.slice(offsetOf(doc.text, at));
        await doc.change([{ range: { start: at, end }, text: '' }]);
        return [{ range: { start: at, end: at }, text: removed }];
      },
    };
  }
  if (kind === 'delete') {
    return {
      kind,
      lines: [line, line],
      apply: async (doc) => {
        const removed = `${lines[line]}\n`;
        await doc.change([{ range: { start: lineStart, end: nextLine }, text: '' }]);
        return [{ range: { start: lineStart, end: lineStart }, text: removed }];
      },
    };
  }
  if (kind === 'duplicate') {
    return {
      kind,
      lines: [line, line + 1],
      apply: async (doc) => {
        await doc.change([{ range: { start: nextLine, end: nextLine }, text: `${lines[line]}\n` }]);
        return [{ range: { start: nextLine, end: { line: line + 2, character: 0 } }, text: '' }];
      },
    };
  }
  const token = TOKENS[randomInt(rand, 0, TOKENS.length - 1)];
  const at: Position = { line, character: randomInt(rand, 0, lines[line].length) };
  if (kind === 'token') {
    return {
      kind: `token ${JSON.stringify(token)}`,
      lines: [line, line],
      apply: async (doc) => {
        await doc.change([{ range: { start: at, end: at }, text: token }]);
        return [{ range: { start: at, end: { line, character: at.character + token.length } }, text: '' }];
      },
    };
  }
  // Typed: one didChange per character, several in flight before the next request.
  return {
    kind: `typed ${JSON.stringify(token)}`,
    lines: [line, line],
    apply: async (doc) => {
      for (let i = 0; i < token.length; i++) {
        const p = { line, character: at.character + i };
        await doc.change([{ range: { start: p, end: p }, text: token[i] }]);
      }
      return [{ range: { start: at, end: { line, character: at.character + token.length } }, text: '' }];
    },
  };
}

async function fuzzFile(uri: string, original: string, seed: number, steps: number, units?: (text: string) => [number, number][]): Promise<void> {
  const rand = mulberry32(seed);
  const doc = new FuzzedDocument(uri, original);
  await client.open(uri, original);
  const baseline = await allHints(doc);
  const unitSpans = units?.(original);
  let checked = 0;
  for (let step = 0; step < steps; step++) {
    const m = randomMutation(rand, doc.text);
    const undo = await m.apply(doc);
    const hints = await allHints(doc);
    await poke(doc, { line: m.lines[0], character: 0 });
    if (unitSpans) {
      // Models entirely outside the touched lines keep their hints, moved by the lines added or removed.
      const delta = doc.text.split('\n').length - original.split('\n').length;
      const hit = unitSpans.findIndex(([a, b]) => a <= m.lines[1] && m.lines[0] <= b);
      // An edit between two models may bind to either; one in the imports above them, to all.
      const next = unitSpans.findIndex(([a]) => a > m.lines[0]);
      const near = hit >= 0 ? [hit] : next === 0 ? unitSpans.map((_, i) => i) : [next - 1, next];
      const touched = (l: number): boolean => near.some((i) => i >= 0 && i < unitSpans.length && unitSpans[i][0] <= l && l <= unitSpans[i][1]) || (next === 0 && hit < 0);
      const shiftLine = (l: number): number => (l > m.lines[0] ? l + delta : l);
      const expected = baseline.filter((h) => {
        const l = Number(h.split(':')[0]);
        return !touched(l) && (m.kind !== 'truncate' || l < m.lines[0]);
      });
      const got = new Set(hints);
      const missing = expected.map((h) => h.replace(/^\d+/, (l) => String(shiftLine(Number(l))))).filter((h) => !got.has(h));
      checked += expected.length;
      assert.deepEqual(missing, [], `step ${step}: ${m.kind} at line ${m.lines[0] + 1} lost hints of untouched models`);
    }
    await doc.change(undo);
    assert.equal(doc.text, original, 'the undo restores the text');
    assert.deepEqual(await allHints(doc), baseline, `step ${step}: hints back after undoing ${m.kind} at line ${m.lines[0] + 1}`);
  }
  // The invariant is not vacuous: most of the file's hints were compared at each step.
  if (unitSpans) assert.ok(checked > (steps * baseline.length) / 2, `${checked} hints compared`);
  await client.close(uri);
}

/** Lines of each generated model: `class Net<i>` to its call `out<i> = ...`. */
function syntheticUnits(text: string): [number, number][] {
  const lines = text.split('\n');
  const out: [number, number][] = [];
  let start = -1;
  lines.forEach((l, i) => {
    if (/^class Net\d+\(/.test(l)) start = i;
    if (/^out\d+ = /.test(l) && start >= 0) {
      out.push([start, i]);
      start = -1;
    }
  });
  return out;
}

test('fixture files: mutations never crash the server, and undoing them restores every hint', async () => {
  // Files that read the installed torchvision (fourteen model zoo constructors) answer their first
  // request in seconds by design; they have their own fixture test. The fuzz is about edits.
  const files = [...new Set(goldens().map((g) => g.file))].filter((rel) => !/^\s*(import|from) torchvision/m.test(readRoot(rel)));
  let seed = 1;
  for (const rel of files) await fuzzFile(`untitled:fuzz/${rel}`, readRoot(rel), seed++, 12);
});

test('a 2,000+ line model file: untouched models keep their hints through every mutation', async () => {
  const text = syntheticModelFile(2100);
  assert.ok(text.split('\n').length >= 2100);
  await fuzzFile('untitled:fuzz/synthetic_models.py', text, 2024, 90, syntheticUnits);
});
