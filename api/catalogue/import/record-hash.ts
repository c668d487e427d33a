import crypto from "node:crypto";
import type { MappedRecord } from "./types.js";

// Bump when the mapping changes meaning, so the next import rewrites records mapped the old way.
const MAPPING_VERSION = 1;

/**
 * Hash of everything the import writes for a record (fields and copies with their resolved
 * branch), so a re-import can tell "unchanged" and skip the write.
 */
export function recordHash(record: MappedRecord, branchOf: (code: string | null) => string): string {
  const items = record.items
    .map((i) => [i.barcode, branchOf(i.branch), i.status, i.dueDate, i.callNumber] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const payload = [
    MAPPING_VERSION,
    record.title,
    record.subtitle,
    record.authors,
    record.publisher,
    record.place,
    record.year,
    record.isbns,
    record.language,
    record.subjects,
    record.series,
    record.edition,
    record.pages,
    record.callNumber,
    record.format,
    record.summary,
    record.ebookUrl,
    items,
  ];
  return crypto.createHash("sha1").update(JSON.stringify(payload)).digest("base64url");
}
