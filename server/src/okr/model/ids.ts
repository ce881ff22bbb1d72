// Objective and key-result ids: slugs of titles, explicit {#id} / ^id, and comparison keys.

const ID_PATTERN = /^[\p{L}\p{M}\p{Nd}_-]+$/u;

/** True when `id` is made only of letters, marks, digits, `-` and `_` (SPEC §2). */
export function isValidId(id: string): boolean {
  return ID_PATTERN.test(id);
}

/** The slug of a title: NFC, lower case, runs of other characters → one `-`, trimmed of `-`. */
export function slugify(title: string): string {
  return title
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{Nd}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** Ids are compared case-insensitively across the workspace. */
export function idKey(id: string): string {
  // Most ids are ASCII, where NFC changes nothing; normalising is the costly part.
  for (let i = 0; i < id.length; i++) {
    if (id.charCodeAt(i) > 0x7f) return id.normalize('NFC').toLowerCase();
  }
  return id.toLowerCase();
}
