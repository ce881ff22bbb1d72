// What a request on a document is about: the latest version of the document (pending edits
// are applied first), its root and analysis, and the request's position clamped into it.
import { uriToPath, clampPosition, clampRange, type FeatureContext } from '../features/context.ts';
import type { Position, Range } from '../okr/model/text.ts';
import type { OkrSession } from '../session/session.ts';
import type { OkrRoot } from '../session/root.ts';
import type { HistorySeries } from '../okr/history/replay.ts';
import type { OpenDocuments } from './openDocuments.ts';
import { positionParam, uriParam } from './requestParams.ts';

export class RequestContexts {
  constructor(
    private readonly session: OkrSession,
    private readonly open: OpenDocuments,
    /** Applies the edits waiting for validation, so that answers see the latest text. */
    private readonly flush: () => void,
    /** A root's history from git, once read. */
    private readonly historyOf: (root: OkrRoot) => HistorySeries | undefined = () => undefined,
  ) {}

  /** The context of a request on a document, or undefined when it is not an OKR document. */
  contextOf(uri: string): FeatureContext | undefined {
    this.flush();
    const fsPath = uriToPath(uri);
    const ref = fsPath === undefined ? undefined : this.session.documentAt(fsPath);
    if (!ref) return undefined;
    return {
      session: this.session,
      root: ref.root,
      analysis: this.session.analysis(ref.root),
      document: ref.document,
      uriOf: (path) => this.open.uriOf(ref.root, path),
      history: this.historyOf(ref.root),
    };
  }

  /** The document and the clamped position of a request at a position (params checked first). */
  at(params: unknown): { context: FeatureContext; position: Position } | undefined {
    const uri = uriParam(params);
    const position = positionParam(params);
    const context = this.contextOf(uri);
    return context && { context, position: this.clampedPosition(context, uri, position) };
  }

  /** A request's position, clamped into the document: past the end of a line or of the document is its end. */
  clampedPosition(context: FeatureContext, uri: string, position: Position): Position {
    const lines = this.open.linesOf(uri, context.root.fsPath(context.document.path));
    if (lines) return clampPosition(lines, position);
    const line = Math.max(0, Math.min(position.line, context.document.lineCount - 1));
    return { line, character: line === position.line ? Math.max(0, position.character) : 0 };
  }

  clampedRange(context: FeatureContext, uri: string, range: Range): Range {
    const lines = this.open.linesOf(uri, context.root.fsPath(context.document.path));
    return lines ? clampRange(lines, range) : { start: this.clampedPosition(context, uri, range.start), end: this.clampedPosition(context, uri, range.end) };
  }
}
