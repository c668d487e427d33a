import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { App } from "../app-env.js";
import type { I18n } from "../i18n/messages.js";
import { localeFromAcceptLanguage, toLocale, type Locale } from "../i18n/locale.js";
import type { ChatTokens } from "../web/chat-token.js";
import { escapeHtml } from "../lib/escape-html.js";

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../web");

const SECURITY_HEADERS: Record<string, string> = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

// JSON inside <script type="application/json"> must not be able to close the tag.
function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

function page(locale: Locale, i18n: I18n, token: string, retentionDays: number): string {
  const t = i18n.forLocale(locale);
  const strings = {
    you: t("web.you"),
    bot: t("web.bot"),
    error_network: t("web.error_network"),
    error_busy: t("web.error_busy"),
  };
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="chat-token" content="${escapeHtml(token)}">
<title>${escapeHtml(t("web.title"))}</title>
<link rel="stylesheet" href="/chat/assets/chat.css">
<script type="application/json" id="chat-strings">${safeJson(strings)}</script>
<script src="/chat/assets/chat.js" defer></script>
</head>
<body>
<header><h1>${escapeHtml(t("web.heading"))}</h1><p>${escapeHtml(t("web.intro"))}</p></header>
<main>
<div id="log" role="log" aria-live="polite" aria-relevant="additions text" aria-label="${escapeHtml(t("web.log_label"))}" tabindex="0"></div>
<p id="status" role="alert"></p>
<noscript><p>${escapeHtml(t("web.noscript"))}</p></noscript>
<form id="form" autocomplete="off">
<label for="text">${escapeHtml(t("web.input_label"))}</label>
<input id="text" name="text" type="text" maxlength="1000" placeholder="${escapeHtml(t("web.placeholder"))}" enterkeyhint="send" required>
<button id="send" type="submit">${escapeHtml(t("web.send"))}</button>
</form>
<p class="privacy">${escapeHtml(t("web.privacy", { days: retentionDays }))}</p>
</main>
</body>
</html>
`;
}

export type ChatPageDeps = { i18n: I18n; chatTokens: ChatTokens; retentionDays: number };

/**
 * GET /chat: the web chat page (plain HTML, CSS and a small script; no framework, no CDN).
 * The page carries a short-lived x-chat-token instead of SERVICE_TOKEN; GET /chat/token renews it.
 * Language: ?lang=id|en, else the browser's Accept-Language, else Indonesian.
 */
export function registerChatPage(app: App, deps: ChatPageDeps): void {
  const assets: Record<string, { body: string; type: string }> = {
    "chat.js": { body: fs.readFileSync(path.join(WEB_DIR, "chat.js"), "utf8"), type: "text/javascript; charset=utf-8" },
    "chat.css": { body: fs.readFileSync(path.join(WEB_DIR, "chat.css"), "utf8"), type: "text/css; charset=utf-8" },
  };

  app.get("/chat", (c) => {
    const locale = toLocale(c.req.query("lang")) ?? localeFromAcceptLanguage(c.req.header("accept-language"));
    const { token } = deps.chatTokens.issue();
    return c.html(page(locale, deps.i18n, token, deps.retentionDays), 200, { ...SECURITY_HEADERS, "cache-control": "no-store" });
  });

  app.get("/chat/token", (c) => {
    const { token, expiresAt } = deps.chatTokens.issue();
    return c.json({ token, expiresAt: expiresAt.toISOString() }, 200, { "cache-control": "no-store" });
  });

  app.get("/chat/assets/:file", (c) => {
    const asset = assets[c.req.param("file")];
    if (!asset) return c.json({ error: "not_found", message: "no such asset" }, 404);
    return c.body(asset.body, 200, { "content-type": asset.type, "cache-control": "public, max-age=3600", "x-content-type-options": "nosniff" });
  });
}
