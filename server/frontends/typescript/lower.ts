// The TypeScript compiler API's parser (error-tolerant: a half-typed line still gives a tree for
// the rest of the file) and the lowering of a whole source file to a ModuleIR.
import ts from 'typescript';
import type { ModuleIR, Range, Stmt } from '../../../engine/interp/ir';
import type { LowerContext } from './context';
import { lowerStatement } from './lowerStmt';
import { repairedSource } from './repair';

/** The dialect a file name implies: TSX and JSX allow elements, .js/.mjs/.cjs are JavaScript. */
export function scriptKindOf(fileName: string | undefined): ts.ScriptKind {
  const lower = (fileName ?? '').toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.(js|mjs|cjs)$/.test(lower)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

export function parseSource(text: string, fileName: string | undefined): ts.SourceFile {
  const kind = scriptKindOf(fileName);
  const name = fileName ?? (kind === ts.ScriptKind.TS ? 'file.ts' : 'file.js');
  return ts.createSourceFile(name, text, ts.ScriptTarget.Latest, false, kind);
}

/** Ranges of the parser's own diagnostics (a property the compiler API keeps on the file). */
export function syntaxErrorsOf(sf: ts.SourceFile): Range[] {
  const diags = (sf as unknown as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  return diags.map((d) => ({ start: d.start, end: d.start + d.length }));
}

/**
 * One top-level statement. Temporaries are numbered per top-level statement, so a statement
 * lowers the same wherever it stands (open documents reuse it after edits elsewhere).
 */
export function lowerTopLevel(s: ts.Statement, sf: ts.SourceFile): { stmts: Stmt[]; hoisted: boolean } {
  const cx: LowerContext = { sf, nextTemp: 0 };
  return { stmts: lowerStatement(s, cx), hoisted: ts.isFunctionDeclaration(s) && s.body !== undefined };
}

export function lowerSourceFile(sf: ts.SourceFile): ModuleIR {
  const hoisted: Stmt[] = [];
  const rest: Stmt[] = [];
  for (const s of sf.statements) {
    const lowered = lowerTopLevel(s, sf);
    (lowered.hoisted ? hoisted : rest).push(...lowered.stmts);
  }
  return { language: 'javascript', body: [...hoisted, ...rest], comments: [], syntaxErrors: syntaxErrorsOf(sf) };
}

/** Parse and lower a whole text; never throws on damaged code. */
export function lowerTypeScript(text: string, fileName?: string): ModuleIR {
  const sf = parseSource(text, fileName);
  if ((sf as unknown as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics?.length === 0) return lowerSourceFile(sf);
  // A damaged file: lower the repaired parse, report the original's errors.
  const repaired = repairedSource(sf, (t) => parseSource(t, fileName));
  return { ...lowerSourceFile(repaired), syntaxErrors: syntaxErrorsOf(sf) };
}
