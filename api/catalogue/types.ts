// Shapes shared by the catalogue importer, the search index and the routes.

/** Copies of one record at one branch. */
export type Availability = {
  branch: string; // branch code, e.g. "OEBOBO"
  branchName: string;
  total: number;
  available: number;
  /** Earliest due date (YYYY-MM-DD) of a copy on loan here, when none is available. */
  nextDue: string | null;
};

export type CatalogueHit = {
  id: number;
  title: string;
  subtitle: string | null;
  authors: string[];
  year: number | null;
  publisher: string | null;
  isbn: string | null;
  callNumber: string | null;
  format: string;
  ebookUrl: string | null;
  availability: Availability[];
};

export type SearchParams = {
  q?: string;
  branch?: string;
  available?: boolean;
  language?: string;
  format?: string;
  yearFrom?: number;
  yearTo?: number;
  page: number; // 1-based
  limit: number; // <= 50
  channel?: string; // "api" | "telegram" | "whatsapp" | "web"
};

export type SearchResult = {
  hits: CatalogueHit[];
  total: number;
  page: number;
  facets: Record<string, Record<string, number>>;
  /** true when Meilisearch was unavailable and PostgreSQL answered. */
  degraded: boolean;
};

/** Called by the importer (and any other writer) after records or their items changed. */
export type RecordsChanged = (recordIds: number[]) => Promise<void>;
