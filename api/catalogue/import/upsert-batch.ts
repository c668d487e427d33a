import type { SqlRunner } from "./sql-runner.js";
import type { ItemStatus, MappedRecord } from "./types.js";

/** A record ready to store: mapped, hashed, its copies' branches resolved to ids. */
export type PreparedRecord = {
  value: MappedRecord;
  hash: string;
  items: { barcode: string; branchId: number; status: ItemStatus | null; dueDate: string | null; callNumber: string | null }[];
};

export type Existing = Map<string, { id: number; hash: string }>;

/** The stored id and content hash of these source ids. */
export async function findExisting(sql: SqlRunner, source: string, sourceIds: string[]): Promise<Existing> {
  const rows = await sql.query<{ id: number; sourceId: string; contentHash: string }>(
    `SELECT id, "sourceId", "contentHash" FROM "BibRecord" WHERE source = $1 AND "sourceId" = ANY($2::text[])`,
    [source, sourceIds],
  );
  return new Map(rows.map((r) => [r.sourceId, { id: r.id, hash: r.contentHash }]));
}

const RECORD_COLUMNS = `"sourceId" text, title text, subtitle text, authors text[], publisher text, place text, year int, isbns text[],
  language text, subjects text[], series text, edition text, pages int, "callNumber" text, format text, summary text, "ebookUrl" text,
  "contentHash" text`;
const ITEM_COLUMNS = `"sourceId" text, "branchId" int, barcode text, status text, "dueDate" date, "callNumber" text`;

// The whole batch in one statement (so one round trip and atomic without a transaction): the rows
// travel as JSON parameters (json, not jsonb: read once, no binary form to build) and PostgreSQL unpacks them. All parts see the table as it was before
// the statement, which is what "affected" (records that lose a copy to this batch) needs.
const WRITE_BATCH = `
WITH rec AS MATERIALIZED (
  INSERT INTO "BibRecord" (source, "sourceId", title, subtitle, authors, publisher, place, year, isbns, language, subjects,
    series, edition, pages, "callNumber", format, summary, "ebookUrl", "contentHash", "updatedAt")
  SELECT $1, r."sourceId", r.title, r.subtitle, COALESCE(r.authors, '{}'), r.publisher, r.place, r.year, COALESCE(r.isbns, '{}'),
    r.language, COALESCE(r.subjects, '{}'), r.series, r.edition, r.pages, r."callNumber", r.format, r.summary, r."ebookUrl",
    r."contentHash", now()
  FROM json_to_recordset($2::json) AS r(${RECORD_COLUMNS})
  ON CONFLICT (source, "sourceId") DO UPDATE SET
    title = EXCLUDED.title, subtitle = EXCLUDED.subtitle, authors = EXCLUDED.authors, publisher = EXCLUDED.publisher,
    place = EXCLUDED.place, year = EXCLUDED.year, isbns = EXCLUDED.isbns, language = EXCLUDED.language,
    subjects = EXCLUDED.subjects, series = EXCLUDED.series, edition = EXCLUDED.edition, pages = EXCLUDED.pages,
    "callNumber" = EXCLUDED."callNumber", format = EXCLUDED.format, summary = EXCLUDED.summary,
    "ebookUrl" = EXCLUDED."ebookUrl", "contentHash" = EXCLUDED."contentHash", "updatedAt" = now()
  RETURNING id, "sourceId", (xmax = 0) AS inserted
),
items AS (
  SELECT rec.id AS "recordId", i."branchId", i.barcode, i.status, i."dueDate", i."callNumber"
  FROM json_to_recordset($3::json) AS i(${ITEM_COLUMNS}) JOIN rec ON rec."sourceId" = i."sourceId"
),
affected AS (
  -- Probed through the barcode index; a join with the items above would scan the whole table.
  SELECT DISTINCT old."recordId" FROM "Item" old WHERE old.barcode = ANY($4::text[]) AND old."recordId" NOT IN (SELECT id FROM rec)
),
removed AS (
  DELETE FROM "Item" old USING rec WHERE old."recordId" = rec.id AND NOT EXISTS (SELECT 1 FROM items WHERE items.barcode = old.barcode)
),
stated AS (
  -- Copies whose file states branch and status: the file is the truth.
  INSERT INTO "Item" ("recordId", "branchId", barcode, status, "dueDate", "callNumber", "updatedAt")
  SELECT "recordId", "branchId", barcode, status::"ItemStatus", "dueDate", "callNumber", now() FROM items WHERE status IS NOT NULL
  ON CONFLICT (barcode) DO UPDATE SET "recordId" = EXCLUDED."recordId", "branchId" = EXCLUDED."branchId", status = EXCLUDED.status,
    "dueDate" = EXCLUDED."dueDate", "callNumber" = EXCLUDED."callNumber", "updatedAt" = now()
  WHERE ("Item"."recordId", "Item"."branchId", "Item".status, "Item"."dueDate", "Item"."callNumber")
    IS DISTINCT FROM (EXCLUDED."recordId", EXCLUDED."branchId", EXCLUDED.status, EXCLUDED."dueDate", EXCLUDED."callNumber")
),
listed AS (
  -- Copies listed by barcode only (SLiMS bibliography export): new ones start available at the
  -- default branch, existing ones keep their branch, status and due date.
  INSERT INTO "Item" ("recordId", "branchId", barcode, status, "dueDate", "callNumber", "updatedAt")
  SELECT "recordId", "branchId", barcode, 'available', NULL, "callNumber", now() FROM items WHERE status IS NULL
  ON CONFLICT (barcode) DO UPDATE SET "recordId" = EXCLUDED."recordId", "callNumber" = EXCLUDED."callNumber", "updatedAt" = now()
  WHERE ("Item"."recordId", "Item"."callNumber") IS DISTINCT FROM (EXCLUDED."recordId", EXCLUDED."callNumber")
)
SELECT id, inserted, false AS affected FROM rec
UNION ALL
SELECT "recordId", false, true FROM affected`;

export type WriteResult = { created: number[]; updated: number[]; /** other records that lost a copy to these */ affected: number[] };

/**
 * Writes new and changed records with their copies in one statement: upserts the records,
 * removes copies no longer listed for them, upserts the listed copies by barcode.
 */
export async function writeBatch(sql: SqlRunner, source: string, records: PreparedRecord[]): Promise<WriteResult> {
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
  const items = records.flatMap((r) =>
    r.items.map((i) => ({ sourceId: r.value.sourceId, branchId: i.branchId, barcode: i.barcode, status: i.status, dueDate: i.dueDate, callNumber: i.callNumber })),
  );
  const barcodes = items.map((i) => i.barcode);
  const result = await sql.query<{ id: number; inserted: boolean; affected: boolean }>(WRITE_BATCH, [source, JSON.stringify(rows), JSON.stringify(items), barcodes]);
  const out: WriteResult = { created: [], updated: [], affected: [] };
  for (const r of result) (r.affected ? out.affected : r.inserted ? out.created : out.updated).push(r.id);
  return out;
}
