import assert from 'node:assert/strict';
import { dayFromDate, formatIsoDay, parseIsoDay, type Day } from '../../server/src/okr/model/calendar.ts';
import {
  cycleContains,
  cycleLength,
  cyclesOverlap,
  daysLeft,
  expectedProgress,
  hasEnded,
  parseCycle,
  suggestCycles,
} from '../../server/src/okr/model/cycles.ts';
import { cycle, error, span } from './cycleAssertions.ts';
import { assertEachGrowsLinearly, assertLinearGrowth } from './growth.ts';

const MS_PER_DAY = 86_400_000;

function day(iso: string): Day {
  const d = parseIsoDay(iso);
  if (d === undefined) assert.fail(`bad test date ${iso}`);
  return d;
}

/** Independent oracle: the UTC date of a day number via the JS Date implementation. */
function oracle(d: Day): string {
  return new Date(d * MS_PER_DAY).toISOString().slice(0, 10);
}

describe('cycles', () => {
  describe('parseIsoDay / formatIsoDay', () => {
    it('anchors day 0 at 1970-01-01', () => {
      assert.equal(parseIsoDay('1970-01-01'), 0);
      assert.equal(parseIsoDay('1970-01-02'), 1);
      assert.equal(parseIsoDay('1969-12-31'), -1);
      assert.equal(parseIsoDay('2000-03-01'), 11017);
      assert.equal(formatIsoDay(0), '1970-01-01');
      assert.equal(formatIsoDay(-1), '1969-12-31');
      assert.equal(formatIsoDay(11017), '2000-03-01');
    });

    it('agrees with the JS Date implementation across years 1000–9999', () => {
      const first = day('1000-01-01');
      const last = day('9999-12-31');
      assert.equal(oracle(first), '1000-01-01');
      assert.equal(oracle(last), '9999-12-31');
      for (let d = first; d <= last; d += 997) {
        const iso = formatIsoDay(d);
        assert.equal(iso, oracle(d));
        assert.equal(parseIsoDay(iso), d);
      }
      // every day of a few leap-sensitive years
      for (const y of [1900, 2000, 2024, 2026, 2100]) {
        for (let d = day(`${y}-01-01`); d <= day(`${y}-12-31`); d++) {
          assert.equal(formatIsoDay(d), oracle(d));
          assert.equal(parseIsoDay(formatIsoDay(d)), d);
        }
      }
    });

    it('validates dates strictly', () => {
      assert.equal(parseIsoDay('2026-02-30'), undefined);
      assert.equal(parseIsoDay('2026-02-29'), undefined);
      assert.notEqual(parseIsoDay('2024-02-29'), undefined);
      assert.equal(parseIsoDay('2100-02-29'), undefined);
      assert.notEqual(parseIsoDay('2000-02-29'), undefined);
      assert.equal(parseIsoDay('2026-04-31'), undefined);
      assert.equal(parseIsoDay('2026-13-01'), undefined);
      assert.equal(parseIsoDay('2026-00-01'), undefined);
      assert.equal(parseIsoDay('2026-01-00'), undefined);
      assert.equal(parseIsoDay('2026-01-32'), undefined);
      assert.equal(parseIsoDay('2026-1-05'), undefined);
      assert.equal(parseIsoDay('2026-01-5'), undefined);
      assert.equal(parseIsoDay(' 2026-01-05'), undefined);
      assert.equal(parseIsoDay('2026-01-05 '), undefined);
      assert.equal(parseIsoDay('2026-01-05T00:00'), undefined);
      assert.equal(parseIsoDay('20260105'), undefined);
      assert.equal(parseIsoDay('0999-12-31'), undefined);
      assert.equal(parseIsoDay(''), undefined);
      assert.equal(parseIsoDay('２０２６-01-05'), undefined);
      assert.equal(parseIsoDay('x'.repeat(100_000)), undefined);
    });
  });

  describe('dayFromDate', () => {
    it('uses the local calendar date, whatever the time of day', () => {
      assert.equal(formatIsoDay(dayFromDate(new Date(2026, 10, 16, 0, 0, 1))), '2026-11-16');
      assert.equal(formatIsoDay(dayFromDate(new Date(2026, 10, 16, 12, 0, 0))), '2026-11-16');
      assert.equal(formatIsoDay(dayFromDate(new Date(2026, 10, 16, 23, 59, 59, 999))), '2026-11-16');
      assert.equal(formatIsoDay(dayFromDate(new Date(2024, 1, 29, 23, 30))), '2024-02-29');
      assert.equal(formatIsoDay(dayFromDate(new Date(2026, 11, 31, 23, 59))), '2026-12-31');
      assert.equal(formatIsoDay(dayFromDate(new Date(2027, 0, 1, 0, 0))), '2027-01-01');
    });

    it('returns NaN for an invalid Date instead of throwing', () => {
      assert.ok(Number.isNaN(dayFromDate(new Date('nonsense'))));
    });
  });

  describe('parseCycle: single periods', () => {
    it('parses a year', () => {
      assert.deepEqual(span('2026'), ['2026-01-01', '2026-12-31']);
      assert.deepEqual(span('1000'), ['1000-01-01', '1000-12-31']);
      assert.deepEqual(span('9999'), ['9999-01-01', '9999-12-31']);
    });

    it('parses halves', () => {
      assert.deepEqual(span('2026-H1'), ['2026-01-01', '2026-06-30']);
      assert.deepEqual(span('2026-H2'), ['2026-07-01', '2026-12-31']);
    });

    it('parses quarters', () => {
      assert.deepEqual(span('2026-Q1'), ['2026-01-01', '2026-03-31']);
      assert.deepEqual(span('2026-Q2'), ['2026-04-01', '2026-06-30']);
      assert.deepEqual(span('2026-Q3'), ['2026-07-01', '2026-09-30']);
      assert.deepEqual(span('2026-Q4'), ['2026-10-01', '2026-12-31']);
    });

    it('parses months', () => {
      const expected: Record<string, string> = {
        '01': '31', '02': '28', '03': '31', '04': '30', '05': '31', '06': '30',
        '07': '31', '08': '31', '09': '30', '10': '31', '11': '30', '12': '31',
      };
      for (const [mm, last] of Object.entries(expected)) {
        assert.deepEqual(span(`2026-${mm}`), [`2026-${mm}-01`, `2026-${mm}-${last}`]);
      }
      assert.deepEqual(span('2024-02'), ['2024-02-01', '2024-02-29']);
      assert.deepEqual(span('2100-02'), ['2100-02-01', '2100-02-28']);
      assert.deepEqual(span('2000-02'), ['2000-02-01', '2000-02-29']);
    });

    it('parses ISO weeks (Monday–Sunday)', () => {
      assert.deepEqual(span('2026-W47'), ['2026-11-16', '2026-11-22']);
      assert.deepEqual(span('2026-W48'), ['2026-11-23', '2026-11-29']);
      assert.deepEqual(span('2026-W05'), ['2026-01-26', '2026-02-01']);
    });

    it('parses ISO weeks that cross calendar years', () => {
      assert.deepEqual(span('2026-W01'), ['2025-12-29', '2026-01-04']);
      assert.deepEqual(span('2026-W53'), ['2026-12-28', '2027-01-03']);
      assert.deepEqual(span('2027-W01'), ['2027-01-04', '2027-01-10']);
      assert.deepEqual(span('2027-W52'), ['2027-12-27', '2028-01-02']);
      assert.deepEqual(span('2020-W01'), ['2019-12-30', '2020-01-05']);
      assert.deepEqual(span('2020-W53'), ['2020-12-28', '2021-01-03']);
      assert.deepEqual(span('2021-W01'), ['2021-01-04', '2021-01-10']);
      assert.deepEqual(span('2021-W52'), ['2021-12-27', '2022-01-02']);
    });

    it('knows which years have 53 ISO weeks', () => {
      const long = new Set([1992, 1998, 2004, 2009, 2015, 2020, 2026, 2032, 2037]);
      for (let y = 1990; y <= 2040; y++) {
        assert.equal(parseCycle(`${y}-W53`).ok, long.has(y), `${y}-W53`);
        assert.ok(parseCycle(`${y}-W52`).ok, `${y}-W52`);
      }
      assert.match(error('2021-W53'), /2021 has only 52 ISO weeks/);
      assert.match(error('2027-W53'), /2027 has only 52 ISO weeks/);
      assert.match(error('2026-W54'), /2026 has only 53 ISO weeks/);
    });

    it('tiles every ISO year with consecutive Monday–Sunday weeks; week 1 holds the first Thursday', () => {
      for (const y of [2020, 2021, 2024, 2026, 2027]) {
        const w1 = cycle(`${y}-W01`);
        const jan1 = day(`${y}-01-01`);
        // the Thursday of week 1 is in January of that year, within the first 7 days
        const thursday = w1.start + 3;
        assert.ok(thursday >= jan1 && thursday < jan1 + 7, `${y}-W01 Thursday`);
        let prevEnd = w1.start - 1;
        const weeks = parseCycle(`${y}-W53`).ok ? 53 : 52;
        for (let w = 1; w <= weeks; w++) {
          const c = cycle(`${y}-W${String(w).padStart(2, '0')}`);
          assert.equal(c.start, prevEnd + 1);
          assert.equal(cycleLength(c), 7);
          assert.equal(new Date(c.start * MS_PER_DAY).getUTCDay(), 1, 'starts on a Monday');
          prevEnd = c.end;
        }
        assert.equal(prevEnd + 1, cycle(`${y + 1}-W01`).start, `${y} ends where ${y + 1}-W01 starts`);
      }
    });

    it('parses a single day', () => {
      assert.deepEqual(span('2026-11-01'), ['2026-11-01', '2026-11-01']);
      assert.deepEqual(span('2024-02-29'), ['2024-02-29', '2024-02-29']);
      assert.deepEqual(span('2000-02-29'), ['2000-02-29', '2000-02-29']);
      assert.deepEqual(span('2026-12-31'), ['2026-12-31', '2026-12-31']);
    });

    it('keeps the trimmed input as the label', () => {
      assert.equal(cycle('2026-Q4').label, '2026-Q4');
      assert.equal(cycle('  2026-q4\t').label, '2026-q4');
      assert.equal(cycle(' 2026-W47 .. 2026-W48 ').label, '2026-W47 .. 2026-W48');
      assert.equal(cycle('\n FY2027 \r\n', 4).label, 'FY2027');
    });
  });

  describe('parseCycle: case and whitespace', () => {
    it('is case-insensitive in letters', () => {
      assert.deepEqual(span('2026-q4'), span('2026-Q4'));
      assert.deepEqual(span('2026-h2'), span('2026-H2'));
      assert.deepEqual(span('2026-w05'), span('2026-W05'));
      assert.deepEqual(span('2026-w53'), ['2026-12-28', '2027-01-03']);
      assert.deepEqual(span('fy2027', 4), ['2026-04-01', '2027-03-31']);
      assert.deepEqual(span('Fy2027-q4', 4), ['2027-01-01', '2027-03-31']);
      assert.deepEqual(span('fY2027-h2', 4), ['2026-10-01', '2027-03-31']);
      assert.match(error('2027-w53'), /2027 has only 52 ISO weeks/);
    });

    it('allows whitespace around the text and around ..', () => {
      assert.deepEqual(span('   2026-Q4   '), ['2026-10-01', '2026-12-31']);
      assert.deepEqual(span('\t2026\n'), ['2026-01-01', '2026-12-31']);
      assert.deepEqual(span('2026-W47 .. 2026-W48'), ['2026-11-16', '2026-11-29']);
      assert.deepEqual(span('2026-W47..  2026-W48'), ['2026-11-16', '2026-11-29']);
      assert.deepEqual(span('2026-W47\t..2026-W48'), ['2026-11-16', '2026-11-29']);
      assert.deepEqual(span('  2026-11-02 ..2026-11-15  '), ['2026-11-02', '2026-11-15']);
    });

    it('rejects whitespace inside a period, but reads a quarter and year written as teams write them', () => {
      for (const text of ['2026 -Q4', '2026- Q4', '2026-Q 4', 'FY 2027', '2026-11 -01', '20 26', '2026-W 47']) {
        assert.match(error(text), /is not a cycle/, text);
      }
      assert.deepEqual(span('2026 Q4'), ['2026-10-01', '2026-12-31']);
    });
  });

  describe('parseCycle: ranges', () => {
    it('spans from the start of the first period to the end of the last', () => {
      assert.deepEqual(span('2026-W47..2026-W48'), ['2026-11-16', '2026-11-29']);
      assert.deepEqual(span('2026-11-02..2026-11-15'), ['2026-11-02', '2026-11-15']);
      assert.deepEqual(span('2026-Q1..2026-Q2'), ['2026-01-01', '2026-06-30']);
      assert.deepEqual(span('2026..2027'), ['2026-01-01', '2027-12-31']);
      assert.deepEqual(span('2026-01..2026-03'), ['2026-01-01', '2026-03-31']);
      assert.deepEqual(span('2026-H2..2027-H1'), ['2026-07-01', '2027-06-30']);
    });

    it('mixes forms', () => {
      assert.deepEqual(span('2026-Q3..2026-11'), ['2026-07-01', '2026-11-30']);
      assert.deepEqual(span('2026-W47..2026-12-05'), ['2026-11-16', '2026-12-05']);
      assert.deepEqual(span('2026-11-30..2026-W49'), ['2026-11-30', '2026-12-06']);
      assert.deepEqual(span('2026-H1..2026-Q3'), ['2026-01-01', '2026-09-30']);
      assert.deepEqual(span('2025..2026-H1'), ['2025-01-01', '2026-06-30']);
      assert.deepEqual(span('2026-W53..2027-W01'), ['2026-12-28', '2027-01-10']);
      assert.deepEqual(span('2026-12..2027-W01'), ['2026-12-01', '2027-01-10']);
      assert.deepEqual(span('2026-10-15..2026-Q4'), ['2026-10-15', '2026-12-31']);
      assert.deepEqual(span('FY2027..FY2028-Q1', 4), ['2026-04-01', '2027-06-30']);
      assert.deepEqual(span('FY2027-Q4..2027-06', 4), ['2027-01-01', '2027-06-30']);
      assert.deepEqual(span('2026-10..fy2027-h1', 10), ['2026-10-01', '2027-03-31']);
    });

    it('accepts equal and adjacent ends', () => {
      assert.deepEqual(span('2026-11-02..2026-11-02'), ['2026-11-02', '2026-11-02']);
      assert.equal(cycleLength(cycle('2026-11-02..2026-11-02')), 1);
      assert.deepEqual(span('2026-11-02..2026-11-03'), ['2026-11-02', '2026-11-03']);
      assert.deepEqual(span('2026-W47..2026-W47'), ['2026-11-16', '2026-11-22']);
      assert.deepEqual(span('2026-Q4..2026-Q4'), ['2026-10-01', '2026-12-31']);
      // The spec only rejects start after end: nested/overlapping periods are allowed.
      assert.deepEqual(span('2026-Q4..2026-10'), ['2026-10-01', '2026-10-31']);
      // The start of the first period is the last day of the last one: still valid (1 day).
      assert.deepEqual(span('2026-11-30..2026-11'), ['2026-11-30', '2026-11-30']);
    });

    it('rejects a range whose start is after its end', () => {
      for (const text of [
        '2026-11-15..2026-11-02',
        '2026-11-03..2026-11-02',
        '2026-W48..2026-W47',
        '2027..2026-Q4',
        '2026-Q4..2026-09',
        '2026-12-01..2026-11',
        '2027-W01..2026-W52',
      ]) {
        assert.match(error(text), /the range starts after it ends/, text);
      }
      const msg = error('2026-11-15..2026-11-02');
      assert.match(msg, /2026-11-15/);
      assert.match(msg, /2026-11-02/);
      assert.match(error('FY2028..FY2027-Q4', 4), /the range starts after it ends/);
    });

    it('rejects malformed ranges', () => {
      assert.match(error('2026..'), /no end/);
      assert.match(error('2026-Q4 .. '), /no end/);
      assert.match(error('..2026'), /no start/);
      assert.match(error(' .. 2026'), /no start/);
      assert.match(error('..'), /no start/);
      assert.match(error('2026..2027..2028'), /exactly one '\.\.'/);
      assert.match(error('2026....2027'), /exactly one '\.\.'/);
      assert.match(error('2026...2027'), /'\.2027' is not a cycle/);
      assert.match(error('2026.2027'), /is not a cycle/);
      assert.match(error('2026-Q4..xyz'), /'xyz' is not a cycle/);
      assert.match(error('xyz..2026-Q4'), /'xyz' is not a cycle/);
      assert.match(error('2026-02-30..2026-03-05'), /2026-02-30 is not a date/);
      assert.match(error('2026-W01..2027-W53'), /2027 has only 52 ISO weeks/);
      assert.match(error('2026-Q4..2026-Q5'), /quarter 5 does not exist/);
    });
  });

  describe('parseCycle: fiscal years', () => {
    it('with start month 1 (the default) equals the calendar year', () => {
      assert.deepEqual(span('FY2027'), ['2027-01-01', '2027-12-31']);
      assert.deepEqual(span('FY2027', 1), ['2027-01-01', '2027-12-31']);
      assert.deepEqual(span('FY2027-H1', 1), ['2027-01-01', '2027-06-30']);
      assert.deepEqual(span('FY2027-H2', 1), ['2027-07-01', '2027-12-31']);
      assert.deepEqual(span('FY2027-Q1', 1), ['2027-01-01', '2027-03-31']);
      assert.deepEqual(span('FY2027-Q2', 1), ['2027-04-01', '2027-06-30']);
      assert.deepEqual(span('FY2027-Q3', 1), ['2027-07-01', '2027-09-30']);
      assert.deepEqual(span('FY2027-Q4', 1), ['2027-10-01', '2027-12-31']);
    });

    it('with start month 4 is named after the year in which it ends', () => {
      assert.deepEqual(span('FY2027', 4), ['2026-04-01', '2027-03-31']);
      assert.deepEqual(span('FY2027-H1', 4), ['2026-04-01', '2026-09-30']);
      assert.deepEqual(span('FY2027-H2', 4), ['2026-10-01', '2027-03-31']);
      assert.deepEqual(span('FY2027-Q1', 4), ['2026-04-01', '2026-06-30']);
      assert.deepEqual(span('FY2027-Q2', 4), ['2026-07-01', '2026-09-30']);
      assert.deepEqual(span('FY2027-Q3', 4), ['2026-10-01', '2026-12-31']);
      assert.deepEqual(span('FY2027-Q4', 4), ['2027-01-01', '2027-03-31']);
      assert.equal(cycleLength(cycle('FY2027', 4)), 365);
      assert.equal(cycleLength(cycle('FY2028', 4)), 366); // includes 2028-02-29
    });

    it('with start month 10', () => {
      assert.deepEqual(span('FY2027', 10), ['2026-10-01', '2027-09-30']);
      assert.deepEqual(span('FY2027-H1', 10), ['2026-10-01', '2027-03-31']);
      assert.deepEqual(span('FY2027-H2', 10), ['2027-04-01', '2027-09-30']);
      assert.deepEqual(span('FY2027-Q1', 10), ['2026-10-01', '2026-12-31']);
      assert.deepEqual(span('FY2027-Q2', 10), ['2027-01-01', '2027-03-31']);
      assert.deepEqual(span('FY2027-Q3', 10), ['2027-04-01', '2027-06-30']);
      assert.deepEqual(span('FY2027-Q4', 10), ['2027-07-01', '2027-09-30']);
    });

    it('with other start months, across leap days and year ends', () => {
      assert.deepEqual(span('FY2024', 3), ['2023-03-01', '2024-02-29']);
      assert.deepEqual(span('FY2024-Q4', 3), ['2023-12-01', '2024-02-29']);
      assert.deepEqual(span('FY2027', 12), ['2026-12-01', '2027-11-30']);
      assert.deepEqual(span('FY2027-Q1', 12), ['2026-12-01', '2027-02-28']);
      assert.deepEqual(span('FY2027-H2', 7), ['2027-01-01', '2027-06-30']);
    });

    it('consecutive fiscal years and their parts tile without gaps', () => {
      for (const start of [1, 2, 4, 7, 10, 12]) {
        assert.equal(cycle('FY2026', start).end + 1, cycle('FY2027', start).start, `start month ${start}`);
        const fy = cycle('FY2027', start);
        assert.equal(cycle('FY2027-Q1', start).start, fy.start);
        assert.equal(cycle('FY2027-H1', start).start, fy.start);
        assert.equal(cycle('FY2027-H1', start).end, cycle('FY2027-Q2', start).end);
        assert.equal(cycle('FY2027-H2', start).start, cycle('FY2027-Q3', start).start);
        assert.equal(cycle('FY2027-Q4', start).end, fy.end);
        assert.equal(cycle('FY2027-H2', start).end, fy.end);
        for (let q = 1; q < 4; q++) {
          assert.equal(cycle(`FY2027-Q${q}`, start).end + 1, cycle(`FY2027-Q${q + 1}`, start).start);
        }
      }
    });

    it('does not affect calendar periods', () => {
      assert.deepEqual(span('2027-Q1', 4), ['2027-01-01', '2027-03-31']);
      assert.deepEqual(span('2027', 10), ['2027-01-01', '2027-12-31']);
      assert.deepEqual(span('2027-H2', 10), ['2027-07-01', '2027-12-31']);
    });

    it('rejects invalid fiscal periods, and reads a two-digit fiscal year as 20YY', () => {
      assert.match(error('FY2027-H3', 4), /half 3 does not exist/);
      assert.match(error('FY2027-H0', 4), /half 0 does not exist/);
      assert.match(error('FY2027-Q5', 4), /quarter 5 does not exist/);
      assert.match(error('FY2027-Q0', 4), /quarter 0 does not exist/);
      assert.match(error('FY2027-11', 4), /is not a cycle/);
      assert.match(error('FY2027-W01', 4), /is not a cycle/);
      assert.deepEqual(span('FY27', 4), ['2026-04-01', '2027-03-31']);
      assert.match(error('FY0999'), /years must be 1000–9999/);
      assert.match(error('FY'), /is not a cycle/);
      assert.match(error('FY-2027'), /is not a cycle/);
    });

    it('rejects fiscal periods when the start month is not 1–12, but still parses calendar periods', () => {
      for (const bad of [0, 13, 4.5, -1, Number.NaN]) {
        assert.match(error('FY2027', bad), /fiscalYearStartMonth/);
        assert.deepEqual(span('2027-Q1', bad), ['2027-01-01', '2027-03-31']);
      }
    });
  });

  describe('parseCycle: lengths', () => {
    it('counts days inclusively', () => {
      assert.equal(cycleLength(cycle('2024')), 366);
      assert.equal(cycleLength(cycle('2026')), 365);
      assert.equal(cycleLength(cycle('2000')), 366);
      assert.equal(cycleLength(cycle('2100')), 365);
      assert.equal(cycleLength(cycle('2024-02')), 29);
      assert.equal(cycleLength(cycle('2026-02')), 28);
      assert.equal(cycleLength(cycle('2100-02')), 28);
      assert.equal(cycleLength(cycle('2000-02')), 29);
      assert.equal(cycleLength(cycle('2026-11')), 30);
      assert.equal(cycleLength(cycle('2026-12')), 31);
      assert.equal(cycleLength(cycle('2024-Q1')), 91);
      assert.equal(cycleLength(cycle('2026-Q1')), 90);
      assert.equal(cycleLength(cycle('2026-Q4')), 92);
      assert.equal(cycleLength(cycle('2026-H1')), 181);
      assert.equal(cycleLength(cycle('2026-H2')), 184);
      assert.equal(cycleLength(cycle('2026-W47')), 7);
      assert.equal(cycleLength(cycle('2026-W53')), 7);
      assert.equal(cycleLength(cycle('2026-W47..2026-W48')), 14);
      assert.equal(cycleLength(cycle('2026-11-02..2026-11-15')), 14);
      assert.equal(cycleLength(cycle('2026-11-01')), 1);
    });
  });

  describe('parseCycle: invalid input', () => {
    it('rejects unparseable text with a message listing the forms', () => {
      const msg = error('xyz');
      assert.match(msg, /^'xyz' is not a cycle: expected YYYY/);
      for (const form of ['YYYY-Hn', 'YYYY-Qn', 'YYYY-MM', 'YYYY-Www', 'YYYY-MM-DD', 'FYYYYY']) {
        assert.ok(msg.includes(form), form);
      }
      assert.deepEqual(span('Q4 2026'), ['2026-10-01', '2026-12-31']);
      for (const text of [
        '2026-Q4 extra', '2026-11-01T00:00', '+2026', '-2026', '2026-', '2026-W', '2026-Q', '2026-H',
        '2026/11', '２０２６', '2026-X1', '2026-W47-1', '11-2026', 'q4', 'next quarter', '2026-11-01-01',
        '2026-111', '2026-W123', '2026-Q4!', '"2026"', '2026\u00a0..', 'FY2027-Q4..FY2027-Q4x',
      ]) {
        assert.match(error(text), /is not a cycle|no end|no start/, text);
      }
    });

    it('rejects empty text', () => {
      assert.match(error(''), /empty/);
      assert.match(error('   \t\n'), /empty/);
    });

    it('rejects impossible dates', () => {
      assert.match(error('2026-02-30'), /^2026-02-30 is not a date/);
      assert.match(error('2026-02-30'), /February 2026 has 28 days/);
      assert.match(error('2026-02-29'), /2026-02-29 is not a date/);
      assert.match(error('2100-02-29'), /2100-02-29 is not a date/);
      assert.match(error('2026-04-31'), /2026-04-31 is not a date: April 2026 has 30 days/);
      assert.match(error('2026-01-32'), /2026-01-32 is not a date/);
      assert.match(error('2026-01-00'), /2026-01-00 is not a date/);
      assert.match(error('2026-13-01'), /2026-13-01 is not a date: month 13 does not exist/);
      assert.match(error('2026-00-10'), /2026-00-10 is not a date: month 00 does not exist/);
    });

    it('rejects impossible months', () => {
      assert.match(error('2026-13'), /month 13 does not exist/);
      assert.match(error('2026-00'), /month 00 does not exist/);
      assert.match(error('2026-99'), /month 99 does not exist/);
    });

    it('rejects impossible weeks', () => {
      assert.match(error('2026-W00'), /week 00 does not exist/);
      assert.match(error('2026-W0'), /week 0 does not exist/);
      assert.match(error('2027-W53'), /2027 has only 52 ISO weeks/);
      assert.match(error('2026-W54'), /2026 has only 53 ISO weeks/);
      assert.match(error('2026-W99'), /2026 has only 53 ISO weeks/);
    });

    it('requires two-digit weeks, months and days, and says how to write them', () => {
      assert.match(error('2026-W5'), /weeks need two digits: write 2026-W05/);
      assert.match(error('2026-w1'), /write 2026-W01/);
      assert.match(error('2026-1'), /months need two digits: write 2026-01/);
      assert.match(error('2026-1-5'), /write 2026-01-05/);
      assert.match(error('2026-11-5'), /write 2026-11-05/);
    });

    it('rejects halves outside 1–2 and quarters outside 1–4', () => {
      assert.match(error('2026-H0'), /half 0 does not exist/);
      assert.match(error('2026-H3'), /half 3 does not exist/);
      assert.match(error('2026-H3'), /H1 and H2/);
      assert.match(error('2026-Q0'), /quarter 0 does not exist/);
      assert.match(error('2026-Q5'), /quarter 5 does not exist/);
      assert.match(error('2026-Q5'), /Q1–Q4/);
      assert.match(error('2026-Q10'), /quarter 10 does not exist/);
      assert.match(error('2026-Q01'), /quarter 01 does not exist/);
    });

    it('rejects years outside 1000–9999', () => {
      for (const text of ['0999', '999', '0000', '10000', '0999-Q1', '12345-W01', '0999-12', '0999-12-31', '99999-01-01', '0500-H1']) {
        assert.match(error(text), /years must be 1000–9999/, text);
      }
      assert.match(error('2026..10000'), /years must be 1000–9999/);
      assert.ok(parseCycle('1000').ok);
      assert.ok(parseCycle('9999-12-31').ok);
    });

    it('never throws, whatever it is given', () => {
      const weird: unknown[] = [null, undefined, 42, {}, [], '\u0000', '\ud800', '🙂', '2026-Q4\u0000'];
      for (const input of weird) {
        const r = parseCycle(input as string);
        assert.equal(r.ok, false);
      }
    });

    it('handles 100,000-character adversarial input in linear time, with a short message', function () {
      this.timeout(300_000); // a guard against a hang: time is checked as growth
      /** `unit` repeated to at least n characters. */
      const run = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length));
      /** Hostile cycles of at least n characters. */
      const adversarial = (n: number) => [
        run('x', n),
        run('1', n),
        run('2026-', n),
        run('.', n),
        '2026..' + run('9', n),
        run('9', n) + '..2026',
        'FY' + run('2', n),
        '2026-Q' + run('4', n),
        '2026-W' + run('0', n),
        run('2026-Q4..', n),
        run(' 2026 ', n),
        run('-', n),
        run('FY2027-', n),
        run('\u00a0', n / 2) + 'x' + run(' ', n / 2),
      ];
      for (const text of adversarial(100_000)) {
        assert.ok(text.length >= 100_000);
        const r = parseCycle(text, 4);
        assert.equal(r.ok, false);
        if (!r.ok) assert.ok(r.message.length < 400, `message is ${r.message.length} characters`);
      }
      assertEachGrowsLinearly('parseCycle', (n) => adversarial(n).map((text, i) => ({ name: `input ${i + 1}`, input: text, call: () => parseCycle(text, 4) })), { size: 6_250, factor: 16 });
      // Whitespace padding is fine, however long.
      const padded = (n: number) => run(' ', n / 2) + '2026-Q4' + run('\t', n / 2);
      assert.deepEqual(span(padded(100_000)), ['2026-10-01', '2026-12-31']);
      assertLinearGrowth('a cycle padded with 6,250 → 100,000 blanks', (n) => {
        const text = padded(n);
        return () => parseCycle(text);
      }, { size: 6_250, factor: 16 });
      assert.match(error(' '.repeat(100_000)), /empty/);
    });
  });

  describe('cycle relations', () => {
    it('cycleContains', () => {
      const q4 = cycle('2026-Q4');
      assert.ok(cycleContains(q4, cycle('2026-11')));
      assert.ok(cycleContains(q4, cycle('2026-W47')));
      assert.ok(cycleContains(q4, cycle('2026-W47..2026-W48')));
      assert.ok(cycleContains(q4, q4));
      assert.ok(cycleContains(q4, cycle('2026-10-01')));
      assert.ok(cycleContains(q4, cycle('2026-12-31')));
      assert.ok(!cycleContains(q4, cycle('2026-09-30')));
      assert.ok(!cycleContains(q4, cycle('2027-01-01')));
      assert.ok(!cycleContains(q4, cycle('2026-W53')), '2026-W53 ends in 2027');
      assert.ok(!cycleContains(cycle('2026-Q1'), cycle('2026-W01')), '2026-W01 starts in 2025');
      assert.ok(!cycleContains(cycle('2026'), cycle('2026-W01')));
      assert.ok(!cycleContains(cycle('2026'), cycle('2026-W53')));
      assert.ok(cycleContains(cycle('2026'), cycle('2026-W02')));
      assert.ok(!cycleContains(cycle('2026-11'), q4));
      assert.ok(cycleContains(cycle('FY2027', 4), cycle('2026-Q4')));
      assert.ok(cycleContains(cycle('FY2027', 4), cycle('2027-Q1')));
      assert.ok(!cycleContains(cycle('FY2027', 4), cycle('2027-Q2')));
    });

    it('cyclesOverlap', () => {
      const w53 = cycle('2026-W53');
      assert.ok(cyclesOverlap(w53, cycle('2026-Q4')));
      assert.ok(cyclesOverlap(w53, cycle('2027-Q1')));
      assert.ok(cyclesOverlap(cycle('2027-Q1'), w53));
      assert.ok(!cyclesOverlap(cycle('2026-Q3'), cycle('2026-Q4')));
      assert.ok(!cyclesOverlap(cycle('2026-11-30'), cycle('2026-12')));
      assert.ok(cyclesOverlap(cycle('2026-11-30'), cycle('2026-11')));
      assert.ok(cyclesOverlap(cycle('2026-11-02..2026-11-15'), cycle('2026-11-15..2026-11-20')));
      assert.ok(!cyclesOverlap(cycle('2026-W47'), cycle('2026-W48')));
      assert.ok(cyclesOverlap(cycle('2026'), cycle('2026-06-15')));
    });
  });

  describe('pace', () => {
    const month = cycle('2026-11'); // 30 days

    it('before the start', () => {
      const today = day('2026-10-31');
      assert.equal(expectedProgress(month, today), 0);
      assert.equal(hasEnded(month, today), false);
      assert.equal(daysLeft(month, today), 30);
      assert.equal(expectedProgress(month, today - 100), 0);
    });

    it('on the first day', () => {
      const today = day('2026-11-01');
      assert.equal(expectedProgress(month, today), 1 / 30);
      assert.equal(hasEnded(month, today), false);
      assert.equal(daysLeft(month, today), 29);
    });

    it('in the middle', () => {
      const today = day('2026-11-15');
      assert.equal(expectedProgress(month, today), 0.5);
      assert.equal(hasEnded(month, today), false);
      assert.equal(daysLeft(month, today), 15);
    });

    it('on the last day: not ended, fully expected', () => {
      const today = day('2026-11-30');
      assert.equal(expectedProgress(month, today), 1);
      assert.equal(hasEnded(month, today), false);
      assert.equal(daysLeft(month, today), 0);
    });

    it('after the end', () => {
      const today = day('2026-12-01');
      assert.equal(expectedProgress(month, today), 1);
      assert.equal(hasEnded(month, today), true);
      assert.equal(daysLeft(month, today), -1);
      assert.equal(expectedProgress(month, today + 365), 1);
      assert.equal(daysLeft(month, today + 365), -366);
    });

    it('for a one-day cycle and a cross-year week', () => {
      const one = cycle('2026-11-01');
      assert.equal(expectedProgress(one, one.start), 1);
      assert.equal(hasEnded(one, one.start), false);
      assert.equal(hasEnded(one, one.start + 1), true);
      assert.equal(expectedProgress(one, one.start - 1), 0);
      const w53 = cycle('2026-W53');
      assert.equal(expectedProgress(w53, day('2026-12-31')), 4 / 7);
      assert.equal(daysLeft(w53, day('2026-12-31')), 3);
      assert.equal(hasEnded(w53, day('2027-01-03')), false);
      assert.equal(hasEnded(w53, day('2027-01-04')), true);
    });

    it('for a leap year', () => {
      const y = cycle('2024');
      assert.equal(expectedProgress(y, day('2024-02-29')), 60 / 366);
      assert.equal(daysLeft(y, day('2024-02-29')), 306);
    });
  });

  describe('suggestCycles', () => {
    it('suggests the expected labels for a mid-quarter day', () => {
      assert.deepEqual(suggestCycles(day('2026-11-18')), [
        '2026-W47', '2026-W48', '2026-W47..2026-W48', '2026-11', '2026-12', '2026-Q4', '2027-Q1',
      ]);
    });

    it('handles ISO weeks that cross the calendar year', () => {
      assert.deepEqual(suggestCycles(day('2026-12-31')), [
        '2026-W53', '2027-W01', '2026-W53..2027-W01', '2026-12', '2027-01', '2026-Q4', '2027-Q1',
      ]);
      assert.deepEqual(suggestCycles(day('2027-01-01')), [
        '2026-W53', '2027-W01', '2026-W53..2027-W01', '2027-01', '2027-02', '2027-Q1', '2027-Q2',
      ]);
      assert.deepEqual(suggestCycles(day('2025-12-29')), [
        '2026-W01', '2026-W02', '2026-W01..2026-W02', '2025-12', '2026-01', '2025-Q4', '2026-Q1',
      ]);
      assert.deepEqual(suggestCycles(day('2020-12-27')), [
        '2020-W52', '2020-W53', '2020-W52..2020-W53', '2020-12', '2021-01', '2020-Q4', '2021-Q1',
      ]);
    });

    it('every suggestion parses; current ones contain today; next ones follow directly', () => {
      const days: Day[] = [];
      for (let d = day('2026-12-15'); d <= day('2027-01-20'); d++) days.push(d);
      for (let d = day('2020-12-20'); d <= day('2021-01-10'); d++) days.push(d);
      for (let d = day('2024-01-01'); d <= day('2024-12-31'); d += 3) days.push(d);
      days.push(day('1000-01-01'), day('2024-02-29'), day('2026-06-30'), day('2026-07-01'));
      for (const today of days) {
        const labels = suggestCycles(today);
        assert.equal(labels.length, 7, formatIsoDay(today));
        const [week, nextWeek, twoWeeks, month, nextMonth, quarter, nextQuarter] = labels.map((l) => cycle(l));
        assert.ok(week && nextWeek && twoWeeks && month && nextMonth && quarter && nextQuarter);
        const at = formatIsoDay(today);
        assert.match(week.label, /^\d{4}-W\d{2}$/, at);
        assert.match(twoWeeks.label, /^\d{4}-W\d{2}\.\.\d{4}-W\d{2}$/, at);
        assert.match(month.label, /^\d{4}-\d{2}$/, at);
        assert.match(quarter.label, /^\d{4}-Q[1-4]$/, at);
        for (const current of [week, twoWeeks, month, quarter]) {
          assert.ok(current.start <= today && today <= current.end, `${current.label} contains ${at}`);
        }
        assert.equal(cycleLength(week), 7);
        assert.equal(nextWeek.start, week.end + 1, at);
        assert.equal(cycleLength(nextWeek), 7);
        assert.equal(twoWeeks.start, week.start, at);
        assert.equal(twoWeeks.end, nextWeek.end, at);
        assert.equal(cycleLength(twoWeeks), 14);
        assert.equal(nextMonth.start, month.end + 1, at);
        assert.equal(nextQuarter.start, quarter.end + 1, at);
        assert.equal(formatIsoDay(month.start).slice(0, 7), at.slice(0, 7));
      }
    });

    it('leaves out labels beyond year 9999', () => {
      const labels = suggestCycles(day('9999-12-31'));
      // 9999-12-31 is in 9999-W52; 10000-W01, 10000-01 and 10000-Q1 cannot be written.
      assert.deepEqual(labels, ['9999-W52', '9999-12', '9999-Q4']);
      for (const l of labels) assert.ok(parseCycle(l).ok);
    });
  });
});
