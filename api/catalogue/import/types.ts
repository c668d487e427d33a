// Shapes that flow through the importer: reader -> mapper -> batch writer -> report.
import type { Readable } from "node:stream";
import type { Db } from "../../db/prisma.js";
import type { Logger } from "../../logger.js";
import type { RecordsChanged } from "../types.js";

/** The formats the importer reads; "csv" on input means "detect which CSV". */
export type ImportFormat = "marc" | "marcxml" | "simple-csv" | "slims-csv";
export type FormatOption = ImportFormat | "csv";

export const ITEM_STATUSES = ["available", "on_loan", "reserved", "lost", "repair"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** One copy as the file describes it, before branch codes are resolved to ids. */
export type MappedItem = {
  barcode: string;
  /** Branch code as written in the file; null when the file names none (the default branch is used). */
  branch: string | null;
  /** null when the file does not say (SLiMS bibliography export lists barcodes only): an existing copy keeps its status. */
  status: ItemStatus | null;
  dueDate: string | null; // YYYY-MM-DD
  callNumber: string | null;
};

/** One bibliographic record in the shape of BibRecord, ready to hash and store. */
export type MappedRecord = {
  sourceId: string;
  title: string;
  subtitle: string | null;
  authors: string[];
  publisher: string | null;
  place: string | null;
  year: number | null;
  isbns: string[];
  language: string | null;
  subjects: string[];
  series: string | null;
  edition: string | null;
  pages: number | null;
  callNumber: string | null;
  format: string;
  summary: string | null;
  ebookUrl: string | null;
  items: MappedItem[];
};

/** What was dropped because of a problem: the whole record, one field of it, or one copy. */
export type Dropped = "record" | "field" | "item";

export type Issue = { field?: string; problem: string; dropped: Dropped };

/** A record as a reader and mapper produce it: the mapped value, or null when it cannot be stored. */
export type ParsedRecord = {
  /** 1-based position of the record in the file, broken ones included. */
  record: number;
  /** 1-based line where the record starts (CSV, MARCXML). */
  line?: number;
  value: MappedRecord | null;
  issues: Issue[];
};

export type SkippedEntry = { record: number; line?: number; field?: string; problem: string; dropped: Dropped };

export type ImportReport = {
  source: string;
  format: ImportFormat;
  dryRun: boolean;
  /** Records seen in the file, broken ones included: created + updated + unchanged + skippedRecords. */
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Records not stored at all. */
  skippedRecords: number;
  /** Every problem found: whole records, single fields and single copies (first MAX_SKIPPED_ENTRIES). */
  skipped: SkippedEntry[];
  /** Problems beyond the ones listed in `skipped`. */
  skippedOmitted: number;
  /** Copies in the stored records (created, updated and unchanged). */
  items: number;
  /** Branch codes that were not in the database and were created (or would be, on a dry run). */
  branchesCreated: string[];
  /** onRecordsChanged calls that failed (the records are stored; the search index may lag). */
  notifyFailures: number;
  ms: number;
};

export type ImportProgress = {
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  skippedRecords: number;
  bytesRead: number;
  /** Size of the input when known (a file path), for an ETA. */
  totalBytes: number | null;
  elapsedMs: number;
  /** "indexing": the file is stored, onRecordsChanged (the search index) is catching up. */
  phase: "importing" | "indexing" | "done";
  /** Record ids stored but not yet handed to onRecordsChanged. */
  indexBacklog: number;
  done: boolean;
};

export type ImportOptions = {
  db: Db;
  input: Readable | string;
  format?: FormatOption;
  /** Names the catalogue the records come from ("slims", "koha", "demo"); with the source id the import key. */
  source: string;
  dryRun?: boolean;
  /** Branch code in the file -> branch code here; the key "*" names the branch for copies without one. */
  branchMap?: Record<string, string>;
  onRecordsChanged?: RecordsChanged;
  onProgress?: (p: ImportProgress) => void;
  log: Logger;
  /** Records per statement (default 1000). */
  batchSize?: number;
  /**
   * The same database as `db`, for the bulk statements over a plain node-postgres connection:
   * about three times faster than through Prisma, which costs ~50 ms per batch parameter.
   */
  databaseUrl?: string;
};
