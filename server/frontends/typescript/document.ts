// An open TypeScript/JavaScript document: the compiler API re-parses incrementally on each edit
// (ts.updateSourceFile reuses the untouched nodes), and lowering reuses the IR of top-level
// statements whose text did not change, moved to their new offset (as the Python frontend's
// chunked lowering does). A file with syntax errors is lowered whole, with its repairs.
import ts from 'typescript';
import type { ModuleIR, Stmt } from '../../../engine/interp/ir';
import type { SourceDocument, TextEdit } from '../frontend';
import { shifted } from '../python/chunkedLowering';
import { lowerTopLevel, lowerTypeScript, parseSource, syntaxErrorsOf } from './lower';

interface Chunk {
  readonly start: number;
  readonly stmts: readonly Stmt[];
  readonly hoisted: boolean;
}

export class TypeScriptDocument implements SourceDocument {
  private sf: ts.SourceFile;
  private lowered: { text: string; ir: ModuleIR } | undefined;
  /** Statement text (with its leading trivia) -> its IR at the offset it had. */
  private chunks = new Map<string, Chunk>();

  constructor(text: string, private readonly fileName: string | undefined) {
    this.sf = parseSource(text, fileName);
  }

  get text(): string {
    return this.sf.text;
  }

  applyEdit(edit: TextEdit): void {
    const old = this.sf.text;
    const text = old.slice(0, edit.start) + edit.text + old.slice(edit.end);
    this.sf = ts.updateSourceFile(this.sf, text, { span: { start: edit.start, length: edit.end - edit.start }, newLength: edit.text.length });
  }

  setText(text: string): void {
    this.sf = parseSource(text, this.fileName);
  }

  lower(): ModuleIR {
    const text = this.sf.text;
    if (this.lowered?.text === text) return this.lowered.ir;
    const errors = syntaxErrorsOf(this.sf);
    const ir = errors.length > 0 ? lowerTypeScript(text, this.fileName) : this.lowerChunks();
    this.lowered = { text, ir };
    return ir;
  }

  private lowerChunks(): ModuleIR {
    const sf = this.sf;
    const text = sf.text;
    const chunks = new Map<string, Chunk>();
    const hoisted: Stmt[] = [];
    const rest: Stmt[] = [];
    for (const s of sf.statements) {
      const key = text.slice(s.pos, s.end);
      const known = chunks.get(key) ?? this.chunks.get(key);
      let chunk: Chunk;
      if (known === undefined) chunk = { start: s.pos, ...lowerTopLevel(s, sf) };
      else chunk = known.start === s.pos ? known : { ...known, start: s.pos, stmts: shifted(known.stmts, s.pos - known.start) };
      if (!chunks.has(key)) chunks.set(key, chunk);
      (chunk.hoisted ? hoisted : rest).push(...chunk.stmts);
    }
    this.chunks = chunks;
    return { language: 'javascript', body: [...hoisted, ...rest], comments: [], syntaxErrors: [] };
  }

  dispose(): void {
    this.lowered = undefined;
    this.chunks.clear();
  }
}
