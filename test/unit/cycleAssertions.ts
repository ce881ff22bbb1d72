// Assertions on parseCycle shared by the cycle tests: the cycle, its days, or its message.
import assert from 'node:assert/strict';
import { formatIsoDay } from '../../server/src/okr/model/calendar.ts';
import { parseCycle, type Cycle } from '../../server/src/okr/model/cycles.ts';

/** Parses and returns the cycle, failing the test with the parser's message otherwise. */
export function cycle(text: string, fiscalYearStartMonth?: number): Cycle {
  const r = parseCycle(text, fiscalYearStartMonth);
  if (!r.ok) assert.fail(`expected ${JSON.stringify(text)} to parse, got: ${r.message}`);
  return r.cycle;
}

/** [start, end] as YYYY-MM-DD. */
export function span(text: string, fiscalYearStartMonth?: number): [string, string] {
  const c = cycle(text, fiscalYearStartMonth);
  return [formatIsoDay(c.start), formatIsoDay(c.end)];
}

/** The error message; fails the test if the text parses. */
export function error(text: string, fiscalYearStartMonth?: number): string {
  const r = parseCycle(text, fiscalYearStartMonth);
  if (r.ok) assert.fail(`expected ${JSON.stringify(text)} to be rejected, got ${formatIsoDay(r.cycle.start)}..${formatIsoDay(r.cycle.end)}`);
  assert.equal(typeof r.message, 'string');
  assert.ok(r.message.length > 0);
  return r.message;
}

