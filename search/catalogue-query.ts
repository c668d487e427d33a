// Turns what a resident typed plus the filters into one Meilisearch request. Shared by the
// service and the benchmark, so "straight to Meilisearch with the same parameters" is exactly that.
import type { SearchParams as MeiliSearchParams } from "meilisearch";
import type { SearchParams } from "../api/catalogue/types.js";
import { HIT_ATTRIBUTES } from "./catalogue-document.js";
import { FACET_ATTRIBUTES } from "./index-settings.js";
import { isbnQuery } from "./isbn.js";
import type { Lexicon } from "./lexicon.js";

/** The words to search for: an ISBN, or folded content words with everyday phrases made formal. */
export type QueryTerms = { isbn: string | null; words: string[]; everyday: boolean };

/** Reads a raw query: ISBN detection, spelling fold, stop words, everyday phrases. */
export function queryTerms(q: string | undefined, lexicon: Lexicon): QueryTerms {
  const text = (q ?? "").trim();
  const isbn = text ? isbnQuery(text) : null;
  if (isbn || !text) return { isbn, words: [], everyday: false };
  const rewritten = lexicon.rewriteEveryday(lexicon.contentWords(text));
  return { isbn: null, words: rewritten.words, everyday: rewritten.matched };
}

const quote = (v: string) => JSON.stringify(v);

/** Meilisearch filter expressions (ANDed) for the filters of a search. */
export function filterExpressions(params: SearchParams, isbn: string | null): string[] {
  const f: string[] = [];
  if (isbn) f.push(`isbns = ${quote(isbn)}`);
  if (params.branch) f.push(`${params.available ? "availableBranches" : "branches"} = ${quote(params.branch)}`);
  else if (params.available) f.push("available = true");
  if (params.language) f.push(`language = ${quote(params.language)}`);
  if (params.format) f.push(`format = ${quote(params.format)}`);
  if (params.yearFrom !== undefined) f.push(`year >= ${params.yearFrom}`);
  if (params.yearTo !== undefined) f.push(`year <= ${params.yearTo}`);
  return f;
}

export type MeiliQuery = {
  terms: QueryTerms;
  q: string;
  options: MeiliSearchParams;
  /**
   * "frequency" drops the commonest words first, which suits "novel pramoedya", but in 1.21 it
   * returns nothing when two rare words never meet ("cinta manusia"); a second pass with "last" covers that.
   */
  retry: MeiliSearchParams | null;
};

/** The Meilisearch request (and its retry) for validated search params. */
export function buildMeiliQuery(params: SearchParams, lexicon: Lexicon): MeiliQuery {
  const terms = queryTerms(params.q, lexicon);
  const filter = filterExpressions(params, terms.isbn);
  const options: MeiliSearchParams = {
    filter,
    page: params.page,
    hitsPerPage: params.limit,
    ...(params.facets ? { facets: FACET_ATTRIBUTES } : {}),
    attributesToRetrieve: [...HIT_ATTRIBUTES],
    matchingStrategy: "frequency",
  };
  return {
    terms,
    q: terms.words.join(" "),
    options,
    retry: terms.words.length > 1 ? { ...options, matchingStrategy: "last" } : null,
  };
}

/** Facet counts under the API's names (`branch` rather than the index field `branches`). */
export function facetsOf(distribution: Record<string, Record<string, number>> | undefined): Record<string, Record<string, number>> {
  const d = distribution ?? {};
  return { branch: d.branches ?? {}, language: d.language ?? {}, format: d.format ?? {}, available: d.available ?? {} };
}
