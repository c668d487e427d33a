import type { Db } from "../db/prisma.js";

export type LoggedMessage = { direction: "in" | "out"; text: string };

/** One row holds at most this much text; longer input is refused before it gets here anyway. */
export const MAX_LOG_TEXT = 4000;

export type MessageLogStore = {
  /** Deletes rows older than the cutoff; returns how many. */
  purgeBefore(cutoff: Date): Promise<number>;
};

/** The message log (kept for MESSAGE_RETENTION_DAYS, then purged); turn-commit.ts writes its rows. */
export function createMessageLog(db: Db): MessageLogStore {
  return {
    async purgeBefore(cutoff) {
      const { count } = await db.messageLog.deleteMany({ where: { createdAt: { lt: cutoff } } });
      return count;
    },
  };
}
