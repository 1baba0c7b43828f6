// Tensor Shape Hints, the VS Code side: starts the bundled language server and adds the commands
// (model summary, sample forward pass, restart), the status bar item and the output channel.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient, CLIENT_NAME } from './languageClient';
import { ShapeStatusBar } from './statusBar';
import { selectedPythonEnvironment } from './pythonEnvironment';
import { ResultPanel } from './resultPanel';
import { forwardPassPartialResult, modelSummaryRequest, runForwardPassRequest, statusNotification, type ModelQueryParams } from './protocol';

let client: LanguageClient | undefined;
let forwardPassRuns = 0;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME);
  const status = new ShapeStatusBar();
  const summaryPanel = new ResultPanel('shapeHints.modelSummary', 'Model summary');
  const forwardPanel = new ResultPanel('shapeHints.forwardPass', 'Forward pass');
  context.subscriptions.push(output, status, summaryPanel, forwardPanel);

  // The Python extension's selected environment, if it answers soon: its packages are read (never run).
  const pythonEnvironment = await Promise.race([selectedPythonEnvironment(), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 1500))]);
  if (pythonEnvironment) output.appendLine(`Python environment (from the Python extension): ${pythonEnvironment}`);
  const languageClient = createLanguageClient(context, output, { onGaveUp: () => status.stopped() }, pythonEnvironment);
  client = languageClient;
  context.subscriptions.push(
    languageClient.onDidChangeState((e) => {
      if (e.newState === State.Starting) status.starting();
      else if (e.newState === State.Running) status.hide();
    }),
    languageClient.onNotification(statusNotification, (params) => status.update(params)),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('shapeHints.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('shapeHints.restartServer', async () => {
      output.appendLine(`[${new Date().toLocaleTimeString()}] Restarting the shape server (command).`);
      status.starting();
      try {
        if (languageClient.state === State.Running) await languageClient.restart();
        else await languageClient.start();
        status.hide();
      } catch (error) {
        status.stopped();
        output.appendLine(`Restart failed: ${String(error)}`);
        void vscode.window.showErrorMessage(`Tensor Shape Hints: the server did not start (${String(error)}). See the output channel.`);
      }
    }),
    vscode.commands.registerCommand('shapeHints.showModelSummary', async (...args: unknown[]) => {
      const params = queryParams(languageClient, args);
      if (!params) return noEditor('a model summary');
      const result = await sendWhenReady(languageClient, () => languageClient.sendRequest(modelSummaryRequest, params));
      if (!result) {
        void vscode.window.showInformationMessage('Tensor Shape Hints: no model here. Put the cursor on an nn.Module class, a model instance or a call of one.');
        return;
      }
      await summaryPanel.show(result.markdown, fileName(params.textDocument.uri));
    }),
    vscode.commands.registerCommand('shapeHints.runForwardPass', async (...args: unknown[]) => {
      const params = queryParams(languageClient, args);
      if (!params) return noEditor('a forward pass');
      // The progress notification (cancellable, naming the model) is the server's own work-done
      // progress, so every LSP client gets it; the status bar item shows the run too. The shapes
      // come first (a partial result on our token), shown at once and replaced by the result.
      const name = fileName(params.textDocument.uri);
      const partialResultToken = `shapeHints.forwardPass.${++forwardPassRuns}`;
      let shapes: string | undefined;
      const partial = languageClient.onProgress(forwardPassPartialResult, partialResultToken, ({ markdown }) => {
        shapes = markdown;
        void forwardPanel.show(`${markdown}\n\n_Running: the numbers follow._`, name);
      });
      const result = await sendWhenReady(languageClient, () => languageClient.sendRequest(runForwardPassRequest, { ...params, partialResultToken })).finally(() =>
        partial.dispose(),
      );
      if (result === undefined) {
        // Failed (already reported) or cancelled: the shapes stay, without the promise of numbers.
        if (shapes !== undefined) await forwardPanel.show(`${shapes}\n\n_Stopped before the numbers._`, name);
        return;
      }
      if (!result) {
        void vscode.window.showInformationMessage('Tensor Shape Hints: no model call to run here. Put the cursor on a model or a line like `out = model(x)`.');
        return;
      }
      await forwardPanel.show(result.markdown, name);
    }),
  );

  status.starting();
  try {
    await languageClient.start();
    status.hide();
  } catch (error) {
    status.stopped();
    output.appendLine(`The shape server did not start: ${String(error)}`);
  }
}

export async function deactivate(): Promise<void> {
  if (client && client.state !== State.Stopped) await client.stop();
  client = undefined;
}

/**
 * The document and position to ask about: `[uri, line, character]` from a hover's command link
 * (the uri as the server knows it), else the active editor's cursor.
 */
function queryParams(languageClient: LanguageClient, args: unknown[]): ModelQueryParams | undefined {
  const [uri, line, character] = args;
  if (typeof uri === 'string' && typeof line === 'number' && typeof character === 'number') {
    return { textDocument: { uri }, position: { line, character } };
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const cursor = editor.selection.active;
  return {
    textDocument: { uri: languageClient.code2ProtocolConverter.asUri(editor.document.uri) },
    position: { line: cursor.line, character: cursor.character },
  };
}

/** Sends once the client runs; errors are reported to the user and give `undefined`. */
async function sendWhenReady<T>(languageClient: LanguageClient, send: () => Promise<T>): Promise<T | undefined> {
  if (languageClient.state !== State.Running) {
    void vscode.window.showWarningMessage('Tensor Shape Hints: the shape server is not running. Run "Tensor Shape Hints: Restart server".');
    return undefined;
  }
  try {
    return await send();
  } catch (error) {
    if (error instanceof vscode.CancellationError || (error as { code?: number }).code === -32800) return undefined;
    languageClient.error('Request failed', error, false);
    void vscode.window.showErrorMessage(`Tensor Shape Hints: ${(error as Error).message ?? String(error)}`);
    return undefined;
  }
}

function noEditor(what: string): void {
  void vscode.window.showInformationMessage(`Tensor Shape Hints: open a Python file and put the cursor on a model to see ${what}.`);
}

function fileName(uri: string): string {
  const parsed = vscode.Uri.parse(uri);
  return parsed.path.split('/').pop() ?? uri;
}
