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
  /** Counts per branch, language, format and availability; only the HTTP API shows them, and Meilisearch spends CPU on them. */
  facets?: boolean;
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

/** One copy of a record, as shown on the record page. */
export type ItemDetails = {
  barcode: string;
  branch: string;
  branchName: string;
  status: "available" | "on_loan" | "reserved" | "lost" | "repair";
  /** YYYY-MM-DD when on loan. */
  dueDate: string | null;
  callNumber: string | null;
};

/** The full record behind a hit: every bibliographic field plus each copy. */
export type RecordDetails = CatalogueHit & {
  isbns: string[];
  place: string | null;
  edition: string | null;
  pages: number | null;
  language: string | null;
  subjects: string[];
  series: string | null;
  summary: string | null;
  items: ItemDetails[];
};
