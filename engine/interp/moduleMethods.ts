// nn.Module's own methods and attributes (`.eval()`, `.parameters()`, `register_buffer`,
// `ModuleList.append`...), shared by every module-like value: layers, containers, user modules.
import type { Value } from '../value';
import type { DType } from '../ops/dtype';
import { constructModule } from '../ops/apply';
import { NONE, UNKNOWN } from '../value';
import type { Host } from './host';
import { layerAttribute } from './layerAttributes';
import type { Range } from './ir';
import { hasHiddenModules, namedTensors } from './insight';
import { BuiltinObj, ContainerObj, FrameworkModuleObj, InstanceObj, LayerObj, isModuleLike, obj } from './objects';
import { bool, intOf, iteratorOf, listOf, str, truthy, tupleOf } from './pyvalues';

/** nn.Module's own methods and attributes, shared by every module-like value. */
export function moduleAttr(host: Host, self: Value, name: string, site: Range): Value {
  const m = (self as { ref: object }).ref;
  const own = m instanceof FrameworkModuleObj ? m.ownAttr(name) : undefined;
  if (own) return own;
  const layer = m instanceof LayerObj ? m : undefined;
  if (layer) {
    const p = host.layerTensor(layer.instance, name);
    if (p) return p;
    const a = layerAttribute(layer.instance, name);
    if (a) return a;
    if (name === 'forward') return obj(new BuiltinObj('forward', (args, s, h) => h.callModuleValue(self, args, s)));
  }
  if (m instanceof ContainerObj) {
    if (name === 'append' || name === 'add_module' || name === 'extend') {
      return obj(new BuiltinObj(name, ({ args }, _site, h) => {
        h.noteMutation(m);
        if (name === 'append') m.items.push([String(m.items.length), args[0] ?? UNKNOWN]);
        else if (name === 'add_module') m.items.push([args[0]?.kind === 'str' ? args[0].value : String(m.items.length), args[1] ?? UNKNOWN]);
        else {
          // `extend` of something we cannot list: which modules it added is not known.
          const added = h.iterate(args[0] ?? UNKNOWN);
          if (!added) m.open = true;
          for (const it of added ?? []) m.items.push([String(m.items.length), it]);
        }
        return NONE;
      }));
    }
    if (name === 'insert' && m.kind !== 'ModuleDict') {
      // ModuleList.insert(index, module): the modules after it move up one (keys renumbered).
      return obj(new BuiltinObj(name, ({ args }, _site, h) => {
        h.noteMutation(m);
        const i = intOf(args[0]);
        if (i === undefined || !args[1] || m.open) {
          m.open = true;
          return NONE;
        }
        const modules = m.items.map(([, v]) => v);
        const at = i < 0 ? Math.max(0, modules.length + i) : Math.min(i, modules.length);
        modules.splice(at, 0, args[1]);
        m.items.splice(0, m.items.length, ...modules.map((v, k): [string, Value] => [String(k), v]));
        return NONE;
      }));
    }
    if (CONTAINER_MUTATORS.has(name)) {
      // Another change we do not model: which modules it holds is no longer known.
      return obj(new BuiltinObj(name, (_args, _site, h) => {
        h.noteMutation(m);
        m.open = true;
        return UNKNOWN;
      }));
    }
    if (m.kind === 'ModuleDict' && (name === 'items' || name === 'keys' || name === 'values')) {
      return obj(new BuiltinObj(name, () => listOf(m.items.map(([k, v]) => (name === 'items' ? tupleOf([str(k), v]) : name === 'keys' ? str(k) : v)))));
    }
    // Sub-modules are attributes too (`self.transformer.wte`, `seq[0]` is also `seq._modules['0']`).
    const child = m.items.find(([k]) => k === name);
    if (child) return child[1];
  }
  const modules = (): Value[] => walkModules(self);
  switch (name) {
    case 'training':
      return bool((m as { training: boolean }).training);
    case 'eval':
    case 'train':
      return obj(new BuiltinObj(name, ({ args }) => {
        const mode = name === 'train' ? (args[0] ? truthy(args[0]) ?? true : true) : false;
        for (const x of modules()) ((x as { ref: { training: boolean } }).ref).training = mode;
        return self;
      }));
    case 'float': case 'double': case 'half': case 'bfloat16':
      return obj(new BuiltinObj(name, (_args, _site, h) => castModule(h, self, CAST[name])));
    case 'to':
      // `.to(device)` keeps the parameters; `.to(torch.float64)` / `.to(device, dtype)` casts them.
      return obj(new BuiltinObj(name, ({ args, kwargs }, _site, h) => {
        const d = [...args, kwargs.dtype].find((a) => a?.kind === 'dtype');
        return d && d.kind === 'dtype' ? castModule(h, self, d.dtype) : self;
      }));
    case 'cuda': case 'cpu': case 'requires_grad_': case 'apply': case 'zero_grad':
      return obj(new BuiltinObj(name, () => self));
    case 'modules':
      return obj(new BuiltinObj(name, () => listOf(modules())));
    case 'children':
      return obj(new BuiltinObj(name, () => listOf((m as { children(): [string, Value][] }).children().map(([, c]) => c))));
    case 'named_children':
      return obj(new BuiltinObj(name, () => listOf((m as { children(): [string, Value][] }).children().map(([n, c]) => tupleOf([str(n), c])))));
    case 'parameters':
    case 'named_parameters':
    case 'buffers':
    case 'named_buffers':
      return obj(new BuiltinObj(name, (_args, _site, h) => {
        // Some we cannot see: which comes first, and how many there are, is not known.
        if (hasHiddenModules(self)) return UNKNOWN;
        const tensors = namedTensors(h, self, name.endsWith('parameters') ? 'parameter' : 'buffer');
        // A generator in PyTorch: `next(self.parameters())` (an RNN's init_hidden) works, len() does not.
        return iteratorOf(tensors.map(([n, t]) => (name.startsWith('named') ? tupleOf([str(n), t]) : t)));
      }));
    case 'register_buffer':
    case 'register_parameter':
      return obj(new BuiltinObj(name, ({ args }, _site, h) => {
        if (args[0]?.kind === 'str' && args[1]) {
          if (args[1].kind === 'tensor') (name === 'register_buffer' ? h.bufferTensors : h.parameterTensors).add(args[1]);
          h.setAttr(self, args[0].value, args[1]);
        }
        return NONE;
      }));
    case 'add_module':
      return obj(new BuiltinObj(name, ({ args }, _site, h) => {
        if (args[0]?.kind === 'str' && args[1]) h.setAttr(self, args[0].value, args[1]);
        return NONE;
      }));
    case '__class__':
      return m instanceof InstanceObj ? obj(m.cls) : UNKNOWN;
    default:
      void site;
      return UNKNOWN;
  }
}


/** The module and every module below it, depth first (what `.modules()` yields). */
export function walkModules(root: Value): Value[] {
  const out: Value[] = [];
  const seen = new Set<object>();
  const visit = (v: Value): void => {
    if (!isModuleLike(v) || seen.has(v.ref)) return;
    seen.add(v.ref);
    out.push(v);
    for (const [, c] of v.ref.children()) visit(c);
  };
  visit(root);
  return out;
}

const CAST: Record<string, DType> = { float: 'float32', double: 'float64', half: 'float16', bfloat16: 'bfloat16' };

/**
 * `model.double()`: every floating-point parameter and buffer of the module tree takes `dtype`
 * (integer buffers such as BatchNorm's num_batches_tracked keep theirs), as nn.Module._apply does.
 * A layer is rebuilt with `dtype=`; a tensor held by a user module is replaced.
 */
function castModule(h: Host, self: Value, dtype: DType): Value {
  for (const m of walkModules(self)) {
    const ref = (m as { ref: object }).ref;
    if (ref instanceof LayerObj) {
      const rebuilt = constructModule(ref.instance.op, [], { ...ref.instance.args, dtype: { kind: 'dtype', dtype } });
      if (rebuilt.ok && rebuilt.module) ref.instance = rebuilt.module;
    }
    if (ref instanceof InstanceObj) {
      for (const [name, v] of ref.attrs) {
        if (v.kind !== 'tensor' || !isFloating(v.dtype)) continue;
        const isParam = h.parameterTensors.has(v);
        const isBuffer = h.bufferTensors.has(v);
        if (!isParam && !isBuffer) continue;
        const cast: Value = { ...v, dtype };
        (isParam ? h.parameterTensors : h.bufferTensors).add(cast);
        ref.attrs.set(name, cast);
      }
    }
  }
  return self;
}

function isFloating(d: DType | undefined): boolean {
  return d === 'float16' || d === 'bfloat16' || d === 'float32' || d === 'float64';
}

/** Container methods that change which modules it holds, other than those modelled above. */
const CONTAINER_MUTATORS = new Set(['pop', 'update', 'clear', '__delitem__', '__setitem__']);
