import type { Db } from "../db/prisma.js";

export type LoggedMessage = { direction: "in" | "out"; text: string };

// One row holds at most this much text; longer input is refused before it gets here anyway.
const MAX_TEXT = 4000;

export type MessageLogStore = {
  append(patronId: number, entries: LoggedMessage[], at: Date): Promise<void>;
  /** Deletes rows older than the cutoff; returns how many. */
  purgeBefore(cutoff: Date): Promise<number>;
};

/** The message log (kept for MESSAGE_RETENTION_DAYS, then purged). */
export function createMessageLog(db: Db): MessageLogStore {
  return {
    async append(patronId, entries, at) {
      if (entries.length === 0) return;
      await db.messageLog.createMany({
        // Keep the order of a turn visible even though the rows share one timestamp.
        data: entries.map((e, i) => ({ patronId, direction: e.direction, text: e.text.slice(0, MAX_TEXT), createdAt: new Date(at.getTime() + i) })),
      });
    },
    async purgeBefore(cutoff) {
      const { count } = await db.messageLog.deleteMany({ where: { createdAt: { lt: cutoff } } });
      return count;
    },
  };
}
