// Framework objects that answer their own attributes (a TF.js model's `predict`, a layer's
// `apply`), and framework tensors whose methods are not PyTorch's: a language profile asks these
// before the interpreter's own rules, so a framework adds its objects without the interpreter
// learning their names.
import type { TensorValue, Value, Framework } from '../value';
import type { Host } from './host';

export interface AttrSource {
  /** `obj.name`, or undefined when the object has no such attribute of its own. */
  attr(host: Host, name: string): Value | undefined;
}

export function isAttrSource(ref: object): ref is AttrSource {
  return typeof (ref as Partial<AttrSource>).attr === 'function';
}

/** A framework object a `for` loop can go through (a tf.data.Dataset): its items, or undefined when not known. */
export interface IterSource {
  iterItems(): Value[] | undefined;
}

export function isIterSource(ref: object): ref is IterSource {
  return typeof (ref as Partial<IterSource>).iterItems === 'function';
}

export type TensorAttr = (host: Host, t: TensorValue, name: string) => Value | undefined;

const tensorAttrs = new Map<Framework, TensorAttr>();

/** A framework whose tensors have their own methods (`x.reshape([2, 3])` in TF.js). */
export function registerTensorAttrs(framework: Framework, attr: TensorAttr): void {
  tensorAttrs.set(framework, attr);
}

export function frameworkTensorAttr(host: Host, t: TensorValue, name: string): Value | undefined {
  const f = t.framework && tensorAttrs.get(t.framework);
  return f ? f(host, t, name) : undefined;
}

/**
 * A framework base class user classes extend (`class MyLayer extends tf.layers.Layer`): members an
 * instance does not define itself come from `attr` (the instance is passed as `self`).
 */
export type BaseAttr = (host: Host, self: Value, name: string) => Value | undefined;

const baseAttrs = new WeakMap<object, BaseAttr>();

export function registerBaseClass(cls: object, attr: BaseAttr): void {
  baseAttrs.set(cls, attr);
}

export function baseClassAttr(cls: object): BaseAttr | undefined {
  return baseAttrs.get(cls);
}

/** An object whose attribute writes the framework handles (`layer.trainable = false`). */
export interface AttrTarget {
  setAttr(host: Host, name: string, value: Value): boolean;
}

export function isAttrTarget(ref: object): ref is AttrTarget {
  return typeof (ref as Partial<AttrTarget>).setAttr === 'function';
}

/**
 * What a framework makes of an operator or tensor method on its tensors once the shape rule has
 * run (`x + residual` on Keras symbolic tensors is a node of the model's graph).
 */
export type TensorOpHook = (host: Host, self: TensorValue, name: string, args: readonly Value[], result: TensorValue) => Value;

const tensorOpHooks = new Map<Framework, TensorOpHook>();

export function registerTensorOpHook(framework: Framework, hook: TensorOpHook): void {
  tensorOpHooks.set(framework, hook);
}

export function tensorOpHook(framework: Framework | undefined): TensorOpHook | undefined {
  return framework ? tensorOpHooks.get(framework) : undefined;
}
