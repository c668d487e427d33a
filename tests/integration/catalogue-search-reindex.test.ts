import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCatalogueService, type CatalogueService } from "../../api/catalogue/search-catalogue.js";
import type { SearchResult } from "../../api/catalogue/types.js";
import { createCatalogueIndex, type CatalogueIndex } from "../../search/catalogue-index.js";
import { loadVocabulary } from "../../search/vocabulary.js";
import { memoryLogger } from "../support/silent-logger.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { createTestSearch } from "../support/test-search.js";
import { seedCatalogue } from "./catalogue-search-fixtures.js";

let tdb: TestDatabase;
const search = createTestSearch();
const log = memoryLogger();
let index: CatalogueIndex;
let catalogue: CatalogueService;
let ids: Map<string, number>;

const EXTRA = 4000;

/** Enough filler records that a rebuild takes many batches. */
async function addFiller(): Promise<void> {
  const words = ["sejarah", "pertanian", "resep", "cerita", "panduan", "kumpulan", "puisi", "ilmu", "bahasa", "anak"];
  await tdb.db.bibRecord.createMany({
    data: Array.from({ length: EXTRA }, (_, i) => ({
      source: "filler",
      sourceId: `f${i}`,
      title: `${words[i % 10]} ${words[(i * 7) % 10]} jilid ${i}`,
      authors: [`Penulis ${i % 97}`],
      year: 1950 + (i % 70),
      language: "ind",
      subjects: [words[(i * 3) % 10]!],
      contentHash: `f${i}`,
    })),
  });
}

const searchFor = (q: string) => catalogue.search({ q, page: 1, limit: 5 });

beforeAll(async () => {
  tdb = await createTestDatabase();
  ids = await seedCatalogue(tdb.db);
  await addFiller();
  index = createCatalogueIndex({ db: tdb.db, search, log, batchSize: 500 });
  await index.ensureReady();
  catalogue = createCatalogueService({ db: tdb.db, search, index, log });
});

afterAll(async () => {
  await catalogue?.flush();
  await search.cleanup();
  await tdb?.drop();
});

describe("a full reindex", () => {
  it("never leaves a window in which searches come back empty", async () => {
    const results: SearchResult[] = [];
    let done = false;
    const rebuild = index.reindexAll().finally(() => {
      done = true;
    });
    while (!done) {
      results.push(await searchFor("laskar pelangi"));
      results.push(await catalogue.search({ page: 1, limit: 1, language: "ind" }));
    }
    const { count } = await rebuild;
    results.push(await searchFor("laskar pelangi"));

    expect(count).toBe(RECORDS_TOTAL());
    expect(results.length).toBeGreaterThan(2);
    for (const r of results) {
      expect(r.degraded).toBe(false);
      expect(r.total).toBeGreaterThan(0);
    }
    const { results: indexes } = await search.client!.getIndexes({ limit: 1000 });
    expect(indexes.map((i) => i.uid).filter((uid) => uid.startsWith(search.indexPrefix)).sort()).toEqual([index.uid, `${index.uid}_meta`]);
  });

  it("keeps a change made while it runs", async () => {
    const rebuild = index.reindexAll();
    const id = ids.get("manyar")!;
    await tdb.db.bibRecord.update({ where: { id }, data: { title: "Burung-Burung Rantau" } });
    await index.upsertRecords([id]);
    await rebuild;
    expect((await searchFor("burung rantau")).hits[0]?.title).toBe("Burung-Burung Rantau");
  });

  it("runs once when asked twice at the same time", async () => {
    const [a, b] = [index.reindexAll(), index.reindexAll()];
    expect(a).toBe(b);
    await a;
  });
});

describe("a bulk import", () => {
  it("feeds the index in the background, and settle() waits until it is searchable", async () => {
    const filler = await tdb.db.bibRecord.findMany({ where: { source: "filler" }, select: { id: true }, orderBy: { id: "asc" }, take: 1200 });
    await tdb.db.bibRecord.updateMany({ where: { id: { in: filler.map((f) => f.id) } }, data: { series: "Seri Lontar Kupang" } });
    for (let i = 0; i < filler.length; i += 100) await index.upsertRecords(filler.slice(i, i + 100).map((f) => f.id), { wait: false });
    await index.settle();
    expect((await searchFor("seri lontar kupang")).total).toBe(1200);
  });
});

describe("start-up", () => {
  it("applies settings only when they differ", async () => {
    const before = log.lines().length;
    await index.ensureReady();
    const lines = log.lines().slice(before);
    expect(lines.filter((l) => l.msg === "applying search index settings")).toEqual([]);
    expect(lines.filter((l) => l.msg === "rebuilding search index")).toEqual([]);
  });

  it("rebuilds from PostgreSQL when Meilisearch lost the documents", async () => {
    await search.writeClient!.index(index.uid).deleteAllDocuments().waitTask();
    expect((await searchFor("laskar pelangi")).total).toBe(0);
    await index.ensureReady();
    expect((await searchFor("laskar pelangi")).hits[0]?.title).toBe("Laskar Pelangi");
  });

  it("rebuilds when Meilisearch lost the whole index", async () => {
    await search.writeClient!.deleteIndex(index.uid).waitTask();
    await index.ensureReady();
    expect((await searchFor("laskar pelangi")).hits[0]?.title).toBe("Laskar Pelangi");
  });

  it("rebuilds when the vocabulary changed, so new author nicknames find old records", async () => {
    const shipped = loadVocabulary();
    const edited = { ...shipped, authors: [...shipped.authors, { name: "Setiadi", variants: ["Pak Tani Setiadi"] }] };
    const reloaded = createCatalogueIndex({ db: tdb.db, search, log, vocabulary: edited });
    const before = log.lines().length;
    await reloaded.ensureReady();
    expect(log.lines().slice(before).map((l) => l.reason)).toContain("vocabulary or document shape changed");
    const withNickname = createCatalogueService({ db: tdb.db, search, index: reloaded, log });
    expect((await withNickname.search({ q: "pak tani", page: 1, limit: 5 })).hits[0]?.title).toBe("Bertanam Cabai Rawit");
    await withNickname.flush();
  });
});

function RECORDS_TOTAL(): number {
  return ids.size + EXTRA;
}
