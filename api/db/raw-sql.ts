// The dialog engine's two statements per message (turn-open.ts, turn-commit.ts) go straight to
// node-postgres when the service hands it the pool: through Prisma's $queryRaw each cost ~1.0 ms
// of CPU, straight ~0.37 ms. They are also named prepared statements, parsed and planned once per
// connection: PostgreSQL then spends about half the CPU on a turn (bench/turn-sql.ts). The SQL is
// written once with $1.. placeholders; without a pool (tests, tools) Prisma runs the very same text.
import pg from "pg";
import type { Logger } from "../logger.js";
import type { Db } from "./prisma.js";

/** Runs one parameterised statement and returns its rows. */
export type RawSql = { query<T>(text: string, values: unknown[]): Promise<T[]> };

/**
 * The pool for the dialog engine's turn statements. Without `synchronousCommit` its sessions
 * commit asynchronously (PostgreSQL's synchronous_commit = off): a turn's commit no longer waits for
 * the WAL flush, which took about a third of PostgreSQL's CPU per message in bench:chat. Only these
 * statements use it; tickets, staff actions and imports stay synchronous.
 */
export function createTurnPool(databaseUrl: string, opts: { synchronousCommit: boolean; log: Logger; max?: number }): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: opts.max ?? 4, ...(opts.synchronousCommit ? {} : { options: "-c synchronous_commit=off" }) });
  // An idle connection the server drops (restart, failover) is reported here; unheard, it would end the process.
  pool.on("error", (err) => opts.log.warn({ err: err.message }, "chat turn pool: an idle database connection was closed"));
  return pool;
}

/** Statements on a node-postgres pool (createTurnPool's in the service). */
export function pgRawSql(pool: pg.Pool): RawSql {
  // One name per distinct text: node-postgres prepares a name once per connection and refuses the
  // same name with another text.
  const names = new Map<string, string>();
  return {
    async query<T>(text: string, values: unknown[]) {
      let name = names.get(text);
      if (!name) names.set(text, (name = `tp_raw_${names.size + 1}`));
      return (await pool.query<T & pg.QueryResultRow>({ name, text, values })).rows;
    },
  };
}

/** Statements through Prisma's raw query, for callers that have only the client. */
export function prismaRawSql(db: Db): RawSql {
  return {
    query<T>(text: string, values: unknown[]) {
      return db.$queryRawUnsafe<T[]>(text, ...values);
    },
  };
}
