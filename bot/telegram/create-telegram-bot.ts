// The Telegram worker: a grammY bot pointed at `apiRoot` (Telegram, a self-hosted Bot API server or
// the tests' fake), with 429/5xx retries, duplicate-update suppression and per-chat ordering, fed
// either by long polling (grammY runner) or by the webhook route through `handleUpdate`.
import { autoRetry } from "@grammyjs/auto-retry";
import { run, sequentialize, type RunnerHandle } from "@grammyjs/runner";
import { Api, Bot, BotError, GrammyError, type Context } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import type { Logger } from "../../api/logger.js";
import type { ApiClient } from "../client.js";
import { createCallbackData } from "./callback-data.js";
import { handleRoute } from "./handle-route.js";
import { createRecentIds } from "../recent-ids.js";
import { routeUpdate } from "./route-update.js";
import type { StaffGroupClient } from "./staff-group-client.js";
import { describeError } from "./telegram-error.js";
import { loadTelegramTexts, TELEGRAM_LOCALES, type TelegramTexts } from "./texts.js";

export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "inline_query"] as const;

export type TelegramBotOptions = {
  token: string;
  /** Bot API server root (TELEGRAM_API_ROOT); Telegram's own when absent. */
  apiRoot?: string;
  client: ApiClient;
  log: Logger;
  texts?: TelegramTexts;
  /** Skip getMe (tests, benchmarks). */
  botInfo?: UserFromGetMe;
  /** Cap on waiting for 429 retry_after, in seconds. */
  maxRetryDelaySeconds?: number;
  /** Show "typing…" when the engine takes longer than this. */
  typingAfterMs?: number;
  /** The staff-group API ("/tautkan <code>") and the staff group's chat id (TELEGRAM_STAFF_CHAT_ID), whose updates never reach the engine. */
  staff?: { client: StaffGroupClient; chatId?: number };
};

export type StartOptions = { webhook?: { url: string; secretToken: string } };

/** Thrown by handleUpdate before start() finished: the webhook route answers 503 and Telegram retries. */
export class TelegramNotReadyError extends Error {
  constructor() {
    super("the Telegram bot is not started yet");
    this.name = "TelegramNotReadyError";
  }
}

/** getMe answered 401: the token is wrong or revoked; retrying cannot help. */
export class TelegramTokenRejectedError extends Error {
  constructor() {
    super("TELEGRAM_BOT_TOKEN was rejected by the Bot API (401 Unauthorized): check the token from @BotFather");
    this.name = "TelegramTokenRejectedError";
  }
}

export type TelegramBot = ReturnType<typeof createTelegramBot>;

// Updates of one chat are handled in order; different chats (and inline queries) run in parallel.
function orderKey(ctx: Context): string | undefined {
  if (ctx.inlineQuery) return undefined;
  return String(ctx.chat?.id ?? ctx.from?.id ?? "");
}

/** Builds the bot; nothing touches the network until start(). */
export function createTelegramBot(opts: TelegramBotOptions) {
  const log = opts.log.child({ part: "telegram" });
  const texts = opts.texts ?? loadTelegramTexts();
  const bot = new Bot(opts.token, { client: { apiRoot: opts.apiRoot }, ...(opts.botInfo ? { botInfo: opts.botInfo } : {}) });
  // 429: wait retry_after (capped); 5xx: 3 more tries with backoff (3, 6, 12 s); network errors: until they pass.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: opts.maxRetryDelaySeconds ?? 60 }));
  // The runner retries getUpdates quietly; this keeps an unreachable Bot API visible in the log.
  bot.api.config.use(async (prev, method, payload, signal) => {
    try {
      return await prev(method, payload, signal);
    } catch (err) {
      if (method === "getUpdates" && !signal?.aborted) log.warn({ telegram: describeError(err) }, "getUpdates failed; retrying");
      throw err;
    }
  });
  // Later messages (the outbox) have their own persistent retry with backoff, so this Api only
  // waits out short 429s: a 5xx or an unreachable Bot API goes straight back to the outbox. On the
  // bot's Api an unreachable Bot API is retried forever inside one call (auto-retry never gives up
  // on network errors), which would hold the outbox worker, and its stop(), until Telegram is back.
  const deliveryApi = new Api(opts.token, { apiRoot: opts.apiRoot });
  deliveryApi.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: opts.maxRetryDelaySeconds ?? 60, rethrowInternalServerErrors: true, rethrowHttpErrors: true }));
  const recent = createRecentIds<number>();
  const callbackData = createCallbackData();
  let ready = false;
  let runner: RunnerHandle | null = null;

  bot.use(async (ctx, next) => {
    if (!recent.firstTime(ctx.update.update_id)) {
      log.debug({ updateId: ctx.update.update_id }, "duplicate telegram update dropped");
      return;
    }
    await next();
  });
  bot.use(sequentialize(orderKey));
  bot.use(async (ctx) => {
    const route = routeUpdate(ctx.update, ctx.me, { linkCommands: Boolean(opts.staff), ...(opts.staff?.chatId !== undefined ? { staffChatId: opts.staff.chatId } : {}) });
    await handleRoute(route, {
      api: ctx.api,
      client: opts.client,
      texts,
      callbackData,
      log,
      ...(opts.typingAfterMs !== undefined ? { typingAfterMs: opts.typingAfterMs } : {}),
      ...(opts.staff ? { staff: opts.staff.client } : {}),
    });
  });
  const logFailure = (err: unknown) => {
    const cause = err instanceof BotError ? err.error : err;
    const updateId = err instanceof BotError ? err.ctx.update.update_id : undefined;
    log.error({ err: describeError(cause), updateId }, "telegram update failed");
  };
  bot.catch(logFailure);

  const setCommands = async () => {
    for (const [i, locale] of TELEGRAM_LOCALES.entries()) {
      const commands = texts[locale].commands;
      await bot.api.setMyCommands(commands, { language_code: locale });
      // The first locale is also the menu of users whose language we have no texts for.
      if (i === 0) await bot.api.setMyCommands(commands);
    }
  };

  return {
    bot,
    /** The Api the outbox worker sends with: 5xx and network errors are left to the outbox's retries. */
    deliveryApi,
    /** The texts the bot speaks with; the staff-group poster shares them. */
    texts,
    /** The button payload mapping; the outbox worker shares it, so its buttons work when pressed. */
    callbackData,
    /** The bot's @username once started (or given botInfo). */
    username: () => (bot.isInited() ? bot.botInfo.username : undefined),

    /** Handles one Update (from the webhook route). Errors inside are logged, not thrown. */
    async handleUpdate(update: Update): Promise<void> {
      if (!ready) throw new TelegramNotReadyError();
      try {
        await bot.handleUpdate(update);
      } catch (err) {
        logFailure(err);
      }
    },

    /** getMe, command menus, then setWebhook or long polling. */
    async start(start: StartOptions = {}): Promise<void> {
      try {
        await bot.init();
      } catch (err) {
        if (err instanceof GrammyError && err.error_code === 401) throw new TelegramTokenRejectedError();
        throw err;
      }
      await setCommands();
      if (start.webhook) {
        await bot.api.setWebhook(start.webhook.url, { secret_token: start.webhook.secretToken, allowed_updates: [...ALLOWED_UPDATES] });
        ready = true;
        log.info({ bot: bot.botInfo.username, mode: "webhook" }, "telegram bot started");
        return;
      }
      // getUpdates is refused while a webhook is set (409), e.g. after running with PUBLIC_URL.
      await bot.api.deleteWebhook();
      ready = true;
      runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES], timeout: 30 }, silent: true, retryInterval: "exponential", maxRetryTime: 60 * 60 * 1000 } });
      runner.task()?.catch((err: unknown) => log.error({ err: describeError(err) }, "telegram long polling stopped"));
      log.info({ bot: bot.botInfo.username, mode: "polling" }, "telegram bot started");
    },

    /** Stops polling and waits for updates in progress. */
    async stop(): Promise<void> {
      ready = false;
      if (runner?.isRunning()) await runner.stop();
      runner = null;
    },
  };
}
