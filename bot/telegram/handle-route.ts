// What the bot does for each kind of update (see route-update.ts). The engine answers messages and
// button presses; the adapter itself only answers what never reaches the engine: content it cannot
// read, an unreachable service, and expired buttons. Every callback query is answered exactly once,
// even when the engine fails, so the user's button never spins forever.
import type { Api } from "grammy";
import type { Reply } from "../../api/dialog/reply.js";
import type { Logger } from "../../api/logger.js";
import type { ApiClient } from "../client.js";
import type { CallbackData } from "./callback-data.js";
import { inlineResults } from "./inline-results.js";
import type { Route } from "./route-update.js";
import { sendReplies } from "./send-replies.js";
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

/** Carries out one routed update. Never throws for expected failures (engine down, Telegram errors). */
export async function handleRoute(route: Route, deps: RouteDeps): Promise<void> {
  const { api, log } = deps;
  switch (route.kind) {
    case "ignore":
      log.debug({ why: route.why }, "telegram update ignored");
      return;

    case "unsupported": {
      const texts = deps.texts[telegramLocale(route.locale)];
      log.debug({ what: route.what }, "unsupported telegram message");
      await sendReplies(api, [{ text: route.what === "edited_message" ? texts.edited : texts.unsupported }], { to: route.to, edit: null }, deps);
      return;
    }

    case "message": {
      const typing = setTimeout(() => {
        api.sendChatAction(route.to.chatId, "typing", route.to.threadId ? { message_thread_id: route.to.threadId } : {}).catch(() => {});
      }, deps.typingAfterMs ?? 1000);
      const replies = await askEngine(deps, route.inbound).finally(() => clearTimeout(typing));
      const texts = deps.texts[telegramLocale(route.inbound.locale)];
      await sendReplies(api, replies ?? [{ text: texts.unavailable }], { to: route.to, edit: null }, deps);
      return;
    }

    case "callback": {
      const texts = deps.texts[telegramLocale(route.sender.locale)];
      const payload = deps.callbackData.decode(route.data);
      const replies = payload === null ? null : await askEngine(deps, { ...route.sender, payload });
      const toast = payload === null ? texts.button_expired : replies === null ? texts.unavailable : undefined;
      // Answer before sending: it stops the button's spinner while the edit goes out.
      await api.answerCallbackQuery(route.queryId, toast ? { text: toast } : {}).catch((err) => log.warn({ telegram: describeError(err) }, "answerCallbackQuery failed"));
      if (replies?.length) await sendReplies(api, replies, { to: route.to, edit: route.edit }, deps);
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
