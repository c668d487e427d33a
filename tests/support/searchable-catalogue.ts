// PostgreSQL and Meilisearch with a catalogue in them: a test database, a test index prefix, the
// records `seed` writes, the search index built from them and the catalogue service over both.
import { createCatalogueService, type CatalogueService } from "../../api/catalogue/search-catalogue.js";
import type { Db } from "../../api/db/prisma.js";
import { createCatalogueIndex, type CatalogueIndex } from "../../search/catalogue-index.js";
import { memoryLogger } from "./silent-logger.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";
import { createTestSearch } from "./test-search.js";

export type SearchableCatalogue<S> = {
  tdb: TestDatabase;
  search: ReturnType<typeof createTestSearch>;
  log: ReturnType<typeof memoryLogger>;
  index: CatalogueIndex;
  catalogue: CatalogueService;
  /** What `seed` returned. */
  seeded: S;
  close(): Promise<void>;
};

/** Starts a seeded, indexed catalogue; `close()` flushes the search log and drops database and index. */
export async function startSearchableCatalogue<S>(opts: { seed: (db: Db, log: ReturnType<typeof memoryLogger>) => Promise<S>; cacheTtlMs?: number }): Promise<SearchableCatalogue<S>> {
  const tdb = await createTestDatabase();
  const search = createTestSearch();
  const log = memoryLogger();
  const seeded = await opts.seed(tdb.db, log);
  const index = createCatalogueIndex({ db: tdb.db, search, log });
  await index.ensureReady();
  const catalogue = createCatalogueService({ db: tdb.db, search, index, log, ...(opts.cacheTtlMs !== undefined ? { cacheTtlMs: opts.cacheTtlMs } : {}) });
  return {
    tdb,
    search,
    log,
    index,
    catalogue,
    seeded,
    async close() {
      await catalogue.flush();
      await search.cleanup();
      await tdb.drop();
    },
  };
}
