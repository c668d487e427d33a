import pg from "pg";
import type { Db } from "../../db/prisma.js";

/** Runs one SQL statement with positional parameters and returns its rows. */
export type SqlRunner = {
  query<T>(sql: string, params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
};

/** Through the Prisma client: always available, but every parameter passes the query engine (~50 ms per 300 KB). */
export function prismaRunner(db: Db): SqlRunner {
  return {
    query: <T>(sql: string, params: unknown[]) => db.$queryRawUnsafe<T[]>(sql, ...params),
    close: async () => undefined,
  };
}

/** Over its own node-postgres connection: the bulk statements' large JSON parameters go straight to the server. */
export function pgRunner(databaseUrl: string): SqlRunner {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  return {
    query: async <T>(sql: string, params: unknown[]) => (await pool.query(sql, params)).rows as T[],
    close: () => pool.end(),
  };
}
