// The interpreter's own objects, carried in engine values as `{ kind: 'object', ref }`:
// user functions and classes, their instances, framework modules, containers, Python modules
// and builtins. Ops never look inside them.
import type { Value } from '../value';
import type { ModuleInstance } from '../ops/apply';
import type { ModuleOp, OpDecl } from '../ops/op';
import type { Expr, Param, Range, Stmt } from './ir';
import type { Scope } from './scope';
import type { ConstructorSyntax } from './fixes';
import type { Host } from './host';

export type CallArgs = { readonly args: readonly Value[]; readonly kwargs: Readonly<Record<string, Value>> };

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
}

/** A user class. `frameworkBase` is the nn layer it extends (`class MyLinear(nn.Linear)`). */
export class ClassObj {
  readonly attrs = new Map<string, Value>();
  /** `@dataclass`: the generated `__init__`'s fields, in order (bases' first). */
  dataclassFields: DataclassField[] | undefined;
  /** A base we could not resolve (pydantic's BaseModel, NamedTuple...): its `__init__` is unknown. */
  unknownBase = false;
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
  readonly attrs = new Map<string, Value>();
  readonly moduleOrder: string[] = [];
  readonly paramNames: string[] = [];
  training = true;
  /** The framework layer built by `super().__init__(...)` when the class extends one. */
  base: ModuleInstance | undefined;
  constructor(readonly cls: ClassObj, readonly constructedAt: Range | undefined) {}

  children(): [string, Value][] {
    return this.moduleOrder.filter((n) => this.attrs.has(n)).map((n) => [n, this.attrs.get(n)!]);
  }
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
  training = true;
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
}

/** A Python module: `torch`, `torch.nn`, or a user file. */
export class PyModuleObj {
  constructor(readonly path: string, readonly attrs?: Map<string, Value>) {}
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
  ) {}
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
}

/** `dataclasses.field(default=..., default_factory=...)` as written in a class body. */
export class FieldObj {
  constructor(readonly default_: Value | undefined, readonly factory: Value | undefined) {}
}

/** `obj.method` bound to its receiver. */
export class BoundMethodObj {
  constructor(readonly self: Value, readonly fn: FunctionObj) {}
}

/** A mutable Python dict with hashable keys we can name (ints, strings, bools, None). */
export class DictObj {
  readonly entries = new Map<string, [Value, Value]>();
}

/** `super()` bound to an instance and the class to start the lookup after. */
export class SuperObj {
  constructor(readonly self: Value, readonly after: ClassObj) {}
}

/** functools.partial(fn, *args, **kwargs). */
export class PartialObj {
  constructor(readonly fn: Value, readonly args: readonly Value[], readonly kwargs: Readonly<Record<string, Value>>) {}
}

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
