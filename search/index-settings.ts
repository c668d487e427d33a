// Index settings live in code so every environment (embedded, test, production) ranks the same.
import type { Meilisearch, Settings, WaitOptions } from "meilisearch";
import type { Logger } from "../api/logger.js";
import type { Lexicon } from "./lexicon.js";
import { assertSucceeded } from "./meili-errors.js";

/**
 * Order is ranking: a title match beats an author match beats a subject match. All are the folded
 * copies under `search` (see catalogue-document.ts); each "Alt" and "Syn" field holds vocabulary
 * forms or synonym expansions of the field before it and ranks right behind it, which is about where
 * a query-time synonym matching inside that field ranked.
 */
export const SEARCHABLE_ATTRIBUTES = [
  "search.title", "search.titleSyn", "search.subtitle", "search.subtitleSyn", "search.titleAlt",
  "search.authors", "search.authorsAlt",
  "search.subjects", "search.topics",
  "search.series", "search.seriesSyn", "search.publisher", "search.publisherSyn", "search.summary", "search.summarySyn",
];

export const FILTERABLE_ATTRIBUTES = ["branches", "availableBranches", "available", "language", "format", "year", "subjects", "isbns"];

// Only `year` is compared (yearFrom/yearTo); everything else is matched exactly. Telling
// Meilisearch so, and that no facet is searched, spares it index structures it would build
// for every document of a 100,000-record import.
const FILTERABLE_SETTINGS = [
  {
    attributePatterns: FILTERABLE_ATTRIBUTES.filter((a) => a !== "year"),
    features: { facetSearch: false, filter: { equality: true, comparison: false } },
  },
  { attributePatterns: ["year"], features: { facetSearch: false, filter: { equality: true, comparison: true } } },
];

export const SORTABLE_ATTRIBUTES = ["year", "title"];

export const FACET_ATTRIBUTES = ["branches", "language", "format", "available"];

/** The settings of the catalogue index for this vocabulary. */
export function catalogueSettings(lexicon: Lexicon): Settings {
  return {
    searchableAttributes: SEARCHABLE_ATTRIBUTES,
    filterableAttributes: FILTERABLE_SETTINGS,
    facetSearch: false,
    sortableAttributes: SORTABLE_ATTRIBUTES,
    displayedAttributes: [
      "id", "title", "subtitle", "authors", "year", "publisher", "isbn", "isbns", "callNumber", "format", "ebookUrl",
      "language", "subjects", "series", "summary", "availability", "branches", "availableBranches", "available", "availableCount",
    ],
    // Relevance first. "attribute" before "proximity": otherwise "laskar pelangi andrea hirata" ranks
    // the English translation first, whose summary says "...novel Laskar Pelangi karya Andrea Hirata".
    // Among equally relevant books the one on a shelf wins.
    rankingRules: ["words", "typo", "attribute", "proximity", "sort", "exactness", "availableCount:desc"],
    stopWords: [...lexicon.stopWords].sort(),
    // None: every synonym is expanded into the documents when they are built (Lexicon.expansions).
    // With the 3,681 entries of the vocabulary, Meilisearch 1.21 spent ~9 ms of CPU per query on them;
    // without, a query costs 1-2 ms. Everyday phrases stay a query rewrite (one-way, catalogue-query.ts).
    synonyms: {},
    typoTolerance: {
      enabled: true,
      // Short Indonesian words are one letter from other real words (kopi/topi, hati/hari, buku/bulu):
      // a typo allowance there turned "fake news" into an author "Nesi", so none below five letters.
      // Long derived words (pertanian, kebudayaan, perkembangan) are where people slip twice.
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 8 },
      disableOnNumbers: true,
      disableOnWords: [],
      disableOnAttributes: [],
    },
    faceting: { maxValuesPerFacet: 100 },
    pagination: { maxTotalHits: 10_000 },
  };
}

function canonical(value: unknown, key = ""): unknown {
  // Meilisearch returns sets (stop words, filterable) sorted its own way; order only matters for ranking lists.
  const ordered = key === "searchableAttributes" || key === "rankingRules" || key === "displayedAttributes";
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v));
    return ordered ? items : items.map((v) => JSON.stringify(v)).sort();
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k], k)]),
    );
  }
  return value;
}

/** The settings keys whose current value differs from the wanted one (empty when nothing to apply). */
export function settingsDiff(current: Settings, wanted: Settings): (keyof Settings)[] {
  const out: (keyof Settings)[] = [];
  for (const key of Object.keys(wanted) as (keyof Settings)[]) {
    const want = canonical(wanted[key], key);
    const have = canonical(current[key], key);
    if (key === "typoTolerance" || key === "faceting" || key === "pagination") {
      // Compare only what we set; the server adds fields of its own.
      const w = want as Record<string, unknown>;
      const h = (have ?? {}) as Record<string, unknown>;
      if (Object.keys(w).some((k) => JSON.stringify(w[k]) !== JSON.stringify(h[k]))) out.push(key);
    } else if (JSON.stringify(want) !== JSON.stringify(have)) out.push(key);
  }
  return out;
}

/** Sends only the settings of index `uid` that differ from `wanted` (logged with `message`) and waits until they apply; true when any differed. */
export async function applySettings(c: Meilisearch, uid: string, wanted: Settings, opts: { log: Logger; message: string; wait: WaitOptions }): Promise<boolean> {
  const diff = settingsDiff(await c.index(uid).getSettings(), wanted);
  if (diff.length === 0) return false;
  opts.log.info({ index: uid, changed: diff }, opts.message);
  assertSucceeded(await c.index(uid).updateSettings(Object.fromEntries(diff.map((k) => [k, wanted[k]]))).waitTask(opts.wait));
  return true;
}
