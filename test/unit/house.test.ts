// The rules that keep the house standing (docs/ARCHITECTURE.md), checked in `npm run lint`:
// these tests prove that each rule bites, on small trees that break it, so that a rule
// that silently stopped matching (a moved folder, a renamed option) is noticed.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEPCRUISE = join(REPO, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** Runs dependency-cruiser with the repository's rules over `dirs` of `cwd`; the violations. */
async function cruise(cwd: string, dirs: string[]): Promise<Violation[]> {
  const args = [DEPCRUISE, ...dirs, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd, maxBuffer: 64 * 1024 * 1024 }).catch(
    // It exits non-zero when it finds errors; the JSON is on stdout all the same.
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

/** A scratch repository with the real rules and tsconfig, and `files` (path → text). */
function scratchTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'okr-house-'));
  copyFileSync(join(REPO, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  copyFileSync(join(REPO, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const ruleHits = (violations: Violation[]) => violations.map((v) => `${v.rule.name}: ${v.from}`).sort();

describe('the house: layer rules (dependency-cruiser)', function () {
  this.timeout(120_000);

  it('finds no violation in the repository', async () => {
    const violations = await cruise(REPO, ['server/src', 'client/src']);
    assert.deepEqual(ruleHits(violations), []);
  });

  it('catches each kind of violation in a tree that breaks the rules', async () => {
    const dir = scratchTree({
      // The engine reaching for the file system, the protocol and an adapter.
      'server/src/okr/model/io.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
      'server/src/okr/model/uri.ts': "import { URI } from 'vscode-uri';\nexport const parse = URI.parse;\n",
      'server/src/okr/model/adapter.ts': "import { wiring } from '../../lsp/wiring.ts';\nexport const w = wiring;\n",
      // A stage importing a later one.
      'server/src/okr/parse/early.ts': "import { late } from '../analysis/late.ts';\nexport const early = late;\n",
      'server/src/okr/analysis/late.ts': 'export const late = 1;\n',
      // A circle of value imports; a circle of type-only imports is allowed.
      'server/src/okr/report/a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
      'server/src/okr/report/b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n",
      'server/src/okr/report/c.ts': "import type { D } from './d.ts';\nexport interface C { d?: D }\n",
      'server/src/okr/report/d.ts': "import type { C } from './c.ts';\nexport interface D { c?: C }\n",
      // A feature importing the wiring; the client importing more than the protocol.
      'server/src/lsp/wiring.ts': 'export const wiring = 1;\n',
      'server/src/features/feature.ts': "import { wiring } from '../lsp/wiring.ts';\nexport const f = wiring;\n",
      'server/src/protocol.ts': "export const REQUEST = 'okr/x';\n",
      'client/src/fine.ts': "import { REQUEST } from '../../server/src/protocol.ts';\nexport const r = REQUEST;\n",
      'client/src/reaching.ts': "import { late } from '../../server/src/okr/analysis/late.ts';\nexport const l = late;\n",
    });
    try {
      const hits = ruleHits(await cruise(dir, ['server/src', 'client/src']));
      for (const expected of [
        'engine-is-pure: server/src/okr/model/io.ts',
        'engine-knows-no-protocol: server/src/okr/model/uri.ts',
        'engine-knows-no-adapter: server/src/okr/model/adapter.ts',
        'only-the-wiring-knows-lsp: server/src/okr/model/adapter.ts',
        'stage-parse-before-workspace: server/src/okr/parse/early.ts',
        'no-circular: server/src/okr/report/a.ts',
        'only-the-wiring-knows-lsp: server/src/features/feature.ts',
        'client-through-protocol: client/src/reaching.ts',
      ]) {
        assert.ok(hits.includes(expected), `expected ${expected} among:\n${hits.join('\n')}`);
      }
      for (const allowed of ['server/src/okr/report/c.ts', 'server/src/okr/report/d.ts', 'client/src/fine.ts', 'server/src/okr/analysis/late.ts']) {
        assert.ok(!hits.some((hit) => hit.endsWith(`: ${allowed}`)), `${allowed} breaks no rule, yet:\n${hits.join('\n')}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the house: size and purity rules (ESLint)', function () {
  this.timeout(120_000);
  const eslint = new ESLint({ cwd: REPO });
  const rulesBroken = async (text: string, filePath: string) => {
    const [result] = await eslint.lintText(text, { filePath: join(REPO, filePath) });
    return [...new Set(result!.messages.map((m) => m.ruleId))].sort();
  };
  const longFile = Array.from({ length: 401 }, (_, i) => `export const value${i} = ${i};`).join('\n') + '\n';
  const longFunction = `export function long(): number {\n  let n = 0;\n${'  n += 1;\n'.repeat(99)}  return n;\n}\n`;

  it('keeps source files under 400 lines and functions under 100, in the server and the client', async () => {
    assert.deepEqual(await rulesBroken(longFile, 'server/src/okr/model/long.ts'), ['max-lines']);
    assert.deepEqual(await rulesBroken(longFile, 'client/src/long.ts'), ['max-lines']);
    assert.deepEqual(await rulesBroken(longFunction, 'server/src/lsp/long.ts'), ['max-lines-per-function']);
    assert.deepEqual(await rulesBroken('export const short = 1;\n', 'server/src/lsp/short.ts'), []);
  });

  it('lets tests be longer', async () => {
    assert.deepEqual(await rulesBroken(longFile + longFunction, 'test/unit/long.test.ts'), []);
  });

  it('keeps process state out of the engine', async () => {
    const text = 'export const home = process.env.HOME;\n';
    assert.deepEqual(await rulesBroken(text, 'server/src/okr/analysis/env.ts'), ['no-restricted-globals']);
    assert.deepEqual(await rulesBroken(text, 'server/src/lsp/env.ts'), []);
  });

  it('keeps the engine in folders by stage, with at most a handful of files loose at its top', () => {
    const loose = readdirSync(join(REPO, 'server/src/okr'), { withFileTypes: true }).filter((entry) => entry.isFile());
    assert.ok(loose.length <= 3, `loose in server/src/okr: ${loose.map((entry) => entry.name).join(', ')}`);
  });

  it('gives every source file a comment at its top that says what it is', () => {
    const sources = listSources();
    const bare = sources.filter((file) => !/^(\/\/|\/\*)/.test(readFileSync(join(REPO, file), 'utf8')));
    assert.ok(sources.length > 50, `found only ${sources.length} sources`);
    assert.deepEqual(bare, []);
  });
});

/** The TypeScript sources of the server and the client. */
function listSources(): string[] {
  return ['server/src', 'client/src'].flatMap((dir) =>
    readdirSync(join(REPO, dir), { recursive: true }).map(String).filter((file) => file.endsWith('.ts')).map((file) => `${dir}/${file}`),
  );
}
