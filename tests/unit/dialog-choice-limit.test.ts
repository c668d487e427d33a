import { describe, expect, it } from "vitest";
import { createKeyedLock } from "../../api/dialog/keyed-lock.js";
import { choiceNumber, resolveChoice } from "../../api/dialog/numbered-choice.js";
import { createRateLimiter } from "../../api/dialog/rate-limit.js";
import { DialogStateSchema, parseState } from "../../api/dialog/dialog-state.js";

const buttons = [
  { label: "Detail", payload: "details:1" },
  { label: "Next", payload: "page:1.2" },
];

describe("numbered choices (how WhatsApp users press buttons)", () => {
  it("'2' means the second button of the last reply", () => {
    expect(resolveChoice("2", buttons)).toEqual({ kind: "button", button: buttons[1] });
    expect(resolveChoice(" no. 1 ", buttons)).toEqual({ kind: "button", button: buttons[0] });
  });

  it("a number past the list asks again; without buttons a number is ordinary text", () => {
    expect(resolveChoice("5", buttons)).toEqual({ kind: "out_of_range", max: 2 });
    expect(resolveChoice("2", undefined)).toEqual({ kind: "none" });
    expect(choiceNumber("1984")).toBeNull();
    expect(choiceNumber("2 buku")).toBeNull();
  });
});

describe("rate limit", () => {
  it("allows the configured number per window, then refuses until the window has passed", () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000, clock: { now: () => new Date(now) } });
    expect([1, 2, 3, 4].map(() => limiter.hit("telegram:1"))).toEqual([true, true, true, false]);
    expect(limiter.hit("telegram:2")).toBe(true);
    now += 60_001;
    expect(limiter.hit("telegram:1")).toBe(true);
  });
});

describe("per-user ordering", () => {
  it("runs one user's tasks in order even when the first is slower", async () => {
    const lock = createKeyedLock();
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = lock.run("u", async () => {
      await gate;
      order.push("first");
    });
    const second = lock.run("u", async () => {
      order.push("second");
    });
    const other = lock.run("v", async () => {
      order.push("other");
    });
    await other;
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["other", "first", "second"]);
  });

  it("a failing task does not block the next one", async () => {
    const lock = createKeyedLock();
    await expect(lock.run("u", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(lock.run("u", async () => 42)).resolves.toBe(42);
  });
});

describe("stored state", () => {
  it("an unreadable stored state starts over instead of failing the message", () => {
    expect(parseState({ search: { q: 1 } })).toEqual(DialogStateSchema.parse({}));
    expect(parseState(null).misses).toBe(0);
  });
});
