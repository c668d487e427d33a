// The outbox pull/ack/fail/hold API through the real app and PostgreSQL, with a controllable clock.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OutboxService } from "../../api/outbox/outbox-service.js";
import { retryDelayMs } from "../../api/outbox/retry-backoff.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { outboxApp, testOutbox } from "../support/test-outbox.js";

const TOKEN = "outbox-test-service-token-0123456789";
let tdb: TestDatabase;
let now: Date;
let outbox: OutboxService;
let app: ReturnType<typeof outboxApp>;

beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb.drop();
});
beforeEach(async () => {
  await tdb.db.outbox.deleteMany();
  now = new Date("2025-11-21T08:00:00.000Z");
  outbox = testOutbox(tdb.db, () => now);
  app = outboxApp(tdb.db, outbox, TOKEN);
});

const auth = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
const post = (path: string, body: unknown, headers: Record<string, string> = auth) => app.request(path, { method: "POST", headers, body: JSON.stringify(body) });
const answer = (text: string) => ({ replies: [{ text }] });

type Item = { id: number; status: string; attempts: number; leaseId: string; error: string | null; nextAttemptAt: string; recipient: string; payload: { replies: { text: string }[] } };

async function pull(body: Record<string, unknown> = { channel: "whatsapp", limit: 10 }): Promise<Item[]> {
  const res = await post("/v1/outbox/pull", body);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Item[] }).items;
}

describe("outbox API", () => {
  it("needs the service token", async () => {
    expect((await post("/v1/outbox/pull", { channel: "whatsapp" }, { "content-type": "application/json" })).status).toBe(401);
    expect((await post("/v1/outbox/pull", { channel: "whatsapp" }, { ...auth, authorization: "Bearer wrong-token-wrong-token" })).status).toBe(401);
    expect((await post("/v1/outbox/1/ack", {}, { "content-type": "application/json" })).status).toBe(401);
  });

  it("leases due items of one channel oldest first, once, and ack marks them sent", async () => {
    const a = await outbox.enqueue({ channel: "whatsapp", recipient: "123456789012345@lid", payload: answer("Jawaban pustakawan") });
    now = new Date(now.getTime() + 1000);
    const b = await outbox.enqueue({ channel: "whatsapp", recipient: "223456789012345@lid", payload: answer("Pengingat") });
    await outbox.enqueue({ channel: "telegram", recipient: "4242", payload: answer("Telegram only") });
    await outbox.enqueue({ channel: "whatsapp", recipient: "323456789012345@lid", payload: answer("Later"), notBefore: new Date(now.getTime() + 3_600_000) });

    const items = await pull();
    expect(items.map((i) => i.id)).toEqual([a.id, b.id]);
    expect(items[0]).toMatchObject({ recipient: "123456789012345@lid", attempts: 1, status: "pending", payload: { replies: [{ text: "Jawaban pustakawan" }] } });
    expect(await pull()).toEqual([]);

    const ack = await post(`/v1/outbox/${a.id}/ack`, { leaseId: items[0]!.leaseId });
    expect(ack.status).toBe(200);
    expect(((await ack.json()) as { item: Item }).item.status).toBe("sent");
    expect((await outbox.get(a.id)).sentAt).toEqual(now);
    // A repeated ack (the worker's response got lost) is harmless.
    expect((await post(`/v1/outbox/${a.id}/ack`, { leaseId: items[0]!.leaseId })).status).toBe(200);
  });

  it("gives an item whose worker died back after the lease, and refuses the stale worker's ack", async () => {
    const item = await outbox.enqueue({ channel: "whatsapp", recipient: "123456789012345@lid", payload: answer("x") });
    const [first] = await pull();
    now = new Date(now.getTime() + 61_000);
    const [second] = await pull();
    expect(second!.id).toBe(item.id);
    expect(second!.leaseId).not.toBe(first!.leaseId);
    expect(second!.attempts).toBe(2);
    const stale = await post(`/v1/outbox/${item.id}/ack`, { leaseId: first!.leaseId });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: "lease_lost" });
    expect((await post(`/v1/outbox/${item.id}/ack`, { leaseId: second!.leaseId })).status).toBe(200);
  });

  it("retries a failed send with backoff, then marks it failed with the error kept for staff", async () => {
    const item = await outbox.enqueue({ channel: "whatsapp", recipient: "123456789012345@lid", payload: answer("x") });
    const errors = ["Connection Closed", "Timed Out", "not-authorized"];
    for (const [n, error] of errors.entries()) {
      const [leased] = await pull();
      expect(leased?.id).toBe(item.id);
      const res = await post(`/v1/outbox/${item.id}/fail`, { error, leaseId: leased!.leaseId });
      const failed = ((await res.json()) as { item: Item }).item;
      if (n < errors.length - 1) {
        expect(failed.status).toBe("pending");
        const delay = new Date(failed.nextAttemptAt).getTime() - now.getTime();
        expect(delay).toBe(retryDelayMs(n + 1, { baseMs: 30_000, maxMs: 3_600_000 }, () => 0.5));
        expect(await pull()).toEqual([]);
        now = new Date(now.getTime() + delay);
      } else {
        expect(failed).toMatchObject({ status: "failed", error: "not-authorized", attempts: 3 });
      }
    }
    expect(await pull()).toEqual([]);
    const staff = await outbox.list({ status: "failed" });
    expect(staff.map((i) => [i.id, i.error])).toEqual([[item.id, "not-authorized"]]);
  });

  it("a final failure skips the retries", async () => {
    const item = await outbox.enqueue({ channel: "whatsapp", recipient: "unknown@lid", payload: answer("x") });
    const [leased] = await pull();
    const res = await post(`/v1/outbox/${item.id}/fail`, { error: "recipient never wrote", final: true, leaseId: leased!.leaseId });
    expect(((await res.json()) as { item: Item }).item).toMatchObject({ status: "failed", error: "recipient never wrote" });
  });

  it("held items wait for their recipient: only a pull for that recipient returns them", async () => {
    const held = await outbox.enqueue({ channel: "whatsapp", recipient: "123456789012345@lid", payload: answer("Jawaban") });
    const [leased] = await pull();
    const res = await post(`/v1/outbox/${held.id}/hold`, { reason: "outside the 24-hour window", leaseId: leased!.leaseId });
    expect(((await res.json()) as { item: Item }).item).toMatchObject({ status: "held", attempts: 0 });
    now = new Date(now.getTime() + 86_400_000);
    expect(await pull()).toEqual([]);
    expect(await pull({ channel: "whatsapp", limit: 10, recipient: "999@lid" })).toEqual([]);
    const mine = await pull({ channel: "whatsapp", limit: 10, recipient: "123456789012345@lid" });
    expect(mine.map((i) => [i.id, i.status, i.attempts])).toEqual([[held.id, "pending", 1]]);
    expect((await post(`/v1/outbox/${held.id}/ack`, { leaseId: mine[0]!.leaseId })).status).toBe(200);
  });

  it("two workers pulling at once never get the same item", async () => {
    for (let i = 0; i < 30; i++) await outbox.enqueue({ channel: "whatsapp", recipient: `${i}@lid`, payload: answer(String(i)) });
    const [a, b, c] = await Promise.all([pull({ channel: "whatsapp", limit: 12 }), pull({ channel: "whatsapp", limit: 12 }), pull({ channel: "whatsapp", limit: 12 })]);
    const ids = [...a, ...b, ...c].map((i) => i.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });

  it("stores an item once per dedupe key", async () => {
    const first = await outbox.enqueue({ channel: "whatsapp", recipient: "1@lid", payload: answer("a"), dedupeKey: "escalation:42:answer" });
    const again = await outbox.enqueue({ channel: "whatsapp", recipient: "1@lid", payload: answer("a"), dedupeKey: "escalation:42:answer" });
    expect(again.id).toBe(first.id);
    expect(await tdb.db.outbox.count()).toBe(1);
  });

  it("answers bad input with the usual 400 and unknown items with 404", async () => {
    const bad = await post("/v1/outbox/pull", { channel: "fax", limit: 1000 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: { path: string }[] }).issues.map((i) => i.path).sort()).toEqual(["channel", "limit"]);
    expect((await post("/v1/outbox/999999/ack", {})).status).toBe(404);
    expect((await post("/v1/outbox/999999/fail", {})).status).toBe(400);
  });
});
