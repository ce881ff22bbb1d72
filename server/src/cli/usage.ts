// The `okr` executable's help text (`okr --help`, and `--help` after any command).
export const USAGE = `Usage:
  okr init [folder] [--dry-run] [--today YYYY-MM-DD]
  okr check [paths…] [--format text|json|sarif] [--today YYYY-MM-DD] [--config FILE] [--max-warnings N] [--cache [--cache-location FILE]]
  okr report [paths…] [--format markdown|json|html] [--cycle EXPR] [--today YYYY-MM-DD] [--config FILE] [--output FILE] [--cache [--cache-location FILE]]
  okr fmt [paths…] [--write] [--today YYYY-MM-DD] [--config FILE]
  okr history [paths…] [--format text|json|csv|markdown] [--cycle EXPR] [--since YYYY-MM-DD] [--today YYYY-MM-DD] [--config FILE]

init    sets up a folder (default: the current one): in a folder without OKRs, writes
        okr.config.json and a first strategic document for this quarter and an
        operational one for this month; where markdown already holds OKRs, writes an
        okr.config.json whose "documents" read them, and says what it will read.
        Never overwrites a file (exits 2 instead); --dry-run only prints.
check   validates OKR documents; exits 0 when there is no error, 1 when there is
        (or more warnings than --max-warnings), 2 on a usage or I/O error.
report  prints the alignment tree with progress; --format html is a dashboard page
        (progress bars, alignment tree, timelines, problems) for a browser.
fmt     rewrites documents read from their outline in the explicit form (Objective:
        headings, KR: items, fields); prints the diff and exits 1 if there is one,
        or writes the files with --write.
history each objective's and key result's progress and confidence over time, one point
        per commit that changed them (from git; edits not committed count for today),
        the change over the period and a forecast for the cycle's end; needs git and
        the whole history (not a shallow clone).
A file named to check, report, fmt or history that is not an OKR document is listed on stderr as skipped.
--cache keeps each document's parsed model in .okrcache (or FILE) by content hash, so the
next run parses only what changed.
Paths default to the current folder. "Today" comes from --today, else OKR_TODAY, else the clock.`;
