// `okr check --format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it. Artifact
// URIs are relative to the repository root (`%SRCROOT%`) and percent-encoded (RFC 3986).
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODE_DESCRIPTIONS, DEFAULT_SEVERITY, DIAGNOSTIC_CODES, type Severity } from '../../okr/model/diagnostics.ts';
import type { CheckResult } from './checkResult.ts';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** Percent-encodes each segment of a relative path (RFC 3986), keeping the `/`. */
export function encodeRelativeUri(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/**
 * A file's artifact location: relative to `%SRCROOT%` (the base directory) when inside it;
 * a file outside it (named on the command line from elsewhere) gets an absolute `file:`
 * URI, since a `../` path would point outside the repository.
 */
function artifactLocation(path: string, baseDirectory: string): { uri: string; uriBaseId?: string } {
  const outside = path === '..' || path.startsWith('../') || isAbsolute(path);
  if (outside) return { uri: pathToFileURL(resolve(baseDirectory, path)).href };
  return { uri: encodeRelativeUri(path), uriBaseId: '%SRCROOT%' };
}

/**
 * @param result paths relative to `baseDirectory` (the repository root when known)
 */
export function formatSarif(result: CheckResult, baseDirectory: string, version: string): string {
  const rules = DIAGNOSTIC_CODES.map((code) => ({
    id: code,
    name: code.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase()),
    shortDescription: { text: CODE_DESCRIPTIONS[code] },
    defaultConfiguration: { level: LEVEL[DEFAULT_SEVERITY[code]] },
  }));
  const ruleIndex = new Map(DIAGNOSTIC_CODES.map((code, i) => [code, i]));
  const results = result.files.flatMap((file) =>
    file.diagnostics.map((d) => ({
      ruleId: d.code,
      ruleIndex: ruleIndex.get(d.code)!,
      level: LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(file.path, baseDirectory),
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: d.range.end.character + 1,
            },
          },
        },
      ],
    })),
  );
  let base = pathToFileURL(baseDirectory).href;
  if (!base.endsWith('/')) base += '/';
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'okr', version, informationUri: 'https://www.npmjs.com/package/okr-markdown', rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: base } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
