// okr.config.json (SPEC §7): a zod schema, read key by key so that one bad key falls
// back to its default without losing the others; problems point at the offending key.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { applySeverities, compareDiagnostics, DIAGNOSTIC_CODES, makeDiagnostic, type Diagnostic, type DiagnosticCode } from '../model/diagnostics.ts';
import { LineIndex, stripBom } from '../model/text.ts';
import * as z from '../model/validation.ts';

export const CONFIG_FILE_NAME = 'okr.config.json';

const severitySetting = z.enum(['error', 'warning', 'info', 'hint', 'off']);

/** A glob of the config: bounded, since matching backtracks. */
function boundedGlob(what: string, options: { nonEmpty?: boolean } = {}) {
  const text = z.string({ error: (issue) => (issue.input === undefined ? `${what} is missing` : `${what} must be text`) });
  return text.check(
    ...(options.nonEmpty ? [z.minLength(1, { error: `${what} must not be empty` })] : []),
    z.maxLength(200, { error: `${what} may be at most 200 characters long` }),
    // Glob matching backtracks: each `*` within a name multiplies the work (4 of them take
    // a second on one long file name), so a config cannot stall a scan.
    z.refine((glob: string) => (glob.replace(/\*\*/g, '').match(/\*/g) ?? []).length <= 3, {
      error: `${what} may hold at most three * within names (** does not count)`,
    }),
  );
}

/** A whole number of at least 1, defaulting to `fallback`. */
function positiveCount(fallback: number, description: string) {
  return z._default(z.number().check(z.int(), z.positive()), fallback).check(z.describe(description));
}

const LEVELS = ['strategic', 'operational'] as const;

/** One entry of `documents`: which files, and the level they get. */
export const documentsEntry = z.strictObject(
  {
    include: boundedGlob('"include" (a glob such as "okrs/company/**")', { nonEmpty: true }).check(
      z.describe('Glob, relative to this file, of the markdown files (or folders of them) this entry makes OKR documents (at most three * within names, ** aside).'),
    ),
    okr: z
      .enum(LEVELS, { error: (issue) => (issue.input === undefined ? '"okr" is missing: strategic or operational' : '"okr" must be "strategic" or "operational"') })
      .check(z.describe('The level of the documents it matches: strategic or operational.')),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? 'an entry must be an object such as { "include": "okrs/company/**", "okr": "strategic" }' : undefined) },
);

export const configShape = {
  $schema: z.optional(z.string()),
  fiscalYearStartMonth: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(12)), 1).check(z.describe('Month (1–12) in which the fiscal year starts.')),
  operational: z._default(z.strictObject({ maxCycleDays: positiveCount(42, 'Longest operational cycle, in days.') }), { maxCycleDays: 42 }),
  strategic: z._default(z.strictObject({ minCycleDays: positiveCount(60, 'Shortest strategic cycle, in days.') }), { minCycleDays: 60 }),
  checkIn: z._default(
    z.strictObject({ maxDays: positiveCount(14, 'Days a key result of a running cycle may go without a check-in (a change of its value or confidence in git) before checkin-overdue.') }),
    { maxDays: 14 },
  ),
  maxKeyResults: positiveCount(5, 'Most key results an objective should have.'),
  severity: z
    ._default(z.partialRecord(z.enum(DIAGNOSTIC_CODES as [string, ...string[]]), severitySetting), {})
    .check(z.describe('Severity per diagnostic code: error, warning, info, hint or off.')),
  exclude: z
    ._default(z.array(boundedGlob('an exclude glob')).check(z.maxLength(100)), [])
    .check(z.describe('Globs, relative to this file, of folders and files never scanned (at most 100; at most three * each, ** aside).')),
  documents: z
    ._default(z.array(documentsEntry).check(z.maxLength(100)), [])
    .check(
      z.describe(
        'Markdown files (.md, .mdx) that are OKR documents without `okr:` frontmatter: each entry gives a glob, relative to this file, and the level of the files it matches; the first matching entry wins, and a file\'s own `okr:` wins over it (at most 100 entries).',
      ),
    ),
};

/** The whole schema, for the JSON schema the editor uses. */
export const configSchema = z.strictObject(configShape);

export type OkrConfig = Omit<z.output<typeof configSchema>, '$schema' | 'severity'> & {
  severity: Partial<Record<DiagnosticCode, z.output<typeof severitySetting>>>;
};

export function defaultConfig(): OkrConfig {
  return configSchema.parse({}) as OkrConfig;
}

export interface ConfigResult {
  config: OkrConfig;
  problems: Diagnostic[];
}

/** Reads okr.config.json text; never throws. */
export function readConfig(rawText: string): ConfigResult {
  const text = stripBom(rawText);
  const lines = new LineIndex(text);
  try {
    const { config, problems } = readConfigText(text, lines);
    // Like every diagnostic: in order, and subject to the severities (of this very file).
    return { config, problems: applySeverities(problems, config.severity).sort(compareDiagnostics) };
  } catch (error) {
    // jsonc-parser recurses: JSON nested thousands deep overflows the stack.
    const why = error instanceof RangeError ? 'it is nested too deeply' : String(error);
    return { config: defaultConfig(), problems: [makeDiagnostic('config-invalid', lines.range(0, 0), `okr.config.json cannot be read (${why}); using the defaults`)] };
  }
}

function readConfigText(text: string, lines: LineIndex): ConfigResult {
  const problems: Diagnostic[] = [];
  const config = defaultConfig();
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const syntax = errors[0];
  if (syntax || !tree) {
    const at = syntax?.offset ?? 0;
    const what = syntax ? printParseErrorCode(syntax.error) : 'empty file';
    problems.push(makeDiagnostic('config-invalid', lines.range(at, at + (syntax?.length ?? 0)), `okr.config.json is not valid JSON (${what}); using the defaults`));
    return { config, problems };
  }
  if (tree.type !== 'object') {
    problems.push(makeDiagnostic('config-invalid', lines.range(tree.offset, tree.offset + tree.length), 'okr.config.json must hold a JSON object; using the defaults'));
    return { config, problems };
  }
  const rangeOf = (node: JsonNode) => {
    const entry = node.parent?.type === 'property' ? node.parent : node;
    return lines.range(entry.offset, entry.offset + entry.length);
  };
  const values = new Map<string, unknown>();
  for (const property of tree.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || !valueNode) continue;
    const key = String(keyNode.value);
    if (!Object.prototype.hasOwnProperty.call(configShape, key)) {
      const known = Object.keys(configShape).filter((k) => k !== '$schema').join(', ');
      problems.push(makeDiagnostic('config-invalid', lines.range(property.offset, property.offset + property.length), `Unknown setting "${key}" (known: ${known})`));
      continue;
    }
    if (key === 'severity' && valueNode.type === 'object') {
      config.severity = readSeverities(valueNode, lines, problems);
      continue;
    }
    if (key === 'documents' && valueNode.type === 'array' && (valueNode.children ?? []).length <= 100) {
      config.documents = readDocuments(valueNode, lines, problems);
      continue;
    }
    values.set(key, nodeValue(valueNode));
  }
  for (const [key, value] of values) {
    const schema = configShape[key as keyof typeof configShape];
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      (config as Record<string, unknown>)[key] = parsed.data;
      continue;
    }
    const issue = parsed.error.issues[0]!;
    const path = [key, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    // For an unknown key inside an object, point at that key.
    const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const node = findNodeAtLocation(tree, unknownKey ? [...path, unknownKey] : path) ?? findNodeAtLocation(tree, [key])!;
    const where = (unknownKey ? [...path, unknownKey] : path).join('.');
    problems.push(makeDiagnostic('config-invalid', rangeOf(node), `${where}: ${describeIssue(issue)}; using the default`));
  }
  return { config, problems };
}

/** Severities entry by entry: a bad entry is reported and skipped, the others apply. */
function readSeverities(node: JsonNode, lines: LineIndex, problems: Diagnostic[]): OkrConfig['severity'] {
  const severity: OkrConfig['severity'] = {};
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || !valueNode) continue;
    const code = String(keyNode.value);
    const range = lines.range(property.offset, property.offset + property.length);
    if (!(DIAGNOSTIC_CODES as string[]).includes(code)) {
      problems.push(makeDiagnostic('config-invalid', range, `severity: unknown diagnostic code "${code}"; known codes: ${DIAGNOSTIC_CODES.join(', ')}`));
      continue;
    }
    const parsed = severitySetting.safeParse(valueNode.value);
    if (parsed.success) severity[code as DiagnosticCode] = parsed.data;
    else problems.push(makeDiagnostic('config-invalid', range, `severity.${code}: expected error, warning, info, hint or off; using the default`));
  }
  return severity;
}

/** `documents` entry by entry: a bad entry is reported (on its bad key, else the entry) and skipped. */
function readDocuments(node: JsonNode, lines: LineIndex, problems: Diagnostic[]): OkrConfig['documents'] {
  const documents: OkrConfig['documents'] = [];
  for (const [i, entry] of (node.children ?? []).entries()) {
    const parsed = documentsEntry.safeParse(nodeValue(entry));
    if (parsed.success) {
      documents.push(parsed.data);
      continue;
    }
    const propertyNamed = (name: PropertyKey | undefined) =>
      entry.type === 'object' && typeof name === 'string' ? entry.children?.find((property) => property.children?.[0]?.value === name) : undefined;
    for (const issue of parsed.error.issues) {
      const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
      for (const unknownKey of unknownKeys) {
        const at = propertyNamed(unknownKey ?? issue.path[0]) ?? entry;
        const message = unknownKey === undefined ? issue.message : `unknown key "${unknownKey}" (an entry has "include" and "okr")`;
        problems.push(makeDiagnostic('config-invalid', lines.range(at.offset, at.offset + at.length), `documents[${i}]: ${message}; the entry is ignored`));
      }
    }
  }
  return documents;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  return issue.message;
}

/** A JSON node's value, built without ever assigning `__proto__`. */
function nodeValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const object: Record<string, unknown> = Object.create(null);
      for (const property of node.children ?? []) {
        const [k, v] = property.children ?? [];
        if (k && v) Object.defineProperty(object, String(k.value), { value: nodeValue(v), enumerable: true, writable: true, configurable: true });
      }
      return object;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}
