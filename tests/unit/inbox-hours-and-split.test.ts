import { describe, expect, it } from "vitest";
import { parseOpeningHours } from "../../api/dialog/opening-hours.js";
import { tokenize } from "../../api/dialog/normalize-text.js";
import { readsAsQuestion } from "../../api/dialog/question-shape.js";
import { addOpenMinutes, nextOpeningAfter } from "../../api/inbox/service-hours.js";
import { splitForChannel, splitText } from "../../api/inbox/split-message.js";

const HOURS = parseOpeningHours({
  mon: [["08:00", "16:00"]], tue: [["08:00", "16:00"]], wed: [["08:00", "16:00"]], thu: [["08:00", "16:00"]],
  fri: [["08:00", "11:30"], ["13:30", "16:00"]], sat: [], sun: [],
});
const WITA = "Asia/Makassar";

describe("answer times in opening hours", () => {
  it("a question on Friday at 11:00 with a two-hour promise is due at 15:00, over the lunch break", () => {
    expect(addOpenMinutes(HOURS, WITA, new Date("2025-11-21T03:00:00Z"), 120).toISOString()).toBe("2025-11-21T07:00:00.000Z");
  });

  it("a question on Friday at 15:30 is due Monday at 09:30, and the library next opens Monday 08:00 when asked on Saturday", () => {
    expect(addOpenMinutes(HOURS, WITA, new Date("2025-11-21T07:30:00Z"), 120).toISOString()).toBe("2025-11-24T01:30:00.000Z");
    expect(nextOpeningAfter(HOURS, WITA, new Date("2025-11-22T02:00:00Z"))?.toISOString()).toBe("2025-11-24T00:00:00.000Z");
    expect(nextOpeningAfter(HOURS, WITA, new Date("2025-11-24T02:00:00Z"))).toBeNull();
  });

  it("a branch without hours on file counts plain minutes", () => {
    expect(addOpenMinutes(parseOpeningHours({}), WITA, new Date("2025-11-22T02:00:00Z"), 90).toISOString()).toBe("2025-11-22T03:30:00.000Z");
  });
});

describe("splitting long answers", () => {
  it("keeps every part under the channel limit and cuts at paragraph or word breaks", () => {
    const text = Array.from({ length: 40 }, (_, i) => `Paragraf ${i} ` + "kata ".repeat(30).trim()).join("\n\n");
    const parts = splitForChannel(text, "telegram");
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect([...p].length).toBeLessThanOrEqual(4096);
    expect(parts.join("\n\n")).toBe(text);
  });

  it("never cuts an emoji in half", () => {
    const parts = splitText("😀".repeat(25), 10);
    expect(parts).toEqual(["😀".repeat(10), "😀".repeat(10), "😀".repeat(5)]);
  });
});

describe("what reads as a question", () => {
  it.each(["apakah ada buku braille?", "Bagaimana cara jadi anggota", "how do I renew", "sumbangan buku diterima?"])("%s is a question", (text) => {
    expect(readsAsQuestion(text, tokenize(text))).toBe(true);
  });
  it.each(["laskar pelangi", "novel pramoedya", "gizi anak"])("%s is not", (text) => {
    expect(readsAsQuestion(text, tokenize(text))).toBe(false);
  });
});
