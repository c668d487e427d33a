import pino, { type Logger } from "pino";

export type { Logger };

// Indonesian mobile numbers (+62 8xx / 08xx) and WhatsApp JIDs are personal data and never reach logs.
const PHONE = /(?:\+?62[\s-]?|\b0)8\d{1,2}[\s-]?\d{3,4}[\s-]?\d{3,5}\b/g;
const JID = /\b\d{8,15}@(s\.whatsapp\.net|c\.us|lid)\b/g;
const SECRET_IN_URL = /(\/\/[^:/\s]+:)[^@/\s]+@/g;
const BOT_TOKEN = /\b\d{6,12}:[A-Za-z0-9_-]{30,}\b/g;

/** Masks phone numbers, JIDs, bot tokens and URL passwords inside a log string. */
export function scrub(text: string): string {
  return text
    .replace(SECRET_IN_URL, "$1***@")
    .replace(BOT_TOKEN, "[bot-token]")
    .replace(JID, "[jid]@$1")
    .replace(PHONE, "[phone]");
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrub(value);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  if (value instanceof Error) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, depth + 1);
  return out;
}

const REDACT = [
  "password",
  "*.password",
  "token",
  "*.token",
  "apiKey",
  "*.apiKey",
  "secret",
  "*.secret",
  "phone",
  "*.phone",
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-telegram-bot-api-secret-token"]',
  'res.headers["set-cookie"]',
];

/** Structured JSON logger with secrets and phone numbers removed. */
export function createLogger(opts: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? "info",
      base: undefined,
      redact: { paths: REDACT, censor: "[redacted]" },
      formatters: { log: (obj) => scrubDeep(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === "string" ? scrub(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    opts.destination,
  );
}
