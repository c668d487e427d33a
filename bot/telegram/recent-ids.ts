/** Remembers the last `max` ids; `firstTime(id)` is true once per id (duplicate updates are dropped). */
export function createRecentIds(max = 10_000): { firstTime(id: number): boolean } {
  const seen = new Set<number>();
  const ring: number[] = new Array<number>(max);
  let next = 0;
  return {
    firstTime(id) {
      if (seen.has(id)) return false;
      if (seen.size >= max) seen.delete(ring[next]!);
      seen.add(id);
      ring[next] = id;
      next = (next + 1) % max;
      return true;
    },
  };
}
