// `npm run start:telegram`: the Telegram bot on its own, next to a service elsewhere. It talks to
// the service over HTTP (API_URL, SERVICE_TOKEN) for messages, inline search and the outbox, and
// uses long polling: a webhook (PUBLIC_URL) reaches the service, so it needs the bot inside
// `npm start` instead.
import { CleanupStack } from "../../api/lib/cleanup-stack.js";
import { createLogger } from "../../api/logger.js";
import { fail, loadConfigOrExit, stopOnSignals } from "../standalone.js";
import { describeError } from "./telegram-error.js";
import { httpConnection, prepareTelegram } from "./telegram-service.js";

const config = loadConfigOrExit();
if (!config.TELEGRAM_BOT_TOKEN) fail("TELEGRAM_BOT_TOKEN: must be set (the token from @BotFather) for npm run start:telegram");
if (!config.API_URL) fail("API_URL: must be set to the service's URL (e.g. http://127.0.0.1:3000) for npm run start:telegram");
if (!config.SERVICE_TOKEN) process.stderr.write("warning: SERVICE_TOKEN is not set; the service must then accept calls without a token\n");
if (config.PUBLIC_URL) process.stderr.write("note: PUBLIC_URL is ignored here; the bot polls. For a webhook, set TELEGRAM_BOT_TOKEN on the service instead\n");

const log = createLogger({ level: config.LOG_LEVEL });
const telegram = prepareTelegram({ config, log, connection: httpConnection(config.API_URL, config.SERVICE_TOKEN), webhook: false })!;

const cleanup = new CleanupStack();
cleanup.push("Telegram bot", () => telegram.stop());
const stop = stopOnSignals(cleanup, config.SHUTDOWN_TIMEOUT_MS, (part, err) => log.error({ err: describeError(err), part }, "error while stopping"));

try {
  const where = await telegram.start();
  process.stdout.write(`\n  Tanya Pustaka Telegram bot: ${where}, service ${config.API_URL}   stop: Ctrl-C\n\n`);
} catch (err) {
  process.stderr.write(`Telegram bot could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  await stop(1);
}
