// The input an einops pattern describes, for code nobody calls: `'b c (h p1) (w p2) -> ...'`
// with p1 = p2 = 16 takes [b, c, 16*h, 16*w]. Undefined when the pattern leaves the rank open
// (an ellipsis) or does not parse.
import { Dim } from '../../shape/dim';
import { AnonymousAxis, ELLIPSIS, parseExpression } from './parsing';

export function einopsPatternInput(pattern: string, axesLengths: readonly (readonly [string, Dim])[]): Dim[] | undefined {
  const arrow = pattern.indexOf('->');
  const left = arrow < 0 ? pattern : pattern.slice(0, arrow);
  try {
    const parsed = parseExpression(left, { allowUnderscore: true, allowDuplicates: true });
    if (parsed.hasEllipsis) return undefined;
    const given = new Map(axesLengths);
    return parsed.composition.map((group) => {
      if (group === ELLIPSIS) throw new Error('ellipsis');
      return group.reduce<Dim>((acc, axis) => acc.mul(axis instanceof AnonymousAxis ? Dim.of(axis.value) : given.get(axis) ?? Dim.sym(axis)), Dim.of(1));
    });
  } catch {
    return undefined;
  }
}
