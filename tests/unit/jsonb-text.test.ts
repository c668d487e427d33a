// What a chat message may carry and PostgreSQL's jsonb refuses (a NUL, half an emoji) is cleaned
// before it is bound; everything else, including text that merely looks like an escape, is kept.
import { describe, expect, it } from "vitest";
import { jsonSafe, toJsonb } from "../../api/db/jsonb-text.js";

const samples = [
  "laskar pelangi",
  "bumi\u0000manusia",
  "laskar \uD83D pelangi",
  "\uDE00 at the start, \uD83D at the end \uD83D",
  "a whole emoji 😀 stays, 🇮🇩 too",
  "typed by hand: \\u0000 and \\ud83d are text",
  "backslash before a NUL: \\\u0000 and two: \\\\\u0000",
  "quotes \" and tabs \t and a bell \u0007",
  "",
];

describe("jsonb-safe text", () => {
  it("jsonSafe removes NUL characters and replaces lone surrogate halves with U+FFFD", () => {
    expect(jsonSafe("bumi\u0000manusia")).toBe("bumimanusia");
    expect(jsonSafe("laskar \uD83D pelangi")).toBe("laskar \uFFFD pelangi");
    expect(jsonSafe("\uDE00😀")).toBe("\uFFFD😀");
  });

  it("toJsonb gives what serialising jsonSafe'd strings gives, for every awkward message", () => {
    const value = { state: { q: samples[2], list: samples }, replies: samples.map((text) => ({ text, buttons: [{ label: text, payload: "x" }] })) };
    const cleaned = JSON.parse(JSON.stringify(value), (_k, v: unknown) => (typeof v === "string" ? jsonSafe(v) : v)) as unknown;
    expect(JSON.parse(toJsonb(value))).toEqual(cleaned);
  });

  it("keeps text that only looks like an escape, and leaves nothing PostgreSQL would refuse", () => {
    for (const text of samples) {
      const json = toJsonb({ text });
      expect(JSON.parse(json)).toEqual({ text: jsonSafe(text) });
      // jsonb refuses the escape \u0000 and lone surrogate escapes; an escaped backslash before "u" is fine.
      expect(json.replace(/\\\\/g, "")).not.toMatch(/\\u(0000|d[89a-f])/i);
    }
  });
});
