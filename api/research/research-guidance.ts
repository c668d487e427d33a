// "bantu cari literatur tentang stunting di NTT", answered like a librarian's reference interview
// would start, with no model: search terms in both languages, related subjects from the
// catalogue, the best few records with where they are, and where to look next.
import type { CatalogueHit, SearchParams, SearchResult } from "../catalogue/types.js";
import { plainText } from "../../search/spelling.js";
import type { SubjectFacets } from "./subject-facets.js";
import type { TopicTermFinder, TopicTerms } from "./topic-terms.js";
import { extractTopic } from "./topic-terms.js";

export type ResearchCatalogue = {
  search(params: SearchParams): Promise<SearchResult>;
  record(id: number): Promise<{ subjects?: string[] } | null>;
};

export type ResearchGuidance = {
  topic: string;
  terms: TopicTerms;
  /** Subject headings of matching records, most frequent first. */
  relatedSubjects: string[];
  /** The best records, at most `maxRecords`, each with its availability. */
  records: CatalogueHit[];
  /** How many records matched in all. */
  total: number;
};

export type ResearchGuide = {
  /** Guidance for a research request; an empty topic gives empty guidance (the handler asks for one). */
  guide(text: string, opts?: { channel?: string }): Promise<ResearchGuidance>;
};

/** Creates the rule-based research guide. */
export function createResearchGuide(deps: { catalogue: ResearchCatalogue; topics: TopicTermFinder; subjectFacets: SubjectFacets; maxRecords?: number }): ResearchGuide {
  const max = deps.maxRecords ?? 5;
  return {
    async guide(text, opts = {}) {
      const topic = extractTopic(text);
      const terms = deps.topics.terms(topic);
      if (!topic) return { topic, terms, relatedSubjects: [], records: [], total: 0 };

      // The topic as written first; then the vocabulary's terms, which find records catalogued
      // under a formal heading the user did not use.
      const queries = [topic, ...terms.indonesian.slice(0, 2), ...terms.english.slice(0, 1)];
      const records: CatalogueHit[] = [];
      let total = 0;
      for (const q of [...new Set(queries.map((x) => x.trim()).filter(Boolean))]) {
        if (records.length >= max) break;
        const res = await deps.catalogue.search({ q, page: 1, limit: max, channel: opts.channel });
        total = Math.max(total, res.total);
        for (const hit of res.hits) if (records.length < max && !records.some((r) => r.id === hit.id)) records.push(hit);
      }

      let facets = await deps.subjectFacets(topic);
      if (facets.length === 0 && terms.indonesian[0] && terms.indonesian[0] !== topic) facets = await deps.subjectFacets(terms.indonesian[0]);
      let subjects = facets.map((f) => f.subject);
      if (subjects.length === 0) {
        // Meilisearch is down or off: count the subjects of the records we found instead.
        const counts = new Map<string, number>();
        for (const r of records.slice(0, 3)) for (const s of (await deps.catalogue.record(r.id))?.subjects ?? []) counts.set(s, (counts.get(s) ?? 0) + 1);
        subjects = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([s]) => s);
      }
      const same = new Set([plainText(topic)]);
      const relatedSubjects = subjects.filter((s) => !same.has(plainText(s))).slice(0, 5);
      return { topic, terms, relatedSubjects, records, total };
    },
  };
}
