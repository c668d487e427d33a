// The record page always reads PostgreSQL: it is one row and must show the loan state of now,
// whatever state the search index is in.
import type { Db } from "../db/prisma.js";
import { availabilityOf } from "../../search/catalogue-document.js";
import type { ItemDetails, RecordDetails } from "./types.js";

const day = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);

/** The full record with its items, or null when there is no record with this id. */
export async function recordDetails(db: Db, id: number): Promise<RecordDetails | null> {
  const r = await db.bibRecord.findUnique({
    where: { id },
    include: { items: { include: { branch: { select: { code: true, name: true } } }, orderBy: [{ branchId: "asc" }, { barcode: "asc" }] } },
  });
  if (!r) return null;
  const items: ItemDetails[] = r.items.map((i) => ({
    barcode: i.barcode,
    branch: i.branch.code,
    branchName: i.branch.name,
    status: i.status,
    // A DATE column arrives as midnight UTC, so the UTC day is the stored day.
    dueDate: day(i.dueDate),
    callNumber: i.callNumber ?? r.callNumber,
  }));
  return {
    id: r.id,
    title: r.title,
    subtitle: r.subtitle,
    authors: r.authors,
    year: r.year,
    publisher: r.publisher,
    isbn: r.isbns[0] ?? null,
    isbns: r.isbns,
    callNumber: r.callNumber,
    format: r.format,
    ebookUrl: r.ebookUrl,
    place: r.place,
    edition: r.edition,
    pages: r.pages,
    language: r.language,
    subjects: r.subjects,
    series: r.series,
    summary: r.summary,
    availability: availabilityOf(items),
    items,
  };
}
