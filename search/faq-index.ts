// The Meilisearch index of published FAQ entries, kept in step with PostgreSQL (the truth): settings
// applied at start, one document re-read after every change, and a rebuild at start when the index
// is empty, missing, holds a different number of entries or had other settings. FAQ tables are small (tens to a few
// thousand entries), so the rebuild upserts everything in place instead of swapping indexes.
import type { Meilisearch, Settings } from "meilisearch";
import type { Db } from "../api/db/prisma.js";
import type { Logger } from "../api/logger.js";
import { applySettings } from "./index-settings.js";
import type { FaqMatching } from "./faq-vocabulary.js";
import { assertSucceeded, indexExists, isUnavailable } from "./meili-errors.js";
import type { SearchBackend } from "./search-client.js";
import { foldedText } from "./spelling.js";

const WAIT = { timeout: 60_000, interval: 25 };

/** The document of one published FAQ entry; `search.question` is the folded copy that is matched, `search.questionSyn` its synonym variants. */
export type FaqDocument = { id: number; locale: string; question: string; answer: string; search: { question: string; questionSyn: string[] } };

export type FaqHit = { id: number; locale: string; question: string; answer: string; score: number };

export type FaqIndex = {
  /** The uid searches use: `<prefix>faq`. */
  readonly uid: string;
  /** Creates the index and applies settings; rebuilds from PostgreSQL when it is empty or out of count. */
  ensureReady(): Promise<void>;
  /** Re-reads one entry and indexes it (published) or removes it (unpublished or deleted). Meilisearch down: deferred. */
  sync(id: number): Promise<void>;
  /** Replaces the index content with PostgreSQL's published entries. */
  rebuild(): Promise<{ count: number }>;
  /** The best matches with Meilisearch's ranking score (0..1), or null when Meilisearch cannot answer. */
  search(text: string, limit: number): Promise<FaqHit[] | null>;
};

export type FaqIndexDeps = {
  db: Db;
  search: SearchBackend;
  log: Logger;
  /** Stop words and synonyms (faq-vocabulary.ts); called on first use. */
  matching: () => FaqMatching;
  /** How often deferred changes are retried while Meilisearch is unavailable (default 5 s). */
  retryEveryMs?: number;
};

/**
 * The settings of the FAQ index: the folded question is matched; stop words and synonyms from the
 * vocabulary. No "proximity" rule: a question says the same in another word order ("sabtu buka jam
 * berapa?"), and the ranking score should say how much of the question an entry covers.
 */
export function faqSettings(matching: FaqMatching): Settings {
  return {
    searchableAttributes: ["search.question", "search.questionSyn"],
    filterableAttributes: ["locale"],
    displayedAttributes: ["id", "locale", "question", "answer"],
    rankingRules: ["words", "typo", "attribute", "exactness"],
    stopWords: matching.stopWords,
    // None at query time: the documents carry them (toFaqDocument).
    synonyms: {},
    // Same reasoning as the catalogue (index-settings.ts): short Indonesian words are one letter from other words.
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 8 }, disableOnNumbers: true, disableOnWords: [], disableOnAttributes: [] },
  };
}

/** One entry as indexed. */
export function toFaqDocument(row: { id: number; locale: string; question: string; answer: string }, matching: FaqMatching): FaqDocument {
  return {
    id: row.id,
    locale: row.locale,
    question: row.question,
    answer: row.answer,
    search: { question: foldedText(row.question), questionSyn: matching.expansions(row.question) },
  };
}

const ROW = { id: true, locale: true, question: true, answer: true } as const;

/** Creates the FAQ index manager; with search disabled every operation is a no-op and search() answers null. */
export function createFaqIndex(deps: FaqIndexDeps): FaqIndex {
  const { db, search, log } = deps;
  const uid = `${search.indexPrefix}faq`;
  const write: Meilisearch | null = search.writeClient;
  const read: Meilisearch | null = search.client;
  const retryEveryMs = deps.retryEveryMs ?? 5000;
  let settingsCache: Settings | null = null;
  const settings = (): Settings => (settingsCache ??= faqSettings(deps.matching()));
  // Entries changed while Meilisearch was down; replayed by the retry timer or the next ensureReady.
  const pending = new Set<number>();
  let retryTimer: NodeJS.Timeout | null = null;

  /** Creates the index if needed and applies the settings; true when they changed. */
  async function create(c: Meilisearch): Promise<boolean> {
    if (!(await indexExists(c, uid))) assertSucceeded(await c.createIndex(uid, { primaryKey: "id" }).waitTask(WAIT));
    return applySettings(c, uid, settings(), { log, message: "applying FAQ index settings", wait: WAIT });
  }

  async function rebuild(): Promise<{ count: number }> {
    if (!write) return { count: 0 };
    await create(write);
    return refill(write);
  }

  /** Upserts every published entry and removes the rest; the index and its settings exist. */
  async function refill(c: Meilisearch): Promise<{ count: number }> {
    const rows = await db.faq.findMany({ where: { published: true }, select: ROW, orderBy: { id: "asc" } });
    const keep = new Set(rows.map((r) => r.id));
    // Upsert first, then remove what PostgreSQL no longer publishes: searches never see an empty index.
    if (rows.length > 0) assertSucceeded(await c.index(uid).addDocuments(toDocuments(rows), { primaryKey: "id" }).waitTask(WAIT));
    const stale: number[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await c.index(uid).getDocuments<{ id: number }>({ fields: ["id"], limit: 1000, offset });
      for (const d of page.results) if (!keep.has(d.id)) stale.push(d.id);
      if (page.results.length < 1000) break;
    }
    if (stale.length > 0) assertSucceeded(await c.index(uid).deleteDocuments(stale).waitTask(WAIT));
    log.info({ index: uid, count: rows.length }, "FAQ index rebuilt");
    return { count: rows.length };
  }

  async function upsertNow(c: Meilisearch, ids: number[]): Promise<void> {
    const rows = await db.faq.findMany({ where: { id: { in: ids }, published: true }, select: ROW });
    const found = new Set(rows.map((r) => r.id));
    const gone = ids.filter((id) => !found.has(id));
    if (rows.length > 0) assertSucceeded(await c.index(uid).addDocuments(toDocuments(rows), { primaryKey: "id" }).waitTask(WAIT));
    if (gone.length > 0) assertSucceeded(await c.index(uid).deleteDocuments(gone).waitTask(WAIT));
  }

  const toDocuments = (rows: { id: number; locale: string; question: string; answer: string }[]): FaqDocument[] => {
    const matching = deps.matching();
    return rows.map((r) => toFaqDocument(r, matching));
  };

  const scheduleRetry = (): void => {
    if (retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (pending.size === 0) return;
      ensureReady().catch(() => {
        if (pending.size > 0) scheduleRetry();
      });
    }, retryEveryMs);
    retryTimer.unref();
  };

  async function sync(id: number): Promise<void> {
    if (!write) return;
    try {
      await upsertNow(write, [id]);
      pending.delete(id);
    } catch (err) {
      if (!isUnavailable(err)) throw err;
      // PostgreSQL has the change; the index catches up when Meilisearch is back.
      if (pending.size === 0) log.warn({ err: String(err) }, "Meilisearch unavailable; FAQ index updates deferred");
      pending.add(id);
      scheduleRetry();
    }
  }

  async function ensureReady(): Promise<void> {
    if (!write) return;
    // New settings can mean documents of a new shape (search.questionSyn came with the end of
    // query-time synonyms): the entries are few, so they are all indexed again.
    const changed = await create(write);
    const [stats, published] = await Promise.all([write.index(uid).getStats(), db.faq.count({ where: { published: true } })]);
    if (changed || stats.numberOfDocuments !== published) {
      log.warn({ index: uid, documents: stats.numberOfDocuments, published, settingsChanged: changed }, "rebuilding FAQ index");
      await refill(write);
      pending.clear();
      return;
    }
    if (pending.size > 0) {
      const ids = [...pending];
      await upsertNow(write, ids);
      for (const id of ids) pending.delete(id);
    }
  }

  async function searchFaq(text: string, limit: number): Promise<FaqHit[] | null> {
    if (!read) return null;
    const q = foldedText(text);
    if (!q) return [];
    try {
      const res = await read.index(uid).search<FaqDocument>(q, {
        limit,
        showRankingScore: true,
        attributesToRetrieve: ["id", "locale", "question", "answer"],
        // A question may carry extra words ("kak", "ini", the branch name); drop the rarest last.
        matchingStrategy: "frequency",
      });
      return res.hits.map((h) => ({ id: h.id, locale: h.locale, question: h.question, answer: h.answer, score: h._rankingScore ?? 0 }));
    } catch (err) {
      if (isUnavailable(err)) {
        log.debug({ err: String(err) }, "FAQ search unavailable");
        return null;
      }
      throw err;
    }
  }

  return { uid, ensureReady, sync, rebuild, search: searchFaq };
}
