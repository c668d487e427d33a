// The WhatsApp outbox worker against the real outbox API (Hono app in-process, PostgreSQL), with
// the socket stand-in. Waiting uses vi.waitFor on observable state, never on elapsed time.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { OutboxService } from "../../api/outbox/outbox-service.js";
import { createInProcessOutboxClient } from "../../bot/outbox-client.js";
import { FIXTURE_CONNECTED_AT, upsertFixture } from "../fakes/whatsapp-fixtures.js";
import { memoryLogger } from "../support/silent-logger.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { outboxApp, testOutbox } from "../support/test-outbox.js";
import { createWhatsAppHarness, type WhatsAppHarness } from "../support/whatsapp-harness.js";

const TOKEN = "whatsapp-outbox-test-token-0123456789";
const SARI = "123456789012345@lid";
let tdb: TestDatabase;
let outbox: OutboxService;
let now: () => Date;
let app: ReturnType<typeof outboxApp>;
let h: WhatsAppHarness;
let engineCalls: string[];

beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb.drop();
});
beforeEach(async () => {
  await tdb.db.outbox.deleteMany();
  await tdb.db.whatsAppContact.deleteMany();
  await tdb.db.whatsAppAuthKey.deleteMany();
  engineCalls = [];
  // The outbox shares the harness clock, so "later" means the same thing to both.
  now = () => new Date();
  outbox = testOutbox(tdb.db, () => now(), { retry: { baseMs: 30_000, maxMs: 600_000 } });
  app = outboxApp(tdb.db, outbox, TOKEN);
  h = await createWhatsAppHarness({
    db: tdb.db,
    log: memoryLogger(),
    send: async (msg) => {
      engineCalls.push(msg.text ?? msg.payload ?? "");
      return [{ text: "Ini jawaban bot." }];
    },
    outbox: createInProcessOutboxClient(app, { serviceToken: TOKEN }),
  });
  now = () => new Date(h.timers.now());
});
afterEach(async () => {
  await h.stop();
});

const librarianAnswer = { replies: [{ text: "Halo Sari, buku *Bumi Manusia* sudah kami siapkan di Cabang Oebobo.", buttons: [{ label: "Terima kasih", payload: "rate:5" }] }] };

async function sariWrote(): Promise<void> {
  await h.contacts.recordInbound({ userId: SARI, altJid: "6281298765432@s.whatsapp.net" }, new Date(h.timers.now()));
}

describe("WhatsApp outbox worker", () => {
  it("delivers an item queued while the worker was stopped once it starts, exactly once across restarts", async () => {
    const socket = await h.connect(FIXTURE_CONNECTED_AT);
    await sariWrote();
    const item = await outbox.enqueue({ channel: "whatsapp", recipient: SARI, payload: librarianAnswer });
    expect(socket.sent).toEqual([]);

    h.worker!.start();
    await vi.waitFor(async () => expect((await outbox.get(item.id)).status).toBe("sent"));
    expect(socket.sent).toHaveLength(1);
    expect(socket.sent[0]!.jid).toBe(SARI);
    expect(socket.texts()[0]).toBe("Halo Sari, buku *Bumi Manusia* sudah kami siapkan di Cabang Oebobo.\n\n1. Terima kasih\n\nBalas 1");

    // A restarted worker finds nothing left to send.
    await h.worker!.stop();
    h.worker!.start();
    h.worker!.nudge();
    await h.worker!.flushFor(SARI);
    expect(socket.sent).toHaveLength(1);
  });

  it("waits for the connection: nothing is pulled before WhatsApp is open", async () => {
    await sariWrote();
    const item = await outbox.enqueue({ channel: "whatsapp", recipient: SARI, payload: librarianAnswer });
    await h.manager.start();
    h.worker!.start();
    expect((await outbox.get(item.id)).attempts).toBe(0);
    h.socket().open();
    await vi.waitFor(async () => expect((await outbox.get(item.id)).status).toBe("sent"));
    expect(h.socket().sent).toHaveLength(1);
  });

  it("a send failure is reported and retried with backoff, and finally marked failed with the error", async () => {
    const socket = await h.connect(FIXTURE_CONNECTED_AT);
    await sariWrote();
    const item = await outbox.enqueue({ channel: "whatsapp", recipient: SARI, payload: librarianAnswer });
    socket.failSends(100, new Error("rate-overlimit"));
    h.worker!.start();
    for (let attempt = 1; attempt <= 3; attempt++) {
      await vi.waitFor(async () => expect((await outbox.get(item.id)).attempts).toBe(attempt));
      await vi.waitFor(async () => expect((await outbox.get(item.id)).leasedUntil).toBeNull());
      const current = await outbox.get(item.id);
      expect(current.error).toBe("rate-overlimit");
      if (attempt < 3) {
        expect(current.status).toBe("pending");
        // Move both clocks past the retry time and let the worker poll again.
        h.timers.advance(current.nextAttemptAt.getTime() - h.timers.now() + 1);
        h.worker!.nudge();
      }
    }
    expect(await outbox.get(item.id)).toMatchObject({ status: "failed", error: "rate-overlimit", sentAt: null });
    expect(socket.sent).toEqual([]);
  });

  it("never messages someone who did not write first: the item fails for good", async () => {
    const socket = await h.connect(FIXTURE_CONNECTED_AT);
    const item = await outbox.enqueue({ channel: "whatsapp", recipient: "999999999999999@lid", payload: librarianAnswer });
    h.worker!.start();
    await vi.waitFor(async () => expect((await outbox.get(item.id)).status).toBe("failed"));
    expect((await outbox.get(item.id)).error).toContain("never wrote");
    expect(socket.sent).toEqual([]);
  });

  it("holds an answer for a user silent longer than the session window, and delivers it first when they write again", async () => {
    const socket = await h.connect(FIXTURE_CONNECTED_AT);
    await sariWrote();
    h.timers.advance(25 * 3600_000);
    const item = await outbox.enqueue({ channel: "whatsapp", recipient: SARI, payload: librarianAnswer });
    h.worker!.start();
    await vi.waitFor(async () => expect((await outbox.get(item.id)).status).toBe("held"));
    expect(socket.sent).toEqual([]);

    const fresh = upsertFixture("plain-text");
    fresh.messages[0]!.messageTimestamp = Math.floor(h.timers.now() / 1000);
    socket.upsert(fresh);
    await h.handler.idle();
    expect((await outbox.get(item.id)).status).toBe("sent");
    expect(socket.texts()).toEqual([expect.stringContaining("Bumi Manusia* sudah kami siapkan"), "Ini jawaban bot."]);
    expect(engineCalls).toEqual(["ada buku bumi manusia?"]);
  });
});
