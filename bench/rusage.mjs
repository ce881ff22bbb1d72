// Preloaded into every benchmarked child (`node --import ./bench/rusage.mjs …`): on exit,
// writes the process's peak RSS (KiB) to the file named by OKR_BENCH_RUSAGE, so the harness
// can report it without /usr/bin/time.
import { writeFileSync } from 'node:fs';

const out = process.env.OKR_BENCH_RUSAGE;
if (out) {
  process.on('exit', () => {
    try {
      writeFileSync(out, String(process.resourceUsage().maxRSS));
    } catch {
      // nothing to report to
    }
  });
}
