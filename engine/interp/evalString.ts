// `eval(text)` as model code uses it on config strings (yolov5's `eval('nn.Upsample')`,
// `eval('None')`): only literals and names are understood, by reading, never by running code.
import type { Value } from '../value';
import { NONE } from '../value';
import { bool, float, int, str } from './pyvalues';

/** The value of a Python literal written alone (`3`, `-0.5`, `1e-3`, `None`, `'nearest'`), undefined for anything else. */
export function literalValue(text: string): Value | undefined {
  const t = text.trim();
  if (t === 'None') return NONE;
  if (t === 'True' || t === 'False') return bool(t === 'True');
  // Decimal ints (CPython refuses leading zeros such as 007); big ones are left alone.
  if (/^[-+]?(0|[1-9]\d*)$/.test(t)) {
    const n = Number(t);
    return Number.isSafeInteger(n) ? int(n) : undefined;
  }
  if (/^[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?$/.test(t)) return float(Number(t));
  // A quoted string with no escapes or quotes inside.
  const q = /^(['"])([^'"\\\n]*)\1$/.exec(t);
  if (q) return str(q[2]);
  return undefined;
}

/** Names CPython's builtins define: eval of one we do not model is unknown, never a NameError. */
export const PYTHON_BUILTIN_NAMES = new Set([
  'abs', 'aiter', 'all', 'anext', 'any', 'ascii', 'bin', 'bool', 'breakpoint', 'bytearray', 'bytes', 'callable', 'chr',
  'classmethod', 'compile', 'complex', 'copyright', 'credits', 'delattr', 'dict', 'dir', 'divmod', 'enumerate', 'eval',
  'exec', 'exit', 'filter', 'float', 'format', 'frozenset', 'getattr', 'globals', 'hasattr', 'hash', 'help', 'hex', 'id',
  'input', 'int', 'isinstance', 'issubclass', 'iter', 'len', 'license', 'list', 'locals', 'map', 'max', 'memoryview',
  'min', 'next', 'object', 'oct', 'open', 'ord', 'pow', 'print', 'property', 'quit', 'range', 'repr', 'reversed', 'round',
  'set', 'setattr', 'slice', 'sorted', 'staticmethod', 'str', 'sum', 'super', 'tuple', 'type', 'vars', 'zip',
  '__build_class__', '__debug__', '__doc__', '__import__', '__loader__', '__name__', '__package__', '__spec__',
  'Ellipsis', 'NotImplemented', 'BaseException', 'Exception', 'ArithmeticError', 'AssertionError', 'AttributeError',
  'BufferError', 'EOFError', 'FloatingPointError', 'GeneratorExit', 'ImportError', 'IndexError', 'KeyError',
  'KeyboardInterrupt', 'LookupError', 'MemoryError', 'ModuleNotFoundError', 'NameError', 'NotImplementedError', 'OSError',
  'OverflowError', 'RecursionError', 'ReferenceError', 'RuntimeError', 'StopIteration', 'StopAsyncIteration', 'SyntaxError',
  'SystemError', 'SystemExit', 'TypeError', 'UnboundLocalError', 'UnicodeError', 'ValueError', 'ZeroDivisionError',
  'Warning', 'UserWarning', 'DeprecationWarning', 'RuntimeWarning', 'FutureWarning', 'IOError', 'EnvironmentError',
]);
