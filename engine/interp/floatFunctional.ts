// torch.ao.nn.quantized.FloatFunctional (also torch.nn.quantized's): the module quantizable models
// hold for their additions (`self.skip_add.add(x, self.conv(x))`). Before conversion each method is
// the plain op (torch/ao/nn/quantized/modules/functional_modules.py; activation_post_process is an
// Identity), and the module owns no parameters or buffers.
import type { Value } from '../value';
import { UNKNOWN } from '../value';
import type { Host } from './host';
import type { Range } from './ir';
import { BuiltinObj, ClassObj, InstanceObj, obj, type CallArgs } from './objects';

const FLOAT_FUNCTIONAL = new ClassObj('FloatFunctional', [], true, undefined, { start: 0, end: 0 });

/** Each method: its parameter names after self, and how it runs on them. */
const METHODS: Record<string, [readonly string[], (a: Value[], site: Range, host: Host) => Value]> = {
  add: [['x', 'y'], ([x, y], site, h) => h.callOp('torch.add', { args: [x, y], kwargs: {} }, site)],
  add_scalar: [['x', 'y'], ([x, y], site, h) => h.callOp('torch.add', { args: [x, y], kwargs: {} }, site)],
  mul: [['x', 'y'], ([x, y], site, h) => h.callOp('torch.mul', { args: [x, y], kwargs: {} }, site)],
  mul_scalar: [['x', 'y'], ([x, y], site, h) => h.callOp('torch.mul', { args: [x, y], kwargs: {} }, site)],
  cat: [['x', 'dim'], ([x, dim], site, h) => h.callOp('torch.cat', { args: dim === undefined ? [x] : [x, dim], kwargs: {} }, site)],
  add_relu: [['x', 'y'], ([x, y], site, h) => {
    const sum = h.callOp('torch.add', { args: [x, y], kwargs: {} }, site);
    return sum.kind === 'tensor' ? h.callOp('torch.nn.functional.relu', { args: [sum], kwargs: {} }, site) : UNKNOWN;
  }],
};

/** The arguments by the method's parameter names; undefined if one is given twice or unknown. */
function bindArgs(names: readonly string[], { args, kwargs }: CallArgs): Value[] | undefined {
  if (args.length > names.length || Object.keys(kwargs).some((k) => !names.includes(k))) return undefined;
  const out = names.map((n, i) => (i < args.length ? (n in kwargs ? undefined : args[i]) : kwargs[n]));
  return out.slice(0, args.length).some((v) => v === undefined) ? undefined : (out as Value[]);
}

/** `FloatFunctional()`: a module whose methods are the ops above. */
export function floatFunctional(site: Range): Value {
  const inst = new InstanceObj(FLOAT_FUNCTIONAL, site);
  for (const [name, [params, run]] of Object.entries(METHODS)) {
    inst.attrs.set(name, obj(new BuiltinObj(`FloatFunctional.${name}`, (a, s, h) => {
      const bound = bindArgs(params, a);
      return bound && bound[0] !== undefined ? run(bound, s, h) : UNKNOWN;
    })));
  }
  return obj(inst);
}
