// One Meilisearch document per BibRecord. Availability is computed here from the items, so a
// search answers "is it on the shelf, where, and when is it back" without touching PostgreSQL.
import type { Availability, CatalogueHit } from "../api/catalogue/types.js";
import type { Lexicon } from "./lexicon.js";
import { foldedText, plainText } from "./spelling.js";

export type ItemRow = { branch: string; branchName: string; status: string; dueDate: string | null };

/** A BibRecord with its items as read for indexing (see record-rows.ts). */
export type RecordRow = {
  id: number;
  title: string;
  subtitle: string | null;
  authors: string[];
  publisher: string | null;
  year: number | null;
  isbns: string[];
  language: string | null;
  subjects: string[];
  series: string | null;
  callNumber: string | null;
  format: string;
  summary: string | null;
  ebookUrl: string | null;
  items: ItemRow[];
};

export type CatalogueDocument = {
  id: number;
  title: string;
  subtitle: string | null;
  authors: string[];
  year: number | null;
  publisher: string | null;
  isbn: string | null;
  isbns: string[];
  callNumber: string | null;
  format: string;
  ebookUrl: string | null;
  language: string | null;
  subjects: string[];
  series: string | null;
  summary: string | null;
  availability: Availability[];
  /** Branch codes holding any copy, for the `branch` filter. */
  branches: string[];
  /** Branch codes with a copy on the shelf now, for `available` within a branch. */
  availableBranches: string[];
  available: boolean;
  availableCount: number;
  // Search-only fields, folded like every query: old/new spellings and vocabulary forms; never shown.
  titleAlt: string[];
  authorsAlt: string[];
  topics: string[];
  otherAlt: string[];
};

/** The fields a hit is built from; everything else stays in the index. */
export const HIT_ATTRIBUTES = [
  "id", "title", "subtitle", "authors", "year", "publisher", "isbn", "callNumber", "format", "ebookUrl", "availability",
] as const satisfies readonly (keyof CatalogueDocument)[];

// A lost copy is no longer held by the branch; every other status is a copy a resident can wait for.
const NOT_HELD = new Set(["lost"]);

/** Copies per branch: total, on the shelf, and the earliest due date when none is on the shelf. */
export function availabilityOf(items: ItemRow[]): Availability[] {
  const byBranch = new Map<string, Availability & { earliest: string | null }>();
  for (const item of items) {
    if (NOT_HELD.has(item.status)) continue;
    const a = byBranch.get(item.branch) ?? { branch: item.branch, branchName: item.branchName, total: 0, available: 0, nextDue: null, earliest: null };
    a.total += 1;
    if (item.status === "available") a.available += 1;
    if (item.dueDate && (a.earliest === null || item.dueDate < a.earliest)) a.earliest = item.dueDate;
    byBranch.set(item.branch, a);
  }
  return [...byBranch.values()]
    .sort((x, y) => (x.branch < y.branch ? -1 : x.branch > y.branch ? 1 : 0))
    .map(({ earliest, ...a }) => ({ ...a, nextDue: a.available === 0 ? earliest : null }));
}

function foldedIfDifferent(values: (string | null)[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (!v) continue;
    const f = foldedText(v);
    if (f && f !== plainText(v)) out.push(f);
  }
  return out;
}

/** Builds the index document of one record; the lexicon adds folded spellings and vocabulary forms. */
export function toDocument(row: RecordRow, lexicon: Lexicon): CatalogueDocument {
  const availability = availabilityOf(row.items);
  const availableBranches = availability.filter((a) => a.available > 0).map((a) => a.branch);
  const availableCount = availability.reduce((n, a) => n + a.available, 0);
  return {
    id: row.id,
    title: row.title,
    subtitle: row.subtitle,
    authors: row.authors,
    year: row.year,
    publisher: row.publisher,
    isbn: row.isbns[0] ?? null,
    isbns: row.isbns,
    callNumber: row.callNumber,
    format: row.format,
    ebookUrl: row.ebookUrl,
    language: row.language,
    subjects: row.subjects,
    series: row.series,
    summary: row.summary,
    availability,
    branches: availability.map((a) => a.branch),
    availableBranches,
    available: availableCount > 0,
    availableCount,
    titleAlt: [...new Set([...foldedIfDifferent([row.title, row.subtitle]), ...lexicon.titleForms(row.title, row.subtitle)])],
    authorsAlt: lexicon.authorForms(row.authors),
    topics: [...new Set([...foldedIfDifferent(row.subjects), ...lexicon.topicTerms(row.title, row.subjects)])],
    // Not the summary: doubling the longest field slowed indexing for matches that rank last anyway.
    otherAlt: foldedIfDifferent([row.series, row.publisher]),
  };
}

/** The API shape of a document (or of a PostgreSQL row turned into one). */
export function toHit(doc: Pick<CatalogueDocument, (typeof HIT_ATTRIBUTES)[number]>): CatalogueHit {
  return {
    id: doc.id,
    title: doc.title,
    subtitle: doc.subtitle ?? null,
    authors: doc.authors ?? [],
    year: doc.year ?? null,
    publisher: doc.publisher ?? null,
    isbn: doc.isbn ?? null,
    callNumber: doc.callNumber ?? null,
    format: doc.format,
    ebookUrl: doc.ebookUrl ?? null,
    availability: doc.availability ?? [],
  };
}

/** A hit straight from a PostgreSQL row (the fallback path, no index involved). */
export function rowToHit(row: RecordRow): CatalogueHit {
  return toHit({ ...row, isbn: row.isbns[0] ?? null, availability: availabilityOf(row.items) });
}
