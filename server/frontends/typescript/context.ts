// What every lowering function of the TypeScript frontend shares: the source file (node offsets
// need it, parent pointers are not set), IR builders for the hidden JavaScript helpers, and a
// counter for temporaries.
import ts from 'typescript';
import type { Arg, Expr, Range } from '../../../engine/interp/ir';
import { JS_HELPERS } from '../../../engine/interp/jsNames';

export interface LowerContext {
  readonly sf: ts.SourceFile;
  /** Numbers temporaries (`__js_tmp1`) and synthetic parameters within one file. */
  nextTemp: number;
}

/** A node's range without its leading trivia (comments, whitespace). */
export function rangeOf(n: ts.Node, cx: LowerContext): Range {
  return { start: n.getStart(cx.sf), end: n.end };
}

export function unknownAt(n: ts.Node, cx: LowerContext): Expr {
  return { k: 'unknown', range: rangeOf(n, cx) };
}

export function nameExpr(id: string, range: Range): Expr {
  return { k: 'name', id, range };
}

export function strExpr(value: string, range: Range): Expr {
  return { k: 'str', value, range };
}

function positional(values: readonly Expr[]): Arg[] {
  return values.map((value) => ({ value, range: value.range }));
}

/** A call of one of the hidden helpers (`__js_op__("+", a, b)`). */
export function helperCall(helper: keyof typeof JS_HELPERS, args: readonly Expr[], range: Range): Expr {
  return { k: 'call', fn: nameExpr(JS_HELPERS[helper], range), args: positional(args), range };
}

/** `fn(args...)` with positional arguments. */
export function callExpr(fn: Expr, args: readonly Expr[], range: Range): Expr {
  return { k: 'call', fn, args: positional(args), range };
}

export function freshTemp(cx: LowerContext): string {
  return `__js_tmp${++cx.nextTemp}`;
}

/** The text of a property name that is static (`a`, `'a'`, `0`, `#a`), else undefined. */
export function staticPropertyName(name: ts.PropertyName | ts.BindingName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name) && (ts.isStringLiteral(name.expression) || ts.isNumericLiteral(name.expression))) return name.expression.text;
  return undefined;
}
