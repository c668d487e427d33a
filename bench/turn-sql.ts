// `npm run bench:turn-sql`: what PostgreSQL spends on the dialog engine's two statements per
// message (turn-open.ts, turn-commit.ts), the way the service sends them and the two ways it does
// not: unnamed statements (parsed and planned on every call), named prepared statements, and named
// statements on a pool with asynchronous commit (createTurnPool, the default). 8 turns in flight
// for 200 users, a search result's worth of replies each. CPU is read from /proc for the database
// backends of this run and for this process.
//
// Environment: BENCH_TURNS (6000), DATABASE_URL to use an existing server (a temporary database is
// created and dropped), otherwise an embedded PostgreSQL is started in a temporary directory.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { migrate } from "../api/db/migrate.js";
import { createTurnPool, pgRawSql, type RawSql } from "../api/db/raw-sql.js";
import { createTurnCommitter } from "../api/dialog/turn-commit.js";
import { createTurnOpener } from "../api/dialog/turn-open.js";
import type { Reply } from "../api/dialog/reply.js";
import { createLogger } from "../api/logger.js";
import { cpuSeconds } from "./_proc.js";
import { benchDatabase, type Stop } from "./_servers.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TURNS = Number(process.env.BENCH_TURNS ?? 6000);
const USERS = 200;
const IN_FLIGHT = 8;
const log = createLogger({ level: "warn" });
const quiet = createLogger({ level: "error" });

const REPLY: Reply = {
  text: `🔎 12 hasil untuk *laskar pelangi*\n\n${"1. *Laskar Pelangi* — Andrea Hirata (2005)\n   899.221 HIR l · Tersedia: Oebobo (2), Pusat (1)\n".repeat(5)}`,
  buttons: Array.from({ length: 7 }, (_, i) => ({ label: `Detail ${i + 1}`, payload: `d:${i}:12345` })),
};

/** Unnamed statements: what pool.query(text, values) sends. */
function unnamed(pool: pg.Pool): RawSql {
  return { query: async (text, values) => (await pool.query(text, values)).rows };
}

async function measure(label: string, pool: pg.Pool, sql: RawSql, database: string) {
  const opener = createTurnOpener(sql);
  const committer = createTurnCommitter(sql);
  let seq = 0;
  const turn = async (user: number) => {
    const now = new Date();
    const messageId = `${label}-${++seq}`;
    const opened = await opener.open({ channel: "telegram", userId: String(880_000_000 + user), messageId, displayName: "Warga", locale: "id", now, claim: true });
    const state = { ...opened.state, seq: opened.state.seq + 1, search: { q: "laskar pelangi", branch: null, available: false, seq: opened.state.seq + 1, page: 1, total: 12 } };
    const logged = [{ direction: "in" as const, text: "ada buku laskar pelangi gak?" }, { direction: "out" as const, text: REPLY.text }];
    await committer.commit({ channel: "telegram", messageId, patronId: opened.patron.id, state, patch: {}, logged, replies: [REPLY], now });
  };
  const run = async (n: number) => {
    let next = 0;
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
      while (next < n) await turn(next++ % USERS);
    }));
  };
  await run(Math.min(1000, TURNS)); // connections open, statements planned, patrons exist
  const admin = new pg.Client({ connectionString: pool.options.connectionString });
  await admin.connect();
  const pids = (await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [database])).rows.map((r) => r.pid);
  await admin.end();
  const backends = () => pids.reduce((sum, pid) => sum + cpuSeconds(pid) * 1000, 0);
  const b0 = backends();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await run(TURNS);
  const wall = performance.now() - t0;
  const own = process.cpuUsage(c0);
  return { label, backendMs: (backends() - b0) / TURNS, nodeMs: (own.user + own.system) / 1000 / TURNS, perSecond: TURNS / (wall / 1000) };
}

async function main(): Promise<void> {
  const stops: Stop[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tp-bench-turn-sql-"));
  fs.chmodSync(tmp, 0o755);
  stops.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  try {
    const { url } = await benchDatabase(tmp, log, stops);
    await migrate({ databaseUrl: url, dir: path.join(ROOT, "prisma/migrations"), log });
    const database = new URL(url).pathname.slice(1) || "postgres";
    const results = [];
    for (const variant of ["unnamed, synchronous commit", "prepared, synchronous commit", "prepared, asynchronous commit (service)"] as const) {
      // pg-pool's end() does not wait for the server to see its connections go, so stopping the
      // embedded server right after can still find them: a warning, not worth printing.
      const pool = createTurnPool(url, { synchronousCommit: !variant.includes("asynchronous"), log: quiet, max: 4 });
      try {
        results.push(await measure(variant, pool, variant.startsWith("unnamed") ? unnamed(pool) : pgRawSql(pool), database));
      } finally {
        await pool.end();
      }
    }
    const cpus = os.cpus();
    console.log(`\nbench:turn-sql — the dialog's two statements per message (turn open + turn commit)`);
    console.log(`machine: ${cpus.length} x ${cpus[0]?.model.trim()}, Node ${process.version}; PostgreSQL ${process.env.DATABASE_URL ? "external" : "embedded"}; ${TURNS} turns, ${IN_FLIGHT} in flight, ${USERS} users`);
    console.log(`load average (1 min): ${os.loadavg()[0]!.toFixed(1)}\n`);
    console.log(`${"statements".padEnd(42)} ${"PostgreSQL ms/turn".padStart(19)} ${"Node ms/turn".padStart(13)} ${"turns/s".padStart(8)}`);
    for (const r of results) console.log(`${r.label.padEnd(42)} ${r.backendMs.toFixed(3).padStart(19)} ${r.nodeMs.toFixed(3).padStart(13)} ${r.perSecond.toFixed(0).padStart(8)}`);
    console.log("\nPostgreSQL ms/turn counts the backends of this run only (not the WAL writer or checkpointer).");
  } finally {
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => console.error("cleanup:", err));
  }
}

await main();
