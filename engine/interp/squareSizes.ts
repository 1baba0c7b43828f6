// The image size a model fixes without saying it: after convolutions and pooling, a flatten feeds
// a Linear whose in_features is written down (`nn.Linear(16 * 5 * 5, 120)`), so the seeded input's
// spatial sizes must satisfy `16 * (H // 4 - 3) * (W // 4 - 3) = 400`. Floor division has no
// inverse; the sizes are found by trying square inputs, as image models are nearly always fed.
import { Dim } from '../shape/dim';

/** Names of an input's spatial sizes (`H`, `W`, `D`, `L`, `h`, `w`, a second input's `H2`): never a channel or batch. */
const SPATIAL = /^([HWDL]|[hwdl]|height|width|depth|length)\d*$/;

/** The largest size tried: beyond it, a condition that still holds does not fix the size. */
const LARGEST = 4096;

export interface SquareSize {
  readonly symbols: readonly string[];
  readonly size: Dim;
  /** Every square size the condition holds for (a contiguous run for floor divisions). */
  readonly fits: readonly number[];
  readonly condition: string;
}

/**
 * For a condition `lhs = rhs` whose only unknowns are the spatial sizes of one seeded input (none
 * solved yet, not the batch), the square size it holds for: of the sizes that fit, the one with the
 * most factors of two (32 of 32..35 for LeNet, 64 of 33..64 for a stride-2 encoder, 28 of 28..29
 * for MNIST), the smallest of those if several. None when no square size fits, or when the sizes
 * that fit are not one run ending below the largest tried (a divisibility, which fixes no size).
 */
export function squareSizeFor(
  conditions: readonly { lhs: Dim; rhs: Dim; relation: '=' | '>=' }[], seeded: ReadonlyMap<string, string>, solved: ReadonlyMap<string, Dim>, batch: ReadonlySet<string>,
): SquareSize | undefined {
  for (const c of conditions) {
    if (c.relation !== '=') continue;
    const d = c.lhs.sub(c.rhs).substitute(solved);
    const all = [...d.symbols()];
    const input = all.map((s) => seeded.get(s)).find((x) => x !== undefined);
    const symbols = all.filter((s) => seeded.get(s) === input);
    const others = all.filter((s) => seeded.get(s) === undefined);
    if (input === undefined || symbols.length > 3 || symbols.length + others.length < all.length || symbols.some((s) => batch.has(s) || solved.has(s) || !SPATIAL.test(s))) continue;
    // `out_channels * ((H + 1) // 2) * ((W + 1) // 2) = ((img_size + 1) // 2) ** 2 * out_channels`:
    // the size a constructor argument names.
    // (It must be the only size that fits: with the arguments given numbers, the sizes that fit are
    // one run that holds it. `H = patch_size * (H // patch_size)` holds for H = patch_size, and for
    // every multiple.)
    if (others.length > 0) {
      const named = others.find((o) => d.substitute(new Map(symbols.map((s) => [s, Dim.sym(o)]))).value === 0
        && [37, 100].every((n) => {
          const fits = squareFits(d.substitute(new Map(others.map((x) => [x, Dim.of(x === o ? n : 7)]))), symbols);
          return fits !== undefined && fits.includes(n);
        }));
      if (named) return { symbols, size: Dim.sym(named), fits: [], condition: `${c.lhs} = ${c.rhs}` };
      continue;
    }
    const fits = squareFits(d, symbols);
    if (!fits) continue;
    // Of the sizes that fit, those that also meet the most other conditions met so far (an
    // attention bias of 7 x 7 positions after a downsampling that 7 and 8 both fit), then the one
    // with the most factors of two, then the smallest.
    // (Each tried square: the input's other spatial sizes at n too, as a square input has them.)
    const square = [...new Set([...symbols, ...[...seeded].filter(([x, at]) => at === input && SPATIAL.test(x) && !batch.has(x) && !solved.has(x)).map(([x]) => x)])];
    const met = (n: number): number => conditions.filter((o) => o.relation === '=' && o.lhs.sub(o.rhs).substitute(solved).substitute(new Map(square.map((x) => [x, Dim.of(n)]))).value === 0).length;
    let size = fits[0];
    for (const n of fits) {
      const better = met(n) - met(size);
      if (better > 0 || (better === 0 && twos(n) > twos(size))) size = n;
    }
    return { symbols, size: Dim.of(size), fits, condition: `${c.lhs} = ${c.rhs}` };
  }
  return undefined;
}

/** The square sizes `d = 0` holds for: one run below the largest size tried, or none. */
function squareFits(d: Dim, symbols: readonly string[]): readonly number[] | undefined {
  // (Each call tries every size up to LARGEST; seeding asks the same conditions again and again.)
  const key = `${d.structuralKey}|${symbols.join(',')}`;
  if (fitsMade.has(key)) return fitsMade.get(key);
  const made = squareFitsOf(d, symbols);
  if (fitsMade.size >= MAX_FITS_MADE) fitsMade.clear();
  fitsMade.set(key, made);
  return made;
}

/** What squareFits found, by size and symbols (a pure function of them); cleared when it grows large. */
const fitsMade = new Map<string, readonly number[] | undefined>();
const MAX_FITS_MADE = 10_000;

function squareFitsOf(d: Dim, symbols: readonly string[]): number[] | undefined {
  const fits: number[] = [];
  for (let n = 1; n <= LARGEST; n++) {
    // (On numbers first: substitute builds every size symbolically, thousands of times a condition.
    // Where the numbers are not sure, or say it fits, substitute says.)
    const exact = d.exactValueAt(new Map(symbols.map((s) => [s, n])));
    if (exact !== undefined && exact !== 0) continue;
    if (d.substitute(new Map(symbols.map((s) => [s, Dim.of(n)]))).value === 0) fits.push(n);
  }
  return fits.length > 0 && fits[fits.length - 1] < LARGEST && contiguous(fits) ? fits : undefined;
}

function twos(n: number): number {
  let k = 0;
  while (n % 2 === 0) { n /= 2; k++; }
  return k;
}

/** How the hover says it: `H = W = 32 (32 to 35 fit 16*(H // 4 - 3)*(W // 4 - 3) = 400)`. */
export function describeSquareSize(s: SquareSize): string {
  if (s.fits.length === 0) return `${s.symbols.join(' = ')} = ${s.size}, the size that ${s.condition} holds for`;
  const range = s.fits.length === 1 ? `only ${s.fits[0]} fits` : `${s.fits[0]} to ${s.fits[s.fits.length - 1]} fit`;
  return `${s.symbols.join(' = ')} = ${s.size}, a square size that ${s.condition} holds for (${range})`;
}

function contiguous(xs: readonly number[]): boolean {
  return xs.every((x, i) => i === 0 || x === xs[i - 1] + 1);
}
