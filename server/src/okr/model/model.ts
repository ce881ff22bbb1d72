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
  frontmatter: Frontmatter;
  objectives: Objective[];
  /** Problems found while parsing (frontmatter, malformed ids, repeated fields). */
  problems: Diagnostic[];
  lineCount: number;
}
