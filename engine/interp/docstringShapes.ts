// Input shapes a forward's docstring states (`x: input features with shape of (B, H*W, C)`,
// `query (Tensor): The input query with shape [bs, num_queries, embed_dims].`, torchvision's
// `tensor (Tensor): Tensor image of size (C, H, W)`): what an input is when no op of the code says
// more (an elementwise block, a residual sum). The code's own evidence always comes first.
import { Dim } from '../shape/dim';
import type { Stmt } from './ir';

/** Ranks a docstring shape may have (a scalar or a long list is prose, not a shape). */
const MIN_RANK = 1;
const MAX_RANK = 6;

/** Each parameter of `params` whose entry in the docstring opening `body` gives a shape, with its dims. */
export function docstringShapes(body: readonly Stmt[], params: readonly string[]): Map<string, Dim[]> {
  const out = new Map<string, Dim[]>();
  const first = body[0];
  if (first?.k !== 'expr' || first.value.k !== 'str') return out;
  const lines = first.value.value.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)([A-Za-z_]\w*)\s*(?:\([^)]*\))?\s*:(.*)$/.exec(lines[i]);
    if (!m || !params.includes(m[2]) || out.has(m[2])) continue;
    // The entry goes on over the lines indented deeper than its name.
    let text = m[3];
    for (let j = i + 1; j < lines.length && lines[j].trim() !== '' && indent(lines[j]) > m[1].length; j++) text += ` ${lines[j].trim()}`;
    const dims = shapeIn(text);
    if (dims) out.set(m[2], dims);
  }
  return out;
}

function indent(line: string): number {
  return line.length - line.trimStart().length;
}

/** The first `shape (…)` / `size [...]` of an entry, or a shape it opens with (`x: (B, N, C)`). */
function shapeIn(text: string): Dim[] | undefined {
  const m = /\b(?:shape|size)(?:\s+(?:of|is|as))?\s*[:=]?\s*[([]([^()[\]]*)[)\]]/i.exec(text) ?? /^\s*[([]([^()[\]]*)[)\]]/.exec(text);
  return m ? parseDocDims(m[1]) : undefined;
}

/** `B, H*W, C`: numbers, names and products of them; undefined for anything else (`...`, `*`, `N+1`). */
function parseDocDims(spec: string): Dim[] | undefined {
  const items = spec.split(',').map((s) => s.trim());
  if (items.length < MIN_RANK || items.length > MAX_RANK) return undefined;
  const dims: Dim[] = [];
  for (const item of items) {
    const factors = item.split('*').map((f) => f.trim());
    if (factors.some((f) => !/^(?:\d+|[A-Za-z_]\w*)$/.test(f) || f === '_' || f === 'None')) return undefined;
    dims.push(factors.map((f) => (/^\d+$/.test(f) ? Dim.of(Number(f)) : Dim.sym(f))).reduce((a, b) => a.mul(b)));
  }
  return dims;
}
