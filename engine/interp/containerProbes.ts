// Forward inputs that hold tensors rather than being one, for a forward nobody calls: a dict read
// by key (`features["out"]`, DETR's `outputs["pred_logits"]`) and a list of feature maps
// (`x: List[Tensor]` iterated by a detection head). Each item the code reads is an input of its own,
// seeded from its use as a plain tensor input is.
import type { Comment, Expr, Stmt } from './ir';
import { usedAsSequence } from './irSearch';
import type { Value } from '../value';
import { Dim } from '../shape/dim';

/**
 * A dict or list input whose items are probes until their use says what they are. A dict's items
 * are its string keys; a list's are its constant indices, and `*` for what iterating it (or an
 * index not known here) gives: every item alike, as a detection head's loop over its levels sees them.
 */
export class ProbeContainerObj {
  /** Each item read so far, by key: its probe, or its seed once found. */
  readonly items = new Map<string, Value>();
  readonly kind: 'dict' | 'list' | 'fields';
  /**
   * `name` is the input's, set by the seeding when it learns which input this is. A list said to
   * be a `list` or a `tuple` is that one (isinstance answers so); a Sequence may be either.
   * `fields`: for an object of a plain class of the code (DETR's NestedTensor), its class and the
   * attributes its constructor keeps its arguments in, each item an input of its own.
   */
  constructor(declared: ContainerKind, public name: string, private readonly newProbe: () => Value, readonly fields?: { readonly cls: object; readonly names: readonly string[] }) {
    this.kind = fields ? 'fields' : declared === 'dict' ? 'dict' : 'list';
    this.declared = declared;
  }
  private readonly declared: ContainerKind;

  /** `isinstance(x, T)` for the builtin or torch class named `type`, where known. */
  isInstanceOf(type: string): boolean | undefined {
    if (this.kind === 'fields') return undefined;
    if (type === 'torch.Tensor' || type === 'str' || type === 'int' || type === 'float' || type === 'bool' || type === 'set') return false;
    if (type === 'dict') return this.kind === 'dict';
    if (type === 'list' || type === 'tuple') return this.kind === 'dict' ? false : this.declared === 'sequence' ? undefined : this.declared === type;
    return undefined;
  }

  /** What the run under way stored (`x["new"] = y`): read back as stored. Forgotten between runs. */
  private readonly written = new Map<string, Value>();
  /** Whether the run under way changed the list's length (`x.append(y)`): its end and loop are unknown. */
  private resized = false;

  /** A new run of forward: the input as given. */
  startRun(): void {
    this.written.clear();
    this.resized = false;
  }

  /** `x[key] = value` in the run under way. */
  write(index: Value, value: Value): void {
    const key = this.keyText(index);
    if (key === undefined) this.resized = true;
    else this.written.set(key, value);
  }

  /** A method of the container (`x.get("out")`, `x.append(y)`), or undefined for any other. */
  method(name: string, builtin: (name: string, call: (args: readonly Value[]) => Value) => Value, none: Value, anyOf: (sample: Value) => Value): Value | undefined {
    if (this.kind === 'dict' && name === 'get') return builtin('dict.get', (args) => (args.length === 1 && args[0].kind === 'str' ? this.itemAt(args[0]) ?? none : none));
    // `x.values()`, `x.items()`: any number of values alike (as a list's loop sees its levels),
    // under keys not known here.
    const value = this.kind === 'dict' && this.written.size === 0 ? this.item('*') : undefined;
    if (value && name === 'values') return builtin('dict.values', (args) => (args.length === 0 ? anyOf(value) : none));
    if (value && name === 'items') return builtin('dict.items', (args) => (args.length === 0 ? anyOf({ kind: 'tuple', items: [{ kind: 'unknown' }, value] }) : none));
    if (this.kind === 'list' && /^(append|extend|insert|pop|remove|clear|reverse|sort)$/.test(name)) {
      return builtin(`list.${name}`, () => {
        this.resized = true;
        return none;
      });
    }
    return undefined;
  }

  private keyText(index: Value): string | undefined {
    if (this.kind === 'fields') return undefined;
    if (this.kind === 'dict') return index.kind === 'str' ? JSON.stringify(index.value) : undefined;
    return index.kind === 'int' && index.dim.value !== undefined && index.dim.value >= 0 ? String(index.dim.value) : undefined;
  }

  /** The item at `key` (the same probe on every run until it is seeded). */
  item(key: string): Value {
    let v = this.items.get(key);
    if (!v) {
      v = this.newProbe();
      this.items.set(key, v);
    }
    return v;
  }

  /** The item `index` reads (a str of a dict, an int of a list), or undefined where none is known. */
  itemAt(index: Value): Value | undefined {
    if (this.kind === 'fields') return undefined;
    const key = this.keyText(index);
    const stored = key !== undefined ? this.written.get(key) : undefined;
    if (stored) return stored;
    if (this.kind === 'dict') return key !== undefined ? this.item(key) : undefined;
    if (index.kind !== 'int') return undefined;
    // (After an append, `x[-1]` is what was appended, and any index may be.)
    if (this.resized) return key !== undefined ? this.item(key) : undefined;
    return index.dim.value !== undefined ? this.item(String(index.dim.value)) : this.sample();
  }

  /** The first `n` items of a list, each its own (undefined for a dict, or once the list changed). */
  firstItems(n: number): Value[] | undefined {
    if (this.kind !== 'list' || this.resized || n > 16) return undefined;
    return Array.from({ length: n }, (_, i) => this.itemAt({ kind: 'int', dim: Dim.of(i) })!);
  }

  /** What a loop over the list sees (a dict iterates its keys: nothing known). */
  sample(): Value | undefined {
    return this.kind === 'list' && !this.resized && this.written.size === 0 ? this.item('*') : undefined;
  }

  /** How the code names an item: `x["out"]`, `x[0]`, `x[i]` for any item, `x.mask` for a field. */
  label(key: string): string {
    if (this.kind === 'fields') return `${this.name}.${key}`;
    return `${this.name}[${key === '*' ? (this.kind === 'dict' ? 'k' : 'i') : key}]`;
  }

  /** A field the constructor keeps (`tensor_list.mask`): its probe; undefined for any other name. */
  field(name: string): Value | undefined {
    return this.fields?.names.includes(name) ? this.written.get(name) ?? this.item(name) : undefined;
  }

  /** The key of `probe`, if it is one of the items. */
  keyOf(probe: Value): string | undefined {
    for (const [k, v] of this.items) if (v === probe) return k;
    return undefined;
  }

  /** Every item's seed with `f` applied (solved sizes put in place). */
  mapItems(f: (v: Value) => Value): void {
    for (const [k, v] of this.items) this.items.set(k, f(v));
  }
}

/** What an input holds tensors in, as its annotation says it. */
export type ContainerKind = 'dict' | 'list' | 'tuple' | 'sequence';

/** `Tensor` or `torch.Tensor` as an annotation says it. */
function isTensorType(e: Expr): boolean {
  return (e.k === 'name' && e.id === 'Tensor') || (e.k === 'attr' && e.name === 'Tensor' && e.obj.k === 'name' && e.obj.id === 'torch') || (e.k === 'str' && (e.value === 'Tensor' || e.value === 'torch.Tensor'));
}

/** The members of `A | B` or `Union[A, B]`; undefined for an annotation that is not a union. */
function unionMembers(e: Expr | undefined): Expr[] | undefined {
  if (e?.k === 'binop' && e.op === '|') return [...(unionMembers(e.left) ?? [e.left]), ...(unionMembers(e.right) ?? [e.right])];
  const outer = e?.k === 'subscript' ? (e.obj.k === 'name' ? e.obj.id : e.obj.k === 'attr' ? e.obj.name : undefined) : undefined;
  if (e?.k === 'subscript' && outer === 'Union') return e.index.k === 'tuple' ? [...e.index.items] : [e.index];
  return undefined;
}

/**
 * What an annotation says a forward input holds: `List[Tensor]` (or Sequence, list, `Tuple[Tensor,
 * ...]`) a list of tensors, `Dict[str, Tensor]` (or OrderedDict, Mapping) a dict of them.
 */
export function containerInputKind(annotation: Expr | undefined): ContainerKind | undefined {
  // `List[Tensor] | List[List[Tensor]]` (NaViT's images, grouped or not): the first alternative
  // that is a container of tensors, which the code must take too. (Not beside a plain Tensor: then
  // the input may be one.)
  const alternatives = unionMembers(annotation);
  if (alternatives) return alternatives.some(isTensorType) ? undefined : alternatives.map(containerInputKind).find((k) => k !== undefined);
  if (annotation?.k !== 'subscript') return undefined;
  const outer = annotation.obj.k === 'name' ? annotation.obj.id : annotation.obj.k === 'attr' ? annotation.obj.name : undefined;
  const items = annotation.index.k === 'tuple' ? annotation.index.items : [annotation.index];
  if ((outer === 'List' || outer === 'list') && items.length === 1 && isTensorType(items[0])) return 'list';
  if (outer === 'Sequence' && items.length === 1 && isTensorType(items[0])) return 'sequence';
  if ((outer === 'Tuple' || outer === 'tuple') && items.length === 2 && isTensorType(items[0]) && items[1].k === 'ellipsis') return 'tuple';
  if ((outer === 'Dict' || outer === 'dict' || outer === 'OrderedDict' || outer === 'Mapping') && items.length === 2 && items[0].k === 'name' && items[0].id === 'str' && isTensorType(items[1])) return 'dict';
  return undefined;
}

/**
 * Names that say an input holds one tensor per level of a pyramid (`mlvl_feats`,
 * `multi_scale_features`, `levels`), and the two Deformable DETR gives its levels and their
 * position embeddings (`srcs`, `pos_embeds`). A plain plural (`feats`) says no more than a
 * tensor's rows would.
 */
const LEVELS_NAME = /^((mlvl|multi_?level|multi_?scale|ms)_\w+|(\w+_)?levels|srcs|pos_embeds)$/;

/**
 * An input with no annotation that the forward iterates (`for src in srcs`, `zip(srcs, masks)`,
 * a comprehension over it), named as holding levels: a list of tensors. (A tensor iterates too:
 * the name is what says which.)
 */
export function levelsInputKind(body: readonly Stmt[], name: string): ContainerKind | undefined {
  return LEVELS_NAME.test(name) && usedAsSequence(body, name) ? 'list' : undefined;
}

/** Type comments of the analysed files (PEP 484's `# type: (List[Tensor]) -> Tensor`), by analysis. */
const typeCommentsOf = new WeakMap<object, readonly Comment[]>();

export function noteTypeComments(analysis: object, comments: readonly Comment[]): void {
  typeCommentsOf.set(analysis, comments.filter((c) => /^#\s*type:\s*\(/.test(c.text)));
}

/**
 * What a PEP 484 type comment between a def's header and its body says of each parameter after
 * `self`, as containerInputKind reads an annotation; an empty map where there is none.
 */
export function typeCommentKinds(analysis: object, names: readonly string[], from: number, to: number): Map<string, ContainerKind> {
  const out = new Map<string, ContainerKind>();
  const c = typeCommentsOf.get(analysis)?.find((x) => x.range.start >= from && x.range.start < to);
  const m = c && /^#\s*type:\s*\((.*)\)\s*->/.exec(c.text);
  if (!m) return out;
  const parts = splitTopLevel(m[1]);
  if (parts.length !== names.length) return out;
  parts.forEach((t, i) => {
    const kind = typeTextKind(t.trim());
    if (kind) out.set(names[i], kind);
  });
  return out;
}

/** `a, Dict[str, b], c` split at its top-level commas. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '[' || ch === '(') depth++;
    else if (ch === ']' || ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (text.trim() !== '') out.push(text.slice(start));
  return out;
}

function typeTextKind(t: string): ContainerKind | undefined {
  if (/^(?:typing\.)?(?:List|list)\[\s*(?:torch\.)?Tensor\s*\]$/.test(t)) return 'list';
  if (/^(?:typing\.)?Sequence\[\s*(?:torch\.)?Tensor\s*\]$/.test(t)) return 'sequence';
  if (/^(?:typing\.)?(?:Tuple|tuple)\[\s*(?:torch\.)?Tensor\s*,\s*\.\.\.\s*\]$/.test(t)) return 'tuple';
  if (/^(?:typing\.)?(?:Dict|OrderedDict|Mapping|dict)\[\s*str\s*,\s*(?:torch\.)?Tensor\s*\]$/.test(t)) return 'dict';
  return undefined;
}

/** Where a seed goes: a forward argument, or an item of a container input. */
export type SeedSlot = { readonly at: number } | { readonly container: ProbeContainerObj; readonly key: string };

/**
 * The forward arguments of a seeding and the container inputs among them: where each probe sits,
 * so that its seed replaces it there.
 */
export class SeedSlots {
  readonly containers: ProbeContainerObj[] = [];
  constructor(readonly args: Value[]) {}

  /** Where `probe` (or the size list standing for it) sits; undefined when nowhere. */
  locate(probe: Value): SeedSlot | undefined {
    const at = this.args.indexOf(probe);
    if (at >= 0) return { at };
    for (const container of this.containers) {
      const key = container.keyOf(probe);
      if (key !== undefined) return { container, key };
    }
    return undefined;
  }

  /** A new run of forward: every container input as given. */
  startRun(): void {
    for (const c of this.containers) c.startRun();
  }

  put(slot: SeedSlot, v: Value): void {
    this.startRun();
    if ('at' in slot) this.args[slot.at] = v;
    else slot.container.items.set(slot.key, v);
    const c = v.kind === 'object' && v.ref instanceof ProbeContainerObj ? v.ref : undefined;
    if (c && !this.containers.includes(c)) this.containers.push(c);
  }

  /** Item probes read since the last look, each with its label, for the seeding to follow. */
  newItemProbes(isProbe: (v: Value) => boolean, known: ReadonlyMap<Value, string>): [Value, string][] {
    const out: [Value, string][] = [];
    for (const c of this.containers) for (const [k, v] of c.items) if (isProbe(v) && !known.has(v)) out.push([v, c.label(k)]);
    return out;
  }

  /** Every argument and item with `f` applied (sizes the model fixed put in place). */
  mapAll(f: (v: Value) => Value): void {
    for (let i = 0; i < this.args.length; i++) this.args[i] = f(this.args[i]);
    for (const c of this.containers) c.mapItems(f);
  }

  /** How many items the containers have had read: each may take a run of its own to seed. */
  itemCount(): number {
    return this.containers.reduce((n, c) => n + c.items.size, 0);
  }
}

/**
 * An item's seed with sizes of its own where another input's seed already used the name (`H` of
 * `fpns[0]` is not `x`'s `H`: levels of a pyramid differ in size), as `H2`. The batch `B` stays
 * shared (the items of one input are of one batch); where the code needs sizes equal, the seeding
 * solves one for the other.
 */
export function ownItemSizes(seed: Value, seeded: ReadonlyMap<string, string>, name: string, taken: ReadonlySet<string>): Value {
  if (seed.kind !== 'tensor' || !seed.shape) return seed;
  const env = new Map<string, Dim>();
  const used = new Set([...taken, ...seeded.keys()]);
  for (const d of seed.shape) {
    for (const s of d.symbols()) {
      if (s === 'B' || env.has(s) || !seeded.has(s) || seeded.get(s) === name) continue;
      let fresh = `${s}2`;
      for (let i = 3; used.has(fresh); i++) fresh = `${s}${i}`;
      used.add(fresh);
      env.set(s, Dim.sym(fresh));
    }
  }
  return env.size === 0 ? seed : { ...seed, shape: seed.shape.map((d) => d.substitute(env)) };
}
