// torch.einsum: subscripts with explicit or implicit output, ellipsis and repeated indices.
// 'bij,bjk->bik' on [B, n, m], [B, m, p] -> [B, n, p]
import { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { strArg, tensor, tensorArg, type TensorArg } from '../args';
import { defineFunction, fail, giveUp, requireEqual, type OpContext } from '../op';
import { dtypeOf } from './promote';
import { promoteTypes, type DType } from '../dtype';

const err = (message: string): never => fail('einsum', 'RuntimeError', `einsum(): ${message}`);

interface Term {
  readonly labels: string[];
  /** Index in `labels` where the ellipsis stands, if any. */
  readonly ellipsis: number | undefined;
}

function parseTerm(text: string): Term {
  const at = text.indexOf('...');
  if (at >= 0 && text.indexOf('...', at + 3) >= 0) giveUp('several ellipses');
  const body = at >= 0 ? text.slice(0, at) + text.slice(at + 3) : text;
  if (!/^[A-Za-z]*$/.test(body)) giveUp('unsupported subscript');
  return { labels: [...body], ellipsis: at >= 0 ? at : undefined };
}

/** Operands come as varargs or as one list: einsum('ij,jk', a, b) or einsum('ij,jk', [a, b]). */
function operandsOf(rest: readonly Value[]): TensorArg[] {
  if (rest.length === 1 && (rest[0].kind === 'list' || rest[0].kind === 'tuple')) return rest[0].items.map(tensorArg);
  return rest.map(tensorArg);
}

export function einsumShape(ctx: OpContext, equation: string, ops: readonly TensorArg[]): Shape {
  const eq = equation.replace(/\s+/g, '');
  const arrow = eq.indexOf('->');
  const lhs = arrow >= 0 ? eq.slice(0, arrow) : eq;
  const terms = lhs.split(',').map(parseTerm);
  if (ops.length < terms.length) err('fewer operands were provided than specified in the equation');
  if (ops.length > terms.length) err('more operands were provided than specified in the equation');
  const sizes = new Map<string, Dim>();
  const counts = new Map<string, number>();
  // Ellipsis dims of all operands, aligned on the right, broadcast in operand order.
  const ellRank = Math.max(0, ...terms.map((term, i) => (term.ellipsis === undefined ? 0 : ops[i].shape.length - term.labels.length)));
  const ellipsisShape: (Dim | undefined)[] = new Array(ellRank).fill(undefined);
  let anyEllipsis = false;
  terms.forEach((term, i) => {
    const shape = ops[i].shape;
    const n = term.labels.length;
    if (term.ellipsis === undefined && n !== shape.length) {
      err(`the number of subscripts in the equation (${n}) does not match the number of dimensions (${shape.length}) for operand ${i} and no ellipsis was given`);
    }
    if (term.ellipsis !== undefined && n > shape.length) {
      err(`the number of subscripts in the equation (${n}) is more than the number of dimensions (${shape.length}) for operand ${i}`);
    }
    const ell = shape.length - n;
    const dims: Dim[] = [];
    term.labels.forEach((_, j) => dims.push(shape[term.ellipsis !== undefined && j >= term.ellipsis ? j + ell : j]));
    if (term.ellipsis !== undefined) {
      anyEllipsis = true;
      for (let j = 0; j < ell; j++) {
        const size = shape[term.ellipsis + j];
        const p = ellRank - ell + j;
        const prev = ellipsisShape[p];
        if (prev === undefined || prev.value === 1) ellipsisShape[p] = size;
        else if (size.value !== 1) {
          requireEqual(ctx, size, prev, () => ({
            code: 'einsum', exception: 'RuntimeError',
            message: `einsum(): dimension ${term.ellipsis! + j} covered by ellipsis in operand ${i}has size ${size} which does not broadcast with previously seen ellipsis with size ${prev} for the respective dimension`,
          }));
        }
      }
    }
    const local = new Map<string, Dim>();
    term.labels.forEach((label, j) => {
      const size = dims[j];
      const prev = local.get(label);
      counts.set(label, (counts.get(label) ?? 0) + 1);
      if (prev !== undefined) {
        requireEqual(ctx, size, prev, () => ({
          code: 'einsum', exception: 'RuntimeError',
          message: `einsum(): subscript ${label} is repeated for operand ${i} but the sizes don't match, ${size} != ${prev}`,
        }));
        return;
      }
      local.set(label, size);
      const seen = sizes.get(label);
      if (seen === undefined || seen.value === 1) sizes.set(label, size);
      else if (size.value !== 1) {
        requireEqual(ctx, size, seen, () => ({
          code: 'einsum', exception: 'RuntimeError',
          message: `einsum(): subscript ${label} has size ${size} for operand ${i} which does not broadcast with previously seen size ${seen}`,
        }));
      }
    });
  });
  let out: Term;
  if (arrow >= 0) {
    out = parseTerm(eq.slice(arrow + 2));
    const seenOut = new Set<string>();
    for (const label of out.labels) {
      if (!sizes.has(label)) err(`output subscript ${label} does not appear in the equation for any input operand`);
      if (seenOut.has(label)) err(`output subscript ${label} appears more than once in the output`);
      seenOut.add(label);
    }
  } else {
    // Implicit output: the ellipsis, then labels used exactly once, in alphabetical order.
    const once = [...counts].filter(([, c]) => c === 1).map(([l]) => l).sort();
    out = { labels: once, ellipsis: 0 };
  }
  const result: Dim[] = out.labels.map((l) => sizes.get(l)!);
  if (out.ellipsis !== undefined && anyEllipsis) result.splice(out.ellipsis, 0, ...ellipsisShape.map((d) => d ?? Dim.of(1)));
  return result;
}

/**
 * The dtype of an einsum of two operands of different dtypes that sums no label they share: PyTorch
 * multiplies such operands elementwise, promoting them (rotary embeddings' `einsum('i , j -> i j',
 * positions, inv_freq)` of int positions is float). A shared label summed goes through bmm, which
 * refuses mixed dtypes: undefined then, as for any other equation.
 */
function productDtype(equation: string, ops: readonly TensorArg[]): DType | undefined {
  if (ops.length !== 2 || ops.some((o) => o.shape.length === 0 || o.dtype === undefined)) return undefined;
  const eq = equation.replace(/\s+/g, '');
  const arrow = eq.indexOf('->');
  if (arrow < 0) return undefined;
  const [a, b] = eq.slice(0, arrow).split(',').map(parseTerm);
  const out = parseTerm(eq.slice(arrow + 2));
  if ((a.ellipsis !== undefined || b.ellipsis !== undefined) && out.ellipsis === undefined) return undefined;
  if (a.labels.some((l) => b.labels.includes(l) && !out.labels.includes(l))) return undefined;
  return promoteTypes(ops[0].dtype!, ops[1].dtype!);
}

export const einsum = defineFunction({
  names: ['torch.einsum'],
  signature: '*args',
  onnx(g, call) {
    const items = call.args.args.kind === 'tuple' ? call.args.args.items : [];
    const eq = items[0];
    if (!eq || eq.kind !== 'str') return g.noKernel('einsum without an equation string');
    const rest = items.slice(1);
    const operands = rest.length === 1 && (rest[0].kind === 'list' || rest[0].kind === 'tuple') ? rest[0].items : rest;
    const out = g.dtype(call.output);
    g.flops(2 * g.shape(call.output).reduce((p, q) => p * q, 1));
    return g.op('Einsum', operands.map((v) => g.inputAs(v, out)), { equation: eq.value.replace(/\s+/g, '') });
  },
  rule(args, ctx) {
    const all = (args.args as Extract<Value, { kind: 'tuple' }>).items;
    if (all.length === 0) giveUp('no equation');
    const ops = operandsOf(all.slice(1));
    const shape = einsumShape(ctx, strArg(all[0]), ops);
    const dtypes = new Set(ops.map(dtypeOf));
    if (dtypes.size !== 1) return tensor(shape, productDtype(strArg(all[0]), ops) ?? giveUp('mixed dtypes'));
    return tensor(shape, [...dtypes][0]);
  },
});
