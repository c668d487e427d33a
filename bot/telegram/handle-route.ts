// What the bot does for each kind of update (see route-update.ts). The engine answers messages,
// button presses and content it cannot read (sent without text); the adapter itself only says what
// the engine cannot: the service is unreachable, a button expired, an edit is not re-read. Every callback query is answered exactly once,
// even when the engine fails, so the user's button never spins forever.
import type { Api } from "grammy";
import type { InboundMessage, Reply } from "../../api/dialog/reply.js";
import type { Logger } from "../../api/logger.js";
import type { ApiClient } from "../client.js";
import type { CallbackData } from "./callback-data.js";
import { inlineResults } from "./inline-results.js";
import type { Destination, Route } from "./route-update.js";
import { answerWith } from "./send-replies.js";
import type { StaffGroupClient } from "./staff-group-client.js";
import { handleStaffRoute } from "./staff-group.js";
import { describeError } from "./telegram-error.js";
import { telegramLocale, type TelegramTexts } from "./texts.js";

export type RouteDeps = {
  api: Api;
  client: ApiClient;
  texts: TelegramTexts;
  callbackData: CallbackData;
  log: Logger;
  /** Show "typing…" when the engine takes longer than this. */
  typingAfterMs?: number;
  /** Results per inline answer. */
  inlineLimit?: number;
  /** The staff-group API, for replies in the staff group and "/tautkan <code>". */
  staff?: StaffGroupClient;
};

const INLINE_CACHE_SECONDS = 10;

async function askEngine(deps: RouteDeps, message: Parameters<ApiClient["postMessage"]>[0]): Promise<Reply[] | null> {
  try {
    return (await deps.client.postMessage(message)).replies;
  } catch (err) {
    deps.log.error({ err: describeError(err), userId: message.userId }, "the engine did not answer a Telegram update");
    return null;
  }
}

async function answerMessage(to: Destination, inbound: InboundMessage, deps: RouteDeps): Promise<void> {
  const typing = setTimeout(() => {
    deps.api.sendChatAction(to.chatId, "typing", to.threadId ? { message_thread_id: to.threadId } : {}).catch(() => {});
  }, deps.typingAfterMs ?? 1000);
  const replies = await askEngine(deps, inbound).finally(() => clearTimeout(typing));
  const texts = deps.texts[telegramLocale(inbound.locale)];
  await answerWith(deps.api, replies ?? [{ text: texts.unavailable }], { to, edit: null }, deps);
}

/** Carries out one routed update. Never throws for expected failures (engine down, Telegram errors). */
export async function handleRoute(route: Route, deps: RouteDeps): Promise<void> {
  const { api, log } = deps;
  switch (route.kind) {
    case "ignore":
      log.debug({ why: route.why }, "telegram update ignored");
      return;

    case "edited": {
      const texts = deps.texts[telegramLocale(route.locale)];
      await answerWith(api, [{ text: texts.edited }], { to: route.to, edit: null }, deps);
      return;
    }

    case "unsupported":
      log.debug({ what: route.what }, "telegram message without text");
      await answerMessage(route.to, route.inbound, deps);
      return;

    case "message":
      await answerMessage(route.to, route.inbound, deps);
      return;

    case "staff_reply":
    case "staff_link":
      if (deps.staff) await handleStaffRoute(route, { api, staff: deps.staff, texts: deps.texts, log });
      else log.debug({ kind: route.kind }, "staff-group update without a staff-group client");
      return;

    case "callback": {
      const texts = deps.texts[telegramLocale(route.sender.locale)];
      const payload = deps.callbackData.decode(route.data);
      const replies = payload === null ? null : await askEngine(deps, { ...route.sender, payload });
      const toast = payload === null ? texts.button_expired : replies === null ? texts.unavailable : undefined;
      // Answer before sending: it stops the button's spinner while the edit goes out.
      await api.answerCallbackQuery(route.queryId, toast ? { text: toast } : {}).catch((err) => log.warn({ telegram: describeError(err) }, "answerCallbackQuery failed"));
      if (replies?.length) await answerWith(api, replies, { to: route.to, edit: route.edit }, deps);
      return;
    }

    case "inline": {
      const locale = telegramLocale(route.sender.locale);
      const texts = deps.texts[locale];
      const button = { text: texts.inline.open_bot, start_parameter: "inline" };
      const q = route.query.trim();
      const page = Math.max(1, Number.parseInt(route.offset, 10) || 1);
      const limit = deps.inlineLimit ?? 10;
      let answer: { results: ReturnType<typeof inlineResults>; nextOffset: string; cacheTime: number } = { results: [], nextOffset: "", cacheTime: INLINE_CACHE_SECONDS };
      if (q) {
        try {
          const found = await deps.client.searchCatalogue({ q, page, limit });
          answer = { results: inlineResults(found.hits, texts, locale), nextOffset: page * limit < found.total ? String(page + 1) : "", cacheTime: INLINE_CACHE_SECONDS };
        } catch (err) {
          log.error({ err: describeError(err) }, "inline search failed");
          answer = { results: [], nextOffset: "", cacheTime: 0 };
        }
      }
      await api
        .answerInlineQuery(route.queryId, answer.results, { cache_time: answer.cacheTime, is_personal: false, next_offset: answer.nextOffset, button })
        .catch((err) => log.warn({ telegram: describeError(err) }, "answerInlineQuery failed"));
      return;
    }
  }
}
