import { setImmediate } from "node:timers/promises";
import { createChangeNotifier } from "./change-notifier.js";
import { createBranchResolver, validateBranchMap, type BranchResolver } from "./branch-resolver.js";
import { detectFormat } from "./detect-format.js";
import { ImportOptionError } from "./errors.js";
import { openInput } from "./open-input.js";
import { readRecords } from "./read-records.js";
import { recordHash } from "./record-hash.js";
import { ReportBuilder } from "./report-builder.js";
import { pgRunner, prismaRunner } from "./sql-runner.js";
import type { ImportOptions, ImportProgress, ImportReport, ParsedRecord } from "./types.js";
import { findExisting, writeBatch, type PreparedRecord } from "./upsert-batch.js";

const DEFAULT_BATCH = 1000;
const YIELD_EVERY = 50;

/** Drops later copies of a barcode already used in this batch (by this or an earlier record). */
function dedupeBarcodes(batch: ParsedRecord[], builder: ReportBuilder): void {
  const owner = new Map<string, number>();
  for (const p of batch) {
    const v = p.value!;
    v.items = v.items.filter((item) => {
      const first = owner.get(item.barcode);
      if (first === undefined) {
        owner.set(item.barcode, p.record);
        return true;
      }
      const where = first === p.record ? "twice in this record" : `already by record ${first}`;
      builder.note(p, [{ field: "barcode", problem: `barcode ${item.barcode} is used ${where}; copy skipped`, dropped: "item" }]);
      return false;
    });
  }
}

/** Keeps the last record of each source id in a batch; earlier ones are reported as replaced. */
function dedupeSourceIds(batch: ParsedRecord[], builder: ReportBuilder): ParsedRecord[] {
  const last = new Map<string, ParsedRecord>();
  for (const p of batch) last.set(p.value!.sourceId, p);
  if (last.size === batch.length) return batch;
  return batch.filter((p) => {
    const keeper = last.get(p.value!.sourceId)!;
    if (keeper === p) return true;
    builder.note(p, [{ field: "source id", problem: `source id "${p.value!.sourceId}" appears again in record ${keeper.record}, which replaces this one`, dropped: "record" }]);
    return false;
  });
}

async function prepare(batch: ParsedRecord[], branches: BranchResolver): Promise<PreparedRecord[]> {
  const codes = new Set<string>();
  for (const p of batch) for (const i of p.value!.items) codes.add(branches.codeOf(i.branch));
  const ids = await branches.idsFor(codes);
  return batch.map((p) => {
    const v = p.value!;
    return {
      value: v,
      hash: recordHash(v, branches.codeOf),
      items: v.items.map((i) => ({ barcode: i.barcode, branchId: ids.get(branches.codeOf(i.branch))!, status: i.status, dueDate: i.dueDate, callNumber: i.callNumber })),
    };
  });
}

/**
 * Imports a catalogue file (MARC 21 ISO 2709, MARCXML, SLiMS CSV or our simple CSV) into
 * BibRecord/Item, keyed by (source, source id) and barcode. Broken records are reported, never
 * fatal; a file that is not a catalogue throws NotACatalogueError before anything is written.
 * The CLI and the admin endpoint both call this.
 */
export async function importCatalogue(opts: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const source = opts.source?.trim() ?? "";
  if (!source || source.length > 100) throw new ImportOptionError("source must be a name of 1 to 100 characters, e.g. slims or koha");
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new ImportOptionError("batchSize must be a whole number from 1 to 10000");
  const dryRun = opts.dryRun ?? false;
  const branchMap = opts.branchMap ? validateBranchMap(opts.branchMap) : undefined;
  const { db, log } = opts;

  const input = await openInput(opts.input);
  const sql = opts.databaseUrl ? pgRunner(opts.databaseUrl) : prismaRunner(db);
  try {
    const detected = detectFormat(input.head, { requested: opts.format, name: input.name });
    log.info({ format: detected.format, source, file: input.name, dryRun }, "catalogue import started");
    const builder = new ReportBuilder(source, detected.format, dryRun);
    const report = builder.report;
    const branches = createBranchResolver(db, { branchMap, dryRun });
    const notifier = createChangeNotifier(dryRun ? undefined : opts.onRecordsChanged, log);

    const progress = (phase: ImportProgress["phase"]) =>
      opts.onProgress?.({
        records: report.total,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        skippedRecords: report.skippedRecords,
        bytesRead: input.bytesRead(),
        totalBytes: input.totalBytes,
        elapsedMs: performance.now() - started,
        phase,
        indexBacklog: notifier.backlog(),
        done: phase === "done",
      });

    const store = async (batch: ParsedRecord[]): Promise<void> => {
      const t0 = performance.now();
      dedupeBarcodes(batch, builder);
      const kept = dedupeSourceIds(batch, builder);
      const prepared = await prepare(kept, branches);
      const t1 = performance.now();
      const existing = await findExisting(sql, source, prepared.map((p) => p.value.sourceId));
      const t2 = performance.now();
      const changed = prepared.filter((p) => existing.get(p.value.sourceId)?.hash !== p.hash);
      report.unchanged += prepared.length - changed.length;
      report.items += prepared.reduce((n, p) => n + p.items.length, 0);
      if (dryRun) {
        for (const p of changed) {
          if (existing.has(p.value.sourceId)) report.updated += 1;
          else report.created += 1;
        }
      } else if (changed.length) {
        const written = await writeBatch(sql, source, changed);
        log.debug({ prepareMs: Math.round(t1 - t0), lookupMs: Math.round(t2 - t1), writeMs: Math.round(performance.now() - t2), records: changed.length }, "catalogue import batch written");
        report.created += written.created.length;
        report.updated += written.updated.length;
        await notifier.add([...new Set([...written.created, ...written.updated, ...written.affected])]);
      }
      progress("importing");
    };

    // Parsing the next batch overlaps with writing the previous one; at most one write is in flight.
    let inflight: Promise<unknown> | null = null;
    let failure: unknown = null;
    const flush = async (batch: ParsedRecord[]) => {
      if (inflight) await inflight;
      if (failure) throw failure;
      inflight = store(batch).catch((err: unknown) => {
        failure = err;
      });
    };

    try {
      let batch: ParsedRecord[] = [];
      for await (const parsed of readRecords(detected, input.chunks)) {
        report.total += 1;
        // Parsing a chunk is pure CPU; let database replies in between, or the write in flight stalls.
        if (report.total % YIELD_EVERY === 0) await setImmediate();
        builder.note(parsed, parsed.issues);
        if (!parsed.value) continue;
        batch.push(parsed);
        if (batch.length >= batchSize) {
          await flush(batch);
          batch = [];
        }
      }
      if (batch.length) await flush(batch);
      if (inflight) await inflight;
      if (failure) throw failure;
    } catch (err) {
      // Let a write in flight finish before the connection closes; what was committed still reaches the index.
      if (inflight) await inflight;
      await notifier.drain();
      throw err;
    }
    if (notifier.backlog() > 0) {
      progress("indexing");
      await notifier.drain(() => progress("indexing"));
    }
    report.notifyFailures = notifier.failures();
    report.branchesCreated = branches.created();
    const result = builder.finish(started);
    progress("done");
    log.info(
      { source, format: result.format, total: result.total, created: result.created, updated: result.updated, unchanged: result.unchanged, skipped: result.skippedRecords, ms: result.ms, dryRun },
      "catalogue import finished",
    );
    return result;
  } finally {
    input.close();
    await sql.close();
  }
}
