// Related subjects for a topic: the subject headings of every matching record, counted by
// Meilisearch's facet distribution. The catalogue service's own facets (branch, language, format,
// availability) do not include subjects, so this asks the same index for that one facet with the
// same query rewriting; `subjects` is a filterable attribute of the index, which facets need.
import type { Lexicon } from "../../search/lexicon.js";
import { buildMeiliQuery } from "../../search/catalogue-query.js";
import type { SearchBackend } from "../../search/search-client.js";
import type { Logger } from "../logger.js";

export type SubjectCount = { subject: string; count: number };

export type SubjectFacets = (q: string) => Promise<SubjectCount[]>;

/** Subject facet counts from Meilisearch; [] when search is off or down (the caller then uses the records' own subjects). */
export function createSubjectFacets(deps: { search: SearchBackend; index: { uid: string; lexicon: () => Lexicon }; log: Logger }): SubjectFacets {
  return async (q) => {
    const client = deps.search.client;
    if (!client || !q.trim()) return [];
    const query = buildMeiliQuery({ q, page: 1, limit: 1 }, deps.index.lexicon());
    try {
      // "last" keeps records that match only some of the words: related subjects should be broad.
      const res = await client.index(deps.index.uid).search(query.q, { filter: query.options.filter, facets: ["subjects"], limit: 0, matchingStrategy: "last" });
      const counts = res.facetDistribution?.subjects ?? {};
      return Object.entries(counts)
        .map(([subject, count]) => ({ subject, count }))
        .sort((a, b) => b.count - a.count || a.subject.localeCompare(b.subject));
    } catch (err) {
      deps.log.warn({ err: String(err) }, "subject facets unavailable; using the subjects of the found records");
      return [];
    }
  };
}
