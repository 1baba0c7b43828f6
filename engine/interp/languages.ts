// What differs between the languages whose code the interpreter runs (Python, JavaScript/
// TypeScript, Julia): the builtin names and the methods of plain values (a list's `append` in
// Python, an array's `push` and `length` in JavaScript). Statements and expressions are shared:
// each frontend lowers its language into the same core IR.
import type { Value } from '../value';
import type { Host } from './host';
import type { Language } from './ir';
import { pythonBuiltins } from './builtins';
import { pythonValueAttr } from './pyMethods';

export interface LanguageProfile {
  readonly language: Language;
  /** Names visible in every module of the language (`len`, `range`; `Math`, `console`...). */
  builtins(): ReadonlyMap<string, Value>;
  /** `v.name` on a plain value (list, tuple, str, dict); undefined when `v` is not one. */
  valueAttr(host: Host, v: Value, name: string): Value | undefined;
}

const python: LanguageProfile = { language: 'python', builtins: pythonBuiltins, valueAttr: pythonValueAttr };

const profiles = new Map<Language, LanguageProfile>([['python', python]]);

export function profileOf(language: Language | undefined): LanguageProfile {
  return profiles.get(language ?? 'python') ?? python;
}

/** A frontend's language registers its profile once, at load. */
export function registerLanguage(profile: LanguageProfile): void {
  profiles.set(profile.language, profile);
}
