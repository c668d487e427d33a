import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const FILE = "telegram-webhook-secret";

/**
 * TELEGRAM_WEBHOOK_SECRET when set; otherwise a random one kept in DATA_DIR, so a restart keeps the
 * webhook Telegram already has valid and nobody has to invent a secret by hand.
 */
export function resolveWebhookSecret(opts: { configured?: string; dataDir: string }): string {
  if (opts.configured) return opts.configured;
  const file = path.join(opts.dataDir, FILE);
  try {
    const stored = fs.readFileSync(file, "utf8").trim();
    if (/^[A-Za-z0-9_-]{16,256}$/.test(stored)) return stored;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.mkdirSync(opts.dataDir, { recursive: true });
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
