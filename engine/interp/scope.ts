// Python name scopes: a function's locals, its enclosing functions, the module's globals.
// Class bodies get a scope of their own whose names do not leak into methods (as in Python).
import type { Value } from '../value';
import type { LanguageProfile } from './languages';
import type { ModuleIR } from './ir';

export class Scope {
  readonly vars = new Map<string, Value>();
  /** Names declared `global` in this (function) scope. */
  readonly globalNames = new Set<string>();
  /** Names declared `nonlocal`: assignments go to the enclosing function scope that binds them. */
  readonly nonlocalNames = new Set<string>();
  /** Set on module scopes: the language of the module's code (its builtins, its value methods). */
  profile: LanguageProfile | undefined;
  /** Set on module scopes: the module's code (a file it opens is found from its folder). */
  module: ModuleIR | undefined;
  /** Set on module scopes where a star import brought names we do not know: a name not found may exist. */
  unknownStarImport = false;
  constructor(readonly parent: Scope | undefined, readonly globals: Scope | undefined) {}

  get moduleScope(): Scope {
    return this.globals ?? this;
  }

  lookup(name: string): Value | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v !== undefined) return v;
    }
    return this.globals?.vars.get(name);
  }

  assign(name: string, value: Value): void {
    if (this.globalNames.has(name) && this.globals) this.globals.vars.set(name, value);
    else if (this.nonlocalNames.has(name)) {
      let s = this.parent;
      while (s && !s.vars.has(name)) s = s.parent;
      (s ?? this).vars.set(name, value);
    } else this.vars.set(name, value);
  }
}
