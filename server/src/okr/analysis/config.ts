// okr.config.json (SPEC §7): a zod schema, read key by key so that one bad key falls
// back to its default without losing the others; problems point at the offending key.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { z } from 'zod';
import { applySeverities, compareDiagnostics, DIAGNOSTIC_CODES, makeDiagnostic, type Diagnostic, type DiagnosticCode } from '../model/diagnostics.ts';
import { LineIndex, stripBom } from '../model/text.ts';

export const CONFIG_FILE_NAME = 'okr.config.json';

const severitySetting = z.enum(['error', 'warning', 'info', 'hint', 'off']);

export const configShape = {
  $schema: z.string().optional(),
  fiscalYearStartMonth: z.number().int().min(1).max(12).default(1).describe('Month (1–12) in which the fiscal year starts.'),
  operational: z
    .object({ maxCycleDays: z.number().int().positive().default(42).describe('Longest operational cycle, in days.') })
    .strict()
    .default({ maxCycleDays: 42 }),
  strategic: z
    .object({ minCycleDays: z.number().int().positive().default(60).describe('Shortest strategic cycle, in days.') })
    .strict()
    .default({ minCycleDays: 60 }),
  maxKeyResults: z.number().int().positive().default(5).describe('Most key results an objective should have.'),
  severity: z
    .partialRecord(z.enum(DIAGNOSTIC_CODES as [string, ...string[]]), severitySetting)
    .default({})
    .describe('Severity per diagnostic code: error, warning, info, hint or off.'),
  exclude: z
    .array(
      z
        .string()
        .max(200)
        // Glob matching backtracks: each `*` within a name multiplies the work (4 of them take
        // a second on one long file name), so a config cannot stall a scan.
        .refine((glob) => (glob.replace(/\*\*/g, '').match(/\*/g) ?? []).length <= 3, {
          error: 'an exclude glob may hold at most three * within names (** does not count)',
        }),
    )
    .max(100)
    .default([])
    .describe('Globs, relative to this file, of folders and files never scanned (at most 100; at most three * each, ** aside).'),
};

/** The whole schema, for the JSON schema the editor uses. */
export const configSchema = z.object(configShape).strict();

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
