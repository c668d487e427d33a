// The Telegram staff group as the service sees it: which new tickets still need a post there, which
// post announced which ticket ("chatId:messageId" in Ticket.staffPostRef), and a librarian's reply
// to such a post, which becomes their answer when their Telegram account is linked. The group is
// seen by every member, so a post carries no phone number or channel user id.
import { shorten } from "../dialog/markup.js";
import type { Channel } from "../dialog/reply.js";
import type { Db } from "../db/prisma.js";
import { AppError } from "../errors.js";
import type { StaffTelegram } from "./staff-telegram.js";
import { TicketError, type TicketService, type TicketStatus } from "./ticket-types.js";

/** Longest question text in a group post; the full question is in the dashboard. */
export const POST_QUESTION_LIMIT = 1500;

export type PendingPost = { id: number; branchCode: string; channel: Channel; question: string; createdAt: Date };

export type StaffReplyResult = { ticketId: number; status: TicketStatus; staffName: string };

type StaffGroupErrorCode = "unknown_post" | "telegram_not_linked" | "already_claimed" | "not_owner" | "invalid_state" | "empty" | "not_found" | "rate_limited";

const STATUS: Record<StaffGroupErrorCode, AppError["status"]> = {
  telegram_not_linked: 403,
  unknown_post: 404,
  not_found: 404,
  empty: 400,
  rate_limited: 429,
  already_claimed: 409,
  not_owner: 409,
  invalid_state: 409,
};

/** A reply that cannot become an answer; `code` tells the bot what to say (the API's error code, see http-errors.ts). */
export class StaffGroupError extends AppError {
  constructor(
    code: StaffGroupErrorCode,
    message: string,
    /** For already_claimed: who has the ticket (sent as `assignee` in the error body). */
    assignee?: string,
  ) {
    super(STATUS[code], code, message, assignee ? { assignee } : undefined);
    this.name = "StaffGroupError";
  }
}

export type StaffGroup = {
  /** Open tickets not posted yet, oldest first. */
  pending(limit: number): Promise<PendingPost[]>;
  /** Records the group post of a ticket; posting the same ref again is fine, another ref is not. */
  markPosted(ticketId: number, ref: string): Promise<void>;
  /** A librarian replied to the post `ref`: answer the ticket as them (claiming it when open). */
  reply(input: { ref: string; telegramUserId: string; text: string }): Promise<StaffReplyResult>;
};

// Indonesian mobile numbers (08…, +62 8…, 62 8…), with spaces or dashes; ISBNs (978/979…) do not match.
const PHONE = /(?<![\d+])(?:\+?62|0)[\s-]?8\d(?:[\s-]?\d){6,11}(?!\d)/g;

/** The question as the group may see it: phone numbers masked, cut to POST_QUESTION_LIMIT. */
export function groupSafeQuestion(question: string): string {
  return shorten(question.replace(PHONE, "[nomor disembunyikan]").trim(), POST_QUESTION_LIMIT);
}

/** Creates the staff-group service over the ticket service (which checks ownership and audits). */
export function createStaffGroup(deps: { db: Db; tickets: TicketService; staffTelegram: StaffTelegram }): StaffGroup {
  const { db, tickets, staffTelegram } = deps;

  const translate = (err: unknown): never => {
    if (err instanceof TicketError) {
      const code = err.code === "not_found" ? "unknown_post" : err.code;
      throw new StaffGroupError(code, err.message);
    }
    throw err;
  };

  return {
    async pending(limit) {
      const rows = await db.ticket.findMany({
        where: { status: "open", staffPostRef: null },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: limit,
        select: { id: true, branchCode: true, channel: true, question: true, createdAt: true },
      });
      return rows.map((r) => ({ id: r.id, branchCode: r.branchCode, channel: r.channel as Channel, question: groupSafeQuestion(r.question), createdAt: r.createdAt }));
    },

    async markPosted(ticketId, ref) {
      const ticket = await db.ticket.findUnique({ where: { id: ticketId }, select: { staffPostRef: true } });
      if (!ticket) throw new StaffGroupError("not_found", `ticket ${ticketId} not found`);
      if (ticket.staffPostRef === ref) return;
      const updated = await db.ticket.updateMany({ where: { id: ticketId, staffPostRef: null }, data: { staffPostRef: ref } });
      if (updated.count === 0) throw new StaffGroupError("invalid_state", `ticket ${ticketId} was already posted`);
    },

    async reply({ ref, telegramUserId, text }) {
      if (!text.trim()) throw new StaffGroupError("empty", "the reply has no text");
      const ticket = await db.ticket.findUnique({ where: { staffPostRef: ref }, select: { id: true, status: true, assignee: { select: { id: true, name: true } } } });
      if (!ticket) throw new StaffGroupError("unknown_post", "this message does not announce a ticket");
      const actor = await staffTelegram.staffForTelegramUser(telegramUserId);
      if (!actor) throw new StaffGroupError("telegram_not_linked", "this Telegram account is not linked to a staff account");
      if (ticket.status === "closed" || ticket.status === "cancelled") throw new StaffGroupError("invalid_state", `ticket ${ticket.id} is ${ticket.status}`);
      // Like the dashboard: the first to claim owns the ticket (admins may answer any).
      if (ticket.assignee && ticket.assignee.id !== actor.id && actor.role !== "admin") {
        throw new StaffGroupError("already_claimed", `ticket ${ticket.id} is claimed by ${ticket.assignee.name}`, ticket.assignee.name);
      }
      try {
        // Answering an open ticket claims it for the replier (a claim that lands first wins).
        const answered = await tickets.answer(ticket.id, actor, text.trim());
        return { ticketId: answered.id, status: answered.status, staffName: actor.name };
      } catch (err) {
        if (err instanceof TicketError && (err.code === "already_claimed" || err.code === "not_owner")) {
          const fresh = await db.ticket.findUnique({ where: { id: ticket.id }, select: { assignee: { select: { name: true } } } });
          throw new StaffGroupError("already_claimed", err.message, fresh?.assignee?.name);
        }
        return translate(err);
      }
    },
  };
}
