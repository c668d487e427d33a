// What the dialog engine needs from other services, as narrow interfaces, so it never depends on
// how the catalogue is implemented (Meilisearch, PostgreSQL fallback, a future union catalogue).
import type { CatalogueHit, SearchParams, SearchResult } from "../catalogue/types.js";

/** A record with the extra fields the details view shows; every extra is optional. */
export type CatalogueRecordView = CatalogueHit & {
  summary?: string | null;
  edition?: string | null;
  place?: string | null;
  subjects?: string[];
  series?: string | null;
  pages?: number | null;
  language?: string | null;
  isbns?: string[];
};

/** The catalogue service as the engine uses it (createCatalogueService satisfies it). */
export type CataloguePort = {
  search(params: SearchParams): Promise<SearchResult>;
  record(id: number): Promise<CatalogueRecordView | null>;
};
