// `npm run import -- <file> [--format marc|marcxml|csv] [--dry-run] [--branch-map file] [--source name]`
// Imports a catalogue file into DATABASE_URL (or the embedded database under DATA_DIR, migrated
// first) and keeps the search index in step when Meilisearch is reachable.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pino from "pino";
import { validateBranchMap } from "../api/catalogue/import/branch-resolver.js";
import { AppError } from "../api/errors.js";
import { detectFormat } from "../api/catalogue/import/detect-format.js";
import { importCatalogue } from "../api/catalogue/import/import-catalogue.js";
import { openInput } from "../api/catalogue/import/open-input.js";
import { formatImportSummary } from "../api/catalogue/import/import-summary.js";
import { createProgressPrinter } from "../api/catalogue/import/progress-printer.js";
import type { FormatOption } from "../api/catalogue/import/types.js";
import type { RecordsChanged } from "../api/catalogue/types.js";
import { ConfigError, loadConfig } from "../api/config.js";
import type { Db } from "../api/db/prisma.js";
import { CleanupStack } from "../api/lib/cleanup-stack.js";
import { DataDirInUseError } from "../api/lib/instance-lock.js";
import { createLogger, type Logger } from "../api/logger.js";
import { createCatalogueIndex } from "../search/catalogue-index.js";
import { startEmbeddedMeili } from "../search/embedded-meili.js";
import { resolveMeiliBinary } from "../search/meili-binary.js";
import { createSearchBackend } from "../search/search-client.js";
import { openCliDatabase } from "./cli-database.js";

const FORMATS: FormatOption[] = ["marc", "marcxml", "csv", "simple-csv", "slims-csv"];
const USAGE = `usage: npm run import -- <file> [--format ${FORMATS.join("|")}] [--dry-run] [--branch-map file.json] [--source name] [--no-index]

  --format      insist on this format (the content is checked either way)
  --dry-run     read and check everything, report what would change, write nothing
  --branch-map  JSON object mapping branch codes in the file to ours, "*" for copies without one
  --source      name of the system the file comes from (default "local"); keep it the same
                for every import from that system, it is half of each record's key
  --no-index    do not update the search index (it catches up at the next start)`;

// Exit codes: 0 imported (maybe with skipped records), 1 rejected or failed, 2 usage.
function usage(message?: string): never {
  if (message) process.stderr.write(`${message}\n\n`);
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        format: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        "branch-map": { type: "string" },
        source: { type: "string", default: "local" },
        "no-index": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    return usage((err as Error).message);
  }
}

type SearchHook = { onRecordsChanged: RecordsChanged; settle(): Promise<void> };

async function searchHook(opts: { config: ReturnType<typeof loadConfig>; db: Db; log: Logger; cleanup: CleanupStack }): Promise<SearchHook | undefined> {
  const { config, db, log, cleanup } = opts;
  let url = config.MEILI_URL;
  let apiKey = config.MEILI_API_KEY;
  if (!url) {
    const binary = resolveMeiliBinary(process.env, config.dataDir);
    if (!binary) return undefined;
    const meili = await startEmbeddedMeili({ binary: binary.path, dataDir: config.dataDir, log });
    cleanup.push("Meilisearch", () => meili.stop());
    url = meili.url;
    apiKey = meili.apiKey;
  }
  const search = createSearchBackend({ url, apiKey, indexPrefix: config.MEILI_INDEX_PREFIX, timeoutMs: Math.max(config.MEILI_TIMEOUT_MS, 10_000) });
  if ((await search.health()) !== "ok") {
    log.warn("Meilisearch is not reachable; the search index catches up at the next start");
    return undefined;
  }
  const index = createCatalogueIndex({ db, search, log });
  await index.ensureReady();
  // Queue uploads without waiting for each to be indexed, so indexing overlaps the import; settle() at the end.
  return { onRecordsChanged: (ids) => index.upsertRecords(ids, { wait: false }), settle: () => index.settle() };
}

async function main(): Promise<number> {
  const { values, positionals } = parse();
  if (values.help) usage();
  if (positionals.length !== 1) usage(positionals.length ? "give exactly one file" : "which file? give the path of the catalogue file");
  const file = positionals[0]!;
  const format = values.format as FormatOption | undefined;
  if (format !== undefined && !FORMATS.includes(format)) usage(`unknown --format "${format}"`);
  let branchMap: Record<string, string> | undefined;
  if (values["branch-map"]) {
    try {
      branchMap = validateBranchMap(JSON.parse(fs.readFileSync(values["branch-map"], "utf8")));
    } catch (err) {
      usage(`--branch-map ${values["branch-map"]}: ${(err as Error).message}`);
    }
  }

  // Refuse a file that is not a catalogue before starting PostgreSQL and Meilisearch for it.
  try {
    const input = await openInput(file);
    input.close();
    detectFormat(input.head, { requested: format, name: file });
  } catch (err) {
    if (err instanceof AppError) {
      process.stderr.write(`Import rejected: ${err.message}\n`);
      return 1;
    }
    throw err;
  }

  const config = loadConfig();
  // Progress and the summary are the output; log lines only for warnings unless LOG_LEVEL asks for more.
  const level = process.env.LOG_LEVEL ? config.LOG_LEVEL : "warn";
  const log = createLogger({ level, destination: pino.destination({ fd: 2, sync: true }) });
  const cleanup = new CleanupStack();
  const stop = () => cleanup.run((name, err) => log.error({ err, part: name }, "error while stopping"));
  process.once("SIGINT", () => void stop().then(() => process.exit(130)));
  process.once("SIGTERM", () => void stop().then(() => process.exit(143)));

  try {
    const { db, url } = await openCliDatabase({ config, log, cleanup, poolSize: 4 });
    const hook = values["dry-run"] || values["no-index"] ? undefined : await searchHook({ config, db, log, cleanup });

    const report = await importCatalogue({
      db,
      databaseUrl: url,
      input: file,
      format,
      source: values.source!,
      dryRun: values["dry-run"],
      branchMap,
      onRecordsChanged: hook?.onRecordsChanged,
      onProgress: createProgressPrinter(process.stderr),
      log,
    });
    if (hook && report.created + report.updated > 0) {
      process.stderr.write("Waiting for the search index to take the new records...\n");
      await hook.settle();
    }
    process.stdout.write(`${formatImportSummary(report, { file: path.basename(file) })}\n`);
    const stored = report.created + report.updated + report.unchanged;
    if (report.total > 0 && stored === 0) {
      process.stderr.write("\nNo record of this file could be imported.\n");
      return 1;
    }
    return 0;
  } catch (err) {
    if (err instanceof DataDirInUseError) {
      process.stderr.write(`${err.message}\nThe service keeps its embedded database to itself while it runs: stop it, or set DATABASE_URL to a shared PostgreSQL.\n`);
    } else if (err instanceof AppError) {
      process.stderr.write(`Import rejected: ${err.message}\n`);
    } else {
      log.error({ err }, "import failed");
      process.stderr.write(`Import failed: ${(err as Error).message}\n`);
    }
    return 1;
  } finally {
    await stop();
  }
}

try {
  process.exitCode = await main();
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError ? err.message : `import failed: ${(err as Error).message}`}\n`);
  process.exitCode = 1;
}
