import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDialogEngine, type DialogEngine } from "../../api/dialog/engine.js";
import { createTurnPool, pgRawSql } from "../../api/db/raw-sql.js";
import { createDialogLibrary, testClock, type DialogLibrary } from "../support/dialog-library.js";

// The service sends the engine's two statements per turn straight to node-postgres (main.ts);
// tests and tools go through Prisma. Both must leave exactly the same rows behind.
let lib: DialogLibrary;
let pool: pg.Pool;
const clock = testClock("2026-11-22T02:00:00Z");

beforeAll(async () => {
  lib = await createDialogLibrary();
  // The service's own pool for these statements (main.ts), with its default: asynchronous commit.
  pool = createTurnPool(lib.url, { synchronousCommit: false, log: lib.log, max: 2 });
});
afterAll(async () => {
  await pool?.end();
  await lib?.close();
});

function engine(direct: boolean): DialogEngine {
  const config = lib.config();
  return createDialogEngine({ db: lib.db, sql: direct ? pgRawSql(pool) : undefined, catalogue: lib.catalogue, config, log: lib.log, clock });
}

/** One conversation: welcome, a search, English, a page of results, a repeated message. */
async function converse(dialog: DialogEngine, userId: string) {
  const msg = (n: number, text: string) => ({ channel: "telegram" as const, userId, messageId: `${userId}-${n}`, text, displayName: "Ina" });
  const answers = [];
  answers.push(await dialog.answer(msg(1, "/start")));
  answers.push(await dialog.answer(msg(2, "laskar pelangi")));
  answers.push(await dialog.answer(msg(3, "english please")));
  answers.push(await dialog.answer(msg(4, "andrea hirata")));
  answers.push(await dialog.answer(msg(4, "andrea hirata")));
  return answers;
}

async function rowsOf(userId: string) {
  const patron = await lib.db.patron.findFirstOrThrow({ where: { channel: "telegram", channelUserId: userId } });
  const state = await lib.db.conversationState.findUniqueOrThrow({ where: { patronId: patron.id } });
  const log = await lib.db.messageLog.findMany({ where: { patronId: patron.id }, orderBy: { id: "asc" } });
  const processed = await lib.db.processedMessage.findMany({ where: { patronId: patron.id }, orderBy: { messageId: "asc" } });
  return {
    patron: { displayName: patron.displayName, locale: patron.locale, privacyNoticeAt: patron.privacyNoticeAt, createdAt: patron.createdAt, lastSeenAt: patron.lastSeenAt },
    state: { data: state.data, updatedAt: state.updatedAt },
    log: log.map((l) => ({ direction: l.direction, text: l.text, createdAt: l.createdAt })),
    processed: processed.map((p) => ({ messageId: p.messageId.replace(/^.*-/, ""), replies: p.replies, createdAt: p.createdAt })),
  };
}

describe("the dialog's per-turn statements on node-postgres", () => {
  it("commit asynchronously on the turn pool unless CHAT_SYNCHRONOUS_COMMIT asks to wait, and as prepared statements", async () => {
    expect((await pool.query("SHOW synchronous_commit")).rows[0].synchronous_commit).toBe("off");
    const durable = createTurnPool(lib.url, { synchronousCommit: true, log: lib.log, max: 1 });
    try {
      expect((await durable.query("SHOW synchronous_commit")).rows[0].synchronous_commit).toBe("on");
      // The same text twice is parsed once per connection: the second run finds it prepared.
      const sql = pgRawSql(durable);
      for (let i = 0; i < 2; i++) await sql.query("SELECT $1::int + 1 AS n", [i]);
      const prepared = await durable.query("SELECT name, statement FROM pg_prepared_statements");
      expect(prepared.rows).toEqual([{ name: "tp_raw_1", statement: "SELECT $1::int + 1 AS n" }]);
    } finally {
      await durable.end();
    }
  });

  it("answer and store a conversation exactly as through Prisma, repeated message included", async () => {
    const viaPrisma = await converse(engine(false), "np-prisma");
    const direct = await converse(engine(true), "np-direct");
    expect(direct).toEqual(viaPrisma);
    expect(direct[3]!.locale).toBe("en");
    expect(direct[4]!.replies).toEqual(direct[3]!.replies);

    const a = await rowsOf("np-prisma");
    const b = await rowsOf("np-direct");
    expect(b).toEqual(a);
    expect(b.patron.locale).toBe("en");
    // UTC timestamp columns as Prisma writes them: the test clock's instant, whatever the session zone.
    expect(b.patron.lastSeenAt.toISOString()).toBe("2026-11-22T02:00:00.000Z");
    expect(b.log.length).toBeGreaterThan(6);
    expect(b.processed.map((p) => p.messageId)).toEqual(["1", "2", "3", "4"]);
  });

  it("a message with half an emoji and a NUL character is answered and stored on both paths, not failed", async () => {
    for (const [direct, userId] of [[false, "np-odd-prisma"], [true, "np-odd-direct"]] as const) {
      const dialog = engine(direct);
      const odd = "laskar \uD83D pelangi\u0000";
      const answer = await dialog.answer({ channel: "web", userId, messageId: `${userId}-1`, text: odd });
      expect(answer.replies.map((r) => r.text).join("\n")).not.toMatch(/gangguan|went wrong/i);
      expect(answer.replies.at(-1)!.text).toContain("Laskar Pelangi");
      const patron = await lib.db.patron.findFirstOrThrow({ where: { channel: "web", channelUserId: userId } });
      const log = await lib.db.messageLog.findMany({ where: { patronId: patron.id }, orderBy: { id: "asc" } });
      expect(log[0]!.text).toBe("laskar \uFFFD pelangi");
    }
  });
});
