// How many sizes a starred name takes in an unpacking of an input's shape, where the function
// asserts it (perceiver-pytorch: `b, *axis, _ = *data.shape, ...` then
// `assert len(axis) == self.input_axis`): the input's rank is then the named axes plus that count.
import type { Expr, Stmt } from './ir';

/** The other side of an `assert len(name) == expr` among `body`'s statements (not nested), if any. */
export function assertedLength(body: readonly Stmt[], name: string): Expr | undefined {
  for (const s of body) {
    if (s.k !== 'assert' || s.test.k !== 'compare' || s.test.ops.length !== 1 || s.test.ops[0] !== '==') continue;
    const [a, b] = s.test.operands;
    if (isLenOf(a, name)) return b;
    if (isLenOf(b, name)) return a;
  }
  return undefined;
}

function isLenOf(e: Expr, name: string): boolean {
  return e.k === 'call' && e.fn.k === 'name' && e.fn.id === 'len' && e.args.length === 1 && !e.args[0].name && !e.args[0].star
    && e.args[0].value.k === 'name' && e.args[0].value.id === name;
}

/** Names for `count` sizes a starred name holds: an image's H and W, a sequence's L, a volume's D, H, W. */
export function starredSizeNames(count: number): string[] {
  if (count === 1) return ['L'];
  if (count === 2) return ['H', 'W'];
  if (count === 3) return ['D', 'H', 'W'];
  return Array.from({ length: count }, (_, i) => `S${i + 1}`);
}
