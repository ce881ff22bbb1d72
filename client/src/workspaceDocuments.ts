// What a workspace already holds, for the new-document commands: its OKR documents (path,
// level, cycles, owner) read off the progress tree, and the owner to propose for a new one.
import type { TreeObjective } from '../../server/src/protocol.ts';
import type { DocumentLevel } from './cycleChoices.ts';
import type { CycleDays } from './periods.ts';

export interface ExistingDocument {
  /** Relative to the workspace folder, `/`-separated. */
  path: string;
  level: DocumentLevel | null;
  /** The cycles of its objectives, in document order. */
  cycles: CycleDays[];
  owner?: string;
}

/** Every objective of the tree once (an objective shows under each key result it serves). */
export function flattenTree(objectives: readonly TreeObjective[]): TreeObjective[] {
  const seen = new Map<string, TreeObjective>();
  const stack = [...objectives].reverse();
  for (let o = stack.pop(); o; o = stack.pop()) {
    const key = `${o.uri}#${o.line}`;
    if (seen.has(key)) continue;
    seen.set(key, o);
    stack.push(...[...o.children].reverse());
  }
  return [...seen.values()];
}

/** The value met most often (the first met on a tie), or undefined. */
function mostCommon<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: T | undefined;
  for (const [value, count] of counts) if (best === undefined || count > counts.get(best)!) best = value;
  return best;
}

/**
 * The documents the objectives of the tree are in, in tree order; `relativePath` gives a
 * document's path in the workspace folder, or undefined to leave it out (another folder).
 */
export function documentsFromTree(objectives: readonly TreeObjective[], relativePath: (uri: string) => string | undefined): ExistingDocument[] {
  const byUri = new Map<string, TreeObjective[]>();
  for (const objective of flattenTree(objectives)) {
    const list = byUri.get(objective.uri);
    if (list) list.push(objective);
    else byUri.set(objective.uri, [objective]);
  }
  const documents: ExistingDocument[] = [];
  for (const [uri, list] of byUri) {
    const path = relativePath(uri);
    if (path === undefined) continue;
    list.sort((a, b) => a.line - b.line);
    const owner = mostCommon(list.flatMap((o) => (o.owner?.trim() ? [o.owner.trim()] : [])));
    documents.push({
      path,
      level: mostCommon(list.flatMap((o) => (o.level ? [o.level] : []))) ?? null,
      cycles: list.flatMap((o) => (o.cycle ? [o.cycle] : [])),
      ...(owner ? { owner } : {}),
    });
  }
  return documents;
}

/** The owner of the most documents (of this level, when given). */
export function mostUsedOwner(documents: readonly ExistingDocument[], level?: DocumentLevel): string | undefined {
  return mostCommon(documents.flatMap((d) => (d.owner && (!level || d.level === level) ? [d.owner] : [])));
}

/**
 * The owner to propose for an operational document aligned to `parent`: the parent's owner,
 * else the owner most of the operational objectives aligned to it have, else the workspace's
 * most used operational owner, else its most used one.
 */
export function operationalOwner(parent: Pick<TreeObjective, 'owner' | 'children'>, documents: readonly ExistingDocument[]): string | undefined {
  const children = parent.children.filter((c) => c.level === 'operational').flatMap((c) => (c.owner?.trim() ? [c.owner.trim()] : []));
  return parent.owner?.trim() || mostCommon(children) || mostUsedOwner(documents, 'operational') || mostUsedOwner(documents);
}

/** The owner to propose for a strategic document: the workspace's most used strategic owner, else its most used one. */
export function strategicOwner(documents: readonly ExistingDocument[]): string | undefined {
  return mostUsedOwner(documents, 'strategic') ?? mostUsedOwner(documents);
}
