// Imports of workspace modules for the language server: an open document wins over the file on
// disk (unsaved edits count), disk files are lowered once per modification time. Every path a
// resolution looked at is recorded, so a change of that file (or its creation) re-analyses the
// importer. Files are only read, never run. The search order is the CLI's (workspaceImports.ts):
// the importing file's folder, the workspace folders, extra paths, then workspace virtualenvs.
import * as fs from 'node:fs';
import type { ModuleIR } from '../../engine/interp/ir';
import { importCandidates, importSearchPath, lowerFile } from '../workspaceImports';

export type ImportResolver = (module: string, level: number, from?: ModuleIR) => ModuleIR | undefined;

/** The paths a program's imports depended on, with the version of each seen at the time. */
export type Dependencies = Map<string, number>;

export class ModuleSources {
  private readonly disk = new Map<string, { mtimeMs: number; ir: ModuleIR | undefined }>();
  private readonly versions = new Map<string, number>();
  /** Where each module IR handed out came from (relative imports inside it start there). */
  private readonly pathOf = new WeakMap<ModuleIR, string>();

  /** `openModule(path)` returns the lowered IR of an open document at that path, `openText` its text. */
  constructor(
    private readonly openModule: (file: string) => ModuleIR | undefined,
    private readonly openText: (file: string) => string | undefined = () => undefined,
  ) {}

  /** A file's IR and text (the open document's, else the disk's), for running it as a caller. */
  source(file: string): { ir: ModuleIR; text: string } | undefined {
    const ir = this.read(file);
    if (!ir) return undefined;
    let text = this.openText(file);
    if (text === undefined) {
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    }
    return { ir, text };
  }

  /** The path an IR handed out was read from. */
  pathOfModule(ir: ModuleIR): string | undefined {
    return this.pathOf.get(ir);
  }

  /** The IR imports of `file` get (an open document's, else the disk's). */
  module(file: string): ModuleIR | undefined {
    return this.read(file);
  }

  /** Version of a path: bumped when the file changes on disk or its open document changes. */
  versionOf(file: string): number {
    return this.versions.get(file) ?? 0;
  }

  changed(file: string): void {
    this.versions.set(file, this.versionOf(file) + 1);
    this.disk.delete(file);
  }

  /** True when every dependency is still at the version recorded. */
  unchanged(deps: Dependencies): boolean {
    for (const [file, v] of deps) if (this.versionOf(file) !== v) return false;
    return true;
  }

  /** A resolver for one analysis of `file` (undefined for unsaved documents): records into `deps`. */
  resolver(file: string | undefined, roots: readonly string[], extraPaths: readonly string[], deps: Dependencies): ImportResolver {
    const searchPath = importSearchPath(roots, extraPaths);
    return (module, level, from) => {
      for (const candidate of importCandidates(module, level, (from && this.pathOf.get(from)) ?? file, searchPath)) {
        if (candidate === file) continue;
        deps.set(candidate, this.versionOf(candidate));
        const ir = this.read(candidate);
        if (ir) return ir;
      }
      return undefined;
    };
  }

  private read(file: string): ModuleIR | undefined {
    const open = this.openModule(file);
    if (open) {
      this.pathOf.set(open, file);
      return open;
    }
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      return undefined;
    }
    if (!st.isFile()) return undefined;
    const cached = this.disk.get(file);
    if (cached && cached.mtimeMs === st.mtimeMs) return cached.ir;
    let ir: ModuleIR | undefined;
    try {
      ir = lowerFile(file);
    } catch {
      ir = undefined;
    }
    if (ir) this.pathOf.set(ir, file);
    this.disk.set(file, { mtimeMs: st.mtimeMs, ir });
    return ir;
  }
}
