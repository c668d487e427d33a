// How the Telegram bot runs: inside the service (`npm start`: built before the app, whose webhook
// route needs its handler, started after the HTTP server listens) or on its own next to a service
// at API_URL (`npm run start:telegram`, long polling), in both cases with its outbox worker. An unreachable
// Bot API does not stop the library service: the bot keeps retrying in the background. A token the
// Bot API rejects does stop the start, with a message naming TELEGRAM_BOT_TOKEN. With
// TELEGRAM_STAFF_CHAT_ID it also posts new tickets to the librarians' group (staff-group.ts).
import type { Config } from "../../api/config.js";
import type { Logger } from "../../api/logger.js";
import type { TelegramWebhookDeps } from "../../api/routes/telegram-webhook.js";
import { createHttpClient, createInProcessClient, type ApiClient, type InProcessApp } from "../client.js";
import { createHttpOutboxClient, createInProcessOutboxClient } from "../outbox-client.js";
import type { OutboxPort } from "../outbox-port.js";
import { createTelegramBot, TelegramTokenRejectedError, type StartOptions } from "./create-telegram-bot.js";
import { createTelegramOutboxWorker, type TelegramOutboxWorker } from "./outbox-worker.js";
import { createHttpStaffGroupClient, createInProcessStaffGroupClient, type StaffGroupClient } from "./staff-group-client.js";
import { createStaffGroupPoster, type StaffGroupPoster } from "./staff-group.js";
import { describeError } from "./telegram-error.js";
import { resolveWebhookSecret } from "./webhook-secret.js";

export const WEBHOOK_PATH = "/telegram/webhook";
const RETRY_MS = 30_000;

export type TelegramService = {
  /** Given to createApp when PUBLIC_URL is set; absent in long-polling mode. */
  webhook?: TelegramWebhookDeps;
  /** Delivers later messages (librarian answers, reminders) from the outbox. */
  outbox: TelegramOutboxWorker;
  /** Posts new tickets to the staff group; absent without TELEGRAM_STAFF_CHAT_ID. */
  staffGroup?: StaffGroupPoster;
  /** Connects; resolves with a line for the start banner. */
  start(): Promise<string>;
  stop(): Promise<void>;
};

/** How the bot reaches the service: messages and catalogue, the outbox, and the staff group. */
export type ServiceConnection = { client: ApiClient; outbox: OutboxPort; staff: StaffGroupClient };

/** The service in this process; `app` is a function because the app is created after the bot (it mounts the webhook). */
export function inProcessConnection(app: () => InProcessApp, serviceToken: string | undefined): ServiceConnection {
  const lazy: InProcessApp = { request: (input, init) => app().request(input, init) };
  return {
    client: createInProcessClient(lazy, { serviceToken }),
    outbox: createInProcessOutboxClient(lazy, { serviceToken }),
    staff: createInProcessStaffGroupClient(lazy, { serviceToken }),
  };
}

/** The service at API_URL. */
export function httpConnection(apiUrl: string, serviceToken: string | undefined): ServiceConnection {
  return {
    client: createHttpClient({ apiUrl, serviceToken }),
    outbox: createHttpOutboxClient({ apiUrl, serviceToken }),
    staff: createHttpStaffGroupClient({ apiUrl, serviceToken }),
  };
}

/** The bot for this config; null when TELEGRAM_BOT_TOKEN is not set. Webhook mode needs the bot inside the service (`webhook: false` forces polling). */
export function prepareTelegram(opts: {
  config: Pick<Config, "TELEGRAM_BOT_TOKEN" | "TELEGRAM_API_ROOT" | "TELEGRAM_WEBHOOK_SECRET" | "TELEGRAM_OUTBOX_POLL_SECONDS" | "TELEGRAM_STAFF_CHAT_ID" | "TELEGRAM_STAFF_POLL_SECONDS" | "PUBLIC_URL" | "dataDir">;
  log: Logger;
  connection: ServiceConnection;
  webhook?: boolean;
}): TelegramService | null {
  const { config, log } = opts;
  if (!config.TELEGRAM_BOT_TOKEN) return null;
  const staffChatId = config.TELEGRAM_STAFF_CHAT_ID;
  const bot = createTelegramBot({
    token: config.TELEGRAM_BOT_TOKEN,
    apiRoot: config.TELEGRAM_API_ROOT,
    client: opts.connection.client,
    log,
    staff: { client: opts.connection.staff, ...(staffChatId !== undefined ? { chatId: staffChatId } : {}) },
  });
  const outbox = createTelegramOutboxWorker({
    outbox: opts.connection.outbox,
    api: bot.deliveryApi,
    callbackData: bot.callbackData,
    log: log.child({ part: "telegram-outbox" }),
    pollMs: config.TELEGRAM_OUTBOX_POLL_SECONDS * 1000,
  });
  const staffGroup =
    staffChatId === undefined
      ? undefined
      : createStaffGroupPoster({
          staff: opts.connection.staff,
          // Like the outbox: a failed post is tried again at the next poll, never held inside one call.
          api: bot.deliveryApi,
          chatId: staffChatId,
          texts: bot.texts,
          log: log.child({ part: "telegram-staff-group" }),
          pollMs: config.TELEGRAM_STAFF_POLL_SECONDS * 1000,
        });
  const useWebhook = Boolean(config.PUBLIC_URL) && opts.webhook !== false;
  const secretToken = useWebhook ? resolveWebhookSecret({ configured: config.TELEGRAM_WEBHOOK_SECRET, dataDir: config.dataDir }) : undefined;
  const startOptions: StartOptions = config.PUBLIC_URL && secretToken ? { webhook: { url: new URL(WEBHOOK_PATH, config.PUBLIC_URL).toString(), secretToken } } : {};
  const mode = startOptions.webhook ? `webhook at ${startOptions.webhook.url}` : "long polling";
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;

  const attempt = async (): Promise<boolean> => {
    try {
      await bot.start(startOptions);
      outbox.start();
      staffGroup?.start();
      return true;
    } catch (err) {
      if (err instanceof TelegramTokenRejectedError) throw err;
      log.error({ err: describeError(err) }, `Telegram Bot API not reachable; retrying every ${RETRY_MS / 1000} s`);
      return false;
    }
  };

  const retryLater = () => {
    retry = setTimeout(() => {
      if (stopped) return;
      attempt()
        .then((ok) => (ok ? log.info("telegram bot connected") : retryLater()))
        .catch((err: unknown) => log.error({ err: describeError(err) }, "telegram bot gave up"));
    }, RETRY_MS);
    retry.unref();
  };

  return {
    ...(secretToken ? { webhook: { secretToken, handleUpdate: (update) => bot.handleUpdate(update as never) } } : {}),
    outbox,
    ...(staffGroup ? { staffGroup } : {}),
    async start() {
      const staffNote = staffChatId === undefined ? "" : `, staff group ${staffChatId}`;
      if (await attempt()) return `@${bot.username()} (${mode}${staffNote}${config.TELEGRAM_API_ROOT ? `, Bot API ${config.TELEGRAM_API_ROOT}` : ""})`;
      retryLater();
      return `NOT CONNECTED - Bot API unreachable, retrying every ${RETRY_MS / 1000} s (${mode})`;
    },
    async stop() {
      stopped = true;
      clearTimeout(retry);
      await outbox.stop();
      await staffGroup?.stop();
      await bot.stop();
    },
  };
}
