// The database a command-line script works on: DATABASE_URL, or the embedded one under DATA_DIR
// (claimed first, so the script never runs beside the service on the same data). Migrated either way.
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Config } from "../api/config.js";
import { startEmbeddedPostgres } from "../api/db/embedded-postgres.js";
import { migrate } from "../api/db/migrate.js";
import { createDb, type Db } from "../api/db/prisma.js";
import type { CleanupStack } from "../api/lib/cleanup-stack.js";
import { claimDataDir } from "../api/lib/instance-lock.js";
import type { Logger } from "../api/logger.js";

const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "prisma", "migrations");

/** Opens and migrates the script's database; everything it starts is pushed on `cleanup`. Throws DataDirInUseError while the service holds DATA_DIR. */
export async function openCliDatabase(opts: { config: Config; log: Logger; cleanup: CleanupStack; poolSize: number }): Promise<{ db: Db; url: string }> {
  const { config, log, cleanup } = opts;
  let url = config.DATABASE_URL;
  if (!url) {
    const lock = claimDataDir(config.dataDir);
    cleanup.push("instance lock", () => lock.release());
    const pg = await startEmbeddedPostgres({ dataDir: config.dataDir, log });
    cleanup.push("PostgreSQL", () => pg.stop());
    url = pg.url;
  }
  await migrate({ databaseUrl: url, dir: MIGRATIONS, log });
  const db = createDb(url, { max: opts.poolSize });
  cleanup.push("database pool", () => db.$disconnect());
  return { db, url };
}
