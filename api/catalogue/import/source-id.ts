import crypto from "node:crypto";

/** Longest source id or barcode we store; PostgreSQL's unique btree index rows must stay small. */
export const MAX_KEY_LENGTH = 200;

const fold = (s: string | null | undefined) =>
  (s ?? "")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/**
 * A stable id for records whose catalogue exports none (SLiMS CSV and SLiMS MARC have no 001):
 * a hash of what identifies an edition, so the same record gets the same id on every import.
 * Changing the title or edition in the library system makes it a new record.
 */
export function deriveSourceId(r: { title: string; subtitle: string | null; edition: string | null; year: number | null; isbns: string[]; authors: string[]; publisher: string | null }): string {
  const key = [r.title, r.subtitle, r.edition, r.year === null ? "" : String(r.year), r.isbns[0] ?? "", r.authors[0] ?? "", r.publisher].map(fold).join("|");
  return `derived:${crypto.createHash("sha1").update(key).digest("hex").slice(0, 20)}`;
}
