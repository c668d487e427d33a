// One Meilisearch document per BibRecord. Availability is computed here from the items, so a
// search answers "is it on the shelf, where, and when is it back" without touching PostgreSQL.
import type { Availability, CatalogueHit } from "../api/catalogue/types.js";
import type { Lexicon } from "./lexicon.js";
import { foldedText } from "./spelling.js";

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

/** What a search hit shows (CatalogueHit) plus what the index filters and searches on. */
export type CatalogueDocument = CatalogueHit & {
  isbns: string[];
  language: string | null;
  subjects: string[];
  series: string | null;
  summary: string | null;
  /** Branch codes holding any copy, for the `branch` filter. */
  branches: string[];
  /** Branch codes with a copy on the shelf now, for `available` within a branch. */
  availableBranches: string[];
  available: boolean;
  availableCount: number;
  /** What Meilisearch searches (the fields above are only shown and filtered). */
  search: SearchFields;
};

/**
 * Every searchable text, folded like every query (search/spelling.ts). Folding only an extra copy
 * did not work: a folded query ("sejarah" reads "seyarah") then missed the original title and only
 * matched the copy, ranking a modern-spelled title below any English title that matched directly.
 * The "Alt" fields hold vocabulary forms and rank right behind the field they belong to.
 *
 * The "Syn" fields (and the Alt fields and topics themselves) hold the synonym expansions of their
 * field (Lexicon.expansions): the vocabulary is applied here, once per record, rather than as
 * Meilisearch's query-time synonyms, which cost about 9 ms of its CPU per query with 3,681 entries.
 */
export type SearchFields = {
  title: string;
  titleSyn: string[];
  subtitle: string;
  subtitleSyn: string[];
  /** Other titles from titles.json (translations, nicknames, abbreviations). */
  titleAlt: string[];
  authors: string[];
  /** Authors in direct order ("andrea hirata") and their authors.json variants. */
  authorsAlt: string[];
  subjects: string[];
  /** Indonesian and English terms of subjects.json entries the title or subject headings name. */
  topics: string[];
  series: string;
  seriesSyn: string[];
  publisher: string;
  publisherSyn: string[];
  summary: string;
  summarySyn: string[];
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

/** Vocabulary forms of a field followed by the synonym expansions of `texts`, without repeats. */
function withExpansions(forms: string[], texts: string[], lexicon: Lexicon): string[] {
  return [...new Set([...forms, ...texts.flatMap((t) => lexicon.expansions(t))])];
}

/** Builds the index document of one record; the lexicon adds folded spellings and vocabulary forms. */
export function toDocument(row: RecordRow, lexicon: Lexicon): CatalogueDocument {
  const availability = availabilityOf(row.items);
  const availableBranches = availability.filter((a) => a.available > 0).map((a) => a.branch);
  const availableCount = availability.reduce((n, a) => n + a.available, 0);
  const titleForms = lexicon.titleForms(row.title, row.subtitle);
  const authorForms = lexicon.authorForms(row.authors);
  const topics = lexicon.topicTerms(row.title, row.subjects);
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
    search: {
      title: foldedText(row.title),
      titleSyn: lexicon.expansions(row.title),
      subtitle: foldedText(row.subtitle ?? ""),
      subtitleSyn: lexicon.expansions(row.subtitle ?? ""),
      titleAlt: withExpansions(titleForms, titleForms, lexicon),
      authors: row.authors.map(foldedText),
      // The catalogue's inverted names rarely hold a phrase; their direct-order forms do.
      authorsAlt: withExpansions(authorForms, [...row.authors, ...authorForms], lexicon),
      subjects: row.subjects.map(foldedText),
      // Subject headings' expansions rank with the topics found in them.
      topics: withExpansions(topics, [...row.subjects, ...topics], lexicon),
      series: foldedText(row.series ?? ""),
      seriesSyn: lexicon.expansions(row.series ?? ""),
      publisher: foldedText(row.publisher ?? ""),
      publisherSyn: lexicon.expansions(row.publisher ?? ""),
      summary: foldedText(row.summary ?? ""),
      summarySyn: lexicon.expansions(row.summary ?? ""),
    },
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
