// okr.config.json (SPEC §7): a zod schema, read key by key so that one bad key falls
// back to its default without losing the others; problems point at the offending key.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { z } from 'zod';
import { DIAGNOSTIC_CODES, makeDiagnostic, type Diagnostic } from './diagnostics.ts';
import { LineIndex, stripBom } from './text.ts';

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
  exclude: z.array(z.string()).default([]).describe('Globs, relative to this file, of folders and files never scanned.'),
};

/** The whole schema, for the JSON schema the editor uses. */
export const configSchema = z.object(configShape).strict();

export type OkrConfig = Omit<z.output<typeof configSchema>, '$schema' | 'severity'> & {
  severity: Partial<Record<(typeof DIAGNOSTIC_CODES)[number], z.output<typeof severitySetting>>>;
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
  if (config.severity) config.severity = { ...config.severity };
  return { config, problems };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_key') return `unknown diagnostic code (known: ${DIAGNOSTIC_CODES.join(', ')})`;
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
