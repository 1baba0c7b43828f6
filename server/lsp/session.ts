// The server's state: open documents and notebooks, the program each belongs to, analyses run
// after a pause in typing (or at once when a request needs a newer one), and what follows an
// analysis (diagnostics pushed, inlay hints refreshed). Knows the protocol's data shapes but
// not the connection: server.ts wires it to one through SessionClient.
import { prefixSitePackages } from '../workspaceImports';
import * as path from 'node:path';
import type {
  Diagnostic,
  DidChangeNotebookDocumentParams,
  DidOpenNotebookDocumentParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import type { ModuleIR } from '../../engine/interp/ir';
import { Analyzer, type Analysis } from './analyzer';
import { Debouncer } from './debouncer';
import { diagnosticsByDocument } from './diagnostics';
import { ModuleSources } from './moduleSources';
import { NotebookProgram } from './notebookProgram';
import { FileProgram, uriToPath, type Program } from './program';
import type { ShapeHintsSettings } from './settings';
import { TextDocumentState } from './textDocumentState';
import { frontendForLanguageId } from '../frontends';

export interface SessionClient {
  publishDiagnostics(uri: string, diagnostics: Diagnostic[]): void;
  /** workspace/inlayHint/refresh, when the client supports it. */
  refreshInlayHints(): void;
  status(state: 'analyzing' | 'running' | 'idle', detail?: string): void;
  log(message: string): void;
  settings(resource: string): Promise<ShapeHintsSettings>;
}

/** What forward passes of one analysis found, by the run (a later pass of a call replaces its entry). */
interface RunDiagnostics {
  readonly analysis: Analysis;
  readonly byRun: ReadonlyMap<string, readonly PlacedRunDiagnostic[]>;
}

export interface PlacedRunDiagnostic {
  readonly uri: string;
  readonly diagnostic: Diagnostic;
}

export interface SessionOptions {
  /** Pause after an edit before analysing in the background (ms). */
  readonly debounceMs: number;
}

const SLOW_ANALYSIS_MS = 100;

export class Session {
  /** Open text documents: standalone files and notebook cells. */
  private readonly documents = new Map<string, TextDocumentState>();
  private readonly files = new Map<string, FileProgram>();
  private readonly filesByPath = new Map<string, FileProgram>();
  private readonly notebooks = new Map<string, NotebookProgram>();
  private readonly notebookOfCell = new Map<string, string>();
  /** Documents that got diagnostics from a program, to clear those that left it. */
  private readonly published = new Map<string, { analysis: Analysis | undefined; enabled: boolean; found: RunDiagnostics | undefined; uris: readonly string[] }>();
  /** Diagnostics forward passes found, per program: shown until its next analysis. */
  private readonly runDiagnostics = new Map<string, RunDiagnostics>();
  private readonly debouncer: Debouncer;
  readonly sources: ModuleSources;
  readonly analyzer: Analyzer;
  private folders: string[] = [];

  constructor(private readonly client: SessionClient, options: SessionOptions) {
    this.debouncer = new Debouncer(options.debounceMs);
    this.sources = new ModuleSources((file) => this.openModule(file), (file) => this.filesByPath.get(file)?.text);
    this.analyzer = new Analyzer(this.sources, (m) => client.log(m));
  }

  // ---- workspace -------------------------------------------------------------------------

  setWorkspaceFolders(uris: readonly string[]): void {
    this.folders = uris.map(uriToPath).filter((p): p is string => p !== undefined);
    this.invalidateAll();
  }

  changeWorkspaceFolders(added: readonly string[], removed: readonly string[]): void {
    const gone = new Set(removed.map(uriToPath));
    const kept = this.folders.filter((f) => !gone.has(f));
    const more = added.map(uriToPath).filter((p): p is string => p !== undefined && !kept.includes(p));
    this.folders = [...kept, ...more];
    this.invalidateAll();
  }

  /** Settings or folders changed: everything is re-analysed and re-published. */
  invalidateAll(): void {
    for (const p of this.programs()) {
      this.analyzer.forget(p.uri);
      this.schedule(p);
    }
  }

  /** Files changed on disk (didChangeWatchedFiles). */
  filesChanged(uris: readonly string[]): void {
    this.analyzer.filesCreatedOrDeleted();
    for (const uri of uris) {
      const file = uriToPath(uri);
      if (file) this.moduleChanged(file);
    }
  }

  // ---- text documents --------------------------------------------------------------------

  openText(uri: string, languageId: string, version: number, text: string): void {
    const frontend = frontendForLanguageId(languageId);
    if (!frontend) return;
    this.closeText(uri);
    const doc = new TextDocumentState(uri, languageId, version, text, frontend, uriToPath(uri) ?? uri);
    this.documents.set(uri, doc);
    const program = new FileProgram(doc);
    this.files.set(uri, program);
    if (program.path) {
      this.filesByPath.set(program.path, program);
      this.moduleChanged(program.path);
    }
    this.schedule(program);
  }

  changeText(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): void {
    const program = this.files.get(uri);
    if (!program) return;
    program.document.applyChanges(changes, version);
    program.touch();
    if (program.path) this.moduleChanged(program.path);
    this.schedule(program);
  }

  closeText(uri: string): void {
    const program = this.files.get(uri);
    if (!program) return;
    this.debouncer.cancel(uri);
    this.files.delete(uri);
    this.documents.delete(uri);
    if (program.path && this.filesByPath.get(program.path) === program) this.filesByPath.delete(program.path);
    program.document.dispose();
    this.analyzer.forget(uri);
    this.clearDiagnostics(uri);
    if (program.path) this.moduleChanged(program.path);
  }

  // ---- notebooks -------------------------------------------------------------------------

  openNotebook(params: DidOpenNotebookDocumentParams): void {
    const nb = params.notebookDocument;
    this.closeNotebook(nb.uri);
    const program = new NotebookProgram(nb.uri, nb.version, (u) => this.documents.get(u));
    program.cells = nb.cells.map((c) => ({ uri: c.document, kind: c.kind }));
    for (const d of params.cellTextDocuments) this.openCell(nb.uri, d.uri, d.languageId, d.version, d.text);
    this.notebooks.set(nb.uri, program);
    this.schedule(program);
  }

  changeNotebook(params: DidChangeNotebookDocumentParams): void {
    const program = this.notebooks.get(params.notebookDocument.uri);
    if (!program) return;
    program.version = params.notebookDocument.version;
    const cells = params.change.cells;
    const structure = cells?.structure;
    if (structure) {
      const { start, deleteCount, cells: added } = structure.array;
      program.cells.splice(start, deleteCount, ...(added ?? []).map((c) => ({ uri: c.document, kind: c.kind })));
      for (const d of structure.didClose ?? []) this.closeCell(d.uri);
      for (const d of structure.didOpen ?? []) this.openCell(program.uri, d.uri, d.languageId, d.version, d.text);
    }
    for (const c of cells?.data ?? []) {
      const entry = program.cells.find((e) => e.uri === c.document);
      if (entry) entry.kind = c.kind;
    }
    for (const t of cells?.textContent ?? []) this.documents.get(t.document.uri)?.applyChanges(t.changes, t.document.version);
    program.touch();
    this.schedule(program);
  }

  closeNotebook(uri: string): void {
    const program = this.notebooks.get(uri);
    if (!program) return;
    this.debouncer.cancel(uri);
    this.notebooks.delete(uri);
    this.clearDiagnostics(uri);
    for (const c of program.cells) this.closeCell(c.uri);
    this.analyzer.forget(uri);
  }

  private openCell(notebook: string, uri: string, languageId: string, version: number, text: string): void {
    this.documents.set(uri, new TextDocumentState(uri, languageId, version, text, undefined));
    this.notebookOfCell.set(uri, notebook);
  }

  private closeCell(uri: string): void {
    this.documents.get(uri)?.dispose();
    this.documents.delete(uri);
    this.notebookOfCell.delete(uri);
  }

  // ---- analysis --------------------------------------------------------------------------

  /** The program a document belongs to: its own file, or the notebook of a cell. */
  programOf(uri: string): Program | undefined {
    const nb = this.notebookOfCell.get(uri);
    return nb !== undefined ? this.notebooks.get(nb) : this.files.get(uri);
  }

  programs(): Program[] {
    return [...this.files.values(), ...this.notebooks.values()];
  }

  /**
   * An analysis of the document's current text: the cached one, or a new one made now (a
   * request must not wait for the debounce). Undefined when cancelled or not ours.
   */
  async analysisFor(uri: string, isCancelled: () => boolean): Promise<{ program: Program; analysis: Analysis } | undefined> {
    const program = this.programOf(uri);
    if (!program) return undefined;
    const fresh = this.analyzer.fresh(program);
    if (fresh) return { program, analysis: fresh };
    const settings = await this.client.settings(program.uri);
    if (isCancelled() || this.programOf(uri) !== program) return undefined;
    const analysis = this.analyzer.fresh(program) ?? this.runAnalysis(program, settings, isCancelled);
    if (!analysis) return undefined;
    // A notebook's other cells may show hints that this analysis changed.
    if (program instanceof NotebookProgram) this.client.refreshInlayHints();
    return { program, analysis };
  }

  /**
   * An analysis good for the hints of `range` (program offsets): the full one when it is fresh,
   * else one of just the statements the range depends on (much less after an edit in a long file);
   * the full analysis follows in the background as usual.
   */
  async analysisForRange(uri: string, range: { start: number; end: number }, isCancelled: () => boolean): Promise<{ program: Program; analysis: Analysis } | undefined> {
    const program = this.programOf(uri);
    if (!program) return undefined;
    // A notebook's cells show one program's hints: a change anywhere refreshes them all, which
    // the full analysis does (a focused one would leave the other cells stale).
    if (program instanceof NotebookProgram) return this.analysisFor(uri, isCancelled);
    const fresh = this.analyzer.fresh(program) ?? this.analyzer.freshFocused(program, range);
    if (fresh) return { program, analysis: fresh };
    const settings = await this.client.settings(program.uri);
    if (isCancelled() || this.programOf(uri) !== program) return undefined;
    const ready = this.analyzer.fresh(program) ?? this.analyzer.freshFocused(program, range);
    if (ready) return { program, analysis: ready };
    // A file's first analysis is the full one (announced on the status bar, diagnostics published).
    // So is that of a model file other files call: a focused one would not have their shapes, and
    // its hints would flip between symbolic and concrete on every edit.
    const last = this.analyzer.last(program.uri);
    if (!last || last.fromCallers || last.callersPending) {
      const full = this.runAnalysis(program, settings, isCancelled);
      return full ? { program, analysis: full } : undefined;
    }
    const analysis = this.analyzer.analyze(program, this.roots(program), this.extraPaths(settings), isCancelled, range);
    if (!analysis) return undefined;
    // The slice was the whole program: this is the full analysis, published as such.
    if (!analysis.result.focus) void this.publish(program, analysis);
    return { program, analysis };
  }

  private runAnalysis(program: Program, settings: ShapeHintsSettings, isCancelled: () => boolean): Analysis | undefined {
    this.debouncer.cancel(program.uri);
    // The status bar hears of a file's first analysis and of slow ones, not of every keystroke.
    const previous = this.analyzer.last(program.uri);
    const announce = !previous || previous.ms > SLOW_ANALYSIS_MS;
    if (announce) this.client.status('analyzing', program.path ? path.basename(program.path) : program.uri);
    // A file's first hints come from it alone; the workspace files that call it join after.
    const analysis = this.analyzer.analyze(program, this.roots(program), this.extraPaths(settings), isCancelled, undefined, !previous);
    if (announce && !analysis?.callersPending) this.client.status('idle');
    if (analysis) void this.publish(program, analysis);
    else this.schedule(program); // cancelled: analyse again once typing pauses
    // A timer, not setImmediate: the reply with the own hints is written in this turn's check phase.
    if (analysis?.callersPending) setTimeout(() => this.joinCallers(program, analysis, settings), 0);
    return analysis;
  }

  /** The workspace's callers of a file whose own hints are out: their shapes replace them. */
  private joinCallers(program: Program, pending: Analysis, settings: ShapeHintsSettings): void {
    try {
      const joined = this.analyzer.joinCallers(program, pending, this.roots(program), this.extraPaths(settings), () => false);
      this.client.status('idle');
      if (!joined) return; // edited meanwhile: the next full analysis runs them
      void this.publish(program, joined);
      if (joined.fromCallers) this.client.refreshInlayHints();
    } catch (e) {
      this.client.status('idle');
      this.client.log(`workspace callers of ${program.uri} failed: ${(e as Error).stack ?? String(e)}`);
    }
  }

  private schedule(program: Program): void {
    this.debouncer.schedule(program.uri, () => void this.background(program.uri));
  }

  private async background(uri: string): Promise<void> {
    try {
      const program = this.files.get(uri) ?? this.notebooks.get(uri);
      if (!program) return;
      if (this.analyzer.fresh(program)) {
        await this.publish(program, this.analyzer.fresh(program)!);
        return;
      }
      const settings = await this.client.settings(program.uri);
      if (this.debouncer.isPending(uri) || (this.files.get(uri) ?? this.notebooks.get(uri)) !== program) return;
      const analysis = this.analyzer.fresh(program) ?? this.runAnalysis(program, settings, () => false);
      if (analysis) this.client.refreshInlayHints();
    } catch (e) {
      this.client.log(`background analysis of ${uri} failed: ${(e as Error).stack ?? String(e)}`);
    }
  }

  /** Import roots: the workspace folders (a lone file's own folder without any). */
  private roots(program: Program): string[] {
    return this.folders.length > 0 ? [...this.folders] : program.path ? [path.dirname(program.path)] : [];
  }

  /** `shapeHints.extraPaths`, relative ones against each workspace folder, then the packages of
   *  the environment the Python extension selected. */
  private extraPaths(settings: ShapeHintsSettings): string[] {
    const own = settings.extraPaths.flatMap((p) => (path.isAbsolute(p) ? [p] : this.folders.map((f) => path.join(f, p))));
    return [...own, ...this.pythonPackages];
  }

  private pythonPackages: string[] = [];

  /** The Python environment's folder (a virtualenv, conda env) whose site-packages imports read. */
  setPythonEnvironment(prefix: string): void {
    this.pythonPackages = prefixSitePackages(prefix);
  }

  /** A module's text changed (open document edited, opened, closed, or file changed on disk). */
  private moduleChanged(file: string): void {
    this.sources.changed(file);
    for (const uri of this.analyzer.dependentsOf(file)) {
      const p = this.files.get(uri) ?? this.notebooks.get(uri);
      if (p && p.path !== file) this.schedule(p);
    }
  }

  private openModule(file: string): ModuleIR | undefined {
    return this.filesByPath.get(file)?.lower();
  }

  // ---- diagnostics -----------------------------------------------------------------------

  private async publish(program: Program, analysis: Analysis): Promise<void> {
    try {
      const settings = await this.client.settings(program.uri);
      if (this.analyzer.fresh(program) !== analysis) return; // a newer one will publish
      const last = this.published.get(program.uri);
      const enabled = settings.diagnostics.enabled;
      // A forward pass's findings hold for the text it ran on: a newer analysis drops them.
      let found = this.runDiagnostics.get(program.uri);
      if (found && found.analysis !== analysis) {
        this.runDiagnostics.delete(program.uri);
        found = undefined;
      }
      if (last && last.analysis === analysis && last.enabled === enabled && last.found === found) return;
      const byDoc = diagnosticsByDocument(analysis, program, enabled);
      if (enabled) for (const p of [...(found?.byRun.values() ?? [])].flat()) byDoc.get(p.uri)?.push(p.diagnostic);
      for (const uri of last?.uris ?? []) if (!byDoc.has(uri)) this.client.publishDiagnostics(uri, []);
      for (const [uri, ds] of byDoc) this.client.publishDiagnostics(uri, ds);
      this.published.set(program.uri, { analysis, enabled, found, uris: [...byDoc.keys()] });
    } catch (e) {
      this.client.log(`publishing diagnostics of ${program.uri} failed: ${(e as Error).stack ?? String(e)}`);
    }
  }

  private clearDiagnostics(programUri: string): void {
    const last = this.published.get(programUri);
    this.published.delete(programUri);
    this.runDiagnostics.delete(programUri);
    for (const uri of last?.uris ?? [programUri]) this.client.publishDiagnostics(uri, []);
  }

  /**
   * A forward pass of `run` on `analysis` ended: publish what it found with the static diagnostics
   * (finding nothing clears the run's earlier finding). Ignored when the text changed meanwhile.
   */
  forwardPassFound(program: Program, analysis: Analysis, run: string, diagnostics: readonly PlacedRunDiagnostic[]): void {
    if ((this.files.get(program.uri) ?? this.notebooks.get(program.uri)) !== program) return; // closed meanwhile
    if (this.analyzer.fresh(program) !== analysis) return;
    const last = this.runDiagnostics.get(program.uri);
    const byRun = new Map(last?.analysis === analysis ? last.byRun : []);
    if (diagnostics.length === 0 && !byRun.has(run)) return;
    if (diagnostics.length > 0) byRun.set(run, diagnostics);
    else byRun.delete(run);
    this.runDiagnostics.set(program.uri, { analysis, byRun });
    void this.publish(program, analysis);
  }

  /** Settings changed: re-publish with the new ones (diagnostics may have been switched off). */
  republishAll(): void {
    for (const p of this.programs()) {
      this.published.delete(p.uri);
      const a = this.analyzer.fresh(p);
      if (a) void this.publish(p, a);
      else this.schedule(p);
    }
  }

  dispose(): void {
    this.debouncer.dispose();
    for (const d of this.documents.values()) d.dispose();
    this.documents.clear();
  }
}
