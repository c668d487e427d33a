// Residents search the same popular titles over and over ("laskar pelangi", "bumi manusia"), and
// with the vocabulary's synonyms one Meilisearch query costs ~9 ms of CPU on a small machine. A
// short-lived cache of identical queries answers those repeats from memory. Entries are keyed by
// the index generation too, so any change made through this process's CatalogueIndex hides every
// older entry at once; the TTL bounds how stale a change made elsewhere (another process) can look.

export type ResultCache<T> = {
  /** The cached value for this key, or undefined when absent or expired. */
  get(key: string): T | undefined;
  set(key: string, value: T): void;
  readonly size: number;
};

/** The shortest life of an entry, as a share of ttlMs (see below). */
export const MIN_LIFE_SHARE = 0.75;

/**
 * An LRU with a time-to-live; `ttlMs` 0 disables it. Each entry lives between MIN_LIFE_SHARE and all
 * of ttlMs, at random: entries filled in the same moment (a burst of searches) would otherwise all
 * expire in the same moment too, every ttlMs, and that wave of misses at once made p95 spike in
 * bench:chat. An entry is never older than ttlMs.
 */
export function createResultCache<T>(opts: { ttlMs: number; maxEntries: number; now?: () => number; random?: () => number }): ResultCache<T> {
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const entries = new Map<string, { at: number; life: number; value: T }>();
  return {
    get(key) {
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (now() - hit.at >= hit.life) {
        entries.delete(key);
        return undefined;
      }
      // Re-insert: Map order is recency order, the oldest is evicted first.
      entries.delete(key);
      entries.set(key, hit);
      return hit.value;
    },
    set(key, value) {
      if (opts.ttlMs <= 0) return;
      entries.delete(key);
      entries.set(key, { at: now(), life: opts.ttlMs * (MIN_LIFE_SHARE + (1 - MIN_LIFE_SHARE) * random()), value });
      while (entries.size > opts.maxEntries) entries.delete(entries.keys().next().value!);
    },
    get size() {
      return entries.size;
    },
  };
}
