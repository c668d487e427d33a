// Shortened texts in the dashboard tables and the Telegram staff-group posts: cut by characters as
// people see them, so an emoji at the cut is kept whole or dropped, never halved into a broken symbol.
import { describe, expect, it } from "vitest";
import { excerpt } from "../../api/dashboard/format.js";
import { groupSafeQuestion, POST_QUESTION_LIMIT } from "../../api/inbox/staff-group.js";

// A high surrogate not followed by a low one, or a low one without its high one: half an emoji.
const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe("shortened texts", () => {
  it("a queue excerpt ending on an emoji is still well-formed text, one line, with the ellipsis", () => {
    const question = `${"a".repeat(138)}😀😀😀 lagi`;
    const cut = excerpt(question, 140);
    expect(wellFormed(cut)).toBe(true);
    expect(cut.endsWith("…")).toBe(true);
    expect([...cut].length).toBeLessThanOrEqual(140);
    expect(excerpt("Jam  buka\n\nhari Minggu?")).toBe("Jam buka hari Minggu?");
  });

  it("a long question posted to the staff group is cut without breaking an emoji", () => {
    const question = `${"b".repeat(POST_QUESTION_LIMIT - 2)}📚📚📚 sesudahnya`;
    const post = groupSafeQuestion(question);
    expect(wellFormed(post)).toBe(true);
    expect(post.endsWith("…")).toBe(true);
    expect([...post].length).toBeLessThanOrEqual(POST_QUESTION_LIMIT);
  });
});
