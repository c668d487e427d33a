import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { loadConfig } from "../../api/config.js";
import { createDb } from "../../api/db/prisma.js";
import { freePort } from "../../api/lib/free-port.js";
import { createSearchBackend } from "../../search/search-client.js";
import { memoryLogger } from "../support/silent-logger.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { createTestSearch } from "../support/test-search.js";

let tdb: TestDatabase;
const search = createTestSearch();
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb.drop();
});

const config = loadConfig({});

describe("health endpoints", () => {
  it("/healthz answers ok as long as the process runs", async () => {
    const app = createApp({ db: tdb.db, search, config, log: memoryLogger() });
    const res = await app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("/readyz is 200 when PostgreSQL and Meilisearch both answer", async () => {
    const app = createApp({ db: tdb.db, search, config, log: memoryLogger() });
    const res = await app.request("/readyz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ postgres: "ok", meilisearch: "ok" });
  });

  it("/readyz is 503 naming Meilisearch when it is stopped", async () => {
    const stopped = createSearchBackend({ url: `http://127.0.0.1:${await freePort()}`, apiKey: "x", timeoutMs: 300 });
    const app = createApp({ db: tdb.db, search: stopped, config, log: memoryLogger() });
    const res = await app.request("/readyz");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ postgres: "ok", meilisearch: "down" });
  });

  it("/readyz stays 200 with meilisearch 'disabled' when no Meilisearch exists at all (fallback mode)", async () => {
    const app = createApp({ db: tdb.db, search: createSearchBackend({}), config, log: memoryLogger() });
    const res = await app.request("/readyz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ postgres: "ok", meilisearch: "disabled" });
  });

  it("/readyz is 503 naming PostgreSQL when the database is unreachable", async () => {
    const deadDb = createDb(`postgresql://postgres@127.0.0.1:${await freePort()}/none`);
    const app = createApp({ db: deadDb, search, config, log: memoryLogger() });
    const res = await app.request("/readyz");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ postgres: "down", meilisearch: "ok" });
    await deadDb.$disconnect();
  });
});
