import type { Db } from "../db/prisma.js";
import { Prisma } from "../db/prisma.js";
import type { Reply } from "./reply.js";
import { utcTimestamp } from "./sql-time.js";

export type Claim = { status: "claimed" } | { status: "done"; replies: Reply[] } | { status: "busy" };

export type IdempotencyStore = {
  /** Takes the (channel, messageId) slot, or reports that it was answered or is being answered. */
  claim(channel: string, messageId: string, now: Date): Promise<Claim>;
  /** Stores the replies of a turn that saved nothing (a saved turn's are written by turn-commit.ts). */
  complete(channel: string, messageId: string, replies: Reply[]): Promise<void>;
  /** Frees the slot after a failure so the channel's retry is handled. */
  release(channel: string, messageId: string): Promise<void>;
  purgeBefore(cutoff: Date): Promise<number>;
};

// A claim this old without replies belongs to a process that died mid-message; a retry may take it over.
const STALE_CLAIM_MS = 30_000;

/** "Handled once" for (channel, messageId), stored in ProcessedMessage. */
export function createIdempotencyStore(db: Db): IdempotencyStore {
  return {
    async claim(channel, messageId, now) {
      // The common case (a new message) is this one statement.
      const inserted = await db.$executeRaw`
        INSERT INTO "ProcessedMessage" ("channel", "messageId", "createdAt") VALUES (${channel}, ${messageId}, ${utcTimestamp(now)})
        ON CONFLICT DO NOTHING`;
      if (inserted === 1) return { status: "claimed" };
      const row = await db.processedMessage.findUnique({ where: { channel_messageId: { channel, messageId } } });
      if (!row) return this.claim(channel, messageId, now);
      if (row.replies !== null) return { status: "done", replies: row.replies as unknown as Reply[] };
      if (now.getTime() - row.createdAt.getTime() > STALE_CLAIM_MS) {
        const taken = await db.processedMessage.updateMany({ where: { channel, messageId, replies: { equals: Prisma.DbNull }, createdAt: row.createdAt }, data: { createdAt: now } });
        if (taken.count === 1) return { status: "claimed" };
      }
      return { status: "busy" };
    },
    async complete(channel, messageId, replies) {
      await db.processedMessage.update({
        where: { channel_messageId: { channel, messageId } },
        data: { replies: replies as unknown as Prisma.InputJsonValue },
      });
    },
    async release(channel, messageId) {
      await db.processedMessage.deleteMany({ where: { channel, messageId, replies: { equals: Prisma.DbNull } } });
    },
    async purgeBefore(cutoff) {
      const { count } = await db.processedMessage.deleteMany({ where: { createdAt: { lt: cutoff } } });
      return count;
    },
  };
}
