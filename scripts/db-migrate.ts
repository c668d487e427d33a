// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or to the embedded database under DATA_DIR).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, loadConfig } from "../api/config.js";
import { startEmbeddedPostgres } from "../api/db/embedded-postgres.js";
import { migrate } from "../api/db/migrate.js";
import { claimDataDir } from "../api/lib/instance-lock.js";
import { createLogger } from "../api/logger.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
try {
  const config = loadConfig();
  const log = createLogger({ level: config.LOG_LEVEL });
  let url = config.DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!url) {
    const lock = claimDataDir(config.dataDir);
    const pg = await startEmbeddedPostgres({ dataDir: config.dataDir, log });
    url = pg.url;
    stop = async () => {
      await pg.stop();
      lock.release();
    };
  }
  try {
    const result = await migrate({ databaseUrl: url, dir: path.join(root, "prisma", "migrations"), log });
    console.log(result.applied.length ? `applied: ${result.applied.join(", ")}` : "database schema already up to date");
  } finally {
    await stop?.();
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `migration failed: ${(err as Error).message}`);
  process.exit(1);
}
