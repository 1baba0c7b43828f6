// A function under decorators the file defines (reformer's `@cache_method_decorator('_cache',
// 'buckets')`, whose wrapper takes `key_namespace=`, `fetch=` of its own): the wrapper they make
// is kept beside it, and a call the function itself cannot take runs the wrapper. The function
// stays what the name holds, so a decorated `forward` is seeded by its own parameters as before.
import type { Value } from '../value';
import type { Expr, Range } from './ir';
import type { Host } from './host';
import { FunctionObj, obj, refOf } from './objects';
import { PyRaise } from './pyRaise';

/** Names of decorators the interpreter knows by name: never run. */
const KNOWN = new Set(['staticmethod', 'classmethod', 'property', 'cached_property', 'setter']);

/**
 * The function the file's own decorators make of `fn`, innermost first; undefined when there is
 * none, or when one is not a function of the file or gives no function back.
 */
export function decoratedBy(host: Host, fn: FunctionObj, decorators: readonly Expr[], evaluate: (d: Expr) => Value, site: Range): FunctionObj | undefined {
  if (decorators.length === 0) return undefined;
  let current = fn;
  for (const d of [...decorators].reverse()) {
    const head = d.k === 'call' ? d.fn : d;
    const name = head.k === 'name' ? head.id : head.k === 'attr' ? head.name : undefined;
    if (name !== undefined && KNOWN.has(name)) continue;
    try {
      const decorator = refOf(evaluate(d), FunctionObj);
      if (!decorator) return undefined;
      const made = refOf(host.call(obj(decorator), { args: [obj(current)], kwargs: {} }, site), FunctionObj);
      if (!made) return undefined;
      current = made;
    } catch (e) {
      if (e instanceof PyRaise) return undefined;
      throw e;
    }
  }
  return current === fn ? undefined : current;
}
