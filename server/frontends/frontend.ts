// The languages the server understands, one frontend each (Python; TypeScript/JavaScript; Julia):
// how to recognise its files, parse and lower them to the core IR (whole texts, or open documents
// re-parsed incrementally), and which files an import names. Everything after lowering is shared.
import type { Language, ModuleIR } from '../../engine/interp/ir';
import type { TextEdit } from './python/edits';

export type { TextEdit };

/** One open document's parse state: edits re-parse incrementally, `lower()` is cached per text. */
export interface SourceDocument {
  readonly text: string;
  applyEdit(edit: TextEdit): void;
  setText(text: string): void;
  lower(): ModuleIR;
  dispose(): void;
}

export interface Frontend {
  readonly language: Language;
  /** LSP language ids of documents this frontend reads (`python`, `typescriptreact`...). */
  readonly languageIds: readonly string[];
  /** File name endings of its files (`.py`, `.ts`...); the first is the main one. */
  readonly extensions: readonly string[];
  /** Load parsers (wasm) once; `wasmDir` is where the bundle keeps them, else node_modules. */
  init(options: { readonly wasmDir?: string }): Promise<void>;
  /** Parse and lower a whole text (`fileName` picks a dialect, e.g. TSX). Never throws on bad code. */
  lower(text: string, fileName?: string): ModuleIR;
  openDocument(text: string, fileName?: string): SourceDocument;
  /** The files `module` may name when imported from `importer`, in the language's search order. */
  importCandidates(module: string, level: number, importer: string | undefined, searchPath: readonly string[]): string[];
}

const frontends: Frontend[] = [];

export function registerFrontend(f: Frontend): void {
  if (!frontends.includes(f)) frontends.push(f);
}

export function allFrontends(): readonly Frontend[] {
  return frontends;
}

export function frontendForPath(file: string): Frontend | undefined {
  const lower = file.toLowerCase();
  return frontends.find((f) => f.extensions.some((e) => lower.endsWith(e)));
}

export function frontendForLanguageId(languageId: string): Frontend | undefined {
  return frontends.find((f) => f.languageIds.includes(languageId));
}

export function frontendForLanguage(language: Language | undefined): Frontend | undefined {
  return frontends.find((f) => f.language === (language ?? 'python'));
}

/** Load every frontend's parser (the CLI and the server call this once at start). */
export async function initFrontends(options: { readonly wasmDir?: string } = {}): Promise<void> {
  await Promise.all(frontends.map((f) => f.init(options)));
}
