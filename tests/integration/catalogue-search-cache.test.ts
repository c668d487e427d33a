import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CatalogueService } from "../../api/catalogue/search-catalogue.js";
import type { CatalogueIndex } from "../../search/catalogue-index.js";
import { startCatalogueFixture, type CatalogueFixture } from "./catalogue-search-fixtures.js";

let fx: CatalogueFixture;
let tdb: CatalogueFixture["tdb"];
let search: CatalogueFixture["search"];
let index: CatalogueIndex;
let catalogue: CatalogueService;
let ids: Map<string, number>;

beforeAll(async () => {
  // A long time-to-live, so only an index change can explain a fresh answer.
  fx = await startCatalogueFixture({ cacheTtlMs: 60_000 });
  ({ tdb, search, index, catalogue, ids } = fx);
});

afterAll(async () => {
  await fx?.close();
});

const titles = async (q: string) => (await catalogue.search({ q, page: 1, limit: 10, channel: "telegram" })).hits.map((h) => h.title);

describe("popular searches answered from memory", () => {
  it("answers a repeated search from memory: a document removed behind the service's back still shows", async () => {
    expect(await titles("pelangi mars")).toContain("Pelangi di Mars");
    // Straight to Meilisearch, not through the index manager: the service cannot know.
    await search.client!.index(index.uid).deleteDocument(ids.get("pelangi-mars")!).waitTask();
    expect(await titles("pelangi mars")).toContain("Pelangi di Mars");
    // The same words typed differently ("di" is a stop word) are the same query; other words ask Meilisearch.
    expect(await titles("pelangi di mars")).toContain("Pelangi di Mars");
    expect(await titles("mars pelangi")).not.toContain("Pelangi di Mars");
  });

  it("forgets cached answers the moment the catalogue changes through the index", async () => {
    await index.upsertRecords([ids.get("pelangi-mars")!]);
    expect(await titles("mars pelangi")).toContain("Pelangi di Mars");
    await tdb.db.bibRecord.delete({ where: { id: ids.get("pelangi-mars")! } });
    await index.upsertRecords([ids.get("pelangi-mars")!]);
    expect(await titles("pelangi mars")).not.toContain("Pelangi di Mars");
  });

  it("still logs every search, cached or not", async () => {
    await catalogue.flush();
    await tdb.db.searchLog.deleteMany();
    await titles("laskar pelangi");
    await titles("laskar pelangi");
    await catalogue.flush();
    expect(await tdb.db.searchLog.count({ where: { query: "laskar pelangi", channel: "telegram" } })).toBe(2);
  });
});
