import type { Db } from "../db/prisma.js";

export type PatronStore = {
  /** Deletes the patron and everything that hangs off it (state, message log, suggestions, idempotency rows). */
  forget(patronId: number): Promise<void>;
};

/** Deleting a patron (turn-open.ts finds or creates them, turn-commit.ts saves their state). */
export function createPatronStore(db: Db): PatronStore {
  return {
    async forget(patronId) {
      await db.$transaction([
        db.processedMessage.deleteMany({ where: { patronId } }),
        // Cascades to ConversationState, MessageLog and PurchaseSuggestion.
        db.patron.deleteMany({ where: { id: patronId } }),
      ]);
    },
  };
}
