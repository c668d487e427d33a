// Everything a turn leaves behind is written in one SQL statement: the conversation state, the
// patron's changed locale or privacy-notice time, the message log rows and the replies that make
// the message "handled once". One statement is one round trip and one commit, and a crash cannot
// leave the state saved without the replies (or the other way round).
import { toJsonb } from "../db/jsonb-text.js";
import type { RawSql } from "../db/raw-sql.js";
import type { Locale } from "../i18n/locale.js";
import type { DialogState } from "./dialog-state.js";
import { MAX_LOG_TEXT, type LoggedMessage } from "./message-log.js";
import type { Reply } from "./reply.js";

export type FinishedTurn = {
  channel: string;
  messageId: string;
  patronId: number;
  state: DialogState;
  /** Set only when they changed in this turn. */
  patch: { locale?: Locale; privacyNoticeAt?: Date };
  logged: LoggedMessage[];
  replies: Reply[];
  now: Date;
};

export type TurnCommitter = {
  /** Saves the turn and completes the idempotency claim of (channel, messageId). */
  commit(turn: FinishedTurn): Promise<void>;
};

const COMMIT_SQL = `
  WITH state AS (
    INSERT INTO "ConversationState" ("patronId", "data", "updatedAt")
    VALUES ($1, $2::jsonb, ($3::timestamptz AT TIME ZONE 'UTC'))
    ON CONFLICT ("patronId") DO UPDATE SET "data" = EXCLUDED."data", "updatedAt" = EXCLUDED."updatedAt"
  ), patron AS (
    UPDATE "Patron"
    SET "locale" = COALESCE($4::text, "locale"),
        "privacyNoticeAt" = COALESCE(($5::timestamptz AT TIME ZONE 'UTC'), "privacyNoticeAt")
    WHERE "id" = $1 AND $6::boolean
  ), log AS (
    INSERT INTO "MessageLog" ("patronId", "direction", "text", "createdAt")
    SELECT $1, e.d, e.t, ($3::timestamptz AT TIME ZONE 'UTC') + e.i * interval '1 millisecond'
    FROM jsonb_to_recordset($7::jsonb) AS e(d text, t text, i int)
  )
  UPDATE "ProcessedMessage" SET "patronId" = $1, "replies" = $8::jsonb
  WHERE "channel" = $9 AND "messageId" = $10`;

/** Writes finished turns in one statement each, on node-postgres directly when given (raw-sql.ts). */
export function createTurnCommitter(sql: RawSql): TurnCommitter {
  return {
    async commit(turn) {
      // Rows of one turn share a timestamp plus their position in milliseconds, so their order stays visible.
      const entries = toJsonb(turn.logged.map((e, i) => ({ d: e.direction, t: e.text.slice(0, MAX_LOG_TEXT), i })));
      const patched = Boolean(turn.patch.locale || turn.patch.privacyNoticeAt);
      // Timestamps are UTC `timestamp(3)` columns as Prisma writes them (see sql-time.ts).
      await sql.query(COMMIT_SQL, [
        turn.patronId,
        toJsonb(turn.state),
        turn.now.toISOString(),
        turn.patch.locale ?? null,
        turn.patch.privacyNoticeAt?.toISOString() ?? null,
        patched,
        entries,
        toJsonb(turn.replies),
        turn.channel,
        turn.messageId,
      ]);
    },
  };
}
