// Shared wording of numbers and text for hovers, code lenses and reports.
import { toPercent, type Rational } from '../model/rational.ts';

/** `67 %`, or `unmeasured`. */
export function percentText(progress: Rational | null): string {
  return progress === null ? 'unmeasured' : `${toPercent(progress)} %`;
}

/** A report fraction (0–1, a double) as a whole percentage, `—` when unmeasured. */
export function percent(progress: number | null): string {
  return progress === null ? '—' : `${Math.floor(progress * 100 + 0.5 + 1e-9)} %`;
}

/**
 * Escapes document text for markdown, so titles cannot become links, HTML or formatting:
 * every character that can open a link, an image, an autolink, raw HTML, an entity, code
 * or emphasis is backslash-escaped, and line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(/[\\`*_{}[\]()<>#+!|~&]/g, (c) => `\\${c}`);
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Document text as a markdown code span: backslashes do not escape there, so fence instead. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/[\r\n]+/g, ' ')}${pad}${fence}`;
}

/** `1 of 5 key results measured`, when some are not (the others count as 0 %); undefined when all or none are. */
export function measuredText(keyResults: number, measured: number): string | undefined {
  return measured < keyResults && measured > 0 ? `${measured} of ${plural(keyResults, 'key result')} measured` : undefined;
}

/** `144 % — over-achieved`, for a key result stated above 100 % (1.44); it counts as 100 %. */
export function overAchievedText(overAchieved: number): string {
  return `${percent(overAchieved)} — over-achieved`;
}

/** Progress as the markdown report writes it: `60 %`, or `unmeasured` rather than a bare dash. */
export function progressWord(progress: number | null): string {
  return progress === null ? 'unmeasured' : percent(progress);
}

/**
 * A key result's state where its percentage goes: `60 %`, `✓ 100 %` when done (checked,
 * or its target met), `unmeasured`, or `cancelled` (`[-]`, which counts for nothing).
 */
export function keyResultStateText(keyResult: { progress: number | null; cancelled?: boolean }): string {
  if (keyResult.cancelled) return 'cancelled';
  if (keyResult.progress !== null && keyResult.progress >= 1 - 1e-9) return `✓ ${percent(keyResult.progress)}`;
  return progressWord(keyResult.progress);
}

/** After a cancelled key result: why it shows no percentage. */
export const CANCELLED_NOTE = 'not counted';

/** The note on an objective or key result written without its `Objective:` or `KR:` prefix. */
export const OUTLINE_NOTE = 'read from the outline';
