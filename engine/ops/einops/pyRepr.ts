// Python reprs that einops's messages embed: strings, the axes_lengths dict, torch.Size (einops
// prints `tensor.shape`), and packed shapes as the user passed them (lists, tuples, torch.Size).
import type { Dim } from '../../shape/dim';
import type { Value } from '../../value';

/** Python's repr of a str: single quotes unless the text has one and no double quote. */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')
    .split(quote).join(`\\${quote}`);
  return `${quote}${body}${quote}`;
}

/** `torch.Size([2, 3, 32, 32])`, as einops prints a torch tensor's shape. */
export function torchSizeText(shape: readonly Dim[]): string {
  return `torch.Size([${shape.join(', ')}])`;
}

/** `{'p1': 16, 'p2': 16}`: the axes_lengths keyword arguments, in call order. */
export function axesDictText(lengths: readonly (readonly [string, Dim])[]): string {
  return `{${lengths.map(([k, v]) => `${pyRepr(k)}: ${v}`).join(', ')}}`;
}

/**
 * Tuples that are torch.Size objects in Python (what pack returns as packed shapes): they print
 * as `torch.Size([7])`, a plain tuple as `(7,)`. Values are immutable, so identity marks them.
 */
const torchSizes = new WeakSet<object>();

export function markTorchSize<T extends Value>(v: T): T {
  torchSizes.add(v);
  return v;
}

export function isTorchSize(v: Value): boolean {
  return torchSizes.has(v);
}

/** Python's repr of a plain value (ints, strings, None, bools, tuples, lists, torch.Size); undefined otherwise. */
export function valueRepr(v: Value): string | undefined {
  switch (v.kind) {
    case 'int': return v.dim.toString();
    case 'str': return pyRepr(v.value);
    case 'none': return 'None';
    case 'bool': return v.value ? 'True' : 'False';
    case 'tuple': case 'list': {
      const items = v.items.map(valueRepr);
      if (items.some((i) => i === undefined)) return undefined;
      if (isTorchSize(v)) return `torch.Size([${items.join(', ')}])`;
      if (v.kind === 'list') return `[${items.join(', ')}]`;
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    }
    default: return undefined;
  }
}
