// The parsed form of one OKR document: plain data (JSON-serialisable, so it can be cached).
import type { Diagnostic } from './diagnostics.ts';
import type { Position, Range } from './text.ts';

export type Level = 'strategic' | 'operational';
export type Status = 'active' | 'dropped';
export type Checkbox = 'open' | 'done' | 'cancelled';

/** A value written somewhere: its text and where. */
export interface Located<T = string> {
  value: T;
  range: Range;
}

/** A `key:: value` field of an objective, or a `[key:: value]` field of a key result. */
export interface Field {
  /** Lower-cased key. */
  key: string;
  value: string;
  /** The whole field, key to value (brackets included for `[key:: value]`). */
  range: Range;
  valueRange: Range;
  /** Read from the outline (`=> 60%`, `@alice`, `done`, `[P1]`), not written as a field. */
  inferred?: true;
}

export type ReferenceForm = 'wikilink' | 'markdown' | 'text';

/** One alignment reference inside an `aligns::` field. */
export interface Reference {
  form: ReferenceForm;
  /** The reference as written, `[[csat#nps]]`. */
  text: string;
  range: Range;
  /** Wikilink: the part before `#`; markdown link: the link's path (may be empty). */
  target: string;
  /** The part after `#` (without a leading `^`), if any. */
  fragment?: string;
  /** `#^id`: the fragment can only be a key-result block id. */
  blockRef: boolean;
  /** Where the target part sits (for rename): the wikilink's part before `#`. */
  targetRange?: Range;
  fragmentRange?: Range;
  /** Not written: the objective is nested under the objective it names (read from the outline). */
  inferred?: true;
}

/** How an objective or key result read from the outline was written. */
export type OutlineForm = 'heading' | 'listItem' | 'paragraph' | 'tableRow';

/** What the outline reader inferred, so that it can be shown and written out explicitly. */
export interface OutlineReading {
  form: OutlineForm;
  /** The label as written (`Objective 1:`, `KR-1:`, `**Key Result:**`), replaced by the strict prefix. */
  labelRange?: Range;
  /** Where the strict prefix goes when there is no label (start of the title text). */
  titleStart: Position;
}

/** A cycle written in the document's text rather than in a field: a heading above, or the title. */
export interface WrittenCycle {
  label: string;
  source: 'heading' | 'title';
  /** The heading it was read from. */
  range: Range;
}

export interface KeyResult {
  title: string;
  id: string | null;
  idRange?: Range;
  checkbox: Checkbox | null;
  fields: Field[];
  /** The item's first paragraph, from the list marker. */
  range: Range;
  /** The whole list item, notes included. */
  itemRange: Range;
  /** Present when read from the outline (no `KR:` prefix needed). */
  outline?: OutlineReading;
}

export interface Objective {
  title: string;
  /** Explicit `{#id}` or the slug of the title; null when the slug is empty. */
  id: string | null;
  idExplicit: boolean;
  /** The `{#id}` braces, when explicit. */
  idRange?: Range;
  headingRange: Range;
  /** End of the heading's text on its first line (before a closing `#` run): where `{#id}` goes. */
  headingTextEnd: Position;
  headingDepth: number;
  /** From the heading to the end of its section. */
  sectionRange: Range;
  fields: Field[];
  references: Reference[];
  keyResults: KeyResult[];
  /** Present when read from the outline (no `Objective:` heading). */
  outline?: OutlineReading;
  /** The cycle written above it (outline only): a heading or the document title. */
  writtenCycle?: WrittenCycle;
}

export interface Frontmatter {
  /** Each key as written (validated ones carry their value) with the range of the whole entry. */
  okr?: Located<string>;
  cycle?: Located<string>;
  owner?: Located<string>;
  /** YAML that did not parse: the file is OKR only if a line starts with `okr:`. */
  broken: boolean;
  /** Keys (okr, cycle, owner) that were written but invalid. */
  invalidKeys: string[];
  /** Range of each known key's entry, valid or not. */
  keyRanges: Partial<Record<'okr' | 'cycle' | 'owner', Range>>;
}

export interface OkrDocument {
  /** Workspace-relative path with `/`, the document's identity in the index. */
  path: string;
  isOkr: boolean;
  /** The level okr.config.json's `documents` gives this path (the frontmatter's `okr` wins). */
  configuredLevel?: Level;
  frontmatter: Frontmatter;
  objectives: Objective[];
  /** Problems found while parsing (frontmatter, malformed ids, repeated fields). */
  problems: Diagnostic[];
  lineCount: number;
}
