// einops.einsum(*tensors, pattern): torch.einsum with einops's named axes, tensors first.
// 'b i d, b j d -> b i j' on [B, I, D], [B, J, D] -> [B, I, J]. The pattern is rewritten to
// single letters as einops does (einops/einops.py:784-835, arogozhnikov/einops 0.9.0dev), so
// torch.einsum's checks and messages apply to the same equation torch would see.
import type { Value } from '../../value';
import { tensorArg } from '../args';
import { defineFunction, fail, giveUp, OpFailure } from '../op';
import { einsumShape } from '../math/einsum';
import { tensor } from '../reshape/helpers';
import { ELLIPSIS, EinopsFailure, parseExpression, type Group } from './parsing';

const ASCII_LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** _validate_einsum_axis_name (einops.py:768-781): the one axis name of a group. */
function axisName(group: Group): string {
  if (group.length === 0) fail('einops-einsum', 'NotImplementedError', 'Singleton () axes are not yet supported in einsum.'); // einops.py:770
  if (group.length > 1) fail('einops-einsum', 'NotImplementedError', 'Shape rearrangement is not yet supported in einsum.'); // einops.py:772
  const axis = group[0];
  if (typeof axis !== 'string') fail('einops-einsum', 'NotImplementedError', 'Anonymous axes are not yet supported in einsum.'); // einops.py:777
  return axis;
}

/** _compactify_pattern_for_einsum (einops.py:784-835): `'b i d, b j d -> b i j'` -> `'abc,adc->abd'`. */
export function einsumEquation(pattern: string): string {
  if (!pattern.includes('->')) fail('einops-einsum', 'ValueError', "Einsum pattern must contain '->'."); // einops.py:789
  const parts = pattern.split('->');
  if (parts.length > 2) fail('einops-einsum', 'ValueError', 'too many values to unpack (expected 2)');
  try {
    const lefts = parts[0].split(',').map((l) => parseExpression(l, { allowUnderscore: true, allowDuplicates: true }));
    const right = parseExpression(parts[1], { allowUnderscore: true });
    const letters = new Map<string, string>();
    const terms = lefts.map((left) => left.composition.map((g) => {
      if (g === ELLIPSIS) return '...';
      const name = axisName(g);
      if (!letters.has(name)) {
        if (letters.size >= ASCII_LETTERS.length) fail('einops-einsum', 'RuntimeError', 'Too many axes in einsum.'); // einops.py:813
        letters.set(name, ASCII_LETTERS[letters.size]);
      }
      return letters.get(name)!;
    }).join(''));
    const out = right.composition.map((g) => {
      if (g === ELLIPSIS) return '...';
      const name = axisName(g);
      const letter = letters.get(name);
      if (letter === undefined) fail('einops-einsum', 'EinopsError', `Unknown axis ${name} on right side of einsum ${pattern}.`); // einops.py:831
      return letter;
    }).join('');
    return `${terms.join(',')}->${out}`;
  } catch (e) {
    // Parse errors are einops's own, raised as they are (einsum has no wrapper).
    if (e instanceof EinopsFailure) throw new OpFailure({ code: 'einops-pattern', exception: 'EinopsError', message: e.message });
    throw e;
  }
}

/** einops.einsum(*tensors_and_pattern) (einops.py:854-928). */
export const einsum = defineFunction({
  names: ['einops.einsum'],
  signature: '*tensors_and_pattern',
  onnx(g, call) {
    const items = (call.args.tensors_and_pattern as Extract<Value, { kind: 'tuple' }>).items;
    const pattern = items[items.length - 1];
    if (pattern.kind !== 'str') return g.noKernel('einsum pattern');
    const out = g.dtype(call.output);
    g.flops(2 * g.shape(call.output).reduce((p, q) => p * q, 1));
    return g.op('Einsum', items.slice(0, -1).map((v) => g.inputAs(v, out)), { equation: einsumEquation(pattern.value) });
  },
  rule(args, ctx) {
    const items = (args.tensors_and_pattern as Extract<Value, { kind: 'tuple' }>).items;
    if (items.length <= 1) {
      fail('einops-einsum', 'ValueError', '`einops.einsum` takes at minimum two arguments: the tensors (at least one), followed by the pattern.'); // einops.py:918-920
    }
    const pattern = items[items.length - 1];
    if (pattern.kind === 'unknown' || pattern.kind === 'object') giveUp('einsum pattern');
    if (pattern.kind !== 'str') {
      fail('einops-einsum', 'ValueError', 'The last argument passed to `einops.einsum` must be a string, representing the einsum pattern.'); // einops.py:923-925
    }
    const equation = einsumEquation(pattern.value);
    const ops = items.slice(0, -1).map(tensorArg);
    const shape = einsumShape(ctx, equation, ops);
    const dtypes = new Set(ops.map((o) => o.dtype));
    if (dtypes.size !== 1) giveUp('mixed dtypes');
    return tensor(shape, [...dtypes][0]);
  },
});
