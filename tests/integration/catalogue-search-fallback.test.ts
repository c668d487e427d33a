// Meilisearch going away and coming back, with a Meilisearch of this file's own (the shared one
// must stay up for the other files). It sits behind a small TCP relay on a fixed port, because a
// restarted embedded Meilisearch gets a new port and the service keeps the URL it was given.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createCatalogueService, type CatalogueService } from "../../api/catalogue/search-catalogue.js";
import type { SearchParams, SearchResult } from "../../api/catalogue/types.js";
import { createCatalogueIndex, type CatalogueIndex } from "../../search/catalogue-index.js";
import { startEmbeddedMeili, type EmbeddedMeili } from "../../search/embedded-meili.js";
import { createSearchBackend } from "../../search/search-client.js";
import { memoryLogger } from "../support/silent-logger.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedCatalogue } from "./catalogue-search-fixtures.js";

type Relay = { port: number; target: number; close(): Promise<void> };

async function startRelay(target: number): Promise<Relay> {
  const sockets = new Set<net.Socket>();
  const relay: Relay = { port: 0, target, close: async () => undefined };
  const server = net.createServer((client) => {
    const upstream = net.connect(relay.target, "127.0.0.1");
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  relay.port = (server.address() as net.AddressInfo).port;
  relay.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return relay;
}

const portOf = (url: string) => Number(new URL(url).port);

let tdb: TestDatabase;
let tmp: string;
let meili: EmbeddedMeili;
let relay: Relay;
const log = memoryLogger();
let index: CatalogueIndex;
let catalogue: CatalogueService;
let ids: Map<string, number>;

async function startMeili(): Promise<void> {
  meili = await startEmbeddedMeili({ binary: inject("meiliBinary"), dataDir: tmp, log });
  relay.target = portOf(meili.url);
}

const search = (q: string, more: Partial<SearchParams> = {}) => catalogue.search({ q, page: 1, limit: 10, ...more });

/** Searches until Meilisearch answers (and `also` holds); recovery runs in the background, so this only waits. */
async function untilRecovered(q: string, also: (r: SearchResult) => boolean = () => true): Promise<SearchResult> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const r = await search(q);
    if (!r.degraded && also(r)) return r;
    await catalogue.settled();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("search never returned to Meilisearch with the expected answer");
}

const logged = (text: string) => log.lines().filter((l) => String(l.msg).includes(text)).length;

beforeAll(async () => {
  expect(inject("meiliBinary"), "these tests start their own Meilisearch from the shipped binary").toBeTruthy();
  tdb = await createTestDatabase();
  ids = await seedCatalogue(tdb.db);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tp-fallback-"));
  relay = await startRelay(0);
  await startMeili();
  const backend = createSearchBackend({ url: `http://127.0.0.1:${relay.port}`, apiKey: meili.apiKey, indexPrefix: "fb_", timeoutMs: 700 });
  index = createCatalogueIndex({ db: tdb.db, search: backend, log, retryEveryMs: 100 });
  await index.ensureReady();
  catalogue = createCatalogueService({ db: tdb.db, search: backend, index, log, probeEveryMs: 100 });
});

afterAll(async () => {
  if (meili) process.kill(meili.pid, "SIGCONT");
  await meili?.stop();
  await relay?.close();
  await catalogue?.flush();
  await tdb?.drop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe("when Meilisearch stops", () => {
  it("answers from PostgreSQL, logs the outage once, and goes back to Meilisearch when it returns", async () => {
    expect((await search("laskar pelangi")).degraded).toBe(false);

    await meili.stop();
    const during = [await search("laskar pelangi"), await search("laskar pelangi"), await search("pramudya")];
    for (const r of during) expect(r.degraded).toBe(true);
    expect(during[0]!.hits[0]?.title).toBe("Laskar Pelangi");
    expect(during[2]!.hits.map((h) => h.title)).toContain("Bumi Manusia");
    expect(logged("Meilisearch unavailable; answering searches from PostgreSQL")).toBe(1);

    await startMeili();
    const after = await untilRecovered("laskar pelangu");
    expect(after.hits[0]?.title).toBe("Laskar Pelangi");
    expect(logged("Meilisearch is back")).toBe(1);
  });

  it("keeps filters, facets and ISBN matching in the PostgreSQL answer", async () => {
    await meili.stop();
    try {
      const onShelfKota = await search("laskar", { branch: "KOTA", available: true });
      expect(onShelfKota.degraded).toBe(true);
      expect(onShelfKota.hits.map((h) => h.title)).toContain("Laskar Cinta");
      expect(onShelfKota.hits.map((h) => h.title)).not.toContain("Laskar Pelangi");

      const byIsbn = await search("979-3062-79-7");
      expect(byIsbn.hits.map((h) => h.id)).toEqual([ids.get("laskar")]);

      const cantik = await search("cantik itu luka");
      expect(cantik.hits[0]?.availability.find((a) => a.branch === "OEBOBO")?.nextDue).toBe("2026-11-30");

      const eighties = await search("", { yearFrom: 1980, yearTo: 1989 });
      expect(eighties.total).toBe(3);
      expect(eighties.facets.branch).toEqual({ ALAK: 2, OEBOBO: 1 });
      expect(eighties.facets.available).toEqual({ true: 3 });
    } finally {
      await startMeili();
      await untilRecovered("laskar");
    }
  });

  it("applies changes made during the outage once Meilisearch is back", async () => {
    await meili.stop();
    const id = ids.get("ronggeng")!;
    await tdb.db.bibRecord.update({ where: { id }, data: { title: "Ronggeng Dukuh Paruk (edisi baru)" } });
    await index.upsertRecords([id]); // deferred, not thrown: PostgreSQL already has the change
    await startMeili();
    const r = await untilRecovered("ronggeng edisi baru", (res) => res.hits[0]?.title === "Ronggeng Dukuh Paruk (edisi baru)");
    expect(r.hits[0]?.title).toBe("Ronggeng Dukuh Paruk (edisi baru)");
  });
});

describe("when Meilisearch hangs", () => {
  it("gives up after the short timeout and answers from PostgreSQL, then recovers", async () => {
    process.kill(meili.pid, "SIGSTOP");
    try {
      const r = await search("bumi manusia");
      expect(r.degraded).toBe(true);
      expect(r.hits[0]?.title).toBe("Bumi Manusia");
    } finally {
      process.kill(meili.pid, "SIGCONT");
    }
    expect((await untilRecovered("bumi manusia")).hits[0]?.title).toBe("Bumi Manusia");
  });
});

describe("when Meilisearch lost its data", () => {
  it("rebuilds the index from PostgreSQL before searching it again", async () => {
    await meili.stop();
    fs.rmSync(path.join(tmp, "meili"), { recursive: true, force: true });
    await startMeili();
    const r = await untilRecovered("burung manyar");
    expect(r.hits[0]?.title).toBe("Burung-Burung Manyar");
  });
});

describe("without any Meilisearch", () => {
  it("always answers from PostgreSQL", async () => {
    const disabled = createSearchBackend({});
    const offline = createCatalogueService({
      db: tdb.db,
      search: disabled,
      index: createCatalogueIndex({ db: tdb.db, search: disabled, log }),
      log,
    });
    const r = await offline.search({ q: "Soekarno Djakarta goat farming beternak kambing", page: 1, limit: 5 });
    expect(r.degraded).toBe(true);
    expect(r.hits.map((h) => h.title)).toContain("Panduan Praktis Beternak Kambing");
    await offline.flush();
  });
});
