// Reads records with their items in one round trip per batch: the reindex of a large catalogue
// is dominated by this query, so it aggregates items in SQL instead of loading Prisma relations.
import { Prisma, type Db } from "../api/db/prisma.js";
import type { ItemRow, RecordRow } from "./catalogue-document.js";

type RawRow = Omit<RecordRow, "items"> & { items: ItemRow[] | string | null };

const SELECT = Prisma.sql`
  SELECT r.id, r.title, r.subtitle, r.authors, r.publisher, r.year, r.isbns, r.language, r.subjects,
         r.series, r."callNumber", r.format, r.summary, r."ebookUrl",
         (SELECT json_agg(json_build_object(
                   'branch', b.code, 'branchName', b.name, 'status', i.status::text,
                   'dueDate', to_char(i."dueDate", 'YYYY-MM-DD')))
            FROM "Item" i JOIN "Branch" b ON b.id = i."branchId"
           WHERE i."recordId" = r.id) AS items
    FROM "BibRecord" r`;

function clean(rows: RawRow[]): RecordRow[] {
  return rows.map((r) => ({
    ...r,
    authors: r.authors ?? [],
    isbns: r.isbns ?? [],
    subjects: r.subjects ?? [],
    items: typeof r.items === "string" ? (JSON.parse(r.items) as ItemRow[]) : (r.items ?? []),
  }));
}

/** The records with these ids (missing ids are simply absent). */
export async function recordRowsById(db: Db, ids: number[]): Promise<RecordRow[]> {
  if (ids.length === 0) return [];
  return clean(await db.$queryRaw<RawRow[]>`${SELECT} WHERE r.id = ANY(${ids}::int[]) ORDER BY r.id`);
}

/** The next `limit` records after id `afterId`, in id order (keyset paging for a full reindex). */
export async function recordRowsAfter(db: Db, afterId: number, limit: number): Promise<RecordRow[]> {
  return clean(await db.$queryRaw<RawRow[]>`${SELECT} WHERE r.id > ${afterId} ORDER BY r.id LIMIT ${limit}`);
}

/** How many records PostgreSQL holds. */
export async function recordCount(db: Db): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint | number }[]>`SELECT count(*) AS n FROM "BibRecord"`;
  return Number(row?.n ?? 0);
}
