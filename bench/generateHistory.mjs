#!/usr/bin/env node
// Writes a git repository of OKR history for `okr history` benchmarks (issue 17).
//
//   node bench/generateHistory.mjs <outDir> [fileCount=1000] [commits=500] [--seed N]
//
// The workspace of bench/generate.mjs (fileCount documents), committed once on 2025-12-01,
// then `commits` check-in commits spread evenly up to 2026-11-24, each by one of the
// generator's people: 1–4 key results' `current::` values moved (a few per cent of their
// way, up or down), one in eight also writing a `confidence::`, and one commit in fifty
// renaming a document. Written with `git fast-import` (seconds, not minutes); the same
// arguments always give the same repository (commit ids included). outDir is deleted first
// when it is a repository this script wrote.
import { Buffer } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32, PEOPLE, planWorkspace } from './generate.mjs';

const START = Date.UTC(2025, 11, 1, 9);
const END = Date.UTC(2026, 10, 24, 17);
const MARKER = '.okr-history-bench';

/** Moves one `[current:: N]` (the `which`-th of the text) by a few per cent; the text unchanged when there is none. */
function moveCurrent(text, which, random) {
  const matches = [...text.matchAll(/\[current:: (-?\d+(?:\.\d+)?)\]/g)];
  if (matches.length === 0) return text;
  const match = matches[which % matches.length];
  const value = Number(match[1]);
  const step = Math.max(1, Math.round(Math.abs(value) * 0.05 + random() * 3));
  const next = random() < 0.8 ? value + step : Math.max(0, value - step);
  const written = `[current:: ${Number.isInteger(value) ? Math.round(next) : next.toFixed(1)}]`;
  return text.slice(0, match.index) + written + text.slice(match.index + match[0].length);
}

function withConfidence(text, random) {
  const words = ['low', 'medium', 'high', '0.4', '0.7', '85%'];
  const word = words[Math.floor(random() * words.length)];
  if (/\[confidence:: [^\]]*\]/.test(text)) return text.replace(/\[confidence:: [^\]]*\]/, `[confidence:: ${word}]`);
  return text.replace(/(\[current:: [^\]]*\])/, `$1 [confidence:: ${word}]`);
}

function dataBlock(text) {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

export function planHistory(fileCount = 1000, commits = 500, seed = 1) {
  const random = mulberry32(seed * 7919);
  const files = new Map(planWorkspace(fileCount, seed).files);
  const stream = [];
  const author = (i, when) => {
    const name = PEOPLE[i % PEOPLE.length];
    const email = `${name.toLowerCase().normalize('NFD').replace(/[^a-z]+/g, '.')}@example.com`;
    return `author ${name} <${email}> ${Math.floor(when / 1000)} +0000\ncommitter ${name} <${email}> ${Math.floor(when / 1000)} +0000\n`;
  };
  stream.push(`commit refs/heads/main\nmark :1\n${author(0, START)}${dataBlock('OKRs for the year')}`);
  for (const [file, text] of files) stream.push(`M 100644 inline ${file}\n${dataBlock(text)}`);
  const names = [...files.keys()].filter((file) => file.endsWith('.md'));
  for (let i = 1; i <= commits; i++) {
    const when = START + Math.round(((END - START) * i) / commits);
    const parts = [`commit refs/heads/main\nmark :${i + 1}\n${author(i, when)}${dataBlock(`Check-in ${i}`)}from :${i}\n`];
    const touched = 1 + Math.floor(random() * 4);
    for (let t = 0; t < touched; t++) {
      const file = names[Math.floor(random() * names.length)];
      let text = moveCurrent(files.get(file), Math.floor(random() * 8), random);
      if (random() < 0.125) text = withConfidence(text, random);
      files.set(file, text);
      parts.push(`M 100644 inline ${file}\n${dataBlock(text)}`);
    }
    if (i % 50 === 0) {
      const index = Math.floor(random() * names.length);
      const from = names[index];
      const to = from.replace(/\.md$/, '-renamed.md');
      if (!files.has(to)) {
        parts.push(`R ${from} ${to}\n`);
        files.set(to, files.get(from));
        files.delete(from);
        names[index] = to;
      }
    }
    stream.push(parts.join(''));
  }
  return { stream: stream.join(''), files };
}

export function generateHistory(outDir, fileCount = 1000, commits = 500, seed = 1) {
  if (fs.existsSync(outDir)) {
    if (!fs.existsSync(path.join(outDir, MARKER))) throw new Error(`${outDir} exists and was not written by generateHistory.mjs`);
    fs.rmSync(outDir, { recursive: true, force: true });
  }
  fs.mkdirSync(outDir, { recursive: true });
  const git = (args, input) => execFileSync('git', args, { cwd: outDir, input, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  git(['init', '-q', '-b', 'main']);
  const { stream, files } = planHistory(fileCount, commits, seed);
  git(['fast-import', '--quiet'], stream);
  git(['checkout', '-q', '-f', 'main']);
  fs.writeFileSync(path.join(outDir, '.git', 'info', 'exclude'), `${MARKER}\n`);
  fs.writeFileSync(path.join(outDir, MARKER), '');
  return { files: files.size, commits };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [outDir, fileCount = '1000', commits = '500'] = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith('--') && all[i - 1] !== '--seed');
  const seedAt = process.argv.indexOf('--seed');
  const seed = seedAt > 0 ? Number(process.argv[seedAt + 1]) : 1;
  if (!outDir) {
    console.error('usage: node bench/generateHistory.mjs <outDir> [fileCount=1000] [commits=500] [--seed N]');
    process.exit(2);
  }
  console.log(JSON.stringify(generateHistory(outDir, Number(fileCount), Number(commits), seed)));
}
