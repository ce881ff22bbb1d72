// The versions of a workspace's markdown files from git (issue 17), for the engine's
// replayHistory: the git the user has, spawned as VS Code's git extension does: one
// `git log` for what changed in which commit, one `git cat-file --batch` for every text.
// Commits come oldest first by date; a merge counts as its changes to its first parent, so
// that each change of a branch is a point of its own commit and the merge adds a point only
// where it changed a value again (a conflict resolved).
import { spawn } from 'node:child_process';
import { realFolder } from '../fs/files.ts';
import { join } from 'node:path';
import { parseIsoDay } from '../okr/model/calendar.ts';
import type { HistoryChange, HistoryVersion } from '../okr/history/replay.ts';

export interface GitHistory {
  versions: HistoryVersion[];
  /** Why there is no history (no git, not a repository, a shallow clone); absent when there is. */
  unavailable?: string;
  /** The repository's git folder (to watch for HEAD moving), when there is one. */
  gitDir?: string;
}

export interface GitHistoryOptions {
  /** A file's workspace path (from the workspace root, `/`), or undefined when it is outside the workspace. */
  workspacePath: (file: string) => string | undefined;
  /** Workspace paths whose history counts. */
  isIncluded: (path: string) => boolean;
  env?: Record<string, string | undefined>;
}

interface Run {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  /** Set when git could not be started at all. */
  spawnError?: NodeJS.ErrnoException;
}

/** Runs git in `cwd`, with `input` on its stdin; never throws. */
function runGit(cwd: string, args: string[], env: Record<string, string | undefined> | undefined, input?: string): Promise<Run> {
  return new Promise((resolve) => {
    // No pager, no prompts, no user's log signatures or colours in what we parse.
    const child = spawn('git', ['-c', 'log.showSignature=false', '-c', 'color.ui=false', ...args], {
      cwd,
      env: { ...(env ?? process.env), GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error: NodeJS.ErrnoException) => resolve({ code: null, stdout: Buffer.alloc(0), stderr, spawnError: error }));
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
    child.stdin.on('error', () => {}); // git may exit before reading all of it: its exit code says why
    child.stdin.end(input ?? '');
  });
}

/** One file's line of `git log --raw -z`: what happened to it and its new blob. */
interface RawEntry {
  status: string;
  blob: string;
  /** The blob in the commit's (first) parent; all zeros when the file is new. */
  oldBlob: string;
  path: string;
  from?: string;
}

/**
 * Markdown files under the folder git runs in (a `*` of a pathspec crosses folders): the
 * log of a big repository lists its documents' changes, not every file's. A document renamed
 * to another kind of file shows as deleted.
 */
const MARKDOWN_PATHS = [':(icase)*.md', ':(icase)*.mdx'];

/** The id git writes for "no file" (a file added, or deleted). */
const NO_BLOB = /^0+$/;

// eslint-disable-next-line no-control-regex -- git's record and field separators, asked for in --format
const COMMIT = /\x1e(?=[0-9a-f]{40,64}\x1f)/;

/** `git log -z --raw` with `%x1e%H%x1f%aI%x1f%aN`: commits and their file entries. */
function parseLog(output: string): { commit: string; date: string; author: string; entries: RawEntry[] }[] {
  const commits = [];
  for (const record of output.split(COMMIT)) {
    if (record === '') continue;
    const headerEnd = record.indexOf('\0');
    const header = headerEnd < 0 ? record : record.slice(0, headerEnd);
    const [commit = '', date = '', ...name] = header.split('\x1f');
    const tokens = headerEnd < 0 ? [] : record.slice(headerEnd + 1).replace(/^\n/, '').split('\0');
    const entries: RawEntry[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const meta = tokens[i]!;
      if (!meta.startsWith(':')) continue;
      const [, , oldBlob = '', blob = '', status = ''] = meta.slice(1).split(' ');
      if (status.startsWith('R') || status.startsWith('C')) {
        entries.push({ status: status[0]!, blob, oldBlob, from: tokens[i + 1]!, path: tokens[i + 2]! });
        i += 2;
      } else {
        entries.push({ status, blob, oldBlob, path: tokens[i + 1]! });
        i += 1;
      }
    }
    commits.push({ commit, date, author: name.join('\x1f'), entries });
  }
  return commits;
}

/** `git cat-file --batch`: each blob's text, by id (a blob that is not UTF-8 is left out). */
function parseBatch(output: Buffer): Map<string, string> {
  const texts = new Map<string, string>();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let at = 0;
  while (at < output.length) {
    const lineEnd = output.indexOf(0x0a, at);
    if (lineEnd < 0) break;
    const [id = '', type, size] = output.subarray(at, lineEnd).toString('latin1').split(' ');
    at = lineEnd + 1;
    if (type === undefined || size === undefined) continue; // `<id> missing`
    const end = at + Number(size);
    try {
      texts.set(id, decoder.decode(output.subarray(at, end)));
    } catch {
      // Not UTF-8: the file reads as absent in that version, as `okr check` skips it now.
    }
    at = end + 1;
  }
  return texts;
}

function notAvailable(run: Run): string | undefined {
  if (run.spawnError) return run.spawnError.code === 'ENOENT' ? 'git is not installed (no `git` on PATH): history is read from git' : `git could not be started: ${run.spawnError.message}`;
  if (run.code !== 0) {
    const said = run.stderr.trim().split('\n')[0] ?? '';
    return /not a git repository/i.test(said) ? 'this folder is not in a git repository: history is read from git' : `git failed: ${said || `exit code ${run.code}`}`;
  }
  return undefined;
}

/** Every commit that changed an included file under `root` (the folder git runs in; oldest first), with the texts it wrote. */
export async function readGitHistory(root: string, options: GitHistoryOptions): Promise<GitHistory> {
  const probe = await runGit(root, ['rev-parse', '--is-shallow-repository', '--show-toplevel', '--absolute-git-dir'], options.env);
  const problem = notAvailable(probe);
  if (problem) return { versions: [], unavailable: problem };
  const [shallow = '', top = '', gitDir = ''] = probe.stdout.toString('utf8').split('\n');
  if (shallow.trim() === 'true') {
    return { versions: [], gitDir, unavailable: 'this is a shallow clone, which holds only the latest commits: fetch the whole history (`git fetch --unshallow`; in GitHub Actions, actions/checkout with `fetch-depth: 0`)' };
  }
  const log = await runGit(root, ['log', '--reverse', '--date-order', '--root', '--encoding=UTF-8', '-z', '--raw', '--no-abbrev', '-M', '--diff-merges=first-parent', '--format=%x1e%H%x1f%aI%x1f%aN', '--', ...MARKDOWN_PATHS], options.env);
  if (log.code !== 0) {
    // A repository without commits yet has no history, and that is no error.
    if (/does not have any commits|bad default revision/i.test(log.stderr)) return { versions: [], gitDir };
    return { versions: [], gitDir, unavailable: notAvailable(log) ?? 'git log failed' };
  }
  // git names files from the top of the repository, with `/`.
  const topFolder = realFolder(top);
  const inWorkspace = (path: string | undefined) => (path === undefined ? undefined : options.workspacePath(join(topFolder, ...path.split('/'))));
  const commits = parseLog(log.stdout.toString('utf8'));
  const wanted = new Set<string>();
  const relevant = commits.map((commit) => {
    const entries = commit.entries.flatMap((entry): RawEntry[] => {
      const path = inWorkspace(entry.path);
      const counted = path !== undefined && options.isIncluded(path);
      const fromPath = entry.status === 'R' ? inWorkspace(entry.from) : undefined;
      const from = fromPath !== undefined && options.isIncluded(fromPath) ? fromPath : undefined;
      // Renamed to a name that does not count (not markdown, excluded): the document is gone.
      if (!counted) return from !== undefined ? [{ status: 'D', blob: entry.oldBlob, oldBlob: entry.oldBlob, path: from }] : [];
      if (entry.status !== 'D') wanted.add(entry.blob);
      if (!NO_BLOB.test(entry.oldBlob)) wanted.add(entry.oldBlob);
      // Renamed from a name that did not count: new here, with nothing before it.
      if (entry.status === 'R' && from === undefined) return [{ status: 'A', blob: entry.blob, oldBlob: '0', path }];
      return [{ ...entry, path, ...(from !== undefined ? { from } : {}) }];
    });
    return { ...commit, entries };
  });
  const batch = await runGit(root, ['cat-file', '--batch'], options.env, [...wanted].join('\n') + '\n');
  const texts = batch.code === 0 ? parseBatch(batch.stdout) : new Map<string, string>();
  const versions: HistoryVersion[] = [];
  for (const commit of relevant) {
    const authored = parseIsoDay(commit.date.slice(0, 10));
    if (commit.entries.length === 0 || authored === undefined) continue;
    // The author's day, unless a rebase put the commit after a later one: then that one's, so
    // that points stay in the order their changes took effect.
    const day = Math.max(authored, versions.at(-1)?.day ?? authored);
    const changes: HistoryChange[] = commit.entries.map((entry) => ({
      path: entry.path,
      text: entry.status === 'D' ? null : (texts.get(entry.blob) ?? null),
      ...(entry.from !== undefined ? { from: entry.from } : {}),
      ...(entry.status !== 'D' ? { blob: entry.blob } : {}),
      previous: NO_BLOB.test(entry.oldBlob) || entry.status === 'C' ? { text: null } : { text: texts.get(entry.oldBlob) ?? null, blob: entry.oldBlob },
    }));
    versions.push({ commit: commit.commit, day, author: commit.author, changes });
  }
  const atHead = await headVersion(root, relevant, texts, inWorkspace, options, versions.at(-1)?.day ?? -Infinity);
  if (atHead) versions.push(atHead);
  return { versions, gitDir };
}

/**
 * Commits come in date order across branches, so a file's last text in that order may not be
 * HEAD's (a merge that kept one side's text, a conflict resolved): HEAD's text of each such
 * file, as a version of HEAD's own, so that the history ends where the repository is.
 */
async function headVersion(
  root: string,
  commits: readonly { entries: readonly RawEntry[] }[],
  texts: Map<string, string>,
  inWorkspace: (path: string) => string | undefined,
  options: GitHistoryOptions,
  latestDay: number,
): Promise<HistoryVersion | undefined> {
  const last = new Map<string, string>();
  for (const { entries } of commits) {
    for (const entry of entries) {
      if (entry.from !== undefined) last.delete(entry.from);
      if (entry.status === 'D') last.delete(entry.path);
      else last.set(entry.path, entry.blob);
    }
  }
  const [tree, head] = await Promise.all([
    runGit(root, ['ls-tree', '-r', '-z', '--full-tree', 'HEAD'], options.env),
    runGit(root, ['log', '-1', '--encoding=UTF-8', '--format=%H%x1f%aI%x1f%aN', 'HEAD'], options.env),
  ]);
  if (tree.code !== 0 || head.code !== 0) return undefined;
  const atHead = new Map<string, string>();
  for (const line of tree.stdout.toString('utf8').split('\0')) {
    const match = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(line);
    const path = match ? inWorkspace(match[2]!) : undefined;
    if (match && path !== undefined && options.isIncluded(path)) atHead.set(path, match[1]!);
  }
  const differ = [...new Set([...last.keys(), ...atHead.keys()])].filter((path) => last.get(path) !== atHead.get(path)).sort();
  if (differ.length === 0) return undefined;
  const missing = differ.map((path) => atHead.get(path)).filter((blob): blob is string => blob !== undefined && !texts.has(blob));
  if (missing.length > 0) {
    const batch = await runGit(root, ['cat-file', '--batch'], options.env, `${missing.join('\n')}\n`);
    if (batch.code === 0) for (const [blob, text] of parseBatch(batch.stdout)) texts.set(blob, text);
  }
  const [commit = '', date = '', ...name] = head.stdout.toString('utf8').trim().split('\x1f');
  const authored = parseIsoDay(date.slice(0, 10));
  if (authored === undefined) return undefined;
  const day = Math.max(authored, latestDay);
  const changes = differ.map((path): HistoryChange => {
    const blob = atHead.get(path);
    const before = last.get(path);
    return { path, text: blob === undefined ? null : (texts.get(blob) ?? null), previous: { text: before === undefined ? null : (texts.get(before) ?? null) } };
  });
  return { commit, day, author: name.join('\x1f'), changes };
}

/** The commit HEAD names, or undefined (no git, no repository, no commit yet). */
export async function readHead(root: string, env?: Record<string, string | undefined>): Promise<string | undefined> {
  const run = await runGit(root, ['rev-parse', '-q', '--verify', 'HEAD'], env);
  return run.code === 0 ? run.stdout.toString('utf8').trim() : undefined;
}
