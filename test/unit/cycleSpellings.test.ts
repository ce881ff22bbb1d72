// Cycle spellings (cycleSpellings.ts): the loose spellings parseCycle reads besides the
// strict forms (`Q3 2018`, `FY24Q3`, `Nov 2026`…), and the search for a cycle inside a
// title, a heading or a file path (findCycleInText, findCycleInPath).
import assert from 'node:assert/strict';
import { formatIsoDay } from '../../server/src/okr/model/calendar.ts';
import { findCycleInPath, findCycleInText, normaliseCycleSpelling, type FoundCycle } from '../../server/src/okr/model/cycleSpellings.ts';
import { parseCycle } from '../../server/src/okr/model/cycles.ts';
import { cycle, error, span } from './cycleAssertions.ts';
import { assertEachGrowsLinearly } from './growth.ts';

/** [label, strict label, start, end] of what was found, checked for consistency with `text`. */
function found(text: string, f: FoundCycle | undefined): [string, string, string, string] | undefined {
  if (!f) return undefined;
  assert.equal(text.slice(f.start, f.end), f.label, 'offsets are those of the label');
  return [f.label, f.cycle.label, formatIsoDay(f.cycle.start), formatIsoDay(f.cycle.end)];
}

const inText = (text: string, fiscalYearStartMonth = 1) => found(text, findCycleInText(text, fiscalYearStartMonth));
const inPath = (path: string, fiscalYearStartMonth = 1) => found(path, findCycleInPath(path, fiscalYearStartMonth));

describe('cycle spellings', () => {
  describe('parseCycle reads the spellings teams write', () => {
    const q3: [string, string] = ['2018-07-01', '2018-09-30'];
    const h2: [string, string] = ['2026-07-01', '2026-12-31'];
    const nov: [string, string] = ['2026-11-01', '2026-11-30'];
    const sep: [string, string] = ['2026-09-01', '2026-09-30'];
    const cases: [string, [string, string]][] = [
      ['Q3 2018', q3], ['2018 Q3', q3], ['Q3-2018', q3], ['2018-Q3', q3], ['Q3/2018', q3], ['2018/Q3', q3], ['Q3  2018', q3],
      ['q3 2018', q3], ['2018 q3', q3],
      ['H2 2026', h2], ['2026 H2', h2], ['H2-2026', h2], ['H2/2026', h2], ['h2 2026', h2],
      ['November 2026', nov], ['Nov 2026', nov], ['2026 November', nov], ['2026 Nov', nov], ['NOVEMBER 2026', nov], ['nov 2026', nov],
      ['Nov. 2026', nov], ['Nov-2026', nov], ['2026-nov', nov],
      ['Sept 2026', sep], ['Sep 2026', sep], ['September 2026', sep], ['Sept. 2026', sep], ['2026 Sept', sep],
      ['May 2026', ['2026-05-01', '2026-05-31']], ['Feb 2024', ['2024-02-01', '2024-02-29']], ['February 2026', ['2026-02-01', '2026-02-28']],
      ['Jan 2026', ['2026-01-01', '2026-01-31']], ['December 2026', ['2026-12-01', '2026-12-31']], ['jun 2026', ['2026-06-01', '2026-06-30']],
      ['July 2026', ['2026-07-01', '2026-07-31']],
    ];
    for (const [text, expected] of cases) {
      it(`${text} → ${expected.join('..')}`, () => {
        assert.deepEqual(span(text), expected);
        assert.equal(cycle(`  ${text}\t`).label, text, 'the label is the text as written, trimmed');
      });
    }

    it('maps each spelling to its strict form', () => {
      assert.equal(normaliseCycleSpelling('Q3 2018'), '2018-Q3');
      assert.equal(normaliseCycleSpelling('2018 q3'), '2018-Q3');
      assert.equal(normaliseCycleSpelling('FY24Q3'), 'FY2024-Q3');
      assert.equal(normaliseCycleSpelling('q3 fy24'), 'FY2024-Q3');
      assert.equal(normaliseCycleSpelling('FY24'), 'FY2024');
      assert.equal(normaliseCycleSpelling('Nov 2026'), '2026-11');
      assert.equal(normaliseCycleSpelling('2026 September'), '2026-09');
      // strict forms are left to the strict parser, untouched
      for (const strict of ['2018-Q3', '2026', '2026-11', 'FY2024-Q3', 'FY2024', '2026-W47', '2026-11-05']) {
        assert.equal(normaliseCycleSpelling(strict), undefined, strict);
      }
    });

    it('reads fiscal spellings with the configured fiscal year start (two-digit years are 20YY)', () => {
      // start month 7: FY2024 runs 2023-07-01..2024-06-30
      for (const text of ['FY24-Q1', 'FY24Q1', 'FY24 Q1', 'FY2024Q1', 'FY2024 Q1', 'Q1 FY24', 'Q1-FY24', 'Q1/FY2024', 'fy24q1', 'q1 fy24']) {
        assert.deepEqual(span(text, 7), ['2023-07-01', '2023-09-30'], text);
        assert.deepEqual(span(text, 7), span('FY2024-Q1', 7), text);
      }
      assert.deepEqual(span('FY24-Q3', 7), ['2024-01-01', '2024-03-31']);
      assert.deepEqual(span('FY24', 7), ['2023-07-01', '2024-06-30']);
      assert.deepEqual(span('fy24', 7), span('FY2024', 7));
      assert.deepEqual(span('FY24-H2', 7), ['2024-01-01', '2024-06-30']);
      assert.deepEqual(span('H1 FY24', 7), ['2023-07-01', '2023-12-31']);
      // start month 1: the fiscal year is the calendar year
      assert.deepEqual(span('FY24-Q3', 1), ['2024-07-01', '2024-09-30']);
      assert.deepEqual(span('FY24Q3', 1), span('2024-Q3'));
      assert.deepEqual(span('Q3 FY24', 1), span('Q3 2024'));
      assert.deepEqual(span('FY24', 1), ['2024-01-01', '2024-12-31']);
      assert.deepEqual(span('FY24'), span('2024'), 'start month 1 by default');
      // every fiscal spelling equals its strict form, for every start month
      for (let start = 1; start <= 12; start++) {
        for (const [loose, strict] of [['FY27Q4', 'FY2027-Q4'], ['H2 FY27', 'FY2027-H2'], ['FY27', 'FY2027'], ['FY99 Q1', 'FY2099-Q1'], ['FY00', 'FY2000']]) {
          assert.deepEqual(span(loose!, start), span(strict!, start), `${loose} with start month ${start}`);
        }
      }
      assert.equal(cycle(' FY24Q3 ', 7).label, 'FY24Q3');
    });

    it('reads ranges of any spelling', () => {
      assert.deepEqual(span('Q3 2018..Q4 2018'), ['2018-07-01', '2018-12-31']);
      assert.deepEqual(span('Q3 2018 .. 2018 Q4'), ['2018-07-01', '2018-12-31']);
      assert.deepEqual(span('Nov 2026..2027-Q1'), ['2026-11-01', '2027-03-31']);
      assert.deepEqual(span('Sept. 2026..Q4 2026'), ['2026-09-01', '2026-12-31']);
      assert.deepEqual(span('2026-W47..December 2026'), ['2026-11-16', '2026-12-31']);
      assert.deepEqual(span('FY24-Q1..FY24Q2', 7), ['2023-07-01', '2023-12-31']);
      assert.deepEqual(span('H2 2026..FY27', 4), ['2026-07-01', '2027-03-31']);
      assert.equal(cycle('Q3 2018 .. Q4 2018').label, 'Q3 2018 .. Q4 2018');
      assert.match(error('Q4 2018..Q3 2018'), /the range starts after it ends: Q4 2018 starts on 2018-10-01, after Q3 2018 ends on 2018-09-30/);
      assert.match(error('Nov 2026..Q5 2026'), /quarter 5 does not exist \('Q5 2026'\)/);
    });

    it('rejects quarters and halves that do not exist, quoting the text as written', () => {
      assert.equal(error('Q5 2026'), "quarter 5 does not exist ('Q5 2026'): quarters are Q1–Q4");
      assert.equal(error('2026 Q0'), "quarter 0 does not exist ('2026 Q0'): quarters are Q1–Q4");
      assert.equal(error('Q10 2026'), "quarter 10 does not exist ('Q10 2026'): quarters are Q1–Q4");
      assert.equal(error('Q03 2026'), "quarter 03 does not exist ('Q03 2026'): quarters are Q1–Q4");
      assert.equal(error('H3 2026'), "half 3 does not exist ('H3 2026'): halves are H1 and H2");
      assert.equal(error('FY24-Q0', 7), "quarter 0 does not exist ('FY24-Q0'): quarters are Q1–Q4");
      assert.equal(error('Q5 FY24', 7), "quarter 5 does not exist ('Q5 FY24'): quarters are Q1–Q4");
      assert.equal(error('FY24H3', 7), "half 3 does not exist ('FY24H3'): halves are H1 and H2");
      assert.match(error('Q3 0999'), /year 0999 is out of range in 'Q3 0999': years must be 1000–9999/);
      assert.match(error('Nov 0999'), /years must be 1000–9999/);
      assert.match(error('FY24', 13), /fiscalYearStartMonth must be a whole number from 1 to 12/);
      assert.deepEqual(span('Q3 2018', 13), ['2018-07-01', '2018-09-30'], 'calendar spellings need no fiscal start');
    });

    it('rejects two-digit calendar years, with a hint that shows the four-digit form', () => {
      assert.equal(error('Nov 26'), "'Nov 26' is not a cycle: calendar years need four digits: write Nov 2026");
      assert.match(error("Nov '26"), /write Nov 2026/);
      assert.match(error('november-26'), /write november 2026/);
      assert.equal(
        error('Q3 26'),
        "'Q3 26' is not a cycle: calendar years need four digits: write Q3 2026 (two-digit years are for fiscal years: Q3 FY26)",
      );
      assert.match(error("Q3 '26"), /write Q3 2026/);
      assert.match(error('h2-26'), /write H2 2026 .*H2 FY26/);
    });

    it('rejects a quarter, half or month without its year, with a hint', () => {
      assert.equal(error('Q4'), "'Q4' is not a cycle: a quarter needs its year, e.g. Q4 2026 or 2026-Q4");
      assert.equal(error('h1'), "'h1' is not a cycle: a half needs its year, e.g. H1 2026 or 2026-H1");
      assert.equal(error('November'), "'November' is not a cycle: a month needs its year, e.g. November 2026 or 2026-11");
      assert.match(error('Sept.'), /a month needs its year, e.g. Sept 2026 or 2026-09/);
    });

    it('rejects other near misses with the list of forms, which names the new spellings', () => {
      for (const text of [
        'Novembr 2026', 'Month 2026', 'FY 24', 'FY 2024', 'FY123Q3', 'FY24 - Q3', 'Q3 - 2018', 'Q 3 2018', '2026 -Q4', 'Q3 2018 extra',
        '2026/11', 'Q3_2018', 'Q32018', '2018Q3', 'FY2024Q', 'Q3 FY', 'FY24-Q3-2024', '26 Q3', 'Q3 20266',
      ]) {
        const msg = error(text, 7);
        assert.match(msg, /is not a cycle/, text);
      }
      const msg = error('Novembr 2026');
      assert.match(msg, /^'Novembr 2026' is not a cycle: expected YYYY, /);
      assert.match(msg, /or as written: Q3 2026, FY26-Q3, H2 2026, November 2026;/);
    });

    it('rejects over-long text before any regex runs', () => {
      assert.deepEqual(span('September   2026'), ['2026-09-01', '2026-09-30']); // 16 characters, the most
      assert.match(error('September    2026'), /is not a cycle: expected/);
    });
  });

  describe('findCycleInText', () => {
    it('finds the cycle in a title or heading', () => {
      assert.deepEqual(inText('# OKRs Q3 2018'), ['Q3 2018', '2018-Q3', '2018-07-01', '2018-09-30']);
      assert.deepEqual(inText('### Q4 2025 Objectives'), ['Q4 2025', '2025-Q4', '2025-10-01', '2025-12-31']);
      assert.deepEqual(inText('Objectives for FY24-Q3', 7), ['FY24-Q3', 'FY2024-Q3', '2024-01-01', '2024-03-31']);
      assert.deepEqual(inText('Objectives for FY24-Q3', 1), ['FY24-Q3', 'FY2024-Q3', '2024-07-01', '2024-09-30']);
      assert.deepEqual(inText('2026 H1 goals'), ['2026 H1', '2026-H1', '2026-01-01', '2026-06-30']);
      assert.deepEqual(inText('OKRs — November 2026'), ['November 2026', '2026-11', '2026-11-01', '2026-11-30']);
      assert.deepEqual(inText('2019 Q1 OKRs'), ['2019 Q1', '2019-Q1', '2019-01-01', '2019-03-31']);
      assert.deepEqual(inText('OKRs 2026'), ['2026', '2026', '2026-01-01', '2026-12-31']);
      assert.deepEqual(inText('Company OKRs, Q4 2026 🎯'), ['Q4 2026', '2026-Q4', '2026-10-01', '2026-12-31']);
      assert.deepEqual(inText('Team plan (2026-Q4)'), ['2026-Q4', '2026-Q4', '2026-10-01', '2026-12-31']);
      assert.deepEqual(inText('Sprint 2026-W47'), ['2026-W47', '2026-W47', '2026-11-16', '2026-11-22']);
      assert.deepEqual(inText('Plan for Sept. 2026'), ['Sept. 2026', '2026-09', '2026-09-01', '2026-09-30']);
      assert.deepEqual(inText('FY24 plan', 7), ['FY24', 'FY2024', '2023-07-01', '2024-06-30']);
      assert.deepEqual(inText('Q3 FY2024 review', 7), ['Q3 FY2024', 'FY2024-Q3', '2024-01-01', '2024-03-31']);
      assert.deepEqual(inText('Monthly: 2026-11'), ['2026-11', '2026-11', '2026-11-01', '2026-11-30']);
    });

    it('gives UTF-16 offsets', () => {
      const text = '🎯🎯 OKRs — Q3 2018';
      const f = findCycleInText(text, 1);
      assert.ok(f);
      assert.equal(f.start, 12);
      assert.equal(f.end, 19);
      assert.equal(text.slice(f.start, f.end), 'Q3 2018');
    });

    it('prefers a quarter, half, month or week to a fiscal year, and a fiscal year to a bare year', () => {
      assert.deepEqual(inText('2026 roadmap: Q3 2026')?.[1], '2026-Q3');
      assert.deepEqual(inText('FY26 goals for H2 2026', 7)?.[1], '2026-H2');
      assert.deepEqual(inText('2026 OKRs (FY26)', 7)?.[1], 'FY2026');
      assert.deepEqual(inText('Since 2019, for November 2026')?.[1], '2026-11');
      // within the same kind, the first wins
      assert.deepEqual(inText('Q3 2026 and Q4 2026')?.[1], '2026-Q3');
      assert.deepEqual(inText('November 2026, then 2027-Q1')?.[1], '2026-11');
      assert.deepEqual(inText('2025 then 2026')?.[1], '2025');
      // `Q3` with no year does not count: the year alone does
      assert.deepEqual(inText('2018 OKRs, Q3')?.[1], '2018');
    });

    it('skips what does not exist and reads on', () => {
      assert.deepEqual(inText('Q5 2026 then 2026-Q3')?.[1], '2026-Q3');
      assert.deepEqual(inText('2027-W53 (no such week)')?.[1], '2027');
      assert.deepEqual(inText('FY24 plan', 0), undefined, 'no fiscal year without a valid start month');
    });

    it('finds nothing where there is no cycle', () => {
      for (const text of [
        '', 'OKRs', 'Q3 plans', 'Q3', 'H1 title', 'v2026.1', '12026', '20260', '#2018', 'issue #2018', '$2026', 'room 2026b', 'x2026',
        '1899 and 2200', '3000', 'Review on 2026-11-05', '10:2026', '1.2026', '2026.5', '2,026', 'Q3 26', 'Nov 26', 'Novembre 2026x',
        'Q32018', 'FY', 'FY 24', 'FY123', 'Q3-FY', '２０２６',
      ]) {
        assert.equal(findCycleInText(text, 1), undefined, text);
      }
    });

    it('counts a bare year 1900–2199 standing alone', () => {
      assert.deepEqual(inText('Year 1900')?.[1], '1900');
      assert.deepEqual(inText('Year 2199.')?.[1], '2199');
      assert.deepEqual(inText('(2026)')?.[1], '2026');
      assert.deepEqual(inText('okrs_2026_final')?.[1], '2026');
      assert.deepEqual(inText('Goals 2026: grow')?.[1], '2026');
      assert.deepEqual(inText('The 1899 and 2200 plans, 2026')?.[1], '2026');
    });

    it('gives a cycle that parseCycle reads as the same days from its strict label', () => {
      const texts = [
        '# OKRs Q3 2018', 'Objectives for FY24-Q3', '2026 H1 goals', 'OKRs — November 2026', 'q4_2025', 'FY24 plan', 'OKRs 2026',
        'Sprint 2026-W53', 'Monthly: 2026-02', 'h1-fy27', 'Sep 2026',
      ];
      for (const fiscalYearStartMonth of [1, 4, 7, 10]) {
        for (const text of texts) {
          const f = findCycleInText(text, fiscalYearStartMonth);
          assert.ok(f, text);
          const strict = cycle(f.cycle.label, fiscalYearStartMonth);
          assert.deepEqual([strict.start, strict.end], [f.cycle.start, f.cycle.end], `${text} with start month ${fiscalYearStartMonth}`);
        }
      }
    });

    it('never throws on what is not text', () => {
      for (const input of [null, undefined, 42, {}]) {
        assert.equal(findCycleInText(input as unknown as string, 1), undefined);
        assert.equal(findCycleInPath(input as unknown as string, 1), undefined);
      }
    });
  });

  describe('findCycleInPath', () => {
    it('finds the cycle in a file or folder name', () => {
      assert.deepEqual(inPath('okrs/2026-Q4/team.md'), ['2026-Q4', '2026-Q4', '2026-10-01', '2026-12-31']);
      assert.deepEqual(inPath('okrs-2018-q3.md'), ['2018-q3', '2018-Q3', '2018-07-01', '2018-09-30']);
      assert.deepEqual(inPath('2018_Q3_okrs.md'), ['2018_Q3', '2018-Q3', '2018-07-01', '2018-09-30']);
      assert.deepEqual(inPath('q3-2018.md'), ['q3-2018', '2018-Q3', '2018-07-01', '2018-09-30']);
      assert.deepEqual(inPath('fy24q3/plan.md', 7), ['fy24q3', 'FY2024-Q3', '2024-01-01', '2024-03-31']);
      assert.deepEqual(inPath('fy24q3/plan.md', 1), ['fy24q3', 'FY2024-Q3', '2024-07-01', '2024-09-30']);
      assert.deepEqual(inPath('2026-11/okrs.md'), ['2026-11', '2026-11', '2026-11-01', '2026-11-30']);
      assert.deepEqual(inPath('okrs/nov-2026.md'), ['nov-2026', '2026-11', '2026-11-01', '2026-11-30']);
      assert.deepEqual(inPath('okrs/2026/team.md'), ['2026', '2026', '2026-01-01', '2026-12-31']);
      assert.deepEqual(inPath('okrs/fy27.okr.md', 4), ['fy27', 'FY2027', '2026-04-01', '2027-03-31']);
      assert.deepEqual(inPath('okrs/2026/Q4/team.md'), ['2026/Q4', '2026-Q4', '2026-10-01', '2026-12-31']);
    });

    it('prefers the deepest of the most specific kind', () => {
      assert.deepEqual(inPath('okrs/2026-Q4/2026-11.md')?.[1], '2026-11');
      assert.deepEqual(inPath('2026-Q3/team/q4-2026-plan.md')?.[1], '2026-Q4');
      assert.deepEqual(inPath('okrs/2025/2026/x.md')?.[1], '2026');
      // a quarter in a folder beats a bare year in the file name
      assert.deepEqual(inPath('okrs/2026-Q4/notes-2025.md')?.[1], '2026-Q4');
    });

    it('reads Windows separators, with offsets into the path as given', () => {
      assert.deepEqual(inPath('okrs\\2026-Q3\\team.md'), ['2026-Q3', '2026-Q3', '2026-07-01', '2026-09-30']);
      assert.deepEqual(inPath('okrs\\2026\\Q3\\team.md'), ['2026\\Q3', '2026-Q3', '2026-07-01', '2026-09-30']);
    });

    it('finds nothing where there is no cycle', () => {
      for (const path of ['', 'okrs/team.md', 'okrs/q3/team.md', 'v2026.1/notes.md', 'okrs/12026.md', 'okrs/#2018.md', 'okrs/2026-11-05-retro.md']) {
        assert.equal(findCycleInPath(path, 1), undefined, path);
      }
    });
  });

  describe('growth', () => {
    /** `unit` repeated to at least n characters. */
    const run = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length));
    const hostile = (n: number) => [
      run('x', n), run('2', n), run('Q', n), run('Q3', n), run('Q3 ', n), run('q3-', n), run('FY', n), run('FY2', n), run('fy24', n),
      run('2026-', n), run('2026 ', n).replace(/2026/g, '12026'), run('v2026.1 ', n), run('#2018 ', n), run('nov ', n), run('novembe', n),
      run('sept.', n), run('2026-W', n), run('2026-1', n), run(' ', n), run('_', n), run('/', n), run('H', n) + '1', 'Q3 ' + run(' ', n) + '2018',
      run('🎯', n),
    ];

    it('finds a cycle at the end of a 100,000-character line', () => {
      const text = run('lorem ipsum ', 100_000) + 'Q3 2018';
      const f = findCycleInText(text, 1);
      assert.ok(f);
      assert.equal(f.start, text.length - 7);
      assert.equal(f.cycle.label, '2018-Q3');
      for (const t of hostile(100_000)) assert.ok(t.length >= 100_000);
      const path = run('okrs/2026-Q4/', 100_000) + 'team.md';
      assert.equal(findCycleInPath(path, 1)?.start, path.length - 'team.md'.length - '2026-Q4/'.length);
    });

    it('searches text and paths in linear time', function () {
      this.timeout(300_000); // a guard against a hang: time is checked as growth
      assertEachGrowsLinearly('findCycleInText', (n) => hostile(n).map((text, i) => ({ name: `input ${i + 1}`, input: text, call: () => findCycleInText(text, 7) })), { size: 6_250, factor: 16 });
      assertEachGrowsLinearly('findCycleInPath', (n) => [...hostile(n), run('okrs/2026-Q4/', n), run('fy24q3/', n), run('2026/', n)]
        .map((text, i) => ({ name: `input ${i + 1}`, input: text, call: () => findCycleInPath(text, 7) })), { size: 6_250, factor: 16 });
    });

    it('parses loose spellings of any length in linear time', function () {
      this.timeout(300_000);
      const loose = (n: number) => ['Q3 ' + run(' ', n) + '2018', run('Q3 2018', n), 'FY' + run('2', n) + 'Q3', run('Nov ', n) + '2026', run('Q3 2018..', n)];
      for (const text of loose(100_000)) assert.equal(parseCycle(text).ok, false);
      assertEachGrowsLinearly('parseCycle', (n) => loose(n).map((text, i) => ({ name: `loose ${i + 1}`, input: text, call: () => parseCycle(text, 7) })), { size: 6_250, factor: 16 });
    });
  });
});
