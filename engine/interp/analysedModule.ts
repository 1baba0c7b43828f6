// What an import resolver answers when another module imports the very file being analysed
// (litgpt's config.py reads `litgpt.model` lazily inside a property): the module as it runs, not a copy.
import type { ModuleIR } from './ir';

/** Stands for the analysed file in a resolver's answer; the interpreter maps it to the file's own scope. */
export const ANALYSED_MODULE: ModuleIR = Object.freeze({ body: [], comments: [], syntaxErrors: [] });
