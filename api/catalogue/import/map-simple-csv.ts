import { SIMPLE_COLUMNS, type SimpleColumn } from "./csv-columns.js";
import { filledWidth } from "./csv-reader.js";
import { collectIsbns } from "./isbn.js";
import { parseDueDate, parseItemStatus } from "./item-status.js";
import { normalizeLanguage } from "./language.js";
import { parseRecordFormat } from "./record-format.js";
import { deriveSourceId, MAX_KEY_LENGTH } from "./source-id.js";
import { cleanText, parsePages, parseYear, splitList } from "./text-clean.js";
import type { Issue, ItemStatus, MappedItem, MappedRecord } from "./types.js";

/** Column positions of a simple-CSV header; unknown columns are ignored. */
export type SimpleHeader = { index: Partial<Record<SimpleColumn, number>>; width: number };

/** Reads the header row of our simple CSV. */
export function simpleHeader(keys: string[]): SimpleHeader {
  const index: Partial<Record<SimpleColumn, number>> = {};
  keys.forEach((k, i) => {
    if ((SIMPLE_COLUMNS as readonly string[]).includes(k) && index[k as SimpleColumn] === undefined) index[k as SimpleColumn] = i;
  });
  return { index, width: keys.length };
}

function holdings(raw: string | null, issues: Issue[]): MappedItem[] {
  const items: MappedItem[] = [];
  for (const entry of splitList(raw, ";")) {
    const [branch, barcode, statusText, dueText] = entry.split("|").map((p) => p.trim());
    if (!barcode) {
      issues.push({ field: "holdings", problem: `"${entry}" has no barcode (BRANCH|BARCODE|STATUS|DUE); copy skipped`, dropped: "item" });
      continue;
    }
    if (barcode.length > MAX_KEY_LENGTH) {
      issues.push({ field: "holdings", problem: `barcode longer than ${MAX_KEY_LENGTH} characters; copy skipped`, dropped: "item" });
      continue;
    }
    const stated = parseItemStatus(statusText);
    if (stated === undefined) {
      issues.push({ field: "holdings", problem: `unknown status "${statusText}" for ${barcode} (available, on_loan, reserved, lost, repair); copy skipped`, dropped: "item" });
      continue;
    }
    const status: ItemStatus = stated ?? "available";
    let dueDate: string | null = null;
    if (dueText) {
      const due = parseDueDate(dueText);
      if (!due.ok) issues.push({ field: "holdings", problem: `${due.problem} for ${barcode}; due date dropped`, dropped: "field" });
      else if (status !== "on_loan") issues.push({ field: "holdings", problem: `due date for ${barcode} ignored: the copy is ${status}, not on_loan`, dropped: "field" });
      else dueDate = due.date;
    }
    items.push({ barcode, branch: cleanText(branch), status, dueDate, callNumber: null });
  }
  return items;
}

/** Maps one row of our simple CSV; a row without a title maps to null. */
export function mapSimpleRow(header: SimpleHeader, cells: string[]): { value: MappedRecord | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const used = filledWidth(cells);
  if (used > header.width) {
    issues.push({ field: "row", problem: `row has ${used} values but the header has ${header.width} columns (an unquoted comma?); record skipped`, dropped: "record" });
    return { value: null, issues };
  }
  const get = (c: SimpleColumn) => {
    const i = header.index[c];
    return i === undefined ? null : cleanText(cells[i]);
  };
  const title = get("title");
  if (!title) {
    issues.push({ field: "title", problem: "no title; record skipped", dropped: "record" });
    return { value: null, issues };
  }
  const isbns = collectIsbns(splitList(get("isbn"), /[;,]/), "isbn", issues);
  const yearText = get("year");
  const year = parseYear(yearText);
  if (yearText && year === null) issues.push({ field: "year", problem: `"${yearText}" is not a year; dropped`, dropped: "field" });
  const pagesText = get("pages");
  const pages = parsePages(pagesText);
  if (pagesText && pages === null) issues.push({ field: "pages", problem: `"${pagesText}" is not a page count; dropped`, dropped: "field" });
  const formatText = get("format");
  let format = parseRecordFormat(formatText);
  if (format === undefined) {
    issues.push({ field: "format", problem: `unknown format "${formatText}"; stored as book`, dropped: "field" });
    format = null;
  }
  let ebookUrl = get("ebook_url");
  if (ebookUrl && !/^https?:\/\/\S+$/i.test(ebookUrl)) {
    issues.push({ field: "ebook_url", problem: `"${ebookUrl}" is not an http(s) link; dropped`, dropped: "field" });
    ebookUrl = null;
  }
  const value: MappedRecord = {
    sourceId: "",
    title,
    subtitle: get("subtitle"),
    authors: splitList(get("authors")),
    publisher: get("publisher"),
    place: get("place"),
    year,
    isbns,
    language: normalizeLanguage(get("language")),
    subjects: splitList(get("subjects")),
    series: get("series"),
    edition: get("edition"),
    pages,
    callNumber: get("call_number"),
    format: format ?? (ebookUrl && !get("holdings") ? "ebook" : "book"),
    summary: get("summary"),
    ebookUrl,
    items: holdings(get("holdings"), issues),
  };
  const id = get("source_id");
  if (id && id.length > MAX_KEY_LENGTH) {
    issues.push({ field: "source_id", problem: `longer than ${MAX_KEY_LENGTH} characters; record skipped`, dropped: "record" });
    return { value: null, issues };
  }
  value.sourceId = id ?? deriveSourceId(value);
  return { value, issues };
}
