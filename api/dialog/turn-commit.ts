// Everything a turn leaves behind is written in one SQL statement: the conversation state, the
// patron's changed locale or privacy-notice time, the message log rows and the replies that make
// the message "handled once". One statement is one round trip and one commit, and a crash cannot
// leave the state saved without the replies (or the other way round).
import type { Db } from "../db/prisma.js";
import { Prisma } from "../db/prisma.js";
import type { Locale } from "../i18n/locale.js";
import type { DialogState } from "./dialog-state.js";
import { MAX_LOG_TEXT, type LoggedMessage } from "./message-log.js";
import type { Reply } from "./reply.js";
import { utcTimestamp } from "./sql-time.js";

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

/** Writes finished turns in one statement each. */
export function createTurnCommitter(db: Db): TurnCommitter {
  return {
    async commit(turn) {
      const at = utcTimestamp(turn.now);
      // Rows of one turn share a timestamp plus their position in milliseconds, so their order stays visible.
      const entries = JSON.stringify(turn.logged.map((e, i) => ({ d: e.direction, t: e.text.slice(0, MAX_LOG_TEXT), i })));
      const patched = Boolean(turn.patch.locale || turn.patch.privacyNoticeAt);
      await db.$executeRaw`
        WITH state AS (
          INSERT INTO "ConversationState" ("patronId", "data", "updatedAt")
          VALUES (${turn.patronId}, ${JSON.stringify(turn.state)}::jsonb, ${at})
          ON CONFLICT ("patronId") DO UPDATE SET "data" = EXCLUDED."data", "updatedAt" = EXCLUDED."updatedAt"
        ), patron AS (
          UPDATE "Patron"
          SET "locale" = COALESCE(${turn.patch.locale ?? null}::text, "locale"),
              "privacyNoticeAt" = COALESCE(${utcTimestamp(turn.patch.privacyNoticeAt)}, "privacyNoticeAt")
          WHERE "id" = ${turn.patronId} AND ${patched}::boolean
        ), log AS (
          INSERT INTO "MessageLog" ("patronId", "direction", "text", "createdAt")
          SELECT ${turn.patronId}, e.d, e.t, ${at} + e.i * interval '1 millisecond'
          FROM jsonb_to_recordset(${entries}::jsonb) AS e(d text, t text, i int)
        )
        UPDATE "ProcessedMessage" SET "patronId" = ${turn.patronId}, "replies" = ${JSON.stringify(turn.replies)}::jsonb
        WHERE "channel" = ${turn.channel} AND "messageId" = ${turn.messageId}`;
    },
  };
}
