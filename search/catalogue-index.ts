// Keeps the Meilisearch catalogue index in step with PostgreSQL, which is always the truth:
// settings applied at start, incremental upserts after every change, and a full rebuild that
// is built beside the live index and swapped in, so searches never see a half-built index.
import crypto from "node:crypto";
import { MeilisearchApiError, type EnqueuedTaskPromise, type Meilisearch, type Settings } from "meilisearch";
import type { Db } from "../api/db/prisma.js";
import type { Logger } from "../api/logger.js";
import { toDocument, type CatalogueDocument } from "./catalogue-document.js";
import { applySettings, catalogueSettings } from "./index-settings.js";
import { compileLexicon, type Lexicon } from "./lexicon.js";
import { assertSucceeded, indexExists, isUnavailable } from "./meili-errors.js";
import { recordCount, recordRowsAfter, recordRowsById } from "./record-rows.js";
import type { SearchBackend } from "./search-client.js";
import { loadVocabulary, type Vocabulary } from "./vocabulary.js";

// Indexing a whole catalogue is one task that can run for minutes on a small machine, and any
// task queues behind it. Passed explicitly: the client's createIndex() ignores its default.
const WAIT = { timeout: 15 * 60_000, interval: 50 };

/** Bump when the document shape changes: start-up then rebuilds the index. */
const DOCUMENT_VERSION = 3;

export type CatalogueIndex = {
  /** The uid searches use: `<prefix>catalogue`. */
  readonly uid: string;
  readonly lexicon: Lexicon;
  /** Applies settings idempotently; rebuilds when the index is empty, out of count or built from another vocabulary. */
  ensureReady(): Promise<void>;
  /**
   * Re-reads these records from PostgreSQL and updates their documents (ids no longer in
   * PostgreSQL are removed). Resolves once they are searchable, or, with `{ wait: false }`, at once
   * (a background feed reads and uploads them; settle() waits for it), so a bulk import overlaps
   * with indexing. Meilisearch being down is not an error: the change is replayed later.
   */
  upsertRecords(ids: number[], opts?: { wait?: boolean }): Promise<void>;
  /** Waits until every upload made with `{ wait: false }` is indexed (bulk imports call it once at the end). */
  settle(): Promise<void>;
  deleteRecords(ids: number[]): Promise<void>;
  /** Builds a new index from PostgreSQL and swaps it in atomically. */
  reindexAll(): Promise<{ count: number }>;
  /** Changes whenever a change through this object starts or ends, so cached search results can be dropped. */
  generation(): number;
};

export type CatalogueIndexDeps = {
  db: Db;
  search: SearchBackend;
  log: Logger;
  /** Defaults to the files in search/vocabulary. */
  vocabulary?: Vocabulary;
  /** Records per Meilisearch request (default 2,000). */
  batchSize?: number;
  /** How often deferred changes are retried while Meilisearch is unavailable (default 5 s). */
  retryEveryMs?: number;
};

function fingerprintOf(vocabulary: Vocabulary): string {
  const { missing: _missing, ...data } = vocabulary;
  return crypto.createHash("sha256").update(JSON.stringify({ DOCUMENT_VERSION, data })).digest("hex").slice(0, 16);
}

/** Creates the catalogue index manager; with search disabled every operation is a no-op. */
export function createCatalogueIndex(deps: CatalogueIndexDeps): CatalogueIndex {
  const { db, search, log } = deps;
  const vocabulary = deps.vocabulary ?? loadVocabulary();
  if (vocabulary.missing.length > 0) log.warn({ missing: vocabulary.missing }, "search vocabulary files missing; treated as empty");
  const lexicon = compileLexicon(vocabulary);
  // Built on first use: many apps are built without Meilisearch.
  let settingsCache: Settings | null = null;
  const settings = (): Settings => (settingsCache ??= catalogueSettings(lexicon));
  const fingerprint = fingerprintOf(vocabulary);
  const batchSize = deps.batchSize ?? 2000;
  const retryEveryMs = deps.retryEveryMs ?? 5000;
  const uid = `${search.indexPrefix}catalogue`;
  const metaUid = `${uid}_meta`;
  const client: Meilisearch | null = search.writeClient;

  let reindexing: Promise<{ count: number }> | null = null;
  // Changes that arrive while a rebuild runs are replayed on the new index after the swap.
  let changedDuringReindex: Set<number> | null = null;
  // Changes Meilisearch could not take (it was down); replayed by the next ensureReady.
  const pending = new Set<number>();
  // Uploads made with { wait: false } whose indexing settle() still has to confirm.
  const unsettled: { task: EnqueuedTaskPromise; ids: number[] }[] = [];

  const documents = async (ids: number[]): Promise<{ docs: CatalogueDocument[]; gone: number[] }> => {
    const rows = await recordRowsById(db, ids);
    const found = new Set(rows.map((r) => r.id));
    return { docs: rows.map((r) => toDocument(r, lexicon)), gone: ids.filter((id) => !found.has(id)) };
  };

  const applyCatalogueSettings = (c: Meilisearch, name: string) => applySettings(c, name, settings(), { log, message: "applying search index settings", wait: WAIT });

  async function storedFingerprint(c: Meilisearch): Promise<string | null> {
    try {
      const doc = await c.index(metaUid).getDocument(1);
      return typeof doc.fingerprint === "string" ? doc.fingerprint : null;
    } catch (err) {
      if (err instanceof MeilisearchApiError && (err.cause?.code === "index_not_found" || err.cause?.code === "document_not_found")) return null;
      throw err;
    }
  }

  function enqueueDocuments(c: Meilisearch, name: string, docs: CatalogueDocument[], gone: number[]): EnqueuedTaskPromise[] {
    const tasks: EnqueuedTaskPromise[] = [];
    if (docs.length > 0) tasks.push(c.index(name).addDocuments(docs, { primaryKey: "id" }));
    if (gone.length > 0) tasks.push(c.index(name).deleteDocuments(gone));
    return tasks;
  }

  // Deferred changes are retried in the background: nothing else may touch the index before
  // Meilisearch returns (no search might fail in between to trigger a recovery).
  let retryTimer: NodeJS.Timeout | null = null;
  const scheduleRetry = (): void => {
    if (retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (pending.size === 0) return;
      ensureReady().catch((err: unknown) => {
        log.debug({ err: String(err) }, "deferred index updates still waiting for Meilisearch");
        if (pending.size > 0) scheduleRetry();
      });
    }, retryEveryMs);
    retryTimer.unref();
  };

  const deferred = (err: unknown, ids: number[]): void => {
    if (!isUnavailable(err)) throw err;
    // PostgreSQL already has the change; the index catches up when Meilisearch is back.
    // Once per outage: an import during an outage would otherwise log every batch.
    if (pending.size === 0) log.warn({ err: String(err) }, "Meilisearch unavailable; index updates deferred until it is back");
    for (const id of ids) pending.add(id);
    scheduleRetry();
  };

  async function upsert(ids: number[], opts: { wait?: boolean } = {}): Promise<void> {
    const unique = [...new Set(ids)];
    if (!client || unique.length === 0) return;
    if (changedDuringReindex) for (const id of unique) changedDuringReindex.add(id);
    try {
      for (let i = 0; i < unique.length; i += batchSize) {
        const slice = unique.slice(i, i + batchSize);
        const { docs, gone } = await documents(slice);
        const tasks = enqueueDocuments(client, uid, docs, gone);
        if (opts.wait === false) {
          for (const t of tasks) unsettled.push({ task: t, ids: slice });
          // Keep the rejection for settle(); an unhandled one would end the process.
          for (const t of tasks) t.catch(() => undefined);
        } else {
          for (const t of tasks) assertSucceeded(await t.waitTask(WAIT));
          for (const id of slice) pending.delete(id);
        }
      }
    } catch (err) {
      deferred(err, unique);
    }
  }

  // Bulk feed: upsertRecords(ids, { wait: false }) queues the ids and returns, and one worker
  // reads, builds and uploads them while the importer parses and stores its next batch.
  const MAX_QUEUED_BATCHES = 4;
  const feedQueue: number[][] = [];
  let feeding: Promise<void> | null = null;
  let feedError: unknown = null;
  let roomWaiters: (() => void)[] = [];

  async function runFeed(): Promise<void> {
    try {
      while (feedQueue.length > 0) {
        const ids = feedQueue.shift()!;
        const waiters = roomWaiters;
        roomWaiters = [];
        for (const w of waiters) w();
        await upsert(ids, { wait: false }).catch((err: unknown) => {
          feedError ??= err;
          log.error({ err, records: ids.length }, "search index feed failed");
        });
      }
    } finally {
      feeding = null;
      for (const w of roomWaiters.splice(0)) w();
    }
  }

  async function queueUpsert(ids: number[]): Promise<void> {
    if (!client || ids.length === 0) return;
    while (feedQueue.length >= MAX_QUEUED_BATCHES) await new Promise<void>((resolve) => roomWaiters.push(resolve));
    feedQueue.push(ids);
    feeding ??= runFeed();
  }

  async function settle(): Promise<void> {
    while (feeding) await feeding;
    if (feedError) {
      const err = feedError;
      feedError = null;
      throw err;
    }
    while (unsettled.length > 0) {
      const { task, ids } = unsettled.shift()!;
      try {
        assertSucceeded(await task.waitTask(WAIT));
        for (const id of ids) pending.delete(id);
      } catch (err) {
        deferred(err, ids);
      }
    }
  }

  async function rebuild(c: Meilisearch): Promise<{ count: number }> {
    const started = performance.now();
    const tmpUid = `${uid}_${Date.now()}`;
    changedDuringReindex = new Set();
    try {
      assertSucceeded(await c.createIndex(tmpUid, { primaryKey: "id" }).waitTask(WAIT));
      await applyCatalogueSettings(c, tmpUid);
      let count = 0;
      let after = 0;
      // Two uploads in flight keep Meilisearch busy while the next batch is read from PostgreSQL.
      const inFlight: EnqueuedTaskPromise[] = [];
      for (;;) {
        const rows = await recordRowsAfter(db, after, batchSize);
        if (rows.length === 0) break;
        after = rows[rows.length - 1]!.id;
        count += rows.length;
        inFlight.push(c.index(tmpUid).addDocuments(rows.map((r) => toDocument(r, lexicon)), { primaryKey: "id" }));
        if (inFlight.length > 2) await inFlight[inFlight.length - 3];
      }
      for (const t of inFlight) assertSucceeded(await t.waitTask(WAIT));
      const live = await indexExists(c, uid);
      assertSucceeded(await c.swapIndexes([{ indexes: [uid, tmpUid], rename: !live }]).waitTask(WAIT));
      if (live) assertSucceeded(await c.deleteIndex(tmpUid).waitTask(WAIT));
      const changed = [...changedDuringReindex];
      changedDuringReindex = null;
      if (changed.length > 0) await upsert(changed);
      await c.index(metaUid).addDocuments([{ id: 1, fingerprint, builtAt: new Date().toISOString(), count }], { primaryKey: "id" }).waitTask(WAIT);
      log.info({ index: uid, count, ms: Math.round(performance.now() - started) }, "search index rebuilt");
      return { count };
    } catch (err) {
      changedDuringReindex = null;
      await c.deleteIndex(tmpUid).waitTask(WAIT).catch(() => undefined);
      throw err;
    }
  }

  function reindexAll(): Promise<{ count: number }> {
    if (!client) return Promise.resolve({ count: 0 });
    reindexing ??= rebuild(client).finally(() => {
      reindexing = null;
    });
    return reindexing;
  }

  async function deleteRecords(ids: number[]): Promise<void> {
    const unique = [...new Set(ids)];
    if (!client || unique.length === 0) return;
    if (changedDuringReindex) for (const id of unique) changedDuringReindex.add(id);
    try {
      assertSucceeded(await client.index(uid).deleteDocuments(unique).waitTask(WAIT));
    } catch (err) {
      // Replaying a deferred delete re-reads PostgreSQL, where the record is gone, so it is removed then.
      deferred(err, unique);
    }
  }

  async function ensureReady(): Promise<void> {
    if (!client) return;
    if (!(await indexExists(client, uid))) {
      assertSucceeded(await client.createIndex(uid, { primaryKey: "id" }).waitTask(WAIT));
    }
    if (!reindexing) {
      // Leftovers of a rebuild that crashed before its swap.
      const { results } = await client.getIndexes({ limit: 1000 });
      for (const idx of results) {
        if (idx.uid.startsWith(`${uid}_`) && /^\d+$/.test(idx.uid.slice(uid.length + 1))) {
          await client.deleteIndex(idx.uid).waitTask(WAIT);
        }
      }
    }
    const [stats, inPostgres, stored] = await Promise.all([client.index(uid).getStats(), recordCount(db), storedFingerprint(client)]);
    const reason =
      stats.numberOfDocuments === 0 && inPostgres > 0
        ? "index is empty"
        : stats.numberOfDocuments !== inPostgres
          ? "index and database disagree on the number of records"
          : inPostgres > 0 && stored !== fingerprint
            ? "vocabulary or document shape changed"
            : null;
    if (reason) {
      // The rebuilt index gets the settings before its documents; the live one keeps its own until
      // the swap (new settings on old documents could search worse meanwhile, e.g. without synonyms).
      log.warn({ index: uid, documents: stats.numberOfDocuments, records: inPostgres, reason }, "rebuilding search index");
      await reindexAll();
      pending.clear();
      return;
    }
    await applyCatalogueSettings(client, uid);
    if (stored !== fingerprint) await client.index(metaUid).addDocuments([{ id: 1, fingerprint }], { primaryKey: "id" }).waitTask(WAIT);
    if (pending.size > 0) {
      const count = pending.size;
      await upsert([...pending]);
      if (pending.size === 0) log.info({ records: count }, "deferred index updates applied");
    }
  }

  const upsertRecords = (ids: number[], opts: { wait?: boolean } = {}): Promise<void> =>
    opts.wait === false ? queueUpsert(ids) : upsert(ids);

  let gen = 0;
  // Bumped before and after: a search answered while a change was under way is not reused after it.
  // The caller gets the very promise of the change (reindexAll() twice at once is one rebuild).
  const bumping =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      gen += 1;
      const done = fn(...args);
      done.then(
        () => (gen += 1),
        () => (gen += 1),
      );
      return done;
    };

  return {
    uid,
    lexicon,
    ensureReady: bumping(ensureReady),
    upsertRecords: bumping(upsertRecords),
    settle: bumping(settle),
    deleteRecords: bumping(deleteRecords),
    reindexAll: bumping(reindexAll),
    generation: () => gen,
  };
}
