// Sizes and tuples of tensors the engine hints (the report's `values`) against what real PyTorch
// bound at the same names (the tracer's `values`): each one the engine gives must list exactly
// the values PyTorch saw there. One the engine leaves out is no problem: these hints are extras.
import type { JsonValueHint } from '../../server/report/fileReport';

export interface GoldenValue {
  line: number;
  column: number;
  name: string;
  sizes?: number[];
  sizeTuples?: { list: boolean; sizes: number[] }[];
  tuples?: { list: boolean; shapes: number[][] }[];
}

const key = (h: { line: number; column: number; name: string }): string => `${h.line}:${h.column} ${h.name}`;
const sorted = (xs: readonly unknown[]): string => JSON.stringify(xs.map((x) => JSON.stringify(x)).sort());

/** Problems with the engine's size and tuple hints; symbolic ones (a seeded forward PyTorch never ran) are checked elsewhere. */
export function valueProblems(ours: readonly JsonValueHint[], golden: readonly GoldenValue[]): string[] {
  const theirs = new Map(golden.map((v) => [key(v), v]));
  const problems: string[] = [];
  const numbers = (xs: readonly unknown[]): boolean => xs.every((d) => typeof d === 'number');
  for (const v of ours) {
    const seen = v.kind === 'size' ? v.sizes ?? [] : v.kind === 'sizes' ? v.sizeTuples ?? [] : v.tuples ?? [];
    const concrete = v.kind === 'size' ? numbers(v.sizes ?? []) : v.kind === 'sizes' ? (v.sizeTuples ?? []).every((t) => numbers(t.sizes)) : (v.tuples ?? []).every((t) => t.shapes.every(numbers));
    if (!concrete) continue;
    const want = theirs.get(key(v));
    const wanted = v.kind === 'size' ? want?.sizes : v.kind === 'sizes' ? want?.sizeTuples : want?.tuples;
    const what = { size: 'int', sizes: 'tuple of ints', tuple: 'tuple of tensors' }[v.kind];
    if (!wanted) problems.push(`${key(v)}: engine ${v.kind} ${v.label} where PyTorch bound no ${what}`);
    else if (sorted(seen) !== sorted(wanted)) problems.push(`${key(v)}: PyTorch ${JSON.stringify(wanted)}, engine ${JSON.stringify(seen)}`);
  }
  return problems;
}
