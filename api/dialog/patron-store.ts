import type { Db } from "../db/prisma.js";
import { Prisma } from "../db/prisma.js";
import { DEFAULT_LOCALE, toLocale, type Locale } from "../i18n/locale.js";
import { parseState, type DialogState } from "./dialog-state.js";
import type { PatronView } from "./turn.js";

export type LoadedPatron = { patron: PatronView; state: DialogState };

export type PatronStore = {
  /** Finds or creates the patron, records that they were seen, and returns their state. */
  load(opts: { channel: string; userId: string; displayName?: string; locale?: string; now: Date }): Promise<LoadedPatron>;
  /** Saves state and, when it changed, the locale and the privacy notice time. */
  save(patronId: number, state: DialogState, patch: { locale?: Locale; privacyNoticeAt?: Date }): Promise<void>;
  /** Deletes the patron and everything that hangs off it (state, message log, suggestions, idempotency rows). */
  forget(patronId: number): Promise<void>;
};

/** Patron and conversation state in PostgreSQL. */
export function createPatronStore(db: Db): PatronStore {
  return {
    async load({ channel, userId, displayName, locale, now }) {
      const name = displayName?.trim().slice(0, 128) || undefined;
      const row = await db.patron.upsert({
        where: { channel_channelUserId: { channel, channelUserId: userId } },
        create: { channel, channelUserId: userId, displayName: name ?? null, locale: toLocale(locale) ?? DEFAULT_LOCALE, lastSeenAt: now },
        update: { lastSeenAt: now, ...(name ? { displayName: name } : {}) },
        include: { state: true },
      });
      return {
        patron: {
          id: row.id,
          channel: row.channel,
          channelUserId: row.channelUserId,
          displayName: row.displayName,
          locale: toLocale(row.locale) ?? DEFAULT_LOCALE,
          privacyNoticeAt: row.privacyNoticeAt,
          createdAt: row.createdAt,
        },
        state: parseState(row.state?.data),
      };
    },
    async save(patronId, state, patch) {
      const data = state as unknown as Prisma.InputJsonValue;
      const writes: Prisma.PrismaPromise<unknown>[] = [
        db.conversationState.upsert({ where: { patronId }, create: { patronId, data }, update: { data } }),
      ];
      if (patch.locale || patch.privacyNoticeAt) {
        writes.push(db.patron.update({ where: { id: patronId }, data: { ...(patch.locale ? { locale: patch.locale } : {}), ...(patch.privacyNoticeAt ? { privacyNoticeAt: patch.privacyNoticeAt } : {}) } }));
      }
      await (writes.length === 1 ? writes[0] : db.$transaction(writes));
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
