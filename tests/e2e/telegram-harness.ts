// One running service for the Telegram e2e tests: real PostgreSQL and Meilisearch with the demo
// catalogue, the Hono app with the real dialog engine, and the bot wired exactly as `npm start`
// wires it (prepareTelegram), talking to a fake Bot API server on 127.0.0.1.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createApp } from "../../api/app.js";
import { seedDemo } from "../../api/catalogue/seed-demo.js";
import { loadConfig } from "../../api/config.js";
import { inProcessConnection, prepareTelegram, type TelegramService } from "../../bot/telegram/telegram-service.js";
import { startFakeBotApi, type FakeBotApi } from "../fakes/telegram-bot-api.js";
import { memoryLogger } from "../support/silent-logger.js";
import { startSearchableCatalogue } from "../support/searchable-catalogue.js";
import type { TestDatabase } from "../support/test-database.js";

export const SERVICE_TOKEN = "e2e-service-token-0123456789";
export const PUBLIC_URL = "https://pustaka.example.org";

export type TelegramHarness = {
  tdb: TestDatabase;
  fake: FakeBotApi;
  app: ReturnType<typeof createApp>;
  telegram: TelegramService;
  log: ReturnType<typeof memoryLogger>;
  dataDir: string;
  close(): Promise<void>;
};

/** PostgreSQL + Meilisearch with the demo catalogue and the search service (no app yet). */
export function startLibrary() {
  return startSearchableCatalogue({ seed: (db, log) => seedDemo({ db, log }) });
}

/** Starts everything; `webhook: true` sets PUBLIC_URL, so the bot registers a webhook instead of polling. */
export async function startTelegramHarness(opts: { webhook: boolean }): Promise<TelegramHarness> {
  const library = await startLibrary();
  const { tdb, search, log, catalogue } = library;
  const fake = await startFakeBotApi();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-telegram-"));
  const config = loadConfig({
    SERVICE_TOKEN,
    DATA_DIR: dataDir,
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    ...(opts.webhook ? { PUBLIC_URL } : {}),
    LOG_LEVEL: "silent",
  });
  const telegram = prepareTelegram({ config, log, connection: inProcessConnection(() => app, SERVICE_TOKEN) })!;
  const app = createApp({ db: tdb.db, search, config, log, catalogue, telegramWebhook: telegram.webhook });
  await telegram.start();
  return {
    tdb,
    fake,
    app,
    telegram,
    log,
    dataDir,
    async close() {
      await telegram.stop();
      await fake.close();
      await library.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits for a condition with a generous deadline (no timing assertions). */
export async function eventually<T>(probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export type Keyboard = { inline_keyboard: { text: string; callback_data: string }[][] };

/** The buttons of a sent message, flattened. */
export function buttonsOf(params: Record<string, unknown>): { text: string; callback_data: string }[] {
  return ((params.reply_markup as Keyboard | undefined)?.inline_keyboard ?? []).flat();
}
