// The inbox (tickets for human librarians) as the dialog engine, the dashboard and the Telegram
// staff group use it. Implemented by createTicketService (ticket-service.ts).
import type { Channel } from "../dialog/reply.js";

export type TicketStatus = "open" | "claimed" | "answered" | "closed" | "cancelled";
export type TicketReason = "asked" | "zero_hits" | "not_understood";
export type TicketMessageKind = "patron" | "answer" | "note";

/** The actor of a staff action, for ownership checks and the audit log. */
export type StaffActor = { id: number; role: "librarian" | "admin"; name: string };

export type TicketSummary = {
  id: number;
  status: TicketStatus;
  channel: Channel;
  locale: "id" | "en";
  branchCode: string;
  question: string;
  reason: TicketReason;
  assignee: { id: number; name: string } | null;
  createdAt: Date;
  dueAt: Date;
  /** dueAt passed and no answer yet. */
  overdue: boolean;
};

export type TicketDetail = TicketSummary & {
  patronId: number;
  patronName: string | null;
  answer: string | null;
  rating: number | null;
  ratingComment: string | null;
  messages: { id: number; kind: TicketMessageKind; text: string; staffName: string | null; createdAt: Date }[];
  /** The patron's last messages with the bot (MessageLog), oldest first, for context. */
  recentChat: { direction: "in" | "out"; text: string; createdAt: Date }[];
  /** The same patron's other tickets, newest first. */
  previous: TicketSummary[];
  audit: { action: string; staffName: string | null; detail: unknown; createdAt: Date }[];
};

export type QueueFilter = {
  status?: TicketStatus[];
  branchCode?: string;
  channel?: Channel;
  /** Only tickets older than this many minutes. */
  olderThanMinutes?: number;
  limit?: number;
};

/** Errors the dashboard turns into messages: claimed by someone else, wrong state, not found. */
export class TicketError extends Error {
  constructor(
    readonly code: "not_found" | "already_claimed" | "not_owner" | "invalid_state" | "rate_limited" | "empty",
    message: string,
  ) {
    super(message);
    this.name = "TicketError";
  }
}
