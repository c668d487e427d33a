// The catalogue search every channel uses: validates filters, asks Meilisearch, falls back to
// PostgreSQL while Meilisearch cannot answer, and logs each search without waiting for the write.
import type { Meilisearch } from "meilisearch";
import type { Db } from "../db/prisma.js";
import { ValidationError, type ValidationIssue } from "../errors.js";
import type { Logger } from "../logger.js";
import { toHit, type CatalogueDocument } from "../../search/catalogue-document.js";
import type { CatalogueIndex } from "../../search/catalogue-index.js";
import { buildMeiliQuery, facetsOf, type MeiliQuery } from "../../search/catalogue-query.js";
import { createFilterValues, type FilterValues } from "../../search/filter-values.js";
import { isUnavailable } from "../../search/meili-errors.js";
import { createOutageGuard, type OutageGuard } from "../../search/outage-guard.js";
import { createResultCache } from "../../search/result-cache.js";
import type { SearchBackend } from "../../search/search-client.js";
import { fallbackSearch } from "./fallback-search.js";
import { recordDetails } from "./record-details.js";
import { createSearchLog, type SearchLog } from "./search-log.js";
import type { RecordDetails, SearchParams, SearchResult } from "./types.js";

export const MAX_QUERY_LENGTH = 200;
export const MAX_LIMIT = 50;

export type CatalogueService = {
  search(params: SearchParams): Promise<SearchResult>;
  /** The full record with items, or null when there is none. */
  record(id: number): Promise<RecordDetails | null>;
  /** Up to five titles for a prefix, for autocomplete. */
  suggest(q: string): Promise<string[]>;
  /** Writes queued SearchLog rows now (tests, shutdown). */
  flush(): Promise<void>;
  /** Resolves when a running Meilisearch recovery probe has finished (tests). */
  settled(): Promise<void>;
};

export type CatalogueServiceDeps = {
  db: Db;
  search: SearchBackend;
  index: CatalogueIndex;
  log: Logger;
  searchLog?: SearchLog;
  filterValues?: FilterValues;
  /** How often, at most, to check whether Meilisearch is back during an outage (default 3 s). */
  probeEveryMs?: number;
  /** Start in fallback mode (e.g. ensureReady failed at start-up). */
  startDegraded?: boolean;
  /** How long an identical Meilisearch query is answered from memory (SEARCH_CACHE_SECONDS; default 0, off). */
  cacheTtlMs?: number;
};

/** Checks the filters of a search and returns them in stored form; throws ValidationError naming each bad field. */
async function validated(params: SearchParams, values: FilterValues): Promise<SearchParams> {
  const issues: ValidationIssue[] = [];
  const out: SearchParams = { ...params, q: params.q?.trim() || undefined };
  if ((out.q ?? "").length > MAX_QUERY_LENGTH) issues.push({ path: "q", message: `must be at most ${MAX_QUERY_LENGTH} characters` });
  if (!Number.isInteger(params.limit) || params.limit < 1 || params.limit > MAX_LIMIT) issues.push({ path: "limit", message: `must be between 1 and ${MAX_LIMIT}` });
  if (!Number.isInteger(params.page) || params.page < 1) issues.push({ path: "page", message: "must be 1 or more" });
  if (params.yearFrom !== undefined && params.yearTo !== undefined && params.yearFrom > params.yearTo) {
    issues.push({ path: "yearFrom", message: "must not be after yearTo" });
  }
  const [branch, language] = await Promise.all([
    params.branch ? values.branch(params.branch) : undefined,
    params.language ? values.language(params.language) : undefined,
  ]);
  if (params.branch) {
    if (branch) out.branch = branch;
    else issues.push({ path: "branch", message: `unknown branch code "${params.branch}"` });
  }
  if (params.language) {
    if (language) out.language = language;
    else issues.push({ path: "language", message: `unknown language "${params.language}"` });
  }
  if (params.format) {
    const format = values.format(params.format);
    if (format) out.format = format;
    else issues.push({ path: "format", message: `unknown format "${params.format}"` });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return out;
}

async function searchMeili(client: Meilisearch, uid: string, query: MeiliQuery): Promise<Omit<SearchResult, "degraded">> {
  const index = client.index<CatalogueDocument>(uid);
  // Paged requests (page + hitsPerPage) get an exact totalHits back.
  type Paged = { hits: CatalogueDocument[]; totalHits?: number; page?: number; estimatedTotalHits?: number; facetDistribution?: Record<string, Record<string, number>> };
  let res: Paged = await index.search(query.q, query.options);
  if ((res.totalHits ?? 0) === 0 && query.retry) res = await index.search(query.q, query.retry);
  return {
    hits: res.hits.map((h) => toHit(h)),
    total: res.totalHits ?? res.estimatedTotalHits ?? res.hits.length,
    page: res.page ?? 1,
    facets: facetsOf(res.facetDistribution),
  };
}

/** The catalogue service: search (Meilisearch with PostgreSQL fallback), record details, suggestions. */
export function createCatalogueService(deps: CatalogueServiceDeps): CatalogueService {
  const { db, search, index, log } = deps;
  const searchLog = deps.searchLog ?? createSearchLog({ db, log });
  const values = deps.filterValues ?? createFilterValues({ db });
  const guard: OutageGuard = createOutageGuard({
    log,
    probeEveryMs: deps.probeEveryMs ?? 3000,
    startDown: deps.startDegraded ?? false,
    probe: async () => {
      if ((await search.health()) !== "ok") throw new Error("Meilisearch health check failed");
      // Also re-applies settings, rebuilds after data loss and replays index updates missed meanwhile.
      await index.ensureReady();
    },
  });

  // Results are shared between callers: nobody may modify a SearchResult they were given.
  const cache = createResultCache<Omit<SearchResult, "degraded">>({ ttlMs: deps.cacheTtlMs ?? 0, maxEntries: 2000 });

  async function run(params: SearchParams, query: MeiliQuery): Promise<SearchResult> {
    if (search.client && guard.useMeili()) {
      try {
        const generation = index.generation();
        const key = `${generation}\u0000${query.q}\u0000${JSON.stringify(query.options)}`;
        const cached = cache.get(key);
        if (cached) return { ...cached, degraded: false };
        const result = await searchMeili(search.client, index.uid, query);
        // Not kept when the index changed while Meilisearch was answering.
        if (index.generation() === generation) cache.set(key, result);
        return { ...result, degraded: false };
      } catch (err) {
        if (isUnavailable(err)) guard.failed(err);
        else log.error({ err }, "Meilisearch search failed; answering from PostgreSQL");
      }
    }
    return fallbackSearch(db, params, query.terms);
  }

  return {
    async search(params) {
      const started = performance.now();
      const checked = await validated(params, values);
      const query = buildMeiliQuery(checked, index.lexicon);
      const result = await run(checked, query);
      const { q: _q, page: _page, limit: _limit, channel: _channel, facets: _facets, ...filters } = checked;
      searchLog.record({
        query: checked.q ?? "",
        filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
        hits: result.total,
        latencyMs: performance.now() - started,
        channel: checked.channel ?? "api",
        degraded: result.degraded,
      });
      return result;
    },

    record: (id) => recordDetails(db, id),

    async suggest(q) {
      const prefix = q.trim().slice(0, MAX_QUERY_LENGTH);
      if (!prefix) return [];
      if (search.client && guard.useMeili()) {
        try {
          const res = await search.client.index<CatalogueDocument>(index.uid).search(prefix, { limit: 5, attributesToRetrieve: ["title"] });
          return [...new Set(res.hits.map((h) => h.title))];
        } catch (err) {
          if (isUnavailable(err)) guard.failed(err);
          else throw err;
        }
      }
      const rows = await db.bibRecord.findMany({
        where: { title: { startsWith: prefix, mode: "insensitive" } },
        select: { title: true },
        orderBy: { title: "asc" },
        take: 5,
        distinct: ["title"],
      });
      return rows.map((r) => r.title);
    },

    flush: () => searchLog.flush(),
    settled: () => guard.settled(),
  };
}
