// Symbolic hints against an oracle's concrete shapes: the symbols a hint leaves (`b`, `t`) get
// values from the first shapes that fix them, then every hint must equal the oracle's shape. A
// size the hint says it does not know (`?`, Dim.unknown(), or `4*?`) is not checked.
import { Dim } from '../../engine/shape/dim';

export interface SymbolicPair {
  readonly at: string;
  readonly dims: readonly Dim[];
  readonly want: readonly number[];
}

/** Values for the free symbols, starting from `env` (sizes the test knows by name). */
export function solveSymbols(pairs: readonly SymbolicPair[], env = new Map<string, Dim>()): Map<string, Dim> {
  for (let progress = true; progress;) {
    progress = false;
    for (const { dims, want } of pairs) {
      dims.forEach((d, i) => {
        const rest = d.substitute(env);
        const free = [...rest.symbols()];
        if (rest.hasUnknown) return;
        if (rest.isKnown || free.length !== 1 || i >= want.length) return;
        const value = rest.sub(want[i]).solveFor(free[0]);
        if (value?.isKnown) {
          env.set(free[0], value);
          progress = true;
        }
      });
    }
  }
  return env;
}

/** The pairs whose hint, with `env` substituted, is not the oracle's shape (as messages). */
export function symbolicMismatches(pairs: readonly SymbolicPair[], env: ReadonlyMap<string, Dim>): string[] {
  const problems: string[] = [];
  for (const { at, dims, want } of pairs) {
    const got = dims.map((d) => d.substitute(env));
    const same = got.length === want.length && got.every((d, i) => d.value === want[i] || d.hasUnknown);
    if (!same) problems.push(`${at}: [${dims.join(', ')}] gives [${got.join(', ')}], PyTorch [${want.join(', ')}]`);
  }
  return problems;
}

