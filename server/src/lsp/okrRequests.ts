// The custom requests of protocol.ts (okr/progressTree, okr/dashboard): from the session's
// roots to the features, for any client. Bad params are InvalidParams; any other failure is
// left to the request guard (requestGuard.ts), which logs it.
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';
import { basename, relative } from 'node:path';
import { dashboard, type DashboardSource } from '../features/dashboard.ts';
import { uriToPath } from '../features/context.ts';
import { ParamsError, progressTree } from '../features/progressTree.ts';
import { toPosix } from '../fs/files.ts';
import type { OkrDocument } from '../okr/model/model.ts';
import { DASHBOARD_REQUEST, PROGRESS_TREE_REQUEST, type DashboardParams, type ProgressTreeParams } from '../protocol.ts';
import type { OkrRoot } from '../session/root.ts';
import type { OkrSession } from '../session/session.ts';
import type { Guard } from './requestGuard.ts';

export interface OkrRequestHost {
  connection: Connection;
  session: OkrSession;
  guard: Guard;
  /** Applies the edits waiting for validation, so that answers see the latest text. */
  flush(): void;
  uriOf(root: OkrRoot, path: string): string;
  /** "Today", YYYY-MM-DD. */
  today(): string;
}

/** Params the feature cannot answer are InvalidParams; anything else is a failure. */
function answering<R>(answer: () => R): R {
  try {
    return answer();
  } catch (error) {
    if (error instanceof ParamsError) throw new ResponseError(ErrorCodes.InvalidParams, error.message);
    throw error;
  }
}

export function registerOkrRequests({ connection, session, guard, flush, uriOf, today }: OkrRequestHost): void {
  const sourceOf = (root: OkrRoot) => ({
    analysis: session.analysis(root),
    uriOf: (path: string) => uriOf(root, path),
    // As published, kept between edits: only what an edit affected is computed again.
    diagnosticsOf: (document: OkrDocument) => session.diagnostics({ root, document }, root.fsPath(document.path)),
  });
  const indexedRoots = () => session.allRoots().filter((root) => root.index.size > 0);

  connection.onRequest(PROGRESS_TREE_REQUEST, guard('progressTree', (params: ProgressTreeParams | undefined) => {
    flush();
    const underPath = params?.under ? uriToPath(params.under.uri) : undefined;
    const underRef = underPath === undefined ? undefined : session.documentAt(underPath);
    return answering(() => progressTree(indexedRoots().map(sourceOf), params ?? {}, today(), underRef && { source: sourceOf(underRef.root), document: underRef.document }));
  }, null));

  connection.onRequest(DASHBOARD_REQUEST, guard('dashboard', (params: DashboardParams | undefined) => {
    flush();
    const sources = indexedRoots().map((root): DashboardSource => {
      // Paths as the user sees them: from the workspace folder, named first when there are several.
      const base = root.folder ?? root.dir;
      const prefix = session.folderCount > 1 && root.folder ? `${basename(root.folder)}/` : '';
      const displayPath = (path: string) => prefix + toPosix(relative(base, root.fsPath(path)));
      const configPath = root.configPath && root.workspacePath(root.configPath);
      const configProblems = configPath === undefined ? [] : root.configProblems.map((d) => ({
        path: displayPath(configPath), uri: uriOf(root, configPath), line: d.range.start.line, character: d.range.start.character, severity: d.severity, code: d.code, message: d.message,
      }));
      return { ...sourceOf(root), displayPath, configProblems };
    });
    return answering(() => dashboard(sources, params ?? {}, today()));
  }, null));
}
