import type { Db } from "../db/prisma.js";
import type { PatronView } from "./turn.js";

export type PatronStore = {
  /**
   * Deletes the patron and everything that hangs off it (state, message log, suggestions, tickets,
   * idempotency rows), the outbox items addressed to them and WhatsApp's record of them, at once.
   */
  forget(patron: Pick<PatronView, "id" | "channel" | "channelUserId">): Promise<void>;
};

/** Deleting a patron (turn-open.ts finds or creates them, turn-commit.ts saves their state). */
export function createPatronStore(db: Db): PatronStore {
  return {
    async forget({ id, channel, channelUserId }) {
      await db.$transaction([
        db.processedMessage.deleteMany({ where: { patronId: id } }),
        // Cascades to every row with a foreign key to the patron (state, message log, suggestions, tickets …).
        db.patron.deleteMany({ where: { id } }),
        // Outbox items and WhatsApp contacts have no foreign key to the patron. Every status goes:
        // a failed answer could be retried by staff later, and a sent one still holds the text.
        db.outbox.deleteMany({ where: { channel, recipient: channelUserId } }),
        ...(channel === "whatsapp" ? [db.whatsAppContact.deleteMany({ where: { OR: [{ jid: channelUserId }, { altJid: channelUserId }] } })] : []),
      ]);
    },
  };
}
