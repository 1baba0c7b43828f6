// Python's builtin exception hierarchy, for choosing the `except` clause that catches an exception
// whose type the interpreter knows (a TypeError between plain values, `raise ValueError(...)`).
import type { Expr } from './ir';

/** Each builtin exception and its bases (BaseException last). */
const BASES: Record<string, readonly string[]> = {};
const tree: [string, string][] = [
  ['Exception', 'BaseException'], ['ArithmeticError', 'Exception'], ['ZeroDivisionError', 'ArithmeticError'],
  ['OverflowError', 'ArithmeticError'], ['LookupError', 'Exception'], ['IndexError', 'LookupError'], ['KeyError', 'LookupError'],
  ['TypeError', 'Exception'], ['ValueError', 'Exception'], ['AssertionError', 'Exception'], ['RuntimeError', 'Exception'],
  ['NotImplementedError', 'RuntimeError'], ['AttributeError', 'Exception'], ['NameError', 'Exception'], ['StopIteration', 'Exception'],
  ['UnicodeError', 'ValueError'], ['KeyboardInterrupt', 'BaseException'], ['SystemExit', 'BaseException'],
];
BASES.BaseException = ['BaseException'];
for (const [name, base] of tree) BASES[name] = [name, ...BASES[base]];

/** The builtin exception a name stands for, if it is one. */
export function builtinException(name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(BASES, name) ? name : undefined;
}

/**
 * Does `except <type>:` catch a raised builtin exception? The clause names builtin exceptions
 * (`except (KeyError, IndexError):`); a bare `except:` catches everything; a class of the program's
 * own never catches a builtin exception.
 */
export function catches(clause: Expr | undefined, raised: string): boolean {
  if (!clause) return true;
  if (clause.k === 'tuple') return clause.items.some((c) => catches(c, raised));
  const name = clause.k === 'name' ? clause.id : clause.k === 'attr' ? clause.name : undefined;
  return name !== undefined && (BASES[raised] ?? [raised]).includes(name);
}
