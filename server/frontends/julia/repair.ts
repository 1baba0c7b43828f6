// Isolating broken Julia code so the rest of the file keeps its hints: tree-sitter-julia lets one
// unclosed bracket swallow everything after it into an ERROR node. The text is cut into top-level
// statements (a new one starts at an unindented line once brackets and blocks are closed, or, when
// a bracket was left open, at the next unindented line that starts a statement); statements that
// do not parse on their own are blanked (offsets kept) and the file is parsed again.
import type { Parser, Tree } from 'web-tree-sitter';
import type { Range } from '../../../engine/interp/ir';

export interface Repaired {
  readonly text: string;
  readonly tree: Tree;
  /** The statements that were blanked. */
  readonly patched: readonly Range[];
}

const OPENERS = new Set(['function', 'struct', 'if', 'for', 'while', 'let', 'begin', 'try', 'module', 'baremodule', 'macro', 'quote', 'do', 'abstract', 'primitive']);
/** Unindented lines that continue a statement rather than start one. */
const CONTINUATION = /^(\)|\]|\}|end\b|else\b|elseif\b|catch\b|finally\b|[-+*/\\^÷%&|<>=!.,:?']|\|>|=>)/;

/** A line without its comment and string contents (so brackets and keywords inside them do not count). */
function code(line: string): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) {
        quote = '';
        out += c;
      }
      continue;
    }
    if (c === '#') break;
    if (c === '"') quote = '"';
    else if (c === "'" && /[\s(,=[{]/.test(line[i - 1] ?? ' ')) quote = "'"; // a Char, not an adjoint
    out += c;
  }
  return out;
}

interface Chunk {
  readonly start: number;
  end: number;
}

/** Top-level statements as offsets, by the heuristic in the header. */
function chunks(text: string): Chunk[] {
  const out: Chunk[] = [];
  let brackets = 0;
  let blocks = 0;
  let current: Chunk | undefined;
  let offset = 0;
  for (const line of text.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    const c = code(line);
    const startsStatement = c.trim() !== '' && !/^\s/.test(line) && !CONTINUATION.test(c);
    if (startsStatement && (brackets > 0 || (brackets === 0 && blocks === 0) || !current)) {
      if (current) out.push(current);
      current = { start: lineStart, end: lineStart };
      if (brackets > 0) blocks = 0;
      brackets = 0;
    }
    for (const m of c.matchAll(/[()[\]{}]|[A-Za-z_][A-Za-z0-9_!]*/g)) {
      const t = m[0];
      if (t === '(' || t === '[' || t === '{') brackets++;
      else if (t === ')' || t === ']' || t === '}') brackets = Math.max(0, brackets - 1);
      else if (brackets === 0 && OPENERS.has(t)) blocks++;
      else if (brackets === 0 && t === 'end') blocks = Math.max(0, blocks - 1);
    }
    if (current) current.end = lineStart + line.length;
  }
  if (current) out.push(current);
  return out;
}

/** The tree of `text` with every top-level statement that does not parse blanked out. */
export function repairJulia(parser: Parser, text: string, tree: Tree): Repaired {
  if (!tree.rootNode.hasError) return { text, tree, patched: [] };
  const patched: Range[] = [];
  let repaired = text;
  for (const ch of chunks(text)) {
    const piece = text.slice(ch.start, ch.end);
    if (piece.trim() === '') continue;
    const t = parser.parse(piece);
    const broken = t === null || t.rootNode.hasError;
    t?.delete();
    if (!broken) continue;
    patched.push({ start: ch.start, end: ch.end });
    repaired = repaired.slice(0, ch.start) + piece.replace(/[^\n]/g, ' ') + repaired.slice(ch.end);
  }
  if (patched.length === 0) return { text, tree, patched };
  const next = parser.parse(repaired);
  if (next === null) return { text, tree, patched: [] };
  return { text: repaired, tree: next, patched };
}
