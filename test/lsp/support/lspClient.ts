// A small LSP client for protocol tests and the latency bench: spawns a server over stdio and
// speaks to it with vscode-languageserver-protocol, answering the server's own requests
// (configuration, registrations, refreshes) the way VS Code would.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  InlayHintRequest,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type Hover,
  type InlayHint,
  type Position,
  type ProtocolConnection,
  type Range,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { ensureServerBuilt, SERVER_JS } from './buildServer';

export interface ClientOptions {
  /** The command running the server (default: node dist/server.js --stdio, built if stale). */
  readonly command?: readonly string[];
  /** Answer to workspace/configuration for each section (default: shapeHints = {}). */
  readonly settings?: Record<string, unknown>;
  readonly workspaceFolder?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** stdio (default), or Node IPC (`--node-ipc`, as VS Code's TransportKind.ipc starts it). */
  readonly transport?: 'stdio' | 'ipc';
}

export const CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    inlayHint: { refreshSupport: true },
    workspaceEdit: { documentChanges: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false },
    inlayHint: { dynamicRegistration: false },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor'] } }, isPreferredSupport: true },
    publishDiagnostics: { relatedInformation: true },
  },
  notebookDocument: { synchronization: { dynamicRegistration: false } },
  window: { workDoneProgress: true },
};

export function fileUri(p: string): string {
  return pathToFileURL(p).href;
}

export class LspTestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly statuses: { state: string; detail?: string }[] = [];
  readonly logs: string[] = [];
  refreshes = 0;
  settings: Record<string, unknown>;
  /** Answer to workspace/workspaceFolders. */
  folders: string[];
  private diagnosticWaiters: (() => void)[] = [];
  private readonly versions = new Map<string, number>();

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    options: ClientOptions,
  ) {
    this.settings = options.settings ?? { shapeHints: {} };
    this.folders = options.workspaceFolder ? [options.workspaceFolder] : [];
  }

  static async start(options: ClientOptions = {}): Promise<LspTestClient> {
    let child: ChildProcess;
    let connection: ProtocolConnection;
    if (options.transport === 'ipc') {
      ensureServerBuilt();
      child = fork(SERVER_JS, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'], env: options.env ?? process.env });
      connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    } else {
      const command = options.command ?? (ensureServerBuilt(), [process.execPath, SERVER_JS, '--stdio']);
      child = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
      connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    }
    const client = new LspTestClient(child, connection, options);
    child.stderr!.on('data', (d: Buffer) => client.logs.push(`stderr: ${d.toString()}`));
    client.wire();
    connection.listen();
    const folder = options.workspaceFolder;
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folder ? fileUri(folder) : null,
      capabilities: CAPABILITIES,
      workspaceFolders: folder ? [{ uri: fileUri(folder), name: path.basename(folder) }] : null,
      initializationOptions: {},
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private wire(): void {
    const c = this.connection;
    c.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      const waiters = this.diagnosticWaiters;
      this.diagnosticWaiters = [];
      for (const w of waiters) w();
    });
    c.onNotification('shapeHints/status', (p: { state: string; detail?: string }) => this.statuses.push(p));
    c.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    c.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((i) => (i.section ? (this.settings[i.section] ?? null) : this.settings)));
    c.onRequest('client/registerCapability', () => null);
    c.onRequest('workspace/workspaceFolders', () => this.folders.map((f) => ({ uri: fileUri(f), name: path.basename(f) })));
    c.onRequest('window/workDoneProgress/create', () => null);
    c.onNotification('$/progress', () => undefined);
    c.onRequest('workspace/inlayHint/refresh', () => {
      this.refreshes++;
      return null;
    });
  }

  async open(uri: string, text: string, languageId = 'python'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async setSettings(shapeHints: Record<string, unknown>): Promise<void> {
    this.settings = { ...this.settings, shapeHints };
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  async setFolders(folders: string[]): Promise<void> {
    const added = folders.filter((f) => !this.folders.includes(f));
    const removed = this.folders.filter((f) => !folders.includes(f));
    this.folders = folders;
    const item = (f: string): { uri: string; name: string } => ({ uri: fileUri(f), name: path.basename(f) });
    await this.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: added.map(item), removed: removed.map(item) } });
  }

  inlayHints(uri: string, range: Range = WHOLE_FILE): Promise<InlayHint[] | null> {
    return this.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[] = []): Promise<CodeAction[]> {
    return this.connection
      .sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } })
      .then((r) => (r ?? []).filter((a): a is CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string')));
  }

  /** Resolves once the diagnostics of `uri` satisfy `ok` (checked now and on each publish). */
  waitForDiagnostics(uri: string, ok: (d: Diagnostic[]) => boolean, timeoutMs = 10_000): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`diagnostics of ${uri} not as expected within ${timeoutMs} ms: ${JSON.stringify(this.diagnostics.get(uri))}`)), timeoutMs);
      const check = (): void => {
        const d = this.diagnostics.get(uri);
        if (d && ok(d)) {
          clearTimeout(timer);
          resolve(d);
        } else this.diagnosticWaiters.push(check);
      };
      check();
    });
  }

  /** Server log lines that report a failure (the error boundary logs them). */
  failures(): string[] {
    return this.logs.filter((l) => /failed|uncaught|unhandled|Error/.test(l));
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      /* the server is gone already */
    }
    this.connection.dispose();
    const exited = new Promise((r) => this.process.once('exit', r));
    if (this.process.exitCode === null) await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    if (this.process.exitCode === null) this.process.kill();
  }
}

export const WHOLE_FILE: Range = { start: { line: 0, character: 0 }, end: { line: 1_000_000, character: 0 } };
