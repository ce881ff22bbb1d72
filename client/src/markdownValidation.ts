// Globs for VS Code's `markdown.validate.ignoredLinks`, contributed as a
// `configurationDefaults` value in package.json so that users who turn on
// `markdown.validate.enabled` do not get false "Header does not exist in file"
// warnings on markdown links to OKR documents (`[text](team.okr.md#id)`): VS Code
// derives a heading's anchor from its text and ignores the `{#id}` OKR ids.
//
// How VS Code uses them (vscode-markdown-languageservice 0.5, diagnostics.ts):
// each glob is tried with picomatch 2 `isMatch(text, glob)`, default options, on
//   - a link to another file: its path without the fragment (`../a.okr.md`) —
//     for "File does not exist" — and, for "Header does not exist in file",
//     also the whole href (`../a.okr.md#id`);
//   - a link to the own file: the whole href (`#id`).
// Reference links (`[x]`, `[x][ref]`, and so `[start:: 32]` fields and
// `[[csat#nps]]` wikilinks) are never matched against these globs; only
// `markdown.validate.referenceLinks.enabled` switches them off, for every file
// (microsoft/vscode-markdown-languageservice#152).
//
// Every glob ends in `.okr.md#*`: it needs a fragment, so a link to an OKR
// document that does not exist is still reported, and it needs `.okr.md`, so
// links between ordinary markdown files are checked as before. picomatch's `**`
// does not match `.` or `..` path segments, hence the three forms.
// test/unit/markdownValidation.test.ts checks them against VS Code's own rules.
export const OKR_IGNORED_LINKS: string[] = [
  // `team.okr.md#id`, `../team.okr.md#id`, `../../team.okr.md#id`, …: same folder or only `../` steps.
  '*(../)*.okr.md#*',
  // `2026/team.okr.md#id`, `../../teams/team.okr.md#id`, `/okrs/team.okr.md#id`: through folders.
  '*(../)**/*.okr.md#*',
  // `./team.okr.md#id`, `./teams/team.okr.md#id`: an explicit `./` prefix.
  '[.]/**/*.okr.md#*',
];
