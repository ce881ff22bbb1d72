// The standard LSP requests, each from its params to a feature of features/ and back:
// params are checked, positions clamped, and every handler runs inside the guard.
import { ErrorCodes, ResponseError, type Connection, type Diagnostic as LspDiagnostic, type WorkspaceEdit } from 'vscode-languageserver/node';
import { codeActions } from '../features/codeActions.ts';
import { codeLenses, SHOW_LOCATION_COMMAND, showLocationRequest } from '../features/codeLens.ts';
import { completion } from '../features/completion.ts';
import { asRange, uriToPath } from '../features/context.ts';
import { documentSymbols, workspaceSymbols } from '../features/documentSymbols.ts';
import { hover } from '../features/hover.ts';
import { definition, references } from '../features/navigation.ts';
import { prepareRename, renameEdits } from '../features/rename.ts';
import type { OkrSession } from '../session/session.ts';
import type { ClientSupport } from './capabilities.ts';
import type { OpenDocuments } from './openDocuments.ts';
import type { RequestContexts } from './requestContext.ts';
import type { Guard } from './requestGuard.ts';
import { invalidParams, uriParam } from './requestParams.ts';

export interface FeatureRequestParts {
  connection: Connection;
  session: OkrSession;
  open: OpenDocuments;
  contexts: RequestContexts;
  guard: Guard;
  client: ClientSupport;
  flush(): void;
}

export function registerFeatureRequests(parts: FeatureRequestParts): void {
  registerNavigation(parts);
  registerEditing(parts);
  registerOutline(parts);
}

/** Hover, definition, references. */
function registerNavigation({ connection, contexts, guard }: FeatureRequestParts): void {
  connection.onHover(guard('hover', (params) => {
    const request = contexts.at(params);
    return request ? hover(request.context, request.position) : null;
  }, null));

  connection.onDefinition(guard('definition', (params) => {
    const request = contexts.at(params);
    return request ? definition(request.context, request.position) : null;
  }, null));

  connection.onReferences(guard('references', (params) => {
    const request = contexts.at(params);
    return request ? references(request.context, request.position, params.context?.includeDeclaration === true) : [];
  }, []));
}

/** Rename, completion, code actions: the requests that propose edits. */
function registerEditing({ connection, open, contexts, guard, client }: FeatureRequestParts): void {
  connection.onPrepareRename(guard('prepareRename', (params) => {
    const request = contexts.at(params);
    if (!request) throw new ResponseError(ErrorCodes.InvalidRequest, 'This is not an OKR document.');
    return prepareRename(request.context, request.position);
  }, null));

  connection.onRenameRequest(guard('rename', (params): WorkspaceEdit | null => {
    if (typeof params?.newName !== 'string') invalidParams('expected newName');
    const request = contexts.at(params);
    if (!request) throw new ResponseError(ErrorCodes.InvalidRequest, 'This is not an OKR document.');
    const { context } = request;
    const edits = renameEdits(context, request.position, params.newName);
    if (client.documentChanges) {
      return {
        documentChanges: [...edits].map(([path, textEdits]) => {
          const document = open.byPath(context.root.fsPath(path));
          return { textDocument: { uri: context.uriOf(path), version: document ? document.version : null }, edits: textEdits };
        }),
      };
    }
    return { changes: Object.fromEntries([...edits].map(([path, textEdits]) => [context.uriOf(path), textEdits])) };
  }, null));

  connection.onCompletion(guard('completion', (params) => {
    const request = contexts.at(params);
    const uri = uriParam(params);
    const document = open.documents.get(uri);
    if (!request || !document) return [];
    return completion(request.context, open.linesOf(uri, uriToPath(uri)!)!, request.position);
  }, []));

  connection.onCodeAction(guard('codeAction', (params) => {
    const uri = uriParam(params);
    const range = asRange(params?.range) ?? invalidParams('expected range { start, end }');
    const context = contexts.contextOf(uri);
    if (!context) return [];
    // The diagnostics are the client's hints: ones that are not diagnostics are left out.
    const given: unknown = params.context?.diagnostics;
    const diagnostics = (Array.isArray(given) ? given : []).filter(
      (d): d is LspDiagnostic => typeof d === 'object' && d !== null && asRange((d as LspDiagnostic).range) !== undefined,
    );
    const text = open.linesOf(uri, uriToPath(uri)!)?.text;
    return codeActions(context, contexts.clampedRange(context, uri, range), diagnostics, text);
  }, []));
}

/** Document and workspace symbols, code lenses. */
function registerOutline({ connection, session, open, contexts, guard, client, flush }: FeatureRequestParts): void {
  connection.onDocumentSymbol(guard('documentSymbol', (params) => {
    const context = contexts.contextOf(uriParam(params));
    return context ? documentSymbols(context.analysis, context.document) : [];
  }, []));

  connection.onWorkspaceSymbol(guard('workspaceSymbol', (params) => {
    if (typeof params?.query !== 'string') invalidParams('expected query');
    flush();
    const sources = session.allRoots().map((root) => ({ analysis: session.analysis(root), uriOf: (path: string) => open.uriOf(root, path) }));
    return workspaceSymbols(sources, params.query);
  }, []));

  connection.onCodeLens(guard('codeLens', (params) => {
    const context = contexts.contextOf(uriParam(params));
    // "aligns to" lenses open their target only where the client can be asked to show a document.
    return context ? codeLenses(context.analysis, context.document, client.showDocument ? { uriOf: context.uriOf } : undefined) : [];
  }, []));

  connection.onExecuteCommand(guard('executeCommand', async (params) => {
    const request = params?.command === SHOW_LOCATION_COMMAND ? showLocationRequest(params.arguments) : undefined;
    if (!request) invalidParams(`expected the command ${SHOW_LOCATION_COMMAND} with [uri, range]`);
    await connection.window.showDocument(request);
    return null;
  }, null));
}
