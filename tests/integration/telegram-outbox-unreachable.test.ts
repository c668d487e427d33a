// The Telegram outbox worker when the Bot API cannot be reached at all (connection refused): the
// item goes back to the outbox with the error, to be retried with the outbox's backoff, instead of
// being retried inside the call until Telegram answers (which held the worker and its stop()).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { loadConfig } from "../../api/config.js";
import { freePort } from "../../api/lib/free-port.js";
import { createOutboxServiceFromConfig, type OutboxService } from "../../api/outbox/outbox-service.js";
import { createInProcessClient } from "../../bot/client.js";
import { createTelegramBot } from "../../bot/telegram/create-telegram-bot.js";
import { createTelegramOutboxWorker } from "../../bot/telegram/outbox-worker.js";
import { createInProcessOutboxClient } from "../../bot/outbox-client.js";
import { memoryLogger } from "../support/silent-logger.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { createSearchBackend } from "../../search/search-client.js";

const TOKEN = "telegram-unreachable-token-0123456789";
let tdb: TestDatabase;
let outbox: OutboxService;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  tdb = await createTestDatabase();
  const config = loadConfig({ SERVICE_TOKEN: TOKEN });
  outbox = createOutboxServiceFromConfig(tdb.db, config);
  app = createApp({ db: tdb.db, search: createSearchBackend({}), config, log: memoryLogger(), outbox });
});
afterAll(async () => {
  await tdb?.drop();
});

describe("Telegram unreachable while an answer waits in the outbox", () => {
  it("gives the item back to the outbox for a later retry, and the worker can stop", async () => {
    // Nothing listens on this port: every Bot API call is refused.
    const apiRoot = `http://127.0.0.1:${await freePort()}`;
    const log = memoryLogger();
    const bot = createTelegramBot({
      token: "7012345678:AAHfakeTokenForTestsOnly_0123456789abcd",
      apiRoot,
      client: createInProcessClient(app, { serviceToken: TOKEN }),
      log,
      botInfo: { id: 7012345678, is_bot: true, first_name: "Tanya Pustaka", username: "TanyaPustakaBot" } as never,
    });
    const worker = createTelegramOutboxWorker({ outbox: createInProcessOutboxClient(app, { serviceToken: TOKEN }), api: bot.deliveryApi, callbackData: bot.callbackData, log, pollMs: 60_000 });
    const item = await outbox.enqueue({ channel: "telegram", recipient: "5550001", payload: { replies: [{ text: "Jawaban pustakawan: buku sudah tersedia." }] } });

    expect(await worker.deliverDue()).toBe(1);
    const after = await outbox.get(item.id);
    expect(after).toMatchObject({ status: "pending", attempts: 1, leasedUntil: null, sentAt: null });
    expect(after.error).toMatch(/Network request for 'sendMessage' failed/);
    expect(after.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    worker.start();
    await worker.stop();
    expect((await outbox.get(item.id)).attempts).toBe(1);
  });
});
