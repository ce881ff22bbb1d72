// Growth checks, for the tests that hostile or large input does not blow up (shared by the
// unit and robustness suites). A wall-clock budget fails on a busy machine; a ratio does
// not: the same work is timed at a size and at `factor` times that size, and the larger may
// take at most `maxRatio` times as long. A uniformly slow machine slows both alike; linear
// work at 4× the size takes about 4× as long, quadratic work 16×, exponential work far more.
//
// Each side is the least time of several runs (the least disturbed by the machine, not the
// mean), each run a batch of calls long enough to be far above the timer's resolution and
// its jitter. The smaller size is timed on `factor` separate inputs in turn, so that both
// sides touch as much memory. When the first runs put the ratio over the limit, more follow
// before the check fails: the least time only gets closer to the true one, so a real blow-up
// still fails every time (after one more run when far over the limit).
//
// The limit is halfway, on a log scale, between linear and quadratic growth: factor^1.5.
// 4× the size (limit 8) suits work of many milliseconds. Calls of a millisecond or less are
// at the mercy of the garbage collector, caches and a busy machine's scheduler, which can
// make linear work look 3 times superlinear (12× for 4× the size): they are measured at 16×
// the size (limit 64; linear work gives 16, quadratic 256).
//
// OKR_GROWTH=1 prints every measure.
import assert from 'node:assert/strict';

type Call = () => unknown;

export interface TimingOptions {
  /** Timed runs of each side, interleaved (3 by default). */
  runs?: number;
  /** Runs added while the ratio is over the limit, and under 1.5 times it after the first (6 at most by default). */
  extraRuns?: number;
  /** A run repeats the work until it takes at least this long (calibrated on one call; 10 ms by default). */
  minBatchMs?: number;
  /**
   * For many checks at once (hundreds of small cases): accept on one timing of each side
   * when the ratio is clearly under the limit, and measure as above only when it is not.
   * A real blow-up still fails; only a case that looks superlinear costs the full measure.
   */
  quick?: boolean;
}

export interface GrowthOptions extends TimingOptions {
  /** The smaller size given to the work; the larger is `size × factor`. */
  size: number;
  /** 4 by default. */
  factor?: number;
  /**
   * Largest allowed time(size × factor) / time(size): factor^1.5 by default, halfway on a log
   * scale between linear work (factor) and quadratic work (factor²): 8 for 4×, 64 for 16×.
   */
  maxRatio?: number;
}

/** The work at one size: a call to time, and optionally what to judge it by when its growth is not linear. */
export interface Work {
  call: Call;
  /**
   * The text the call reads: a call that costs less than one pass of JS over it (at the
   * larger size) is let through whatever its ratio. Such a call is all allocation and cache
   * effects, which do not scale smoothly (copying a 100,000-character string can take 15
   * times as long as copying 25,000), and it cannot be superlinear in the text: that would
   * cost thousands of passes.
   */
  input?: string;
  /**
   * Third-party work the call includes that may itself grow superlinearly (micromark on
   * some shapes): then the call, at the larger size, may take up to `maxRatio` times as
   * long as that work on the same input.
   */
  reference?: { what: string; call: Call; maxRatio: number };
}

export interface GrowthCase extends Work {
  name: string;
}

export interface Comparison {
  /** Milliseconds a call of the first side takes (the least of the runs). */
  small: number;
  /** Milliseconds a call of the second side takes. */
  large: number;
  /** large / small. */
  ratio: number;
  /** Runs made of each side (0 when the quick screen was enough). */
  runs: number;
}

/** Milliseconds one call of `fn` takes. */
function time(fn: Call): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

/** How many calls make a batch of at least `minBatchMs`, from the time of one call. */
function repetitions(oneCall: number, minBatchMs: number): number {
  return Math.min(1_000_000, Math.max(1, Math.ceil(minBatchMs / Math.max(oneCall, 0.0001))));
}

/** A batch of `reps` calls, taking the calls (the same work on separate inputs) in turn. */
function batch(calls: Call[], reps: number): Call {
  return () => {
    for (let i = 0; i < reps; i++) calls[i % calls.length]!();
  };
}

/**
 * Times two sides alike, interleaved, each the least of batched runs, with more runs while
 * large / small is not under `maxRatio`. A side is one call, or calls of the same work on
 * separate inputs, taken in turn.
 */
export function compareTimes(small: Call | Call[], large: Call | Call[], options: TimingOptions & { maxRatio: number }): Comparison {
  const { maxRatio, runs = 3, extraRuns = 6, minBatchMs = 10 } = options;
  const smalls = Array.isArray(small) ? small : [small];
  const larges = Array.isArray(large) ? large : [large];
  // A first call compiles the code; then one call estimates a call's time.
  smalls[0]!();
  const smallOnce = time(smalls[0]!);
  larges[0]!();
  const largeOnce = time(larges[0]!);
  if (options.quick && largeOnce < maxRatio * smallOnce) {
    return { small: smallOnce, large: largeOnce, ratio: largeOnce / smallOnce, runs: 0 };
  }
  const smallReps = repetitions(smallOnce, minBatchMs);
  const largeReps = repetitions(largeOnce, minBatchMs);
  // The other inputs a batch reaches get a first call too (a string is flattened, or a cache filled, on first use).
  smalls.slice(1, smallReps).forEach((call) => call());
  larges.slice(1, largeReps).forEach((call) => call());
  const smallBatch = batch(smalls, smallReps);
  const largeBatch = batch(larges, largeReps);
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  let made = 0;
  for (; made < runs + extraRuns; made++) {
    // Extra runs while over the limit; after the first, only for a ratio near the limit: far
    // over it (quadratic work gives the square of the limit's factor) it is no disturbance.
    if (made >= runs && (bestLarge < maxRatio * bestSmall || (made > runs && bestLarge >= 1.5 * maxRatio * bestSmall))) break;
    bestSmall = Math.min(bestSmall, time(smallBatch) / smallReps);
    bestLarge = Math.min(bestLarge, time(largeBatch) / largeReps);
  }
  return { small: bestSmall, large: bestLarge, ratio: bestLarge / bestSmall, runs: made };
}

function print(what: string, comparison: Comparison, note = ''): void {
  if (process.env.OKR_GROWTH) console.log(`      ${comparison.ratio.toFixed(2).padStart(6)}×  ${comparison.small.toFixed(3)} → ${comparison.large.toFixed(3)} ms (${comparison.runs} runs)  ${what}${note}`);
}

/** One pass of JS over the characters of `text`. */
function scan(text: string): Call {
  return () => {
    let sum = 0;
    for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) | 0;
    return sum;
  };
}

/** The growth check proper: `smalls` are the calls at the smaller size, on separate inputs. */
function checkGrowth(what: string, smalls: Call[], large: Work, options: GrowthOptions): Comparison {
  const factor = options.factor ?? 4;
  const maxRatio = options.maxRatio ?? factor ** 1.5;
  const growth = compareTimes(smalls, large.call, { ...options, maxRatio });
  if (growth.ratio >= maxRatio && large.input !== undefined && compareTimes(scan(large.input), large.call, { quick: true, maxRatio: 1 }).ratio < 1) {
    print(what, growth, ' (cheaper than one pass over its input)');
    return growth;
  }
  if (growth.ratio >= maxRatio && large.reference) {
    print(what, growth, `, so against ${large.reference.what}:`);
    assertWithinFactorOf(`${what}: ${factor}× the size took ${growth.ratio.toFixed(1)}× as long, and against ${large.reference.what}`, large.call, large.reference.call, large.reference.maxRatio);
    return growth;
  }
  print(what, growth);
  assert.ok(
    growth.ratio < maxRatio,
    `${what}: ${factor}× the size took ${growth.ratio.toFixed(1)}× as long (${growth.small.toFixed(3)} ms → ${growth.large.toFixed(3)} ms, ` +
      `the least of ${growth.runs} runs each), not under ${maxRatio}×: superlinear`,
  );
  return growth;
}

const asWork = (work: Call | Work): Work => (typeof work === 'function' ? { call: work } : work);

/**
 * Asserts that the work grows at most about linearly with its size: the least time at
 * `size × factor` is under `maxRatio` times the least time at `size` (see GrowthOptions,
 * and Work for the exceptions). `work(size)` builds an input of that size (not timed) and
 * returns the call to time; it is called `factor` times for the smaller size.
 */
export function assertLinearGrowth(what: string, work: (size: number) => Call | Work, options: GrowthOptions): Comparison {
  const smalls = Array.from({ length: Math.ceil(options.factor ?? 4) }, () => asWork(work(options.size)).call);
  return checkGrowth(what, smalls, asWork(work(options.size * (options.factor ?? 4))), options);
}

/**
 * assertLinearGrowth for every case of `cases(size)`, the same names in the same order at
 * every size. `quick` is on by default: meant for many cases.
 */
export function assertEachGrowsLinearly(what: string, cases: (size: number) => GrowthCase[], options: GrowthOptions): void {
  const factor = options.factor ?? 4;
  const smalls = Array.from({ length: Math.ceil(factor) }, () => cases(options.size));
  const larges = cases(options.size * factor);
  for (const small of smalls) assert.deepEqual(small.map((c) => c.name), larges.map((c) => c.name), `${what}: the same cases at both sizes`);
  larges.forEach((large, i) => {
    checkGrowth(`${what}: ${large.name}`, smalls.map((small) => small[i]!.call), large, { quick: true, ...options });
  });
}

/**
 * Asserts that `fn` takes less than `maxRatio` times as long as `reference`, both timed
 * alike: for work that costs what a third party's does on the same input (V8's BigInt
 * parsing, itself superlinear), and must cost no more than a bounded multiple of it.
 */
export function assertWithinFactorOf(what: string, fn: Call, reference: Call, maxRatio: number, options: TimingOptions = {}): Comparison {
  const comparison = compareTimes(reference, fn, { ...options, maxRatio });
  print(what, comparison);
  assert.ok(
    comparison.ratio < maxRatio,
    `${what}: took ${comparison.ratio.toFixed(1)}× as long as the reference (${comparison.small.toFixed(3)} ms → ${comparison.large.toFixed(3)} ms, ` +
      `the least of ${comparison.runs} runs each), not under ${maxRatio}×`,
  );
  return comparison;
}
