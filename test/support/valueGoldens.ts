// Sizes and tuples of tensors the engine hints (the report's `values`) against what real PyTorch
// bound at the same names (the tracer's `values`): each one the engine gives must list exactly
// the values PyTorch saw there. One the engine leaves out is no problem: these hints are extras.
import type { JsonValueHint } from '../../server/report/fileReport';

export interface GoldenValue {
  line: number;
  column: number;
  name: string;
  sizes?: number[];
  tuples?: { list: boolean; shapes: number[][] }[];
}

const key = (h: { line: number; column: number; name: string }): string => `${h.line}:${h.column} ${h.name}`;
const sorted = (xs: readonly unknown[]): string => JSON.stringify(xs.map((x) => JSON.stringify(x)).sort());

/** Problems with the engine's size and tuple hints; symbolic ones (a seeded forward PyTorch never ran) are checked elsewhere. */
export function valueProblems(ours: readonly JsonValueHint[], golden: readonly GoldenValue[]): string[] {
  const theirs = new Map(golden.map((v) => [key(v), v]));
  const problems: string[] = [];
  for (const v of ours) {
    const seen = v.kind === 'size' ? v.sizes ?? [] : v.tuples ?? [];
    const concrete = v.kind === 'size' ? (v.sizes ?? []).every((d) => typeof d === 'number') : (v.tuples ?? []).every((t) => t.shapes.every((s) => s.every((d) => typeof d === 'number')));
    if (!concrete) continue;
    const want = theirs.get(key(v));
    const wanted = v.kind === 'size' ? want?.sizes : want?.tuples;
    if (!wanted) problems.push(`${key(v)}: engine ${v.kind} ${v.label} where PyTorch bound no ${v.kind === 'size' ? 'int' : 'tuple of tensors'}`);
    else if (sorted(seen) !== sorted(wanted)) problems.push(`${key(v)}: PyTorch ${JSON.stringify(wanted)}, engine ${JSON.stringify(seen)}`);
  }
  return problems;
}
