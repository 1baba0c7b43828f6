// JavaScript's operators on abstract values: one number type (an integral result is an int, so
// `units / 2` can size a layer), `+` concatenating strings, remainder with the dividend's sign,
// `==` treating null and undefined alike. Tensors and objects have no arithmetic in JavaScript
// (a tensor operand gives NaN or a string), so any such operand gives Unknown, never a PyTorch op.
import { Dim } from '../shape/dim';
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import type { BinaryOp, CompareOp } from './ir';
import { DictObj, refOf } from './objects';
import { bool, int, numberOf, str } from './pyvalues';
import { scalarBinary, scalarCompare } from './pyOperators';

/** A number as JavaScript holds it: an int when integral (symbolic ints stay ints). */
export function jsNumber(n: number): Value {
  return Number.isInteger(n) ? int(n) : { kind: 'float', value: n };
}

/** Python floats that hold an integral value become ints (JavaScript does not tell them apart). */
export function normalizeNumber(v: Value): Value {
  return v.kind === 'float' && Number.isInteger(v.value) ? int(v.value) : v;
}

function isNumeric(v: Value): boolean {
  return v.kind === 'int' || v.kind === 'float' || v.kind === 'bool';
}

const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '**', '&', '|', '^', '<<', '>>', '>>>']);
const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);

export function jsOperator(op: string, a: Value, b: Value): Value {
  if (ARITHMETIC.has(op)) return arithmetic(op, a, b);
  if (COMPARISONS.has(op)) return compare(op as CompareOp, a, b);
  if (op === 'in') return inOperator(a, b);
  return UNKNOWN;
}

function arithmetic(op: string, a: Value, b: Value): Value {
  if (op === '+' && (a.kind === 'str' || b.kind === 'str')) {
    const text = (v: Value): string | undefined => (v.kind === 'str' ? v.value : isNumeric(v) ? String(numberOf(v) ?? '') : v.kind === 'none' ? 'null' : undefined);
    const [x, y] = [text(a), text(b)];
    return x !== undefined && y !== undefined && (a.kind !== 'int' || a.dim.isKnown) && (b.kind !== 'int' || b.dim.isKnown) ? str(x + y) : UNKNOWN;
  }
  if (!isNumeric(a) || !isNumeric(b)) return UNKNOWN;
  const x = numberOf(a);
  const y = numberOf(b);
  switch (op) {
    case '/': {
      if (x !== undefined && y !== undefined) return y === 0 ? UNKNOWN : jsNumber(x / y);
      // A symbolic size divided exactly (`2 * H / 2`) stays symbolic; otherwise the value is unknown.
      if (a.kind === 'int' && b.kind === 'int' && y !== undefined && y !== 0) {
        const q = a.dim.floordiv(y);
        return q && q.mul(y).equals(a.dim) === 'yes' ? int(q) : UNKNOWN;
      }
      return UNKNOWN;
    }
    case '%':
      if (x !== undefined && y !== undefined) return y === 0 ? UNKNOWN : jsNumber(x % y);
      return a.kind === 'int' && b.kind === 'int' && y !== undefined && y > 0 ? (a.dim.mod(y) ? int(a.dim.mod(y)!) : UNKNOWN) : UNKNOWN;
    case '&': case '|': case '^': case '<<': case '>>': case '>>>': {
      if (x === undefined || y === undefined) return UNKNOWN;
      const r = op === '&' ? x & y : op === '|' ? x | y : op === '^' ? x ^ y : op === '<<' ? x << y : op === '>>' ? x >> y : x >>> y;
      return int(r);
    }
    default: {
      const r = scalarBinary(op as BinaryOp, a.kind === 'bool' ? int(Number(a.value)) : a, b.kind === 'bool' ? int(Number(b.value)) : b);
      return r ? normalizeNumber(r) : UNKNOWN;
    }
  }
}

function compare(op: CompareOp, a: Value, b: Value): Value {
  if (a.kind === 'tensor' || b.kind === 'tensor' || a.kind === 'object' || b.kind === 'object') {
    // Objects compare by identity.
    if ((op === '==' || op === '!=') && a.kind === 'object' && b.kind === 'object' && a.ref === b.ref) return bool(op === '==');
    if ((op === '==' || op === '!=') && (a.kind === 'none' || b.kind === 'none') && a.kind !== 'unknown' && b.kind !== 'unknown') return bool(op === '!=');
    return UNKNOWN;
  }
  if ((op === '==' || op === '!=') && (a.kind === 'list' || b.kind === 'list' || a.kind === 'tuple' || b.kind === 'tuple')) return UNKNOWN;
  const r = scalarCompare(op, a, b);
  return r === undefined ? UNKNOWN : bool(r);
}

/** `key in obj`: an own property of an object literal, an index of an array. */
function inOperator(key: Value, container: Value): Value {
  const d = refOf(container, DictObj);
  const name = key.kind === 'str' ? key.value : key.kind === 'int' && key.dim.isKnown ? String(key.dim.value) : undefined;
  if (d) return name === undefined ? UNKNOWN : bool(d.entries.has(`s:${name}`));
  if (container.kind === 'list' || container.kind === 'tuple') {
    const i = name !== undefined && /^\d+$/.test(name) ? Number(name) : undefined;
    return i === undefined ? UNKNOWN : bool(i < container.items.length);
  }
  return UNKNOWN;
}

export { Dim };
