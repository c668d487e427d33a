// Each patron's reference list ("daftar pustaka"): sources collected from search results, record
// details or typed metadata, kept as CSL-JSON snapshots so exports never change under them.
import type { Db } from "../db/prisma.js";
import { Prisma } from "../db/prisma.js";
import type { CslItem } from "./csl-types.js";

/** A thesis rarely cites more; the cap keeps one patron from filling the table. */
export const MAX_LIST_ITEMS = 200;

/** The list already holds MAX_LIST_ITEMS sources. */
export class BibliographyFullError extends Error {
  constructor(readonly max: number) {
    super(`the reference list is full (${max} sources)`);
    this.name = "BibliographyFullError";
  }
}

export type BibliographyEntry = { id: number; key: string; recordId: number | null; title: string; item: CslItem; createdAt: Date };

export type BibliographyList = {
  /** Adds a source; adding the same one again changes nothing (added: false). */
  add(patronId: number, item: CslItem, recordId: number | null): Promise<{ added: boolean; count: number }>;
  /** The list in the order the sources were added. */
  list(patronId: number): Promise<BibliographyEntry[]>;
  count(patronId: number): Promise<number>;
  /** Removes one source by its entry id; false when it was not in this patron's list. */
  remove(patronId: number, entryId: number): Promise<boolean>;
  /** Empties the list; returns how many sources were removed. */
  clear(patronId: number): Promise<number>;
};

/** The list stored in BibliographyItem. */
export function createBibliographyList(db: Db, opts: { max?: number } = {}): BibliographyList {
  const max = opts.max ?? MAX_LIST_ITEMS;
  const count = (patronId: number) => db.bibliographyItem.count({ where: { patronId } });
  return {
    count,
    async add(patronId, item, recordId) {
      const existing = await db.bibliographyItem.findUnique({ where: { patronId_key: { patronId, key: item.id } }, select: { id: true } });
      if (existing) return { added: false, count: await count(patronId) };
      const before = await count(patronId);
      if (before >= max) throw new BibliographyFullError(max);
      try {
        await db.bibliographyItem.create({
          data: { patronId, key: item.id, recordId, title: item.title.slice(0, 500), csl: item as unknown as Prisma.InputJsonValue },
        });
      } catch (err) {
        // Two taps on the same button at once: the unique key lets only one through.
        if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") return { added: false, count: await count(patronId) };
        throw err;
      }
      return { added: true, count: before + 1 };
    },
    async list(patronId) {
      const rows = await db.bibliographyItem.findMany({ where: { patronId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      return rows.map((r) => ({ id: r.id, key: r.key, recordId: r.recordId, title: r.title, item: r.csl as unknown as CslItem, createdAt: r.createdAt }));
    },
    async remove(patronId, entryId) {
      const { count: n } = await db.bibliographyItem.deleteMany({ where: { id: entryId, patronId } });
      return n > 0;
    },
    async clear(patronId) {
      const { count: n } = await db.bibliographyItem.deleteMany({ where: { patronId } });
      return n;
    },
  };
}
