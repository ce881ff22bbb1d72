// Where a new OKR document goes: where the workspace keeps documents of that level. The same
// folder when they share one; the same folder pattern with the cycle swapped when folders are
// named by cycle (`okrs/2026-11/` → `okrs/2026-12/`, in the workspace's spelling); file names
// by cycle, by owner or by title as the workspace names them. Pure, so it is tested without VS Code.
import { parseCycle, slugify } from '../../server/src/protocol.ts';
import type { DocumentLevel } from './cycleChoices.ts';
import { findWrittenPeriod, type CycleStyle } from './cycleStyles.ts';
import { cycleDays, fiscalStartOf, isFiscalLabel, periodContaining, periodOfDays, type DayRange, type Period, type PeriodKind } from './periods.ts';
import { defaultDocumentPath } from './templates.ts';
import type { ExistingDocument } from './workspaceDocuments.ts';

export interface PlacementRequest {
  level: DocumentLevel;
  /** The new document's cycle, as it will be written. */
  cycle: string;
  title: string;
  owner?: string | undefined;
  /** The OKR documents of the workspace folder it goes in. */
  documents: readonly ExistingDocument[];
}

/** A folder or file name, and the period written in it if any. */
interface Name {
  text: string;
  written?: { at: number; length: number; style: CycleStyle } | undefined;
}

interface PlacedDocument {
  document: ExistingDocument;
  /** The first day of its widest cycle, to prefer the latest documents. */
  latest: number;
  folders: Name[];
  stem: () => Name;
  extension: string;
}

/** Most specific first: a folder `2026-W47--2026-W48` is two weeks before it is a week or a year. */
const KINDS: PeriodKind[] = ['twoWeeks', 'week', 'month', 'quarter', 'half', 'year'];
const EXTENSION = /(\.okr)?\.mdx?$/i;

function written(text: string, day: number, fiscalYearStartMonth: number): Name {
  const periods = KINDS.flatMap((kind): Period[] => {
    const calendar = periodContaining(kind, false, day, fiscalYearStartMonth);
    return calendar.kind === 'quarter' || calendar.kind === 'half' || calendar.kind === 'year'
      ? [calendar, periodContaining(kind, true, day, fiscalYearStartMonth)]
      : [calendar];
  });
  const found = findWrittenPeriod(text, periods);
  return { text, written: found && { at: found.at, length: found.length, style: found.style } };
}

/** Names and where periods are written in them, found once per name and day (folders repeat). */
type NameReader = (text: string, day: number | undefined) => Name;

function nameReader(fiscalYearStartMonth: number): NameReader {
  const seen = new Map<string, Name>();
  return (text, day) => {
    if (day === undefined) return { text };
    const key = `${day}/${text}`;
    let name = seen.get(key);
    if (!name) seen.set(key, (name = written(text, day, fiscalYearStartMonth)));
    return name;
  };
}

/** The document's widest cycle (its frontmatter's, usually) names its folder; its file name is read when needed. */
function place(document: ExistingDocument, read: NameReader): PlacedDocument {
  const days = document.cycles.map(cycleDays).filter((d) => Number.isFinite(d.start) && Number.isFinite(d.end));
  const widest = days.sort((a, b) => b.end - b.start - (a.end - a.start))[0];
  const parts = document.path.split('/');
  const file = parts.pop() ?? '';
  const extension = EXTENSION.exec(file)?.[0] ?? '.md';
  const stem = file.slice(0, file.length - extension.length);
  return {
    document,
    latest: widest?.start ?? -Infinity,
    folders: parts.map((part) => read(part, widest?.start)),
    stem: () => read(stem, widest?.start),
    extension,
  };
}

/** The name with its period as a placeholder: documents with the same folder pattern share it. */
function pattern(name: Name): string {
  const w = name.written;
  return w ? `${name.text.slice(0, w.at)}{${w.style.key}}${name.text.slice(w.at + w.length)}` : name.text;
}

/** A cycle label as a file or folder name: `2026-W47..2026-W48` → `2026-W47--2026-W48`. */
function pathToken(label: string): string {
  return label.replace(/\.\./g, '--').replace(/[^\p{L}\p{N}._-]+/gu, '-');
}

interface NewCycle {
  label: string;
  days: DayRange;
  period: Period | undefined;
  fiscalYearStartMonth: number;
}

/** The name with its period replaced by the one of the same kind that holds the new cycle's start. */
function renamed(name: Name, cycle: NewCycle): string {
  const w = name.written;
  if (!w) return name.text;
  const period = periodContaining(w.style.kind, w.style.fiscal, cycle.days.start, cycle.fiscalYearStartMonth);
  return `${name.text.slice(0, w.at)}${w.style.write(period)}${name.text.slice(w.at + w.length)}`;
}

/** The new cycle as a name in a style of names: the style's own spelling when it is a period of that kind. */
function cycleName(style: CycleStyle | undefined, cycle: NewCycle): string {
  const p = cycle.period;
  return style && p && p.kind === style.kind && p.fiscal === style.fiscal ? style.write(p) : pathToken(cycle.label);
}

function ownerMatches(free: string, owner: string | undefined): boolean {
  const name = slugify(free);
  const slug = owner ? slugify(owner) : '';
  return name !== '' && slug !== '' && (name === slug || slug.startsWith(`${name}-`) || name.startsWith(`${slug}-`));
}

/** How a group of documents names its files, and the new document's file name (without extension). */
function fileStem(group: readonly PlacedDocument[], request: PlacementRequest, cycle: NewCycle): string {
  const stems = group.map((p) => p.stem());
  const keys = new Set(stems.map((s) => s.written?.style.key));
  const style = stems[0]?.written?.style;
  const title = slugify(request.title.replace(/[\r\n]+/g, ' ').trim()) || 'okrs';
  const first = stems[0]!;
  if (keys.size === 1 && style && new Set(stems.map(pattern)).size === 1 && (group.length > 1 || first.written!.length === first.text.length)) {
    // Named by cycle: `2026-11.md`, or `ops-2026-11.md` in every file.
    return `${first.text.slice(0, first.written!.at)}${cycleName(style, cycle)}${first.text.slice(first.written!.at + first.written!.length)}`;
  }
  // Named by something and the cycle (`support-2026-q4.md`), or by something alone.
  const separators = new Set(stems.map((s) => (s.written && s.written.at + s.written.length === s.text.length ? s.text[s.written.at - 1] : undefined)));
  const separator = keys.size === 1 && style && separators.size === 1 ? [...separators][0] : undefined;
  const free = (s: Name) => (separator ? s.text.slice(0, s.written!.at - 1) : s.text);
  const owned = group.filter((p) => p.document.owner && ownerMatches(free(p.stem()), p.document.owner));
  const byOwner = owned.length >= 2 && owned.length === group.filter((p) => p.document.owner).length;
  // The owner's earlier document, when it is named after the owner, gives the name.
  const mine = request.owner ? owned.find((p) => slugify(p.document.owner!) === slugify(request.owner!)) : undefined;
  const name = mine ? free(mine.stem()) : byOwner && request.owner ? slugify(request.owner) || title : title;
  return separator ? `${name}${separator}${cycleName(style, cycle)}` : name;
}

/** Documents sharing a folder pattern, the best first: the new owner's, then the most, then the latest. */
function bestGroup(placed: readonly PlacedDocument[], owner: string | undefined): PlacedDocument[] {
  const groups = new Map<string, PlacedDocument[]>();
  for (const p of placed) {
    const key = p.folders.map(pattern).join('/');
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  const ownerSlug = owner ? slugify(owner) : '';
  const scored = [...groups.values()].map((group) => ({
    group,
    score: [
      ownerSlug && group.some((p) => p.document.owner && slugify(p.document.owner) === ownerSlug) ? 1 : 0,
      group.length,
      group.reduce((latest, p) => Math.max(latest, p.latest), -Infinity),
    ],
  }));
  scored.sort(({ score: a }, { score: b }) => b[0]! - a[0]! || b[1]! - a[1]! || b[2]! - a[2]!);
  return scored[0]?.group ?? [];
}

/** No document of this level yet: beside the other level's, in a folder named by the new cycle (in their spelling when it is of that kind). */
function besideOtherLevel(placed: readonly PlacedDocument[], request: PlacementRequest, cycle: NewCycle): string {
  const group = bestGroup(placed, undefined);
  const folders = group[0]?.folders ?? [];
  const title = slugify(request.title.replace(/[\r\n]+/g, ' ').trim()) || 'okrs';
  const byCycle = folders.findIndex((f) => f.written);
  if (byCycle >= 0) {
    const names = folders.map((f, i) => (i === byCycle ? `${f.text.slice(0, f.written!.at)}${cycleName(f.written!.style, cycle)}${f.text.slice(f.written!.at + f.written!.length)}` : f.text));
    return [...names, `${title}.md`].join('/');
  }
  if (folders.length === 0) return defaultDocumentPath(request.cycle, request.title);
  return [...folders.map((f) => f.text), pathToken(request.cycle), `${title}.md`].join('/');
}

/** Another name when the proposed one is taken: the title appended, then a number. */
function untaken(path: string, title: string, taken: ReadonlySet<string>): string {
  const free = (p: string) => !taken.has(p.toLowerCase());
  if (free(path)) return path;
  const extension = EXTENSION.exec(path)?.[0] ?? '';
  const stem = path.slice(0, path.length - extension.length);
  const slug = slugify(title.replace(/[\r\n]+/g, ' ').trim()) || 'okrs';
  const base = stem.endsWith(slug) ? stem : `${stem}-${slug}`;
  for (let n = 1; ; n++) {
    const candidate = `${base}${n === 1 ? '' : `-${n}`}${extension}`;
    if (free(candidate)) return candidate;
  }
}

/** The path, relative to the workspace folder, to propose for a new document. */
export function proposeDocumentPath(request: PlacementRequest): string {
  const fiscalYearStartMonth = fiscalStartOf(request.documents.flatMap((d) => d.cycles));
  const parsed = parseCycle(request.cycle, fiscalYearStartMonth);
  if (!parsed.ok) return defaultDocumentPath(request.cycle, request.title);
  const days = { start: parsed.cycle.start, end: parsed.cycle.end };
  const cycle: NewCycle = { label: request.cycle, days, period: periodOfDays(days, isFiscalLabel(request.cycle), fiscalYearStartMonth), fiscalYearStartMonth };
  const read = nameReader(fiscalYearStartMonth);
  const placed = request.documents.map((d) => place(d, read));
  const sameLevel = placed.filter((p) => p.document.level === request.level);
  const taken = new Set(request.documents.map((d) => d.path.toLowerCase()));
  if (sameLevel.length === 0) {
    const other = placed.filter((p) => p.document.level && p.document.level !== request.level);
    return untaken(besideOtherLevel(other, request, cycle), request.title, taken);
  }
  const group = bestGroup(sameLevel, request.owner);
  const folder = group[0]!.folders.map((f) => renamed(f, cycle));
  const extension = group.every((p) => p.extension.toLowerCase() === '.okr.md') ? '.okr.md' : '.md';
  return untaken([...folder, `${fileStem(group, request, cycle)}${extension}`].join('/'), request.title, taken);
}
