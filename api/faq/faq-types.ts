// The FAQ as the dashboard and the dialog engine use it. Implemented by createFaqService (faq-service.ts).
import type { Locale } from "../i18n/locale.js";
import type { StaffActor } from "../inbox/ticket-types.js";

/** Longest question and answer a librarian may save (an answer is sent as one chat message or a few). */
export const FAQ_QUESTION_MAX = 500;
export const FAQ_ANSWER_MAX = 4000;

export type FaqEntry = {
  id: number;
  question: string;
  answer: string;
  locale: Locale;
  published: boolean;
  sourceTicketId: number | null;
  createdById: number | null;
  createdAt: Date;
  updatedAt: Date;
};

export type FaqInput = { question: string; answer: string; locale: Locale; published?: boolean };

/** A published entry that answers a patron's question, and how sure the match is (0..1). */
export type FaqMatch = { id: number; question: string; answer: string; locale: Locale; score: number; source: "meilisearch" | "postgres" };

/** Errors the dashboard turns into messages. */
export class FaqError extends Error {
  constructor(
    readonly code: "not_found" | "invalid" | "no_answer",
    message: string,
  ) {
    super(message);
    this.name = "FaqError";
  }
}

/** The FAQ service. Staff actions take the actor and write the audit log; every change is synced to the search index. */
export type FaqService = {
  list(filter?: { locale?: Locale; published?: boolean; limit?: number }): Promise<FaqEntry[]>;
  get(id: number): Promise<FaqEntry>;
  /** The entry saved from this ticket, if any. */
  forTicket(ticketId: number): Promise<FaqEntry | null>;
  create(input: FaqInput, actor: StaffActor): Promise<FaqEntry>;
  /** The ticket's question and last answer as a new entry (published), or the entry already saved from it. */
  saveFromTicket(ticketId: number, actor: StaffActor): Promise<FaqEntry>;
  update(id: number, input: Partial<FaqInput>, actor: StaffActor): Promise<FaqEntry>;
  setPublished(id: number, published: boolean, actor: StaffActor): Promise<FaqEntry>;
  remove(id: number, actor: StaffActor): Promise<void>;
  /** The best published entry for a patron's question (the patron's locale first), or null. */
  match(question: string, locale: Locale): Promise<FaqMatch | null>;
  /** The entries closest to a question, best first, without a threshold (for composing an answer). */
  candidates(question: string, limit: number): Promise<FaqMatch[]>;
  /** match() and candidates(question, limit) from one search: the chat needs both when nothing matches. */
  lookUp(question: string, locale: Locale, limit: number): Promise<{ match: FaqMatch | null; closest: FaqMatch[] }>;
  /** Creates the search index and rebuilds it from PostgreSQL when empty or out of count. */
  ensureReady(): Promise<void>;
};
