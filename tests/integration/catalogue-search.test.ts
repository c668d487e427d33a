import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import type { SearchResult } from "../../api/catalogue/types.js";
import type { CatalogueService } from "../../api/catalogue/search-catalogue.js";
import { loadConfig } from "../../api/config.js";
import type { CatalogueIndex } from "../../search/catalogue-index.js";
import { memoryLogger } from "../support/silent-logger.js";
import { startCatalogueFixture, type CatalogueFixture } from "./catalogue-search-fixtures.js";

let fx: CatalogueFixture;
let tdb: CatalogueFixture["tdb"];
let search: CatalogueFixture["search"];
let index: CatalogueIndex;
let catalogue: CatalogueService;
let app: ReturnType<typeof createApp>;
let ids: Map<string, number>;

beforeAll(async () => {
  fx = await startCatalogueFixture();
  ({ tdb, search, index, catalogue, ids } = fx);
  app = createApp({ db: tdb.db, search, config: loadConfig({}), log: memoryLogger(), catalogue });
});

afterAll(async () => {
  await fx?.close();
});

async function get(query: Record<string, string | number | boolean>): Promise<{ status: number; body: SearchResult & { issues?: { path: string }[] } }> {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const res = await app.request(`/v1/catalogue/search?${qs}`);
  return { status: res.status, body: (await res.json()) as SearchResult & { issues?: { path: string }[] } };
}

const titles = (r: SearchResult) => r.hits.map((h) => h.title);

describe("a resident searching the catalogue", () => {
  it("finds Laskar Pelangi first despite a typo in the title", async () => {
    const { status, body } = await get({ q: "laskar pelangu" });
    expect(status).toBe(200);
    expect(body.degraded).toBe(false);
    expect(body.hits[0]?.title).toBe("Laskar Pelangi");
  });

  it("finds Laskar Pelangi first from title words plus a misspelt author", async () => {
    const { body } = await get({ q: "laskar pelangi andrea hirta" });
    expect(body.hits[0]?.title).toBe("Laskar Pelangi");
  });

  it("ranks a title in modern spelling above an English translation of its words", async () => {
    const { body } = await get({ q: "sejarah indonesia modern" });
    expect(titles(body).slice(0, 2)).toEqual(["Sejarah Indonesia Modern 1200-2008", "A History of Modern Indonesia"]);
  });

  it("finds Pramoedya when the author is typed in the new spelling", async () => {
    const { body } = await get({ q: "pramudya" });
    expect(titles(body)).toContain("Bumi Manusia");
  });

  it("finds an author catalogued in the new spelling from a query in the old spelling", async () => {
    const { body } = await get({ q: "Soewarsih Djojopoespito" });
    expect(body.hits[0]?.title).toBe("Manusia Bebas");
  });

  it("finds an Indonesian goat-farming book from the English words 'goat farming'", async () => {
    const { body } = await get({ q: "goat farming" });
    // Next to the English book that says "goats" in its title.
    expect(titles(body).slice(0, 2)).toContain("Panduan Praktis Beternak Kambing");
  });

  it("finds an English book on goats from the Indonesian words 'beternak kambing'", async () => {
    const { body } = await get({ q: "beternak kambing" });
    expect(titles(body).slice(0, 2)).toEqual(expect.arrayContaining(["Panduan Praktis Beternak Kambing", "Raising Goats for Profit"]));
  });

  it("finds the book whose subject says it formally from everyday words", async () => {
    const { body } = await get({ q: "cara menanam cabai di pot" });
    expect(body.hits[0]?.title).toBe("Bertanam Cabai Rawit");
  });

  it("finds Y.B. Mangunwijaya's novel from his full name and from his nickname", async () => {
    expect(titles((await get({ q: "Yusuf Bilyarta Mangunwijaya" })).body)).toContain("Burung-Burung Manyar");
    expect(titles((await get({ q: "romo mangun" })).body)).toContain("Burung-Burung Manyar");
    expect(titles((await get({ q: "Y.B. Mangunwijaya" })).body)).toContain("Burung-Burung Manyar");
  });

  it("finds a book catalogued under the full name from the initials", async () => {
    expect(titles((await get({ q: "Y.B. Mangunwijaya" })).body)).toContain("Rumah Bambu");
    expect(titles((await get({ q: "YB Mangunwijaya rumah" })).body)[0]).toBe("Rumah Bambu");
  });

  it("finds a title by its common abbreviation", async () => {
    expect(titles((await get({ q: "LP" })).body)[0]).toBe("Laskar Pelangi");
  });

  it("finds a book by an English translated title from titles.json", async () => {
    const { body } = await get({ q: "This Earth of Mankind" });
    expect(body.hits[0]?.title).toBe("Bumi Manusia");
  });

  it("matches an ISBN typed with hyphens exactly, and its ISBN-10 form too", async () => {
    for (const q of ["978-979-3062-79-2", "979-3062-79-7", "ISBN 9789793062792"]) {
      const { body } = await get({ q });
      expect(body.total, q).toBe(1);
      expect(body.hits[0]?.id).toBe(ids.get("laskar"));
    }
    expect((await get({ q: "978-602-8502-07-8" })).body.total).toBe(0);
  });

  it("shows where each copy is and, when all are on loan, the earliest due date", async () => {
    const { body } = await get({ q: "cantik itu luka" });
    const hit = body.hits[0]!;
    expect(hit.title).toBe("Cantik Itu Luka");
    expect(hit.availability).toEqual([
      { branch: "KOTA", branchName: "Perpustakaan Kota Kupang", total: 2, available: 0, nextDue: "2026-12-20" },
      { branch: "OEBOBO", branchName: "Perpustakaan Cabang Oebobo", total: 2, available: 0, nextDue: "2026-11-30" },
    ]);
  });

  it("limits results to a branch, and to copies on the shelf there", async () => {
    const atAlak = await get({ branch: "ALAK" });
    expect(new Set(titles(atAlak.body))).toEqual(new Set(["Bumi Manusia", "Ronggeng Dukuh Paruk", "Atlas Indonesia dan Dunia", "Raising Goats for Profit"]));

    const anyKota = await get({ q: "laskar", branch: "KOTA" });
    expect(titles(anyKota.body)).toContain("Laskar Pelangi");
    const onShelfKota = await get({ q: "laskar", branch: "kota", available: true });
    expect(titles(onShelfKota.body)).not.toContain("Laskar Pelangi");
    expect(titles(onShelfKota.body)).toContain("Laskar Cinta");
  });

  it("leaves out records with no copy on the shelf anywhere when asked for available ones", async () => {
    const all = await get({ q: "cantik" });
    expect(titles(all.body)).toContain("Cantik Itu Luka");
    const available = await get({ q: "cantik", available: true });
    expect(titles(available.body)).not.toContain("Cantik Itu Luka");
  });

  it("browses by language, format and years with an empty query, with facets", async () => {
    const english = await get({ language: "eng" });
    expect(new Set(titles(english.body))).toEqual(new Set(["The Old Man and the Sea", "The Rainbow Troops", "A History of Modern Indonesia", "Raising Goats for Profit"]));
    const maps = await get({ format: "map", q: "" });
    expect(titles(maps.body)).toEqual(["Atlas Indonesia dan Dunia"]);
    const eighties = await get({ yearFrom: 1980, yearTo: 1989 });
    expect(new Set(titles(eighties.body))).toEqual(new Set(["Bumi Manusia", "Burung-Burung Manyar", "Ronggeng Dukuh Paruk"]));
    expect(eighties.body.facets.branch).toEqual({ ALAK: 2, OEBOBO: 1 });
    expect(eighties.body.facets.language).toEqual({ ind: 3 });
  });

  it("pages through results with total and page", async () => {
    const first = await get({ language: "ind", limit: 5, page: 1 });
    const third = await get({ language: "ind", limit: 5, page: 3 });
    expect(first.body.total).toBe(14);
    expect(first.body.hits).toHaveLength(5);
    expect(third.body.page).toBe(3);
    expect(third.body.hits).toHaveLength(4);
  });
});

describe("suggestions while typing", () => {
  it("offers titles that start with what was typed", async () => {
    expect(await catalogue.suggest("laskar pel")).toContain("Laskar Pelangi");
    expect(await catalogue.suggest("   ")).toEqual([]);
  });
});

describe("bad search input", () => {
  it.each([
    [{ q: "x".repeat(201) }, "q"],
    [{ q: "buku", limit: 51 }, "limit"],
    [{ q: "buku", limit: "many" }, "limit"],
    [{ branch: "NOPE" }, "branch"],
    [{ format: "scroll" }, "format"],
    [{ language: "klingon" }, "language"],
    [{ available: "maybe" }, "available"],
    [{ yearFrom: 2000, yearTo: 1990 }, "yearFrom"],
  ])("answers 400 naming the field for %j", async (query, field) => {
    const { status, body } = await get(query);
    expect(status).toBe(400);
    expect(body.issues?.map((i) => i.path)).toContain(field);
  });
});

describe("the record page", () => {
  it("shows the full record with every copy", async () => {
    const res = await app.request(`/v1/catalogue/records/${ids.get("laskar")}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { title: string; isbns: string[]; items: { branch: string; status: string; dueDate: string | null }[] };
    expect(body.title).toBe("Laskar Pelangi");
    expect(body.isbns).toEqual(["9789793062792"]);
    expect(body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ branch: "OEBOBO", status: "available", dueDate: null }),
        expect.objectContaining({ branch: "KOTA", status: "on_loan", dueDate: "2026-12-10" }),
      ]),
    );
  });

  it("answers 404 in JSON for a record that does not exist, 400 for an id that is not a number", async () => {
    const missing = await app.request("/v1/catalogue/records/999999");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: "not_found" });
    const bad = await app.request("/v1/catalogue/records/abc");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe("id");
  });
});

describe("keeping the index in step with the database", () => {
  it("shows a loan returned a moment ago once the importer reports the change", async () => {
    const id = ids.get("cantik")!;
    await tdb.db.item.updateMany({ where: { recordId: id, dueDate: new Date("2026-11-30T00:00:00Z") }, data: { status: "available", dueDate: null } });
    await index.upsertRecords([id]);
    const { body } = await get({ q: "cantik itu luka", available: true });
    expect(body.hits[0]?.availability.find((a) => a.branch === "OEBOBO")).toMatchObject({ available: 1, nextDue: null });
  });

  it("drops a deleted record from results", async () => {
    const id = ids.get("pelangi-mars")!;
    await tdb.db.bibRecord.delete({ where: { id } });
    await index.upsertRecords([id]);
    expect(titles((await get({ q: "pelangi mars" })).body)).not.toContain("Pelangi di Mars");
  });
});

describe("the search log", () => {
  it("writes one row per search with query, filters, hits, channel and degraded", async () => {
    await catalogue.flush();
    await tdb.db.searchLog.deleteMany();
    await get({ q: "laskar pelangi", branch: "OEBOBO" });
    await catalogue.search({ q: "zzzz qqqq", page: 1, limit: 10, channel: "telegram" });
    await catalogue.flush();
    const rows = await tdb.db.searchLog.findMany({ orderBy: { id: "asc" } });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ query: "laskar pelangi", filters: { branch: "OEBOBO" }, channel: "api", degraded: false });
    expect(rows[0]!.hits).toBeGreaterThan(0);
    expect(rows[1]).toMatchObject({ query: "zzzz qqqq", hits: 0, channel: "telegram" });
    expect(rows[1]!.latencyMs).toBeGreaterThanOrEqual(0);
  });
});
