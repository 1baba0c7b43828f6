// einops's pattern grammar: one side of `'b c (h p1) (w p2) -> ...'` parsed into its axis groups,
// with einops's own error texts. A port of ParsedExpression (einops/parsing.py; citations
// `file:line` point into arogozhnikov/einops 0.9.0dev, as in /work/corpus/arogozhnikov+einops).
import { giveUp } from '../op';
import { pyRepr } from './pyRepr';

/** The ellipsis `...` after parsing: one character (parsing.py:7). */
export const ELLIPSIS = '\u2026';

/** An anonymous axis such as the `2` of `(h 2)`: every occurrence is its own axis (parsing.py:10-24). */
export class AnonymousAxis {
  constructor(readonly value: number) {}

  toString(): string {
    return `${this.value}-axis`;
  }
}

export type Axis = string | AnonymousAxis;
/** One entry of a composition: a group of axes (`(h w)`, `h`, `()`), or the bare ellipsis. */
export type Group = readonly Axis[] | typeof ELLIPSIS;

export interface ParsedExpression {
  readonly hasEllipsis: boolean;
  /** undefined without an ellipsis; true for `(... c)`. */
  readonly hasEllipsisParenthesized: boolean | undefined;
  /** Every axis once, in order of appearance (Python keeps a set; see setText). */
  readonly identifiers: readonly Axis[];
  readonly hasNonUnitaryAnonymousAxes: boolean;
  readonly composition: readonly Group[];
}

/**
 * An EinopsError raised while parsing or planning. The caller adds the context einops adds
 * (`Error while processing ...`, `Error while preparing ...`) before it becomes an op error.
 */
export class EinopsFailure extends Error {
  constructor(message: string) {
    super(message);
  }
}

export function einopsError(message: string): never {
  throw new EinopsFailure(message);
}

/** A Python set of axes as einops prints it: `{'h', 'w'}`, `{2-axis}` (items in first-appearance order). */
export function setText(items: readonly Axis[]): string {
  return `{${items.map((a) => (typeof a === 'string' ? pyRepr(a) : a.toString())).join(', ')}}`;
}

// Python's str predicates, for the characters patterns are made of.
const isAlnum = (ch: string): boolean => /^[\p{L}\p{N}]$/u.test(ch);
const isDecimal = (s: string): boolean => /^\p{Nd}+$/u.test(s);
const isIdentifier = (s: string): boolean => /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(s);

/** check_axis_name_return_reason (parsing.py:123-143); keyword names only warn in einops. */
export function axisNameProblem(name: string, allowUnderscore = false): string | undefined {
  if (!isIdentifier(name)) return 'not a valid python identifier';
  if (name.startsWith('_') || name.endsWith('_')) {
    if (name === '_' && allowUnderscore) return undefined;
    return 'axis name should should not start or end with underscore';
  }
  return undefined;
}

export interface ParseOptions {
  readonly allowUnderscore?: boolean;
  readonly allowDuplicates?: boolean;
}

/** ParsedExpression.__init__ (parsing.py:33-113). */
export function parseExpression(text: string, options: ParseOptions = {}): ParsedExpression {
  let expression = text;
  let hasEllipsis = false;
  let hasEllipsisParenthesized: boolean | undefined;
  let hasNonUnitaryAnonymousAxes = false;
  const identifiers: Axis[] = [];
  const composition: Group[] = [];
  if (expression.includes('.')) {
    if (!expression.includes('...')) einopsError('Expression may contain dots only inside ellipsis (...)'); // parsing.py:43
    if (expression.split('...').length !== 2 || expression.split('.').length !== 4) {
      einopsError('Expression may contain dots only inside ellipsis (...); only one ellipsis for tensor '); // parsing.py:45-47
    }
    expression = expression.replace('...', ELLIPSIS);
    hasEllipsis = true;
  }
  let group: Axis[] | undefined;
  const add = (x: string): void => {
    if (identifiers.includes(x) && !(options.allowUnderscore && x === '_') && !options.allowDuplicates) {
      einopsError(`Indexing expression contains duplicate dimension "${x}"`); // parsing.py:56
    }
    if (x === ELLIPSIS) {
      if (!identifiers.includes(ELLIPSIS)) identifiers.push(ELLIPSIS);
      if (group === undefined) {
        composition.push(ELLIPSIS);
        hasEllipsisParenthesized = false;
      } else {
        group.push(ELLIPSIS);
        hasEllipsisParenthesized = true;
      }
      return;
    }
    const isNumber = isDecimal(x);
    if (isNumber && decimalValue(x) === 1) {
      // A unitary axis: an empty group outside brackets, nothing inside them (parsing.py:67-73).
      if (group === undefined) composition.push([]);
      return;
    }
    const problem = axisNameProblem(x, options.allowUnderscore);
    if (!isNumber && problem !== undefined) einopsError(`Invalid axis identifier: ${x}\n${problem}`); // parsing.py:76
    let axis: Axis = x;
    if (isNumber) {
      const value = decimalValue(x);
      if (value <= 1) {
        einopsError(value === 1 ? 'No need to create anonymous axis of length 1. Report this as an issue' // parsing.py:19
          : `Anonymous axis should have positive length, not ${value}`); // parsing.py:21
      }
      axis = new AnonymousAxis(value);
      hasNonUnitaryAnonymousAxes = true;
    }
    if (!identifiers.includes(axis)) identifiers.push(axis);
    if (group === undefined) composition.push([axis]);
    else group.push(axis);
  };
  let current: string | undefined;
  for (const ch of expression) {
    if (ch === '(' || ch === ')' || ch === ' ') {
      if (current !== undefined) add(current);
      current = undefined;
      if (ch === '(') {
        if (group !== undefined) einopsError('Axis composition is one-level (brackets inside brackets not allowed)'); // parsing.py:95
        group = [];
      } else if (ch === ')') {
        if (group === undefined) einopsError('Brackets are not balanced'); // parsing.py:99
        composition.push(group);
        group = undefined;
      }
    } else if (isAlnum(ch) || ch === '_' || ch === ELLIPSIS) {
      current = (current ?? '') + ch;
    } else {
      einopsError(`Unknown character '${ch}'`); // parsing.py:108
    }
  }
  if (group !== undefined) einopsError(`Imbalanced parentheses in expression: "${expression}"`); // parsing.py:111
  if (current !== undefined) add(current);
  return { hasEllipsis, hasEllipsisParenthesized, identifiers, hasNonUnitaryAnonymousAxes, composition };
}

/** ParsedExpression.has_composed_axes (parsing.py:115-120). */
export function hasComposedAxes(e: ParsedExpression): boolean {
  return e.composition.some((g) => g !== ELLIPSIS && g.length > 1);
}

/** Python's int() of a decimal string; only ASCII digits are worth the trouble here. */
function decimalValue(s: string): number {
  return /^[0-9]+$/.test(s) ? Number(s) : giveUp('non-ASCII digits in an einops pattern');
}
