// The history replay looks only at what a version changed and what that aligns to (issue 17:
// all of every version was 22 × a check on the bench repository). On a straight history its
// points must be those of the definition: after each version, every objective and key result
// of the whole workspace analysed afresh, a point wherever a value is not the last one.
import assert from 'node:assert/strict';
import { mulberry32, planWorkspace } from '../../bench/generate.mjs';
import { Analysis } from '../../server/src/okr/analysis/analysis.ts';
import { readConfig } from '../../server/src/okr/analysis/config.ts';
import { confidenceOf } from '../../server/src/okr/model/confidence.ts';
import { parseDocument } from '../../server/src/okr/parse/parse.ts';
import { replayHistory, type HistoryChange, type HistoryPoint, type HistoryVersion } from '../../server/src/okr/history/replay.ts';
import { WorkspaceIndex } from '../../server/src/okr/workspace/workspaceIndex.ts';

const config = readConfig('{}').config;

/** A straight history over a generated workspace: values moved, alignments moved, documents deleted and re-added. */
function straightHistory(seed: number, files: number, versions: number): HistoryVersion[] {
  const random = mulberry32(seed);
  const state = new Map(planWorkspace(files, seed).files);
  for (const path of [...state.keys()]) if (!path.endsWith('.md')) state.delete(path);
  const paths = [...state.keys()];
  const ids = [...new Set([...state.values()].flatMap((text) => [...text.matchAll(/\{#([\w-]+)\}/g)].map((m) => m[1]!)))];
  const history: HistoryVersion[] = [{ commit: 'c0', day: 0, author: 'a', changes: paths.map((path) => ({ path, text: state.get(path)!, previous: { text: null } })) }];
  const deleted = new Map<string, string>();
  for (let v = 1; v < versions; v++) {
    const changes: HistoryChange[] = [];
    for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
      const path = paths[Math.floor(random() * paths.length)]!;
      const before = state.get(path) ?? null;
      const roll = random();
      let text: string | null;
      if (before === null) text = deleted.get(path)!;
      else if (roll < 0.1) {
        deleted.set(path, before);
        text = null;
      } else if (roll < 0.3) text = before.replace(/aligns:: \[\[[^\]]*\]\]/, `aligns:: [[${ids[Math.floor(random() * ids.length)]}]]`);
      else text = before.replace(/\[current:: (\d+)/, (_, n: string) => `[current:: ${Number(n) + 1 + Math.floor(random() * 9)}`);
      if (changes.some((change) => change.path === path)) continue;
      if (text === null) state.delete(path);
      else state.set(path, text);
      changes.push({ path, text, previous: { text: before } });
    }
    history.push({ commit: `c${v}`, day: v, author: 'a', changes });
  }
  return history;
}

/** The definition: every value of the whole workspace after each version. */
function pointsByDefinition(history: HistoryVersion[]): Map<string, HistoryPoint[]> {
  const texts = new Map<string, string>();
  const series = new Map<string, HistoryPoint[]>();
  for (const version of history) {
    for (const change of version.changes) {
      if (change.text === null) texts.delete(change.path);
      else texts.set(change.path, change.text);
    }
    const index = new WorkspaceIndex();
    for (const [path, text] of texts) index.set(parseDocument(path, text));
    const analysis = new Analysis(index, { config, today: version.day });
    const seen = new Set<string>();
    const add = (key: string, progress: number | null, confidence: number | null) => {
      if (seen.has(key)) return;
      seen.add(key);
      const points = series.get(key) ?? series.set(key, []).get(key)!;
      const last = points.at(-1);
      if (!last || last.progress !== progress || last.confidence !== confidence) points.push({ day: version.day, commit: version.commit, author: version.author, progress, confidence });
    };
    for (const document of index.documents()) {
      if (!document.isOkr) continue;
      for (const objective of document.objectives) {
        if (objective.id === null || !objective.idRange) continue; // only a written id is global: compared through those
        const node = analysis.nodeOf(objective) ?? { document, objective };
        add(objective.id.toLowerCase(), analysis.progress.objective(node).value, confidenceOf(objective.fields));
        for (const keyResult of objective.keyResults) {
          if (keyResult.id !== null) add(`${objective.id.toLowerCase()}^${keyResult.id.toLowerCase()}`, analysis.progress.keyResult(keyResult).value, confidenceOf(keyResult.fields));
        }
      }
    }
  }
  return series;
}

describe('history replay: only what a version changed, the same points as the definition', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`a straight history of 40 versions over 60 documents (seed ${seed})`, () => {
      const history = straightHistory(seed, 60, 40);
      const expected = pointsByDefinition(history);
      const replayed = replayHistory(history, { config });
      let compared = 0;
      for (const document of replayed.index.documents()) {
        for (const objective of document.objectives) {
          if (objective.id === null || !objective.idRange) continue;
          const identity = replayed.objectiveIdentity(document, objective);
          assert.deepEqual(replayed.series.get(identity), expected.get(objective.id.toLowerCase()), `objective ${objective.id}`);
          for (const keyResult of objective.keyResults) {
            if (keyResult.id === null) continue;
            const key: string = `${objective.id.toLowerCase()}^${keyResult.id.toLowerCase()}`;
            assert.deepEqual(replayed.series.get(replayed.keyResultIdentity(identity, keyResult)), expected.get(key), `key result ${key}`);
            compared++;
          }
        }
      }
      assert.ok(compared > 50, `${compared} key results compared`);
    });
  }
});
