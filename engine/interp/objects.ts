// The interpreter's own objects, carried in engine values as `{ kind: 'object', ref }`:
// user functions and classes, their instances, framework modules, containers, Python modules
// and builtins. Ops never look inside them.
import type { EnumInfo } from './enums';
import type { Dim } from '../shape/dim';
import type { Value } from '../value';
import type { ModuleInstance } from '../ops/apply';
import type { ModuleOp, OpDecl } from '../ops/op';
import type { Expr, ModuleIR, Param, Range, Stmt } from './ir';
import type { Scope } from './scope';
import type { ConstructorSyntax } from './fixes';
import type { Host } from './host';

export type CallArgs = {
  readonly args: readonly Value[];
  readonly kwargs: Readonly<Record<string, Value>>;
  /**
   * `f(a, *xs)` where `xs` has an unknown number of items all like `sample`: `args` holds the
   * items before it. Only callees that understand it (nn.Sequential) use it; others give Unknown.
   */
  readonly openStar?: { readonly sample: Value };
  /**
   * `f(**kw)` where `kw` holds these keywords only if a branch not decided here ran (see
   * DictObj.maybe): the call is made both with and without them.
   */
  readonly maybeKwargs?: Readonly<Record<string, Value>>;
};

/** A `def` or `lambda`, closed over the scope it was defined in. */
export class FunctionObj {
  constructor(
    readonly name: string,
    readonly params: readonly Param[],
    readonly body: readonly Stmt[] | Expr,
    readonly closure: Scope,
    readonly defaults: ReadonlyMap<string, Value>,
    readonly range: Range,
    readonly decorator: 'staticmethod' | 'classmethod' | 'property' | undefined,
    /** The class whose body defined it (for zero-argument super()). */
    public owner: ClassObj | undefined,
    /** Shapes from annotations such as `Float[Tensor, "B 1 28 28"]`, by parameter name. */
    readonly annotatedShapes: ReadonlyMap<string, Value>,
  ) {}

  /**
   * Keywords a decorator renames before the call (torchvision's `@handle_legacy_interface(
   * weights=("pretrained", ...))`: `pretrained=False` arrives as `weights=None`), old -> the new
   * name and the weights a true old keyword stands for (a value, or a function of the keywords).
   */
  legacyKeywords: ReadonlyMap<string, { readonly name: string; readonly fallback: Value }> | undefined;
  /** A property's `@name.setter`: what `self.name = value` runs. */
  setter: FunctionObj | undefined;
  /**
   * What a decorator of the file made of it (`@cache_method_decorator(...)`'s wrapper, which takes
   * keywords of its own): run for a call the function itself cannot take (decorators.ts).
   */
  decorated: FunctionObj | undefined;
  /** A generator function (its body yields): 'unsafe' when its body changes state outside it (generators.ts). */
  generator: 'safe' | 'unsafe' | undefined;
}

/** A user class. `frameworkBase` is the nn layer it extends (`class MyLinear(nn.Linear)`). */
export class ClassObj {
  readonly attrs = new Map<string, Value>();
  /** `@dataclass`: the generated `__init__`'s fields, in order (bases' first). */
  dataclassFields: DataclassField[] | undefined;
  /** Set for attrs classes: their generated __init__ ends with `__attrs_post_init__`, not `__post_init__`. */
  attrsClass = false;
  /** `class Format(str, Enum)`: its members (enums.ts). */
  enumInfo: EnumInfo | undefined;
  /** A base we could not resolve (pydantic's BaseModel, NamedTuple...): its `__init__` is unknown. */
  unknownBase = false;
  /** `class ConvNormAct(nn.Sequential)`: the container constructor its `super().__init__` calls. */
  containerBase: Value | undefined;
  /** `class Outputs(NamedTuple)`: its fields (instances are tuples that know them; namedTuples.ts). */
  namedTupleFields: DataclassField[] | undefined;
  /** `class StrEnum(Enum, metaclass=StrEnumMeta)`: the metaclass it names itself. */
  ownMetaclass: ClassObj | undefined;

  /** The metaclass of the class: its own, or the first a base names (Python's rule for one line of bases). */
  metaclass(): ClassObj | undefined {
    for (const c of this.mro()) if (c.ownMetaclass) return c.ownMetaclass;
    return undefined;
  }
  constructor(
    readonly name: string,
    readonly bases: readonly ClassObj[],
    readonly isModule: boolean,
    readonly frameworkBase: ModuleOp | undefined,
    readonly range: Range,
  ) {}

  /** Bases never change after the class is made, so its MRO is computed once. */
  private order: readonly ClassObj[] | undefined;

  /** Method resolution order (depth-first, left to right, duplicates keep the last place). */
  mro(): ClassObj[] {
    return [...this.linearized()];
  }

  private linearized(): readonly ClassObj[] {
    if (!this.order) {
      const out: ClassObj[] = [];
      const visit = (c: ClassObj): void => {
        out.push(c);
        c.bases.forEach(visit);
      };
      visit(this);
      this.order = out.filter((c, i) => out.lastIndexOf(c) === i);
    }
    return this.order;
  }

  lookup(name: string): { value: Value; cls: ClassObj } | undefined {
    for (const c of this.linearized()) {
      const v = c.attrs.get(name);
      if (v !== undefined) return { value: v, cls: c };
    }
    return undefined;
  }
}

/** Anything that behaves as an nn.Module at run time: user instances, layers, containers. */
export interface ModuleLike {
  training: boolean;
  /** Sub-modules in registration order (what `children()` yields). */
  children(): [string, Value][];
  /** The call site that built it, for related information in diagnostics. */
  readonly constructedAt: Range | undefined;
}

/** An instance of a user class (an nn.Module subclass or a plain class). */
export class InstanceObj implements ModuleLike {
  /** When it was made (a loop run speculatively leaves alone what it made itself). */
  readonly born = nextSerial();
  readonly attrs = new Map<string, Value>();
  readonly moduleOrder: string[] = [];
  readonly paramNames: string[] = [];
  /** An attribute was set from a call we could not follow: it may hold a sub-module we cannot see. */
  unknownChildren = false;
  training = true;
  /** The framework layer built by `super().__init__(...)` when the class extends one. */
  base: ModuleInstance | undefined;
  /** A Sequential/ModuleList/ModuleDict subclass's kind: the instance is that container over its
   *  children (called, indexed, iterated as it; see containerView), with attributes of its own. */
  containerKind: 'Sequential' | 'ModuleList' | 'ModuleDict' | undefined;
  constructor(readonly cls: ClassObj, readonly constructedAt: Range | undefined) {}

  children(): [string, Value][] {
    return this.moduleOrder.filter((n) => this.attrs.has(n)).map((n) => [n, this.attrs.get(n)!]);
  }
}

/** The container a Sequential/ModuleList/ModuleDict subclass instance is, over its children as
 *  they are now (`add_module` and `append` change them); open when some are not known. */
export function containerView(inst: InstanceObj): ContainerObj | undefined {
  if (!inst.containerKind) return undefined;
  const c = new ContainerObj(inst.containerKind, inst.children(), inst.constructedAt);
  if (inst.unknownChildren) c.open = true;
  return c;
}

/** A framework layer (`nn.Conv2d(3, 64, 3)`) built from its op declaration. */
export class LayerObj implements ModuleLike {
  training = true;
  /**
   * A lazy layer (`nn.LazyLinear`) is built with a symbolic input size and rebuilt with the real
   * one at its first call, as PyTorch materialises it (its class becomes `nn.Linear` then too).
   */
  lazy = false;
  /** Every call of this layer: where, with what, giving what (for hovers and summaries). */
  readonly uses: { readonly site: Range; readonly inputs: readonly Value[]; readonly output: Value }[] = [];
  private written: ConstructorSyntax | (() => ConstructorSyntax);
  /** `syntax` may be given as a function: it is only read when a fix is offered, so made then. */
  constructor(public instance: ModuleInstance, readonly constructedAt: Range | undefined, syntax: ConstructorSyntax | (() => ConstructorSyntax)) {
    this.written = syntax;
  }

  /** How the constructor call was written (for fixes). */
  get syntax(): ConstructorSyntax {
    if (typeof this.written === 'function') this.written = this.written();
    return this.written;
  }

  children(): [string, Value][] {
    return [];
  }
}


/** nn.Sequential, nn.ModuleList, nn.ModuleDict. */
export class ContainerObj implements ModuleLike {
  readonly born = nextSerial();
  training = true;
  /** Filled by a loop of unknown count: which modules it holds is not known. */
  open = false;
  /**
   * For an open container: the first `known` items are certain; after them come any number of
   * modules like `sample` (a block repeated `depth` times), when it is set.
   */
  sample: Value | undefined;
  known = 0;
  constructor(
    readonly kind: 'Sequential' | 'ModuleList' | 'ModuleDict',
    readonly items: [string, Value][],
    readonly constructedAt: Range | undefined,
  ) {}

  children(): [string, Value][] {
    return this.items;
  }
}

/**
 * A framework container with a call rule of its own (Flux's Chain, Parallel, SkipConnection):
 * the interpreter runs it through `run` like a model, and summaries list its children under
 * `typeName`. The framework API builds it; the interpreter does not know its kind.
 */
export abstract class FrameworkModuleObj implements ModuleLike {
  training = true;
  abstract readonly typeName: string;
  constructor(readonly constructedAt: Range | undefined) {}
  abstract children(): [string, Value][];
  abstract run(host: Host, args: CallArgs, site: Range): Value;
  /** An attribute of its own (a method of a library module: `rotary_emb.rotate_queries_or_keys`), if any. */
  ownAttr(_name: string): Value | undefined {
    return undefined;
  }
}

/** A Python module: `torch`, `torch.nn`, or a user file. */
/**
 * `from .x import name` in a library module, not yet done: the import runs when the name is
 * first read (a package's `__init__` names a hundred submodules; a model file reads a few).
 */
export class LazyImportObj {
  constructor(readonly module: string, readonly level: number, readonly from: ModuleIR | undefined, readonly name: string, readonly range: Range) {}
}

export class PyModuleObj {
  constructor(readonly path: string, readonly attrs?: Map<string, Value>) {}
  /** A package imported by its absolute name: `pkg.sub` reads its submodule (see Interpreter.getAttr). */
  absolute = false;
  /** Submodules looked for and not found (each looked for once). */
  readonly missingSubmodules = new Set<string>();
}

/**
 * A callable implemented by the interpreter (len, range, nn.init.*, model.eval...). It gets the
 * running interpreter at call time: builtins stored in a shared library module must not keep
 * the analysis that created them.
 */
export class BuiltinObj {
  constructor(
    readonly name: string,
    readonly call: (args: CallArgs, site: Range, host: Host) => Value,
    /** A framework's module base class (`nn.Module`, `keras.Model`...): subclasses are modules. */
    readonly moduleBase = false,
    /** Attributes of the callable itself (`itertools.chain.from_iterable`). */
    readonly attrs?: ReadonlyMap<string, Value>,
  ) {}

  /** The class a subclass extends when it names this callable as its base (`class M(keras.Model)`). */
  baseClass: ClassObj | undefined;
}

/** An op declaration as a Python value: `nn.Conv2d`, `F.relu`, `torch.cat`. */
export class OpRefObj {
  constructor(readonly op: OpDecl, readonly name: string) {}
}

/** A dataclass field: its default value, or the factory that makes one. */
export interface DataclassField {
  readonly name: string;
  readonly default?: Value;
  readonly factory?: Value;
  /** What the class body annotates it with (`window_size: Optional[Tuple[int, int]]`). */
  readonly annotation?: Expr;
}

/** `dataclasses.field(default=..., default_factory=...)` as written in a class body. */
export class FieldObj {
  constructor(readonly default_: Value | undefined, readonly factory: Value | undefined) {}
}

/** `obj.method` bound to its receiver. */
export class BoundMethodObj {
  constructor(readonly self: Value, readonly fn: FunctionObj) {}
}

let serial = 0;

/**
 * A number that grows with every mutable value made (lists, dicts, containers): a loop run
 * speculatively only forgets what it changed among the values that existed before it started.
 */
export function nextSerial(): number {
  return ++serial;
}

/** A mutable Python dict with hashable keys we can name (ints, strings, bools, None). */
export class DictObj {
  readonly born = nextSerial();
  readonly entries = new Map<string, [Value, Value]>();
  /** Changed by a loop of unknown count: keys may be missing from `entries`. */
  open = false;
  /**
   * An open dict that is exactly `entries`, or `entries` with these too (`kw.update(extra)` under
   * an `if` not decided here): all of them or none (none at all when empty). Only `**` reads it.
   * Forgotten at any change to the dict.
   */
  maybe: Map<string, [Value, Value]> | undefined;
}

/** `super()` bound to an instance and the class to start the lookup after. */
export class SuperObj {
  constructor(readonly self: Value, readonly after: ClassObj) {}
}

/**
 * An object the code receives but nothing in the file makes (a `config`, `args`, `opt` passed to
 * a model nobody builds here): its attributes are named symbolically (`config.n_embd` is the size
 * `n_embd`). Its truth, equality, length and calls are unknown.
 */
export class SymbolicObj {
  readonly members = new Map<string, Value>();
  /**
   * `sequence`: a constructor argument known to be a list or tuple of unknown length (its
   * annotation, `levels: list[int]`, or its use, `for l in levels`); 'ints' when the annotation
   * says its items are ints. Its length is then the size `len(levels)`, never a guess.
   */
  constructor(readonly name: string, readonly sequence?: 'ints' | 'items') {}
}

/** `x.shape` / `x.size()` of a probe input: unpacking it into names tells the input's rank. */
export class ProbeShapeObj {
  /**
   * `before`/`after`: items around it in a tuple display (`*x.shape, self.heads` has 1 after).
   * `trailing`: only the last sizes, how many (`x.shape[-3:]`); 0 when it is the whole shape.
   */
  constructor(readonly probe: Value, readonly before = 0, readonly after = 0, readonly trailing = 0) {}
}

/**
 * One of several objects, by a condition not known statically (`nn.Sequential(...) if project_out
 * else nn.Identity()`): calling it calls each, and what they agree on is the result.
 */
export class UnionObj {
  /**
   * `facts[i]`: sizes known equal on the path that made alternative i (see sizeFacts.ts): what
   * calling it returns holds with them substituted.
   */
  constructor(readonly alternatives: readonly Value[], readonly facts?: readonly (ReadonlyMap<string, Dim> | undefined)[]) {}
}

/**
 * A torch device we cannot name (`torch.device("cuda" if ... else "cpu")`, `x.device`): what
 * matters is that it is a device, not a dtype, so `x.to(device)` keeps x's dtype. It compares
 * equal to nothing known (which device it is, is not known).
 */
export class DeviceObj {
  readonly isDevice = true;
  /** The device's type where known: a tensor's is the CPU's, where the analysis runs it. */
  constructor(readonly type?: 'cpu') {}
}

/** functools.partial(fn, *args, **kwargs). */
export class PartialObj {
  constructor(readonly fn: Value, readonly args: readonly Value[], readonly kwargs: Readonly<Record<string, Value>>) {}
}

/**
 * Objects made while code of another file ran (library and workspace imports): their source
 * ranges are in that file, not in the one being analysed. Shared by every analysis, because an
 * imported module's values are shared too (an analysed file itself is always run afresh).
 */
export const foreignObjects = new WeakSet<object>();

export function obj(ref: object): Value {
  return { kind: 'object', ref };
}

export function refOf<T>(v: Value, cls: abstract new (...args: never[]) => T): T | undefined {
  return v.kind === 'object' && v.ref instanceof cls ? (v.ref as T) : undefined;
}

export function isModuleLike(v: Value): v is { kind: 'object'; ref: ModuleLike & object } {
  if (v.kind !== 'object') return false;
  const r = v.ref;
  return r instanceof LayerObj || r instanceof ContainerObj || r instanceof FrameworkModuleObj || (r instanceof InstanceObj && r.cls.isModule);
}
