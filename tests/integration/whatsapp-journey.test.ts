// The resident journey on WhatsApp through the real app: demo catalogue in PostgreSQL and
// Meilisearch, the real dialog engine behind POST /v1/messages (in-process client, service token),
// the adapter as in production, and the socket stand-in in place of WhatsApp's servers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { createCatalogueService, type CatalogueService } from "../../api/catalogue/search-catalogue.js";
import { seedDemo } from "../../api/catalogue/seed-demo.js";
import { loadConfig } from "../../api/config.js";
import { createInProcessClient } from "../../bot/client.js";
import { createCatalogueIndex } from "../../search/catalogue-index.js";
import { FIXTURE_CONNECTED_AT, upsertFixture } from "../fakes/whatsapp-fixtures.js";
import type { FakeWhatsAppSocket } from "../fakes/whatsapp-socket.js";
import { memoryLogger } from "../support/silent-logger.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { createTestSearch } from "../support/test-search.js";
import { createWhatsAppHarness, type WhatsAppHarness } from "../support/whatsapp-harness.js";

const TOKEN = "whatsapp-journey-token-0123456789";
let tdb: TestDatabase;
const search = createTestSearch();
let catalogue: CatalogueService;
let h: WhatsAppHarness;
let socket: FakeWhatsAppSocket;
const log = memoryLogger();

beforeAll(async () => {
  tdb = await createTestDatabase();
  const index = createCatalogueIndex({ db: tdb.db, search, log });
  await seedDemo({ db: tdb.db, log });
  await index.ensureReady();
  catalogue = createCatalogueService({ db: tdb.db, search, index, log });
  const config = loadConfig({ SERVICE_TOKEN: TOKEN, NODE_ENV: "test" });
  const app = createApp({ db: tdb.db, search, config, log, catalogue });
  const client = createInProcessClient(app, { serviceToken: TOKEN });
  h = await createWhatsAppHarness({ db: tdb.db, log, send: (msg) => client.postMessage(msg) });
  socket = await h.connect(FIXTURE_CONNECTED_AT);
});
afterAll(async () => {
  await h?.stop();
  await catalogue?.flush();
  await search.cleanup();
  await tdb?.drop();
});

/** Sari writes `text` in her private chat (the plain-text fixture with a new id and text). */
async function sariWrites(text: string, id: string): Promise<string[]> {
  const before = socket.sent.length;
  const event = upsertFixture("plain-text");
  event.messages[0]!.key.id = id;
  event.messages[0]!.message = { conversation: text };
  socket.upsert(event);
  await h.handler.idle();
  return socket.texts().slice(before);
}

describe("WhatsApp resident journey", () => {
  it("'ada buku bumi manusia?' → numbered results → '2' → the second book's details", async () => {
    const [privacy, results] = await sariWrites("ada buku bumi manusia?", "3EB0JOURNEY000000001");
    expect(privacy).toContain("/hapusdata");
    expect(results).toContain("Bumi Manusia");
    // Both editions are listed as numbered choices, with the WhatsApp prompt.
    const list = results!.split("\n\n").at(-2)!.split("\n");
    expect(list[0]).toMatch(/^1\. .*Bumi Manusia/);
    expect(list[1]).toMatch(/^2\. .*Bumi Manusia/);
    expect(results).toMatch(/\n\nBalas 1, 2(, \d)* atau \d+$/);
    expect(results).toContain("Toer, Pramoedya Ananta");

    const [details] = await sariWrites("2", "3EB0JOURNEY000000002");
    expect(details).toContain("*Bumi Manusia*");
    // The second result is the 2005 Lentera Dipantara edition.
    expect(details).toContain("2005");
    expect(details).toContain("Ketersediaan");
    expect(details).toMatch(/\n\nBalas 1/);
    expect(socket.sent.every((s) => s.jid === "123456789012345@lid")).toBe(true);
  });

  it("the same resident is one patron, stored under the LID", async () => {
    const patron = await tdb.db.patron.findUnique({ where: { channel_channelUserId: { channel: "whatsapp", channelUserId: "123456789012345@lid" } } });
    expect(patron?.displayName).toBe("Sari");
    expect(await tdb.db.patron.count({ where: { channel: "whatsapp" } })).toBe(1);
  });
});
