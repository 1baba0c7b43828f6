// A required constructor argument named like sizes that the class reads as a tuple: only at
// constant indices in the constructor (DETR's `Conv2d(fpn_dims[0], ...)` in MaskHeadSmallConv), or
// unpacked anywhere in the class (a Swin block's `H, W = self.input_resolution`): a tuple of sizes
// named by position (`fpn_dims[0]`, `fpn_dims[1]`), as an argument annotated `Tuple[int, int]` is.
import type { Expr, Stmt } from './ir';
import type { Value } from '../value';
import { Dim } from '../shape/dim';
import { int, tupleOf } from './pyvalues';
import { eachNode } from './irSearch';

/**
 * Undefined unless every read of `name` in `body` is `name[i]` with i a constant int >= 0, or
 * keeps it in an attribute (`self.window_size = window_size`) that every method of the class
 * (`methods`) reads only at constant indices (Swin's `self.window_size[0]` in its window attention).
 */
export function indexedSizesArgument(body: readonly Stmt[], name: string, methods: readonly (readonly Stmt[])[] = []): Value | undefined {
  const kept = new Set<string>();
  let keptUses = 0;
  for (const s of body) {
    if (s.k === 'assign' && s.value?.k === 'name' && s.value.id === name && s.targets.length === 1) {
      const t = s.targets[0];
      if (t.k !== 'attr' || t.obj.k !== 'name' || t.obj.id !== 'self') return undefined;
      kept.add(t.name);
      keptUses++;
    }
  }
  const fromArgument = constantIndices(body, (e) => e.k === 'name' && e.id === name);
  if (!fromArgument || fromArgument.uses !== fromArgument.indices.length + keptUses) return undefined;
  const indices = [...fromArgument.indices];
  if (kept.size > 0) {
    // (The attribute's own assignments are writes, not reads: `self.window_size` as a target.)
    const isKept = (e: Expr): boolean => e.k === 'attr' && e.obj.k === 'name' && e.obj.id === 'self' && kept.has(e.name);
    const writes = new Set<object>();
    for (const m of [body, ...methods]) {
      eachNode(m, (n) => {
        const s = n as Stmt;
        if (s.k === 'assign') for (const t of s.targets) if (isKept(t)) writes.add(t);
      });
    }
    for (const m of methods) {
      const found = constantIndices(m, (e) => isKept(e) && !writes.has(e));
      if (!found || found.uses !== found.indices.length) return undefined;
      indices.push(...found.indices);
    }
  }
  if (indices.length === 0) return undefined;
  return sizesByPosition(name, Math.max(...indices) + 1);
}

/** The constant indices `node[i]` of the nodes `is` matches in `body`, and how many such nodes there are. */
function constantIndices(body: readonly Stmt[], is: (e: Expr) => boolean): { uses: number; indices: number[] } | undefined {
  let uses = 0;
  const indices: number[] = [];
  let other = false;
  eachNode(body, (n) => {
    const e = n as Expr;
    if (e.k === 'subscript' && is(e.obj)) {
      if (e.index.k === 'num' && !e.index.isFloat && e.index.value >= 0) indices.push(e.index.value);
    }
    if (is(e)) uses++;
    if ((n as Stmt).k === 'augassign' && is((n as Extract<Stmt, { k: 'augassign' }>).target)) other = true;
  });
  return other ? undefined : { uses, indices };
}

/** `n` sizes named by position after `name` (`x_size[0]`, `x_size[1]`). */
export function sizesByPosition(name: string, n: number): Value {
  return tupleOf(Array.from({ length: n }, (_, i) => int(Dim.sym(`${name}[${i}]`))));
}

/**
 * Undefined unless the class unpacks `name` into a fixed number of targets: in the constructor
 * (`h, w = img_size`), or through the attribute the constructor keeps it in, in any method
 * (`self.input_resolution = input_resolution`, then `H, W = self.input_resolution` in forward).
 * An int would not unpack, so the argument is a sequence of that length. Code that asks what it
 * is (`isinstance(img_size, int)`) takes either, and every unpacking must agree on the length.
 */
export function unpackedSizesArgument(init: readonly Stmt[], methods: readonly (readonly Stmt[])[], name: string): Value | undefined {
  const kept = new Set<string>();
  eachNode(init, (n) => {
    const s = n as Stmt;
    if (s.k === 'assign' && s.value?.k === 'name' && s.value.id === name) {
      for (const t of s.targets) if (t.k === 'attr' && t.obj.k === 'name' && t.obj.id === 'self') kept.add(t.name);
    }
  });
  const isArg = (e: Expr | undefined): boolean => e?.k === 'name' && e.id === name;
  const isKept = (e: Expr | undefined): boolean => e?.k === 'attr' && e.obj.k === 'name' && e.obj.id === 'self' && kept.has(e.name);
  const lengths = new Set<number>();
  let asked = false;
  const scan = (body: readonly Stmt[], own: (e: Expr | undefined) => boolean): void => eachNode(body, (n) => {
    const s = n as Expr | Stmt;
    if (s.k === 'call' && s.fn.k === 'name' && (s.fn.id === 'isinstance' || s.fn.id === 'type') && own(s.args[0]?.value)) asked = true;
    if (s.k !== 'assign' || !own(s.value)) return;
    for (const t of s.targets) {
      if (t.k !== 'tuple' && t.k !== 'list') continue;
      if (t.items.some((i) => i.k === 'starred')) asked = true;
      lengths.add(t.items.length);
    }
  });
  scan(init, (e) => isArg(e) || isKept(e));
  for (const m of methods) scan(m, isKept);
  if (asked || lengths.size !== 1) return undefined;
  return sizesByPosition(name, [...lengths][0]);
}
