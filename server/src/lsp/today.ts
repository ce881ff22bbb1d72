// "Today" for the language server: OKR_TODAY when set (reproducible runs), else the local date.
import { dayFromDate, parseIsoDay, type Day } from '../okr/model/calendar.ts';

export function today(): Day {
  const fixed = process.env.OKR_TODAY?.trim();
  const parsed = fixed ? parseIsoDay(fixed) : undefined;
  return parsed ?? dayFromDate(new Date());
}
