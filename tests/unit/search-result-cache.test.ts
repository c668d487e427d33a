import { describe, expect, it } from "vitest";
import { createResultCache } from "../../search/result-cache.js";

describe("the search result cache", () => {
  it("answers within its time-to-live and forgets after it", () => {
    let now = 1000;
    const cache = createResultCache<string>({ ttlMs: 5000, maxEntries: 10, now: () => now });
    cache.set("laskar", "hits");
    now += 4999;
    expect(cache.get("laskar")).toBe("hits");
    now += 1;
    expect(cache.get("laskar")).toBeUndefined();
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
