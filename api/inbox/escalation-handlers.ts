// "Tanya pustakawan" in the chat: draft and confirm a question, send it as a ticket, look at it,
// add to it, cancel it, and rate the answer. Replies are channel-neutral; the service does the rest.
import type { IntentRegistry } from "../dialog/intent-registry.js";
import { payload, type Intent } from "../dialog/intent.js";
import { plain, shorten } from "../dialog/markup.js";
import type { Button, Reply } from "../dialog/reply.js";
import type { Turn } from "../dialog/turn.js";
import { expectedReplyText } from "./expected-reply-text.js";
import { readTicketExt, writeTicketExt } from "./ticket-rating.js";
import { TicketError, type TicketService, type TicketSummary } from "./ticket-types.js";

/** Intent names this feature answers; any other intent ends a half-finished ticket step. */
export const ESCALATION_INTENTS = new Set([
  "librarian", "ticket", "ticket_question", "ticket_send", "ticket_edit", "ticket_drop", "ticket_add", "ticket_addtext", "ticket_cancel",
  "rate", "rate_comment", "rate_skip",
]);

const QUESTION_PREVIEW = 1000;

function menuButton(turn: Turn): Button {
  return { label: turn.t("button.menu"), payload: payload("menu") };
}

function viewButton(turn: Turn): Button {
  return { label: turn.t("ticket.button_view"), payload: payload("ticket") };
}

function confirmReply(turn: Turn, question: string): Reply {
  return {
    text: turn.t("ticket.confirm", { question: plain(shorten(question, QUESTION_PREVIEW)) }),
    buttons: [
      { label: turn.t("ticket.button_send"), payload: payload("ticket_send") },
      { label: turn.t("ticket.button_restate"), payload: payload("ticket_edit") },
      { label: turn.t("ticket.button_drop"), payload: payload("ticket_drop") },
    ],
  };
}

function ticketReply(turn: Turn, ticket: TicketSummary, header?: string): Reply {
  const status = ticket.assignee ? turn.t("ticket.status_claimed") : turn.t("ticket.status_open");
  const lines = [
    ...(header ? [header] : []),
    turn.t("ticket.show", { id: ticket.id, status, question: plain(shorten(ticket.question, 300)) }),
  ];
  return {
    text: lines.join("\n\n"),
    buttons: [
      { label: turn.t("ticket.button_add"), payload: payload("ticket_add") },
      { label: turn.t("ticket.button_cancel"), payload: payload("ticket_cancel") },
    ],
  };
}

function noTicketReply(turn: Turn): Reply {
  return { text: turn.t("ticket.none"), buttons: [{ label: turn.t("button.ask_librarian"), payload: payload("librarian") }, menuButton(turn)] };
}

/** Registers the ticket intents; `tickets` is the same service the dashboard uses. */
export function registerEscalationHandlers(registry: IntentRegistry, deps: { tickets: TicketService }): void {
  const { tickets } = deps;

  // The FAQ feature keeps the question it last answered in ext.faq.q (api/faq/faq-feature.ts).
  const lastFaqQuestion = (turn: Turn): string | null => {
    const q = (turn.state.ext.faq as { q?: unknown } | undefined)?.q;
    return typeof q === "string" && q.trim() ? q.trim() : null;
  };

  const askForQuestion = (turn: Turn, reason: "asked" | "zero_hits" | "not_understood"): Reply[] => {
    writeTicketExt(turn.state, { step: "draft", question: "", reason, restate: true });
    return [{ text: turn.t("ticket.ask_question"), buttons: [{ label: turn.t("ticket.button_drop"), payload: payload("ticket_drop") }] }];
  };

  registry.handle("librarian", async (turn, intent: Intent) => {
    const open = await tickets.openForPatron(turn.patron.id);
    if (open) return [ticketReply(turn, open, turn.t("ticket.already_open"))];
    const ext = readTicketExt(turn.state);
    const fromCommand = intent.arg?.trim();
    if (fromCommand) {
      writeTicketExt(turn.state, { step: "draft", question: fromCommand, reason: "asked" });
      return [confirmReply(turn, fromCommand)];
    }
    if (ext?.step === "offer" && ext.question.trim()) {
      writeTicketExt(turn.state, { step: "draft", question: ext.question, reason: ext.reason });
      return [confirmReply(turn, ext.question)];
    }
    // The button under an FAQ answer: the patron should not have to type the question again.
    const faqQuestion = intent.via === "payload" || intent.via === "choice" ? lastFaqQuestion(turn) : null;
    if (faqQuestion) {
      writeTicketExt(turn.state, { step: "draft", question: faqQuestion, reason: "asked" });
      return [confirmReply(turn, faqQuestion)];
    }
    return askForQuestion(turn, "asked");
  });

  registry.handle("ticket_question", async (turn, intent) => {
    const ext = readTicketExt(turn.state);
    const question = (intent.arg ?? "").trim();
    const reason = ext?.step === "draft" ? ext.reason : "asked";
    if (!question) return askForQuestion(turn, reason);
    writeTicketExt(turn.state, { step: "draft", question, reason });
    return [confirmReply(turn, question)];
  });

  registry.handle("ticket_edit", async (turn) => {
    const ext = readTicketExt(turn.state);
    if (ext?.step !== "draft") return [noDraft(turn)];
    writeTicketExt(turn.state, { ...ext, restate: true });
    return [{ text: turn.t("ticket.restate"), buttons: [{ label: turn.t("ticket.button_drop"), payload: payload("ticket_drop") }] }];
  });

  registry.handle("ticket_drop", async (turn) => {
    writeTicketExt(turn.state, null);
    return [{ text: turn.t("ticket.dropped"), buttons: [menuButton(turn)] }];
  });

  registry.handle("ticket_send", async (turn) => {
    const ext = readTicketExt(turn.state);
    if (ext?.step !== "draft" || !ext.question.trim()) return [noDraft(turn)];
    try {
      const { ticket, expected } = await tickets.open({
        patronId: turn.patron.id,
        channel: turn.msg.channel,
        recipient: turn.patron.channelUserId,
        locale: turn.locale,
        question: ext.question,
        reason: ext.reason,
        ...(turn.state.search?.branch ? { branchCode: turn.state.search.branch } : {}),
      });
      writeTicketExt(turn.state, null);
      const text = [turn.t("ticket.sent", { id: ticket.id }), expectedReplyText(turn.t, turn.locale, expected), turn.t("ticket.meanwhile")].join("\n\n");
      return [{ text, buttons: [viewButton(turn), menuButton(turn)] }];
    } catch (err) {
      return [await ticketErrorReply(turn, err)];
    }
  });

  registry.handle("ticket", async (turn) => {
    const open = await tickets.openForPatron(turn.patron.id);
    return [open ? ticketReply(turn, open) : noTicketReply(turn)];
  });

  registry.handle("ticket_add", async (turn) => {
    const open = await tickets.openForPatron(turn.patron.id);
    if (!open) return [noTicketReply(turn)];
    writeTicketExt(turn.state, { step: "add", ticketId: open.id });
    return [{ text: turn.t("ticket.add_prompt", { id: open.id }), buttons: [viewButton(turn)] }];
  });

  registry.handle("ticket_addtext", async (turn, intent) => {
    const ext = readTicketExt(turn.state);
    writeTicketExt(turn.state, null);
    if (ext?.step !== "add") return [noTicketReply(turn)];
    try {
      await tickets.addPatronMessage(ext.ticketId, turn.patron.id, intent.arg ?? "");
      return [{ text: turn.t("ticket.added", { id: ext.ticketId }), buttons: [viewButton(turn), menuButton(turn)] }];
    } catch (err) {
      return [await ticketErrorReply(turn, err)];
    }
  });

  registry.handle("ticket_cancel", async (turn) => {
    const open = await tickets.openForPatron(turn.patron.id);
    if (!open) return [noTicketReply(turn)];
    try {
      await tickets.cancel(open.id, turn.patron.id);
    } catch (err) {
      return [await ticketErrorReply(turn, err)];
    }
    writeTicketExt(turn.state, null);
    return [{ text: turn.t("ticket.cancelled", { id: open.id }), buttons: [menuButton(turn)] }];
  });

  registry.handle("rate", async (turn, intent) => {
    const [idText, ratingText] = (intent.arg ?? "").split(":");
    const ticketId = Number(idText);
    const rating = Number(ratingText);
    try {
      await tickets.rate(ticketId, turn.patron.id, rating);
    } catch (err) {
      if (!(err instanceof TicketError)) throw err;
      writeTicketExt(turn.state, null);
      return [{ text: turn.t("ticket.rate_failed"), buttons: [menuButton(turn)] }];
    }
    writeTicketExt(turn.state, { step: "comment", ticketId, rating });
    return [{ text: turn.t("ticket.rated", { n: rating }), buttons: [{ label: turn.t("ticket.button_skip"), payload: payload("rate_skip") }] }];
  });

  registry.handle("rate_comment", async (turn, intent) => {
    const ext = readTicketExt(turn.state);
    writeTicketExt(turn.state, null);
    if (ext?.step !== "comment") return [{ text: turn.t("ticket.rate_failed"), buttons: [menuButton(turn)] }];
    try {
      await tickets.rate(ext.ticketId, turn.patron.id, ext.rating, intent.arg ?? "");
    } catch (err) {
      if (!(err instanceof TicketError)) throw err;
      return [{ text: turn.t("ticket.rate_failed"), buttons: [menuButton(turn)] }];
    }
    return [{ text: turn.t("ticket.comment_thanks"), buttons: [menuButton(turn)] }];
  });

  registry.handle("rate_skip", async (turn) => {
    writeTicketExt(turn.state, null);
    return [{ text: turn.t("ticket.comment_skipped"), buttons: [menuButton(turn)] }];
  });

  function noDraft(turn: Turn): Reply {
    return { text: turn.t("ticket.no_draft"), buttons: [{ label: turn.t("button.ask_librarian"), payload: payload("librarian") }, menuButton(turn)] };
  }

  async function ticketErrorReply(turn: Turn, err: unknown): Promise<Reply> {
    if (!(err instanceof TicketError)) throw err;
    if (err.code === "rate_limited") return { text: turn.t("ticket.rate_limited"), buttons: [menuButton(turn)] };
    if (err.code === "empty") return { text: turn.t("ticket.ask_question") };
    const open = await tickets.openForPatron(turn.patron.id);
    return open ? ticketReply(turn, open, turn.t("ticket.already_open")) : noTicketReply(turn);
  }
}
