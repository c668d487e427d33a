import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { migrate } from "../../api/db/migrate.js";
import { createEmptyDatabase, MIGRATIONS_DIR } from "../support/test-database.js";
import { memoryLogger } from "../support/silent-logger.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const d of drops) await d();
});

// Everything Prisma's schema describes, read back from PostgreSQL's catalog.
const CATALOG = {
  columns: `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
            ORDER BY 1, 2`,
  indexes: `SELECT tablename, indexname, indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1, 2`,
  constraints: `SELECT c.conrelid::regclass::text AS tbl, c.conname, c.contype, pg_get_constraintdef(c.oid) AS def
                FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
                WHERE n.nspname = 'public' AND c.conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`,
  enums: `SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
          JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' ORDER BY 1, 3`,
};

async function catalog(url: string): Promise<Record<string, unknown[]>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const out: Record<string, unknown[]> = {};
    for (const [k, sql] of Object.entries(CATALOG)) out[k] = (await c.query(sql)).rows;
    return out;
  } finally {
    await c.end();
  }
}

describe("schema.prisma and the migrations cannot drift apart", () => {
  it("applying all migrations yields exactly the schema that schema.prisma describes", async () => {
    const viaMigrations = await createEmptyDatabase();
    const viaSchema = await createEmptyDatabase();
    drops.push(viaMigrations.drop, viaSchema.drop);
    await migrate({ databaseUrl: viaMigrations.url, dir: MIGRATIONS_DIR, log: memoryLogger() });

    const sql = execFileSync(
      process.execPath,
      [path.join(ROOT, "scripts/prisma.mjs"), "migrate", "diff", "--from-empty", "--to-schema-datamodel", path.join(ROOT, "prisma/schema.prisma"), "--script"],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: inject("adminDatabaseUrl") }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    expect(sql).toContain("CREATE TABLE");
    const c = new pg.Client({ connectionString: viaSchema.url });
    await c.connect();
    await c.query(sql);
    await c.end();

    const [a, b] = await Promise.all([catalog(viaMigrations.url), catalog(viaSchema.url)]);
    expect(a.columns!.length).toBeGreaterThan(10);
    expect(a).toEqual(b);
  });
});
