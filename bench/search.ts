// `npm run bench:search`: imports a synthetic 100,000-record MARC catalogue through the real
// importer into PostgreSQL and Meilisearch, then runs a mixed query load (a) straight against
// Meilisearch with the parameters the service would send and (b) through GET /v1/catalogue/search
// over real HTTP, and prints import records/s and latency percentiles.
// Starts its own PostgreSQL and Meilisearch in a temp dir unless DATABASE_URL / MEILI_URL are set.
// BENCH_RECORDS and BENCH_QUERIES change the sizes (defaults 100000 and 1000).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createApp } from "../api/app.js";
import { importCatalogue } from "../api/catalogue/import/import-catalogue.js";
import { createCatalogueService } from "../api/catalogue/search-catalogue.js";
import type { SearchParams } from "../api/catalogue/types.js";
import { loadConfig } from "../api/config.js";
import { migrate } from "../api/db/migrate.js";
import { createDb } from "../api/db/prisma.js";
import { createLogger } from "../api/logger.js";
import { createCatalogueIndex } from "../search/catalogue-index.js";
import { buildMeiliQuery } from "../search/catalogue-query.js";
import { createSearchBackend } from "../search/search-client.js";
import { loadVocabulary, type Vocabulary } from "../search/vocabulary.js";
import { queryMix, syntheticCatalogue, toIso2709, type BenchRecord } from "./_search-data.js";
import { benchDatabase, benchMeilisearch, percentile, type Stop } from "./_servers.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1000);
const WARMUP = Math.min(100, QUERIES);
const FALLBACK_QUERIES = Math.min(100, QUERIES);

const ms = (v: number) => `${v.toFixed(1)} ms`;

async function writeCatalogue(file: string, vocab: Vocabulary, seed: number): Promise<BenchRecord[]> {
  const gen = syntheticCatalogue(vocab, seed);
  const out = fs.createWriteStream(file);
  const metas: BenchRecord[] = [];
  for (let n = 1; n <= RECORDS; n++) {
    const { marc, meta } = gen(n);
    metas.push(meta);
    if (!out.write(toIso2709(marc))) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return metas;
}

function queryString(p: SearchParams): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v !== undefined && k !== "channel") qs.set(k, String(v));
  return qs.toString();
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tp-bench-search-"));
  fs.chmodSync(tmp, 0o755);
  const log = createLogger({ level: "warn" });
  const config = loadConfig({ ...process.env, LOG_LEVEL: "warn" });
  const stops: Stop[] = [];
  const cpus = os.cpus().length;
  console.log(`search benchmark: ${RECORDS.toLocaleString("en")} records, ${QUERIES} queries, ${cpus} CPU, node ${process.version}`);
  try {
    const databaseUrl = (await benchDatabase(tmp, log, stops)).url;
    await migrate({ databaseUrl, dir: path.join(ROOT, "prisma", "migrations"), log });
    const db = createDb(databaseUrl, { max: 10 });
    stops.push(() => db.$disconnect());
    const meili = await benchMeilisearch(tmp, log, stops);
    const search = createSearchBackend({ url: meili.url, apiKey: meili.apiKey, indexPrefix: meili.prefix, timeoutMs: config.MEILI_TIMEOUT_MS });
    if (process.env.MEILI_URL) {
      stops.push(async () => {
        const { results } = await search.writeClient!.getIndexes({ limit: 1000 });
        for (const i of results.filter((x) => x.uid.startsWith(meili.prefix))) await search.writeClient!.deleteIndex(i.uid).waitTask();
      });
    }

    const file = path.join(tmp, "catalogue.mrc");
    let t = performance.now();
    const vocab = loadVocabulary();
    const records = await writeCatalogue(file, vocab, 1);
    console.log(`generated ${path.basename(file)}: ${(fs.statSync(file).size / 1e6).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s (not timed)`);

    const index = createCatalogueIndex({ db, search, log, vocabulary: vocab });
    await index.ensureReady();

    // Import, end to end: parse + PostgreSQL + every document indexed and searchable.
    let feedMs = 0;
    t = performance.now();
    const report = await importCatalogue({
      db,
      input: file,
      format: "marc",
      source: "bench",
      log,
      onRecordsChanged: async (ids) => {
        // The importer waits for this (only when the feed queue is full), so it is part of "stored".
        const started = performance.now();
        await index.upsertRecords(ids, { wait: false });
        feedMs += performance.now() - started;
      },
    });
    const stored = performance.now() - t;
    await index.settle();
    const indexed = performance.now() - t;
    const stats = await search.writeClient!.index(index.uid).getStats();
    if (report.created !== RECORDS || stats.numberOfDocuments !== RECORDS || report.notifyFailures > 0) {
      throw new Error(`import incomplete: created ${report.created}, indexed ${stats.numberOfDocuments}, notify failures ${report.notifyFailures}, skipped ${report.skippedRecords}`);
    }

    // Queries: the same parameters both ways; the API runs behind a real HTTP server.
    const queries = queryMix(records, vocab, QUERIES + WARMUP, 2);
    const catalogue = createCatalogueService({ db, search, index, log });
    const app = createApp({ db, search, config, log, catalogue });
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = (server.address() as { port: number }).port;
    const meiliIndex = search.client!.index(index.uid);

    const direct = async (p: SearchParams): Promise<number> => {
      const q = buildMeiliQuery(p, index.lexicon);
      const started = performance.now();
      const res = (await meiliIndex.search(q.q, q.options)) as { totalHits?: number };
      if ((res.totalHits ?? 0) === 0 && q.retry) await meiliIndex.search(q.q, q.retry);
      return performance.now() - started;
    };
    let degraded = 0;
    let empty = 0;
    const viaApi = async (p: SearchParams, count: boolean): Promise<number> => {
      const started = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/v1/catalogue/search?${queryString(p)}`);
      const body = (await res.json()) as { total: number; degraded: boolean };
      const took = performance.now() - started;
      if (res.status !== 200) throw new Error(`API answered ${res.status} for ${queryString(p)}: ${JSON.stringify(body)}`);
      if (count && body.degraded) degraded++;
      if (count && body.total === 0) empty++;
      return took;
    };

    const a: number[] = [];
    const b: number[] = [];
    for (const [i, p] of queries.entries()) {
      const measured = i >= WARMUP;
      // Alternate which goes first, so neither side always meets a warmer cache.
      if (i % 2 === 0) {
        const x = await direct(p);
        const y = await viaApi(p, measured);
        if (measured) a.push(x), b.push(y);
      } else {
        const y = await viaApi(p, measured);
        const x = await direct(p);
        if (measured) a.push(x), b.push(y);
      }
    }
    // (c) The PostgreSQL fallback on the same catalogue, for what a Meilisearch outage costs.
    const offline = createSearchBackend({});
    const fallback = createCatalogueService({ db, search: offline, index: createCatalogueIndex({ db, search: offline, log, vocabulary: vocab }), log });
    const c: number[] = [];
    for (const p of queries.slice(WARMUP, WARMUP + FALLBACK_QUERIES)) {
      const started = performance.now();
      await fallback.search(p);
      c.push(performance.now() - started);
    }
    await Promise.all([catalogue.flush(), fallback.flush()]);
    a.sort((x, y) => x - y);
    b.sort((x, y) => x - y);
    c.sort((x, y) => x - y);

    const importRate = RECORDS / (indexed / 1000);
    const row = (label: string, s: number[]) => `  ${label.padEnd(34)} p50 ${ms(percentile(s, 50)).padStart(9)}   p95 ${ms(percentile(s, 95)).padStart(9)}   p99 ${ms(percentile(s, 99)).padStart(9)}`;
    const limit = 1.5 * percentile(a, 95) + 5;
    console.log("");
    console.log(`import (parse + PostgreSQL + Meilisearch indexed): ${Math.round(importRate).toLocaleString("en")} records/s  ` +
      `(${RECORDS.toLocaleString("en")} records, ${report.items.toLocaleString("en")} copies in ${(indexed / 1000).toFixed(1)} s; ` +
      `stored in PostgreSQL after ${(stored / 1000).toFixed(1)} s, of which ${(feedMs / 1000).toFixed(1)} s waiting for the search index feed)   ` +
      `target >= 2,000: ${importRate >= 2000 ? "met" : "NOT met"}`);
    console.log(`load average during the run: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (other processes share these ${cpus} CPUs)`);
    console.log(`queries: ${a.length} measured after ${WARMUP} warm-up, ${empty} with no hits, ${degraded} answered degraded`);
    console.log(row("(a) Meilisearch direct", a));
    console.log(row("(b) GET /v1/catalogue/search (HTTP)", b));
    console.log(`  ratio b/a                          p50 ${(percentile(b, 50) / percentile(a, 50)).toFixed(2)}x      p95 ${(percentile(b, 95) / percentile(a, 95)).toFixed(2)}x      p99 ${(percentile(b, 99) / percentile(a, 99)).toFixed(2)}x`);
    console.log(`  target API p95 <= 1.5 x Meilisearch p95 + 5 ms = ${ms(limit)}: ${percentile(b, 95) <= limit ? "met" : "NOT met"}`);
    console.log(row(`(c) PostgreSQL fallback, ${c.length} queries`, c));
  } finally {
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => console.error("cleanup:", err));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
