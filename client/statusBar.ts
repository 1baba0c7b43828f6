// The status bar item: visible while the server analyses or runs a forward pass (driven by the
// `shapeHints/status` notification), and when the server has stopped (click to restart).
import * as vscode from 'vscode';
import type { StatusParams } from './protocol';

/** Short analyses flash by; only show the item when the work lasts longer than this. */
const SHOW_DELAY_MS = 300;

export class ShapeStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private showTimer: NodeJS.Timeout | undefined;

  constructor() {
    this.item = vscode.window.createStatusBarItem('shapeHints.status', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'Tensor Shape Hints';
  }

  update(status: StatusParams): void {
    switch (status.state) {
      case 'analyzing':
        this.set('$(sync~spin) Shapes', `Tensor Shape Hints: analysing shapes${status.detail ? ` in ${status.detail}` : ''}`);
        this.showSoon();
        break;
      case 'running':
        this.set('$(loading~spin) Forward pass', `Tensor Shape Hints: running a sample forward pass${status.detail ? ` of ${status.detail}` : ''} in ONNX Runtime`);
        this.showSoon();
        break;
      default:
        this.hide();
    }
  }

  starting(): void {
    this.set('$(loading~spin) Shapes', 'Tensor Shape Hints: starting the language server');
    this.showSoon();
  }

  stopped(): void {
    this.set('$(error) Shapes', 'Tensor Shape Hints: the language server has stopped. Click to restart it (details in the "Tensor Shape Hints" output).');
    this.item.command = 'shapeHints.restartServer';
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    this.clearTimer();
    this.item.show();
  }

  hide(): void {
    this.clearTimer();
    this.item.hide();
  }

  dispose(): void {
    this.clearTimer();
    this.item.dispose();
  }

  private set(text: string, tooltip: string): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.command = 'shapeHints.showOutput';
    this.item.backgroundColor = undefined;
  }

  private showSoon(): void {
    if (this.showTimer) return;
    this.showTimer = setTimeout(() => {
      this.showTimer = undefined;
      this.item.show();
    }, SHOW_DELAY_MS);
  }

  private clearTimer(): void {
    if (this.showTimer) clearTimeout(this.showTimer);
    this.showTimer = undefined;
  }
}
