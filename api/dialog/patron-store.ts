import type { Db } from "../db/prisma.js";
import { Prisma } from "../db/prisma.js";
import { DEFAULT_LOCALE, toLocale } from "../i18n/locale.js";
import { parseState, type DialogState } from "./dialog-state.js";
import { epochMs, fromEpochMs, utcTimestamp } from "./sql-time.js";
import type { PatronView } from "./turn.js";

export type LoadedPatron = { patron: PatronView; state: DialogState };

type PatronRow = {
  id: number;
  channel: string;
  channelUserId: string;
  displayName: string | null;
  locale: string;
  privacyNoticeAt: number | null;
  createdAt: number;
  data: unknown;
};

export type PatronStore = {
  /** Finds or creates the patron, records that they were seen, and returns their state. */
  load(opts: { channel: string; userId: string; displayName?: string; locale?: string; now: Date }): Promise<LoadedPatron>;
  /** Deletes the patron and everything that hangs off it (state, message log, suggestions, idempotency rows). */
  forget(patronId: number): Promise<void>;
};

/** Patron and conversation state in PostgreSQL (the state is written by turn-commit.ts with the rest of a turn). */
export function createPatronStore(db: Db): PatronStore {
  return {
    async load({ channel, userId, displayName, locale, now }) {
      const name = displayName?.trim().slice(0, 128) || null;
      // One round trip: find-or-create the patron, mark them seen and read their state. Prisma's
      // upsert with include took three statements and ~4 ms of CPU per message.
      const rows = await db.$queryRaw<PatronRow[]>`
        WITH p AS (
          INSERT INTO "Patron" ("channel", "channelUserId", "displayName", "locale", "createdAt", "lastSeenAt")
          VALUES (${channel}, ${userId}, ${name}::text, ${toLocale(locale) ?? DEFAULT_LOCALE}, ${utcTimestamp(now)}, ${utcTimestamp(now)})
          ON CONFLICT ("channel", "channelUserId") DO UPDATE
            SET "lastSeenAt" = EXCLUDED."lastSeenAt", "displayName" = COALESCE(${name}::text, "Patron"."displayName")
          RETURNING "id", "channel", "channelUserId", "displayName", "locale", "privacyNoticeAt", "createdAt"
        )
        SELECT p."id", p."channel", p."channelUserId", p."displayName", p."locale",
               ${epochMs(Prisma.sql`p."privacyNoticeAt"`)} AS "privacyNoticeAt", ${epochMs(Prisma.sql`p."createdAt"`)} AS "createdAt", s."data"
        FROM p LEFT JOIN "ConversationState" s ON s."patronId" = p."id"`;
      const row = rows[0]!;
      return {
        patron: {
          id: row.id,
          channel: row.channel,
          channelUserId: row.channelUserId,
          displayName: row.displayName,
          locale: toLocale(row.locale) ?? DEFAULT_LOCALE,
          privacyNoticeAt: fromEpochMs(row.privacyNoticeAt),
          createdAt: fromEpochMs(row.createdAt)!,
        },
        state: parseState(row.data),
      };
    },
    async forget(patronId) {
      await db.$transaction([
        db.processedMessage.deleteMany({ where: { patronId } }),
        // Cascades to ConversationState, MessageLog and PurchaseSuggestion.
        db.patron.deleteMany({ where: { id: patronId } }),
      ]);
    },
  };
}
