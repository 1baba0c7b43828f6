// Keeping the rest of a file when one line is half-typed. The TypeScript parser recovers from most
// damage by itself, but an unclosed header (`function f(a, `, `for (const t of `, `class A {`, an
// unterminated template) swallows everything after it into one broken statement. Here the line
// responsible is blanked out (spaces, so every offset stays) and the text parsed again, as long as
// that makes the first error move on: a few parses at most, and only for a file with errors.
import ts from 'typescript';

const MAX_ROUNDS = 4;

function diagnosticsOf(sf: ts.SourceFile): readonly ts.DiagnosticWithLocation[] {
  return (sf as unknown as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** `text` with line `line` replaced by spaces (its line break kept). */
function blank(text: string, starts: readonly number[], line: number): string {
  const start = starts[line];
  const end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
  return text.slice(0, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ') + text.slice(end);
}

/** Where the parse is first damaged, for comparing attempts (later is better). */
function firstError(sf: ts.SourceFile): number {
  const d = diagnosticsOf(sf);
  return d.length === 0 ? Infinity : Math.min(...d.map((x) => x.start));
}

/**
 * The lines worth blanking for the first error, likeliest first: the first line of the top-level
 * statement it is in (an unclosed header), the line before it (errors show at the next token), its
 * own line.
 */
function candidates(sf: ts.SourceFile, text: string, starts: readonly number[]): number[] {
  const at = firstError(sf);
  const line = lineAt(starts, Math.min(at, text.length));
  const out: number[] = [];
  // An error at the end of the file (`'}' expected`) belongs to the last statement before it.
  const stmt = innermostStatement(sf, at) ?? [...sf.statements].reverse().find((s) => s.getStart(sf) <= at);
  if (stmt) out.push(lineAt(starts, stmt.getStart(sf)));
  for (let l = line - 1; l >= 0; l--) {
    if (text.slice(starts[l], l + 1 < starts.length ? starts[l + 1] : text.length).trim() !== '') {
      out.push(l);
      break;
    }
  }
  out.push(line);
  return [...new Set(out)];
}

function isStatementLike(n: ts.Node): boolean {
  return (n.kind >= ts.SyntaxKind.FirstStatement && n.kind <= ts.SyntaxKind.LastStatement)
    || ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n) || ts.isClassElement(n);
}

/** The deepest statement (or class member) whose text holds `at`. */
function innermostStatement(sf: ts.SourceFile, at: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    ts.forEachChild(n, (c) => {
      if (c.getStart(sf) <= at && at <= c.end) {
        if (isStatementLike(c)) found = c;
        visit(c);
        return true;
      }
      return undefined;
    });
  };
  visit(sf);
  return found;
}

/** Fewer errors is better; with as many, the later the first one. */
function better(a: ts.SourceFile, b: ts.SourceFile): boolean {
  const na = diagnosticsOf(a).length;
  const nb = diagnosticsOf(b).length;
  return na < nb || (na === nb && firstError(a) > firstError(b));
}

/**
 * The parsed file, with lines blanked where that lets the parser read on. `parse` parses a text of
 * the same length (and dialect) as the original.
 */
export function repairedSource(original: ts.SourceFile, parse: (text: string) => ts.SourceFile): ts.SourceFile {
  let sf = original;
  let text = original.text;
  const starts = lineStarts(text);
  for (let round = 0; round < MAX_ROUNDS && diagnosticsOf(sf).length > 0; round++) {
    let best: { sf: ts.SourceFile; text: string } | undefined;
    for (const line of candidates(sf, text, starts)) {
      const attempt = blank(text, starts, line);
      if (attempt === text) continue;
      const next = parse(attempt);
      if (better(next, best?.sf ?? sf)) best = { sf: next, text: attempt };
    }
    if (!best) break;
    sf = best.sf;
    text = best.text;
  }
  return sf;
}
