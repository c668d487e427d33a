import path from "node:path";
import { z } from "zod";

const bool = (dflt: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
    .default(dflt ? "true" : "false")
    .transform((v) => v === "true" || v === "1" || v === "yes");

const port = (dflt: number) =>
  z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(0).max(65535).default(dflt);

const url = z.url({ message: "must be a URL such as postgresql://user@host:5432/db" });
const httpUrl = z.url({ protocol: /^https?$/, message: "must be an http(s) URL such as https://pustaka.example.org" });

/** Every environment variable the service reads, with the defaults of the embedded mode. */
export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: port(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("./data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: url.optional(),
  MEILI_URL: url.optional(),
  MEILI_API_KEY: z.string().optional(),
  MEILI_BIN: z.string().optional(),
  MEILI_INDEX_PREFIX: z.string().regex(/^[a-zA-Z0-9_-]*$/, "only letters, digits, _ and -").default(""),
  MEILI_TIMEOUT_MS: z.coerce.number().int().min(50).max(60000).default(1500),
  // Identical searches within this many seconds are answered from memory (0 = off); index changes clear it.
  SEARCH_CACHE_SECONDS: z.coerce.number().min(0).max(300).default(5),
  SEED_DEMO: bool(true),
  // Largest catalogue file the dashboard accepts (the CLI has no limit: it streams from disk).
  IMPORT_MAX_MB: z.coerce.number().positive().max(2048).default(50),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(8000),
  // Dialog: who may call POST /v1/messages, how long chats are kept, how fast a user may write.
  SERVICE_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  WEB_CHAT_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  WEB_CHAT_IP_LIMIT: z.coerce.number().int().min(1).max(100000).default(60),
  MESSAGE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  // Chat turns (state, message log, handled-once record) commit without waiting for the disk: a
  // database crash can lose the last fraction of a second of them, never corrupt anything. true waits.
  CHAT_SYNCHRONOUS_COMMIT: bool(false),
  MESSAGE_PURGE_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(10080).default(60),
  RATE_LIMIT_MESSAGES: z.coerce.number().int().min(1).max(10000).default(20),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
  // Telegram: long polling with a token; webhook at PUBLIC_URL/telegram/webhook when PUBLIC_URL is set too.
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d{3,20}:[A-Za-z0-9_-]{20,}$/, "must look like 123456789:AA… (the token from @BotFather)").optional(),
  TELEGRAM_API_ROOT: httpUrl.optional(),
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16-256 letters, digits, _ or -").optional(),
  PUBLIC_URL: httpUrl.optional(),
  TELEGRAM_OUTBOX_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  // Optional librarians' group: new tickets are posted there; a linked librarian's reply answers.
  TELEGRAM_STAFF_CHAT_ID: z.coerce.number({ message: "must be the group's chat id, e.g. -1001234567890" }).int("must be the group's chat id, e.g. -1001234567890").optional(),
  TELEGRAM_STAFF_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  // Where a channel worker running on its own reaches the service (with SERVICE_TOKEN).
  API_URL: httpUrl.optional(),
  // Outbox (later messages: librarian answers, reminders): lease per pull, retries with backoff.
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(120),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  OUTBOX_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).max(86400).default(30),
  OUTBOX_RETRY_MAX_SECONDS: z.coerce.number().int().min(1).max(604800).default(3600),
  // WhatsApp (Baileys). The limits keep the number from looking like a bulk sender.
  WHATSAPP_ENABLED: bool(false),
  WHATSAPP_PAIRING_PHONE: z.string().regex(/^\d{8,15}$/, "must be the phone number in international form, digits only (62812…)").optional(),
  WHATSAPP_CHAT_INTERVAL_MS: z.coerce.number().int().min(0).max(60000).default(1200),
  WHATSAPP_GLOBAL_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(40),
  WHATSAPP_SEND_JITTER_MS: z.coerce.number().int().min(0).max(30000).default(800),
  WHATSAPP_OUTBOX_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  WHATSAPP_SESSION_WINDOW_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  WHATSAPP_RECONNECT_MAX_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  // Protects the WhatsApp pairing page until staff login exists (SERVICE_TOKEN works too).
  ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  // Librarian dashboard (/staff): session cookie, lifetimes, login rate limit, the first admin.
  STAFF_COOKIE_NAME: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "only letters, digits, _ and -").default("tp_staff"),
  STAFF_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(120),
  STAFF_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  STAFF_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  STAFF_LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  STAFF_ADMIN_EMAIL: z.string().regex(/^[^@\s]+@[^@\s]+$/, "must be an e-mail address").default("admin@localhost"),
  // Lessons: one optional nudge (the learner opts in) after this long idle in an unfinished lesson.
  LESSON_REMINDER_IDLE_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  LESSON_REMINDER_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  // Optional language model (any OpenAI-compatible server). Off unless a key or a base URL is set;
  // every answer has a rule-based path, so these only make answers better.
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: httpUrl.optional(),
  OPENAI_MODEL: z.string().min(1).default("gpt-4o-mini"),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(500).max(120000).default(15000),
  LLM_MAX_OUTPUT_TOKENS: z.coerce.number().int().min(16).max(8000).default(400),
  LLM_MAX_REQUEST_TOKENS: z.coerce.number().int().min(256).max(128000).default(4000),
  LLM_DAILY_USER_TOKENS: z.coerce.number().int().min(0).max(10000000).default(20000),
  LLM_STREAM: bool(false),
});

export type Config = z.infer<typeof configSchema> & { dataDir: string };

/** Thrown when the environment is invalid; the message names each variable and what is wrong. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads and validates the environment once; never call it from inside services. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== "") input[key] = value;
  }
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "environment");
        const got = input[name];
        const shown = got === undefined || /KEY|URL|TOKEN|SECRET|PASSWORD/.test(name) ? "" : ` (got "${got}")`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  // Without SERVICE_TOKEN the machine APIs (messages for any channel, outbox, staff group) trust every
  // caller, which is only safe when nothing but this machine can reach the service.
  if (!parsed.data.SERVICE_TOKEN && !LOOPBACK_HOST.test(parsed.data.HOST)) {
    throw new ConfigError([`SERVICE_TOKEN: required when HOST is reachable from other machines (HOST=${parsed.data.HOST}); set a random string of 16+ characters`]);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}

const LOOPBACK_HOST = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;
