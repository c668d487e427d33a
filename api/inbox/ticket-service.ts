// The librarian inbox: tickets opened from the chat, claimed and answered by staff. Staff actions
// change the ticket and write the audit log in one transaction; the answer and the rating question
// go to the patron through the outbox, so they arrive whenever the channel worker is up (and on
// WhatsApp only inside the 24-hour window, which the worker enforces).
import type { Db, Prisma } from "../db/prisma.js";
import { systemClock, type Clock } from "../dialog/clock.js";
import { createRateLimiter } from "../dialog/rate-limit.js";
import { parseOpeningHours, type WeekHours } from "../dialog/opening-hours.js";
import { plain } from "../dialog/markup.js";
import type { Channel, Reply } from "../dialog/reply.js";
import { createI18n, type I18n } from "../i18n/messages.js";
import { toLocale, type Locale } from "../i18n/locale.js";
import type { Logger } from "../logger.js";
import type { OutboxService } from "../outbox/outbox-service.js";
import { createAuditLog, type AuditLog } from "./audit-log.js";
import { addOpenMinutes, nextOpeningAfter } from "./service-hours.js";
import { splitForChannel } from "./split-message.js";
import { markRatingAsked, ratingButtons } from "./ticket-rating.js";
import type { KeyedLock } from "../dialog/keyed-lock.js";
import {
  TicketError,
  type ExpectedReply,
  type StaffActor,
  type TicketDetail,
  type TicketMessageKind,
  type TicketReason,
  type TicketService,
  type TicketStatus,
  type TicketSummary,
} from "./ticket-types.js";

export type TicketServiceDeps = {
  db: Db;
  outbox: OutboxService;
  log: Logger;
  clock?: Clock;
  audit?: AuditLog;
  i18n?: I18n;
  /** Longest question or added message accepted from a patron (longer ones are cut). */
  maxMessageChars?: number;
  /** Longest answer or note accepted from staff; answers longer than a channel message are split. */
  maxAnswerChars?: number;
  /** New tickets plus added messages per patron per minute (default 5). */
  patronLimitPerMinute?: number;
  /**
   * The dialog engine's per-user lock (key "<channel>:<userId>"). The rating marker is written into
   * the patron's conversation state under it, so a turn saving that state at the same moment
   * cannot overwrite the marker (or be overwritten).
   */
  userLock?: KeyedLock;
};

/** Tickets nobody has answered yet: these count as "open" for the patron and for overdue. */
const WAITING: TicketStatus[] = ["open", "claimed"];
const DEFAULT_SLA_MINUTES = 120;
const DEFAULT_TIME_ZONE = "Asia/Makassar";
const COMMENT_CHARS = 1000;

const SUMMARY_INCLUDE = { assignee: { select: { id: true, name: true } } } as const;
type SummaryRow = Prisma.TicketGetPayload<{ include: typeof SUMMARY_INCLUDE }>;

type BranchRules = { code: string; slaMinutes: number; timeZone: string; hours: WeekHours };

function toSummary(row: SummaryRow, now: Date): TicketSummary {
  const status = row.status as TicketStatus;
  return {
    id: row.id,
    status,
    channel: row.channel as Channel,
    locale: toLocale(row.locale) ?? "id",
    branchCode: row.branchCode,
    question: row.question,
    reason: row.reason as TicketReason,
    assignee: row.assignee ? { id: row.assignee.id, name: row.assignee.name } : null,
    createdAt: row.createdAt,
    dueAt: row.dueAt,
    overdue: WAITING.includes(status) && row.dueAt.getTime() < now.getTime(),
  };
}

/** Creates the ticket service over PostgreSQL and the outbox. */
export function createTicketService(deps: TicketServiceDeps): TicketService {
  const { db, outbox, log } = deps;
  const clock = deps.clock ?? systemClock;
  const audit = deps.audit ?? createAuditLog(db);
  const i18n = deps.i18n ?? createI18n();
  const maxChars = deps.maxMessageChars ?? 4000;
  const maxAnswerChars = deps.maxAnswerChars ?? 20_000;
  const limiter = createRateLimiter({ limit: deps.patronLimitPerMinute ?? 5, windowMs: 60_000, clock });

  const clean = (text: string, max = maxChars): string => {
    const trimmed = text.trim();
    if (!trimmed) throw new TicketError("empty", "The text is empty.");
    return [...trimmed].slice(0, max).join("");
  };

  const limit = (patronId: number) => {
    if (!limiter.hit(String(patronId))) throw new TicketError("rate_limited", "Too many questions in a short time; try again in a minute.");
  };

  async function branchRules(code: string | undefined, tx: Prisma.TransactionClient | Db = db): Promise<BranchRules> {
    const row =
      (code ? await tx.branch.findUnique({ where: { code } }) : null) ??
      // The default branch: the first one created (the main library in every import so far).
      (await tx.branch.findFirst({ orderBy: { id: "asc" } }));
    if (!row) return { code: code ?? "", slaMinutes: DEFAULT_SLA_MINUTES, timeZone: DEFAULT_TIME_ZONE, hours: parseOpeningHours({}) };
    return { code: row.code, slaMinutes: row.slaMinutes, timeZone: row.timezone, hours: parseOpeningHours(row.openingHours) };
  }

  const dueFrom = (rules: BranchRules, from: Date) => addOpenMinutes(rules.hours, rules.timeZone, from, rules.slaMinutes);

  async function load(id: number, tx: Prisma.TransactionClient | Db = db): Promise<SummaryRow> {
    const row = await tx.ticket.findUnique({ where: { id }, include: SUMMARY_INCLUDE });
    if (!row) throw new TicketError("not_found", `Ticket ${id} not found.`);
    return row;
  }

  async function loadOwn(ticketId: number, patronId: number): Promise<SummaryRow> {
    const row = await load(ticketId);
    // Another patron's ticket number reads as "not found", so numbers cannot be probed.
    if (row.patronId !== patronId) throw new TicketError("not_found", `Ticket ${ticketId} not found.`);
    return row;
  }

  /** Staff may act on an unclaimed ticket, on their own, or on any as admin. */
  function assertMayAct(row: SummaryRow, actor: StaffActor): void {
    if (row.assigneeId !== null && row.assigneeId !== actor.id && actor.role !== "admin") {
      throw new TicketError("not_owner", `Ticket ${row.id} belongs to ${row.assignee?.name ?? "another librarian"}.`);
    }
  }

  function assertStatus(row: SummaryRow, allowed: TicketStatus[]): void {
    if (!allowed.includes(row.status as TicketStatus)) throw new TicketError("invalid_state", `Ticket ${row.id} is ${row.status}.`);
  }

  /** Runs a staff action and its audit entry in one transaction, then returns the fresh summary. */
  async function staffAction(
    id: number,
    actor: StaffActor,
    action: string,
    change: (row: SummaryRow, tx: Prisma.TransactionClient) => Promise<Record<string, unknown> | void>,
  ): Promise<TicketSummary> {
    const row = await db.$transaction(async (tx) => {
      // Row lock first: a patron's cancel or another librarian's action committing meanwhile is seen
      // here instead of being overwritten (an answer to a ticket cancelled a moment before, say).
      await tx.$queryRaw`SELECT id FROM "Ticket" WHERE id = ${id} FOR UPDATE`;
      const current = await load(id, tx);
      const detail = (await change(current, tx)) ?? {};
      await audit.record({ staffId: actor.id, action, ticketId: id, detail }, tx);
      return load(id, tx);
    });
    return toSummary(row, clock.now());
  }

  async function deliverAnswer(row: SummaryRow, messageId: number, text: string): Promise<void> {
    const locale: Locale = toLocale(row.locale) ?? "id";
    const channel = row.channel as Channel;
    const header = i18n.t(locale, "ticket.answer_header", { id: row.id });
    const parts = splitForChannel(plain(text), channel, [...header].length + 2);
    const replies: Reply[] = parts.map((part, i) => ({ text: i === 0 ? `${header}\n\n${part}` : part }));
    await outbox.enqueue({ channel, recipient: row.recipient, payload: { replies, locale }, dedupeKey: `ticket:${row.id}:answer:${messageId}` });
    const buttons = ratingButtons(row.id, (n) => i18n.t(locale, "ticket.rate_button", { n }));
    await outbox.enqueue({
      channel,
      recipient: row.recipient,
      payload: { replies: [{ text: i18n.t(locale, "ticket.rate_question", { id: row.id }), buttons }], locale },
      dedupeKey: `ticket:${row.id}:rate:${messageId}`,
    });
    const mark = () => markRatingAsked(db, row.patronId, row.id, buttons);
    await (deps.userLock ? deps.userLock.run(`${channel}:${row.recipient}`, mark) : mark());
  }

  return {
    async open(input) {
      const question = clean(input.question);
      limit(input.patronId);
      const now = clock.now();
      const rules = await branchRules(input.branchCode);
      const row = await db.$transaction(async (tx) => {
        // Serialises opens of one patron, so two quick "send" presses cannot make two tickets.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(7406, ${input.patronId})`;
        const existing = await tx.ticket.findFirst({ where: { patronId: input.patronId, status: { in: WAITING } } });
        if (existing) throw new TicketError("invalid_state", `Patron already has open ticket ${existing.id}.`);
        return tx.ticket.create({
          data: {
            patronId: input.patronId,
            channel: input.channel,
            recipient: input.recipient,
            locale: input.locale,
            branchCode: rules.code,
            question,
            reason: input.reason,
            dueAt: dueFrom(rules, now),
            createdAt: now,
          },
          include: SUMMARY_INCLUDE,
        });
      });
      log.info({ ticketId: row.id, channel: row.channel, branch: row.branchCode, reason: row.reason }, "ticket opened");
      const expected: ExpectedReply = { withinMinutes: rules.slaMinutes, nextOpening: nextOpeningAfter(rules.hours, rules.timeZone, now), timeZone: rules.timeZone };
      return { ticket: toSummary(row, now), expected };
    },

    async openForPatron(patronId) {
      const row = await db.ticket.findFirst({ where: { patronId, status: { in: WAITING } }, orderBy: { id: "desc" }, include: SUMMARY_INCLUDE });
      return row ? toSummary(row, clock.now()) : null;
    },

    async addPatronMessage(ticketId, patronId, text) {
      const body = clean(text);
      const row = await loadOwn(ticketId, patronId);
      assertStatus(row, WAITING);
      limit(patronId);
      await db.ticketMessage.create({ data: { ticketId, kind: "patron", text: body, createdAt: clock.now() } });
    },

    async cancel(ticketId, patronId) {
      const row = await loadOwn(ticketId, patronId);
      const { count } = await db.ticket.updateMany({ where: { id: row.id, status: { in: WAITING } }, data: { status: "cancelled", closedAt: clock.now() } });
      if (count === 0) throw new TicketError("invalid_state", `Ticket ${ticketId} is no longer open.`);
    },

    async queue(filter) {
      const now = clock.now();
      const where: Prisma.TicketWhereInput = {
        status: { in: filter.status && filter.status.length > 0 ? filter.status : WAITING },
        ...(filter.branchCode ? { branchCode: filter.branchCode } : {}),
        ...(filter.channel ? { channel: filter.channel } : {}),
        ...(filter.olderThanMinutes ? { createdAt: { lte: new Date(now.getTime() - filter.olderThanMinutes * 60_000) } } : {}),
      };
      const rows = await db.ticket.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: Math.min(Math.max(filter.limit ?? 100, 1), 500), include: SUMMARY_INCLUDE });
      return rows.map((r) => toSummary(r, now));
    },

    async get(id) {
      const row = await db.ticket.findUnique({
        where: { id },
        include: { ...SUMMARY_INCLUDE, patron: { select: { displayName: true } }, messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { staff: { select: { name: true } } } } },
      });
      if (!row) throw new TicketError("not_found", `Ticket ${id} not found.`);
      const [chat, previous, entries] = await Promise.all([
        db.messageLog.findMany({ where: { patronId: row.patronId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 10 }),
        db.ticket.findMany({ where: { patronId: row.patronId, id: { not: id } }, orderBy: { id: "desc" }, take: 20, include: SUMMARY_INCLUDE }),
        db.auditLog.findMany({ where: { ticketId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { staff: { select: { name: true } } } }),
      ]);
      const now = clock.now();
      const detail: TicketDetail = {
        ...toSummary(row, now),
        patronId: row.patronId,
        patronName: row.patron.displayName,
        answer: row.answer,
        rating: row.rating,
        ratingComment: row.ratingComment,
        messages: row.messages.map((m) => ({ id: m.id, kind: m.kind as TicketMessageKind, text: m.text, staffName: m.staff?.name ?? null, createdAt: m.createdAt })),
        recentChat: chat.reverse().map((m) => ({ direction: m.direction === "out" ? "out" : "in", text: m.text, createdAt: m.createdAt })),
        previous: previous.map((r) => toSummary(r, now)),
        audit: entries.map((e) => ({ action: e.action, staffName: e.staff?.name ?? null, detail: e.detail, createdAt: e.createdAt })),
      };
      return detail;
    },

    async claim(id, actor) {
      return staffAction(id, actor, "ticket.claim", async (_row, tx) => {
        // The status condition makes this the race's referee: of two claims, one updates the row.
        const { count } = await tx.ticket.updateMany({ where: { id, status: "open" }, data: { status: "claimed", assigneeId: actor.id, claimedAt: clock.now() } });
        if (count === 1) return {};
        const fresh = await load(id, tx);
        if (fresh.status === "claimed" && fresh.assigneeId === actor.id) return { again: true };
        if (fresh.status === "claimed") throw new TicketError("already_claimed", `Ticket ${id} was claimed by ${fresh.assignee?.name ?? "another librarian"}.`);
        throw new TicketError("invalid_state", `Ticket ${id} is ${fresh.status}.`);
      });
    },

    async answer(id, actor, text) {
      const body = clean(text, maxAnswerChars);
      let messageId = 0;
      const summary = await staffAction(id, actor, "ticket.answer", async (row, tx) => {
        assertStatus(row, ["open", "claimed", "answered"]);
        const now = clock.now();
        if (row.status === "open") {
          // Answering an unclaimed ticket claims it; a claim that lands first wins.
          const { count } = await tx.ticket.updateMany({ where: { id, status: "open" }, data: { status: "claimed", assigneeId: actor.id, claimedAt: now } });
          if (count === 0) {
            const fresh = await load(id, tx);
            assertMayAct(fresh, actor);
          }
        } else {
          assertMayAct(row, actor);
        }
        const message = await tx.ticketMessage.create({ data: { ticketId: id, kind: "answer", staffId: actor.id, text: body, createdAt: now } });
        messageId = message.id;
        await tx.ticket.update({
          where: { id },
          data: { status: "answered", answer: body, answeredAt: now, ...(row.firstResponseAt ? {} : { firstResponseAt: now }) },
        });
        return { messageId, chars: [...body].length };
      });
      const row = await load(id);
      try {
        await deliverAnswer(row, messageId, body);
      } catch (err) {
        // The answer is saved; staff see the error and can answer again (the dedupe keys differ per message).
        log.error({ err, ticketId: id }, "ticket answer could not be queued");
        throw err;
      }
      return summary;
    },

    async note(id, actor, text) {
      const body = clean(text, maxAnswerChars);
      await staffAction(id, actor, "ticket.note", async (_row, tx) => {
        const message = await tx.ticketMessage.create({ data: { ticketId: id, kind: "note", staffId: actor.id, text: body, createdAt: clock.now() } });
        return { messageId: message.id };
      });
    },

    async transfer(id, actor, to) {
      return staffAction(id, actor, "ticket.transfer", async (row, tx) => {
        assertStatus(row, WAITING);
        assertMayAct(row, actor);
        const data: Prisma.TicketUncheckedUpdateInput = {};
        const detail: Record<string, unknown> = {};
        if (to.branchCode && to.branchCode !== row.branchCode) {
          const branch = await tx.branch.findUnique({ where: { code: to.branchCode } });
          if (!branch) throw new TicketError("not_found", `Branch ${to.branchCode} not found.`);
          // Another branch's librarians take it from their queue, under their own hours and SLA.
          Object.assign(data, { branchCode: branch.code, assigneeId: null, claimedAt: null, status: "open", dueAt: dueFrom(await branchRules(branch.code, tx), clock.now()) });
          Object.assign(detail, { fromBranch: row.branchCode, toBranch: branch.code });
        }
        if (to.staffId !== undefined) {
          const staff = await tx.staff.findUnique({ where: { id: to.staffId } });
          if (!staff || !staff.active) throw new TicketError("not_found", `Staff ${to.staffId} not found.`);
          Object.assign(data, { assigneeId: staff.id, status: "claimed", claimedAt: clock.now() });
          Object.assign(detail, { fromStaffId: row.assigneeId, toStaffId: staff.id });
        }
        if (Object.keys(data).length === 0) throw new TicketError("invalid_state", "Nothing to transfer to.");
        await tx.ticket.update({ where: { id }, data });
        return detail;
      });
    },

    async close(id, actor) {
      return staffAction(id, actor, "ticket.close", async (row, tx) => {
        assertStatus(row, ["open", "claimed", "answered"]);
        assertMayAct(row, actor);
        await tx.ticket.update({ where: { id }, data: { status: "closed", closedAt: clock.now() } });
        return { from: row.status };
      });
    },

    async reopen(id, actor) {
      return staffAction(id, actor, "ticket.reopen", async (row, tx) => {
        assertStatus(row, ["answered", "closed"]);
        const status = row.assigneeId !== null ? "claimed" : "open";
        await tx.ticket.update({ where: { id }, data: { status, closedAt: null } });
        return { from: row.status };
      });
    },

    async rate(ticketId, patronId, rating, comment) {
      if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw new TicketError("invalid_state", "A rating is a whole number from 1 to 5.");
      const row = await loadOwn(ticketId, patronId);
      if (row.answer === null) throw new TicketError("invalid_state", `Ticket ${ticketId} has no answer to rate.`);
      const note = comment?.trim() ? [...comment.trim()].slice(0, COMMENT_CHARS).join("") : undefined;
      await db.ticket.update({ where: { id: ticketId }, data: { rating, ratedAt: clock.now(), ...(note ? { ratingComment: note } : {}) } });
    },
  };
}
