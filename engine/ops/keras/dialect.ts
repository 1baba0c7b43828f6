// The two voices of the Keras catalogue: Keras Python ('keras') and TensorFlow.js ('tfjs') print
// shapes and name layers differently in their errors. A rule asks its KerasCtx, never both.
import type { Dim } from '../../shape/dim';
import type { Shape } from '../../shape/shape';
import type { Value } from '../../value';
import { fail, type Dialect, type OpContext } from '../op';
import { pyRepr } from '../pool/poolShape';

export type { Dialect };

/** What a Keras rule needs besides its arguments: the op context, the dialect, the layer's name. */
export interface KerasCtx {
  readonly op: OpContext;
  readonly dialect: Dialect;
  /** The layer's `name`, as its error messages print it. */
  readonly name: string;
}

export function dialectOf(ctx: OpContext): Dialect {
  return ctx.dialect ?? 'keras';
}

/** One dimension as Python prints it: `None` for an unknown size, else the number or expression. */
function pyDim(d: Dim): string {
  return d.isNone ? 'None' : d.toString();
}

/** A shape as Keras prints it: a Python tuple, `(None, 28, 28)`, `(5,)`, `()`. */
export function pyShape(shape: Shape): string {
  return shape.length === 1 ? `(${pyDim(shape[0])},)` : `(${shape.map(pyDim).join(', ')})`;
}

/** A shape as a Python list, `[None, 28, 28]` (Keras messages that print lists). */
export function pyList(shape: readonly Dim[]): string {
  return `[${shape.map(pyDim).join(', ')}]`;
}

/** A shape as TF.js interpolates an array into a string: `null` prints as nothing, `,28,28`. */
export function jsShape(shape: readonly (Dim | number)[]): string {
  return shape.map((d) => (typeof d === 'number' ? String(d) : d.isNone ? '' : d.toString())).join(',');
}

/** A shape as TF.js's JSON.stringify prints it: `[null,28,28]`. */
export function jsonShape(shape: readonly Dim[]): string {
  return `[${shape.map((d) => (d.isNone ? 'null' : d.toString())).join(',')}]`;
}

/** Several shapes as JSON.stringify prints a list of them: `[[null,4],[null,5]]`. */
export function jsonShapes(shapes: readonly Shape[]): string {
  return `[${shapes.map(jsonShape).join(',')}]`;
}

/**
 * An argument as a Python f-string prints it: str(), so a string shows bare (`x`) while the
 * strings inside a tuple show quoted (`(1, 'a')`).
 */
export function pyValue(v: Value): string {
  return v.kind === 'str' ? v.value : pyRepr(v);
}

/** An argument as TF.js's JSON.stringify prints it: `[3,3]`, `3`, `"same"`, `null`. */
export function jsonValue(v: Value): string {
  switch (v.kind) {
    case 'int': return v.dim.isNone ? 'null' : v.dim.toString();
    case 'float': return String(v.value);
    case 'bool': return String(v.value);
    case 'none': return 'null';
    case 'str': return JSON.stringify(v.value);
    case 'tuple':
    case 'list': return `[${v.items.map(jsonValue).join(',')}]`;
    default: return '?';
  }
}

/** Raise a Keras/TF.js error (both frameworks raise ValueError for shape and config problems). */
export function kerasFail(code: string, message: string, exception = 'ValueError'): never {
  return fail(code, exception, message);
}
