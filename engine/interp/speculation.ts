// A loop whose number of iterations is not known (`for batch in loader`, `while not done`,
// `for _ in range(depth)` with a symbolic depth) runs its body once, speculatively, and then
// forgets what an unknown number of iterations could have changed: names the body binds are
// joined with their values before the loop; lists, dicts and module containers the body mutated
// become open (unknown length); attributes it set are joined with their old values. Values made
// during the iteration itself are left alone. Nothing is invented: zero iterations stay possible.
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import { ContainerObj, DictObj } from './objects';
import { markOpen, sameValue } from './pyvalues';
import { lastItemOf, lastItemReadSince, setLastItem } from './lastItems';
import { joinValues } from './join';

type Mutable = Value | DictObj | ContainerObj | { attrs: Map<string, Value> };

function lengthOf(t: unknown): number {
  if (t instanceof ContainerObj) return t.items.length;
  if (t instanceof DictObj) return t.entries.size;
  const v = t as Value;
  return v.kind === 'list' ? v.items.length : -1;
}

export class MutationLog {
  /** Lists, dicts and containers changed in place, with their length when first changed. */
  private readonly changed = new Map<Mutable, number>();
  /** Attributes set, with the value each had before the loop (undefined: it did not exist). */
  private readonly attributes = new Map<{ attrs: Map<string, Value> }, Map<string, Value | undefined>>();

  /** A list's last item was read in the iteration, and the iteration left it otherwise (see lastItems.ts). */
  lastUnsettled = false;

  /** A list's last item when the iteration first changed it (null: the list was empty). */
  private readonly lastBefore = new Map<object, Value | null>();

  /** `serial` is the newest value serial when the loop began: younger values are not forgotten. */
  constructor(readonly serial: number) {}

  note(target: Value | object, attribute?: string): void {
    if (attribute !== undefined) {
      const holder = target as { attrs?: Map<string, Value>; born?: number };
      if (!(holder.attrs instanceof Map) || this.isNew(holder)) return;
      let old = this.attributes.get(holder as { attrs: Map<string, Value> });
      if (!old) this.attributes.set(holder as { attrs: Map<string, Value> }, (old = new Map()));
      if (!old.has(attribute)) old.set(attribute, holder.attrs.get(attribute));
      return;
    }
    if (!this.isNew(target as { born?: number }) && !this.changed.has(target as Mutable)) {
      this.changed.set(target as Mutable, lengthOf(target));
      const v = target as Value;
      if (v.kind === 'list') {
        const last = v.open ? lastItemOf(v) : v.items.length > 0 ? v.items[v.items.length - 1] : null;
        if (last !== undefined) this.lastBefore.set(v, last);
      }
    }
  }

  private isNew(v: { born?: number }): boolean {
    return v.born !== undefined && v.born > this.serial;
  }

  /** What a nested speculative loop changed is changed by this one too. */
  absorb(inner: MutationLog): void {
    for (const [t, n] of inner.changed) if (!this.isNew(t as { born?: number }) && !this.changed.has(t)) this.changed.set(t, n);
    for (const [holder, names] of inner.attributes) {
      if (this.isNew(holder as { born?: number })) continue;
      let old = this.attributes.get(holder);
      if (!old) this.attributes.set(holder, (old = new Map()));
      for (const [n, v] of names) if (!old.has(n)) old.set(n, v);
    }
  }

  /** Attributes set since the log began: holder, name, the value before, the value now. */
  attributeChanges(): { holder: { attrs: Map<string, Value> }; name: string; before: Value | undefined; after: Value | undefined }[] {
    const out: { holder: { attrs: Map<string, Value> }; name: string; before: Value | undefined; after: Value | undefined }[] = [];
    for (const [holder, names] of this.attributes) for (const [name, before] of names) out.push({ holder, name, before, after: holder.attrs.get(name) });
    return out;
  }

  /** Put every attribute set since the log began back as it was. */
  restoreAttributes(): void {
    for (const { holder, name, before } of this.attributeChanges()) {
      if (before === undefined) holder.attrs.delete(name);
      else holder.attrs.set(name, before);
    }
  }

  /** Lists, dicts and containers whose contents one path changed (except those `skip` accepts): their contents are no longer known. */
  openChangedContainers(skip: (t: object) => boolean = () => false): void {
    for (const t of this.changed.keys()) {
      if (skip(t as object)) continue;
      if (t instanceof DictObj || t instanceof ContainerObj) t.open = true;
      else if ((t as Value).kind === 'list') markOpen(t as Value);
    }
  }

  /**
   * A list's last item after any number of iterations, where the iteration appended one of the
   * same shape as the last before it (`hs.append(block(hs[-1]))` keeping the channels): then every
   * iteration does the same. Undefined where it is not known.
   */
  private lastAfterAnyCount(list: Value): Value | undefined {
    if (list.kind !== 'list') return undefined;
    const before = this.lastBefore.get(list);
    const after = list.open ? lastItemOf(list) : list.items[list.items.length - 1];
    if (before === undefined || !after) return undefined;
    // An empty list stays empty after no iteration: `[-1]` raises there, so only `after` is read.
    if (before === null) return after;
    return sameValue(before, after) ? after : undefined;
  }

  /** After the iteration: forget what any number of iterations may have done. */
  forget(): void {
    for (const [t, before] of this.changed) {
      // An empty list or container that one iteration gave one item is filled with items like
      // it (`layers.append(Block(dim))` in `for _ in range(depth)`): that item stands for all.
      // A list that had k items and got one more is k certain items, then any number like it.
      const filled = before === 0 && lengthOf(t) === 1;
      const extended = before > 0 && lengthOf(t) === before + 1;
      // Of a container already open (an earlier loop of unknown count filled it), only the items
      // certain then stay certain: `before` counts the uncertain ones too.
      if (t instanceof DictObj) t.open = true;
      else if (t instanceof ContainerObj) {
        t.known = t.open ? Math.min(t.known, Math.max(0, before)) : Math.max(0, before);
        t.open = true;
        if ((filled || extended) && t.kind !== 'ModuleDict') t.sample = t.items[t.items.length - 1][1];
      } else if ((t as Value).kind === 'list') {
        const list = t as unknown as { items: Value[]; open?: boolean; known?: number };
        const known = list.open ? Math.min(list.known ?? 0, before) : before;
        const last = this.lastAfterAnyCount(t as Value);
        if (!last && lastItemReadSince(t as Value, this.serial)) this.lastUnsettled = true;
        markOpen(t as Value);
        if (last) setLastItem(t as Value, last);
        if (filled || extended) Object.assign(t as object, { sample: list.items[list.items.length - 1], known });
        else if (list.known !== undefined) list.known = Math.min(list.known, known);
      }
    }
    for (const [holder, names] of this.attributes) {
      for (const [n, before] of names) {
        const after = holder.attrs.get(n);
        holder.attrs.set(n, before === undefined || after === undefined ? UNKNOWN : joinValues(before, after));
      }
    }
  }
}
