import crypto from "node:crypto";
import type { Clock } from "../dialog/clock.js";

/**
 * Short-lived tokens that let the web chat page call POST /v1/messages without the service
 * token. A token only allows channel "web" (so it cannot act as a Telegram or WhatsApp user), and
 * those requests are also limited per IP address. Format: `<expiry seconds>.<HMAC-SHA256>`.
 */
export type ChatTokens = { issue(): { token: string; expiresAt: Date }; verify(token: string | undefined): boolean };

function sign(secret: string, expiry: string): string {
  return crypto.createHmac("sha256", secret).update(`web-chat.${expiry}`).digest("base64url");
}

/** Issues and checks web chat tokens with the given secret (WEB_CHAT_SECRET, or a random one per process). */
export function createChatTokens(opts: { secret: string; clock: Clock; ttlMs?: number }): ChatTokens {
  const ttl = opts.ttlMs ?? 12 * 3600_000;
  return {
    issue() {
      const expiresAt = new Date(opts.clock.now().getTime() + ttl);
      const expiry = String(Math.floor(expiresAt.getTime() / 1000));
      return { token: `${expiry}.${sign(opts.secret, expiry)}`, expiresAt };
    },
    verify(token) {
      const m = /^(\d{9,12})\.([A-Za-z0-9_-]{43})$/.exec(token ?? "");
      if (!m) return false;
      const expected = Buffer.from(sign(opts.secret, m[1]!));
      const given = Buffer.from(m[2]!);
      if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return false;
      return Number(m[1]) * 1000 > opts.clock.now().getTime();
    },
  };
}
