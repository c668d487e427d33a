import { describe, expect, it } from "vitest";
import { createResultCache } from "../../search/result-cache.js";

describe("the search result cache", () => {
  it("answers within its time-to-live and forgets after it", () => {
    let now = 1000;
    const cache = createResultCache<string>({ ttlMs: 5000, maxEntries: 10, now: () => now, random: () => 0.99999 });
    cache.set("laskar", "hits");
    now += 4999;
    expect(cache.get("laskar")).toBe("hits");
    now += 1;
    expect(cache.get("laskar")).toBeUndefined();
  });

  it("spreads the expiry of entries filled together over the last quarter of the time-to-live", () => {
    let now = 0;
    const cache = createResultCache<number>({ ttlMs: 4000, maxEntries: 1000, now: () => now });
    for (let i = 0; i < 400; i++) cache.set(`q${i}`, i);
    const alive = (t: number) => {
      now = t;
      return Array.from({ length: 400 }, (_, i) => cache.get(`q${i}`)).filter((v) => v !== undefined).length;
    };
    expect(alive(2999)).toBe(400);
    const atThreeAndAHalf = alive(3500);
    // About half are gone halfway through the window: not all at once at the end.
    expect(atThreeAndAHalf).toBeGreaterThan(100);
    expect(atThreeAndAHalf).toBeLessThan(300);
    expect(alive(4000)).toBe(0);
  });

  it("keeps the most recently used entries when full", () => {
    const cache = createResultCache<number>({ ttlMs: 60_000, maxEntries: 2 });
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1);
    cache.set("c", 3);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
    expect(cache.size).toBe(2);
  });

  it("stores nothing when turned off", () => {
    const cache = createResultCache<number>({ ttlMs: 0, maxEntries: 10 });
    cache.set("a", 1);
    expect(cache.get("a")).toBeUndefined();
  });
});
