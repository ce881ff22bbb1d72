// The documents open in the editor, by file path: their text wins over the file on disk
// for the session, the features and the URIs answers name.
import { readFileSync } from 'node:fs';
import { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileUri } from '../features/context.ts';
import { LineIndex, stripBom } from '../okr/model/text.ts';
import type { OkrRoot } from '../session/root.ts';
import type { OpenDocument } from '../session/session.ts';

export class OpenDocuments {
  /** The editor's documents, kept in sync by the protocol's open/change/close notifications. */
  readonly documents = new TextDocuments(TextDocument);
  private readonly byFsPath = new Map<string, TextDocument>();
  /** One line table per open document and version (features ask for it on every request). */
  private readonly linesCache = new WeakMap<TextDocument, { version: number; lines: LineIndex }>();

  byPath(fsPath: string): TextDocument | undefined {
    return this.byFsPath.get(fsPath);
  }

  has(fsPath: string): boolean {
    return this.byFsPath.has(fsPath);
  }

  set(fsPath: string, document: TextDocument): void {
    this.byFsPath.set(fsPath, document);
  }

  delete(fsPath: string): void {
    this.byFsPath.delete(fsPath);
  }

  /** The editor's copy of a file, as the session reads it. */
  openDocument(fsPath: string): OpenDocument | undefined {
    const open = this.byFsPath.get(fsPath);
    return open && { uri: open.uri, version: open.version, text: open.getText() };
  }

  /** The URI of a document of a root: the editor's, when open (it may differ in case or encoding). */
  uriOf(root: OkrRoot, workspacePath: string): string {
    const fsPath = root.fsPath(workspacePath);
    return this.byFsPath.get(fsPath)?.uri ?? fileUri(fsPath);
  }

  /** The lines of a document as the features see it: the editor's copy, else the file. */
  linesOf(uri: string, fsPath: string): LineIndex | undefined {
    const open = this.documents.get(uri) ?? this.byFsPath.get(fsPath);
    if (open) {
      const cached = this.linesCache.get(open);
      if (cached?.version === open.version) return cached.lines;
      const lines = new LineIndex(open.getText());
      this.linesCache.set(open, { version: open.version, lines });
      return lines;
    }
    try {
      return new LineIndex(stripBom(readFileSync(fsPath, 'utf8')));
    } catch {
      return undefined;
    }
  }
}
