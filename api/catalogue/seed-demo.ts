import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "../db/prisma.js";
import type { Logger } from "../logger.js";
import { DEFAULT_BRANCHES_FILE, seedBranches } from "./branches.js";
import { importCatalogue } from "./import/import-catalogue.js";
import type { ImportReport } from "./import/types.js";
import type { RecordsChanged } from "./types.js";

export const DEMO_CATALOGUE_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma/seed/demo-catalogue.csv");
export const DEMO_SOURCE = "demo";

/**
 * First start of the embedded default: when the catalogue is empty, seeds the demo library's
 * branches and imports the demo catalogue through the normal importer. Does nothing otherwise
 * (returns null), so a library's own catalogue is never mixed with the demo.
 */
export async function seedDemo(opts: {
  db: Db;
  log: Logger;
  onRecordsChanged?: RecordsChanged;
  catalogueFile?: string;
  branchesFile?: string;
  /** Same database as `db`, for the importer's faster bulk writes (see ImportOptions.databaseUrl). */
  databaseUrl?: string;
}): Promise<ImportReport | null> {
  const { db, log } = opts;
  if ((await db.bibRecord.count()) > 0) {
    log.debug("catalogue is not empty; demo seed skipped");
    return null;
  }
  const file = opts.catalogueFile ?? DEMO_CATALOGUE_FILE;
  if (!fs.existsSync(file)) {
    log.warn({ file }, "demo catalogue file missing; demo seed skipped");
    return null;
  }
  const branches = await seedBranches(db, opts.branchesFile ?? DEFAULT_BRANCHES_FILE);
  const report = await importCatalogue({ db, input: file, format: "simple-csv", source: DEMO_SOURCE, onRecordsChanged: opts.onRecordsChanged, log, databaseUrl: opts.databaseUrl });
  log.info({ branches: branches.created, records: report.created, items: report.items, skipped: report.skippedRecords }, "demo catalogue seeded");
  if (report.skippedRecords > 0) log.warn({ skipped: report.skipped.slice(0, 20) }, "demo catalogue has records that were skipped");
  return report;
}
