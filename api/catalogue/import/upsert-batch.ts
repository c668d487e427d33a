import type { Db } from "../../db/prisma.js";
import type { ItemStatus, MappedRecord } from "./types.js";

/** A record ready to store: mapped, hashed, its copies' branches resolved to ids. */
export type PreparedRecord = {
  value: MappedRecord;
  hash: string;
  items: { barcode: string; branchId: number; status: ItemStatus | null; dueDate: string | null; callNumber: string | null }[];
};

export type Existing = Map<string, { id: number; hash: string }>;

/** The stored id and content hash of these source ids. */
export async function findExisting(db: Db, source: string, sourceIds: string[]): Promise<Existing> {
  const rows = await db.$queryRawUnsafe<{ id: number; sourceId: string; contentHash: string }[]>(
    `SELECT id, "sourceId", "contentHash" FROM "BibRecord" WHERE source = $1 AND "sourceId" = ANY($2::text[])`,
    source,
    sourceIds,
  );
  return new Map(rows.map((r) => [r.sourceId, { id: r.id, hash: r.contentHash }]));
}

// One statement per batch: the rows travel as one JSON parameter and PostgreSQL unpacks them.
const UPSERT_RECORDS = `
INSERT INTO "BibRecord" (source, "sourceId", title, subtitle, authors, publisher, place, year, isbns, language, subjects,
  series, edition, pages, "callNumber", format, summary, "ebookUrl", "contentHash", "updatedAt")
SELECT $1, r."sourceId", r.title, r.subtitle, COALESCE(r.authors, '{}'), r.publisher, r.place, r.year, COALESCE(r.isbns, '{}'),
  r.language, COALESCE(r.subjects, '{}'), r.series, r.edition, r.pages, r."callNumber", r.format, r.summary, r."ebookUrl", r."contentHash", now()
FROM jsonb_to_recordset($2::jsonb) AS r("sourceId" text, title text, subtitle text, authors text[], publisher text, place text,
  year int, isbns text[], language text, subjects text[], series text, edition text, pages int, "callNumber" text, format text,
  summary text, "ebookUrl" text, "contentHash" text)
ON CONFLICT (source, "sourceId") DO UPDATE SET
  title = EXCLUDED.title, subtitle = EXCLUDED.subtitle, authors = EXCLUDED.authors, publisher = EXCLUDED.publisher,
  place = EXCLUDED.place, year = EXCLUDED.year, isbns = EXCLUDED.isbns, language = EXCLUDED.language,
  subjects = EXCLUDED.subjects, series = EXCLUDED.series, edition = EXCLUDED.edition, pages = EXCLUDED.pages,
  "callNumber" = EXCLUDED."callNumber", format = EXCLUDED.format, summary = EXCLUDED.summary,
  "ebookUrl" = EXCLUDED."ebookUrl", "contentHash" = EXCLUDED."contentHash", "updatedAt" = now()
RETURNING id, "sourceId", (xmax = 0) AS inserted`;

const ITEM_ROWS = `jsonb_to_recordset($1::jsonb) AS r("recordId" int, "branchId" int, barcode text, status text, "dueDate" date, "callNumber" text)`;

// Copies whose file states branch and status: the file is the truth.
const UPSERT_ITEMS = `
INSERT INTO "Item" ("recordId", "branchId", barcode, status, "dueDate", "callNumber", "updatedAt")
SELECT r."recordId", r."branchId", r.barcode, r.status::"ItemStatus", r."dueDate", r."callNumber", now() FROM ${ITEM_ROWS}
ON CONFLICT (barcode) DO UPDATE SET "recordId" = EXCLUDED."recordId", "branchId" = EXCLUDED."branchId", status = EXCLUDED.status,
  "dueDate" = EXCLUDED."dueDate", "callNumber" = EXCLUDED."callNumber", "updatedAt" = now()
WHERE ("Item"."recordId", "Item"."branchId", "Item".status, "Item"."dueDate", "Item"."callNumber")
  IS DISTINCT FROM (EXCLUDED."recordId", EXCLUDED."branchId", EXCLUDED.status, EXCLUDED."dueDate", EXCLUDED."callNumber")`;

// Copies listed by barcode only (SLiMS bibliography export): new ones start available at the default branch,
// existing ones keep branch, status and due date.
const UPSERT_BARCODES = `
INSERT INTO "Item" ("recordId", "branchId", barcode, status, "dueDate", "callNumber", "updatedAt")
SELECT r."recordId", r."branchId", r.barcode, 'available', NULL, r."callNumber", now() FROM ${ITEM_ROWS}
ON CONFLICT (barcode) DO UPDATE SET "recordId" = EXCLUDED."recordId", "callNumber" = EXCLUDED."callNumber", "updatedAt" = now()
WHERE ("Item"."recordId", "Item"."callNumber") IS DISTINCT FROM (EXCLUDED."recordId", EXCLUDED."callNumber")`;

export type WriteResult = { created: number[]; updated: number[]; /** other records that lost a copy to these */ affected: number[] };

/**
 * Writes new and changed records with their copies in one transaction: upserts the records,
 * removes copies no longer listed for them, upserts the listed copies by barcode.
 */
export async function writeBatch(db: Db, source: string, records: PreparedRecord[]): Promise<WriteResult> {
  const rows = records.map((r) => ({
    sourceId: r.value.sourceId,
    title: r.value.title,
    subtitle: r.value.subtitle,
    authors: r.value.authors,
    publisher: r.value.publisher,
    place: r.value.place,
    year: r.value.year,
    isbns: r.value.isbns,
    language: r.value.language,
    subjects: r.value.subjects,
    series: r.value.series,
    edition: r.value.edition,
    pages: r.value.pages,
    callNumber: r.value.callNumber,
    format: r.value.format,
    summary: r.value.summary,
    ebookUrl: r.value.ebookUrl,
    contentHash: r.hash,
  }));
  return db.$transaction(
    async (tx) => {
      const stored = await tx.$queryRawUnsafe<{ id: number; sourceId: string; inserted: boolean }[]>(UPSERT_RECORDS, source, JSON.stringify(rows));
      const idOf = new Map(stored.map((s) => [s.sourceId, s.id]));
      const ids = stored.map((s) => s.id);
      const full: object[] = [];
      const partial: object[] = [];
      const barcodes: string[] = [];
      for (const r of records) {
        const recordId = idOf.get(r.value.sourceId)!;
        for (const i of r.items) {
          barcodes.push(i.barcode);
          const row = { recordId, branchId: i.branchId, barcode: i.barcode, status: i.status, dueDate: i.dueDate, callNumber: i.callNumber };
          (i.status === null ? partial : full).push(row);
        }
      }
      const affected = barcodes.length
        ? await tx.$queryRawUnsafe<{ recordId: number }[]>(
            `SELECT DISTINCT "recordId" FROM "Item" WHERE barcode = ANY($1::text[]) AND NOT ("recordId" = ANY($2::int[]))`,
            barcodes,
            ids,
          )
        : [];
      await tx.$executeRawUnsafe(`DELETE FROM "Item" WHERE "recordId" = ANY($1::int[]) AND NOT (barcode = ANY($2::text[]))`, ids, barcodes);
      if (full.length) await tx.$executeRawUnsafe(UPSERT_ITEMS, JSON.stringify(full));
      if (partial.length) await tx.$executeRawUnsafe(UPSERT_BARCODES, JSON.stringify(partial));
      return {
        created: stored.filter((s) => s.inserted).map((s) => s.id),
        updated: stored.filter((s) => !s.inserted).map((s) => s.id),
        affected: affected.map((a) => a.recordId),
      };
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}
