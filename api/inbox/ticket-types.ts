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

export type OpenTicketInput = {
  patronId: number;
  channel: Channel;
  /** Patron.channelUserId: where the answer is delivered. */
  recipient: string;
  locale: "id" | "en";
  question: string;
  reason: TicketReason;
  /** Branch the patron named or last searched in; the default branch when absent. */
  branchCode?: string;
};

/** What the patron is told after opening a ticket. */
export type ExpectedReply = {
  /** The branch's SLA in minutes (e.g. 120 = "biasanya dalam 2 jam"). */
  withinMinutes: number;
  /** Set when the library is closed now: when the next service hours begin. */
  nextOpening: Date | null;
  timeZone: string;
};

/** The inbox service (createTicketService). Staff actions take the actor and write the audit log. */
export type TicketService = {
  open(input: OpenTicketInput): Promise<{ ticket: TicketSummary; expected: ExpectedReply }>;
  /** The patron's open/claimed ticket, if any (one at a time). */
  openForPatron(patronId: number): Promise<TicketSummary | null>;
  addPatronMessage(ticketId: number, patronId: number, text: string): Promise<void>;
  cancel(ticketId: number, patronId: number): Promise<void>;
  queue(filter: QueueFilter): Promise<TicketSummary[]>;
  get(id: number): Promise<TicketDetail>;
  claim(id: number, actor: StaffActor): Promise<TicketSummary>;
  /** Sends the answer through the outbox (split to the channel's limit), then the 1–5 rating question. */
  answer(id: number, actor: StaffActor, text: string): Promise<TicketSummary>;
  note(id: number, actor: StaffActor, text: string): Promise<void>;
  transfer(id: number, actor: StaffActor, to: { branchCode?: string; staffId?: number }): Promise<TicketSummary>;
  close(id: number, actor: StaffActor): Promise<TicketSummary>;
  reopen(id: number, actor: StaffActor): Promise<TicketSummary>;
  rate(ticketId: number, patronId: number, rating: number, comment?: string): Promise<void>;
};
