// Test support: TypeScript/JavaScript lowered with every range checked to lie in the text, and
// rendered as compact Python-like lines (test/frontends/python/render.ts).
import type { ModuleIR } from '../../../engine/interp/ir';
import { lowerTypeScript } from '../../../server/frontends/typescript/lower';
import { assertRangesWithin, renderStmts } from '../python/render';

export function lower(src: string, fileName = 'file.ts'): ModuleIR {
  const ir = lowerTypeScript(src, fileName);
  assertRangesWithin(ir, src.length);
  return ir;
}

export function rendered(src: string, fileName = 'file.ts'): string[] {
  return renderStmts(lower(src, fileName).body, src);
}
