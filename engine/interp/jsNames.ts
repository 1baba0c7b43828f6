// Names of the hidden helpers the TypeScript frontend lowers JavaScript's own semantics into
// (arithmetic on numbers, property writes, destructuring). They start with `__js_` so no user
// name reaches them; the JavaScript profile (javascript.ts) defines them as builtins.
export const JS_HELPERS = {
  /** `__js_op__(op, a, b)`: a binary operator or comparison with JavaScript's rules. */
  op: '__js_op__',
  /** `__js_get__(obj, key)`: `obj[key]`. */
  get: '__js_get__',
  /** `__js_set__(obj, key, value)`: `obj.key = value` and `obj[key] = value`. */
  set: '__js_set__',
  /** `__js_pick__(obj, [keys], [defaults], rest)`: the values of an object pattern, as a tuple. */
  pick: '__js_pick__',
  /** `__js_items__(array, n, [defaults], rest)`: the values of an array pattern, as a tuple. */
  items: '__js_items__',
  /** `__js_nullish__(a, b)`: `a ?? b`. */
  nullish: '__js_nullish__',
  /** `__js_range__(start, stop, step)`: the counter values of a simple C-style `for`. */
  range: '__js_range__',
  /** `__js_keys__(obj)`: what `for (k in obj)` visits. */
  keys: '__js_keys__',
  /** `__js_import__(specifier)`: a module namespace (`import * as m from './m'`). */
  import: '__js_import__',
} as const;

/** The JavaScript value of `this` inside methods (the first parameter the frontend adds). */
export const JS_THIS = 'this';
