// Who wrote to the bot, and when last. The bot never starts a chat: outbox items for someone
// without a row here are refused, and items for someone who has been silent longer than the
// session window wait until they write again (WhatsApp treats unsolicited messages as spam).
import type { Db } from "../../api/db/prisma.js";
import type { UserAddress } from "./jids.js";

export type ContactRecord = { jid: string; altJid: string | null; firstInboundAt: Date; lastInboundAt: Date };

export type ContactStore = {
  /** Records an incoming message from a user (and the alternative address when known). */
  recordInbound(address: UserAddress, at: Date): Promise<void>;
  /** The contact for a JID given as either of its addresses, or null when they never wrote. */
  find(jid: string): Promise<ContactRecord | null>;
  /** Forgets a user (their data was deleted). */
  forget(jid: string): Promise<void>;
};

/** Creates the PostgreSQL-backed record of users who wrote first. */
export function createContactStore(db: Db): ContactStore {
  return {
    async recordInbound(address, at) {
      const alt = address.altJid ?? null;
      await db.whatsAppContact.upsert({
        where: { jid: address.userId },
        create: { jid: address.userId, altJid: alt, firstInboundAt: at, lastInboundAt: at },
        update: { lastInboundAt: at, ...(alt ? { altJid: alt } : {}) },
      });
    },
    async find(jid) {
      return db.whatsAppContact.findFirst({ where: { OR: [{ jid }, { altJid: jid }] }, orderBy: { lastInboundAt: "desc" } });
    },
    async forget(jid) {
      await db.whatsAppContact.deleteMany({ where: { OR: [{ jid }, { altJid: jid }] } });
    },
  };
}
