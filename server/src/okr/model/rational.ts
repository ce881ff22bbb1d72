// Exact fractions: SPEC §3 computes progress at full precision, so that the report's
// 0.6871794871794872 is the double nearest 134/195 whatever the order of the sums.

export interface Rational {
  readonly n: bigint;
  /** Always > 0; n/d is in lowest terms. */
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function rational(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

/**
 * Sums of many fractions with unrelated denominators grow without bound (2,000 key results
 * with prime targets: denominators of thousands of digits, minutes of gcd). Past 1,024 bits,
 * numerator and denominator are scaled down together: still exact to 300 decimal digits,
 * far past the double every progress ends as.
 */
const BOUND = 2n ** 1024n;

function bitLength(value: bigint): number {
  return (value < 0n ? -value : value).toString(16).length * 4;
}

function bounded(value: Rational): Rational {
  const magnitude = value.n < 0n ? -value.n : value.n;
  if (value.d <= BOUND && magnitude <= BOUND) return value;
  const shift = BigInt(Math.max(bitLength(value.d), bitLength(magnitude)) - 1024);
  const half = 1n << (shift - 1n);
  const scale = (x: bigint) => (x >= 0n ? (x + half) >> shift : -((-x + half) >> shift));
  const d = scale(value.d);
  return rational(scale(value.n), d === 0n ? 1n : d);
}

export const ZERO = rational(0n);
export const ONE = rational(1n);

export function add(a: Rational, b: Rational): Rational {
  return bounded(rational(a.n * b.d + b.n * a.d, a.d * b.d));
}

export function sub(a: Rational, b: Rational): Rational {
  return bounded(rational(a.n * b.d - b.n * a.d, a.d * b.d));
}

export function mul(a: Rational, b: Rational): Rational {
  return bounded(rational(a.n * b.n, a.d * b.d));
}

export function div(a: Rational, b: Rational): Rational {
  return bounded(rational(a.n * b.d, a.d * b.n));
}

export function compare(a: Rational, b: Rational): number {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function clamp01(a: Rational): Rational {
  return compare(a, ZERO) < 0 ? ZERO : compare(a, ONE) > 0 ? ONE : a;
}

export function isZero(a: Rational): boolean {
  return a.n === 0n;
}

const SAFE = 2n ** 53n;

/** The double nearest n/d. */
export function toNumber(a: Rational): number {
  const absN = a.n < 0n ? -a.n : a.n;
  if (absN < SAFE && a.d < SAFE) return Number(a.n) / Number(a.d);
  // Scale so the integer quotient carries more than a double's 53 bits.
  const shift = BigInt(Math.max(0, a.d.toString(2).length - absN.toString(2).length + 64));
  return Number((a.n << shift) / a.d) / 2 ** Number(shift);
}

/** The whole percentage, half up: round(p × 100). */
export function toPercent(a: Rational): number {
  const scaled = a.n * 200n + a.d;
  const denominator = 2n * a.d;
  let q = scaled / denominator;
  if (scaled % denominator !== 0n && scaled < 0n) q -= 1n; // floor for negatives
  return Number(q);
}

/** Exact value of a decimal written as digits with an optional fraction part. */
export function fromDecimal(negative: boolean, integerDigits: string, fractionDigits = ''): Rational {
  const n = BigInt(integerDigits + fractionDigits) * (negative ? -1n : 1n);
  return rational(n, 10n ** BigInt(fractionDigits.length));
}

export function fromInteger(value: number): Rational {
  return rational(BigInt(value));
}

export function mean(values: Rational[]): Rational | null {
  if (values.length === 0) return null;
  return div(values.reduce(add, ZERO), fromInteger(values.length));
}
