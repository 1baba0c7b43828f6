// What builtins, framework APIs and language profiles may ask of the running interpreter. They
// receive it at call time (never capture one), so a library module analysed once can be shared
// by later analyses without its builtins reaching back into the run that first imported it.
import type { Value } from '../value';
import type { ModuleInstance } from '../ops/apply';
import type { OpResult } from '../ops/apply';
import type { OpError } from '../ops/op';
import type { Arg, BinaryOp, Range } from './ir';
import type { CallArgs, FunctionObj, LayerObj } from './objects';
import type { Fix } from './record';

export interface Host {
  /** The items a `for` loop would see, or undefined when not enumerable statically. */
  iterate(v: Value): Value[] | undefined;
  binary(op: BinaryOp, a: Value, b: Value, site: Range, inplace: boolean): Value;
  getAttr(v: Value, name: string, site: Range): Value;
  setAttr(target: Value, name: string, value: Value): void;
  getItem(v: Value, index: Value, site: Range): Value;
  /** Call any callable value. */
  call(fn: Value, args: CallArgs, site: Range): Value;
  callFunction(fn: FunctionObj, args: CallArgs, site: Range, self: Value | undefined): Value;
  callModuleValue(m: Value, args: CallArgs, site: Range): Value;
  callTensorMethod(self: Value, name: string, args: CallArgs, site: Range): Value;
  /** Apply a function op declared under `name` in the registry (`torch.cat`...). */
  callOp(name: string, args: CallArgs, site: Range): Value;
  constructLazyLinear(args: CallArgs, site: Range): Value;
  /** A layer parameter or buffer as a tensor value, the same object on every read. */
  layerTensor(instance: ModuleInstance, name: string): Value | undefined;
  /** What the run stands on when the model is built with assumed arguments (see Interpreter.guess). */
  readonly guess: string | undefined;
  /** How many times a loop over a symbolic count runs, while the seeding tries counts (loopCounts.ts). */
  readonly assumedLoopCount: number | undefined;
  /** How many ranges of a symbolic count the runs met (loopCounts.ts). */
  symbolicCounts: number;
  /** True while code of another file runs (its objects are remembered as foreign). */
  readonly inForeignCode: boolean;
  /** An assertion on sizes (`torch._assert(H == self.img_size[0], ...)`) the run goes past: see Interpreter.assertionHolds. */
  assertionHolds(condition: Value): void;
  readonly foreign: WeakSet<object>;
  readonly parameterTensors: WeakSet<object>;
  readonly bufferTensors: WeakSet<object>;
  /**
   * A mutable value (list, dict, container, instance attribute) is about to change: a loop of
   * unknown count running speculatively needs to know what it touched.
   */
  noteMutation(target: Value | object, attribute?: string): void;
  /**
   * When `v` is an input of the model the run has not given a shape yet, it gets `seed`, sizes and all (`evidence`
   * says why), and the run starts again with it; otherwise nothing happens.
   */
  seedIfInput(v: Value, seed: Value, evidence: string): void;
  /** Import a module by absolute name (what `import name` binds). */
  importModule(name: string, level: number): Value;
  /**
   * The argument expressions of the builtin call now starting (undefined when the call is not
   * written in source): a framework API reads them first thing to offer fixes at the arguments.
   */
  readonly callArgExprs: readonly Arg[] | undefined;
  /** Report the framework's error at `site` (a diagnostic with `fixes`) and raise it. */
  raiseOpError(error: OpError, site: Range, opName: string, layer: LayerObj | undefined, input?: Value, fixes?: Fix[]): never;
  /** A warning at `site` about code that runs but computes something else than meant (no raise). */
  warn(site: Range, code: string, message: string, fixes?: Fix[]): void;
  /**
   * From here on the run stands on a configuration the user may change (`what`, called at
   * `site`): argparse's default flags. Hints say so; errors become warnings that name it.
   */
  assumeConfiguration(what: string, site: Range): void;
  /** The text of a workspace file the running code opens for reading (dataFiles.ts), if the host gives it. */
  readDataFile(path: string): string | undefined;
  /** YAML text as plain data (DataFiles.parseYaml), undefined when the host has no parser or it does not parse. */
  parseYaml(text: string): unknown;
  /** An op result as a value: an error raises at `site`, open assumptions warn there. */
  report(result: OpResult, site: Range, opName: string, layer: LayerObj | undefined, input?: Value): Value;
}
