// The `torch` namespace as the interpreter sees it: op declarations from the registry, dtypes,
// and the few framework objects that are not ops (nn.Module, containers, Parameter, init).
// torch's own sources are never read.
import { Dim } from '../shape/dim';
import type { Value } from '../value';
import { NONE, UNKNOWN } from '../value';
import { DTYPES, DTYPE_ALIASES, type DType } from '../ops/dtype';
import { lookupOp } from '../ops/registry';
import type { OpDecl } from '../ops/op';
import type { Range } from './ir';
import type { Host } from './host';
import { BuiltinObj, ClassObj, ContainerObj, DeviceObj, DictObj, InstanceObj, OpRefObj, PyModuleObj, isModuleLike, obj, type CallArgs } from './objects';
import { bool, int, tupleOf } from './pyvalues';
import { raise } from './pyRaise';
import { dataLoaderBuiltin, tensorDatasetBuiltin } from './dataLoader';
import { tensorToList } from './tensorToList';
import { PACKED_SEQUENCE_FUNCTIONS } from './packedSequences';
import { LegacyTensorType, legacyTensorType } from './legacyTensorTypes';
import { floatFunctional } from './floatFunctional';
import { treeFlatten, treeUnflatten } from './pytree';
import { WEIGHT_REPARAMETRIZATIONS, reparametrized } from './weightReparametrizations';

const SUBMODULES = new Set([
  'torch.nn', 'torch.nn.functional', 'torch.nn.init', 'torch.nn.modules', 'torch.nn.utils', 'torch.nn.utils.rnn', 'torch.nn.utils.parametrizations', 'torch.jit', 'torch.utils',
  'torch.utils.data', 'torch.cuda', 'torch.linalg', 'torch.fft', 'torch.optim', 'torch.backends', 'torch.autograd',
  'torch.distributions', 'torch.special', 'torch.nn.parameter', 'torch.nn.attention', 'torch.nn.attention.flex_attention',
  'torch.accelerator', 'torch.utils.checkpoint', 'torch.ao', 'torch.ao.quantization', 'torch.quantization',
  'torch.ao.nn', 'torch.ao.nn.quantized', 'torch.nn.quantized', 'torch.distributed', 'torch.utils._pytree',
]);

export function resolveTorchAttr(path: string, name: string): Value {
  const full = `${path}.${name}`;
  if (SUBMODULES.has(full)) return obj(new PyModuleObj(full));
  const legacy = legacyTensorType(path, name);
  if (legacy) return legacy;
  const op = torchOp(path, full);
  if (op) return obj(new OpRefObj(op, full));
  if (path === 'torch') {
    const dtype = (DTYPES as readonly string[]).includes(name) ? (name as DType) : DTYPE_ALIASES[name];
    if (dtype) return { kind: 'dtype', dtype };
  }
  const special = SPECIALS[full] ?? PACKED_SEQUENCE_FUNCTIONS[full];
  if (special) return special();
  if (WEIGHT_REPARAMETRIZATIONS.includes(full)) return builtin(full, (a) => reparametrized(full, a));
  if (path !== 'torch.nn.init') return UNKNOWN;
  // The initialisers fill their tensor and give it back; the helpers answer with numbers.
  if (name === '_calculate_fan_in_and_fan_out') return builtin(full, ({ args }) => fansOf(args[0]));
  if (name === 'calculate_gain' || name === '_calculate_correct_fan' || name === '_make_deprecate') return builtin(full, () => UNKNOWN);
  return builtin(full, ({ args }) => args[0] ?? NONE);
}

/**
 * torch.nn.init._calculate_fan_in_and_fan_out: (size(1), size(0)) times the product of the other
 * sizes (the receptive field); fewer than two axes raise ValueError.
 */
function fansOf(t: Value | undefined): Value {
  if (t?.kind !== 'tensor' || !t.shape) return tupleOf([UNKNOWN, UNKNOWN]);
  if (t.shape.length < 2) raise('ValueError');
  const field = t.shape.slice(2).reduce((a, d) => a.mul(d), Dim.of(1));
  return tupleOf([int(t.shape[1].mul(field)), int(t.shape[0].mul(field))]);
}

/** The op a `torch...` attribute names (`torch.nn.modules.conv.Conv2d` is `torch.nn.Conv2d`); cached by name. */
const opsByAttr = new Map<string, OpDecl | null>();

function torchOp(path: string, full: string): OpDecl | undefined {
  let op = opsByAttr.get(full);
  if (op === undefined) {
    op = lookupOp(full) ?? (path === 'torch.nn.modules' ? undefined : lookupOp(full.replace(/^torch\.nn\.modules\.\w+\./, 'torch.nn.'))) ?? null;
    opsByAttr.set(full, op);
  }
  return op ?? undefined;
}

/** A container as a value, remembered as foreign when another file's code built it. */
function container(interp: Host, c: ContainerObj): Value {
  if (interp.inForeignCode) interp.foreign.add(c);
  return obj(c);
}

/** The (name, module) pairs of a dict whose keys are all known strings ([] with no argument);
 *  undefined otherwise (a list of pairs, a dict a loop filled with unknown keys). */
function knownPairs(arg: Value | undefined): [string, Value][] | undefined {
  if (!arg) return [];
  const d = arg.kind === 'object' && arg.ref instanceof DictObj ? arg.ref : undefined;
  if (!d || d.open) return undefined;
  const items: [string, Value][] = [];
  for (const [k, v] of d.entries.values()) {
    if (k.kind !== 'str') return undefined;
    items.push([k.value, v]);
  }
  return items;
}

/** A container whose modules are not known: never an empty one (that would be an invented fact). */
function unknownContainer(kind: 'Sequential' | 'ModuleDict', site: Range): ContainerObj {
  const c = new ContainerObj(kind, [], site);
  c.open = true;
  return c;
}

/** A container of `known` modules then any number like `sample` (none known when it is undefined). */
function openContainer(kind: 'Sequential' | 'ModuleList', known: readonly Value[], sample: Value | undefined, site: Range): ContainerObj {
  const items: [string, Value][] = known.map((m, i) => [String(i), m]);
  if (sample) items.push([String(items.length), sample]);
  const c = new ContainerObj(kind, items, site);
  c.open = true;
  c.sample = sample;
  c.known = known.length;
  return c;
}

/** nn.Parameter(t) is t itself, remembered as a parameter (it belongs in the state_dict). */
function markParameter(interp: Host, t: Value | undefined): Value {
  if (!t) return UNKNOWN;
  if (t.kind === 'tensor') interp.parameterTensors.add(t);
  return t;
}

/**
 * nn.Buffer(t) (PyTorch 2.5+) is t itself, remembered as a buffer: assigned as a module attribute
 * it is registered like register_buffer would (https://pytorch.org/docs/stable/generated/torch.nn.parameter.Buffer.html).
 * Without data it is an empty tensor whose details are not worth guessing.
 */
function markBuffer(interp: Host, t: Value | undefined): Value {
  if (!t) return UNKNOWN;
  if (t.kind === 'tensor') interp.bufferTensors.add(t);
  return t;
}

function builtin(name: string, call: (a: CallArgs, site: Range, host: Host) => Value, moduleBase = false): Value {
  return obj(new BuiltinObj(name, call, moduleBase));
}

/**
 * torch.autograd.Function, the base of custom autograd ops (guided-diffusion's gradient
 * checkpointing): `Sub.apply(*args)` runs the subclass's static `forward(ctx, *args)`, which is
 * what PyTorch does in the forward direction (see Interpreter.getAttr). `ctx` is a plain object.
 */
export const AUTOGRAD_FUNCTION = new ClassObj('Function', [], false, undefined, { start: 0, end: 0 });
export const AUTOGRAD_CONTEXT = new ClassObj('FunctionCtx', [], false, undefined, { start: 0, end: 0 });

/** The class of a bare `nn.Module()`: no forward of its own (calling it raises, as PyTorch's does). */
export const BARE_MODULE = new ClassObj('Module', [], true, undefined, { start: 0, end: 0 });

function autogradFunctionBase(): Value {
  const b = new BuiltinObj('torch.autograd.Function', () => UNKNOWN);
  b.baseClass = AUTOGRAD_FUNCTION;
  return obj(b);
}

const CHECKPOINT_OPTIONS = new Set(['use_reentrant', 'context_fn', 'determinism_check', 'debug', 'preserve_rng_state']);

/** Framework objects that are not ops; they reach the running interpreter through their call's host. */
const SPECIALS: Record<string, () => Value> = {
  'torch.device': () => builtin('torch.device', () => obj(new DeviceObj())),
  'torch.autograd.Function': autogradFunctionBase,
  'torch.autograd.function.Function': autogradFunctionBase,
  'torch.utils.data.TensorDataset': tensorDatasetBuiltin,
  'torch.utils.data.DataLoader': dataLoaderBuiltin,
  // `down = nn.Module(); down.block = blocks` (latent diffusion's Encoder/Decoder): a bare module
  // is a namespace of sub-modules, registered as any module's attributes are.
  'torch.nn.Module': () => builtin('torch.nn.Module', ({ args, kwargs }, site) => (args.length === 0 && Object.keys(kwargs).length === 0 ? obj(new InstanceObj(BARE_MODULE, site)) : UNKNOWN), true),
  // Activation checkpointing recomputes in the backward pass; forward, it is the call itself.
  // `checkpoint(function, *args, use_reentrant=None, context_fn=..., determinism_check=...,
  // debug=..., **kwargs)` gives `function(*args, **kwargs)`; `checkpoint_sequential(functions,
  // segments, input, use_reentrant=None, **kwargs)` runs the modules one after another.
  'torch.utils.checkpoint.checkpoint': () => builtin('torch.utils.checkpoint.checkpoint', ({ args, kwargs }, site, interp) => {
    const [fn, ...rest] = args;
    if (!fn) return UNKNOWN;
    const own = Object.fromEntries(Object.entries(kwargs).filter(([k]) => !CHECKPOINT_OPTIONS.has(k)));
    return interp.call(fn, { args: rest, kwargs: own }, site);
  }),
  'torch.utils.checkpoint.checkpoint_sequential': () => builtin('torch.utils.checkpoint.checkpoint_sequential', ({ args, kwargs }, site, interp) => {
    const functions = args[0] ?? kwargs.functions;
    const input = args[2] ?? kwargs.input;
    if (!functions || !input) return UNKNOWN;
    const modules = functions.kind === 'object' && functions.ref instanceof ContainerObj ? [functions] : interp.iterate(functions);
    if (!modules) return UNKNOWN;
    return modules.reduce((x, m) => interp.call(m, { args: [x], kwargs: {} }, site), input);
  }),
  'torch.utils._pytree.tree_flatten': () => builtin('tree_flatten', ({ args, kwargs }) => treeFlatten(args[0] ?? kwargs.tree ?? kwargs.pytree)),
  'torch.utils._pytree.tree_unflatten': () => builtin('tree_unflatten', ({ args, kwargs }, _site, interp) => {
    const leaves = args[0] ?? kwargs.values ?? kwargs.leaves;
    return treeUnflatten(leaves ? interp.iterate(leaves) : undefined, args[1] ?? kwargs.spec ?? kwargs.treespec);
  }),
  'torch.nn.quantized.FloatFunctional': () => builtin('FloatFunctional', (_a, site) => floatFunctional(site)),
  'torch.ao.nn.quantized.FloatFunctional': () => builtin('FloatFunctional', (_a, site) => floatFunctional(site)),
  // `torch.Tensor(input_dim, output_dim)` (a graph layer's weight): the default type, float32, as a legacy constructor.
  'torch.Tensor': () => obj(new LegacyTensorType('Tensor', 'float32')),
  'torch.nn.LazyLinear': () => builtin('torch.nn.LazyLinear', (args, site, interp) => interp.constructLazyLinear(args, site)),
  'torch.nn.Parameter': () => builtin('torch.nn.Parameter', ({ args }, _site, interp) => markParameter(interp, args[0])),
  'torch.nn.parameter.Parameter': () => builtin('torch.nn.Parameter', ({ args }, _site, interp) => markParameter(interp, args[0])),
  'torch.nn.Buffer': () => builtin('torch.nn.Buffer', ({ args, kwargs }, _site, interp) => markBuffer(interp, args[0] ?? kwargs.data)),
  'torch.nn.parameter.Buffer': () => builtin('torch.nn.Buffer', ({ args, kwargs }, _site, interp) => markBuffer(interp, args[0] ?? kwargs.data)),
  // A BlockMask is an opaque object: flex_attention's shapes do not depend on it.
  'torch.nn.attention.flex_attention.create_block_mask': () => builtin('create_block_mask', () => UNKNOWN),
  'torch.Size': () => builtin('torch.Size', ({ args }, _site, interp) => {
    const items = args[0] ? interp.iterate(args[0]) : [];
    return items ? tupleOf(items) : UNKNOWN;
  }),
  'torch.nn.Sequential': () => builtin('torch.nn.Sequential', ({ args, openStar }, site, interp) => {
    if (openStar) return container(interp, openContainer('Sequential', args, openStar.sample, site));
    // Sequential(OrderedDict([...])) names its children; Sequential(*layers) numbers them.
    const d = args.length === 1 && args[0].kind === 'object' && args[0].ref instanceof DictObj ? args[0].ref : undefined;
    if (d) {
      const items = knownPairs(args[0]);
      return container(interp, items ? new ContainerObj('Sequential', items, site) : unknownContainer('Sequential', site));
    }
    return container(interp, new ContainerObj('Sequential', args.map((m, i) => [String(i), m]), site));
  }),
  'torch.nn.ModuleList': () => builtin('torch.nn.ModuleList', ({ args, openStar }, site, interp) => {
    if (openStar) return UNKNOWN;
    const items = args[0] ? interp.iterate(args[0]) : [];
    // A list of unknown length (`ModuleList([Block() for _ in range(depth)])`): open, like its sample.
    if (!items && args[0]?.kind === 'list' && args[0].open) return container(interp, openContainer('ModuleList', [], args[0].sample, site));
    return items ? container(interp, new ContainerObj('ModuleList', items.map((m, i) => [String(i), m]), site)) : UNKNOWN;
  }),
  // ParameterList / ParameterDict: containers of tensors registered as parameters.
  'torch.nn.ParameterList': () => builtin('torch.nn.ParameterList', ({ args }, site, interp) => {
    const items = args[0] ? interp.iterate(args[0]) : [];
    if (!items) return UNKNOWN;
    for (const t of items) markParameter(interp, t);
    return container(interp, new ContainerObj('ModuleList', items.map((m, i) => [String(i), m]), site));
  }),
  'torch.nn.ParameterDict': () => builtin('torch.nn.ParameterDict', ({ args }, site, interp) => {
    const items = knownPairs(args[0]);
    if (!items) return container(interp, unknownContainer('ModuleDict', site));
    return container(interp, new ContainerObj('ModuleDict', items.map(([k, v]) => [k, markParameter(interp, v)]), site));
  }),
  'torch.nn.ModuleDict': () => builtin('torch.nn.ModuleDict', ({ args }, site, interp) => {
    const items = knownPairs(args[0]);
    return container(interp, items ? new ContainerObj('ModuleDict', items, site) : unknownContainer('ModuleDict', site));
  }),
  'torch.no_grad': () => builtin('torch.no_grad', () => NONE),
  'torch.enable_grad': () => builtin('torch.enable_grad', () => NONE),
  'torch.inference_mode': () => builtin('torch.inference_mode', () => NONE),
  'torch.manual_seed': () => builtin('torch.manual_seed', () => NONE),
  'torch.set_grad_enabled': () => builtin('torch.set_grad_enabled', () => NONE),
  // torch/__init__.py is_tensor (1.13, line 297): `isinstance(obj, torch.Tensor)`; a tuple of tensors is not one.
  'torch.is_tensor': () => builtin('torch.is_tensor', ({ args, kwargs }) => {
    const v = args[0] ?? kwargs.obj;
    if (v?.kind === 'tensor') return bool(true);
    const known = v && ['int', 'float', 'bool', 'str', 'none', 'list', 'tuple', 'dict', 'slice', 'ellipsis', 'dtype'].includes(v.kind) && !(v.kind === 'list' && v.open);
    return known ? bool(false) : UNKNOWN;
  }),
  'torch._assert': () => builtin('torch._assert', ({ args, kwargs }, _site, interp) => {
    const condition = args[0] ?? kwargs.condition;
    if (condition) interp.assertionHolds(condition);
    return NONE;
  }),
  'torch.jit.is_scripting': () => builtin('torch.jit.is_scripting', () => bool(false)),
  'torch.jit.is_tracing': () => builtin('torch.jit.is_tracing', () => bool(false)),
  'torch.jit.script': () => builtin('torch.jit.script', ({ args }) => args[0] ?? UNKNOWN),
  'torch.jit.unused': () => builtin('torch.jit.unused', ({ args }) => args[0] ?? UNKNOWN),
  'torch.jit.ignore': () => builtin('torch.jit.ignore', ({ args }) => args[0] ?? UNKNOWN),
  // torch/jit/_script.py: `class ScriptModule(with_metaclass(ScriptMeta, Module))`, a Module whose
  // `@torch.jit.script_method` methods TorchScript compiles; they compute what their Python says.
  'torch.jit.ScriptModule': () => builtin('torch.jit.ScriptModule', () => UNKNOWN, true),
  'torch.jit.script_method': () => builtin('torch.jit.script_method', ({ args }) => args[0] ?? UNKNOWN),
  'torch.cuda.is_available': () => builtin('torch.cuda.is_available', () => UNKNOWN),
  // The analysis runs the model in one process, as the sample forward pass does: no process group
  // is initialised (torch/distributed/distributed_c10d.py is_initialized: `GroupMember.WORLD is not
  // None`, None until init_process_group). Code that checks first takes its single-process path.
  'torch.distributed.is_initialized': () => builtin('torch.distributed.is_initialized', () => bool(false)),
  // PyTorch 2.6+ (not on the 1.13 oracle): "Return type: torch.device" (docs: pytorch.org/docs/
  // stable/generated/torch.accelerator.current_accelerator.html), read after is_available().
  'torch.accelerator.is_available': () => builtin('torch.accelerator.is_available', () => UNKNOWN),
  'torch.accelerator.current_accelerator': () => builtin('torch.accelerator.current_accelerator', () => obj(new DeviceObj())),
  // torch/autograd/variable.py: since PyTorch 0.4, Variable(t) returns t itself, a Tensor.
  'torch.autograd.Variable': () => builtin('torch.autograd.Variable', ({ args }) => (args[0]?.kind === 'tensor' ? args[0] : UNKNOWN)),
  'torch.autograd.variable.Variable': () => builtin('torch.autograd.Variable', ({ args }) => (args[0]?.kind === 'tensor' ? args[0] : UNKNOWN)),
  // PyTorch 2 (not on the 1.13 oracle): `torch.compile(model)` gives a wrapper whose calls run the
  // model's own forward, the same shapes (docs: pytorch.org/docs/stable/generated/torch.compile.html,
  // "model (Callable or None) – Module/function to optimize"); with no model, a decorator.
  'torch.compile': () => builtin('torch.compile', ({ args }) => args[0] ?? builtin('torch.compile', ({ args: inner }) => inner[0] ?? UNKNOWN)),
};

/** Attributes of an abstract tensor: `.shape`, `.dtype`, `.T`, and methods through the registry. */
export function tensorAttr(interp: Host, t: Extract<Value, { kind: 'tensor' }>, name: string, site: Range): Value {
  const shape = t.shape;
  switch (name) {
    case 'shape':
      return shape ? tupleOf(shape.map((d) => int(d))) : UNKNOWN;
    case 'dtype':
      return t.dtype ? { kind: 'dtype', dtype: t.dtype } : UNKNOWN;
    case 'ndim':
      return shape ? int(shape.length) : UNKNOWN;
    case 'T':
      return shape ? { kind: 'tensor', shape: [...shape].reverse(), dtype: t.dtype } : UNKNOWN;
    case 'mT':
      return shape && shape.length >= 2 ? { kind: 'tensor', shape: [...shape.slice(0, -2), shape[shape.length - 1], shape[shape.length - 2]], dtype: t.dtype } : UNKNOWN;
    case 'data':
      return t;
    case 'tolist':
      return builtin('Tensor.tolist', () => tensorToList(t));
    // Complex parts, as torch.real / torch.imag compute them (an error for .imag of a real tensor).
    case 'real':
    case 'imag':
      return interp.callOp(`torch.${name}`, { args: [t], kwargs: {} }, site);
    // The analysis runs the model on the CPU, as its sample forward pass does: a tensor is on the
    // CPU, and code that picks a kernel by device (`if x.device.type == "cpu": native(x) else:
    // Op.apply(x)`, rosinality's upfirdn2d) takes the CPU's path.
    case 'device':
      return obj(new DeviceObj('cpu'));
    case 'is_cuda':
      return { kind: 'bool', value: false };
    case 'requires_grad':
    case 'grad':
      return UNKNOWN;
    default:
      break;
  }
  const op = lookupOp(`torch.Tensor.${name}`);
  if (op) return builtin(`Tensor.${name}`, (args, s) => interp.callTensorMethod(t, name, args, s ?? site));
  const fallback = TENSOR_FALLBACKS[name];
  return fallback ? builtin(`Tensor.${name}`, (args) => fallback(t, args)) : UNKNOWN;
}

/** Methods the op registry does not declare but whose result follows from the shape alone. */
const TENSOR_FALLBACKS: Record<string, (t: Extract<Value, { kind: 'tensor' }>, a: CallArgs) => Value> = {
  size: (t, { args }) => {
    if (!t.shape) return UNKNOWN;
    if (args.length === 0) return tupleOf(t.shape.map((d) => int(d)));
    const i = args[0].kind === 'int' ? args[0].dim.value : undefined;
    if (i === undefined) return UNKNOWN;
    return t.shape[i < 0 ? t.shape.length + i : i] ? int(t.shape[i < 0 ? t.shape.length + i : i]) : UNKNOWN;
  },
  dim: (t) => (t.shape ? int(t.shape.length) : UNKNOWN),
  numel: (t) => (t.shape ? int(t.shape.reduce((a, d) => a.mul(d), Dim.of(1))) : UNKNOWN),
  contiguous: (t) => t,
  detach: (t) => t,
  clone: (t) => t,
  cpu: (t) => t,
  cuda: (t) => t,
  requires_grad_: (t) => t,
  item: () => UNKNOWN,
};

export { isModuleLike };
