// A table of sizes read at a size nobody gave: StyleGAN2's `channels = {4: 512, ..., 1024: 16 *
// channel_multiplier}` read as `channels[size]`, `size` a constructor argument standing for itself.
// The entry is one of the table's sizes, which one the file cannot say: a size of its own, named
// after the read (`channels[size]`), so that reading it twice gives the same size.
import type { Expr } from './ir';
import type { Value } from '../value';
import { Dim } from '../shape/dim';
import { DictObj } from './objects';
import { int } from './pyvalues';

/** `table[key]` for a dict of int keys and known int values and a symbolic int key; undefined otherwise. */
export function sizeAtUnknownKey(table: DictObj, key: Value, tableExpr: Expr): Value | undefined {
  if (key.kind !== 'int' || key.dim.isKnown || table.open || table.entries.size === 0) return undefined;
  const sizes: number[] = [];
  for (const [k, v] of table.entries.values()) {
    if (k.kind !== 'int' || v.kind !== 'int' || v.dim.value === undefined) return undefined;
    sizes.push(v.dim.value);
  }
  // Every entry alike: that size, whichever key.
  if (sizes.every((s) => s === sizes[0])) return int(Dim.of(sizes[0]));
  const name = tableName(tableExpr);
  return name === undefined ? undefined : int(Dim.sym(`${name}[${key.dim.toString()}]`));
}

/** `channels`, `self.channels` (named `channels`): the name a table is read by. */
function tableName(e: Expr): string | undefined {
  if (e.k === 'name') return e.id;
  if (e.k === 'attr' && e.obj.k === 'name' && e.obj.id === 'self') return e.name;
  return undefined;
}
