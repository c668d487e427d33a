// Column sets of the two CSV dialects; detection and mapping both read them from here.

/** Our own simple CSV (docs/import.md). */
export const SIMPLE_COLUMNS = [
  "source_id",
  "title",
  "subtitle",
  "authors",
  "publisher",
  "place",
  "year",
  "isbn",
  "language",
  "subjects",
  "series",
  "edition",
  "pages",
  "call_number",
  "format",
  "summary",
  "ebook_url",
  "holdings",
] as const;
export type SimpleColumn = (typeof SIMPLE_COLUMNS)[number];

/**
 * SLiMS 9 "Export bibliographic data" (admin/modules/bibliography/export.php): these columns in
 * this order, the header row optional. Authors, topics and item codes are written as "<a><b>".
 */
export const SLIMS_COLUMNS = [
  "title",
  "gmd_name",
  "edition",
  "isbn_issn",
  "publisher_name",
  "publish_year",
  "collation",
  "series_title",
  "call_number",
  "language_name",
  "place_name",
  "classification",
  "notes",
  "image",
  "sor",
  "authors",
  "topics",
  "item_code",
] as const;
export type SlimsColumn = (typeof SLIMS_COLUMNS)[number];

/** Columns that only a SLiMS export has; a header with title and two of these is SLiMS. */
export const SLIMS_MARKERS: readonly string[] = ["gmd_name", "isbn_issn", "publisher_name", "publish_year", "collation", "series_title", "language_name", "place_name", "item_code", "topics", "sor"];

/** Header cell as compared: lower-case, spaces and hyphens as "_". */
export function headerKey(cell: string): string {
  return cell
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}
