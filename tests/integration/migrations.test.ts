import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrate, MigrationError, readMigrations } from "../../api/db/migrate.js";
import { createEmptyDatabase, MIGRATIONS_DIR } from "../support/test-database.js";
import { memoryLogger } from "../support/silent-logger.js";

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const d of drops) await d();
});

async function emptyDb() {
  const d = await createEmptyDatabase();
  drops.push(d.drop);
  return d.url;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

describe("migration runner", () => {
  it("a fresh database gets every migration, recorded the way Prisma records them", async () => {
    const url = await emptyDb();
    const result = await migrate({ databaseUrl: url, dir: MIGRATIONS_DIR, log: memoryLogger() });
    const files = readMigrations(MIGRATIONS_DIR);
    expect(result.applied).toEqual(files.map((f) => f.name));
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(files.map((f) => [f.name, f.checksum]));
    expect(rows.every((r) => r.finished_at instanceof Date && r.applied_steps_count === 1)).toBe(true);
    const tables = await query<{ table_name: string }>(url, `SELECT table_name FROM information_schema.tables WHERE table_schema='public'`);
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(["Branch", "BibRecord", "Item", "SearchLog"]));
  });

  it("an already migrated database is left alone on the next start", async () => {
    const url = await emptyDb();
    await migrate({ databaseUrl: url, dir: MIGRATIONS_DIR, log: memoryLogger() });
    const again = await migrate({ databaseUrl: url, dir: MIGRATIONS_DIR, log: memoryLogger() });
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBe(readMigrations(MIGRATIONS_DIR).length);
  });

  it("two processes starting at once apply each migration exactly once", async () => {
    const url = await emptyDb();
    const results = await Promise.all([1, 2, 3].map(() => migrate({ databaseUrl: url, dir: MIGRATIONS_DIR, log: memoryLogger() })));
    const appliedTotal = results.reduce((n, r) => n + r.applied.length, 0);
    expect(appliedTotal).toBe(readMigrations(MIGRATIONS_DIR).length);
    const rows = await query<{ n: string }>(url, `SELECT count(*) AS n FROM "_prisma_migrations"`);
    expect(Number(rows[0]!.n)).toBe(readMigrations(MIGRATIONS_DIR).length);
  });

  it("a failing migration is rolled back whole and stops the start with a message naming it", async () => {
    const url = await emptyDb();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-mig-"));
    fs.mkdirSync(path.join(dir, "20260101000000_good"));
    fs.writeFileSync(path.join(dir, "20260101000000_good", "migration.sql"), `CREATE TABLE "Good" (id int);`);
    fs.mkdirSync(path.join(dir, "20260102000000_broken"));
    fs.writeFileSync(
      path.join(dir, "20260102000000_broken", "migration.sql"),
      `CREATE TABLE "Half" (id int);\nINSERT INTO "Half" VALUES (1);\nALTER TABLE "Missing" ADD COLUMN x int;`,
    );
    const err = await migrate({ databaseUrl: url, dir, log: memoryLogger() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect((err as Error).message).toMatch(/20260102000000_broken.*rolled back.*"Missing" does not exist/);
    const tables = await query<{ table_name: string }>(url, `SELECT table_name FROM information_schema.tables WHERE table_schema='public'`);
    expect(tables.map((t) => t.table_name).sort()).toEqual(["Good", "_prisma_migrations"]);
    const rows = await query<{ migration_name: string }>(url, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(rows.map((r) => r.migration_name)).toEqual(["20260101000000_good"]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
