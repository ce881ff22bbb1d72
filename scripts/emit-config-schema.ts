// Writes dist/okr.config.schema.json from the zod schema, so that the editor's
// completion and validation of okr.config.json can never disagree with the engine.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { configSchema } from '../server/src/okr/analysis/config.ts';
import { CODE_DESCRIPTIONS, DEFAULT_SEVERITY, DIAGNOSTIC_CODES } from '../server/src/okr/model/diagnostics.ts';

const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as Record<string, unknown>;
schema.title = 'OKR Markdown configuration (okr.config.json)';
// Editors complete property names from `properties`, not `propertyNames`: list each code.
const properties = schema.properties as Record<string, Record<string, unknown>>;
const severity = properties.severity!;
const levels = (severity.additionalProperties as Record<string, unknown>).enum;
severity.properties = Object.fromEntries(
  DIAGNOSTIC_CODES.map((code) => [code, { enum: levels, description: `${CODE_DESCRIPTIONS[code]} Default: ${DEFAULT_SEVERITY[code]}.` }]),
);
severity.additionalProperties = false;
delete severity.propertyNames;
mkdirSync('dist', { recursive: true });
writeFileSync('dist/okr.config.schema.json', `${JSON.stringify(schema, null, 2)}\n`);
