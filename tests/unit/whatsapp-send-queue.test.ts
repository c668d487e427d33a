import { describe, expect, it } from "vitest";
import { createSendQueue } from "../../bot/whatsapp/send-queue.js";

/** A clock that only moves when the queue sleeps; records every wait it asked for. */
function fakeTime(start = 1_000_000) {
  let now = start;
  const waits: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
    waits,
  };
}

describe("throttled send queue", () => {
  it("keeps a chat's messages in order and spaced by the chat interval plus jitter", async () => {
    const t = fakeTime();
    const q = createSendQueue({ chatIntervalMs: 1000, globalPerMinute: 100, jitterMs: 400, now: t.now, sleep: t.sleep, random: () => 0.5 });
    const order: number[] = [];
    const sentAt: number[] = [];
    await Promise.all([1, 2, 3].map((n) => q.run("chat-a", async () => { order.push(n); sentAt.push(t.now()); })));
    expect(order).toEqual([1, 2, 3]);
    // First message: jitter only (a person does not answer in 0 ms); then interval + jitter.
    expect(sentAt[1]! - sentAt[0]!).toBe(1200);
    expect(sentAt[2]! - sentAt[1]!).toBe(1200);
    expect(t.waits[0]).toBe(200);
  });

  it("never drops a burst: over the global budget, later messages wait for a free minute slot", async () => {
    const t = fakeTime();
    const q = createSendQueue({ chatIntervalMs: 0, globalPerMinute: 3, jitterMs: 0, now: t.now, sleep: t.sleep, random: () => 0 });
    const sentAt: number[] = [];
    await Promise.all(Array.from({ length: 7 }, (_, i) => q.run(`chat-${i}`, async () => void sentAt.push(t.now()))));
    expect(sentAt).toHaveLength(7);
    // No 60-second window holds more than 3 sends.
    for (const a of sentAt) expect(sentAt.filter((b) => b >= a && b < a + 60_000).length).toBeLessThanOrEqual(3);
    expect(Math.max(...sentAt) - Math.min(...sentAt)).toBeGreaterThanOrEqual(120_000);
    expect(q.size()).toBe(0);
  });

  it("a failing task rejects its own promise only; the chat's next message still goes", async () => {
    const t = fakeTime();
    const q = createSendQueue({ chatIntervalMs: 10, globalPerMinute: 100, jitterMs: 0, now: t.now, sleep: t.sleep });
    const first = q.run("chat-a", async () => {
      throw new Error("socket closed");
    });
    const second = q.run("chat-a", async () => "sent");
    await expect(first).rejects.toThrow("socket closed");
    await expect(second).resolves.toBe("sent");
  });

  it("different chats do not wait for each other's interval", async () => {
    const t = fakeTime();
    const q = createSendQueue({ chatIntervalMs: 5000, globalPerMinute: 100, jitterMs: 0, now: t.now, sleep: t.sleep, random: () => 0 });
    await q.run("chat-a", async () => undefined);
    const before = t.now();
    await q.run("chat-b", async () => undefined);
    expect(t.now()).toBe(before);
  });
});
