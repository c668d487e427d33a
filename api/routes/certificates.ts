// Public certificate verification: anyone holding a printed certificate (an employer, a school)
// can check it. It shows the name, the lesson and the date and nothing else: no chat, no score,
// no channel, so a code leaks no more than the paper it is printed on.
import { createRoute, z } from "@hono/zod-openapi";
import type { App } from "../app-env.js";
import { createI18n, type I18n } from "../i18n/messages.js";
import { localeFromAcceptLanguage, type Locale } from "../i18n/locale.js";
import { displayCode, normalizeCode } from "../lessons/certificate-code.js";
import { certificateDate } from "../lessons/certificate-document.js";
import type { CertificateStore } from "../lessons/certificate-store.js";
import { escapeHtml } from "../lib/escape-html.js";

export type CertificateRouteDeps = { certificates: CertificateStore; timeZone: string; i18n?: I18n };

const Verified = z
  .object({
    code: z.string().openapi({ example: "7KQ4M-2XD9P" }),
    name: z.string().openapi({ example: "Maria Ndolu" }),
    lesson: z.string().openapi({ example: "Mengenali hoaks dan cek fakta" }),
    date: z.string().openapi({ description: "Issue date (YYYY-MM-DD, library time zone)", example: "2026-11-21" }),
  })
  .openapi("VerifiedCertificate");

const ErrorBody = z.object({ error: z.string(), message: z.string() });

const route = createRoute({
  method: "get",
  path: "/certificates/{code}",
  tags: ["lessons"],
  summary: "Verify a lesson certificate (public)",
  description: "An HTML page for people; JSON with `accept: application/json`. Codes are case-insensitive and may be written with or without the dash.",
  request: { params: z.object({ code: z.string().max(40).openapi({ param: { name: "code", in: "path" }, example: "7KQ4M-2XD9P" }) }) },
  responses: {
    200: {
      description: "the certificate exists",
      content: { "application/json": { schema: Verified }, "text/html": { schema: z.string() } },
    },
    404: { description: "no certificate has this code", content: { "application/json": { schema: ErrorBody }, "text/html": { schema: z.string() } } },
  },
});

const HEADERS: Record<string, string> = {
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  // Search engines should not index people's names.
  "x-robots-tag": "noindex",
};

function page(locale: Locale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#213354}dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem}dt{font-weight:600}h1{font-size:1.4rem}</style>
</head>
<body>
${body}
</body>
</html>`;
}

function ymd(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(date);
}

/** GET /certificates/:code — public verification as an HTML page or JSON. */
export function registerCertificateRoutes(app: App, deps: CertificateRouteDeps): void {
  const i18n = deps.i18n ?? createI18n();
  app.openapi(route, async (c) => {
    const accept = c.req.header("accept") ?? "";
    const wantsJson = /application\/json/i.test(accept) && !/text\/html/i.test(accept);
    const locale = localeFromAcceptLanguage(c.req.header("accept-language"));
    const t = i18n.forLocale(locale);
    const normalized = normalizeCode(c.req.valid("param").code);
    const cert = normalized ? await deps.certificates.byCode(normalized) : null;
    for (const [k, v] of Object.entries(HEADERS)) c.header(k, v);
    c.header("vary", "accept, accept-language");
    if (!cert) {
      if (wantsJson) return c.json({ error: "not_found", message: "no certificate has this code" }, 404);
      return c.html(page(locale, t("lesson.verify_page.not_found_title"), `<h1>${escapeHtml(t("lesson.verify_page.not_found_title"))}</h1>\n<p>${escapeHtml(t("lesson.verify_page.not_found"))}</p>`), 404);
    }
    const code = displayCode(cert.code);
    if (wantsJson) return c.json({ code, name: cert.learnerName, lesson: cert.lessonTitle, date: ymd(cert.issuedAt, deps.timeZone) }, 200);
    const rows: [string, string][] = [
      [t("lesson.verify_page.name"), cert.learnerName],
      [t("lesson.verify_page.lesson"), cert.lessonTitle],
      [t("lesson.verify_page.date"), certificateDate(locale, cert.issuedAt, deps.timeZone)],
      [t("lesson.verify_page.code"), code],
    ];
    const body = `<h1>${escapeHtml(t("lesson.verify_page.valid"))}</h1>\n<dl>\n${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("\n")}\n</dl>`;
    return c.html(page(locale, t("lesson.verify_page.title"), body), 200);
  });
}
