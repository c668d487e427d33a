// A small real library for dialog tests: the four Kupang branches from prisma/seed/branches.json
// and a handful of books with copies on the shelf and on loan, in a database and a search index
// of the test file's own. Nothing is faked: the catalogue service searches real Meilisearch.
import { seedBranches } from "../../api/catalogue/branches.js";
import { createCatalogueService, type CatalogueService } from "../../api/catalogue/search-catalogue.js";
import { loadConfig, type Config } from "../../api/config.js";
import type { Db } from "../../api/db/prisma.js";
import type { Clock } from "../../api/dialog/clock.js";
import { createLogger, type Logger } from "../../api/logger.js";
import { createCatalogueIndex } from "../../search/catalogue-index.js";
import type { SearchBackend } from "../../search/search-client.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";
import { createTestSearch } from "./test-search.js";

type Copy = { branch: string; status?: "available" | "on_loan"; due?: string };
type Book = { key: string; title: string; authors: string[]; year: number; callNumber: string; subjects?: string[]; ebookUrl?: string; summary?: string; copies: Copy[] };

export const BOOKS: Book[] = [
  {
    key: "laskar",
    title: "Laskar Pelangi",
    authors: ["Andrea Hirata"],
    year: 2005,
    callNumber: "899.221 HIR l",
    subjects: ["Fiksi Indonesia"],
    summary: "Kisah sepuluh anak Belitung dan guru mereka.",
    ebookUrl: "https://ipusnas.example/laskar-pelangi",
    copies: [
      { branch: "PUSAT", status: "on_loan", due: "2026-12-12" },
      { branch: "OEBOBO" },
    ],
  },
  { key: "pemimpi", title: "Sang Pemimpi", authors: ["Andrea Hirata"], year: 2006, callNumber: "899.221 HIR s", copies: [{ branch: "PUSAT" }] },
  { key: "edensor", title: "Edensor", authors: ["Andrea Hirata"], year: 2007, callNumber: "899.221 HIR e", copies: [{ branch: "MAULAFA" }] },
  { key: "karpov", title: "Maryamah Karpov", authors: ["Andrea Hirata"], year: 2008, callNumber: "899.221 HIR m", copies: [{ branch: "ALAK", status: "on_loan", due: "2026-12-05" }] },
  { key: "bumi", title: "Bumi Manusia", authors: ["Pramoedya Ananta Toer"], year: 1980, callNumber: "899.221 TOE b", subjects: ["Novel sejarah"], copies: [{ branch: "OEBOBO" }, { branch: "PUSAT" }] },
  { key: "anak", title: "Anak Semua Bangsa", authors: ["Pramoedya Ananta Toer"], year: 1981, callNumber: "899.221 TOE a", copies: [{ branch: "PUSAT", status: "on_loan", due: "2026-12-20" }] },
  { key: "gizi", title: "Mencegah Stunting: Gizi Anak Sejak Dini", authors: ["Ratna Dewi"], year: 2021, callNumber: "613.2 DEW m", subjects: ["Stunting", "Gizi anak"], copies: [{ branch: "ALAK" }] },
];

export type DialogLibrary = {
  db: Db;
  /** The test database's URL, for a node-postgres pool of its own. */
  url: string;
  search: SearchBackend;
  catalogue: CatalogueService;
  log: Logger;
  /** Record ids by book key ("laskar", "bumi" …). */
  ids: Record<string, number>;
  config(overrides?: Record<string, string>): Config;
  close(): Promise<void>;
};

/** A settable clock for tests: set(), advance(). */
export function testClock(start = "2026-11-22T02:00:00Z"): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    set(iso) {
      now = new Date(iso).getTime();
    },
    advance(ms) {
      now += ms;
    },
  };
}

/** Builds the test library: database, branches, books, search index, catalogue service. */
export async function createDialogLibrary(): Promise<DialogLibrary> {
  const testDb: TestDatabase = await createTestDatabase();
  // Generous: other test files share this Meilisearch and a 2-core machine, so tasks can queue.
  const search = createTestSearch({ timeoutMs: 30_000 });
  const log = createLogger({ level: "silent" });
  const db = testDb.db;
  await seedBranches(db);
  const branches = new Map((await db.branch.findMany()).map((b) => [b.code, b.id]));
  const ids: Record<string, number> = {};
  let barcode = 1000;
  for (const book of BOOKS) {
    const record = await db.bibRecord.create({
      data: {
        source: "dialog-test",
        sourceId: book.key,
        title: book.title,
        authors: book.authors,
        year: book.year,
        isbns: [],
        subjects: book.subjects ?? [],
        callNumber: book.callNumber,
        language: "ind",
        summary: book.summary ?? null,
        ebookUrl: book.ebookUrl ?? null,
        contentHash: book.key,
        items: {
          create: book.copies.map((c) => ({
            branchId: branches.get(c.branch)!,
            barcode: `T${barcode++}`,
            status: c.status ?? "available",
            dueDate: c.due ? new Date(`${c.due}T00:00:00Z`) : null,
          })),
        },
      },
    });
    ids[book.key] = record.id;
  }
  const index = createCatalogueIndex({ db, search, log });
  await index.ensureReady();
  await index.reindexAll();
  const catalogue = createCatalogueService({ db, search, index, log });
  return {
    db,
    url: testDb.url,
    search,
    catalogue,
    log,
    ids,
    config: (overrides = {}) => loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", ...overrides }),
    async close() {
      await catalogue.flush();
      await search.cleanup();
      await testDb.drop();
    },
  };
}
