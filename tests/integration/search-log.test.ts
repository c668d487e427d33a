import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSearchLog } from "../../api/catalogue/search-log.js";
import { memoryLogger } from "../support/silent-logger.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let tdb: TestDatabase;

beforeAll(async () => {
  tdb = await createTestDatabase();
});

afterAll(async () => {
  await tdb?.drop();
});

describe("the search log", () => {
  it("writes a batch of searches, including text PostgreSQL cannot store as typed (a NUL, half an emoji)", async () => {
    const log = createSearchLog({ db: tdb.db, log: memoryLogger() });
    const before = Date.now();
    log.record({ query: "laskar pelangi", filters: { branch: "OEBOBO", available: true }, hits: 3, latencyMs: 12.6, channel: "telegram", degraded: false });
    log.record({ query: "bumi\u0000manusia", filters: {}, hits: 0, latencyMs: 4, channel: "whatsapp", degraded: true });
    log.record({ query: "cinta \ud83d", filters: {}, hits: 1, latencyMs: 5, channel: "web", degraded: false });
    await log.flush();
    const rows = await tdb.db.searchLog.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => r.query)).toEqual(["laskar pelangi", "bumimanusia", "cinta \ufffd"]);
    expect(rows[0]).toMatchObject({ filters: { branch: "OEBOBO", available: true }, hits: 3, latencyMs: 13, channel: "telegram", degraded: false });
    expect(rows[1]).toMatchObject({ channel: "whatsapp", degraded: true });
    // Stored in UTC like every Prisma timestamp: within the test's own seconds.
    expect(Math.abs(rows[0]!.createdAt.getTime() - before)).toBeLessThan(60_000);
  });
});
