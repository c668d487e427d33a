// Opening a turn is one SQL statement: claim the (channel, messageId) slot so the message is
// handled once, find or create the patron, mark them seen and read their conversation state.
// Prisma's upsert with include alone took three statements and ~4 ms of CPU per message.
import type { RawSql } from "../db/raw-sql.js";
import { DEFAULT_LOCALE, toLocale } from "../i18n/locale.js";
import { parseState, type DialogState } from "./dialog-state.js";
import { fromEpochMs } from "./sql-time.js";
import type { PatronView } from "./turn.js";

export type OpenedTurn = {
  /** False when the message id was already taken: the patron and state must not be used then. */
  claimed: boolean;
  patron: PatronView;
  state: DialogState;
};

export type TurnOpener = {
  /** `claim: false` when the slot is already this caller's (a stale claim taken over). */
  open(opts: { channel: string; userId: string; messageId: string; displayName?: string; locale?: string; now: Date; claim: boolean }): Promise<OpenedTurn>;
};

type Row = {
  claimed: boolean;
  id: number;
  channel: string;
  channelUserId: string;
  displayName: string | null;
  locale: string;
  privacyNoticeAt: number | null;
  createdAt: number;
  data: unknown;
};

// Timestamps are UTC `timestamp(3)` columns as Prisma writes them (see sql-time.ts).
const OPEN_SQL = `
  WITH claim AS (
    INSERT INTO "ProcessedMessage" ("channel", "messageId", "createdAt")
    SELECT $1, $2, ($3::timestamptz AT TIME ZONE 'UTC') WHERE $4::boolean
    ON CONFLICT DO NOTHING
    RETURNING 1
  ), p AS (
    INSERT INTO "Patron" ("channel", "channelUserId", "displayName", "locale", "createdAt", "lastSeenAt")
    VALUES ($1, $5, $6::text, $7, ($3::timestamptz AT TIME ZONE 'UTC'), ($3::timestamptz AT TIME ZONE 'UTC'))
    ON CONFLICT ("channel", "channelUserId") DO UPDATE
      SET "lastSeenAt" = EXCLUDED."lastSeenAt", "displayName" = COALESCE($6::text, "Patron"."displayName")
    RETURNING "id", "channel", "channelUserId", "displayName", "locale", "privacyNoticeAt", "createdAt"
  )
  SELECT EXISTS (SELECT 1 FROM claim) AS "claimed", p."id", p."channel", p."channelUserId", p."displayName", p."locale",
         (extract(epoch FROM p."privacyNoticeAt") * 1000)::float8 AS "privacyNoticeAt",
         (extract(epoch FROM p."createdAt") * 1000)::float8 AS "createdAt", s."data"
  FROM p LEFT JOIN "ConversationState" s ON s."patronId" = p."id"`;

/** Opens turns with one statement each, on node-postgres directly when given (raw-sql.ts). */
export function createTurnOpener(sql: RawSql): TurnOpener {
  return {
    async open({ channel, userId, messageId, displayName, locale, now, claim }) {
      const name = displayName?.trim().slice(0, 128) || null;
      const rows = await sql.query<Row>(OPEN_SQL, [channel, messageId, now.toISOString(), claim, userId, name, toLocale(locale) ?? DEFAULT_LOCALE]);
      const row = rows[0]!;
      return {
        claimed: row.claimed || !claim,
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
  };
}
