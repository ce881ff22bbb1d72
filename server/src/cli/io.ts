// What a command of the `okr` executable gets from its process: the current folder, the
// environment, the output streams and a clock; and the day it takes as "today".
import { dayFromDate, parseIsoDay, type Day } from '../okr/model/calendar.ts';
import { UsageError } from './loadWorkspace.ts';

export interface CliIo {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  now?: () => Date;
}

/** "Today": --today, else OKR_TODAY, else the clock; a bad date is a usage error. */
export function resolveToday(option: string | undefined, io: CliIo): Day {
  const written = option ?? io.env.OKR_TODAY;
  const source = option !== undefined ? '--today' : 'OKR_TODAY';
  if (written === undefined || written.trim() === '') {
    if (option !== undefined) throw new UsageError('--today needs a date YYYY-MM-DD');
    return dayFromDate((io.now ?? (() => new Date()))());
  }
  const day = parseIsoDay(written.trim());
  if (day === undefined) throw new UsageError(`${source} "${written}" is not a date YYYY-MM-DD`);
  return day;
}
