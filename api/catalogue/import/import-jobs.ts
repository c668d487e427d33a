// Catalogue imports started from the dashboard: the uploaded file is kept in a temporary folder,
// checked before anything runs (a file that is not a catalogue is refused and deleted), then
// imported in the background through the same importCatalogue() the CLI uses. One import at a
// time; the state lives in memory (the audit log keeps the history across restarts).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Db } from "../../db/prisma.js";
import { AppError } from "../../errors.js";
import type { AuditLog } from "../../inbox/audit-log.js";
import type { Logger } from "../../logger.js";
import type { CatalogueIndex } from "../../../search/catalogue-index.js";
import { detectFormat } from "./detect-format.js";
import { ImportOptionError } from "./errors.js";
import { importCatalogue } from "./import-catalogue.js";
import { openInput } from "./open-input.js";
import type { FormatOption, ImportOptions, ImportProgress, ImportReport } from "./types.js";

/** Audit action of every dashboard import (dry runs too; `detail.dryRun` tells them apart). */
export const IMPORT_AUDIT_ACTION = "catalogue.import";

export type ImportJob = {
  /** Random, so a bookmark from before a restart does not show someone else's import. */
  id: string;
  fileName: string;
  source: string;
  /** What the admin asked for; undefined = detected from the content. */
  format: FormatOption | undefined;
  dryRun: boolean;
  staffId: number;
  /** The dry run this import repeats for real, when it was started with "import for real". */
  repeats: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  status: "running" | "done" | "failed";
  progress: ImportProgress | null;
  report: ImportReport | null;
  error: string | null;
  /** The search index could not confirm the new records (they are stored; it catches up later). */
  indexError: string | null;
  /** True while a dry run's upload is kept for "import for real". */
  canRunForReal: boolean;
};

export type StartImport = {
  /** The uploaded bytes; written to a temporary file before anything else happens. */
  upload: Blob | Readable;
  fileName: string;
  source: string;
  format?: FormatOption;
  dryRun: boolean;
  staffId: number;
};

export type ImportJobs = {
  /** Saves and checks the upload, then imports it in the background; throws ImportBusyError or the importer's rejection. */
  start(req: StartImport): Promise<ImportJob>;
  /** Imports a finished dry run's file for real, with the same options. */
  runForReal(dryRunId: string, staffId: number): Promise<ImportJob>;
  get(id: string): ImportJob | undefined;
  /** The import under way, if any. */
  running(): ImportJob | null;
  /** Waits until no import runs (tests and shutdown). */
  idle(): Promise<void>;
  /** Waits for the running import and deletes the kept upload. */
  close(): Promise<void>;
};

export type ImportJobsDeps = {
  db: Db;
  log: Logger;
  audit: AuditLog;
  /** The search index the app searches; a real import updates it and waits until it is searchable. */
  index?: Pick<CatalogueIndex, "upsertRecords" | "settle">;
  /** The same database as `db`, for the importer's faster bulk writes. */
  databaseUrl?: string;
  /** Where uploads are kept while they are imported (default: the system's temporary folder). */
  tmpDir?: string;
  /** Finished imports remembered for their pages (default 20). */
  keep?: number;
  /** The importer (tests may wrap it to hold an import open). */
  importer?: (opts: ImportOptions) => Promise<ImportReport>;
};

/** Another import is still running; only one runs at a time. */
export class ImportBusyError extends AppError {
  constructor(readonly fileName: string) {
    super(409, "import_busy", `another import (${fileName}) is still running`);
    this.name = "ImportBusyError";
  }
}

/** The dry run to repeat is unknown, still running, failed, or its file is gone. */
export class ImportNotRepeatableError extends AppError {
  constructor(id: string) {
    super(409, "import_not_repeatable", `import ${id} cannot be run for real; upload the file again`);
    this.name = "ImportNotRepeatableError";
  }
}

/** A file name safe to use inside our temporary folder; keeps the extension (a format hint). */
function safeName(name: string): string {
  const base = path.basename(name.replaceAll("\\", "/")).replace(/[^\w.-]+/g, "_").replace(/^\.+/, "");
  return (base || "upload").slice(-100);
}

async function writeUpload(upload: Blob | Readable, file: string): Promise<void> {
  const source = upload instanceof Readable ? upload : Readable.fromWeb(upload.stream() as import("node:stream/web").ReadableStream);
  await pipeline(source, fs.createWriteStream(file, { flags: "wx", mode: 0o600 }));
}

/** Creates the dashboard's import runner; nothing global, one per app. */
export function createImportJobs(deps: ImportJobsDeps): ImportJobs {
  const { db, log, audit } = deps;
  const keep = deps.keep ?? 20;
  const importer = deps.importer ?? importCatalogue;
  const jobs = new Map<string, ImportJob>();
  // Upload folder per job; only the newest finished dry run keeps its folder (for "import for real").
  const folders = new Map<string, { dir: string; file: string }>();
  let current: { job: ImportJob; done: Promise<void> } | null = null;
  // The file being saved and checked: set before the first await of start(), so two uploads at once cannot both pass.
  let reserved: string | null = null;

  const removeFolder = (id: string) => {
    const f = folders.get(id);
    if (!f) return;
    folders.delete(id);
    const job = jobs.get(id);
    if (job) job.canRunForReal = false;
    fs.rmSync(f.dir, { recursive: true, force: true });
  };

  const remember = (job: ImportJob) => {
    jobs.set(job.id, job);
    for (const id of jobs.keys()) {
      if (jobs.size <= keep) break;
      if (jobs.get(id)!.status === "running") continue;
      removeFolder(id);
      jobs.delete(id);
    }
  };

  function claim(fileName: string): void {
    const busy = current?.job.fileName ?? reserved;
    if (busy !== null) throw new ImportBusyError(busy);
    reserved = fileName;
  }

  async function finish(job: ImportJob): Promise<void> {
    job.finishedAt = new Date();
    const r = job.report;
    const detail = {
      job: job.id,
      file: job.fileName,
      source: job.source,
      format: r?.format ?? job.format ?? null,
      dryRun: job.dryRun,
      status: job.status,
      ...(r ? { total: r.total, created: r.created, updated: r.updated, unchanged: r.unchanged, skipped: r.skippedRecords, copies: r.items, branchesCreated: r.branchesCreated } : {}),
      ...(job.error ? { error: job.error } : {}),
    };
    await audit.record({ staffId: job.staffId, action: IMPORT_AUDIT_ACTION, detail }).catch((err: unknown) => log.error({ err, job: job.id }, "import audit entry not written"));
  }

  async function run(job: ImportJob, file: string): Promise<void> {
    const index = job.dryRun ? undefined : deps.index;
    try {
      job.report = await importer({
        db,
        databaseUrl: deps.databaseUrl,
        input: file,
        format: job.format,
        source: job.source,
        dryRun: job.dryRun,
        log,
        // Queued without waiting so indexing overlaps the import; settle() below waits for the rest.
        onRecordsChanged: index ? (ids) => index.upsertRecords(ids, { wait: false }) : undefined,
        onProgress: (p) => {
          job.progress = p;
        },
      });
      if (index && job.report.created + job.report.updated > 0) {
        if (job.progress) job.progress = { ...job.progress, phase: "indexing", done: false };
        await index.settle().catch((err: unknown) => {
          log.error({ err, job: job.id }, "search index did not confirm the imported records");
          job.indexError = (err as Error).message;
        });
      }
      job.status = "done";
    } catch (err) {
      job.status = "failed";
      job.error = (err as Error).message;
      if (!(err instanceof AppError)) log.error({ err, job: job.id }, "catalogue import failed");
    }
    await finish(job);
    // Only a finished dry run keeps its file, and only the newest one: disk use stays one upload.
    for (const id of [...folders.keys()]) if (id !== job.id) removeFolder(id);
    if (!job.dryRun || job.status !== "done") removeFolder(job.id);
    else job.canRunForReal = true;
  }

  function launch(opts: Omit<ImportJob, "id" | "startedAt" | "finishedAt" | "status" | "progress" | "report" | "error" | "indexError" | "canRunForReal">, folder: { dir: string; file: string }, id: string): ImportJob {
    const job: ImportJob = { ...opts, id, startedAt: new Date(), finishedAt: null, status: "running", progress: null, report: null, error: null, indexError: null, canRunForReal: false };
    folders.set(id, folder);
    remember(job);
    const done = run(job, folder.file).finally(() => {
      current = null;
    });
    current = { job, done };
    return job;
  }

  return {
    async start(req) {
      const source = req.source.trim();
      if (!source || source.length > 100) throw new ImportOptionError("source must be a name of 1 to 100 characters, e.g. slims or koha");
      const fileName = path.basename(req.fileName.replaceAll("\\", "/")) || "upload";
      claim(fileName);
      const id = crypto.randomBytes(6).toString("hex");
      let folder: { dir: string; file: string } | null = null;
      try {
        const dir = await fs.promises.mkdtemp(path.join(deps.tmpDir ?? os.tmpdir(), "tanya-import-"));
        folder = { dir, file: path.join(dir, safeName(req.fileName)) };
        await writeUpload(req.upload, folder.file);
        // Refused here, before the background run: a picture or a random text never becomes a job.
        const input = await openInput(folder.file);
        input.close();
        detectFormat(input.head, { requested: req.format, name: folder.file });
        return launch({ fileName, source, format: req.format, dryRun: req.dryRun, staffId: req.staffId, repeats: null }, folder, id);
      } catch (err) {
        if (folder) fs.rmSync(folder.dir, { recursive: true, force: true });
        throw err;
      } finally {
        reserved = null;
      }
    },

    async runForReal(dryRunId, staffId) {
      const dry = jobs.get(dryRunId);
      const folder = folders.get(dryRunId);
      if (!dry || !folder || !dry.dryRun || dry.status !== "done") throw new ImportNotRepeatableError(dryRunId);
      claim(dry.fileName);
      try {
        // The folder moves to the new job: the dry run can no longer be repeated.
        folders.delete(dryRunId);
        dry.canRunForReal = false;
        return launch({ fileName: dry.fileName, source: dry.source, format: dry.format, dryRun: false, staffId, repeats: dry.id }, folder, crypto.randomBytes(6).toString("hex"));
      } finally {
        reserved = null;
      }
    },

    get: (id) => jobs.get(id),
    running: () => current?.job ?? null,

    async idle() {
      while (current) await current.done;
    },

    async close() {
      while (current) await current.done;
      for (const id of [...folders.keys()]) removeFolder(id);
    },
  };
}
