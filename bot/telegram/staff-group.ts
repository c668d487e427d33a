// The optional Telegram staff group (TELEGRAM_STAFF_CHAT_ID). A poller posts each new ticket there
// once ("🆕 Tiket #12 · PUSAT · telegram"), and reports the post to the service, which keeps it as
// the ticket's staffPostRef. A librarian's reply to such a post goes to the service as their
// answer; the bot tells the group whether it went out or why not. "/tautkan <code>" in a private
// chat links a librarian's Telegram account to their staff account, which answering requires.
import type { Api } from "grammy";
import type { Logger } from "../../api/logger.js";
import { createPoller } from "../poller.js";
import type { Route } from "./route-update.js";
import type { StaffGroupClient, StaffReplyOutcome } from "./staff-group-client.js";
import { describeError } from "./telegram-error.js";
import { escapeHtml } from "./render-html.js";
import { fillText } from "../channel-texts.js";
import { telegramLocale, type TelegramTexts } from "./texts.js";

export type StaffGroupPoster = {
  start(): void;
  /** Stops polling; a post in progress is finished first. */
  stop(): Promise<void>;
  /** Posts every pending ticket now; resolves with how many were posted. */
  postPending(): Promise<number>;
};

type StaffRoute = Extract<Route, { kind: "staff_reply" | "staff_link" }>;

export type StaffRouteDeps = { api: Api; staff: StaffGroupClient; texts: TelegramTexts; log: Logger };

/** The group post of a ticket, as Telegram HTML (every value escaped). */
export function ticketPostHtml(texts: TelegramTexts, t: { id: number; branchCode: string; channel: string; question: string }): string {
  return fillText(texts.id.staff.post, { id: t.id, branch: escapeHtml(t.branchCode), channel: escapeHtml(t.channel), question: escapeHtml(t.question) });
}

/** Creates the poller; `api` is the bot's Api (with its retry transformer), `chatId` the staff group. */
export function createStaffGroupPoster(deps: { staff: StaffGroupClient; api: Api; chatId: number; texts: TelegramTexts; log: Logger; pollMs: number; batchSize?: number }): StaffGroupPoster {
  const batch = deps.batchSize ?? 10;
  // Posts sent whose report to the service failed: report again instead of posting twice.
  const unreported = new Map<number, string>();

  const report = async (ticketId: number, ref: string) => {
    unreported.set(ticketId, ref);
    await deps.staff.posted(ticketId, ref);
    unreported.delete(ticketId);
  };

  const drain = async (): Promise<number> => {
    let total = 0;
    for (;;) {
      const tickets = await deps.staff.pending(batch);
      let progressed = false;
      for (const t of tickets) {
        const known = unreported.get(t.id);
        if (known) {
          await report(t.id, known);
          progressed = true;
          continue;
        }
        const sent = await deps.api.sendMessage(deps.chatId, ticketPostHtml(deps.texts, t), { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
        await report(t.id, `${sent.chat.id}:${sent.message_id}`);
        deps.log.info({ ticket: t.id }, "ticket posted to the Telegram staff group");
        total += 1;
        progressed = true;
      }
      if (tickets.length < batch || !progressed) return total;
    }
  };

  const poller = createPoller({ pass: drain, pollMs: deps.pollMs, onError: (err) => deps.log.warn({ err: describeError(err) }, "posting tickets to the staff group failed; trying again later") });
  return { start: poller.start, stop: poller.stop, postPending: poller.runNow };
}

function refusalText(texts: TelegramTexts[keyof TelegramTexts]["staff"], outcome: Extract<StaffReplyOutcome, { ok: false }>): string {
  switch (outcome.code) {
    case "telegram_not_linked":
      return texts.not_linked;
    case "already_claimed":
      return outcome.assignee ? fillText(texts.already_claimed, { name: outcome.assignee }) : texts.not_owner;
    default:
      return texts[outcome.code];
  }
}

/** Answers a staff-group reply or a link command. Never throws for expected failures. */
export async function handleStaffRoute(route: StaffRoute, deps: StaffRouteDeps): Promise<void> {
  const texts = deps.texts[telegramLocale(route.locale)].staff;
  let text: string;
  try {
    if (route.kind === "staff_reply") {
      const outcome: StaffReplyOutcome = route.text ? await deps.staff.reply({ ref: route.ref, telegramUserId: route.telegramUserId, text: route.text }) : { ok: false, code: "empty" };
      text = outcome.ok ? fillText(texts.answered, { id: outcome.ticketId, name: outcome.staffName }) : refusalText(texts, outcome);
      deps.log.info({ ref: route.ref, ok: outcome.ok, ...(outcome.ok ? { ticket: outcome.ticketId } : { code: outcome.code }) }, "staff group reply");
    } else if (!route.code) {
      text = texts.link_usage;
    } else {
      const outcome = await deps.staff.link({ code: route.code, telegramUserId: route.telegramUserId });
      text = outcome.ok ? fillText(texts.linked, { name: outcome.staffName }) : texts[outcome.code];
      deps.log.info({ ok: outcome.ok }, "telegram account link attempt");
    }
  } catch (err) {
    deps.log.error({ err: describeError(err), kind: route.kind }, "the staff-group API did not answer");
    text = deps.texts[telegramLocale(route.locale)].unavailable;
  }
  const to = route.to;
  // Plain text: the messages name placeholders like <kode>.
  await deps.api
    .sendMessage(to.chatId, text, {
      link_preview_options: { is_disabled: true },
      ...(to.threadId ? { message_thread_id: to.threadId } : {}),
      ...(to.replyToMessageId ? { reply_parameters: { message_id: to.replyToMessageId, allow_sending_without_reply: true } } : {}),
    })
    .catch((err: unknown) => deps.log.warn({ telegram: describeError(err) }, "could not answer in the staff group"));
}
