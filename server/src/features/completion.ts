// Completion (SPEC §8): after `[[` in aligns, the ids of the objectives this one may align
// to, best first (alignTargets.ts); after `#`, that objective's key-result ids; cycle values,
// frontmatter `okr:` values and key-result field names.
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import { formatIsoDay } from '../okr/model/calendar.ts';
import { parseCycle, suggestCycles } from '../okr/model/cycles.ts';
import { findFrontmatter } from '../okr/parse/frontmatter.ts';
import type { LineIndex, Position, Range } from '../okr/model/text.ts';
import type { FeatureContext } from './context.ts';
import { aligningObjective } from './alignTargets.ts';
import { keyResultItems, objectiveItems } from './completionTargets.ts';

const KEY_RESULT_FIELDS = ['start', 'current', 'target', 'progress', 'weight', 'owner'];
const KEY_RESULT_LINE = /^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX-]\]\s+)?(?:kr|key result)(?:\s*\d+(?:\.\d+)*)?\s*:/i;

function replacing(position: Position, typed: string): Range {
  return { start: { line: position.line, character: position.character - typed.length }, end: position };
}

export function completion(context: FeatureContext, lines: LineIndex, position: Position): CompletionItem[] {
  const { analysis } = context;
  const lineText = lines.lineText(position.line);
  const before = lineText.slice(0, position.character);
  const frontmatter = findFrontmatter(lines.text);
  const inFrontmatter = frontmatter !== undefined && position.line >= 1 && lines.offsetAt(position) < frontmatter.contentStart + frontmatter.content.length;

  if (inFrontmatter) {
    const okr = /^okr:\s*(\w*)$/.exec(before);
    if (okr) {
      return ['strategic', 'operational'].map((level) => ({
        label: level,
        kind: CompletionItemKind.EnumMember,
        textEdit: { range: replacing(position, okr[1]!), newText: level },
      }));
    }
    const cycle = /^cycle:\s*(\S*)$/.exec(before);
    if (cycle) return cycleItems(context, position, cycle[1]!);
    return [];
  }

  const wikilink = openWikilink(before);
  if (wikilink) {
    const from = aligningObjective(analysis, context.document, position);
    const range = replacing(position, wikilink.typed);
    return wikilink.objective === undefined ? objectiveItems(analysis, from, range) : keyResultItems(analysis, from, wikilink.objective, range);
  }
  const cycleField = /^\s*(?:[-*+]\s+)?cycle\s*::\s*(\S*)$/i.exec(before);
  if (cycleField) return cycleItems(context, position, cycleField[1]!);

  const bracket = /\[([a-z]*)$/i.exec(before);
  if (bracket && KEY_RESULT_LINE.test(lineText)) {
    return KEY_RESULT_FIELDS.map((field, i) => ({
      label: field,
      kind: CompletionItemKind.Property,
      sortText: String(i),
      textEdit: { range: replacing(position, bracket[1]!), newText: `${field}:: ` },
    }));
  }
  return [];
}

/** An unclosed `[[` before the cursor on an aligns line: what is typed, and the objective before `#`. */
function openWikilink(before: string): { typed: string; objective?: string } | undefined {
  if (!/^\s*(?:[-*+]\s+)?aligns\s*::/i.test(before)) return undefined;
  const open = before.lastIndexOf('[[');
  if (open < 0) return undefined;
  const inside = before.slice(open + 2);
  if (inside.includes(']') || inside.includes('|')) return undefined;
  const hash = inside.indexOf('#');
  if (hash < 0) return { typed: inside };
  return { objective: inside.slice(0, hash).trim(), typed: inside.slice(hash + 1).replace(/^\^/, '') };
}

function cycleItems(context: FeatureContext, position: Position, typed: string): CompletionItem[] {
  return suggestCycles(context.analysis.today).map((label, i) => {
    const parsed = parseCycle(label);
    const detail = parsed.ok ? `${formatIsoDay(parsed.cycle.start)} – ${formatIsoDay(parsed.cycle.end)}` : undefined;
    return {
      label,
      kind: CompletionItemKind.Value,
      sortText: String(i).padStart(2, '0'),
      ...(detail ? { detail } : {}),
      textEdit: { range: replacing(position, typed), newText: label },
    };
  });
}
