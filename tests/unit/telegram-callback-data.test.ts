import { describe, expect, it } from "vitest";
import { CALLBACK_DATA_LIMIT, createCallbackData } from "../../bot/telegram/callback-data.js";

describe("callback data within 64 bytes", () => {
  it("passes short payloads through unchanged", () => {
    const cd = createCallbackData();
    expect(cd.encode("search:page:2")).toBe("search:page:2");
    expect(cd.decode("search:page:2")).toBe("search:page:2");
  });

  it("maps long and multi-byte payloads to a short key and back, never truncating", () => {
    const cd = createCallbackData();
    const long = `search:q=${"novel pramoedya ananta toer ".repeat(5)}:branch=OEBOBO:page=3`;
    const unicode = "cari:" + "é".repeat(40); // 85 bytes, 45 characters
    for (const payload of [long, unicode, "#starts-with-marker"]) {
      const data = cd.encode(payload);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(CALLBACK_DATA_LIMIT);
      expect(data).not.toBe(payload);
      expect(cd.decode(data)).toBe(payload);
    }
    expect(cd.encode(long)).toBe(cd.encode(long));
  });

  it("says a forgotten long payload is unknown instead of guessing", () => {
    const cd = createCallbackData({ maxEntries: 2 });
    const keys = ["a", "b", "c"].map((c) => cd.encode(c.repeat(70)));
    expect(cd.decode(keys[0]!)).toBeNull();
    expect(cd.decode(keys[2]!)).toBe("c".repeat(70));
    expect(createCallbackData().decode(keys[2]!)).toBeNull();
  });
});
