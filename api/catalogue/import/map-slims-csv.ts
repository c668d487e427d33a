import { SLIMS_COLUMNS, type SlimsColumn } from "./csv-columns.js";
import { filledWidth } from "./csv-reader.js";
import { collectIsbns } from "./isbn.js";
import { normalizeLanguage } from "./language.js";
import { parseRecordFormat } from "./record-format.js";
import { deriveSourceId, MAX_KEY_LENGTH } from "./source-id.js";
import { cleanText, parsePages, parseYear, splitList } from "./text-clean.js";
import type { Issue, MappedItem, MappedRecord } from "./types.js";

/** Column positions of a SLiMS export: from its header row, or SLiMS's fixed order when it has none. */
export type SlimsHeader = { index: Partial<Record<SlimsColumn, number>>; width: number };

/** Reads a SLiMS header row (null: the export has no header, columns are in SLiMS's order). */
export function slimsHeader(keys: string[] | null): SlimsHeader {
  const names = keys ?? [...SLIMS_COLUMNS];
  const index: Partial<Record<SlimsColumn, number>> = {};
  names.forEach((k, i) => {
    if ((SLIMS_COLUMNS as readonly string[]).includes(k) && index[k as SlimsColumn] === undefined) index[k as SlimsColumn] = i;
  });
  // SLiMS ends the header with a separator, so it has one empty column more than the rows.
  return { index, width: names.filter((k) => k !== "").length };
}

/** SLiMS writes lists as "<Hirata, Andrea><Someone>"; a plain value is a ";"-separated list. */
export function slimsList(raw: string | null): string[] {
  if (!raw) return [];
  if (!raw.includes("<")) return splitList(raw, ";");
  const out: string[] = [];
  for (const m of raw.matchAll(/<([^<>]*)>/g)) {
    const v = cleanText(m[1]);
    if (v !== null && !out.includes(v)) out.push(v);
  }
  return out;
}

// csv-parse keeps the quotes of a field it had to read leniently (SLiMS does not double inner quotes).
function unquote(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const v = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  return cleanText(v);
}

/** Maps one row of a SLiMS bibliography export; a row without a title maps to null. */
export function mapSlimsRow(header: SlimsHeader, cells: string[]): { value: MappedRecord | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const get = (c: SlimsColumn) => {
    const i = header.index[c];
    return i === undefined ? null : unquote(cells[i]);
  };
  const used = filledWidth(cells);
  if (used > header.width) {
    issues.push({ field: "row", problem: `row has ${used} values but the export has ${header.width} columns (check the field separator); record skipped`, dropped: "record" });
    return { value: null, issues };
  }
  const fullTitle = get("title");
  if (!fullTitle) {
    issues.push({ field: "title", problem: "no title; record skipped", dropped: "record" });
    return { value: null, issues };
  }
  // SLiMS keeps "Title : subtitle" in one field; its own MARC export splits it the same way.
  const colon = fullTitle.indexOf(" : ");
  const title = colon > 0 ? fullTitle.slice(0, colon).trim() : fullTitle;
  const subtitle = colon > 0 ? cleanText(fullTitle.slice(colon + 3)) : null;
  const isbns = collectIsbns(splitList(get("isbn_issn"), /[;,]|\s\/\s/), "isbn_issn", issues);
  const yearText = get("publish_year");
  const year = parseYear(yearText);
  if (yearText && year === null) issues.push({ field: "publish_year", problem: `"${yearText}" is not a year; dropped`, dropped: "field" });
  const callNumber = get("call_number") ?? get("classification");
  const items: MappedItem[] = [];
  for (const code of slimsList(get("item_code"))) {
    if (code.length > MAX_KEY_LENGTH) {
      issues.push({ field: "item_code", problem: `item code longer than ${MAX_KEY_LENGTH} characters; copy skipped`, dropped: "item" });
      continue;
    }
    // The bibliography export lists item codes only: branch and status stay as they are (or the defaults for new copies).
    items.push({ barcode: code, branch: null, status: null, dueDate: null, callNumber });
  }
  const value: MappedRecord = {
    sourceId: "",
    title,
    subtitle,
    authors: slimsList(get("authors")),
    publisher: get("publisher_name"),
    place: get("place_name"),
    year,
    isbns,
    language: normalizeLanguage(get("language_name")),
    subjects: slimsList(get("topics")),
    series: get("series_title"),
    edition: get("edition"),
    pages: parsePages(get("collation")),
    callNumber,
    format: parseRecordFormat(get("gmd_name")) ?? (get("gmd_name") ? "other" : "book"),
    summary: get("notes"),
    ebookUrl: null,
    items,
  };
  value.sourceId = deriveSourceId(value);
  return { value, issues };
}
