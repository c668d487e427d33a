export type RetryBackoff = { baseMs: number; maxMs: number };

/**
 * Delay before the next attempt after `attempts` failed ones: doubling from baseMs up to maxMs,
 * spread by ±20 % (random in [0,1)) so items that failed together do not retry together.
 */
export function retryDelayMs(attempts: number, backoff: RetryBackoff, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempts - 1);
  const raw = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(exponent, 30));
  return Math.round(raw * (0.8 + 0.4 * random()));
}
