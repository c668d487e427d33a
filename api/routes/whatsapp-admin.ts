// The WhatsApp pairing page: the QR code to scan (as SVG, refreshed by a meta refresh as WhatsApp
// rotates it, no JavaScript), the pairing code when a phone number is configured, and the
// connection status. It reads the status row the WhatsApp worker writes, so it works whether the
// worker runs inside `npm start` or alone (`npm run start:whatsapp`).
//
// Access: ADMIN_TOKEN or SERVICE_TOKEN, as a Bearer header or as the password of HTTP Basic auth
// (any user name), so a browser can open it. Without either token it only answers when the
// service listens on a loopback address. Staff use /staff/whatsapp (admin login, CSRF) instead;
// this token page stays for operators without a staff account (headless setups, monitoring).
import { html, raw } from "hono/html";
import type { Context, MiddlewareHandler } from "hono";
import QRCode from "qrcode";
import type { App, AppEnv } from "../app-env.js";
import { sameSecret } from "../middleware/service-token.js";

export type WhatsAppStatusView = {
  status: string;
  qr: string | null;
  pairingCode: string | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  connectedAt: Date | null;
  updatedAt: Date;
};

export type WhatsAppAdminDeps = {
  /** The worker's status row (null before it first started). */
  status(): Promise<WhatsAppStatusView | null>;
  /** Asks the worker for a new QR code (after one expired, or a logout). */
  requestPairing(): Promise<void>;
  /** Accepted tokens (ADMIN_TOKEN, SERVICE_TOKEN); empty means local mode. */
  tokens: string[];
  /** The address the service listens on; without tokens only loopback is allowed. */
  host: string;
};

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1)$/;

const LABELS: Record<string, string> = {
  connecting: "Connecting to WhatsApp…",
  pairing: "Waiting for a scan: open WhatsApp on the library's phone → Linked devices → Link a device",
  open: "Connected",
  reconnecting: "Connection lost; reconnecting",
  logged_out: "Logged out: the session was cleared, a new pairing is needed",
  pairing_expired: "The QR code expired before anyone scanned it",
  replaced: "Another process took over this WhatsApp session; this one stopped",
  stopped: "The WhatsApp worker is not running",
};

// While a QR code is shown it changes every ~20 s; otherwise a slower refresh keeps the status current.
const refreshSeconds = (status: string | undefined) => (status === "pairing" || status === "connecting" || status === "reconnecting" ? 5 : 30);

function adminAccess(deps: WhatsAppAdminDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (deps.tokens.length === 0) {
      if (!LOOPBACK.test(deps.host)) {
        return c.text("Set ADMIN_TOKEN (or SERVICE_TOKEN) to open this page on a service reachable from other machines.", 403);
      }
      return next();
    }
    const header = c.req.header("authorization") ?? "";
    let given: string | undefined = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    const basic = /^Basic\s+(.+)$/i.exec(header)?.[1];
    if (!given && basic) {
      const decoded = Buffer.from(basic, "base64").toString("utf8");
      given = decoded.slice(decoded.indexOf(":") + 1);
    }
    if (given && deps.tokens.some((t) => sameSecret(given!, t))) return next();
    return c.text("Sign in with the admin token as the password.", 401, { "www-authenticate": 'Basic realm="Tanya Pustaka admin", charset="UTF-8"' });
  };
}

function noStore(c: Context<AppEnv>): void {
  // The QR code links a phone to this bot: never cache it, never show it in a frame.
  c.header("cache-control", "no-store");
  c.header("x-frame-options", "DENY");
  c.header("referrer-policy", "no-referrer");
  c.header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'");
}

const when = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 19) + " UTC" : "—");

async function page(s: WhatsAppStatusView | null) {
  const status = s?.status ?? "stopped";
  const qrSvg = s?.qr && status === "pairing" ? await QRCode.toString(s.qr, { type: "svg", margin: 2, errorCorrectionLevel: "L" }) : null;
  const canRequest = ["pairing_expired", "logged_out", "replaced", "stopped"].includes(status);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${refreshSeconds(status)}">
<title>WhatsApp pairing · Tanya Pustaka</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
  .qr { width: 18rem; max-width: 100%; }
  .status { font-weight: bold; }
  .code { font-family: monospace; font-size: 2rem; letter-spacing: .2em; }
  dt { font-weight: bold; } dd { margin: 0 0 .5rem 0; }
</style>
</head>
<body>
<h1>WhatsApp</h1>
<p class="status" data-status="${status}">${LABELS[status] ?? status}</p>
${qrSvg ? html`<div class="qr" role="img" aria-label="QR code to link WhatsApp">${raw(qrSvg)}</div>` : ""}
${s?.pairingCode && status === "pairing"
    ? html`<p>Or enter this code on the phone (Linked devices → Link with phone number):</p><p class="code">${s.pairingCode}</p>`
    : ""}
<dl>
  <dt>Connected since</dt><dd>${status === "open" ? when(s?.connectedAt ?? null) : "—"}</dd>
  <dt>Last error</dt><dd>${s?.lastError ?? "—"}${s?.lastErrorAt ? html` (${when(s.lastErrorAt)})` : ""}</dd>
  <dt>Updated</dt><dd>${when(s?.updatedAt ?? null)}</dd>
</dl>
${canRequest ? html`<form method="post" action="/admin/whatsapp/pair"><button type="submit">Show a new QR code</button></form>` : ""}
<p><small>This page refreshes itself every ${refreshSeconds(status)} seconds.</small></p>
</body>
</html>`;
}

/** GET /admin/whatsapp (pairing page) and POST /admin/whatsapp/pair (ask for a new QR code). */
export function registerWhatsAppAdminRoutes(app: App, deps: WhatsAppAdminDeps): void {
  app.use("/admin/whatsapp", adminAccess(deps));
  app.use("/admin/whatsapp/*", adminAccess(deps));
  app.get("/admin/whatsapp", async (c) => {
    noStore(c);
    return c.html(await page(await deps.status()));
  });
  app.post("/admin/whatsapp/pair", async (c) => {
    noStore(c);
    // Browsers send Basic credentials to any site's form post; only our own page may ask.
    const origin = c.req.header("origin");
    if (origin && new URL(origin).host !== new URL(c.req.url).host) return c.text("Cross-site request refused.", 403);
    await deps.requestPairing();
    return c.redirect("/admin/whatsapp", 303);
  });
}
