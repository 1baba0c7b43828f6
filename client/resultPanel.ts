// Shows the markdown the server returns (model summary, forward-pass result) in a webview beside the
// editor, rendered by VS Code's own markdown engine (`markdown.api.render`) and styled with the theme.
import * as vscode from 'vscode';

/** Commands a rendered result may link to (a summary offers "run a forward pass"). */
const LINKABLE_COMMANDS = ['shapeHints.runForwardPass', 'shapeHints.showModelSummary'];

export class ResultPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** Counts shows: rendering is async, and a result must not be overwritten by the shapes shown before it. */
  private shown = 0;

  constructor(
    private readonly viewType: string,
    private readonly title: string,
  ) {}

  /** Shows `markdown`, replacing what the panel showed (the shapes of a pass, then its result). */
  async show(markdown: string, subtitle?: string): Promise<void> {
    const showing = ++this.shown;
    const title = subtitle ? `${this.title}: ${subtitle}` : this.title;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        this.viewType,
        title,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false, enableCommandUris: LINKABLE_COMMANDS, localResourceRoots: [] },
      );
      this.panel.onDidDispose(() => (this.panel = undefined));
    } else {
      this.panel.title = title;
      this.panel.reveal(undefined, true);
    }
    const html = await renderMarkdown(markdown);
    if (showing !== this.shown || !this.panel) return; // a newer show came meanwhile, or the panel was closed
    this.panel.webview.html = page(html, this.panel.webview.cspSource);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

async function renderMarkdown(markdown: string): Promise<string> {
  try {
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', markdown);
    if (typeof html === 'string') return html;
  } catch {
    // The built-in markdown extension is disabled: show the text as it is.
  }
  return `<pre>${escapeHtml(markdown)}</pre>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function page(body: string, cspSource: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline'; img-src ${cspSource} data:;">
<style>
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 20px 20px; line-height: 1.5; }
  code, pre { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
  pre { background: var(--vscode-textCodeBlock-background); padding: 8px 12px; border-radius: 4px; overflow-x: auto; }
  :not(pre) > code { background: var(--vscode-textCodeBlock-background); padding: 1px 4px; border-radius: 3px; }
  table { border-collapse: collapse; margin: 8px 0; }
  th, td { border: 1px solid var(--vscode-editorWidget-border, #8884); padding: 3px 10px; text-align: left; vertical-align: top; }
  th { background: var(--vscode-editorWidget-background); }
  td code, th code { background: none; padding: 0; white-space: nowrap; }
  a { color: var(--vscode-textLink-foreground); }
  h1, h2, h3 { font-weight: 600; }
  h1 { font-size: 1.5em; border-bottom: 1px solid var(--vscode-editorWidget-border, #8884); padding-bottom: 4px; }
</style>
</head>
<body>
${body}
</body>
</html>`;
}
