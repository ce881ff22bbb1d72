// okr.config.json's `documents`: the level a markdown file gets from its path, so that a
// folder of plain markdown opts in without touching the files. The one place that decides
// it, for the command line, the language server and the model cache alike; a file's own
// `okr:` frontmatter still wins over it (okr/analysis/settings.ts).
import picomatch from 'picomatch';
import type { OkrConfig } from '../okr/analysis/config.ts';
import type { Level } from '../okr/model/model.ts';
import { isMarkdownFile, pathsRelativeTo } from './files.ts';

/** The level okr.config.json gives a file, or undefined: not a configured OKR document. */
export type LevelOf = (file: string) => Level | undefined;

/**
 * The level `documents` gives a path relative to the config's folder (with `/`): the first
 * entry whose glob matches the path, or one of its folders (as `exclude` does), wins. Only
 * markdown files (`.md`, `.mdx`) get one.
 */
export function documentsLevelMatcher(documents: OkrConfig['documents']): (configRelativePath: string) => Level | undefined {
  if (documents.length === 0) return () => undefined;
  const entries = documents.map(({ include, okr }) => ({ matches: picomatch(include, { dot: true }), okr }));
  return (path) => {
    if (!isMarkdownFile(path) || path.startsWith('../') || path === '..') return undefined;
    // The path itself, then each folder above it: `okrs/company` covers what is inside it.
    const candidates = [path];
    for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) candidates.push(path.slice(0, slash));
    for (const { matches, okr } of entries) if (candidates.some((candidate) => matches(candidate))) return okr;
    return undefined;
  };
}

/** The same for file-system paths, with the globs relative to `configDir` (the config file's folder). */
export function configuredLevelOf(configDir: string, documents: OkrConfig['documents']): LevelOf {
  if (documents.length === 0) return () => undefined;
  const levelOf = documentsLevelMatcher(documents);
  const relativePath = pathsRelativeTo(configDir);
  return (file) => levelOf(relativePath(file));
}
