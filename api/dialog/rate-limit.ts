import type { Clock } from "./clock.js";

export type RateLimiter = {
  /** Counts one message for the key; false when the key is over its limit in the current window. */
  hit(key: string): boolean;
};

/**
 * A sliding-window limit per key, in memory: the limit protects this process, and a restart that
 * forgets the counts is harmless. Keys whose window has passed are swept when the map grows.
 */
export function createRateLimiter(opts: { limit: number; windowMs: number; clock: Clock; maxKeys?: number }): RateLimiter {
  const seen = new Map<string, number[]>();
  const maxKeys = opts.maxKeys ?? 50_000;
  const sweep = (now: number) => {
    for (const [key, times] of seen) if ((times[times.length - 1] ?? 0) <= now - opts.windowMs) seen.delete(key);
  };
  return {
    hit(key) {
      const now = opts.clock.now().getTime();
      if (seen.size >= maxKeys) sweep(now);
      const times = (seen.get(key) ?? []).filter((t) => t > now - opts.windowMs);
      if (times.length >= opts.limit) {
        seen.set(key, times);
        return false;
      }
      times.push(now);
      seen.set(key, times);
      return true;
    },
  };
}
