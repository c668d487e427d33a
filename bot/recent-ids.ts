/** Remembers the last `max` ids; `firstTime(id)` is true once per id (a platform's duplicate deliveries are dropped). */
export function createRecentIds<Id extends string | number>(max = 10_000): { firstTime(id: Id): boolean } {
  // A Set iterates in insertion order, so its first value is the oldest one to forget.
  const seen = new Set<Id>();
  return {
    firstTime(id) {
      if (seen.has(id)) return false;
      seen.add(id);
      if (seen.size > max) seen.delete(seen.values().next().value!);
      return true;
    },
  };
}
