// einops.parse_shape(x, pattern): a dict of axis name -> length. parse_shape([B, 3, H, W],
// 'b _ h w') -> {'b': B, 'h': H, 'w': W}. A port of einops/einops.py:666-725 (arogozhnikov/einops
// 0.9.0dev, /work/corpus/arogozhnikov+einops) with its error texts.
import { Dim } from '../../shape/dim';
import type { Value } from '../../value';
import { strArg, tensorArg } from '../args';
import { defineFunction, fail, OpFailure, requireEqual } from '../op';
import { noTensorLowering } from '../common/onnx';
import { ELLIPSIS, EinopsFailure, hasComposedAxes, parseExpression, type Group } from './parsing';
import { torchSizeText } from './pyRepr';

export const parseShape = defineFunction({
  names: ['einops.parse_shape'],
  signature: 'x, pattern',
  onnx: noTensorLowering,
  rule(args, ctx) {
    const x = tensorArg(args.x);
    const pattern = strArg(args.pattern);
    let exp;
    try {
      exp = parseExpression(pattern, { allowUnderscore: true });
    } catch (e) {
      if (e instanceof EinopsFailure) throw new OpFailure({ code: 'einops-pattern', exception: 'EinopsError', message: e.message });
      throw e;
    }
    const shape = x.shape;
    const where = `${pattern} ${torchSizeText(shape)}`;
    const raise = (message: string): never => fail('einops-parse-shape', 'RuntimeError', `${message}: ${where}`);
    if (hasComposedAxes(exp)) raise("Can't parse shape with composite axes"); // einops.py:695
    const n = exp.composition.length;
    if (shape.length !== n) {
      if (!exp.hasEllipsis) raise("Can't parse shape with different number of dimensions"); // einops.py:701
      if (shape.length < n - 1) raise("Can't parse shape with this number of dimensions"); // einops.py:699
    }
    let composition: readonly (Group | '_')[] = exp.composition;
    if (exp.hasEllipsis) {
      const i = exp.composition.indexOf(ELLIPSIS);
      // `(...)` is a group, not the ellipsis itself: list.index fails (einops.py:703).
      if (i < 0) fail('einops-parse-shape', 'ValueError', `'${ELLIPSIS}' is not in list`);
      composition = [...exp.composition.slice(0, i), ...Array<'_'>(shape.length - n + 1).fill('_'), ...exp.composition.slice(i + 1)];
    }
    const entries: [Value, Value][] = [];
    composition.forEach((axes, k) => {
      const length = shape[k];
      if (axes === '_') return;
      if (axes.length === 0) {
        requireEqual(ctx, length, Dim.of(1), () => ({ code: 'einops-parse-shape', exception: 'RuntimeError', message: `Length of axis is not 1: ${where}` })); // einops.py:716
        return;
      }
      const axis = axes[0];
      if (typeof axis === 'string') {
        if (axis === '_') return;
        const at = entries.findIndex(([key]) => key.kind === 'str' && key.value === axis);
        if (at >= 0) entries[at] = [entries[at][0], { kind: 'int', dim: length }];
        else entries.push([{ kind: 'str', value: axis }, { kind: 'int', dim: length }]);
      } else {
        requireEqual(ctx, length, Dim.of(axis.value), () => ({
          code: 'einops-parse-shape', exception: 'RuntimeError', message: `Length of anonymous axis does not match: ${where}`, // einops.py:724
        }));
      }
    });
    return { kind: 'dict', entries };
  },
});
