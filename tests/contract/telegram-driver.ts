// The channel contract's Telegram player: residents act through real Update JSON handed to the bot
// exactly as the webhook route hands it (bot.handleUpdate, which resolves once the answer is sent),
// the adapter and its outbox worker run as in production against the fake Bot API, and what the
// fake receives is read back the way a resident sees it: the text Telegram would display, the
// inline keyboard's labels as choices, an upload's file name.
import type { Message, Update, User } from "grammy/types";
import { createInProcessClient } from "../../bot/client.js";
import { createTelegramBot, type TelegramBot } from "../../bot/telegram/create-telegram-bot.js";
import { createTelegramOutboxWorker, type TelegramOutboxWorker } from "../../bot/telegram/outbox-worker.js";
import { createInProcessOutboxClient } from "../../bot/outbox-client.js";
import { startFakeBotApi, type FakeBotApi, type FakeCall } from "../fakes/telegram-bot-api.js";
import { parseTelegramHtml } from "../fakes/telegram-html.js";
import { GROUP_CHAT } from "../fakes/telegram-updates.js";
import { memoryLogger } from "../support/silent-logger.js";
import type { ChannelDriver, ChannelUser, SeenMessage } from "./channel-contract.js";

const SHOWN = new Set(["sendMessage", "editMessageText", "sendDocument", "sendPhoto"]);

type Keyboard = { inline_keyboard: { text: string; callback_data: string }[][] };

/** What a resident sees of one Bot API call that showed them something. */
export function seenOf(call: FakeCall): SeenMessage {
  const raw = String(call.params.text ?? call.params.caption ?? "");
  const parsed = call.params.parse_mode === "HTML" ? parseTelegramHtml(raw) : { ok: true as const, text: raw };
  const buttons = ((call.params.reply_markup as Keyboard | undefined)?.inline_keyboard ?? []).flat();
  const file = Object.values(call.files)[0];
  const document = call.method === "sendDocument" && file ? (call.result as Message & { document?: { file_name?: string; mime_type?: string } }).document : undefined;
  return {
    text: parsed.ok ? parsed.text : raw,
    choices: buttons.map((b) => b.text),
    ...(document ? { document: { fileName: document.file_name ?? file!.filename, mimeType: document.mime_type ?? "application/octet-stream" } } : {}),
  };
}

/** Creates the Telegram driver for channelContract(). */
export function createTelegramDriver(): ChannelDriver {
  let fake: FakeBotApi;
  let bot: TelegramBot;
  let outbox: TelegramOutboxWorker;
  let users = 0;

  /** Runs `act`, then returns what the bot showed in `chatId` meanwhile (failed calls excluded). */
  const shownIn = async (chatId: number, act: () => Promise<void>): Promise<FakeCall[]> => {
    const since = fake.calls.length;
    await act();
    return fake.calls.slice(since).filter((c) => c.ok && SHOWN.has(c.method) && Number(c.params.chat_id) === chatId);
  };

  return {
    channel: "telegram",
    async start(env) {
      fake = await startFakeBotApi();
      const log = memoryLogger();
      bot = createTelegramBot({ token: fake.token, apiRoot: fake.apiRoot, client: createInProcessClient(env.app, { serviceToken: env.serviceToken }), log });
      await bot.start({ webhook: { url: "https://pustaka.example.org/telegram/webhook", secretToken: "contract-webhook-secret" } });
      outbox = createTelegramOutboxWorker({
        outbox: createInProcessOutboxClient(env.app, { serviceToken: env.serviceToken }),
        api: bot.deliveryApi,
        callbackData: bot.callbackData,
        log,
        pollMs: 60_000,
      });
    },
    async stop() {
      await outbox?.stop();
      await bot?.stop();
      await fake?.close();
    },
    async newUser(name): Promise<ChannelUser> {
      users += 1;
      const user: User = { id: 6_100_000 + users, is_bot: false, first_name: name, language_code: "id" };
      // Nothing is built before the resident acts: to the fake, a built update means "this user wrote".
      let lastUpdate: Update | undefined;
      let lastWithChoices: FakeCall | undefined;
      const act = async (update: Update) => {
        lastUpdate = update;
        const calls = await shownIn(user.id, () => bot.handleUpdate(update));
        lastWithChoices = calls.filter((c) => seenOf(c).choices.length > 0).at(-1) ?? lastWithChoices;
        return calls.map(seenOf);
      };
      return {
        userId: String(user.id),
        write: (text) => act(fake.updates.privateText(text, user)),
        async choose(n) {
          if (!lastWithChoices) throw new Error("no bot message with choices yet");
          const button = ((lastWithChoices.params.reply_markup as Keyboard).inline_keyboard ?? []).flat()[n - 1];
          if (!button) throw new Error(`no choice ${n}`);
          // The result of a send or an edit is the message as it is now.
          return act(fake.updates.callbackQuery(button.callback_data, lastWithChoices.result as Message, user));
        },
        async redeliverLast() {
          if (!lastUpdate) throw new Error("nothing was sent yet");
          const again = structuredClone(lastUpdate);
          return (await shownIn(user.id, () => bot.handleUpdate(again))).map(seenOf);
        },
        sendSticker: () => act(fake.updates.sticker(user)),
        async writeInGroup(text, opts) {
          const update = fake.updates.groupText(opts.addressed ? `@${fake.me.username} ${text}` : text, { from: user });
          return (await shownIn(GROUP_CHAT.id, () => bot.handleUpdate(update))).map(seenOf);
        },
        async receiveOutbox() {
          return (await shownIn(user.id, async () => void (await outbox.deliverDue()))).map(seenOf);
        },
      };
    },
  };
}
