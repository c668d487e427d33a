import { describe, expect, it } from "vitest";
import { createChatTokens } from "../../api/web/chat-token.js";

describe("web chat page tokens", () => {
  let now = Date.parse("2026-11-22T02:00:00Z");
  const clock = { now: () => new Date(now) };
  const tokens = createChatTokens({ secret: "a-secret-of-enough-length", clock, ttlMs: 3600_000 });

  it("a token issued by the page is accepted until it expires", () => {
    const { token, expiresAt } = tokens.issue();
    expect(tokens.verify(token)).toBe(true);
    expect(expiresAt.toISOString()).toBe("2026-11-22T03:00:00.000Z");
    now += 3600_001;
    expect(tokens.verify(token)).toBe(false);
  });

  it("a token signed with another secret, a changed expiry or garbage is refused", () => {
    const other = createChatTokens({ secret: "another-secret-entirely", clock });
    const { token } = other.issue();
    expect(tokens.verify(token)).toBe(false);
    const mine = tokens.issue().token;
    const [expiry, sig] = mine.split(".");
    expect(tokens.verify(`${Number(expiry) + 999999}.${sig}`)).toBe(false);
    for (const bad of [undefined, "", "x", "123.abc", `${expiry}.${sig}x`]) expect(tokens.verify(bad)).toBe(false);
  });
});
