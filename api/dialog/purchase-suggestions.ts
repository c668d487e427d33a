import type { Db } from "../db/prisma.js";

export type PurchaseSuggestionStore = {
  /** Records a suggestion; returns false when the patron suggested the same query in the last day. */
  record(opts: { patronId: number; query: string; branchCode: string | null; channel: string; now: Date }): Promise<boolean>;
  listFor(patronId: number): Promise<{ query: string; createdAt: Date }[]>;
};

/** "Usulkan buku ini": suggestions for the acquisitions team, stored in PurchaseSuggestion. */
export function createPurchaseSuggestionStore(db: Db): PurchaseSuggestionStore {
  return {
    async record({ patronId, query, branchCode, channel, now }) {
      const since = new Date(now.getTime() - 86_400_000);
      const existing = await db.purchaseSuggestion.findFirst({ where: { patronId, query, createdAt: { gte: since } } });
      if (existing) return false;
      await db.purchaseSuggestion.create({ data: { patronId, query: query.slice(0, 300), branchCode, channel, createdAt: now } });
      return true;
    },
    listFor: (patronId) => db.purchaseSuggestion.findMany({ where: { patronId }, orderBy: { createdAt: "asc" }, select: { query: true, createdAt: true } }),
  };
}
