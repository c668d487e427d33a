import crypto from "node:crypto";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { migrate } from "../../api/db/migrate.js";
import { createDb, type Db } from "../../api/db/prisma.js";
import { createLogger } from "../../api/logger.js";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

export type TestDatabase = { url: string; name: string; db: Db; drop(): Promise<void> };

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs SQL on the server's maintenance connection (CREATE/DROP DATABASE). */
export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject("adminDatabaseUrl") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** An empty database of its own for one test file (not migrated). */
export async function createEmptyDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `tp_t_${crypto.randomBytes(5).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = withDatabase(inject("adminDatabaseUrl"), name);
  return { url, name, drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** A fresh, fully migrated database with a Prisma client; drop() removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const empty = await createEmptyDatabase();
  await migrate({ databaseUrl: empty.url, dir: MIGRATIONS_DIR, log: createLogger({ level: "silent" }) });
  const db = createDb(empty.url, { max: 5 });
  return {
    ...empty,
    db,
    drop: async () => {
      await db.$disconnect();
      await empty.drop();
    },
  };
}
