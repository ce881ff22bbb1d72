// package.json declares what the extension implements, and nothing else: every command,
// view and setting declared is implemented, and every one implemented is declared.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, PROGRESS_VIEW } from '../../../client/src/commandIds.ts';
import { OKR_IGNORED_LINKS } from '../../../client/src/markdownValidation.ts';

const root = join(import.meta.dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const sources = readdirSync(join(root, 'client/src'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(join(root, 'client/src', f), 'utf8'))
  .join('\n');

function matches(pattern: RegExp, text = sources): string[] {
  return [...text.matchAll(pattern)].map((m) => m[1]!);
}

describe('client: package.json contributions', () => {
  it('declares exactly the commands the extension registers', () => {
    const registered = matches(/register\(COMMANDS\.(\w+)/g).map((key) => COMMANDS[key as keyof typeof COMMANDS]);
    assert.ok(!registered.includes(undefined as never), 'every registered command is in COMMANDS');
    const declared = contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual([...new Set(registered)].sort(), declared);
    assert.deepEqual(Object.values(COMMANDS).sort(), declared);
  });

  it('has menus, welcome views and keybindings only for declared commands and views', () => {
    const commands = new Set(contributes.commands.map((c: { command: string }) => c.command));
    const views = new Set(Object.values(contributes.views).flat().map((v) => (v as { id: string }).id));
    for (const entries of Object.values(contributes.menus) as { command: string }[][]) {
      for (const entry of entries) assert.ok(commands.has(entry.command), `menu entry ${entry.command}`);
    }
    for (const welcome of contributes.viewsWelcome) {
      assert.ok(views.has(welcome.view), welcome.view);
      for (const command of matches(/\(command:([\w.]+)\)/g, welcome.contents)) assert.ok(commands.has(command), command);
    }
  });

  it('declares exactly the views the extension creates', () => {
    const created = matches(/createTreeView\((\w+)/g).map((name) => ({ PROGRESS_VIEW })[name]);
    const declared = Object.values(contributes.views).flat().map((v) => (v as { id: string }).id);
    assert.deepEqual(created.sort(), declared.sort());
    const containers = contributes.viewsContainers.activitybar.map((c: { id: string }) => c.id);
    assert.deepEqual(Object.keys(contributes.views), containers);
  });

  it('declares its Workspace Trust support: limited, every path- or command-like setting restricted', () => {
    const trust = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(trust?.supported, 'limited');
    assert.ok(typeof trust.description === 'string' && trust.description.length > 20);
    // A setting naming a file, a folder or a program to run is restricted in untrusted workspaces.
    const risky = Object.entries(contributes.configuration.properties as Record<string, { description?: string; markdownDescription?: string }>)
      .filter(([key, value]) => /path|command|executable|program|server\.(?!trace)|args/i.test(`${key} ${value.description ?? ''}${value.markdownDescription ?? ''}`.replace('okr.trace.server', '')))
      .map(([key]) => key);
    for (const key of risky) assert.ok(trust.restrictedConfigurations.includes(key), `${key} must be restricted`);
    // What is limited: no model cache is written for an untrusted workspace.
    assert.match(sources, /vscode\.workspace\.isTrusted \? \{ modelCacheDir/);
  });

  it('declares exactly the settings the extension reads (trace.server is read by the language client named okr)', () => {
    const read = matches(/getConfiguration\('okr'\)\.get(?:<[^>]*>)?\('([\w.]+)'/g).map((key) => `okr.${key}`);
    assert.match(sources, /new LanguageClient\('okr',/);
    const declared = Object.keys(contributes.configuration.properties).sort();
    assert.deepEqual([...new Set([...read, 'okr.trace.server'])].sort(), declared);
    for (const key of matches(/affectsConfiguration\('([\w.]+)'\)/g)) assert.ok(declared.includes(key), key);
  });

  it('points at files that exist: grammar, language configuration, icon, schema source', () => {
    for (const grammar of contributes.grammars) assert.ok(existsSync(join(root, grammar.path)), grammar.path);
    for (const language of contributes.languages) assert.ok(existsSync(join(root, language.configuration)), language.configuration);
    assert.ok(existsSync(join(root, contributes.viewsContainers.activitybar[0].icon)));
    assert.equal(contributes.jsonValidation[0].url, './dist/okr.config.schema.json');
    assert.equal(manifest.main, './dist/extension.cjs');
  });

  it('keeps markdown validation quiet on links into *.okr.md documents, with the tested globs', () => {
    assert.deepEqual(contributes.configurationDefaults['markdown.validate.ignoredLinks'], OKR_IGNORED_LINKS);
  });

  it('declares a VS Code engine that code-server 4.100 (VS Code 1.100) runs, and @types/vscode no newer', () => {
    assert.equal(manifest.engines.vscode, '^1.100.0');
    assert.equal(manifest.devDependencies['@types/vscode'], '1.100.0');
  });
});
