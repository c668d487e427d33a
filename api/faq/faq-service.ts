// FAQ entries: librarians write them or save them from an answered ticket, and the dialog engine
// answers similar questions from them. PostgreSQL holds the entries; the Meilisearch index (or,
// without Meilisearch, a word-overlap match over PostgreSQL) finds them.
import type { Db } from "../db/prisma.js";
import { toLocale, DEFAULT_LOCALE, type Locale } from "../i18n/locale.js";
import type { AuditLog } from "../inbox/audit-log.js";
import type { StaffActor } from "../inbox/ticket-types.js";
import type { Logger } from "../logger.js";
import type { FaqIndex } from "../../search/faq-index.js";
import { bestOverlap } from "./faq-overlap.js";
import { FAQ_ANSWER_MAX, FAQ_QUESTION_MAX, FaqError, type FaqEntry, type FaqInput, type FaqMatch, type FaqService } from "./faq-types.js";

/**
 * Lowest Meilisearch ranking score that counts as "the same question". Measured in
 * tests/integration/faq.test.ts: a rephrasing of an entry ("jam berapa perpustakaan buka hari
 * sabtu?" for "Jam berapa perpustakaan buka pada hari Sabtu?") scores above 0.9, while a different
 * question sharing one or two words ("berapa lama boleh pinjam buku di perpustakaan?") stays below 0.75.
 */
export const FAQ_MATCH_THRESHOLD = 0.8;

/** Lowest word-overlap (Dice) score for the PostgreSQL fallback; see faq-overlap.ts. */
export const FAQ_OVERLAP_THRESHOLD = 0.7;

/** The fallback reads at most this many published entries per question (an FAQ is small). */
const FALLBACK_LIMIT = 2000;

/** Hits match() weighs: the best few, so an entry in the patron's language can beat a slightly better one in the other. */
const MATCH_LIMIT = 5;

export type FaqServiceDeps = {
  db: Db;
  index: FaqIndex;
  audit: AuditLog;
  log: Logger;
  /** Content words of a text (folded, FAQ stop words removed) for the PostgreSQL fallback. */
  contentWords: (text: string) => string[];
  threshold?: number;
};

type FaqRow = { id: number; question: string; answer: string; locale: string; published: boolean; sourceTicketId: number | null; createdById: number | null; createdAt: Date; updatedAt: Date };

function view(row: FaqRow): FaqEntry {
  return { ...row, locale: toLocale(row.locale) ?? DEFAULT_LOCALE };
}

function clean(text: string, max: number, field: string): string {
  // Keep line breaks (an answer may list steps); trim trailing spaces of each line.
  const out = text.replace(/\r\n?/g, "\n").replace(/[ \t]+$/gm, "").trim();
  if (!out) throw new FaqError("invalid", `${field} is empty`);
  if ([...out].length > max) throw new FaqError("invalid", `${field} is longer than ${max} characters`);
  return out;
}

/** The FAQ service over PostgreSQL and the FAQ search index. */
export function createFaqService(deps: FaqServiceDeps): FaqService {
  const { db, index, audit } = deps;
  const threshold = deps.threshold ?? FAQ_MATCH_THRESHOLD;

  async function get(id: number): Promise<FaqEntry> {
    const row = await db.faq.findUnique({ where: { id } });
    if (!row) throw new FaqError("not_found", `FAQ entry ${id} not found`);
    return view(row);
  }

  async function create(input: FaqInput, actor: StaffActor, sourceTicketId: number | null = null): Promise<FaqEntry> {
    const question = clean(input.question, FAQ_QUESTION_MAX, "question");
    const answer = clean(input.answer, FAQ_ANSWER_MAX, "answer");
    const row = await db.$transaction(async (tx) => {
      const created = await tx.faq.create({ data: { question, answer, locale: input.locale, published: input.published ?? true, sourceTicketId, createdById: actor.id } });
      await audit.record({ staffId: actor.id, action: sourceTicketId ? "faq.save_from_ticket" : "faq.create", ticketId: sourceTicketId, detail: { faqId: created.id, locale: created.locale, published: created.published } }, tx);
      return created;
    });
    await index.sync(row.id);
    return view(row);
  }

  /** Candidates from PostgreSQL by word overlap, for when Meilisearch cannot answer. */
  async function overlapCandidates(question: string, limit: number): Promise<FaqMatch[]> {
    const rows = await db.faq.findMany({ where: { published: true }, select: { id: true, question: true, answer: true, locale: true }, orderBy: { id: "asc" }, take: FALLBACK_LIMIT });
    return bestOverlap(question, rows, deps.contentWords)
      .slice(0, limit)
      .map((r) => ({ id: r.id, question: r.question, answer: r.answer, locale: toLocale(r.locale) ?? DEFAULT_LOCALE, score: r.score, source: "postgres" as const }));
  }

  /** Meilisearch's best hits, or the PostgreSQL overlap when it cannot answer; with the threshold that applies. */
  async function ranked(question: string, limit: number): Promise<{ list: FaqMatch[]; min: number }> {
    // Stop words left in the query cost Meilisearch's score (a trailing "kak" is read as a prefix),
    // so only the content words are sent.
    const hits = await index.search(deps.contentWords(question).join(" "), limit);
    if (hits === null) return { list: await overlapCandidates(question, limit), min: FAQ_OVERLAP_THRESHOLD };
    const list = hits.map((h) => ({ id: h.id, question: h.question, answer: h.answer, locale: toLocale(h.locale) ?? DEFAULT_LOCALE, score: h.score, source: "meilisearch" as const }));
    return { list, min: threshold };
  }

  const candidates = async (question: string, limit: number): Promise<FaqMatch[]> => (await ranked(question, limit)).list;

  /** The best entry above the threshold, the patron's language first; an entry in the other language is better than no answer. */
  const best = ({ list, min }: { list: FaqMatch[]; min: number }, locale: Locale): FaqMatch | null => {
    const good = list.filter((h) => h.score >= min);
    return good.find((h) => h.locale === locale) ?? good[0] ?? null;
  };

  return {
    get,
    candidates,

    async list(filter = {}) {
      const rows = await db.faq.findMany({
        where: { ...(filter.locale ? { locale: filter.locale } : {}), ...(filter.published !== undefined ? { published: filter.published } : {}) },
        orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
        take: filter.limit ?? 500,
      });
      return rows.map(view);
    },

    async forTicket(ticketId) {
      const row = await db.faq.findFirst({ where: { sourceTicketId: ticketId }, orderBy: { id: "asc" } });
      return row ? view(row) : null;
    },

    create: (input, actor) => create(input, actor),

    async saveFromTicket(ticketId, actor) {
      const existing = await db.faq.findFirst({ where: { sourceTicketId: ticketId }, orderBy: { id: "asc" } });
      if (existing) return view(existing);
      const ticket = await db.ticket.findUnique({ where: { id: ticketId }, select: { question: true, answer: true, locale: true } });
      if (!ticket) throw new FaqError("not_found", `ticket ${ticketId} not found`);
      if (!ticket.answer?.trim()) throw new FaqError("no_answer", `ticket ${ticketId} has no answer yet`);
      return create({ question: ticket.question, answer: ticket.answer, locale: toLocale(ticket.locale) ?? DEFAULT_LOCALE }, actor, ticketId);
    },

    async update(id, input, actor) {
      const before = await get(id);
      const data = {
        ...(input.question !== undefined ? { question: clean(input.question, FAQ_QUESTION_MAX, "question") } : {}),
        ...(input.answer !== undefined ? { answer: clean(input.answer, FAQ_ANSWER_MAX, "answer") } : {}),
        ...(input.locale !== undefined ? { locale: input.locale } : {}),
        ...(input.published !== undefined ? { published: input.published } : {}),
      };
      const changed = (Object.keys(data) as (keyof typeof data)[]).filter((k) => data[k] !== before[k]);
      if (changed.length === 0) return before;
      const row = await db.$transaction(async (tx) => {
        const updated = await tx.faq.update({ where: { id }, data });
        await audit.record({ staffId: actor.id, action: "faq.update", ticketId: before.sourceTicketId, detail: { faqId: id, changed } }, tx);
        return updated;
      });
      await index.sync(id);
      return view(row);
    },

    async setPublished(id, published, actor) {
      const before = await get(id);
      if (before.published === published) return before;
      const row = await db.$transaction(async (tx) => {
        const updated = await tx.faq.update({ where: { id }, data: { published } });
        await audit.record({ staffId: actor.id, action: published ? "faq.publish" : "faq.unpublish", ticketId: before.sourceTicketId, detail: { faqId: id } }, tx);
        return updated;
      });
      await index.sync(id);
      return view(row);
    },

    async remove(id, actor) {
      const before = await get(id);
      await db.$transaction(async (tx) => {
        await tx.faq.delete({ where: { id } });
        await audit.record({ staffId: actor.id, action: "faq.delete", ticketId: before.sourceTicketId, detail: { faqId: id, question: before.question } }, tx);
      });
      await index.sync(id);
    },

    async match(question, locale) {
      return best(await ranked(question, MATCH_LIMIT), locale);
    },

    async lookUp(question, locale, limit) {
      const found = await ranked(question, Math.max(MATCH_LIMIT, limit));
      return { match: best(found, locale), closest: found.list.slice(0, limit) };
    },

    ensureReady: () => index.ensureReady(),
  };
}
