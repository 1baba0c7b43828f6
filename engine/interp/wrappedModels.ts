// A wrapper's constructor argument that is a model nobody names (vit-pytorch's `MPP(transformer,
// ...)` reads `transformer.to_patch_embedding`, `.cls_token`, `.pos_embedding`, `.dropout`,
// `.transformer`): the one model class of the file, else of the file's package (its
// `__init__.py`), whose constructor sets every attribute the wrapper reads of it. Of a few such
// classes the first is assumed, and the hints say so; more, or none, leave the argument as it was.
import type { Expr, Stmt } from './ir';
import { ClassObj, FunctionObj, refOf } from './objects';

/**
 * Fewest reads of the argument: one attribute (`block.expansion`) says too little; one with a call
 * in a method (`dim = attn_layers.dim`, then `self.attn_layers(x)`) is how a model is used.
 */
const MIN_READ = 2;

/** The read that stands for a call of the argument in a method other than the constructor. */
const CALLED = '()';

type Node = { k?: string } & Record<string, unknown>;

/** Every node of `body` (nested functions too), once. */
function* nodes(body: unknown): Generator<Node> {
  const seen = new Set<object>();
  const stack: unknown[] = [body];
  while (stack.length > 0) {
    const n = stack.pop();
    if (n === null || typeof n !== 'object' || seen.has(n)) continue;
    seen.add(n);
    if (Array.isArray(n)) stack.push(...n);
    else {
      yield n as Node;
      stack.push(...Object.values(n));
    }
  }
}

const isSelfAttr = (e: Expr, names: ReadonlySet<string>): boolean => e.k === 'attr' && e.obj.k === 'name' && e.obj.id === 'self' && names.has(e.name);

/** The bodies of the class's own methods. */
function methodBodies(cls: ClassObj): (readonly Stmt[])[] {
  const out: (readonly Stmt[])[] = [];
  for (const v of cls.attrs.values()) {
    const f = refOf(v, FunctionObj);
    if (f && Array.isArray(f.body)) out.push(f.body as readonly Stmt[]);
  }
  return out;
}

/**
 * The attributes `owner` reads of its constructor's argument `param`: `param.x` in the constructor,
 * `self.a.x` where `self.a = param`, and `t.x` where a method's `t = self.a`. Undefined when the
 * constructor calls the argument (`block(dim)`: a class, not a model) or it is used where a class
 * is (`isinstance(x, param)`).
 */
export function attributesRead(owner: ClassObj, init: readonly Stmt[], param: string): Set<string> | undefined {
  const stored = new Set<string>();
  for (const n of nodes(init)) {
    if (n.k !== 'assign') continue;
    const a = n as unknown as Extract<Stmt, { k: 'assign' }>;
    if (a.value?.k === 'name' && a.value.id === param) for (const t of a.targets) if (t.k === 'attr' && t.obj.k === 'name' && t.obj.id === 'self') stored.add(t.name);
  }
  const read = new Set<string>();
  let classLike = false;
  const scan = (body: readonly Stmt[], own: boolean): void => {
    // Names that hold the argument in this body: itself in the constructor, locals set from `self.a`.
    const holders = new Set<string>(own ? [param] : []);
    for (const n of nodes(body)) {
      if (n.k !== 'assign') continue;
      const a = n as unknown as Extract<Stmt, { k: 'assign' }>;
      if (a.value && isSelfAttr(a.value, stored)) for (const t of a.targets) if (t.k === 'name') holders.add(t.id);
    }
    const holds = (e: Expr): boolean => (e.k === 'name' && holders.has(e.id)) || isSelfAttr(e, stored);
    for (const n of nodes(body)) {
      const e = n as unknown as Expr;
      if (e.k === 'attr' && holds(e.obj)) read.add(e.name);
      // (Called in the constructor, it builds something; a model is called in forward.)
      if (e.k === 'call' && holds(e.fn) && own) classLike = true;
      if (e.k === 'call' && holds(e.fn) && !own) read.add(CALLED);
      if (e.k === 'call' && e.fn.k === 'name' && (e.fn.id === 'isinstance' || e.fn.id === 'issubclass') && e.args[1] && holds(e.args[1].value)) classLike = true;
    }
  };
  scan(init, true);
  for (const body of methodBodies(owner)) if (body !== init) scan(body, false);
  return classLike ? undefined : read;
}

/** The attributes a model class's constructors (its bases' too) set on `self`, and its class attributes. */
function attributesSet(cls: ClassObj): Set<string> {
  const out = new Set<string>();
  for (const c of cls.mro()) {
    for (const k of c.attrs.keys()) out.add(k);
    const init = c.attrs.get('__init__');
    const f = init && refOf(init, FunctionObj);
    if (!f || !Array.isArray(f.body)) continue;
    for (const n of nodes(f.body)) {
      const e = n as unknown as Expr | Stmt;
      if (e.k === 'assign') for (const t of e.targets) collectSelfTargets(t, out);
      if (e.k === 'call' && e.fn.k === 'attr' && e.fn.obj.k === 'name' && e.fn.obj.id === 'self' && /^register_(buffer|parameter|module)$/.test(e.fn.name)) {
        const first = e.args[0]?.value;
        if (first?.k === 'str') out.add(first.value);
      }
    }
  }
  return out;
}

function collectSelfTargets(t: Expr, out: Set<string>): void {
  if (t.k === 'attr' && t.obj.k === 'name' && t.obj.id === 'self') out.add(t.name);
  else if (t.k === 'tuple' || t.k === 'list') t.items.forEach((x) => collectSelfTargets(x, out));
}

/** Most model classes that may fit one argument for the first of them to stand for it (named in the hints). */
const MAX_ASSUMED_FITS = 3;

/**
 * The model class the argument must be: among `groups` (the file's classes, then the package's),
 * the first group with exactly one module class that sets every attribute read (`others` empty).
 * Of a few unrelated classes that all fit (x-transformers' AutoregressiveWrapper reads
 * `net.max_seq_len`, which TransformerWrapper and ContinuousTransformerWrapper both set), the
 * first, with the others in `others`: an assumption the hints must say. Undefined when the reads
 * are too few, or more classes fit, or the wrapper reads parts of the model rather than running it
 * (the first group with any decides).
 */
export function wrappedModelClass(read: ReadonlySet<string>, owner: ClassObj, groups: readonly (() => readonly ClassObj[])[]): { chosen: ClassObj; others: ClassObj[] } | undefined {
  if (read.size < MIN_READ) return undefined;
  // (Each class's attributes walked once, not once per attribute read.)
  const setBy = new Map<ClassObj, Set<string>>();
  const sets = (c: ClassObj): Set<string> => {
    let out = setBy.get(c);
    if (!out) setBy.set(c, (out = attributesSet(c)));
    return out;
  };
  for (const group of groups) {
    const fits = [...new Set(group())].filter((c) => c.isModule && !c.frameworkBase && c !== owner && !c.mro().includes(owner) && !owner.mro().includes(c)
      && [...read].every((a) => a === CALLED || sets(c).has(a)));
    if (fits.length === 1) return { chosen: fits[0], others: [] };
    if (fits.length === 0) continue;
    const root = sharedForwardRoot(fits);
    if (root) return { chosen: root, others: [] };
    // (Only a model the wrapper runs whole, its own forward answering for it: one whose parts the
    // wrapper calls, `encoder.stem(x)`, would have those parts' sizes solved to fit the wrong model.)
    // (Nor a family whose subclass has a forward of its own: sharedForwardRoot left it undecided.)
    const unrelated = fits.every((c) => fits.every((d) => c === d || !c.mro().includes(d)));
    return read.has(CALLED) && unrelated && fits.length <= MAX_ASSUMED_FITS ? { chosen: fits[0], others: fits.slice(1) } : undefined;
  }
  return undefined;
}

/**
 * Of several classes that fit, the one every other subclasses without a forward of its own
 * (x-transformers-style `Encoder`, `Decoder` over `AttentionLayers`, which only change the
 * constructor's defaults): the model they all run. Undefined when they are not one such family.
 */
function sharedForwardRoot(fits: readonly ClassObj[]): ClassObj | undefined {
  const roots = fits.filter((r) => fits.every((c) => c === r || c.mro().includes(r)));
  if (roots.length !== 1) return undefined;
  const root = roots[0];
  const ownForward = (c: ClassObj): boolean => c.mro().slice(0, c.mro().indexOf(root)).some((k) => k.attrs.has('forward'));
  return fits.every((c) => c === root || !ownForward(c)) ? root : undefined;
}
