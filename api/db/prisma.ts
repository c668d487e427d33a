import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../generated/prisma/index.js";

export type Db = PrismaClient;
export { Prisma } from "../../generated/prisma/index.js";

/** Creates a Prisma client over node-postgres (no native engine). */
export function createDb(databaseUrl: string, opts: { max?: number } = {}): Db {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: opts.max ?? 10 });
  return new PrismaClient({ adapter });
}

/** A Prisma client and the node-postgres pool under it, for hot statements sent without Prisma (raw-sql.ts); end the pool after $disconnect. */
export function createDbWithPool(databaseUrl: string, opts: { max?: number } = {}): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: opts.max ?? 10 });
  return { db: new PrismaClient({ adapter: new PrismaPg(pool) }), pool };
}
