// "Add a shape annotation for `x`": offered on the header of a def that no analysis reached
// with tensors (no hint anywhere in it), for each parameter that looks like a tensor input.
// It inserts the comment form the engine reads as a seed (engine/interp/annotations.ts):
//     # shape: x = [B, C, H, W]
// directly above the `def` line, so the next analysis runs the function with that input.
import type { CodeAction } from 'vscode-languageserver-protocol';
import type { Expr, ModuleIR, Param, Stmt } from '../../engine/interp/ir';
import { isTensorHint } from '../../engine/interp/record';
import type { Analysis } from './analyzer';
import type { Program } from './program';

type Def = Extract<Stmt, { k: 'def' }>;

/** Parameter names that are configuration, not tensors (the engine's seeding uses the same cue). */
const CONFIG_NAME = /^(?:in_|out_|num_|n_)|_(?:size|dim|channels|features|classes|layers|heads|rate|ratio|len|length|planes)$|^(?:size|dim|dims|channels|classes|stride|kernel_size|padding|dilation|groups|bias|eps|momentum|mode|name|config|cfg|device|dtype|training|verbose|seed|epoch|step|lr|planes|inplanes|blocks|depth|width|layers|heads)$/;
/** Annotations that say the parameter is not a tensor. */
const NON_TENSOR_TYPES = new Set(['int', 'float', 'str', 'bool', 'bytes', 'list', 'dict', 'tuple', 'set', 'None', 'Optional', 'List', 'Dict', 'Tuple', 'Sequence', 'Callable', 'nn.Module', 'Module']);

export function shapeAnnotationActions(analysis: Analysis, program: Program, uri: string, from: number, to: number): CodeAction[] {
  const out: CodeAction[] = [];
  for (const def of allDefs(analysis.ir)) {
    const headerEnd = def.body[0]?.range.start ?? def.range.end;
    if (to < def.range.start || from >= headerEnd) continue;
    if (def.name === '__init__' || hasHintWithin(analysis, def.range.start, def.range.end)) continue;
    const params = def.params.filter((p, i) => looksLikeTensorInput(p, i));
    if (params.length === 0) continue;
    const at = program.locate(def.nameRange.start);
    if (!at || at.uri !== uri) continue;
    const index = program.lineIndexOf(uri)!;
    const indent = /^[ \t]*/.exec(index.lineText(at.position.line))![0];
    for (const p of params) {
      const comment = `${indent}# shape: ${p.name} = ${guessShape(p.name)}\n`;
      out.push({
        title: `Add a shape annotation for \`${p.name}\``,
        kind: 'quickfix',
        edit: { changes: { [uri]: [{ range: { start: { line: at.position.line, character: 0 }, end: { line: at.position.line, character: 0 } }, newText: comment }] } },
      });
    }
  }
  return out;
}

function allDefs(ir: ModuleIR): Def[] {
  const out: Def[] = [];
  const visit = (body: readonly Stmt[]): void => {
    for (const s of body) {
      if (s.k === 'def') out.push(s);
      if (s.k === 'def' || s.k === 'class' || s.k === 'if' || s.k === 'with' || s.k === 'try') visit(s.body);
      if (s.k === 'if') visit(s.orelse);
    }
  };
  visit(ir.body);
  return out;
}

function hasHintWithin(analysis: Analysis, start: number, end: number): boolean {
  return analysis.result.hints.some((h) => isTensorHint(h) && h.range.start >= start && h.range.start < end);
}

function looksLikeTensorInput(p: Param, position: number): boolean {
  if (p.kind !== 'positional-or-keyword' && p.kind !== 'positional-only') return false;
  if (position === 0 && (p.name === 'self' || p.name === 'cls')) return false;
  if (p.default !== undefined || CONFIG_NAME.test(p.name)) return false;
  const type = p.annotation && annotationHead(p.annotation);
  return type === undefined || !NON_TENSOR_TYPES.has(type);
}

function annotationHead(e: Expr): string | undefined {
  if (e.k === 'name') return e.id;
  if (e.k === 'none') return 'None';
  if (e.k === 'attr') return e.obj.k === 'name' ? `${e.obj.id}.${e.name}` : e.name;
  if (e.k === 'subscript') return annotationHead(e.obj);
  return undefined;
}

/** A starting point the user edits: the usual layout for what the name suggests. */
export function guessShape(name: string): string {
  const n = name.toLowerCase();
  if (/mask/.test(n)) return '[B, T] bool';
  if (/(token|ids$|^ids|idx|indices|label|target)/.test(n)) return '[B, T] int64';
  if (/(seq|emb|query|key|value|^q$|^k$|^v$|src|tgt|memory|text|word)/.test(n)) return '[B, T, D]';
  return '[B, C, H, W]';
}
