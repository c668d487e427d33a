// `npm run start:telegram`: the Telegram bot on its own, next to a service elsewhere. It talks to
// the service over HTTP (API_URL, SERVICE_TOKEN) for messages, inline search and the outbox, and
// uses long polling: a webhook (PUBLIC_URL) reaches the service, so it needs the bot inside
// `npm start` instead.
import { ConfigError, loadConfig, type Config } from "../../api/config.js";
import { createLogger } from "../../api/logger.js";
import { describeError } from "./telegram-error.js";
import { httpConnection, prepareTelegram } from "./telegram-service.js";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) fail(err.message);
  throw err;
}
if (!config.TELEGRAM_BOT_TOKEN) fail("TELEGRAM_BOT_TOKEN: must be set (the token from @BotFather) for npm run start:telegram");
if (!config.API_URL) fail("API_URL: must be set to the service's URL (e.g. http://127.0.0.1:3000) for npm run start:telegram");
if (!config.SERVICE_TOKEN) process.stderr.write("warning: SERVICE_TOKEN is not set; the service must then accept calls without a token\n");
if (config.PUBLIC_URL) process.stderr.write("note: PUBLIC_URL is ignored here; the bot polls. For a webhook, set TELEGRAM_BOT_TOKEN on the service instead\n");

const log = createLogger({ level: config.LOG_LEVEL });
const telegram = prepareTelegram({ config, log, connection: httpConnection(config.API_URL, config.SERVICE_TOKEN), webhook: false })!;

let stopping = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => process.exit(code || 1), config.SHUTDOWN_TIMEOUT_MS);
  await telegram.stop().catch((err: unknown) => log.error({ err: describeError(err) }, "error while stopping the Telegram bot"));
  clearTimeout(force);
  process.exit(code);
};
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

try {
  const where = await telegram.start();
  process.stdout.write(`\n  Tanya Pustaka Telegram bot: ${where}, service ${config.API_URL}   stop: Ctrl-C\n\n`);
} catch (err) {
  process.stderr.write(`Telegram bot could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  await stop(1);
}
