// Classes the attrs library writes the __init__ of (`@attr.s` with `attr.ib()` fields, `@define`,
// `@frozen`; glide's CLIP encoders are nn.Modules so built): their fields, as dataclass fields,
// and `__attrs_post_init__`, which the generated __init__ calls last. attrs itself is not read.
import type { Expr, Stmt } from './ir';
import type { Value } from '../value';
import type { DataclassField } from './objects';

/**
 * Whether a class decorator is one of attrs' (`attr.s`, `attr.attrs`, `attr.define`,
 * `attrs.define`, `attr.frozen`, `attr.mutable`, called or not); 'auto' where annotated names
 * are fields without `attr.ib()` (the `define` family), 'ib' where only `attr.ib()` ones are.
 */
export function attrsDecorator(d: Expr): 'auto' | 'ib' | undefined {
  const callee = d.k === 'call' ? d.fn : d;
  if (callee.k !== 'attr' || callee.obj.k !== 'name' || (callee.obj.id !== 'attr' && callee.obj.id !== 'attrs')) return undefined;
  if (callee.name === 's' || callee.name === 'attrs') {
    const auto = d.k === 'call' && d.args.some((a) => a.name === 'auto_attribs' && a.value.k === 'bool' && a.value.value);
    return auto ? 'auto' : 'ib';
  }
  return ['define', 'frozen', 'mutable'].includes(callee.name) ? 'auto' : undefined;
}

/** `attr.ib(...)`, `attr.attrib(...)`, `attrs.field(...)`: its keyword arguments; undefined otherwise. */
function fieldCall(e: Expr | undefined): readonly { name?: string; value: Expr }[] | undefined {
  if (!e || e.k !== 'call' || e.fn.k !== 'attr' || e.fn.obj.k !== 'name' || (e.fn.obj.id !== 'attr' && e.fn.obj.id !== 'attrs')) return undefined;
  return ['ib', 'attrib', 'field'].includes(e.fn.name) ? e.args : undefined;
}

/**
 * The fields of an attrs class body, in order, after its bases' (`eval` evaluates a default in
 * the class body): a field with `init=False` is left out (its default is set as a class value).
 * Undefined where a field says what we do not follow (a converter, a positional default).
 */
export function attrsFields(
  bases: readonly DataclassField[], body: readonly Stmt[], kind: 'auto' | 'ib', evaluate: (e: Expr) => Value,
): DataclassField[] | undefined {
  const fields = new Map<string, DataclassField>(bases.map((f) => [f.name, f]));
  for (const s of body) {
    if (s.k !== 'assign' || s.targets.length !== 1 || s.targets[0].k !== 'name') continue;
    const name = s.targets[0].id;
    const args = fieldCall(s.value);
    if (args) {
      if (args.some((a) => !a.name || a.name === 'converter')) return undefined;
      if (args.some((a) => a.name === 'init' && a.value.k === 'bool' && !a.value.value)) continue;
      const dflt = args.find((a) => a.name === 'default');
      const factory = args.find((a) => a.name === 'factory');
      // `default=attr.Factory(list)`: a factory.
      const wrapped = dflt && dflt.value.k === 'call' && dflt.value.fn.k === 'attr' && dflt.value.fn.name === 'Factory' && dflt.value.args.length === 1 ? dflt.value.args[0].value : undefined;
      if (wrapped) fields.set(name, { name, factory: evaluate(wrapped) });
      else fields.set(name, { name, default: dflt ? evaluate(dflt.value) : undefined, factory: factory ? evaluate(factory.value) : undefined });
    } else if (kind === 'auto' && s.annotation && !(s.annotation.k === 'subscript' && s.annotation.obj.k === 'name' && s.annotation.obj.id === 'ClassVar')) {
      fields.set(name, { name, default: s.value ? evaluate(s.value) : undefined });
    }
  }
  return [...fields.values()];
}
