// Issue 7, security: what the editor shows from document text can never act.
//
// 1. Hovers, progress-tree tooltips and code lenses built from document text carry no
//    trusted markdown, no `command:` links and no raw HTML. Documents put command links
//    (`[x](command:workbench.action.terminal.sendSequence?…)`) and HTML (`<img src=x
//    onerror=…>`) into every place a hover or tooltip shows: objective and key-result
//    titles, owners (frontmatter and fields), other fields, cycle values, references,
//    file names. The markdown answered is parsed (remark, CommonMark) and may hold only
//    text, emphasis, code spans, lists and rules: no link, image, definition or HTML node,
//    while the payload is still shown, escaped, as text.
// 2. Rename refuses new ids with anything but letters, digits, `-` and `_`, and no edit
//    ever targets a file outside the workspace folders. A file opened from outside them
//    (the server makes a root of its folder) may be renamed in, but a rename there that
//    would also change other files of that folder is refused with a message: they are not
//    part of the workspace, and changing only some of them would break their references.
//
// Against the built server (npm run build), as test/protocol does.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { ResponseError } from 'vscode-jsonrpc/node';
import type { CodeLens, CompletionItem, Hover, MarkupContent, Position, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { objectiveNode, treeNodes, type TreeNodeData } from '../../client/src/treeModel.ts';
import type { ProgressTreeResult, TreeKeyResult, TreeObjective } from '../../server/src/protocol.ts';
import { LspClient, removeFolder, SERVER, uriOf } from '../protocol/lspClient.ts';
import { writeFile as write } from '../unit/cliProcess.ts';

const REPO = resolve(import.meta.dirname, '../..');
const INVALID_REQUEST = -32600;

// ---------------------------------------------------------------------------
// Payloads and the markdown check
// ---------------------------------------------------------------------------

/** VS Code's "run this in the terminal" command, with an argument: the classic hover attack. */
const SEND = 'command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%5Cn%22%7D';
const IMG = '<img src=x onerror=alert(1)>';

const markdownParser = unified().use(remarkParse);

/** Node types document text may produce in our markdown: text and the formatting we add. */
const ALLOWED_NODES = new Set(['root', 'paragraph', 'text', 'strong', 'emphasis', 'inlineCode', 'list', 'listItem', 'thematicBreak', 'break']);

function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children) walk(child as Nodes, visit);
}

/**
 * Markdown that can do nothing: no link, image, definition or HTML node when parsed, no
 * `](command:` anywhere, and every `<` outside code spans escaped. Returns the text a
 * reader sees (code spans included), to check that the payload is shown, not dropped.
 */
function assertInert(markdown: string, where: string): string {
  const tree = markdownParser.parse(markdown) as Root;
  const codeSpans: [number, number][] = [];
  walk(tree, (node) => {
    assert.ok(ALLOWED_NODES.has(node.type), `${where}: a ${node.type} node in\n${markdown}`);
    if (node.type === 'inlineCode') codeSpans.push([node.position!.start.offset!, node.position!.end.offset!]);
  });
  // Code spans show their text as it is: a path or an id there cannot act.
  let outsideCode = markdown;
  for (const [from, to] of codeSpans) outsideCode = outsideCode.slice(0, from) + ' '.repeat(to - from) + outsideCode.slice(to);
  assert.doesNotMatch(outsideCode, /\]\s*\(\s*<?\s*command:/i, `${where}: link syntax to a command in\n${markdown}`);
  for (let i = markdown.indexOf('<'); i >= 0; i = markdown.indexOf('<', i + 1)) {
    if (codeSpans.some(([from, to]) => i >= from && i < to)) continue;
    let backslashes = 0;
    while (i - backslashes - 1 >= 0 && markdown[i - backslashes - 1] === '\\') backslashes++;
    assert.ok(backslashes % 2 === 1, `${where}: an unescaped "<" at ${i} in\n${markdown}`);
  }
  return toString(tree);
}

function hoverMarkdown(hover: Hover | null, where: string): string {
  assert.ok(hover, `${where}: a hover`);
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown', `${where}: MarkupContent`);
  return contents.value;
}

/** The 0-based position `delta` characters into the first occurrence of `needle`. */
function at(text: string, needle: string, delta = 1): Position {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `"${needle}" is in the text`);
  return { line, character: lines[line]!.indexOf(needle) + delta };
}


// ---------------------------------------------------------------------------
// Documents full of payloads
// ---------------------------------------------------------------------------

const COMPANY = `---
okr: strategic
cycle: 2026-Q4
owner: "[owner link](${SEND}) ${IMG}"
---
## Objective: Ship \\[x\\](${SEND}) ${IMG} \`[y](command:workbench.action.quit)\` &lt;img src=e onerror=alert(2)&gt; {#ship}

note:: [docs](command:workbench.action.quit) <script>alert(3)</script> <img src=n onerror=alert(4) \\[z\\](${SEND})
status:: active

- KR: Patch \\[click\\](command:evil.run?%5B%22arg%22%5D) ${IMG}  [target:: 10]  [current:: 5]  [owner:: (command:x) <img src=o onerror=alert(5)] ^patch
- KR: Count <b>bold</b> <img src=k onerror=alert(6)  [target:: <img src=v onerror=alert(7)] ^count
`;

const TEAM = `---
okr: operational
cycle: 2026-11
owner: Ops
---
## Objective: Help \\<img src=h onerror=alert(8)\\> {#help}

aligns:: [[ship]], [[ship#patch]], [[weird]], [[nowhere <img src=w onerror=alert(9)]], [go](${SEND})
owner:: <img src=p onerror=alert(10) [me](command:evil)
cycle:: [c](command:e) <img src=c onerror=y

- KR: Do it  [progress:: 50]
`;

const BAD_CYCLE = `---
okr: operational
cycle: "[c](command:e) <img src=f onerror=y"
owner: Ops
---
## Objective: Fix {#fix}

aligns:: [[ship]]

- KR: Fix it  [progress:: 10]
`;

/** A file name that is itself a payload: hovers show paths in code spans. */
const WEIRD_NAME = `[w](command:evil) <img src=x onerror=alert(11)>.md`;
const WEIRD = `---
okr: strategic
cycle: 2026-Q4
owner: Someone
---
## Objective: Weird {#weird}

- KR: Something  [progress:: 20]
`;

describe('security: hovers, tooltips, code lenses and completion never carry live links or HTML', function () {
  this.timeout(20_000);
  let dir: string;
  let client: LspClient;
  const p = (path: string) => join(dir, path);

  before(async function () {
    this.timeout(300_000); // starts a server (a process): a guard against a hang
    assert.ok(existsSync(SERVER), 'run npm run build first');
    dir = mkdtempSync(join(tmpdir(), 'okr-security-'));
    write(dir, 'company.md', COMPANY);
    write(dir, 'ops/team.md', TEAM);
    write(dir, 'ops/bad-cycle.md', BAD_CYCLE);
    write(dir, WEIRD_NAME, WEIRD);
    client = await LspClient.start({ folders: [dir] });
    await client.waitForIndexed();
  });

  after(async () => {
    await client?.stop();
    if (dir) removeFolder(dir);
  });

  /** Hover markdown at `needle`, checked inert; returns what a reader sees. */
  async function inertHover(file: string, text: string, needle: string, delta = 1): Promise<string> {
    const where = `hover at "${needle}" in ${file}`;
    return assertInert(hoverMarkdown(await client.hover(p(file), at(text, needle, delta)), where), where);
  }

  it('an objective heading: title, owner, fields and key-result titles are shown as text', async () => {
    const shown = await inertHover('company.md', COMPANY, 'Objective: Ship', 3);
    // Hovers shorten long titles and owners (issue 15): the start of each payload is shown, as text.
    assert.ok(shown.includes(`Ship [x](${SEND.slice(0, 60)}`), shown);
    assert.ok(shown.includes(`[owner link](${SEND.slice(0, 20)}`), `the frontmatter owner:\n${shown}`);
    assert.ok(shown.includes('[docs](command:workbench.action.quit)'), `the note field:\n${shown}`);
    assert.ok(shown.includes('Patch [click](command:evil.run?%5B%22arg%22%5D) <img'), `the key result's share:\n${shown}`);
  });

  it('a key result: its title, its fields and the reason it is unmeasured', async () => {
    const patch = await inertHover('company.md', COMPANY, 'KR: Patch', 4);
    assert.ok(patch.includes(`Patch [click](command:evil.run?%5B%22arg%22%5D) ${IMG}`), patch);
    assert.ok(patch.includes('owner: (command:x) <img src=o onerror=alert(5)'), patch);
    const count = await inertHover('company.md', COMPANY, 'KR: Count', 4);
    assert.ok(count.includes('<img src=v onerror=alert(7)'), `the invalid target is quoted:\n${count}`);
  });

  it('references: the target objective or key result, its file name, and why a reference is unresolved', async () => {
    const objective = await inertHover('ops/team.md', TEAM, '[[ship]]', 3);
    assert.ok(objective.includes(`Ship [x](${SEND.slice(0, 60)}`), objective);
    const keyResult = await inertHover('ops/team.md', TEAM, '[[ship#patch]]', 9);
    assert.ok(keyResult.includes(`Patch [click](command:evil.run?%5B%22arg%22%5D) ${IMG}`), keyResult);
    const weird = await inertHover('ops/team.md', TEAM, '[[weird]]', 3);
    assert.ok(weird.includes(WEIRD_NAME), `the file name, in a code span:\n${weird}`);
    const nowhere = await inertHover('ops/team.md', TEAM, '[[nowhere', 3);
    assert.ok(nowhere.includes('<img src=w onerror=alert(9)'), nowhere);
    const command = await inertHover('ops/team.md', TEAM, '[go]', 2);
    assert.ok(command.includes(`[go](${SEND})`), `the command link, as text:\n${command}`);
  });

  it('owners and cycles written in fields and in the frontmatter', async () => {
    const heading = await inertHover('ops/team.md', TEAM, 'Objective: Help', 3);
    assert.ok(heading.includes('Help <img src=h onerror=alert(8)>'), heading);
    assert.ok(heading.includes('<img src=p onerror=alert(10) [me](command:evil)'), `the owner field:\n${heading}`);
    const fieldCycle = await inertHover('ops/team.md', TEAM, 'cycle:: [c]', 9);
    assert.ok(fieldCycle.includes('[c](command:e)'), fieldCycle);
    const frontmatterCycle = await inertHover('ops/bad-cycle.md', BAD_CYCLE, 'cycle: ', 9);
    assert.ok(frontmatterCycle.includes('[c](command:e)'), frontmatterCycle);
  });

  it('every hover anywhere in the documents is inert', async () => {
    let hovers = 0;
    for (const [file, text] of [['company.md', COMPANY], ['ops/team.md', TEAM], ['ops/bad-cycle.md', BAD_CYCLE]] as const) {
      const lines = text.split('\n');
      for (const [line, content] of lines.entries()) {
        for (let character = 0; character <= content.length; character += 3) {
          const hover = await client.hover(p(file), { line, character });
          if (!hover) continue;
          hovers++;
          assertInert(hoverMarkdown(hover, `${file}:${line}:${character}`), `hover at ${file}:${line}:${character}`);
        }
      }
    }
    assert.ok(hovers > 50, `hovers were found (${hovers})`);
  });

  it('code lenses: our own text, and no command id or argument from the document', async () => {
    for (const file of ['company.md', 'ops/team.md', 'ops/bad-cycle.md']) {
      const lenses: CodeLens[] = await client.codeLens(p(file));
      assert.ok(lenses.length > 0, file);
      for (const lens of lenses) {
        assert.ok(lens.command, `${file}: a resolved lens`);
        assert.equal(lens.command.command, '', `${file}: a lens that does nothing on click`);
        assert.equal(lens.command.arguments, undefined, `${file}: no arguments`);
        const { title } = lens.command;
        // "aligns to" lenses name their target, as plain text (a lens title is never markdown).
        if (title.startsWith('aligns to ')) assert.match(title, / · (?:\d+ %|unmeasured)$/, `${file}: ${title}`);
        else {
          assert.match(
            title,
            /^(?:(?:\d+ %|unmeasured)(?: · (?:\d+ aligned|\d+ days? left|last day|ended|starts in \d+ days?|dropped|behind pace))*|\+ \d+ more)$/,
            `${file}: a title made of numbers and our words`,
          );
        }
      }
    }
  });

  it('completion: ids as labels, titles as plain-text detail, no markdown documentation or command', async () => {
    client.open(p('ops/team.md'), TEAM);
    const position = at(TEAM, '[[ship]]', 2);
    const items: CompletionItem[] = await client.completion(p('ops/team.md'), position);
    const ship = items.find((item) => item.label === 'ship');
    assert.ok(ship, `ship is offered: ${items.map((i) => i.label).join(', ')}`);
    assert.ok(ship.detail?.includes(SEND), 'the title is the detail (plain text, never rendered as markdown)');
    for (const item of items) {
      assert.match(item.label, /^[\p{L}\p{M}\p{Nd}_-]+$/u, 'an id as label');
      assert.equal(item.command, undefined, `${item.label}: no command`);
      const { documentation } = item;
      if (documentation !== undefined && typeof documentation !== 'string' && documentation.kind === 'markdown') {
        assertInert(documentation.value, `documentation of ${item.label}`);
      }
    }
    const keyResults: CompletionItem[] = await client.completion(p('ops/team.md'), at(TEAM, '[[ship#patch]]', 7));
    assert.deepEqual(keyResults.map((item) => item.label).sort(), ['count', 'patch']);
    for (const item of keyResults) assert.equal(item.command, undefined);
  });

  it('progress tree: the tooltips built from the server answer are inert and show the payloads as text', async () => {
    const result = (await client.progressTree({ all: true })) as ProgressTreeResult;
    const nodes: TreeNodeData[] = [];
    const collect = (node: TreeNodeData) => {
      nodes.push(node);
      node.children.forEach(collect);
    };
    treeNodes(result).forEach(collect);
    assert.ok(nodes.length >= 6, `the tree has the objectives and key results (${nodes.length})`);
    const shown = nodes.map((node) => assertInert(node.tooltip, `tooltip of ${node.label}`)).join('\n');
    assert.ok(shown.includes(`Ship [x](${SEND}) ${IMG}`), shown);
    assert.ok(shown.includes(`[owner link](${SEND}) ${IMG}`), shown);
    assert.ok(shown.includes(`Patch [click](command:evil.run?%5B%22arg%22%5D) ${IMG}`), shown);
    assert.ok(shown.includes('<img src=p onerror=alert(10) [me](command:evil)'), shown);
  });
});

describe('security: progress-tree tooltips (pure tree model)', () => {
  const none = { error: 0, warning: 0, info: 0, hint: 0 };
  const range = { start: { line: 3, character: 0 }, end: { line: 3, character: 9 } };
  const payloads = [
    `[x](${SEND})`,
    IMG,
    '<script>alert(1)</script>',
    '<a href="command:evil">x</a>',
    '[x][ref]\n\n[ref]: command:evil',
    '![i](https://example.com/i.png)',
    '<command:evil>',
    '&lt;img src=x onerror=alert(1)&gt;',
    '\\[x\\](command:evil)',
    '`code` ``[x](command:evil)``',
    'line\n# heading\n- item\n<img src=z onerror=y>',
  ];

  function keyResult(payload: string): TreeKeyResult {
    return { id: payload, title: payload, progress: 0.5, line: 4, uri: 'file:///w/a.md', range, diagnostics: none };
  }

  function objective(payload: string): TreeObjective {
    return {
      id: payload,
      title: payload,
      level: payload as TreeObjective['level'],
      status: 'active',
      owner: payload,
      cycle: { label: payload, start: payload, end: payload },
      progress: 0.25,
      path: payload,
      line: 3,
      uri: 'file:///w/a.md',
      range,
      diagnostics: { ...none, error: 1 },
      pace: { expected: 0.5, behind: true },
      daysLeft: 3,
      keyResults: [keyResult(payload)],
      children: [],
      childCount: 0,
    };
  }

  it('every field of an objective and a key result that comes from a document is escaped', () => {
    for (const payload of payloads) {
      const node = objectiveNode(objective(payload));
      const shown = assertInert(node.tooltip, `objective tooltip for ${JSON.stringify(payload)}`);
      const flat = payload.replace(/\r?\n/g, ' ');
      // Title, owner, level, cycle label and dates: each shown as the text it was.
      assert.ok(shown.split(flat).length - 1 >= 5, `the payload is shown as text in ${JSON.stringify(shown)}`);
      const krShown = assertInert(node.children[0]!.tooltip, `key-result tooltip for ${JSON.stringify(payload)}`);
      assert.ok(krShown.split(flat).length - 1 >= 2, `title and id as text in ${JSON.stringify(krShown)}`);
    }
  });

  it('the client shows tooltips untrusted, without HTML, and asks the language client for no trusted markdown', () => {
    const sources = readdirSync(join(REPO, 'client', 'src')).map((f) => [f, readFileSync(join(REPO, 'client', 'src', f), 'utf8')] as const);
    for (const [file, source] of sources) {
      assert.doesNotMatch(source, /isTrusted\s*[:=](?!\s*false\b)/, `${file} trusts markdown`);
      assert.doesNotMatch(source, /supportHtml\s*[:=](?!\s*false\b)/, `${file} allows HTML in markdown`);
      assert.doesNotMatch(source, /enabledCommands|supportThemeIcons\s*[:=]\s*true/, `${file} enables commands or icons in markdown`);
    }
    const tree = sources.find(([file]) => file === 'progressTree.ts')![1];
    assert.match(tree, /tooltip\.isTrusted = false/);
    assert.match(tree, /tooltip\.supportHtml = false/);
  });
});

// ---------------------------------------------------------------------------
// Rename
// ---------------------------------------------------------------------------

async function refusal(promise: Promise<unknown>): Promise<ResponseError<unknown>> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ResponseError, `a ResponseError, got ${String(error)}`);
    return error;
  }
  return assert.fail('the request was not refused');
}

/** Edits per file path of a WorkspaceEdit (documentChanges or changes). */
function editsByFile(edit: WorkspaceEdit | null): Map<string, TextEdit[]> {
  assert.ok(edit, 'a workspace edit');
  const byFile = new Map<string, TextEdit[]>();
  for (const change of (edit.documentChanges ?? []) as TextDocumentEdit[]) byFile.set(fileURLToPath(change.textDocument.uri), change.edits as TextEdit[]);
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) byFile.set(fileURLToPath(uri), edits);
  return byFile;
}

function isInside(folder: string, file: string): boolean {
  const rel = relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith('/');
}

const WS_COMPANY = `---
okr: strategic
cycle: 2026-Q4
owner: Leadership team
---
## Objective: Enhance customer satisfaction {#csat}

- KR: Raise NPS  [start:: 32]  [target:: 45]  [current:: 38] ^nps
`;

const WS_SUPPORT = `---
okr: operational
cycle: 2026-11
owner: Support
---
## Objective: Answer faster {#support}

aligns:: [[csat#nps]]

- KR: Reply within 2h  [progress:: 40]
`;

const LONE_A = `---
okr: strategic
cycle: 2026-Q4
owner: Me
---
## Objective: Alpha {#alpha}

- KR: First  [progress:: 50] ^k
`;

const LONE_B = `---
okr: operational
cycle: 2026-11
owner: Me
---
## Objective: Beta {#beta}

aligns:: [[alpha]], [[alpha#k]]

- KR: Second  [progress:: 10]
`;

const LONE_C = `---
okr: strategic
cycle: 2026-Q4
owner: Me
---
## Objective: Gamma {#gamma}

- KR: Third  [progress:: 30] ^solo
`;

describe('security: rename', function () {
  this.timeout(20_000);
  let base: string;
  let workspace: string;
  let lone: string;
  let client: LspClient;

  before(async function () {
    this.timeout(300_000); // starts a server (a process): a guard against a hang
    assert.ok(existsSync(SERVER), 'run npm run build first');
    base = mkdtempSync(join(tmpdir(), 'okr-rename-'));
    workspace = join(base, 'workspace');
    lone = join(base, 'elsewhere');
    write(workspace, 'company.md', WS_COMPANY);
    write(workspace, 'ops/support.md', WS_SUPPORT);
    write(lone, 'a.okr.md', LONE_A);
    write(lone, 'b.okr.md', LONE_B);
    write(lone, 'c.okr.md', LONE_C);
    client = await LspClient.start({ folders: [workspace] });
    await client.waitForIndexed();
    // Opened from a folder that is no workspace folder: the server makes a root of it.
    client.open(join(lone, 'a.okr.md'), LONE_A);
    client.open(join(lone, 'b.okr.md'), LONE_B);
    client.open(join(lone, 'c.okr.md'), LONE_C);
    for (const file of ['a.okr.md', 'b.okr.md', 'c.okr.md']) await client.diagnosticsOf(join(lone, file));
    // b's references resolve within that root: the rename below has files to refuse.
    const b = await client.diagnosticsOf(join(lone, 'b.okr.md'));
    assert.deepEqual(b.filter((d) => d.code === 'align-unresolved'), [], 'b.okr.md references a.okr.md');
  });

  after(async () => {
    await client?.stop();
    if (base) removeFolder(base);
  });

  const heading = () => at(WS_COMPANY, 'Enhance customer', 3);

  it('refuses new ids with anything but letters, digits, "-" and "_", with a message', async () => {
    const bad = [
      '', ' ', 'has space', 'a/b', '../x', 'a\\b', 'x]]', '[[x]]', 'x|y', 'a#b', 'a^b', '^', '{#}', '{#a b}', 'a.b', 'a:b', 'a%20b',
      'a,b', 'a;b', 'a"b', "a'b", 'a`b', '<img src=x onerror=alert(1)>', `[x](${SEND})`, 'a\nb', 'a\tb', '🎯', 'a\u200bb', 'a\u202eb',
      'a\u0000b', 'x}', '{#x', '{#x} y',
    ];
    const places = [['company.md', heading()], ['company.md', at(WS_COMPANY, '^nps', 2)], ['ops/support.md', at(WS_SUPPORT, '[[csat#nps]]', 3)]] as const;
    for (const name of bad) {
      for (const [file, position] of places) {
        const error = await refusal(client.rename(join(workspace, file), position, name));
        assert.equal(error.code, INVALID_REQUEST, `${JSON.stringify(name)}: refused as an invalid request, not a failure (${error.message})`);
        assert.match(error.message, /not a valid id/, `${JSON.stringify(name)}: says why`);
      }
    }
  });

  it('accepts letters (any script), digits, "-" and "_", also written as {#id} or ^id; every edit writes only the id', async () => {
    for (const [name, id] of [['cx', 'cx'], ['Überblick_2', 'Überblick_2'], ['{#new-id}', 'new-id'], ['^new_id', 'new_id'], ['客户', '客户']] as const) {
      const edits = editsByFile(await client.rename(join(workspace, 'company.md'), heading(), name));
      assert.deepEqual([...edits.keys()].sort(), [join(workspace, 'company.md'), join(workspace, 'ops/support.md')].sort(), name);
      for (const list of edits.values()) for (const edit of list) assert.equal(edit.newText, id, `${name}: the edit writes the id alone`);
    }
  });

  it('inside the workspace folder: every edit is a file of the folder', async () => {
    for (const [file, position] of [['company.md', heading()], ['company.md', at(WS_COMPANY, '^nps', 2)], ['ops/support.md', at(WS_SUPPORT, '[[csat#nps]]', 3)]] as const) {
      const edits = editsByFile(await client.rename(join(workspace, file), position, 'renamed'));
      assert.ok(edits.size >= 2, `${file}: the definition and the reference`);
      for (const target of edits.keys()) assert.ok(isInside(workspace, target), `${target} is inside the workspace folder`);
    }
  });

  it('a file opened from outside the workspace folders may be renamed in when nothing else changes', async () => {
    const c = join(lone, 'c.okr.md');
    for (const [position, name] of [[at(LONE_C, 'Objective: Gamma', 3), 'gamma2'], [at(LONE_C, '^solo', 2), 'single']] as const) {
      const prepared = await client.prepareRename(c, position);
      assert.ok(prepared);
      const edits = editsByFile(await client.rename(c, position, name));
      assert.deepEqual([...edits.keys()], [c], 'only the document renamed in');
      assert.deepEqual(edits.get(c)!.map((e) => e.newText), [name]);
    }
  });

  it('outside the workspace folders, a rename that would change another file is refused, from either side', async () => {
    const a = join(lone, 'a.okr.md');
    const b = join(lone, 'b.okr.md');
    const cases: [string, Position][] = [
      [a, at(LONE_A, 'Objective: Alpha', 3)],
      [a, at(LONE_A, '^k', 1)],
      [b, at(LONE_B, '[[alpha]]', 3)],
      [b, at(LONE_B, '[[alpha#k]]', 8)],
    ];
    for (const [file, position] of cases) {
      const where = `${relative(base, file)}:${position.line}:${position.character}`;
      const prepare = await refusal(client.prepareRename(file, position));
      assert.equal(prepare.code, INVALID_REQUEST, where);
      assert.match(prepare.message, /outside the workspace folders/, `${where}: ${prepare.message}`);
      const rename = await refusal(client.rename(file, position, 'renamed'));
      assert.equal(rename.code, INVALID_REQUEST, where);
      assert.match(rename.message, /outside the workspace folders/, `${where}: ${rename.message}`);
    }
  });

  it('the files outside are left as they were', () => {
    assert.equal(readFileSync(join(lone, 'a.okr.md'), 'utf8'), LONE_A);
    assert.equal(readFileSync(join(lone, 'b.okr.md'), 'utf8'), LONE_B);
    assert.ok(uriOf(lone).startsWith('file://'));
  });
});
