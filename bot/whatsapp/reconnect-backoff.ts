export type Backoff = { baseMs: number; maxMs: number };

/**
 * Delay before reconnect attempt `attempt` (1, 2, …): doubling from baseMs up to maxMs, and a
 * random half of it on top ("equal jitter"), so many bots restarted by one outage do not all
 * knock at WhatsApp in the same second, yet the delay never drops to nothing.
 */
export function reconnectDelayMs(attempt: number, backoff: Backoff, random: () => number): number {
  const cap = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(Math.max(0, attempt - 1), 30));
  return Math.round(cap / 2 + random() * (cap / 2));
}
