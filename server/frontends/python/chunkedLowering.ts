// Lowering that reuses the IR of top-level statements an edit did not touch. The module is cut
// into chunks at the lines where its top-level statements start (boundaries from the whole
// file's incrementally re-parsed tree, so strings and brackets spanning lines are respected);
// each chunk is lowered on its own and cached by its text, then moved to its offset. Typing in
// one function re-lowers that function only: walking a whole tree through web-tree-sitter costs
// more than the analysis itself on large files.
import type { Node, Tree } from 'web-tree-sitter';
import type { ModuleIR, Range } from '../../../engine/interp/ir';
import { lowerPython } from './parser';

interface Chunk {
  readonly start: number;
  readonly ir: ModuleIR;
}

export class ChunkedLowering {
  /** Chunk text -> its lowered IR at the offset it had (one copy per text). */
  private chunks = new Map<string, Chunk>();
  private last: { text: string; ir: ModuleIR } | undefined;

  lower(text: string, tree: Tree): ModuleIR {
    if (this.last?.text === text) return this.last.ir;
    const chunks = new Map<string, Chunk>();
    const body: ModuleIR['body'][number][] = [];
    const comments: ModuleIR['comments'][number][] = [];
    const syntaxErrors: Range[] = [];
    const bounds = chunkStarts(text, tree.rootNode);
    for (let i = 0; i < bounds.length; i++) {
      const start = bounds[i];
      const chunkText = text.slice(start, bounds[i + 1] ?? text.length);
      const known = chunks.get(chunkText) ?? this.chunks.get(chunkText);
      let chunk: Chunk;
      if (known === undefined) chunk = { start, ir: shifted(lowerPython(chunkText), start) };
      else if (known.start === start) chunk = known;
      else chunk = { start, ir: shifted(known.ir, start - known.start) };
      // A text seen twice (two identical functions) keeps its first placement as the template.
      if (!chunks.has(chunkText)) chunks.set(chunkText, chunk);
      body.push(...chunk.ir.body);
      comments.push(...chunk.ir.comments);
      syntaxErrors.push(...chunk.ir.syntaxErrors);
    }
    this.chunks = chunks;
    const ir: ModuleIR = { body, comments, syntaxErrors };
    this.last = { text, ir };
    return ir;
  }
}

/**
 * Offsets where chunks start: the start of each line on which a top-level statement (or
 * comment) begins at column 0. Anything else (an indented fragment of broken code) stays with
 * the chunk before it.
 */
export function chunkStarts(text: string, root: Node): number[] {
  const out = [0];
  const count = root.childCount;
  for (let i = 0; i < count; i++) {
    const child = root.child(i);
    if (!child) continue;
    const at = child.startIndex;
    if (at === 0 || at > text.length) continue;
    // Column 0 only: the character before is a newline.
    if (text.charCodeAt(at - 1) !== 10) continue;
    if (at > out[out.length - 1]) out.push(at);
  }
  return out;
}

/** A deep copy of `ir` with every source range moved by `delta`. */
export function shifted<T>(value: T, delta: number): T {
  return delta === 0 ? value : (shift(value, delta) as T);
}

function shift(v: unknown, delta: number): unknown {
  if (Array.isArray(v)) return v.map((x) => shift(x, delta));
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  // A Range is exactly {start: number, end: number} (a slice's start/stop are expressions).
  if (typeof o.start === 'number' && typeof o.end === 'number') return { ...o, start: o.start + delta, end: o.end + delta };
  const out: Record<string, unknown> = {};
  for (const k in o) out[k] = shift(o[k], delta);
  return out;
}
