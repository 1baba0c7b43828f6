// Creates the language client: the bundled server (dist/server.js) over IPC, the documents it sees,
// and an error handler that restarts a crashed server a few times and says so in the output channel.
import * as vscode from 'vscode';
import {
  CloseAction,
  LanguageClient,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

export const CLIENT_ID = 'shapeHints'; // also the prefix of `shapeHints.trace.server`
export const CLIENT_NAME = 'Tensor Shape Hints';
/** Restarts allowed within 3 minutes before the client gives up (the library's rule). */
const MAX_RESTARTS = 4;

export interface ClientHooks {
  /** The server died and will not be restarted (or a restart failed). */
  onGaveUp(): void;
}

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel, hooks: ClientHooks, pythonEnvironment?: string): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };

  let client: LanguageClient | undefined;
  let fallback: ErrorHandler | undefined;
  const defaultHandler = (): ErrorHandler => (fallback ??= client!.createDefaultErrorHandler(MAX_RESTARTS));
  let crashes = 0;
  const errorHandler: ErrorHandler = {
    error: async (error, message, count): Promise<ErrorHandlerResult> => defaultHandler().error(error, message, count),
    closed: async (): Promise<CloseHandlerResult> => {
      crashes++;
      const result = await defaultHandler().closed();
      const stamp = new Date().toLocaleTimeString();
      if (result.action === CloseAction.Restart) {
        output.appendLine(`[${stamp}] The shape server stopped unexpectedly (crash ${crashes}); restarting it.`);
        return { action: CloseAction.Restart, message: 'The shape server stopped unexpectedly and was restarted.', handled: true };
      }
      output.appendLine(`[${stamp}] The shape server stopped unexpectedly again (crash ${crashes}); not restarting it. Run "Tensor Shape Hints: Restart server" once the cause is fixed.`);
      hooks.onGaveUp();
      void vscode.window
        .showErrorMessage(`Tensor Shape Hints: the shape server crashed ${MAX_RESTARTS + 1} times in 3 minutes and was not restarted.`, 'Restart server', 'Show output')
        .then((choice) => {
          if (choice === 'Restart server') void vscode.commands.executeCommand('shapeHints.restartServer');
          else if (choice === 'Show output') output.show(true);
        });
      return { action: CloseAction.DoNotRestart, message: result.message, handled: true };
    },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'python' }, // files, untitled buffers, virtual workspaces
      { notebook: '*', language: 'python' }, // Jupyter cells (notebook sync when the server offers it)
      { language: 'typescript' },
      { language: 'typescriptreact' },
      { language: 'javascript' },
      { language: 'javascriptreact' },
      { language: 'julia' },
    ],
    synchronize: { configurationSection: 'shapeHints' },
    outputChannel: output,
    errorHandler,
    // Hovers link to "run a forward pass"; trust exactly our own commands, nothing else.
    markdown: { isTrusted: { enabledCommands: ['shapeHints.runForwardPass', 'shapeHints.showModelSummary'] }, supportHtml: false },
    initializationOptions: () => ({ extensionVersion: context.extension.packageJSON.version as string, pythonEnvironment }),
  };

  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  return client;
}
