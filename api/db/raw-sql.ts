// The dialog engine's two statements per message (turn-open.ts, turn-commit.ts) go straight to
// node-postgres when the service hands it the pool: through Prisma's $queryRaw each cost ~1.0 ms
// of CPU, straight ~0.37 ms. The SQL is written once with $1.. placeholders; without a pool
// (tests, tools) Prisma runs the very same text.
import type pg from "pg";
import type { Db } from "./prisma.js";

/** Runs one parameterised statement and returns its rows. */
export type RawSql = { query<T>(text: string, values: unknown[]): Promise<T[]> };

/** Statements on a node-postgres pool (the one Prisma uses too, see createDbWithPool). */
export function pgRawSql(pool: pg.Pool): RawSql {
  return {
    async query<T>(text: string, values: unknown[]) {
      return (await pool.query(text, values)).rows as T[];
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
