// Test support: one-time parser initialisation and lowering with range checks.
import type { ModuleIR } from '../../../engine/interp/ir';
import { initPythonParser, lowerPython } from '../../../server/frontends/python/parser';
import { assertRangesWithin, renderStmts } from './render';

export const ready = (): Promise<unknown> => initPythonParser();

/** Lowers `src` and checks that every range lies within it. */
export function lower(src: string): ModuleIR {
  const ir = lowerPython(src);
  assertRangesWithin(ir, src.length);
  return ir;
}

/** The lowered module as rendered lines (see render.ts). */
export function rendered(src: string): string[] {
  return renderStmts(lower(src).body, src);
}
