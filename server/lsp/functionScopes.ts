// Which function a source offset belongs to (the innermost `def` around it), for rules that
// compare hints within one function.
import type { ModuleIR, Range, Stmt } from '../../engine/interp/ir';

/** Ranges of every def in the module, sorted by start (an enclosing def before its nested ones). */
export function functionRanges(ir: ModuleIR): Range[] {
  const out: Range[] = [];
  const visit = (body: readonly Stmt[]): void => {
    for (const s of body) {
      if (s.k === 'def') out.push(s.range);
      if ('body' in s) visit(s.body);
      if ('orelse' in s) visit(s.orelse);
      if (s.k === 'try') {
        for (const h of s.handlers) visit(h.body);
        visit(s.finalbody);
      }
    }
  };
  visit(ir.body);
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * For offsets given in increasing order, the start of the innermost def containing each
 * (-1 at module level). One sweep over both sorted lists.
 */
export function innermostFunctions(defs: readonly Range[], offsets: readonly number[]): number[] {
  const stack: Range[] = [];
  const out: number[] = [];
  let next = 0;
  for (const o of offsets) {
    while (next < defs.length && defs[next].start <= o) {
      const d = defs[next++];
      while (stack.length > 0 && stack[stack.length - 1].end <= d.start) stack.pop();
      stack.push(d);
    }
    while (stack.length > 0 && stack[stack.length - 1].end < o) stack.pop();
    out.push(stack.length > 0 ? stack[stack.length - 1].start : -1);
  }
  return out;
}

/** The innermost def (as a statement) containing `offset`, if any. */
export function functionAt(ir: ModuleIR, offset: number): Extract<Stmt, { k: 'def' }> | undefined {
  let found: Extract<Stmt, { k: 'def' }> | undefined;
  const visit = (body: readonly Stmt[]): void => {
    for (const s of body) {
      if (s.range.start > offset || s.range.end < offset) continue;
      if (s.k === 'def') found = s;
      if ('body' in s) visit(s.body);
      if ('orelse' in s) visit(s.orelse);
      if (s.k === 'try') {
        for (const h of s.handlers) visit(h.body);
        visit(s.finalbody);
      }
    }
  };
  visit(ir.body);
  return found;
}
