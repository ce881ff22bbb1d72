// What the client can do (read from the initialize request) and what this server offers.
import { CodeActionKind, TextDocumentSyncKind, type InitializeParams, type ServerCapabilities } from 'vscode-languageserver/node';
import { SHOW_LOCATION_COMMAND } from '../features/codeLens.ts';

export interface ClientSupport {
  /** Workspace edits may be versioned document changes (rename). */
  documentChanges: boolean;
  /** The client watches files for us, once asked (didChangeWatchedFiles). */
  watcherRegistration: boolean;
  /** The client shows our indexing progress. */
  workDoneProgress: boolean;
  /** The client tells us when workspace folders are added or removed. */
  workspaceFolders: boolean;
  /** The client opens a document when asked (window/showDocument): code lenses can go to their target. */
  showDocument: boolean;
}

export function noClientSupport(): ClientSupport {
  return { documentChanges: false, watcherRegistration: false, workDoneProgress: false, workspaceFolders: false, showDocument: false };
}

export function readClientSupport(params: InitializeParams): ClientSupport {
  const capabilities = params.capabilities;
  return {
    documentChanges: !!capabilities.workspace?.workspaceEdit?.documentChanges,
    watcherRegistration: !!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    workDoneProgress: !!capabilities.window?.workDoneProgress,
    workspaceFolders: !!capabilities.workspace?.workspaceFolders,
    showDocument: !!capabilities.window?.showDocument?.support,
  };
}

export const SERVER_CAPABILITIES: ServerCapabilities = {
  textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
  hoverProvider: true,
  definitionProvider: true,
  referencesProvider: true,
  renameProvider: { prepareProvider: true },
  completionProvider: { triggerCharacters: ['[', '#', '^', ':'] },
  documentSymbolProvider: true,
  workspaceSymbolProvider: true,
  codeLensProvider: { resolveProvider: false },
  executeCommandProvider: { commands: [SHOW_LOCATION_COMMAND] },
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
  workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
};
