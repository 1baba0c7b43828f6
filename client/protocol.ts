// The custom requests and notification the client exchanges with the language server (the names are
// the contract in ARCHITECTURE/common notes; the server declares the same shapes on its side).
import { NotificationType, ProgressType, RequestType, type Position, type ProgressToken, type TextDocumentIdentifier } from 'vscode-languageclient/node';

export interface ModelQueryParams {
  textDocument: TextDocumentIdentifier;
  position: Position;
}

/** Markdown ready to show, or null when there is no model (call) at the position. */
export type MarkdownResult = { markdown: string } | null;

export const modelSummaryRequest = new RequestType<ModelQueryParams, MarkdownResult, void>('shapeHints/modelSummary');
export interface RunForwardPassParams extends ModelQueryParams {
  /** The server sends the shapes-only markdown at once on this token, before the response. */
  partialResultToken?: ProgressToken;
}
export const runForwardPassRequest = new RequestType<RunForwardPassParams, MarkdownResult, void>('shapeHints/runForwardPass');
/** `$/progress` value on a run's partialResultToken: markdown the response will replace. */
export const forwardPassPartialResult = new ProgressType<{ markdown: string }>();

export type ServerState = 'analyzing' | 'running' | 'idle';
export interface StatusParams {
  state: ServerState;
  detail?: string;
}
export const statusNotification = new NotificationType<StatusParams>('shapeHints/status');
