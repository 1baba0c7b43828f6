// The language server's entry: wires the protocol (stdio, IPC or socket, chosen by the command
// line as vscode-languageserver does) to the session and the providers in server/lsp/. Every
// handler runs inside an error boundary: a failure is logged and answered with an empty result.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  ProgressType,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type InitializeResult,
  type ProgressToken,
  type Position,
  type TextDocumentIdentifier,
} from 'vscode-languageserver/node';
import { allFrontends, initFrontends } from './frontends';
import { codeActions } from './lsp/codeActions';
import { disposeForwardPass, forwardPassDiagnostic, prepareForwardPass, previewForwardPass, runKey } from './lsp/forwardPassPreview';
import { hover } from './lsp/hover';
import { hoverTargetAt, modelAt } from './lsp/hoverTargets';
import { modelMarkdown, runForwardPassLink } from './lsp/hoverMarkdown';
import { inlayHints } from './lsp/inlayHints';
import { Session } from './lsp/session';
import { SettingsCache } from './lsp/settings';

const VERSION = '0.1.0';
const DEBOUNCE_MS = Number(process.env.SHAPE_HINTS_DEBOUNCE_MS ?? 150);

const connection = createConnection(ProposedFeatures.all);
let capabilities: ClientCapabilities = {};
let settings = new SettingsCache(undefined);
let refreshing: Promise<void> | undefined;
let refreshAgain = false;

const log = (message: string): void => connection.console.error(message);
const sendStatus = (state: 'analyzing' | 'running' | 'idle', detail?: string): void =>
  void connection.sendNotification('shapeHints/status', detail === undefined ? { state } : { state, detail });

const session = new Session(
  {
    publishDiagnostics: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
    refreshInlayHints,
    status: sendStatus,
    log,
    settings: (resource) => settings.get(resource),
  },
  { debounceMs: DEBOUNCE_MS },
);

/** One refresh in flight at a time; refreshes asked for meanwhile become one more after it. */
function refreshInlayHints(): void {
  if (!capabilities.workspace?.inlayHint?.refreshSupport) return;
  if (refreshing) {
    refreshAgain = true;
    return;
  }
  refreshing = connection.languages.inlayHint.refresh().then(
    () => undefined,
    () => undefined,
  );
  void refreshing.then(() => {
    refreshing = undefined;
    if (refreshAgain) {
      refreshAgain = false;
      refreshInlayHints();
    }
  });
}

class Cancelled extends Error {}

/**
 * The error boundary around a request handler. It first yields once to the event loop, so a
 * $/cancelRequest or a newer didChange already queued behind the request is seen before work
 * starts. A cancelled request is answered with RequestCancelled; any other failure is logged
 * and answered with `empty`.
 */
function guarded<P, R>(name: string, empty: R, handler: (params: P, isCancelled: () => boolean) => R | Promise<R>) {
  return async (params: P, token: CancellationToken): Promise<R | ResponseError<void>> => {
    const isCancelled = (): boolean => token.isCancellationRequested;
    try {
      await new Promise((resolve) => setImmediate(resolve));
      if (isCancelled()) throw new Cancelled();
      const result = await handler(params, isCancelled);
      if (isCancelled()) throw new Cancelled();
      return result;
    } catch (e) {
      if (e instanceof Cancelled) return new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`);
      log(`${name} failed: ${(e as Error).stack ?? String(e)}`);
      return empty;
    }
  };
}

/** The same boundary for notifications: nothing to answer, but nothing may escape either. */
function guardedNotification<P>(name: string, handler: (params: P) => void) {
  return (params: P): void => {
    try {
      handler(params);
    } catch (e) {
      log(`${name} failed: ${(e as Error).stack ?? String(e)}`);
    }
  };
}

async function analysisOrCancel(uri: string, isCancelled: () => boolean) {
  const found = await session.analysisFor(uri, isCancelled);
  if (!found && isCancelled()) throw new Cancelled();
  return found;
}

connection.onInitialize(async (params): Promise<InitializeResult> => {
  capabilities = params.capabilities;
  if (capabilities.workspace?.configuration) {
    settings = new SettingsCache((resource) => connection.workspace.getConfiguration({ scopeUri: resource, section: 'shapeHints' }));
  }
  // The bundle (dist/) carries the parser's wasm files beside it; from sources, node_modules has them.
  const wasmDir = fs.existsSync(path.join(__dirname, 'tree-sitter-python.wasm')) ? __dirname : undefined;
  await initFrontends({ wasmDir });
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  session.setWorkspaceFolders(folders);
  const env = (params.initializationOptions as { pythonEnvironment?: unknown } | undefined)?.pythonEnvironment;
  if (typeof env === 'string') session.setPythonEnvironment(env);
  const python = [{ language: 'python' }];
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      notebookDocumentSync: {
        notebookSelector: [
          { notebook: { notebookType: 'jupyter-notebook' }, cells: python },
          { notebook: { notebookType: 'interactive' }, cells: python },
        ],
      },
      inlayHintProvider: { resolveProvider: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'shape-hints', version: VERSION },
  };
});

connection.onInitialized(() => {
  if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'shapeHints' });
  }
  if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    // YAML too: configs the code opens, and the ones that build a model file's classes (configCallers.ts).
    const extensions = [...allFrontends().flatMap((f) => f.extensions.map((e) => e.slice(1))), 'yaml', 'yml'];
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/*.{${extensions.join(',')}}` }] });
  }
  if (capabilities.workspace?.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders(
      guardedNotification('workspace folders', (event) => {
        session.changeWorkspaceFolders(
          event.added.map((f) => f.uri),
          event.removed.map((f) => f.uri),
        );
      }),
    );
  }
});

connection.onDidChangeConfiguration(
  guardedNotification('configuration', (params) => {
    settings.changed(params.settings);
    session.invalidateAll();
  }),
);

connection.onDidChangeWatchedFiles(guardedNotification('watched files', (params) => session.filesChanged(params.changes.map((c) => c.uri))));

connection.onDidOpenTextDocument(guardedNotification('didOpen', ({ textDocument: d }) => session.openText(d.uri, d.languageId, d.version, d.text)));
connection.onDidChangeTextDocument(guardedNotification('didChange', ({ textDocument: d, contentChanges }) => session.changeText(d.uri, d.version, contentChanges)));
connection.onDidCloseTextDocument(guardedNotification('didClose', ({ textDocument: d }) => session.closeText(d.uri)));

const notebooks = connection.notebooks.synchronization;
notebooks.onDidOpenNotebookDocument(guardedNotification('notebook didOpen', (params) => session.openNotebook(params)));
notebooks.onDidChangeNotebookDocument(guardedNotification('notebook didChange', (params) => session.changeNotebook(params)));
notebooks.onDidCloseNotebookDocument(guardedNotification('notebook didClose', (params) => session.closeNotebook(params.notebookDocument.uri)));
notebooks.onDidSaveNotebookDocument(() => undefined);

connection.languages.inlayHint.on(
  guarded('inlayHint', [], async (params, isCancelled) => {
    const uri = params.textDocument.uri;
    const program = session.programOf(uri);
    const from = program?.offsetOf(uri, params.range.start);
    const to = program?.offsetOf(uri, params.range.end);
    // Hints of the visible lines need only the statements they depend on.
    const found = from !== undefined && to !== undefined ? await session.analysisForRange(uri, { start: from, end: to }, isCancelled) : await session.analysisFor(uri, isCancelled);
    if (!found && isCancelled()) throw new Cancelled();
    if (!found) return [];
    return inlayHints(found.analysis, found.program, uri, params.range, await settings.get(found.program.uri));
  }),
);

connection.onHover(
  guarded('hover', null, async (params, isCancelled) => {
    const found = await analysisOrCancel(params.textDocument.uri, isCancelled);
    if (!found) return null;
    // A model's hover carries the run link: load the runtime and lower its pass now, the click may follow.
    const offset = found.program.offsetOf(params.textDocument.uri, params.position);
    const target = offset === undefined ? undefined : hoverTargetAt(found.analysis, found.program.text, offset);
    if (target?.kind === 'model') {
      const { model, run } = target;
      void settings.get(found.program.uri).then((s) => prepareForwardPass(model, run, s.forwardPass), () => undefined);
    }
    return hover(found.analysis, found.program, params.textDocument.uri, params.position);
  }),
);

connection.onCodeAction(
  guarded('codeAction', [], async (params, isCancelled) => {
    const uri = params.textDocument.uri;
    const found = await analysisOrCancel(uri, isCancelled);
    if (!found) return [];
    const s = await settings.get(found.program.uri);
    return codeActions(found.analysis, found.program, uri, params.range, s.diagnostics.enabled);
  }),
);

interface ModelRequestParams {
  readonly textDocument: TextDocumentIdentifier;
  readonly position: Position;
}

async function modelRequestTarget(params: ModelRequestParams, isCancelled: () => boolean) {
  const uri = params.textDocument.uri;
  const found = await analysisOrCancel(uri, isCancelled);
  if (!found) return undefined;
  const offset = found.program.offsetOf(uri, params.position);
  if (offset === undefined) return undefined;
  const target = modelAt(found.analysis, found.program.text, offset);
  return target && { ...target, program: found.program, analysis: found.analysis };
}

interface RunForwardPassParams extends ModelRequestParams {
  /**
   * When given, the shapes-only markdown is sent at once as `$/progress` `{markdown}` on this
   * token; it is to be replaced by the response (the whole result, sent in any case).
   */
  readonly partialResultToken?: ProgressToken;
}

const forwardPassPartialResult = new ProgressType<{ markdown: string }>();

connection.onRequest(
  'shapeHints/modelSummary',
  guarded('modelSummary', null, async (params: ModelRequestParams, isCancelled) => {
    const target = await modelRequestTarget(params, isCancelled);
    if (!target) return null;
    const { line, character } = params.position;
    return { markdown: modelMarkdown(target.model, runForwardPassLink(params.textDocument.uri, line, character)) };
  }),
);

connection.onRequest(
  'shapeHints/runForwardPass',
  guarded('runForwardPass', null, async (params: RunForwardPassParams, isCancelled) => {
    const target = await modelRequestTarget(params, isCancelled);
    if (!target) return null;
    const s = await settings.get(target.program.uri);
    const progress = capabilities.window?.workDoneProgress ? await connection.window.createWorkDoneProgress() : undefined;
    progress?.begin('Sample forward pass', undefined, target.model.name, true);
    sendStatus('running', target.model.name);
    try {
      const partial = params.partialResultToken;
      const result = await previewForwardPass({
        model: target.model,
        run: target.run,
        settings: s.forwardPass,
        isCancelled: () => isCancelled() || progress?.token.isCancellationRequested === true,
        onProgress: (message) => progress?.report(message),
        onShapes: partial === undefined ? undefined : (markdown) => void connection.sendProgress(forwardPassPartialResult, partial, { markdown }),
      });
      const ran = result.ran;
      if (ran && ran.preview.status !== 'cancelled') {
        const found = forwardPassDiagnostic(target.program, target.model, ran);
        session.forwardPassFound(target.program, target.analysis, runKey(ran.run), found ? [found] : []);
      }
      return { markdown: result.markdown };
    } finally {
      progress?.done();
      sendStatus('idle');
    }
  }),
);

connection.onShutdown(() => {
  session.dispose();
  disposeForwardPass();
});

// A crash anywhere outside a handler (a timer, a promise nobody awaited) is logged, not fatal.
process.on('uncaughtException', (e) => log(`uncaught: ${e.stack ?? String(e)}`));
process.on('unhandledRejection', (e) => log(`unhandled rejection: ${(e as Error)?.stack ?? String(e)}`));

connection.listen();
