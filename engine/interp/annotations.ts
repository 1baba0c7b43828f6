// Shapes written by the user: jaxtyping-style annotations (`Float[Tensor, "B 1 28 28"]`) and
// the comment form `# shape: x = [B, 1, 28, 28]`. Both seed a forward pass with these inputs.
import { Dim } from '../shape/dim';
import type { Value } from '../value';
import type { DType } from '../ops/dtype';
import type { Comment, Expr } from './ir';

const JAXTYPING_DTYPES: Record<string, DType> = {
  Float: 'float32', Float32: 'float32', Float64: 'float64', Float16: 'float16', BFloat16: 'bfloat16',
  Int: 'int64', Int64: 'int64', Int32: 'int32', Int8: 'int8', UInt8: 'uint8', Bool: 'bool', Shaped: 'float32', Num: 'float32', Real: 'float32',
};

/** Parse dims such as `B 1 28 28` or `B, 1, 28, 28`; undefined for variadic or odd specs. */
export function parseDims(spec: string): Dim[] | undefined {
  const parts = spec.split(/[\s,]+/).filter(Boolean);
  const out: Dim[] = [];
  for (const p of parts) {
    if (/^\d+$/.test(p)) out.push(Dim.of(Number(p)));
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(p) && p !== '_') out.push(Dim.sym(p));
    else if (p === '_' || p === '?') out.push(Dim.unknown());
    else return undefined; // `*batch`, `...`, `#x`, expressions: not a fixed rank
  }
  return out;
}

/** `Float[Tensor, "B 1 28 28"]` -> a tensor value; anything else -> undefined. */
export function annotationShape(e: Expr): Value | undefined {
  if (e.k !== 'subscript' || e.index.k !== 'tuple' || e.index.items.length !== 2) return undefined;
  const head = e.obj.k === 'name' ? e.obj.id : e.obj.k === 'attr' ? e.obj.name : undefined;
  if (!head || !(head in JAXTYPING_DTYPES)) return undefined;
  const spec = e.index.items[1];
  if (spec.k !== 'str') return undefined;
  const dims = parseDims(spec.value);
  return dims ? { kind: 'tensor', shape: dims, dtype: JAXTYPING_DTYPES[head] } : undefined;
}

export interface ShapeComment {
  readonly name: string;
  readonly value: Value;
  readonly offset: number;
}

/** `# shape: x = [B, 1, 28, 28]` (several `name = [...]` may follow, separated by `;`). */
export function parseShapeComments(comments: readonly Comment[]): ShapeComment[] {
  const out: ShapeComment[] = [];
  for (const c of comments) {
    const m = /^#\s*shape:\s*(.*)$/.exec(c.text);
    if (!m) continue;
    for (const part of m[1].split(';')) {
      const a = /^\s*([A-Za-z_]\w*)\s*=\s*\[([^\]]*)\]\s*(?:(\w+))?\s*$/.exec(part);
      if (!a) continue;
      const dims = parseDims(a[2]);
      if (!dims) continue;
      const dtype = (a[3] as DType | undefined) ?? 'float32';
      out.push({ name: a[1], value: { kind: 'tensor', shape: dims, dtype }, offset: c.range.start });
    }
  }
  return out;
}
