// The custom requests and notification the client exchanges with the language server (the names are
// the contract in ARCHITECTURE/common notes; the server declares the same shapes on its side).
import { NotificationType, RequestType, type Position, type TextDocumentIdentifier } from 'vscode-languageclient/node';

export interface ModelQueryParams {
  textDocument: TextDocumentIdentifier;
  position: Position;
}

/** Markdown ready to show, or null when there is no model (call) at the position. */
export type MarkdownResult = { markdown: string } | null;

export const modelSummaryRequest = new RequestType<ModelQueryParams, MarkdownResult, void>('shapeHints/modelSummary');
export const runForwardPassRequest = new RequestType<ModelQueryParams, MarkdownResult, void>('shapeHints/runForwardPass');

export type ServerState = 'analyzing' | 'running' | 'idle';
export interface StatusParams {
  state: ServerState;
  detail?: string;
}
export const statusNotification = new NotificationType<StatusParams>('shapeHints/status');
