// Staff re-queue a failed outbox item (the dashboard's "retry" button) against real PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OutboxNotFailedError } from "../../api/outbox/outbox-errors.js";
import type { OutboxService } from "../../api/outbox/outbox-service.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { testOutbox } from "../support/test-outbox.js";

let tdb: TestDatabase;
let now: Date;
let outbox: OutboxService;

beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb.drop();
});
beforeEach(async () => {
  await tdb.db.outbox.deleteMany();
  now = new Date("2025-11-21T08:00:00.000Z");
  outbox = testOutbox(tdb.db, () => now, { maxAttempts: 2, retry: { baseMs: 1_000, maxMs: 10_000 } });
});

const answer = { replies: [{ text: "Jawaban pustakawan" }] };

async function failedItem() {
  const item = await outbox.enqueue({ channel: "telegram", recipient: "5550001234", payload: answer });
  const [leased] = await outbox.pull({ channel: "telegram", limit: 1 });
  await outbox.fail(item.id, { error: "403: bot was blocked by the user", final: true, leaseId: leased!.leaseId });
  return item;
}

describe("a librarian retries a failed delivery", () => {
  it("puts the failed item back to pending, due now, with a fresh set of attempts", async () => {
    const item = await failedItem();
    expect((await outbox.get(item.id)).status).toBe("failed");
    now = new Date(now.getTime() + 3_600_000);
    const retried = await outbox.retry(item.id);
    expect(retried).toMatchObject({ status: "pending", attempts: 0, error: null, leaseId: null, leasedUntil: null, nextAttemptAt: now });
    // The channel worker picks it up again at its next pull.
    const [again] = await outbox.pull({ channel: "telegram", limit: 5 });
    expect(again).toMatchObject({ id: item.id, attempts: 1, payload: answer });
  });

  it("refuses to retry an item that is not failed, and a second click does nothing more", async () => {
    const item = await failedItem();
    await outbox.retry(item.id);
    await expect(outbox.retry(item.id)).rejects.toBeInstanceOf(OutboxNotFailedError);
    const pending = await outbox.enqueue({ channel: "whatsapp", recipient: "62812000111@s.whatsapp.net", payload: answer });
    await expect(outbox.retry(pending.id)).rejects.toMatchObject({ status: 409, code: "not_failed" });
    await expect(outbox.retry(999_999)).rejects.toMatchObject({ status: 404 });
  });
});
